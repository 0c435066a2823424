"""Word order: an English side whose words do not stand in an order English allows.

A target whose words were scrambled (an OCR line read out of order, a broken
extraction, a machine translation gone wrong, DEMETR's "shuffled" edit) keeps
the words of a faithful one, so the sentence vector and every word-level
component stay calm; a reviewer must still see it.  No permissively licensed
English tagger or language model ships its data on PyPI (spaCy's and NLTK's
models are downloaded from elsewhere), so this component reads the *closed
class* words, whose neighbours English grammar restricts: it counts adjacent
pairs that English practically never allows:

- an article or a possessive (the, a, an, their, its, our, your) before another
  determiner, a preposition, a conjunction, an auxiliary, a pronoun, "not", "as",
  "there", a comma or the sentence's end ("the were", "the between", "a the",
  ends in "the");
- "an" before a consonant, "a" before a vowel ("an construction", "a it");
- a preposition before "of" or before another preposition that cannot follow
  it ("of in", "within with"; "from within", "agreed upon by" are allowed), or
  before a subject pronoun ("of he": prepositions take "him");
- "of" before an auxiliary or at the sentence's end; a sentence ending in a
  preposition that is seldom stranded (at, for, from, into, to, with), in a
  subject pronoun (he, she, they, we), in "than" or "very"; one opening with
  "Than" or "Been";
- "and", "or", "nor" before another of them, they and "but" at the sentence's
  end; a subordinator before "and" ("because and");
- "would/could/should/shall" or "to" before a finite verb or a modal ("to
  was", "to can", "would is"); two different forms of "be" in a row ("is was");
  "they is", "he are";
- a closed-class word twice ("the the", "of of": "that that" and "had had"
  are English and not counted);
- punctuation after a comma, semicolon or colon (",." "Party,."), two full stops.

Only lower-case words count (a capital mid-sentence is a name or a title:
"the This Morning presenter", "the US"), so do "a.m.", "i.e." and ".5" not.
A side is called garbled when it has at least :data:`LEAST_HITS` such pairs and at least one for every
:data:`WORDS_PER_HIT` words, and only when the *other* side reads as a
sentence (at least :data:`LEAST_WORDS` words, and, in English, not garbled
itself): a list or a headline on both sides says nothing.  One such pair alone
is an ordinary slip (DEMETR's word swaps, added punctuation and function-word
edits make one; about 1 line in 250 of faithful English has one); two or more
in one sentence come from scrambled words.  One pair is enough when the side's
names and numbers also stand in another order than the other side's
(:func:`out_of_order`: at least :data:`ANCHORS` of them, :data:`INVERTED` of
their pairs the other way round), which a faithful translation does on its own
in about 1 line of 50 ("Russian President" / "Президент России").

A word missing: a translation that drops one noun or verb often leaves one such pair where the word
was ("spoke about this in an with ERR", "The of Dagestan"), and a few rules more find such gaps
(:data:`GAP_ONLY`: "will its current debts", "were by the United Arab Emirates", "his athletic.",
"I that Bryant's", "Bryant's shouldn't", "a conducted by"; too loose to count towards a scramble).
One gap alone is as often a typo ("none of the of the frigates"), so it floors the bead
(:data:`MISSING_FLOOR`) only when the other side is Russian and the dictionary finds a content word
of it with no counterpart near the gap (:func:`missing_word`); without the dictionary it does not
fire.

The finding is a floor (:data:`GARBLED_FLOOR`), not a weight of the learned
combination: the labelled data have too few scrambled beads to fit one on, and
the evidence is clear when it fires.  English only: Russian and Armenian order
their words freely enough that no such short list is precise.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..records import Mark, Side
from .base import Finding, evidence, quote
from .contentwords import _lemminflect, kinds
from .dictionary import Dictionary
from .names import words_match
from .tokens import WORD, SideText, Word, base_lang

#: Pairs needed on one side before it is called garbled ...
LEAST_HITS = 2
#: ... and at least one pair for every this many words of it (a long bead of several sentences needs more).
WORDS_PER_HIT = 25
#: A side is compared only when both it and the other side have at least this many words.
LEAST_WORDS = 4
#: The least score of a bead one of whose sides is garbled while the other reads as a sentence: the review
#: threshold.  Its price on faithful text is in BENCHMARKS.md ("Word order").
GARBLED_FLOOR = 0.5
#: A side with one broken pair only is garbled when it shares at least this many names and numbers with the other
#: side ...
ANCHORS = 3
#: ... and at least this share of their pairs stand the other way round (a faithful translation reorders some:
#: "Russian President" / "Президент России").
INVERTED = 1 / 3
#: The least score of a bead one of whose English sides shows a word missing (:func:`missing_word`): the review
#: threshold.  Its price on faithful text is in BENCHMARKS.md ("A word missing where the grammar shows it").
MISSING_FLOOR = 0.5
#: How far (in relative position, 0 to 1) a word of the other side with no counterpart may stand from the gap to
#: corroborate it: anywhere (1).  Russian word order is free, so the lost word's place says little ("in an with
#: ERR" ends the English sentence, «в интервью ERR» opens the Russian); since the typo exclusions of
#: :func:`_shows_gap`, anywhere costs 2 NTREX-128 en–ru lines of the even documents for 4 more critical edits of
#: DEMETR's even ids (0.25 and 0.1 before; BENCHMARKS.md, "Spending NTREX-128's room").  The nearest word still
#: names the reason.
GAP_NEAR = 1.0
#: ... and a word only partly matched (its translations taken by other words), from this near: anywhere too.
PARTLY_NEAR = 1.0
#: Value of each broken pair (what the reason's order among the others goes by).
FIRST = 0.3

_DIGITS = re.compile(r"\d+")
_OTHER: dict[Side, Side] = {"source": "target", "target": "source"}
_TOKEN = re.compile(rf"(?P<w>{WORD.pattern})|(?P<n>\d+(?:[.,]\d+)*)|(?P<p>[,.;:!?])|(?P<o>\S)")

_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"their", "its", "our", "your"})
_DETERMINERS = _ARTICLES | _POSSESSIVES | {"this", "these", "those", "my", "his", "her"}
_PREPOSITIONS = frozenset("""of in on at by with from to for into onto upon among between during within without against
towards toward via despite throughout than""".split())
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "because", "although", "though", "whether", "unless", "whereas",
                           "that"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "does", "did", "would",
                          "could", "should", "shall"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "him", "them", "us", "me", "which", "whom"})
_FINITE = frozenset({"is", "are", "was", "were", "am", "has", "does", "did"})
_MODALS = frozenset({"would", "could", "should", "shall"})
_BE = frozenset({"is", "are", "was", "were"})
#: Prepositions that are no verb particle ("went on to", "came in for" are English), and what cannot follow them.
_PREP_FIRST = frozenset({"of", "with", "from", "to", "into", "within", "during", "among", "between", "via", "upon",
                         "onto", "despite", "at"})
_PREP_SECOND = frozenset({"of", "in", "on", "at", "with", "from", "to", "for", "into", "within", "during", "among",
                          "between", "via", "upon", "onto", "despite"})
_PREP_PAIRS_OK = frozenset({("from", "within"), ("from", "among"), ("from", "between"), ("to", "within")})
#: Prepositions that are particles too, but never stand before "of" ("in of the Navy Day"; "out of", "because of" are
#: English).
_BEFORE_OF = frozenset({"in", "on", "for", "by"})
_COORDINATORS = frozenset({"and", "or", "nor"})
_SUBORDINATORS = frozenset({"because", "although", "unless", "whereas"})
#: Closed-class words that are never doubled in English ("that that", "had had", "is is" can be).
_NEVER_TWICE = frozenset({"of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "the", "a", "an",
                          "into"})
#: Prepositions a sentence seldom ends in (in, on, by, about end many: "let me by", "lives on").
_RARELY_STRANDED = frozenset({"at", "for", "from", "into", "to", "with"})
#: A subject pronoun before a verb that does not agree with it ("they is", "he are"; "I" is left out: "World War I
#: was").
_PLURAL_SUBJECTS = frozenset({"we", "they"})
_SINGULAR_VERBS = frozenset({"is", "has", "does", "am"})
_SINGULAR_SUBJECTS = frozenset({"he", "she"})
_PLURAL_VERBS = frozenset({"are", "am"})
#: Subject pronouns, which end a sentence only in "than he." ("I." is also a Roman numeral: "World War I.").
_SUBJECTS = frozenset({"he", "she", "they", "we"})
#: Prepositions that take the objective case ("of him", never "of he"; "than he", "before he left" are English, and
#: so are adverbs: "from then on he began").
_OBJECT_CASE = frozenset({"of", "with", "from", "to", "into", "among", "between", "during", "without", "within",
                          "against", "toward", "towards", "upon", "onto", "via", "despite"})
_ENDS = ".!?"
_CONSONANTS = frozenset("bcdfgjklmnpqrstvwz")


class _Token:
    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, m: re.Match[str]) -> None:
        self.kind = m.lastgroup or "o"
        self.text, self.start, self.end = m.group(), m.start(), m.end()


def _closed(tok: _Token | None, text: str, initial: bool) -> str | None:
    """The word in lower case when it is written in lower case (or capitalised at a sentence's start) and stands
    apart ("213a", "a.m." are not the article); None otherwise."""
    if tok is None or tok.kind != "w":
        return None
    if tok.start > 0 and (text[tok.start - 1].isalnum() or text[tok.start - 1] in ".'’"):
        return None
    if text[tok.end:tok.end + 1] in (".", "'", "’") and text[tok.end + 1:tok.end + 2].isalpha():
        return None  # "a.m.", "i.e."
    w = tok.text
    if w.islower() or (initial and w[:1].isupper() and w[1:].islower()):
        return w.lower()
    if w in ("The", "An"):
        return w.upper()  # an article capitalised inside a sentence: a title ("The Hague") unless a closed word follows
    return None


def _lone_a(a: _Token, prev: _Token | None) -> bool:
    """A lower-case "a" after a word: an article that ends a sentence ("A." is an initial, "a." after a colon or at a
    line's start a list's letter)."""
    return a.text == "a" and prev is not None and prev.kind == "w"


def _vowel_sound(word: str) -> bool:
    """A lower-case word that begins with a vowel sound, by its spelling (a European, a one-off, a unit: no)."""
    if word[0] in "aei":
        return not word.startswith(("eu", "ew"))
    if word[0] == "o":
        return not word.startswith(("one", "once"))
    return word.startswith("un") and not word.startswith(("uni", "una"))


def _is_end(tok: _Token | None, text: str, marks: str = _ENDS) -> bool:
    """A sentence ends here: a full stop, "!" or "?" (or ``marks``) not followed by a letter, digit or another dot."""
    if tok is None or tok.kind != "p" or tok.text not in marks:
        return False
    after = text[tok.end:tok.end + 1]
    return not after or not (after.isalnum() or after in ".…")


def _rule(a: _Token, b: _Token | None, prev: _Token | None, x: str | None, y: str | None, ends: bool,
          text: str) -> str | None:
    """The name of the rule the neighbours ``a`` (read ``x``) and ``b`` (read ``y``) break, or None."""
    if a.kind == "p":
        if b is None or b.kind != "p":
            return None
        if a.text in ",;:" and b.text != a.text:
            return "punctuation"
        two_stops = a.text == "." == b.text and text[b.end:b.end + 1] != "."
        return "punctuation" if two_stops and not (prev is not None and prev.text == ".") else None
    if x is None:
        return None
    if x in ("THE", "AN"):
        return "article" if y in _ARTICLES or y in _PREPOSITIONS or y in _AUXILIARIES or y in _CONJUNCTIONS else None
    if x in _ARTICLES or x in _POSSESSIVES:
        if (y in _DETERMINERS or y in _PREPOSITIONS or y in _CONJUNCTIONS or y in _AUXILIARIES or y in _PRONOUNS
                or y in ("not", "as", "there") or (b is not None and b.text == ",")
                or ((x != "a" or _lone_a(a, prev)) and _is_end(b, text, _ENDS + ";:"))):
            return "article"
        if y is not None and b is not None and b.text.islower():
            if (x == "an" and y[0] in _CONSONANTS) or (x == "a" and _vowel_sound(y)):
                return "a/an"
    if x == y and x in _NEVER_TWICE:
        return "twice"
    if x in _PREP_FIRST and y in _PREP_SECOND and (x, y) not in _PREP_PAIRS_OK or x in _BEFORE_OF and y == "of":
        return "preposition"
    if x == "of" and (y in _AUXILIARIES or ends):
        return "of"
    if x in _RARELY_STRANDED and ends:
        return "stranded"
    if x in _COORDINATORS and (y in _COORDINATORS or y == "but") or (x in _COORDINATORS or x == "but") and ends:
        return "conjunction"
    if x in _SUBJECTS and ends:
        return "subject"
    if x in ("than", "very") and ends:
        return "ends"
    if x in _OBJECT_CASE and y in _SUBJECTS:
        return "case"
    if x in ("than", "been") and prev is None:
        return "first"
    if x in _SUBORDINATORS and (y in _COORDINATORS or y == "but"):
        return "conjunction"
    if (x in _MODALS or x == "to") and (y in _FINITE or y in _MODALS) or x == "to" and y in ("can", "must", "might"):
        return "modal"
    if x in _BE and ((y in _BE and y != x) or y in _MODALS):
        return "be"
    if (x in _PLURAL_SUBJECTS and y in _SINGULAR_VERBS) or (x in _SINGULAR_SUBJECTS and y in _PLURAL_VERBS):
        return "agreement"
    return None


#: Modals a verb must follow ("will its current debts"): never a determiner after them outside a question ("How
#: much will the army grow?") — lower case only ("May the best team win").
_VERB_MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
#: What a noun phrase opens with (the modal, passive and subject gaps).
_NOUN_OPENERS = _ARTICLES | _POSSESSIVES | {"my", "every"}
#: Possessives that a lone adjective may not close ("his athletic."; "their own.", "my best," are English).
_GAP_POSSESSIVES = frozenset({"its", "their", "our", "my", "your", "his"})
#: Adjectives that stand for a noun phrase after a possessive.
_SUBSTANTIVE = frozenset("""same own latter former following above next last first best worst most least rest whole
other others dear""".split())
_DEGREE = frozenset({"most", "more", "very"})
#: Modals after a name's "'s" ("Bryant's shouldn't"): never a contraction of "is" or "has".
_NEG_MODALS = frozenset({"would", "shall", "should", "can", "could", "might", "must", "wouldn't", "shouldn't", "can't",
                         "couldn't", "mustn't", "won't"})
#: Subject pronouns that a verb must follow, never "that" or a determiner ("I that Bryant's"; "I for one", "we in
#: Russia", "we the undersigned" are English).
_GAP_SUBJECTS = frozenset({"i", "we", "they", "he", "she"})
#: Rules that show a word missing but are too loose to count towards a scramble (``GAP_ONLY``): they floor a bead
#: only with a word of the other side found missing too (:func:`missing_word`).
GAP_ONLY = frozenset({"verb", "subject", "adjective", "possessive", "participle"})
#: Rules whose pair shows a word left out where it stands (a noun after "the", a verb after "will"); the others
#: ("a"/"an", "to was", two forms of "be", punctuation, agreement, case) show a slip or a scramble, and a
#: stranded preposition ends many a faithful sentence ("the home they were taken from.").
MISSING_RULES = GAP_ONLY | {"article", "preposition", "of", "conjunction", "ends"}


def _question(toks: list[_Token], i: int, text: str) -> bool:
    """Whether the sentence of token ``i`` ends in a question mark."""
    for t in toks[i + 1:]:
        if t.kind == "p" and t.text in _ENDS and _is_end(t, text):
            return t.text == "?"
    return False


def _gap_rule(toks: list[_Token], i: int, x: str | None, y: str | None, text: str) -> tuple[int, str] | None:
    """A rule of :data:`GAP_ONLY` that token ``i`` (read ``x``) and the tokens after it (the next read ``y``)
    break: (the index of the last token of the gap, the rule), or None."""
    a = toks[i]
    if a.text == "I" and _closed(toks[i - 1] if i else None, text, False) != "a":
        x = "i"  # the pronoun, always a capital ("a I" is a list's letter)
    if x is None or a.kind != "w":
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    after = toks[i + 2] if i + 2 < len(toks) else None
    z = _closed(after, text, False)
    if x in _VERB_MODALS and a.text.islower() and y in _NOUN_OPENERS and not _question(toks, i, text):
        return i + 1, "verb"  # "will its current debts"
    if x in _BE and y == "by" and z in _NOUN_OPENERS:
        return i + 1, "verb"  # "were by the United Arab Emirates": the participle gone
    if x in _GAP_SUBJECTS and (y == "that" or y in _NOUN_OPENERS) and not (x == "we" and y == "the"):
        before = toks[i - 1] if i else None
        numeral = x == "i" and before is not None and before.kind == "w" and before.text[:1].isupper()
        if not numeral and not _question(toks, i, text):
            return i + 1, "subject"  # "I that Bryant's…" ("Henry I of England", "Am I the only…?" are English)
    if x in _GAP_POSSESSIVES:
        k = i + 1
        while k < len(toks) and _closed(toks[k], text, False) in _DEGREE:
            k += 1
        word = _closed(toks[k], text, False) if k < len(toks) else None
        if word is not None and word not in _SUBSTANTIVE and _adjective_only(word):
            end = toks[k + 1] if k + 1 < len(toks) else None
            if end is None or end.kind == "p" or _closed(end, text, False) in _PREPOSITIONS:
                return k, "adjective"  # "his athletic."
    if x in ("a", "an", "the") or x in _POSSESSIVES:
        if nxt is not None and y is not None and (after is None or after.kind == "p" or z in _PREPOSITIONS
                                                  or z in _NOUN_OPENERS):
            if _verb_form(y) and not (x == "the" and y.endswith("ed")):
                return i + 1, "participle"  # "a conducted by", "The tells" ("the wounded" are people)
    return None


def _possessive_gap(a: _Token, b: _Token | None, text: str) -> bool:
    """A name's "'s" before a modal ("Bryant's shouldn't"): the thing possessed has gone."""
    if b is None or a.kind != "w" or not a.text[:1].isupper() or not a.text.endswith(("'s", "’s")) or len(a.text) < 4:
        return False
    return b.kind == "w" and b.text.lower().replace("’", "'") in _NEG_MODALS


@lru_cache(maxsize=65536)
def _verb_form(word: str) -> bool:
    """Whether lemminflect knows ``word`` as a verb only, in an inflected form that is no gerund ("conducted",
    "tells"; not "restart" or "fighting", which name things after "the")."""
    lemmas = _lemminflect().getAllLemmas(word)
    return set(lemmas) == {"VERB"} and word not in lemmas["VERB"] and not word.endswith("ing")


@lru_cache(maxsize=65536)
def _adjective_only(word: str) -> bool:
    """Whether lemminflect knows ``word`` as an adjective and as nothing else."""
    return set(_lemminflect().getAllLemmas(word)) == {"ADJ"}


class Broken(NamedTuple):
    """A pair of neighbours English practically never allows: offsets into the side, what the reason quotes, and
    the rule it breaks."""

    start: int
    end: int
    shown: str
    rule: str


def broken_pairs(text: str) -> list[Broken]:
    """The adjacent pairs of ``text`` (English) that English grammar practically never allows: (start, end, what
    the reason quotes, the rule), in order."""
    toks = [_Token(m) for m in _TOKEN.finditer(text)]
    out: list[Broken] = []
    for i, a in enumerate(toks):
        b = toks[i + 1] if i + 1 < len(toks) else None
        if b is not None and text[a.end:b.start].strip():
            continue  # a quote, bracket, dash or slash between them: not neighbours
        prev = toks[i - 1] if i else None
        initial = prev is None or (prev.kind == "p" and prev.text in _ENDS)
        x = _closed(a, text, initial)
        y = _closed(b, text, False)
        ends = _is_end(b, text)
        rule = _rule(a, b, prev, x, y, ends, text)
        if rule is None:
            gap = _gap_rule(toks, i, x, y, text)
            if gap is None and _possessive_gap(a, b, text):
                gap = (i + 1, "possessive")
            if gap is not None and not (out and out[-1].end > a.start):  # "of he the": the word is in a pair
                last = toks[gap[0]]
                out.append(Broken(a.start, last.end, quote(text[a.start:last.end]), gap[1]))
            continue
        if b is None or (ends and b.text in _ENDS and a.kind == "w"):
            out.append(Broken(a.start, a.end if b is None else b.end, f"ends in {quote(a.text)}", rule))
        else:
            glued = a.kind == "p" and prev is not None and prev.kind == "w" and prev.end == a.start
            start = prev.start if glued and prev is not None else a.start
            out.append(Broken(start, b.end, quote(text[start:b.end]), rule))
    return out


def _word_count(side: SideText) -> int:
    return len(side.words)


def _broken(side: SideText) -> list[Broken]:
    """The broken pairs of an English side of at least :data:`LEAST_WORDS` words ([] for any other side)."""
    if side.lang != "en" or _word_count(side) < LEAST_WORDS:
        return []
    return broken_pairs(side.text)


def _enough(pairs: list[Broken], side: SideText) -> bool:
    """Enough pairs, those of :data:`GAP_ONLY` rules left out, to call the side garbled."""
    pairs = [p for p in pairs if p.rule not in GAP_ONLY]
    return len(pairs) >= LEAST_HITS and len(pairs) * WORDS_PER_HIT >= _word_count(side)


def garbled(side: SideText) -> list[Broken]:
    """The broken pairs of an English side when there are enough of them to call it garbled (see the module
    docstring), else []."""
    pairs = _broken(side)
    return pairs if _enough(pairs, side) else []


def _shows_gap(pair: Broken, text: str) -> bool:
    """Whether a broken pair shows a word left out (:data:`MISSING_RULES`; a word written twice, "a" for "an" and
    the like show a slip, not a gap)."""
    if pair.rule not in MISSING_RULES:
        return False
    if pair.rule == "conjunction" and not pair.shown.startswith("ends in"):
        return False  # "and or": a slip
    words = text[pair.start:pair.end].lower().split()
    if len(words) == 2 and words[0] == words[1].rstrip(",.;:!?"):
        return False  # "the the": a word written twice
    if pair.rule == "article" and len(words) == 2 and (words[0] in _POSSESSIVES and words[1] in _AUXILIARIES
                                                       or words[1] in _ARTICLES):
        return False  # "their were", "its been": "there", "it's" misspelt; "the a": one determiner too many
    if pair.rule == "preposition" and "of" not in words:
        return False  # "with for", "to at least": a preposition stranded or an idiom, no word left out
    mark = text[pair.end - 1:pair.end]
    if mark in ".!?;:" and text[pair.end:].lstrip(" \"'”’»)")[:1].islower():
        return False  # "the: unspoilt", "with? a": a stray mark, the sentence goes on
    return True


def gap_shown(pair: Broken, text: str) -> str:
    """The gap as the reason quotes it, with "…" where the word went: "an … with", "the …,", "his athletic …"."""
    seg = text[pair.start:pair.end]
    if pair.rule == "adjective":
        return quote(f"{seg} …")
    head, _, tail = seg.partition(" ")
    if tail:
        return quote(f"{head} … {tail}")
    if seg[-1:] in ",.;:!?":
        return quote(f"{seg[:-1]} …{seg[-1]}")
    return quote(f"{seg} …")


def missing_word(pairs: list[Broken], this: SideText, other: SideText,
                 dictionary: Dictionary | None = None) -> tuple[Broken, Word] | None:
    """A gap of an English side (:func:`_shows_gap`) that the other side, in Russian, corroborates: a content
    word of it that the dictionary finds no counterpart for (coverage under one half, :func:`.lexical.coverage`)
    within :data:`GAP_NEAR` of the gap's relative position, or one only partly matched within
    :data:`PARTLY_NEAR`; a word of the kind the gap lacks (a verb after "will", a noun after "the") before the
    nearest.  None without a gap, a Russian other side or the dictionary."""
    gaps = [p for p in pairs if _shows_gap(p, this.text)]
    if not gaps or this.lang != "en" or base_lang(other.lang) != "ru":
        return None
    from . import lexical  # the dictionary and lemmatisers load only when a gap asks for them
    dictionary = dictionary if dictionary is not None else lexical.load_dictionary()
    if dictionary is None:
        return None
    cov = lexical.coverage(this, other, dictionary)
    lost = [(w, c) for w, c, wt in cov.ru if c < 1.0 and wt >= 1.0]
    size, other_size = max(len(this.text), 1), max(len(other.text), 1)
    best: tuple[tuple[bool, float], Broken, Word] | None = None
    for gap in gaps:
        at = gap.start / size
        want = "verb" if gap.rule in ("verb", "subject") else "noun"
        for w, c in lost:
            far = abs(w.start / other_size - at)
            # the nearest word of the kind the gap wants ("were … by": a verb), else the nearest
            rank = (want not in kinds(w.lower, "ru"), far)
            if far <= (GAP_NEAR if c < 0.5 else PARTLY_NEAR) and (best is None or rank < best[0]):
                best = (rank, gap, w)
    return None if best is None else (best[1], best[2])


def _anchors(side: SideText) -> list[tuple[int, str, bool]]:
    """A side's names (capitalised words inside a sentence; not "I") and numbers, in order: (offset, text, is a
    number)."""
    out = [(w.start, w.text, False) for w in side.words if w.text[:1].isupper() and not w.initial and w.text != "I"]
    out += [(m.start(), m.group(), True) for m in _DIGITS.finditer(side.text)]
    return sorted(out)


def out_of_order(side: SideText, other: SideText) -> bool:
    """Whether the names and numbers ``side`` shares with ``other`` (:func:`.names.words_match`, numbers as
    written) are at least :data:`ANCHORS` and stand in another order: at least :data:`INVERTED` of their pairs
    the other way round."""
    theirs = _anchors(other)
    taken: set[int] = set()
    order: list[int] = []
    for _, text, number in _anchors(side):
        for j, (_, t, n) in enumerate(theirs):
            same = t == text if number else words_match(text, side.lang, t, other.lang)
            if j not in taken and n == number and same:
                taken.add(j)
                order.append(j)
                break
    k = len(order)
    if k < ANCHORS:
        return False
    inverted = sum(1 for i in range(k) for j in range(i + 1, k) if order[i] > order[j])
    return inverted >= INVERTED * k * (k - 1) / 2


def _reads_as_sentence(side: SideText) -> bool:
    return _word_count(side) >= LEAST_WORDS and not garbled(side)


def score(src: SideText, tgt: SideText, dictionary: Dictionary | None = None) -> Finding | None:
    """A garbled English side against a side that reads as a sentence; None when neither is.

    A side with one broken pair only is garbled too when its names and numbers stand in another order than the
    other side's (:func:`out_of_order`).  A side that is not garbled but shows a gap (:func:`missing_word`,
    through ``dictionary`` or the installed one) gets a word-missing reason and the same floor
    (:data:`MISSING_FLOOR`)."""
    finding: Finding | None = None
    sides: tuple[tuple[Side, SideText, SideText], ...] = (("source", src, tgt), ("target", tgt, src))
    for where, this, other in sides:
        found_pairs = _broken(this)
        if not found_pairs or not _reads_as_sentence(other):
            continue
        pairs = [p for p in found_pairs if p.rule not in GAP_ONLY]
        if _enough(pairs, this):
            also = ""
        elif len(pairs) == 1 and out_of_order(this, other):
            also = f"; its names and numbers stand in another order than the {_OTHER[where]}'s"
        else:
            found = missing_word(found_pairs, this, other, dictionary)
            if found is None:
                continue
            gap, lost = found
            if finding is None:
                finding = Finding("order", 0.0, features={}, floor=MISSING_FLOOR, floor_rule="word missing")
            finding.reasons.append(f"order: a word seems missing in the {where}: {gap_shown(gap, this.text)} "
                                   f"(the {_OTHER[where]}’s {quote(lost.text)} has no counterpart)")
            finding.marks += [Mark(where, gap.start, gap.end, "order", "word missing"),
                              Mark(_OTHER[where], lost.start, lost.end, "order", "no counterpart for it")]
            finding.value = max(finding.value, evidence(1, FIRST))
            continue
        if finding is None:
            finding = Finding("order", 0.0, features={}, floor=GARBLED_FLOOR)
        shown = ", ".join(p.shown for p in pairs[:4]) + (", …" if len(pairs) > 4 else "")
        finding.reasons.append(f"order: the {where} does not read as an English sentence: word order broken "
                               f"({shown}){also}")
        finding.marks += [Mark(where, s, e, "order", "word order") for s, e, _, _ in pairs]
        finding.value = max(finding.value, evidence(len(pairs), FIRST))
    return finding
