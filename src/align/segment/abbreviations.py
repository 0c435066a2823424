"""Abbreviations, point labels and date words of archival text, per language.

These complete the Punkt models (see :mod:`align.segment.rules` for how each
list is used).  The lists are short on purpose: they hold what diplomatic and
military correspondence of the period actually uses — ranks, titles, dates,
references, enumerations — and each entry is one that a statistical model
trained on news text gets wrong.  Entries are written as they appear in text;
case does not matter and spaces inside an entry are optional after a period.
"""
from __future__ import annotations

from .rules import LanguageRules

_EN_MONTHS_ABBR = ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
                   "Oct.", "Nov.", "Dec.")

ENGLISH = LanguageRules(
    always=("Mr.", "Mrs.", "Messrs.", "Mme.", "Dr.", "Prof.", "Gen.", "Col.", "Lt.", "Capt.", "Maj.",
            "Sgt.", "Cpl.", "Adm.", "Cdr.", "Brig.", "Gov.", "Pres.", "Hon.", "Rev.", "Sen.",
            "Rep.", "St.", "Mt.", "Ft.", "i.e.", "e.g.", "viz.", "cf.", "vs.", "ca.", "approx.",
            "incl."),
    numeric=("No.", "Nos.", "Nr.", "Vol.", "Vols.", "p.", "pp.", "Art.", "Arts.", "Sec.", "Ch.",
             "Chap.", "Fig.", "Para.", "Doc.", "Docs.", "Ref.", "Op.", "Tel.")
    + _EN_MONTHS_ABBR,
    flexible=("etc.", "et al.", "Inc.", "Ltd.", "Co.", "Jr.", "Sr.", "Esq.", "a.m.", "p.m.", "A.D.", "B.C."),
    labels=("first", "firstly", "secondly", "thirdly", "fourthly", "fifthly", "sixthly",
            "seventhly", "lastly"),
)

_RU_MONTHS_ABBR = ("янв.", "февр.", "фев.", "мар.", "апр.", "авг.", "сент.", "сен.", "окт.",
                   "нояб.", "ноя.", "дек.")
_RU_MONTHS = ("январь", "января", "февраль", "февраля", "март", "марта", "апрель", "апреля", "май",
              "мая", "июнь", "июня", "июль", "июля", "август", "августа", "сентябрь", "сентября",
              "октябрь", "октября", "ноябрь", "ноября", "декабрь", "декабря")

RUSSIAN = LanguageRules(
    always=("т.", "тов.", "тт.", "ген.", "полк.", "подп.", "кап.", "пор.", "ротм.", "есаул.",
            "г.", "гр.", "с.", "см.", "ср.", "стр.", "ст.", "им.", "ул.", "пл.", "просп.", "обл.",
            "губ.", "у.", "р.", "оз.", "проф.", "акад.", "д-р.", "мин.", "нач.", "пред.", "зам.",
            "ин.", "иностр.", "упр.", "отд.", "т. е.", "т. н.", "т. к.", "т. о.", "и. о.",
            "вр. и. о.", "напр.", "н. ст.", "ст. ст.", "н. э.", "до н. э.",
            "дж."),  # the abbreviated English first name of "майор Дж. Т. Холлис" (John, James)
    numeric=("№", "д.", "кв.", "л.", "лл.", "об.", "ф.", "оп.", "п.", "пп.", "ч.", "гл.", "разд.",
             "вып.", "кн.")
    + _RU_MONTHS_ABBR,
    flexible=("и т. д.", "и т. п.", "и др.", "и пр.", "т. д.", "т. п.", "тыс.", "млн.", "млрд.",
              "руб.", "коп.", "долл."),
    flexible_patterns=(r"(?<=\d)\s*гг?\.", r"(?<=[IVXLC])\s*вв?\."),
    labels=("во-первых", "во-вторых", "в-третьих", "в-четвертых", "в-четвёртых", "в-пятых",
            "в-шестых", "в-седьмых"),
    months=_RU_MONTHS + _RU_MONTHS_ABBR,
    date_words=("в", "во", "с", "со", "к", "до", "по", "от", "на", "около", "конце", "начале",
                "середине", "течение", "ночь", "ночью", "утром", "вечером", "днем", "днём",
                "числа", "г", "гг", "году", "года", "и")
    + _RU_MONTHS + tuple(m.rstrip(".") for m in _RU_MONTHS_ABBR),
)

_DE_MONTHS_ABBR = ("Jan.", "Febr.", "Feb.", "Apr.", "Aug.", "Sept.", "Sep.", "Okt.", "Nov.", "Dez.")

GERMAN = LanguageRules(
    always=("z. B.", "d. h.", "u. a.", "u. ä.", "o. ä.", "s. o.", "s. u.", "vgl.", "bzw.", "ca.",
            "Hr.", "Hrn.", "Fr.", "Dr.", "Prof.", "Gen.", "Lt.", "St.", "Sr.", "Se.", "i. A.",
            "i. V.", "gez.", "d. M.", "d. J.", "a. D.", "v.", "Exz.", "geb.", "evtl.", "insb.",
            "sog.", "Tel."),
    numeric=("Nr.", "S.", "Bd.", "Abs.", "Art.", "Ziff.", "Kap.", "Bl.", "Anl.") + _DE_MONTHS_ABBR,
    flexible=("usw.", "u. s. w.", "etc.", "u. dgl.", "u. v. m.", "Jh.", "Mio.", "Mrd."),
    labels=("erstens", "zweitens", "drittens", "viertens", "fünftens", "sechstens"),
    months=("Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember") + _DE_MONTHS_ABBR,
    ordinal_cues=("am", "im", "vom", "zum", "zur", "beim", "der", "die", "das", "dem", "den", "des",
                  "seit", "bis", "ab", "vor", "nach", "jeden", "jedes", "jeder", "dieses", "diesen"),
)

_FR_MONTHS_ABBR = ("janv.", "févr.", "fév.", "avr.", "juil.", "juill.", "sept.", "oct.", "nov.",
                   "déc.")

FRENCH = LanguageRules(
    always=("M.", "MM.", "Mme.", "Mlle.", "Mgr.", "Me.", "Dr.", "Pr.", "gén.", "cdt.", "lt.",
            "capt.", "St.", "Ste.", "p. ex.", "c.-à-d.", "c.-à.-d.", "cf.", "env.", "av.", "apr.",
            "éd."),
    numeric=("p.", "pp.", "no.", "art.", "chap.", "t.", "vol.", "fol.", "f.") + _FR_MONTHS_ABBR,
    flexible=("etc.", "J.-C.", "Cie.", "fr."),
    labels=("premièrement", "deuxièmement", "troisièmement", "quatrièmement", "cinquièmement",
            "primo", "secundo", "tertio", "quarto"),
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre") + _FR_MONTHS_ABBR,
)

TURKISH = LanguageRules(
    always=("Dr.", "Prof.", "Doç.", "Av.", "Alb.", "Yzb.", "Bnb.", "Kur.", "Gen.", "Org.", "Sn.",
            "bkz.", "Müh."),
    numeric=("No.", "Nr.", "s.", "sy.", "md.", "Oca.", "Şub.", "Nis.", "Haz.", "Tem.", "Ağu.",
             "Eyl.", "Eki.", "Kas.", "Ara."),
    flexible=("vb.", "vs.", "vd."),
    labels=("birincisi", "ikincisi", "üçüncüsü", "dördüncüsü", "beşincisi"),
)
