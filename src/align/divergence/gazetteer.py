"""Names that transliteration cannot match: exonyms, demonyms, acronyms, historical places; CLDR territories.

"Georgia" is "Грузия" and "Վրաստան"; "Germany" is "Германия" and "Գերմանիա";
"UN" is "ООН" and "ՄԱԿ"; "Angora" is "Ankara" and "Анкара"; "Alexandropol" is
"Gyumri", "Александрополь" and "Ալեքսանդրապոլ".  Each line is one place or body: English word forms
(exact, lower case), then Russian and Armenian stems (a word matches when it
starts with the stem).  Entries whose spellings already transliterate to one
another (Iran/Иран/Իրան) are not needed here.  General knowledge, written for
this project; extend it for the texts you align.
"""
from __future__ import annotations

from functools import lru_cache

from ..languages import EAST_SLAVIC

# concept: (English forms, Russian stems, Armenian stems)
_ENTRIES: dict[str, tuple[str, str, str]] = {
    "armenia": ("armenia armenian armenians", "армян армени", "հայաստան հայկական հայեր հայ"),
    "georgia": ("georgia georgian georgians", "грузи грузин", "վրաստան վրացական վրաց վրացի"),
    "azerbaijan": ("azerbaijan azerbaijani azerbaijanis azeri azeris", "азербайджан азер", "ադրբեջան"),
    "turkey": ("turkey turkish turk turks turkic", "турц турецк турк турок туркам", "թուրք"),
    "russia": ("russia russian russians", "росси русск русским русских рус", "ռուսաստան ռուսական ռուս"),
    "ussr": ("ussr", "ссср", "խսհմ"),
    "soviet": ("soviet soviets", "совет", "խորհրդ"),
    "ukraine": ("ukraine ukrainian ukrainians", "украин", "ուկրաին"),
    "belarus": ("belarus belarusian byelorussia", "беларус белорус", "բելառուս"),
    "poland": ("poland polish pole poles", "польш польск поляк", "լեհաստան լեհական լեհ"),
    "germany": ("germany german germans", "германи немец немц немецк", "գերմանիա գերմանական գերմանացի"),
    "austria": ("austria austrian austrians", "австри", "ավստրիա ավստրիական"),
    "hungary": ("hungary hungarian hungarians", "венгр венгерск", "հունգար"),
    "czechia": ("czech czechia czechoslovakia czechoslovak czechoslovaks", "чех чешск чехослова", "չեխ չեխոսլովակ"),
    "greece": ("greece greek greeks", "греци греческ грек", "հունաստան հույն հունական"),
    "egypt": ("egypt egyptian egyptians", "египт египет", "եգիպտ"),
    "china": ("china chinese", "кита китайск", "չինաստան չինական չին"),
    "japan": ("japan japanese", "япони японск японц", "ճապոնիա ճապոնական ճապոնացի"),
    "india": ("india indian indians", "инди индийск", "հնդկաստան հնդկական"),
    # the Grand Old Party: the US Republican Party ("GOP senators" / "сенаторов Республиканской партии")
    "gop": ("gop", "республиканск", "հանրապետական"),
    "usa": ("us usa america american americans states", "сша америк американ", "ամն ամերիկ"),
    # England and Britain are one entry: translations use them for each other (Armenian Անգլիա for the UK)
    "uk": ("uk britain british briton britons england english englishman englishmen",
           "великобритани британ англи англичан", "բրիտանիա բրիտանական անգլիա անգլիական անգլիացի թագավորություն"),
    "france": ("france french frenchman", "франци француз", "ֆրանսիա ֆրանսիական ֆրանսիացի"),
    "spain": ("spain spanish spaniard spaniards", "испани испанск испанц", "իսպանիա իսպանական"),
    "italy": ("italy italian italians", "итали итальян", "իտալիա իտալական"),
    "netherlands": ("netherlands dutch holland", "нидерланд голланд", "նիդեռլանդ հոլանդ"),
    "sweden": ("sweden swedish swede swedes", "швеци шведск швед", "շվեդիա շվեդական շվեդ"),
    "switzerland": ("switzerland swiss", "швейцар", "շվեյցար"),
    "finland": ("finland finnish finn finns", "финлянд финск финн", "ֆինլանդ ֆիննական"),
    "norway": ("norway norwegian norwegians", "норвег", "նորվեգ"),
    "denmark": ("denmark danish dane danes", "дани датск датчан", "դանիա դանիական"),
    "scotland": ("scotland scottish scot scots", "шотланд", "շոտլանդ"),
    "wales": ("wales welsh", "уэльс валлий", "ուելս"),
    "ireland": ("ireland irish", "ирланд", "իռլանդ"),
    "uae": ("uae emirates emirati", "оаэ эмират", "արաբական միացյալ էմիրություններ ամէ էմիրություն"),
    "saudi": ("saudi saudis", "саудовск", "սաուդյան սաուդ"),
    "arab": ("arab arabs arabic arabian", "араб арабск", "արաբական արաբ"),
    "syria": ("syria syrian syrians", "сири сирийск", "սիրիա սիրիական"),
    "lebanon": ("lebanon lebanese", "ливан", "լիբանան"),
    "jordan": ("jordan jordanian", "иордани", "հորդանան"),
    "persia": ("persia persian persians", "перси персидск перс", "պարսկ"),
    "kurd": ("kurd kurds kurdish kurdistan", "курд курдск", "քուրդ քրդական քրդ"),
    "crimea": ("crimea crimean", "крым крымск", "ղրիմ"),
    "caucasus": ("caucasus caucasian transcaucasia transcaucasian", "кавказ закавказ", "կովկաս անդրկովկաս"),
    "europe": ("europe european europeans", "европ", "եվրոպա եվրոպական"),
    "asia": ("asia asian", "азиат ази", "ասիա ասիական"),
    "anatolia": ("anatolia anatolian", "анатоли", "անատոլիա"),
    "africa": ("africa african", "африк", "աֆրիկ"),
    "moscow": ("moscow muscovite", "москв московск", "մոսկվա"),
    "istanbul": ("constantinople istanbul", "константинопол стамбул царьград", "կոստանդնուպոլ ստամբուլ պոլիս"),
    "ankara": ("ankara angora", "анкар ангор", "անկարա անգորա"),
    "tbilisi": ("tbilisi tiflis", "тбилиси тифлис", "թբիլիսի թիֆլիս"),
    "yerevan": ("yerevan erivan", "ереван эриван", "երևան"),
    "kars": ("kars", "карс", "կարս"),
    "warsaw": ("warsaw", "варшав", "վարշավա"),
    "vienna": ("vienna", "вен", "վիեննա"),
    "rome": ("rome roman", "рим римск", "հռոմ"),
    "athens": ("athens", "афин", "աթենք"),
    "cairo": ("cairo", "каир", "կահիրե"),
    "beijing": ("beijing peking", "пекин", "պեկին"),
    "tokyo": ("tokyo", "токи", "տոկիո"),
    "london": ("london", "лондон", "լոնդոն"),
    "paris": ("paris parisian", "париж", "փարիզ"),
    "berlin": ("berlin", "берлин", "բեռլին"),
    "washington": ("washington", "вашингтон", "վաշինգտոն"),
    "kyiv": ("kyiv kiev", "киев киів", "կիև"),
    "jerusalem": ("jerusalem", "иерусалим", "երուսաղեմ"),
    "pacific": ("pacific", "тихоокеан тих", "խաղաղօվկիանոս խաղաղ"),
    "atlantic": ("atlantic", "атлантич", "ատլանտյան"),
    "arctic": ("arctic", "арктич арктик северн", "արկտիկ հյուսիսային"),
    "black sea": ("black", "черномор черн", "սևծով սև"),
    "mediterranean": ("mediterranean", "средиземномор средиземн", "միջերկրածով միջերկրական"),
    "baltic": ("baltic", "балтий балтик", "բալթ"),
    "caspian": ("caspian", "каспи", "կասպ"),
    "earth": ("earth", "земл", "երկիր երկր"),
    "moon": ("moon", "лун", "լուսին լուսն"),
    "sun": ("sun", "солнц", "արև"),
    "un": ("un", "оон", "մակ"),
    "who": ("who", "воз", "ահկ"),
    "imf": ("imf", "мвф", "արժույթի"),
    "osce": ("osce", "обсе", "եահկ"),
    "cis": ("cis", "снг", "ապհ"),
    "gdp": ("gdp", "ввп", "հնա"),
    "ai": ("ai", "ии", "աբ"),
    "hiv": ("hiv", "вич", "միավ"),
    "aids": ("aids", "спид", "ձիահ"),
    "fbi": ("fbi", "фбр", "հդբ բյուրո"),  # also spelt out in Armenian: "Հետաքննությունների դաշնային բյուրո"
    "christmas": ("christmas xmas", "рождеств", "ծննդ ծնունդ"),
    "bible": ("bible biblical", "библи", "աստվածաշունչ աստվածաշնչ"),
    "cia": ("cia", "цру", "կհվ"),
    "pyongyang": ("pyongyang", "пхеньян", "փհենյան"),
    "cologne": ("cologne", "кельн кёльн", "քյոլն"),
    "munich": ("munich", "мюнхен", "մյունխեն"),
    "mexico city": ("mexico", "мехико мексик", "մեխիկո մեքսիկ"),
    "hague": ("hague", "гааг", "հաագա"),
    "venice": ("venice venetian", "венеци", "վենետիկ"),
    "naples": ("naples", "неапол", "նեապոլ"),
    "florence": ("florence", "флоренци", "ֆլորենցիա"),
    "nato": ("nato", "нато", "նատօ նատո"),
    "eu": ("eu", "ес евросоюз", "եմ եվրամիություն"),
    "ottoman": ("ottoman ottomans", "осман", "օսման"),
    "bolshevik": ("bolshevik bolsheviks bolshevism", "большев", "բոլշև"),
    "dashnak": ("dashnak dashnaks dashnaktsutyun", "дашнак", "դաշնակ"),
    "tatar": ("tatar tatars tartar tartars", "татар", "թաթար"),
    "jew": ("jew jews jewish", "евре еврейск иуде", "հրեա հրեական"),
    "jesus": ("jesus", "иисус", "հիսուս"),
    "christ": ("christ", "христос христа христу христом христе", "քրիստոս քրիստոսի"),
    "christian": ("christian christians christianity", "христиан", "քրիստոն"),
    "muslim": ("muslim muslims moslem islamic islam", "мусульман ислам", "մահմեդական մուսուլման իսլամ"),
    "orthodox": ("orthodox", "православ", "ուղղափառ"),
    # historical place names of the region, as 1920 documents and their translations write them
    "gyumri": ("alexandropol gyumri leninakan", "александропол гюмри ленинакан", "ալեքսանդրապոլ գյումրի լենինական"),
    "vanadzor": ("karakilisa karaklis vanadzor", "каракилис караклис ванадзор", "ղարաքիլիսա կարաքիլիսա վանաձոր"),
    "ganja": ("elisavetpol elizavetpol ganja ganje", "елисаветпол елизаветпол гянджа гандзак", "գանձակ գյանջա"),
    "izmir": ("smyrna izmir", "смирн измир", "զմյուռնիա իզմիր"),
    "trabzon": ("trebizond trabzon", "трапезунд трабзон", "տրապիզոն"),
    "erzurum": ("erzerum erzurum", "эрзерум эрзурум", "էրզրում կարին"),
    "petrograd": ("petrograd petersburg leningrad", "петроград петербург ленинград", "պետրոգրադ պետերբուրգ"),
    "batumi": ("batum batumi", "батум", "բաթում"),
    "karabakh": ("karabakh karabagh", "карабах", "ղարաբաղ"),
    "echmiadzin": ("echmiadzin etchmiadzin", "эчмиадзин", "էջմիածին"),
    "sevan": ("sevan gokcha", "севан гокч", "սևան"),
    "ararat": ("ararat", "арарат", "արարատ"),
    "mesopotamia": ("mesopotamia", "месопотами", "միջագետք"),
    "cilicia": ("cilicia cilician", "киликий", "կիլիկի"),
    "geneva": ("geneva", "женев", "ժնև"),
    "sevres": ("sèvres sevres", "севр", "սևր"),
    "versailles": ("versailles", "версал", "վերսալ"),
    "lausanne": ("lausanne", "лозанн", "լոզան"),
    "tabriz": ("tabriz tauris", "тебриз табриз", "թավրիզ"),
    "baku": ("baku", "баку", "բաքու"),
    "zangezur": ("zangezur zangezour", "зангезур", "զանգեզուր"),
}

