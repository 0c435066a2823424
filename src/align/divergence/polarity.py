"""Negation, sentence mood and pronoun gender: a "not", a "?" or a "she" on one side only.

Negation is counted per side as the number of negated clauses, so that a
difference in count means one side affirms what the other denies:

- English: not, -n't, never, no, none, nobody, nothing, nowhere, neither,
  cannot, without (and "nor" in a side with no other negation word: "not A,
  nor B" is one negation, like "не A, ни B"); "No." before a number is the
  number sign ("No. 412");
- Russian: не, нет, нельзя, без; words of negative concord (никто, ничего,
  никогда, ни ...) count once only when no не/нет is there to carry them
  ("никто не пришёл" is one negation, like "nobody came"); не in "тем не
  менее", "чуть не", "едва ли не", "не раз" does not negate;
- Armenian: verbs negated with the prefix չ- (չի, չեմ, չկա, չունի, ...),
  առանց and the prohibitive մի ("մի՛ մնացեք", don't stay); ոչ, ոչինչ, երբեք,
  ոչ ոք count once only when no չ- verb carries them, and ոչ before an
  adjective makes one word negative ("ոչ լիարժեք", incomplete), as un- does.
  A capitalised չ- word is a name when it sits inside a sentence (Չադ) or
  matches a name of the other side (Չիչերինը / Chicherin).

Professional translators move freely between a negation and its paraphrase, so
the forms that affirm are not counted, on both sides alike: litotes ("не
последний", "не исключено", "not long after", "ոչ հեռու"), double negation
("не могу не" / "couldn't help but", "не обошлось без", "not without"), the
concessive "какими бы ни" (whatever), "не только" / "not just", and the "or
not" of an Armenian "whether" (թե ոչ).  English "no-deal" counts as the
negation "без сделки" / "առանց գործարքի" says.

"Without" / "без" / "առանց" count because translations move freely between
"без него" and "with no impact", "не разбудив" and "without waking".

Lexical negation (impossible / невозможно / անհնար) is part of the word and
is not counted; but when the side with fewer negations has such a word
(un-/in-/dis- words, -less, fail, lack, unable, scarce, trouble, landlocked,
ignorant, lost; не- and без- words, отрицать; ան- words, բացակա-), the
difference counts for less (``ABSORBED``): "не смог" is often "was unable",
"not happy" is "недовольна", "не хватает" is "scarce".  Antonyms are :mod:`.antonyms`'
business.

Mood: a question mark (or the Armenian ՞) on one side only.  Gender (English
and Russian only; Armenian pronouns have none): personal pronouns of only one
gender on one side and only of the other on the other side ("she" for "он").
"""
from __future__ import annotations

import re

from ..languages import EAST_SLAVIC, RULES_LANGUAGE
from ..records import Mark
from .base import Finding, evidence, quote
from .names import words_match
from .tokens import SideText, Word
from .translit import HY_WORD_MARKS

_EN_NEG = {"not", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "cannot", "without", "no-one",
           "noone"}
