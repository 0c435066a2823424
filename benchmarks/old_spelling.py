"""Rewrite a modern Russian or Armenian text in old spelling, by rule.

The first draft of the dev set's old-spelling variants.

The old-spelling variants of the archival dev set (``ru-old.txt``,
``hy-old.txt`` beside ``ru.txt``, ``hy.txt``) were made by running this
script on the modern texts and then correcting every line by hand: spelling
before the reforms is partly lexical (which roots take ``ѣ``, which Armenian
words keep ``է``, ``օ`` or a ``ւ``), and the rules below only know what is
listed.  Rerunning it gives the draft, not the files.

Russian (before 1918), by rule:

* ``ъ`` after every word-final consonant; ``і`` for ``и`` before a vowel or ``й``;
* ``ѣ`` in the roots of :data:`YAT_ROOTS` (written from the standard rules of
  the old orthography: ``дѣло``, ``мѣсто``, ``рѣшить``, ``слѣдовать``,
  ``желѣзный`` ...), in the locative and dative ``-ѣ`` of nouns, in
  ``-ѣе``/``-ѣйшій`` comparatives and ``-ѣть`` verbs of :data:`YAT_VERBS`;
* ``-аго``/``-яго`` for the genitive of adjectives and participles
  (pymorphy3 says which words are such), ``-ыя``/``-ія`` for their plural
  before a feminine or neuter noun;
* ``раз-``, ``из-``, ``воз-``, ``без-``, ``низ-``, ``через-`` before ``с``
  (and ``без-``, ``через-`` before any voiceless consonant); ``ея`` for the
  genitive ``её``.

Armenian (classical), by rule: ``-յան`` → ``-եան``, ``յու`` → ``իւ``
(``-ություն`` → ``-ութիւն``), ``և`` → ``եւ``, ``վ`` → ``ու`` between a
consonant and a vowel (``-ված`` → ``-ուած``), ``ավ`` → ``աւ``, ``ույ`` →
``ոյ`` before a consonant, and the lexical lists :data:`HY_WORDS` (initial
``յ``, inner ``է`` and ``օ``, final ``յ``).

Usage::

    python benchmarks/old_spelling.py ru benchmarks/data/archival/1920-05-14-tiflis-telegram/ru.txt
    python benchmarks/old_spelling.py hy path/to/hy.txt > draft.txt
"""
from __future__ import annotations

import argparse
import re
import sys
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+")
RU_VOWELS = "аеёиоуыэюяй"
HARD = "бвгджзклмнпрстфхцчшщ"

#: Roots spelt with ѣ before the reform (the common ones; "ѣ" marks the letter).
YAT_ROOTS = [
    "бѣд", "бѣг", "бѣл", "бѣс", "вѣд", "вѣк", "вѣр", "вѣс", "вѣт", "вѣч", "вѣщ", "гнѣв", "дѣл", "дѣт", "дѣд",
    "дѣйств", "дѣя", "ѣд", "ѣх", "ѣзд", "желѣз", "звѣр", "звѣзд", "крѣп", "лѣв", "лѣс", "лѣт", "лѣч", "лѣк", "мѣд",
    "мѣн", "мѣр", "мѣс", "мѣт", "мѣх", "мѣш", "мѣщ", "нѣм", "нѣк", "нѣт", "обѣд", "обѣщ", "орѣх", "пѣн", "пѣс", "пѣх",
    "плѣн", "побѣд", "повѣд", "рѣд", "рѣз", "рѣк", "рѣч", "рѣш", "сѣв", "сѣд", "сѣм", "сѣн", "сѣр", "слѣд", "смѣл",
    "смѣх", "смѣт", "снѣг", "спѣш", "успѣ", "стрѣл", "стѣн", "сѣт", "тѣл", "тѣн", "тѣсн", "хлѣб", "цѣл", "цѣн", "цѣп",
    "свѣд", "свѣт", "совѣт", "отвѣт", "привѣт", "завѣт", "вмѣст", "помѣщ", "помѣст", "свидѣт", "замѣч", "замѣт",
    "примѣч", "намѣр", "размѣр", "примѣр", "отмѣт", "смѣн", "перемѣн", "измѣн", "замѣн", "обмѣн", "сдѣл", "удѣл",
    "отдѣл", "раздѣл", "предѣл", "подѣл", "передѣл", "недѣл", "сосѣд", "бесѣд", "телѣг"
]
#: Whole words spelt with ѣ.
YAT_WORDS = {w.replace("ѣ", "е"): w for w in [
    "гдѣ", "здѣсь", "вездѣ", "нигдѣ", "внѣ", "послѣ", "тѣ", "тѣх", "тѣм", "тѣми", "всѣ", "всѣх", "всѣм", "всѣми",
    "мнѣ", "тебѣ", "себѣ", "двѣ", "двѣнадцать", "двѣсти", "обѣ", "обѣих", "нѣсколько", "нѣкоторые", "нѣкоторых",
    "нѣкоторым", "нѣт", "нѣтъ", "чѣм", "ѣсть", "поѣзд", "поѣзда", "поѣзду", "поѣздом", "поѣздов", "поѣзде", "поѣздѣ",
    "ѣхать"
]}
#: Verbs in -ѣть (and their forms with -ѣ-): the stems, modern spelling.
YAT_VERBS = ("имел", "имеет", "имеют", "имея", "иметь", "смотре", "виде", "сиде", "терпе", "лете", "горе",
             "владе", "уме", "хоте", "веле", "болe", "жале", "сожале", "пожеле", "успе", "одоле", "греме")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="ru")