_BY_LANG: dict[str, dict[str, str]] = {"en": {}, "ru": {}, "hy": {}}
for _concept, (_en, _ru, _hy) in _ENTRIES.items():
    for _form in _en.split():
        _BY_LANG["en"][_form] = _concept
    for _lang, _stems in (("ru", _ru), ("hy", _hy)):
        for _stem in _stems.split():
            _BY_LANG[_lang][_stem] = _concept
_STEMS = {lang: sorted(table, key=len, reverse=True) for lang, table in _BY_LANG.items() if lang != "en"}


@lru_cache(maxsize=65536)
def concept(word: str, lang: str) -> str | None:
    """The place or body a word names, if the table knows it (``"Грузии"`` → ``"georgia"``)."""
    w = word.lower().replace("’", "'")
    if lang == "en":
        if w.endswith("'s"):
            w = w[:-2]
        if w in ("us", "who", "ai", "cis") and not word.isupper():
            return None  # the pronouns, and words that are acronyms only in capitals
        return _BY_LANG["en"].get(w)
    stems = _STEMS.get(lang)
    if not stems:
        return None
    if "-" in w:  # ԱՄՆ-ում, ЕС-овский: an acronym with its ending
        head = w.split("-")[0]
        if head in _BY_LANG[lang]:
            return _BY_LANG[lang][head]
    for stem in stems:
        # short stems must be nearly the whole word ("рим" → "Рима"); two letters, the whole word
        if w.startswith(stem) and (len(stem) >= 5 or len(w) - len(stem) <= (0 if len(stem) <= 2 else 3)):
            return _BY_LANG[lang][stem]
    return None