_RU_NEG = {"не", "нет", "нельзя", "без", "безо"}
#: Russian phrases with не that do not negate: "тем не менее" (nevertheless), "чуть не" (almost), ...
_RU_NOT_NEG = re.compile(r"\bтем\s+не\s+менее\b|\bчуть\s+(?:ли\s+)?не\b|\bедва\s+ли\s+не\b|\bне\s+раз\b"
                         r"|\bбез\s+вести\b|\bбез\s+(?:всякого\s+)?сомнени[яй]\b|\bне\s+смотря\b|\bна\s+нет\b"
                         r"|\bне\s+только\b"
                         r"|\bне\s+(?:более|менее|больше|меньше|"
                         r"позднее|позже|ранее|раньше|свыше)\b|\bне\s+приходя\b|\bне\s+так\s+давно\b"
                         r"|\bне\s+в\s+последнюю\s+очередь\b"
                         # concessive "какими бы ни были" (whatever), "как ни странно" (oddly enough): no denial
                         r"|\bбы\s+ни\b|\bкак\s+ни\b"
                         # litotes: "не последний" (senior), "не первый" (one of several), "не исключено"
                         # (possible), "не могу не" (must), "не перестаю" (keep on), "не без труда", "не обошлось
                         # без" (there were): an affirmation, whatever the translation keeps of the form
                         r"|\bне\s+(?:последн|перв|исключ)[а-яё]*|\bне\s+(?:переста|прекращ)[а-яё]*"
                         r"|\bне\s+(?:мог|могу|может|можем|можете|могут|смог|смогла|смогли|сможет|смогу)\s+не\b"
                         r"|\bне\s+(?:обо|обой|обход)[а-яё]*\s+без\b|\bне\s+без\b|\bне\s+далеко\b"
                         # "не составило труда" / "без труда" (easily), "и без того" (already), "без конца", "не
                         # умолкая" (on and on)
                         r"|\bне\s+составил[а-яё]*\s+(?:[а-яё]+\s+){0,2}труда\b|\bбез\s+(?:особого\s+|всякого\s+)?труда\b"
                         r"|\bбез\s+того\b|\bбез\s+конца\b|\bне\s+умолка[а-яё]*"
                         # "пока британское правительство не выскажет" (until it states): the не of "until" denies
                         # nothing; "пока не", "пока что не", "пока ещё не" are "not yet", a negation
                         r"|\bпока\s+(?!(?:что|ещё|еще)\s)(?:[а-яё]+\s+){1,4}?не\b"
                         r"|\bне\s+[а-яё]+\s+ли\b",  # "не может ли": the не of an indirect question
                         re.IGNORECASE)
#: English phrases with a negation word that state a bound or an addition, not a denial.
_EN_NOT_NEG = re.compile(r"\b(?:no|not)\s+(?:later|earlier|more|less|fewer|sooner)\s+than\b"
                         r"|\bnot\s+only\b|\bnot\s+least\b|\bnot\s+(?:just|merely)\b(?=[^.;!?]*\bbut\b)"
                         r"|\bno\s+doubt\b|\bnothing\s+but\b|\bnot\s+(?:[a-z]+\s+){0,3}?(?:before|until|till)\b"
                         # litotes, as the Russian ones above: "not long after" (soon), "not far" (near), "never
                         # more so" (most of all), "not the first" (one of several), "not without", "cannot be
                         # ruled out" (possible), "couldn't help but think" (had to)
                         r"|\bnot\s+long\s+(?:after|before|ago)\b|\bnot\s+far\b|\b(?:never|no|not)\s+more\s+so\b"
                         r"|\bnot\s+(?:be\s+)?the\s+(?:first|last)\b|\bnot\s+without\b"
                         r"|\b(?:[a-z]+n['’]t|not|cannot|never)\s+(?:be\s+)?(?:rul(?:e|ed|ing)\s+out|exclud\w*)\b"
                         r"|\b(?:cannot|can['’]t|couldn['’]t|can\s+not|could\s+not)\s+help\s+(?:but\b|[a-z]+ing\b)",
                         re.IGNORECASE)
#: "Not just" states an addition when the other side says "не только" / "ոչ միայն", even with no "but" after it.
_EN_NOT_JUST = re.compile(r"\bnot\s+(?:just|merely|simply)\b|\bjust\s+not\b", re.IGNORECASE)
_ONLY = re.compile(r"\bне\s+только\b|ոչ\s+միայն", re.IGNORECASE)
#: English litotes and the one word of the other side that says them: "not often" / "not a common sight" /
#: "not to be so vocal" and "редко", "пореже"; "not well" / "no good" and "плохо", "վատ".
_EN_LITOTES_HEAD = r"\b(?:not|no|never|[a-z]+n['’]t)\s+(?:(?:to\s+)?be\s+|go\s+|a\s+|so\s+|very\s+|too\s+)*"
_EN_LITOTES = tuple((re.compile(_EN_LITOTES_HEAD + rf"(?:{a})\b", re.IGNORECASE), re.compile(b, re.IGNORECASE))
                    for a, b in (("common|often|frequent\\w*|usual\\w*|so|many|much",
                                  r"\b(?:редк|реже|пореже|нечаст)[а-яё]*|հազվադեպ"),
                                 ("well|good", r"\b(?:плох|худш|хуже)[а-яё]*|\bվատ")))
