"""Antonyms: the target says the opposite of a word of the source.

A small bilingual table of opposite pairs (increase/decrease, big/small,
first/last, win/lose, allow/forbid, ...) with English word forms and Russian
and Armenian patterns (every case form).  A pair fires when the source has
one pole and not the other while the target has the other pole and not the
first: "рост цен" → "prices fell".  Capitalised words inside a sentence are
names ("New York", "Western Union") and are skipped.

General vocabulary written for this project; the table is short on purpose,
because each entry can also fire on a loose but correct translation.

A few pairs are *clean* (:data:`CLEAN`): gradable words and evaluations whose
poles a faithful English–Russian translation does not trade — more/less
(более/less), better/worse (худший/best), high/low, big/small, strong/weak,
rich/poor, cheap/expensive, fast/slow, increase/decrease, success/failure,
possible/impossible, legal/illegal, positive/negative, maximum/minimum,
often/rarely, current/former, appear/disappear, quiet/loud, arrive/depart.  Where
such a pair is the only antonym of an English–Russian bead and both sides
negate equally often (a negation on one side only may cancel it: "ended in
failure" / "не увенчались успехом"), the antonym is a changed fact and sets a
floor (:data:`FLIPPED_FLOOR`).  The loose pairs (first/last, before/after,
win/lose, start/end, few/many, hot/cold, ...) fire on faithful news
translations and never floor; Armenian "ավելի" is the mark of any comparative
("ավելի քիչ", less), so Armenian pairs never floor either.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..languages import RULES_LANGUAGE
from ..records import Mark
from .base import Finding, evidence, quote
from .polarity import negations
from .tokens import SideText, Word

_ADJ = r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)"
# (English forms, Russian pattern, Armenian pattern) for each pole; patterns match whole words.
_PAIRS: list[tuple[tuple[str, str, str], tuple[str, str, str]]] = [
    (("increase increased increases increasing rise rose risen rises rising grow grew grown grows growing growth",
      r"увелич\w*|рост|роста|росту|ростом|росте|выро\w*|вырас\w*|возрос\w*|повыш\w*|повыс\w*",
      r"աճ\w*|ավելաց\w*|ավելան\w*"),
     ("decrease decreased decreases decreasing fall fell fallen falls falling decline declined declines "
      "declining drop dropped drops dropping reduce reduced reduces reducing reduction",
      r"уменьш\w*|сниж\w*|сниз\w*|сократ\w*|сокращ\w*|упа[лвд]\w*|пада\w*|паден\w*|пониж\w*|пониз\w*",
      r"նվազ\w*|կրճատ\w*|անկում\w*")),
    (("big bigger biggest large larger largest huge",
      r"больш" + _ADJ + r"|крупн\w*|огромн\w*", r"մեծ|մեծը|մեծի|խոշոր\w*|հսկայական\w*"),
     ("small smaller smallest little tiny", r"мал" + _ADJ + r"|маленьк\w*|небольш\w*|мелк\w*|крошечн\w*|крохотн\w*",
      r"փոքր\w*")),
    (("many numerous", r"много|многие|многих|многим|многими|многочисленн\w*", r"շատ|բազմաթիվ\w*"),
     ("few", r"мало|немного|немногие|немногих|немногим", r"քիչ|սակավ\w*")),
    (("more", r"больше|более", r"ավելի"), ("less fewer", r"меньше|менее", r"պակաս\w*")),
    (("high higher highest", r"высок\w*|выше|высш\w*", r"բարձր\w*"),
     ("low lower lowest", r"низк\w*|ниже|низш\w*", r"ցածր\w*")),
    (("long longer longest lengthy", r"длинн\w*|продолжительн\w*", r"երկար\w*"),
     ("short shorter shortest brief", r"коротк\w*|кратк\w*", r"կարճ\w*")),
    (("early earlier earliest previously formerly before", r"ранн\w*|рано|раньше|ранее|прежде|до|перед",
      r"վաղ\w*|նախկինում|առաջ|նախքան"),
     ("late later latest afterwards subsequently after", r"поздн\w*|поздно|позже|позднее|после|впоследствии",
      r"ուշ|ուշաց\w*|հետո|ավելի ուշ")),
    # English "light" is far more often the noun (свет), so only its opposite is listed
    (("", r"легк\w*|лёгк\w*|слаб\w*|небольш\w*", r"թեթև\w*"),
     ("heavy heavier heaviest", r"тяжел\w*|тяжёл\w*|сильн\w*|проливн\w*", r"ծանր\w*|հորդ\w*")),
    (("over above", r"над|выше", r"վերև\w*|վերևում"),
     ("under below beneath underneath", r"под|ниже", r"տակ\w*|ներքև\w*")),
    (("ease eased eases easing relax relaxed relaxing loosen loosened soften softened",
      r"смягч\w*|ослаб\w*", r"մեղմ\w*|թուլաց\w*"),
     ("tighten tightened tightens tightening toughen toughened harden hardened",
      r"ужесточ\w*|ужесточ\w*", r"խստաց\w*")),
    (("new newer newest", r"нов" + _ADJ, r"նոր|նորը|նորի"),
     ("old older oldest", r"стар" + _ADJ + r"|старше", r"հին|հինը|հնագույն\w*")),
    (("young younger youngest", r"молод\w*", r"երիտասարդ\w*"),
     ("old older oldest elderly", r"стар" + _ADJ + r"|старше|пожил\w*", r"ծեր\w*|տարեց\w*")),
    (("first", r"перв" + _ADJ + r"|впервые", r"առաջին\w*"),
     ("last final", r"последн\w*", r"վերջին\w*")),
    (("start started starts starting begin began begun begins beginning",
      r"нача(?!льн)\w*|начин\w*", r"սկս\w*|սկիզբ\w*"),
     ("end ended ends ending finish finished finishes finishing",
      r"конч\w*|законч\w*|заверш\w*|конец|конца|концу|концом|конце", r"ավարտ\w*|վերջ|վերջը|վերջում")),
    (("open opened opens opening", r"откр(?:ы|ой|оет|ою|оют)\w*", r"բաց|բացել\w*|բացվ\w*|բացեց\w*|բացում\w*"),
     ("close closed closes closing shut", r"закр(?:ы|ой|оет|ою|оют)\w*", r"փակ\w*")),
    (("win wins won winning victory victories winner winners", r"побед\w*|выигр\w*", r"հաղթ\w*"),
     ("lose loses lost losing defeat defeated defeats loss losses loser",
      r"проигр\w*|поражени\w*", r"պարտվ\w*|պարտությ\w*")),
    (("strong stronger strongest", r"сильн\w*", r"ուժեղ\w*"),
     ("weak weaker weakest", r"слаб\w*", r"տկար\w*")),
    (("good better best", r"хорош\w*|лучш\w*|лучше", r"լավ\w*"),
     ("bad worse worst", r"плох\w*|худш\w*|хуже", r"վատ\w*")),
    (("north northern", r"север\w*", r"հյուսիս\w*"),
     ("south southern", r"юг|юга|югу|югом|юге|южн\w*", r"հարավ\w*")),
    (("east eastern", r"восток\w*|восточн\w*", r"արևել\w*"),
     ("west western", r"запад\w*", r"արևմ\w*")),
    (("allow allowed allows allowing permit permitted permits", r"разреш\w*|позвол\w*", r"թույլատր\w*"),
     ("forbid forbade forbidden forbids ban banned bans prohibit prohibited prohibits",
      r"запрет\w*|запрещ\w*", r"արգել\w*")),
    (("accept accepted accepts accepting", r"приня\w*|приним\w*", r"ընդուն\w*"),
     ("reject rejected rejects rejecting refuse refused refuses refusing",
      r"отверг\w*|отклон\w*|отказ\w*", r"մերժ\w*")),
    (("success successful successfully succeed succeeded succeeds",
      r"успех\w*|успешн\w*", r"հաջող\w*"),
     ("failure failures fail failed fails unsuccessful", r"неудач\w*|провал\w*|неуспешн\w*",
      r"ձախող\w*|անհաջող\w*")),
    (("rich richer richest wealthy", r"богат\w*", r"հարուստ\w*"),
     ("poor poorer poorest poverty", r"бедн\w*", r"աղքատ\w*")),
    (("hot warm warmer warmest", r"жарк\w*|тепл\w*|горяч\w*", r"տաք\w*|շոգ\w*"),
     ("cold colder coldest cool cooler", r"холод\w*|прохлад\w*", r"ցուրտ\w*|սառը|սառն\w*")),
    (("fast faster fastest quick quicker quickly rapid rapidly", r"быстр\w*", r"արագ\w*"),
     ("slow slower slowest slowly", r"медлен\w*", r"դանդաղ\w*")),
    (("import imports imported importing", r"импорт\w*|ввоз\w*", r"ներմուծ\w*"),
     ("export exports exported exporting", r"экспорт\w*|вывоз\w*", r"արտահան\w*")),
    (("maximum maximal", r"максим\w*", r"առավելագույն\w*"),
     ("minimum minimal", r"миним\w*", r"նվազագույն\w*")),
    (("positive positively", r"положительн\w*|позитивн\w*", r"դրական\w*"),
     ("negative negatively", r"отрицательн\w*|негативн\w*", r"բացասական\w*")),
    (("possible possibly", r"возможн\w*", r"հնարավոր\w*"),
     ("impossible", r"невозможн\w*", r"անհնար\w*")),
    (("legal legally lawful", r"законн\w*|легальн\w*", r"օրինական\w*"),
     ("illegal illegally unlawful", r"незаконн\w*|нелегальн\w*", r"անօրինական\w*")),
    (("internal domestic", r"внутренн\w*", r"ներքին\w*"),
     ("external foreign", r"внешн\w*|иностран\w*", r"արտաքին\w*|օտարերկր\w*")),
    (("cheap cheaper cheapest inexpensive", r"дешев\w*|дешёв\w*", r"էժան\w*"),
     ("expensive costly", r"дорог(?:ая|ие|ого|их|ое|ую|ими|им|о)", r"թանկ\w*")),
    (("safe safer safest safely safety", r"безопасн\w*", r"անվտանգ\w*"),
     ("dangerous danger dangers unsafe", r"опасн\w*", r"վտանգ\w*")),
    (("wide wider widest broad", r"широк\w*|шире", r"լայն\w*"),
     ("narrow narrower narrowest", r"узк\w*", r"նեղ\w*")),
    (("easy easier easiest easily", r"легк\w*|лёгк\w*|легче", r"հեշտ\w*"),
     ("difficult hard harder hardest", r"трудн\w*|сложн\w*|тяжел\w*|тяжёл\w*", r"դժվար\w*")),
    (("support supported supports supporting", r"поддерж\w*", r"աջակց\w*|սատար\w*"),
     ("oppose opposed opposes opposing", r"противостоя\w*", r"ընդդիմ\w*")),
    (("dark darker darkest", r"т[её]мн\w*", r"մութ\w*|մուգ\w*"),
     ("bright brighter brightest", r"светл\w*|ярк\w*", r"պայծառ\w*|վառ\w*")),
    (("love loved loves loving", r"любов\w*|люб[лия]\w*", r"սեր|սիր\w*"),
     ("hate hated hates hating hatred", r"ненави\w*", r"ատել\w*|ատում\w*|ատեց\w*")),
    (("often frequently frequent", r"часто|частые|частых|частым|частыми|нередко", r"հաճախ\w*"),
     ("rarely seldom rare", r"редко|редк" + _ADJ, r"հազվադեպ\w*|հազվ\w*")),
    (("current currently incumbent", r"действующ\w*|нынешн\w*", r"ներկայիս|գործող\w*"),
     ("former ex", r"бывш\w*|экс", r"նախկին\w*")),
    (("appear appeared appears appearing", r"появ\w*|появл\w*", r"հայտնվ\w*"),
     ("disappear disappeared disappears disappearing vanish vanished vanishes vanishing",
      r"исчез\w*|исчеза\w*|пропа[лдв]\w*", r"անհետաց\w*|չքաց\w*")),
    (("quiet quieter quietest quietly", r"тих\w*|тише", r"հանգիստ\w*|լուռ\w*"),
     ("loud louder loudest loudly noisy", r"громк\w*|громче|шумн\w*", r"բարձրաձայն\w*|աղմկոտ\w*")),
    # "прибыли" is also "profits": the plural past is left out
    (("arrive arrived arrives arriving arrival",
      r"прибыл[ао]?|прибыв\w*|прибыт\w*|прибуд\w*|приезд\w*|приех\w*|приезжа\w*", r"ժամանել\w*|ժամանեց\w*"),
     ("depart departed departs departing departure",
      r"отбыл[аио]?|отбыв\w*|отбыт\w*|отъезд\w*|уех\w*|уезжа\w*", r"մեկնել\w*|մեկնեց\w*")),
]


#: The first English word of each clean pair's first pole (see the module's docstring).
_CLEAN_KEYS = ("more", "good", "high", "big", "strong", "rich", "cheap", "fast", "increase", "success", "possible",
               "legal", "positive", "maximum", "often", "current", "appear", "quiet", "arrive")
#: The indices of the clean pairs in the table.
CLEAN = frozenset(i for i, (a, _) in enumerate(_PAIRS) if a[0].split()[:1] and a[0].split()[0] in _CLEAN_KEYS)
#: The languages whose clean pairs floor (their rules language, :data:`align.languages.RULES_LANGUAGE`).
CLEAN_LANGUAGES = frozenset({"en", "ru"})
#: The least score of a bead whose only antonym is a clean pair, where both sides negate equally often: a
#: changed fact ("more than 1 million" / "less than 1 million") that a reviewer must see, though too rare in
#: the labelled data for the antonym weight to show it.
FLIPPED_FLOOR = 0.5


def _compile(pole: tuple[str, str, str]) -> dict[str, frozenset[str] | re.Pattern[str]]:
    en, ru, hy = pole
    return {"en": frozenset(en.split()), "ru": re.compile(ru), "hy": re.compile(hy)}


_POLES = [(_compile(a), _compile(b)) for a, b in _PAIRS]


@lru_cache(maxsize=131072)
def _poles_of(word: str, lang: str) -> tuple[tuple[int, int], ...]:
    """(pair index, pole 0 or 1) for every pole ``word`` belongs to."""
    out = []
    for i, poles in enumerate(_POLES):
        for p, pole in enumerate(poles):
            test = pole[lang]
            if (word in test) if isinstance(test, frozenset) else test.fullmatch(word):
                out.append((i, p))
    return tuple(out)


def _index(side: SideText, lang: str) -> dict[tuple[int, int], list[Word]]:
    found: dict[tuple[int, int], list[Word]] = {}
    for w in side.words:
        if w.capitalised and not w.initial:
            continue
        for key in _poles_of(w.lower, lang):
            found.setdefault(key, []).append(w)
    return found


def score(src: SideText, tgt: SideText) -> Finding | None:
    """Flag target words whose opposite, and not themselves, the source says; None for unknown languages."""
    ls, lt = RULES_LANGUAGE.get(src.lang), RULES_LANGUAGE.get(tgt.lang)
    if ls is None or lt is None:
        return None
    s, t = _index(src, ls), _index(tgt, lt)
    finding = Finding("antonym", 0.0)
    hits = 0
    pairs: list[int] = []
    for (i, p), t_words in t.items():
        other = (i, 1 - p)
        if other in s and (i, p) not in s and other not in t:
            hits += 1
            pairs.append(i)
            s_words = s[other]
            finding.reasons.append(f"antonym: the target says {quote(t_words[0].text)} where the source "
                                   f"says the opposite ({quote(s_words[0].text)})")
            finding.marks += [Mark("target", w.start, w.end, "antonym", f"opposite of “{s_words[0].text}”")
                              for w in t_words]
            finding.marks += [Mark("source", w.start, w.end, "antonym", f"opposite of “{t_words[0].text}”")
                              for w in s_words]
    finding.value = evidence(hits, 0.55)
    if len(pairs) == 1 and pairs[0] in CLEAN and {ls, lt} <= CLEAN_LANGUAGES \
            and len(negations(src, tgt)) == len(negations(tgt, src)):
        # a clean pair reversed and nothing else to explain it: a changed fact
        finding.floor, finding.floor_rule = FLIPPED_FLOOR, "clean pair"
        finding.reasons[0] += " — a clean pair of opposites, and no negation on one side only to cancel it"
    return finding