def _case(template: str, new: str) -> str:
    if template.isupper() and len(template) > 1:
        return new.upper()
    return "".join(c.upper() if i < len(template) and template[i].isupper() else c for i, c in enumerate(new))


#: Prefixes a root may follow (a root is looked for at the start of a word or after one of these).
PREFIXES = ("", "по", "при", "пре", "про", "вы", "от", "ото", "пере", "за", "до", "у", "с", "со", "в", "во",
            "вз", "на", "не", "об", "о", "под", "раз", "рас", "из", "ис", "без", "бес", "пред", "недо", "вос",
            "воз", "обез", "пос", "само", "едино", "со")
#: Words that start like a root and hold no ѣ.
NOT_YAT = ("делегат", "верст", "америк", "немедл", "номер", "мерзк", "весн", "вещ", "тело", "нечт", "телеграф",
           "телеграм", "вечер", "меня", "нему", "немн", "мерид")


def _yat(low: str) -> str:
    if low in YAT_WORDS:
        return YAT_WORDS[low]
    if low.startswith(NOT_YAT):
        return low
    for root in sorted(YAT_ROOTS, key=len, reverse=True):
        modern = root.replace("ѣ", "е")
        for prefix in PREFIXES:
            if low.startswith(prefix + modern):
                i = len(prefix)
                return low[:i] + root + low[i + len(modern):]
    for stem in YAT_VERBS:
        if low.startswith(stem):
            k = stem.rfind("е")
            return low[:k] + "ѣ" + low[k + 1:]
    return low


def ru_word(word: str, nxt: str, before: str = " ", after: str = " ") -> str:
    """One Russian word in pre-reform spelling (``nxt``: the following word, for adjective agreement;
    ``before``, ``after``: the characters around it, to tell a preposition from an initial)."""
    low = word.lower().replace("ё", "е")  # printers of the time did not set ё
    if len(low) == 1:
        preposition = low in "вкс" and after.isspace() and (word.islower() or before in "\n")
        return word + "ъ" if preposition or (before == "-" and low in HARD) else word
    parse = _morph().parse(low)[0]
    tag = parse.tag
    if low in ("её", "ее") and "gent" in tag:
        out = "ея"
    else:
        out = _yat(low)
        if {"ADJF", "PRTF"} & set(tag.grammemes) and "Apro" not in tag and {"gent", "accs"} & set(tag.grammemes) \
                and re.search("[ое]го$", out) and ("masc" in tag or "neut" in tag):
            out = out[:-3] + ("яго" if out.endswith("его") and out[-4:-3] not in "жшчщ" else "аго")
        if {"ADJF", "PRTF"} & set(tag.grammemes) and "plur" in tag and re.search("[ыи]е$", out) and nxt:
            noun = _morph().parse(nxt.lower())[0].tag
            if "NOUN" in noun and ("femn" in noun or "neut" in noun):
                out = out[:-1] + "я"
        if "NOUN" in tag and {"loct", "datv"} & set(tag.grammemes) and out.endswith("е") and not out.endswith("ие"):
            out = out[:-1] + "ѣ"
        if re.search("(?<=[^аеёиоуыэюя])ее$|ейш", out) and ("COMP" in tag or "Supr" in tag):
            out = out.replace("ее", "ѣе").replace("ейш", "ѣйш")
        out = re.sub("^(рас|ис|вос|бес|нис|черес)(?=с)", lambda m: m.group(1)[:-1] + "з", out)
        out = re.sub("^(бес|черес)(?=[кптфхцчшщ])", lambda m: m.group(1)[:-1] + "з", out)
        out = re.sub(f"и(?=[{RU_VOWELS}])", "і", out)
    if out[-1] in HARD:
        out += "ъ"
    return _case(word, out)


# -- Armenian -----------------------------------------------------------------------------------