#: Armenian ոչ in a bound or an addition ("ոչ ավելի, քան" no more than, "ոչ միայն" not only), a litotes ("ոչ
#: հեռու", not far: near; "առաջին անգամը չէ", not the first time) or the "or not" of "whether" ("թե ... թե ոչ"),
#: which English leaves unsaid: no denial.
_HY_NOT_NEG = re.compile(r"(?:երբեք\s+)?ոչ\s+(?:ավելի|պակաս|միայն|ուշ|շուտ|հեռու)|թե\s+ոչ"
                         r"|առաջին[ա-ֆ]*\s+(?:[ա-ֆ]+\s+)?չ[ա-ֆ]*")
_RU_CONCORD = set("""
ни никто никого никому никем ничто ничего ничему ничем никогда нигде никуда ниоткуда никак
никакой никакая никакое никакие никакого никакому никаким никаком никакую никаких никакими
ничей ничьё ничье ничьи ничьего нисколько
""".split())
_HY_CONCORD = {"ոչ", "ոչինչ", "երբեք", "ոչնչով", "ոչնչից", "ոչնչի", "ոչ-ոք"}
#: Armenian words that begin with չ without being negated verbs.
_HY_NOT_VERB = ("չափ", "չորս", "չորր", "չոր", "չարի", "չարու", "չարա", "չարչ", "չին", "չեխ", "չեչեն", "չիլի", "չեմպիոն",
               "չաղ", "չուստ", "չվ", "չնայած", "չեզոք", "չեղ", "չղջիկ", "չնչին")

#: "Չեկ" (a cheque) and its cases, but not "չեկավ", "չեկան", "չեկել" (did not come); "չար" (evil), but not
#: "չարձագանքեց" (did not respond).
_HY_CHEQUE = re.compile(r"չեկ(?!ա|ել)[ա-ֆ]*|չար(?:ը|ն|ով|ից)?")

_GENDER = {
    "en": ({"he", "him", "his", "himself"}, {"she", "her", "hers", "herself"}),
    "ru": ({"он", "его", "него", "ему", "нему", "ним", "нём", "нем"},
           {"она", "её", "ее", "неё", "нее", "ей", "ней", "ею", "нею"}),
}

#: Value of one negation present on one side only.
FIRST = 0.6
#: ... when the other side has a word that may carry the negation lexically ("unable", "недоволен").
ABSORBED = 0.3
#: The least score of a bead where one side negates and the other has no negation at all and no word that may
#: carry one ("does not wish to believe that" / "полагает, что"; "No such question has been raised" / "Этот
#: вопрос уже поднимался").  It decides 0.6% of NTREX-128 en–ru lines and 0.3% of en–hy lines, flagged by it
#: alone, since paraphrased negations stopped counting (1.3% and 0.8% before; benchmarks/floors.py; BENCHMARKS.md,
#: "A negation paraphrased is no flipped fact").
FLIPPED_FLOOR = 0.5
#: Value of a question on one side only.
QUESTION = 0.55
#: Value of pronouns of one gender on one side and only of the other on the other side.
GENDER = 0.5

# Words that carry a negation inside them, so that "не смог" / "unable", "not happy" / "недовольна",
# "չի կարող" / "unable" need not be a difference.  English: un-/in-/im-/dis-/non- words and -less
# words with a few common verbs; Russian: не- and без- words; Armenian: ան- words, "instead", "only", "except".
_EN_LEXNEG = re.compile(r"(?:un|in|im|il|ir|dis|non)[a-z]{3,}|[a-z]{3,}less|fail\w*|lack\w*|refus\w*|"
                        r"den(?:y|ied|ies)|absen\w*|hardly|barely|seldom|rarely|stopped|ceased|instead|avoid\w*|"
                        r"outside|only|except|rather|neglect\w*|miss\w*|ban\w*|reject\w*|prevent\w*|yet|non-[a-z-]+|"
                        r"scarcely|until|till|wrong|short|away|far|"
                        # a want, a difficulty, a stop or a loss said in one word: "scarce" / "не хватает",
                        # "trouble measuring" / "не всегда учитывает", "block" / "не подпустила", "landlocked" /
                        # "не имеющая выхода к морю", "ignorant" / "не знают", "anonymity" / "անունը չի հրապարակվի"
                        r"scarc\w*|shortage\w*|trouble\w*|problem\w*|difficult\w*|block\w*|landlocked|"
                        r"ignoran\w*|anonym\w*|violat\w*|mistak\w*|accident\w*|out-of-[a-z]+|"
                        r"lost|los(?:e|es|ing)|loss\w*|died|gone")