# -- CLDR territory names (babel) -----------------------------------------------------------

#: Words of territory names too general to name one ("United", "Republic", "Islands").
_GENERIC = set("""
united states kingdom republic islands island saint st north south east west new central democratic
people's federal federated arab emirates the and of outlying minor british virgin french polynesia guiana
соединенные соединённые штаты королевство республика острова остров святой северная южная восточная
западная новая центральная демократическая народная федеративная арабские эмираты виргинские
միացյալ նահանգներ թագավորություն հանրապետություն կղզիներ կղզի սուրբ հյուսիսային հարավային արևելյան
արևմտյան նոր կենտրոնական ժողովրդական դաշնային արաբական էմիրություններ
états unis royaume république îles île saint sainte nord sud est ouest nouvelle centrale
vereinigte staaten königreich republik inseln insel nord süd ost west neu zentral
""".split())
_VOWEL_END = set("аеёиоуыэюяьйաեէըիոօaeiouy")


@lru_cache(maxsize=32)
def _territory_stems(lang: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """CLDR's names of countries and territories in ``lang``: {exact word or stem: code}, stems longest first."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - babel is a dependency
        return {}, ()
    try:
        locale = Locale.parse(lang)
        names = dict(locale.territories)
        # language names too, which are also the adjectives of nations in English ("German", "allemand")
        names.update({f"lang:{code}": name for code, name in locale.languages.items()
                      if code.isalpha() and len(code) in (2, 3)})
    except (UnknownLocaleError, ValueError):
        return {}, ()
    table: dict[str, str] = {}
    # one-word names first, so "English" is English and not the "Old English" that also holds the word
    for code, name in sorted(names.items(), key=lambda kv: (len(kv[1].split()), kv[0])):
        if code.isalpha() and (len(code) != 2 or code in ("ZZ", "EU", "EZ", "UN", "QO")):
            continue
        for word in name.lower().replace("-", " ").split():
            if len(word) < 4 or word in _GENERIC:
                continue
            stem = word
            if lang in EAST_SLAVIC and len(word) > 6 and word[-2:] in ("ий", "ый", "ой", "ая", "ое", "ие", "ые"):
                stem = word[:-2]  # немецкий → немецк-ого
            elif lang != "en" and len(word) > 5 and word[-1] in _VOWEL_END:
                stem = word[:-1]
            table.setdefault(stem, code)
    return table, tuple(sorted(table, key=len, reverse=True))


@lru_cache(maxsize=65536)
def territory(word: str, lang: str) -> str | None:
    """The CLDR territory code a word names in ``lang`` ("Վրաստանի" → "GE", "Allemagne" → "DE"), or
    ``"lang:"`` and the code of a language it names ("German", "allemands", "немецкого" → "lang:de").

    Read through **babel** (BSD; CLDR data inside), in any language babel has.
    English words match whole (or with "'s"); words of inflected languages
    match a name's stem followed by up to three letters.  Only used to match
    two names, never to make a word a name.
    """
    w = word.lower().replace("’", "'")
    if lang in ("fr", "it", "ca") and len(w) > 2 and w[1] == "'":
        w = w[2:]  # l'Arménie, d'Italia
    elif lang in ("fr", "it") and w.startswith("qu'"):
        w = w[3:]
    if len(w) < 4:
        return None
    table, stems = _territory_stems(lang)
    if not table:
        return None
    if lang == "en":
        return table.get(w[:-2] if w.endswith("'s") else w)
    if w in table:
        return table[w]
    for stem in stems:
        if w.startswith(stem) and len(w) - len(stem) <= 3 and len(stem) >= 4:
            return table[stem]
    return None