HY_VOWELS = "աեէըիոօ"
HY_CONS = "".join(chr(c) for c in range(0x561, 0x587) if chr(c) not in HY_VOWELS + "ւ")
#: Reformed → classical for words whose classical form no rule gives (initial յ, inner է and օ, final յ).
HY_WORDS = {
    "հետո": "յետոյ", "վրա": "վրայ", "կա": "կայ", "չկա": "չկայ", "երեկո": "երեկոյ", "ապագա": "ապագայ",
    "մեջ": "մէջ", "պետք": "պէտք", "դեմ": "դէմ", "դեպի": "դէպի", "դեպք": "դէպք", "կես": "կէս", "մեկ": "մէկ",
    "թե": "թէ", "եթե": "եթէ", "տեր": "տէր", "սեր": "սէր", "երեկ": "երէկ", "երբեք": "երբէք", "գրեթե": "գրեթէ",
    "հիսուն": "յիսուն", "յուրաքանչյուր": "իւրաքանչիւր", "միլիոն": "միլիօն", "միլիոնը": "միլիօնը", "մոտ": "մօտ",
    "զորք": "զօրք",
}
#: Reformed stems → classical stems (initial յ, inner է/օ), applied at the start of a word.
HY_STEMS = {
    "հանձն": "յանձն", "հայտ": "յայտ", "հաջող": "յաջող", "հաջորդ": "յաջորդ", "հարձակ": "յարձակ",
    "հարաբեր": "յարաբեր", "հատուկ": "յատուկ", "հատկ": "յատկ", "հիշ": "յիշ", "հանուն": "յանուն",
    "հույս": "յոյս", "հուս": "յուս", "հոդված": "յօդուած", "հավելված": "յաւելուած", "հանցանք": "յանցանք",
    "հարմար": "յարմար", "հաղթ": "յաղթ", "հանկարծ": "յանկարծ", "հապաղ": "յապաղ", "հունիս": "յունիս",
    "հուլիս": "յուլիս", "հունվար": "յունուար", "հովհաննես": "յովհաննէս", "հակոբ": "յակոբ",
    "հետաձգ": "յետաձգ", "հետագա": "յետագայ", "առավոտ": "առաւօտ", "պաշտոն": "պաշտօն", "մոտավոր": "մօտաւոր",
    "զորա": "զօրա", "հզոր": "հզօր", "գևորգ": "գէորգ", "ներսես": "ներսէս", "մովսես": "մովսէս",
    "հանդես": "հանդէս", "վեճ": "վէճ", "հայերեն": "հայերէն", "ռուսերեն": "ռուսերէն", "անգլերեն": "անգլերէն",
    "ֆրանսերեն": "ֆրանսերէն", "թուրքերեն": "թուրքերէն", "այսպես": "այսպէս", "ինչպես": "ինչպէս",
    "նույնպես": "նոյնպէս", "հատկապես": "յատկապէս", "ամեն": "ամէն", "կեսօր": "կէսօր",
}


def hy_word(word: str) -> str:
    """One Armenian word in classical spelling, by the rules and lists of the module docstring."""
    low = word.lower()
    neg = "չ" if low.startswith("չ") and low[1:] in HY_WORDS else ""
    if low[len(neg):] in HY_WORDS:
        return _case(word, neg + HY_WORDS[low[len(neg):]])
    out = low
    for modern, old in sorted(HY_STEMS.items(), key=lambda kv: -len(kv[0])):
        if out.startswith(modern):
            out = old + out[len(modern):]
            break
    out = out.replace("և", "եւ")
    out = re.sub(f"(?<=[{HY_CONS}])վու", "ւու", out)
    out = re.sub(f"(?<=[{HY_CONS}])վ(?=[աեո])", "ու", out)
    out = re.sub("(?<!կառ)ավ", "աւ", out)
    out = re.sub(f"(?<=[{HY_CONS}])յու", "իւ", out)
    out = re.sub(f"(?<=[{HY_CONS}])յա", "եա", out)
    out = re.sub(f"(?<=[{HY_VOWELS}])յան(?=$|[ըինո])", "յեան", out)
    out = re.sub(f"(?<=[{HY_CONS}])յո(?!ւ)", "եօ", out)
    out = re.sub("^յո(?!ւ)", "եօ", out)
    out = re.sub(f"ույ(?=[{HY_CONS}])", "ոյ", out)
    out = re.sub("եաի", "եայի", out)
    return _case(word, out)


def convert(text: str, lang: str) -> str:
    """``text`` with every word rewritten by :func:`ru_word` or :func:`hy_word`; everything else kept."""
    words = list(_WORD.finditer(text))
    out, pos = [], 0
    for k, m in enumerate(words):
        out.append(text[pos:m.start()])
        if lang == "ru":
            out.append(ru_word(m.group(), words[k + 1].group() if k + 1 < len(words) else "",
                               text[m.start() - 1] if m.start() else "\n", text[m.end():m.end() + 1] or "\n")
                       if any("а" <= c.lower() <= "я" or c in "ёЁ" for c in m.group()) else m.group())
        else:
            out.append(hy_word(m.group()) if any("\u0531" <= c <= "\u0587" for c in m.group()) else m.group())
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lang", choices=("ru", "hy"))
    ap.add_argument("file", type=Path)
    args = ap.parse_args(argv)
    sys.stdout.write(convert(args.file.read_text(encoding="utf-8"), args.lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