_EN_NOT_LEXNEG = re.compile(r"(?:under|unit|univ|into(?!ler)|inter|intern|info|india|indi|indo|inde|inc|ind|"
                            r"ins|inf|inh|ini|inj|inn|inq|inv|imag|imp|imm|dish|disc|dist|disp)\w*")
_RU_LEXNEG = re.compile(r"(?:не|без|бес)[а-яё]{3,}|вне|вместо|равно|отсутств[а-яё]*|"
                        r"прекрат[а-яё]*|прекращ[а-яё]*|перестал[а-яё]*|отказ[а-яё]*|запрет[а-яё]*|мимо|"
                        r"едва|вряд|мало|пока|отрица[а-яё]*")
_HY_LEXNEG = re.compile(r"ան[ա-ֆ]{3,}|փոխարեն|միայն|բացի|հազիվ|բացակա[ա-ֆ]*")


#: "Out of use" / "не работает", "out of touch" / "կապ չունեցող": the "out" of these phrases carries a negation.
_EN_OUT_OF = re.compile(r"\s+of\s+(?:use|order|service|touch|work|date|reach|stock|print|action|commission|sight)\b",
                        re.IGNORECASE)


def _lexical_negatives(side: SideText) -> list[Word]:
    """Words that may carry a negation lexically (see the patterns above)."""
    out = []
    for w in side.words:
        lw = w.lower
        if side.lang == "en":
            if (_EN_LEXNEG.fullmatch(lw) and not _EN_NOT_LEXNEG.fullmatch(lw)) or \
                    (lw == "out" and _EN_OUT_OF.match(side.text, w.end)):
                out.append(w)
        elif side.lang in EAST_SLAVIC:
            if _RU_LEXNEG.fullmatch(lw):
                out.append(w)
        elif side.lang == "hy" and (_HY_LEXNEG.fullmatch(lw) or _hy_lexical_och(w, side)):
            out.append(w)
    return out


_NUMBER_SIGN = re.compile(r"\.?\s*\d")


def negations(side: SideText, other: SideText | None = None) -> list[Word]:
    """The words that carry each negated clause of a side (one word per negation).

    "No." before a number is the number sign ("No. 412"), not a negation; with
    ``other`` given, a capitalised word that names a name found on the other
    side (the Armenian "Չիչերինի" for "Chicherin") is no negated verb.
    """
    lang = side.lang
    words = side.words
    if lang == "en":
        out = []
        # "nor" continues a negation already made ("not A, nor B", "neither A nor B"), as Russian "ни" does
        has_neither = any(w.lower in ("neither", "not", "no", "never", "cannot") or w.lower.endswith("n't")
                          for w in words)
        bounds = [(m.start(), m.end()) for m in _EN_NOT_NEG.finditer(side.text)]
        if other is not None and _ONLY.search(other.text):
            # "not just my experience" / "не только со мной": an addition even with no "but" to follow
            bounds += [(m.start(), m.end()) for m in _EN_NOT_JUST.finditer(side.text)]
        if other is not None:
            # "not a common sight" / "редко", "didn't go well" / "плохо": a litotes the other side says in one word
            bounds += [(m.start(), m.end()) for phrase, word in _EN_LITOTES
                       if word.search(other.text) for m in phrase.finditer(side.text)]
        for w in words:
            lw = w.lower.replace("’", "'")
            if lw in ("no", "nos") and _NUMBER_SIGN.match(side.text, w.end):
                continue
            if any(a <= w.start < b for a, b in bounds):
                continue
            # "no-deal", "no-fly": a compound made of a negation, as "без сделки" / "առանց գործարքի" say it
            if lw in _EN_NEG or lw.endswith("n't") or (lw == "nor" and not has_neither) or lw.startswith("no-"):
                out.append(w)
        return out
    if lang in EAST_SLAVIC:
        idioms = [(m.start(), m.end()) for m in _RU_NOT_NEG.finditer(side.text)]
        primary = [w for w in words if w.lower in _RU_NEG and not any(a <= w.start < b for a, b in idioms)]
        concord = [w for w in words if w.lower in _RU_CONCORD and not any(a <= w.start < b for a, b in idioms)]
        return primary or concord[:1]
    if lang == "hy":
        def bare(w: Word) -> str:
            return "".join(c for c in w.lower if c not in HY_WORD_MARKS)
        bounds = [(m.start(), m.end()) for m in _HY_NOT_NEG.finditer(side.text.lower())]
        # a capitalised Չ- word inside a sentence is a name (Չադ, Չելսի), not a negated verb;
        # so is one that opens a sentence and is found as a name on the other side (Չիչերինը)
        primary = [w for w in words if not any(a <= w.start < b for a, b in bounds) and (
                   (bare(w).startswith("չ") and len(bare(w)) >= 2
                                        and not bare(w).startswith(_HY_NOT_VERB)
                                        and not _HY_CHEQUE.fullmatch(bare(w))
                                        and (w.initial or not w.capitalised)
                                        and not (w.capitalised and other is not None and _named(w, side, other)))
                   or bare(w) == "առանց" or _prohibitive(w, side))]
        concord = [w for w in words if bare(w) in _HY_CONCORD and not any(a <= w.start < b for a, b in bounds)
                   and not _hy_lexical_och(w, side)]
        return primary or concord[:1]
    return []


#: Words after which Armenian ոչ negates a clause ("ոչ մի", "ոչ ոք", "ոչ թե ... այլ", "ոչ էլ").
_HY_OCH_CLAUSE = {"մի", "ոք", "թե", "էլ", "այնքան", "այդքան", "այն", "միայն", "մեկը", "մեկին", "մեկի", "ոչ"}
_HY_OCH_NEXT = re.compile(r"\s+([ա-ֆ]+)")


def _hy_lexical_och(word: Word, side: SideText) -> bool:
    """Whether an Armenian ոչ makes one word negative, as un- or non- do ("ոչ լիարժեք քուն", incomplete sleep;
    "ոչ անգլախոս", non-English-speaking): before a word other than the clause-negating ones of
    :data:`_HY_OCH_CLAUSE`, with nothing but a space between."""
    if word.lower != "ոչ":
        return False
    m = _HY_OCH_NEXT.match(side.text, word.end)
    return m is not None and m.group(1).lower() not in _HY_OCH_CLAUSE


#: The Armenian prohibitive: "մի՛ մնացեք" (don't stay), "մի արեք" (don't do): մի before a plural imperative, or
#: marked with the emphasis sign; a bare մի before anything else is the article "a" (մի հատված, a section).
_HY_IMPERATIVE = re.compile(r"[ա-ֆ]{2,}եք")


def _prohibitive(word: Word, side: SideText) -> bool:
    """Whether an Armenian մի is the prohibitive "don't" (see :data:`_HY_IMPERATIVE`)."""
    if word.lower == "մի՛":
        return True
    if word.lower != "մի":
        return False
    after = [w for w in side.words if w.start > word.start][:1]
    return bool(after) and after[0].lower != "երեք" and _HY_IMPERATIVE.fullmatch(after[0].lower) is not None


def _named(word: Word, side: SideText, other: SideText) -> bool:
    """Whether a capitalised word matches a word of the other side as one name would."""
    return any(o.capitalised and words_match(word.text, side.lang, o.text, other.lang) for o in other.words)


_NEG_LANGS = set(RULES_LANGUAGE)


def score_negation(src: SideText, tgt: SideText) -> Finding | None:
    """Flag a different number of negations on the two sides; None for languages it does not know."""
    if src.lang not in _NEG_LANGS or tgt.lang not in _NEG_LANGS:
        return None
    ns, nt = negations(src, tgt), negations(tgt, src)
    finding = Finding("negation", 0.0, features={"negation": 0.0, "negation_absorbed": 0.0})
    if len(ns) == len(nt):
        return finding
    diff = abs(len(ns) - len(nt))
    fewer = tgt if len(nt) < len(ns) else src
    carriers = _lexical_negatives(fewer)
    absorbed = min(diff, len(carriers))
    finding.value = evidence(diff - absorbed, FIRST) + (1 - evidence(diff - absorbed, FIRST)) * \
        evidence(absorbed, ABSORBED)
    # a negation no word of the other side may carry is surer evidence: the combination weighs them apart
    finding.features = {"negation": evidence(diff - absorbed, FIRST), "negation_absorbed": evidence(absorbed, ABSORBED)}
    if not carriers and min(len(ns), len(nt)) == 0:
        # one side denies what the other affirms, and no word of the affirming side may carry the denial: a
        # changed fact a reader must see, though too rare in the labelled data for the weight to show it
        finding.floor = FLIPPED_FLOOR
    if len(nt) > len(ns):
        words = ", ".join(quote(w.text) for w in nt)
        finding.reasons.append(f"negation: the target negates ({words}) more often than the source "
                               f"({len(nt)} vs {len(ns)})" if ns else
                               f"negation: the target negates ({words}); the source does not")
    else:
        words = ", ".join(quote(w.text) for w in ns)
        finding.reasons.append(f"negation: the source negates ({words}) more often than the target "
                               f"({len(ns)} vs {len(nt)})" if nt else
                               f"negation: the source negates ({words}); the target does not")
    if absorbed:
        side = "target" if fewer is tgt else "source"
        finding.reasons[-1] += (f" — though the {side} has {', '.join(quote(w.text) for w in carriers[:3])}, "
                                "which may carry it")
    finding.marks += [Mark("source", w.start, w.end, "negation", "negation") for w in ns]
    finding.marks += [Mark("target", w.start, w.end, "negation", "negation") for w in nt]
    return finding


_QUESTION = re.compile(r"[?？;՞](?=[\"'»”’)\]]*(?:\s+[\"'«“„(\[]*[^\W\d_]*[A-ZА-ЯЁԱ-Ֆ0-9]|\s*$))")


def _questions(side: SideText) -> list[int]:
    """Offsets of question marks that end a sentence (a "?" inside one, before a lower-case
    word, is stray punctuation).  The Armenian ՞ sits on the word asked about; ";" only in Greek."""
    out = []
    for m in _QUESTION.finditer(side.text):
        if m.group() == ";" and side.lang != "el":
            continue
        out.append(m.start())
    out += [i for i, c in enumerate(side.text) if c == "՞" and i not in out]
    return sorted(out)


def score_question(src: SideText, tgt: SideText) -> Finding:
    """Flag a question on one side only (``?``, Armenian ``՞``)."""
    qs, qt = _questions(src), _questions(tgt)
    finding = Finding("question", 0.0)
    if bool(qs) == bool(qt):
        return finding
    finding.value = QUESTION
    if qt:
        finding.reasons.append("question: the target asks a question; the source does not")
        finding.marks += [Mark("target", i, i + 1, "question", "question") for i in qt]
    else:
        finding.reasons.append("question: the source asks a question; the target does not")
        finding.marks += [Mark("source", i, i + 1, "question", "question") for i in qs]
    return finding


def score_gender(src: SideText, tgt: SideText) -> Finding | None:
    """Flag personal pronouns of one gender only on one side and of the other only on the other
    ("she" for "он"); None unless both languages mark gender in pronouns (en, ru)."""
    gs, gt = _GENDER.get(src.lang), _GENDER.get(tgt.lang)
    if gs is None or gt is None:
        return None

    def genders(side: SideText, table: tuple[set[str], set[str]]) -> tuple[list[Word], list[Word]]:
        return ([w for w in side.words if w.lower in table[0]], [w for w in side.words if w.lower in table[1]])

    ms, fs = genders(src, gs)
    mt, ft = genders(tgt, gt)
    finding = Finding("gender", 0.0)
    if (fs and not ms and mt and not ft) or (ms and not fs and ft and not mt):
        finding.value = GENDER
        said, says = (fs, mt) if fs else (ms, ft)
        finding.reasons.append(f"gender: the target says {quote(says[0].text)} where the source says "
                               f"{quote(said[0].text)}")
        finding.marks += [Mark("target", w.start, w.end, "gender", "other gender") for w in says]
        finding.marks += [Mark("source", w.start, w.end, "gender", "other gender") for w in said]
    return finding
