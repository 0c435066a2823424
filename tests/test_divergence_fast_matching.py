"""The scorer's fast word-pair tests answer exactly as the plain all-pairs tests they replaced.

Scoring compares many pairs of words: the names component's keys (:func:`names.words_match`), its
verbatim check, the lexical component's families of translations (:class:`contentwords.Family`)
and its synonym test (:func:`lexical._synonymous`).  Each has a faster form (keys looked up once
per word and pairs whose first letters cannot be one sound settled by a containment test; no
regular expression per name; families joined from their headwords' parts; headwords that share
too little with the union of the lists set aside).  The plain forms are written out here, as the
code had them, and both are asked about the words of the archival dev set
(``benchmarks/data/archival``): every answer must agree.
"""
from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from align.divergence import contentwords, lexical, names
from align.divergence.dictionary import Dictionary
from align.divergence.gazetteer import concept, territory
from align.divergence.tokens import SideText

DEV = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "archival"
DOCS = ("1920-05-14-tiflis-telegram", "1920-07-15-kars-railway-memorandum")


def _text(doc: str, lang: str) -> str:
    return (DEV / doc / f"{lang}.txt").read_text(encoding="utf-8")


def _words(lang: str, limit: int = 160) -> list[str]:
    """Distinct words of the dev documents in ``lang``, names first (capitalised), then the rest."""
    seen = dict.fromkeys(w.text for doc in DOCS for w in SideText(_text(doc, lang), lang).words)
    ordered = sorted(seen, key=lambda w: (not w[:1].isupper(), list(seen).index(w)))
    return ordered[:limit]


# -- names: the plain key test and word test, as the code had them -------------------------------

def _plain_keys_match(a: str, a_short: bool, b: str, b_short: bool) -> bool:
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    short_is_stem = a_short if short is a else b_short
    if len(a) == len(b) == 3:
        return a[0] == b[0] and a[2] == b[2]
    if len(short) == 3:
        return long_.startswith(short) and len(long_) - len(short) <= (2 if short_is_stem else 1)
    if long_.startswith(short):
        return True
    if len(short) >= 5 and short in long_:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common >= 5 and common >= 0.6 * len(short):
        return True
    if a[0] != b[0] and not {a[0], b[0]} <= {"g", "k"} and not {a[0], b[0]} <= {"g", "j"} \
            and not {a[0], b[0]} <= {"e", "i", "a"}:
        return False
    if names._close(a, b, 1 if len(short) <= 6 else 2):
        return True
    sa, sb = names._skeleton(a), names._skeleton(b)
    if sa == sb:
        return (len(sa) >= 3 or len(long_) >= 4) and abs(len(a) - len(b)) <= 3
    return len(sa) >= 5 and abs(len(a) - len(b)) <= 3 and names._close(sa, sb, 1)


def _plain_words_match(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    if a.lower() == b.lower():
        return True
    ca = concept(a, lang_a)
    if ca is not None and ca == concept(b, lang_b):
        return True
    ta = territory(a, lang_a)
    if ta is not None and ta == territory(b, lang_b):
        return True
    for ka, sa in names.stems(a, lang_a):
        for kb, sb in names.stems(b, lang_b):
            if _plain_keys_match(ka, sa, kb, sb):
                return True
    return False


@pytest.mark.parametrize("la,lb", [("en", "ru"), ("en", "hy"), ("ru", "hy"), ("ru", "ru")])
def test_words_match_agrees_with_the_all_pairs_key_test_on_dev_set_words(la, lb):
    a_words, b_words = _words(la), _words(lb)
    fast = {(a, b): names.words_match(a, la, b, lb) for a in a_words for b in b_words}
    plain = {(a, b): _plain_words_match(a, la, b, lb) for a in a_words for b in b_words}
    assert fast == plain, [k for k in fast if fast[k] != plain[k]][:10]
    assert 0 < sum(fast.values()) < len(fast)  # both answers occur: the comparison means something


def test_keys_match_agrees_with_the_plain_test_on_every_key_pair_of_dev_set_words():
    keys = sorted({k for lang in ("en", "ru", "hy") for w in _words(lang, 120) for k in names.stems(w, lang)})
    differ = [(a, b) for a in keys for b in keys
              if names._keys_match(*a, *b) != _plain_keys_match(*a, *b)]
    assert not differ, differ[:10]
    assert len(keys) > 300


def test_a_name_found_verbatim_as_the_regular_expression_found_it():
    texts = [_text(doc, lang) for doc in DOCS for lang in ("en", "ru", "hy")]
    asked = 0
    for text in texts:
        words = [w.text for w in SideText(text, "en").words]
        # whole words, their beginnings and ends (found inside longer words, so not whole), and misses
        for probe in {p for w in words for p in (w, w[:3], w[-3:], w + "s") if len(p) >= 2}:
            regex = re.search(rf"(?<!\w){re.escape(probe)}(?!\w)", text) is not None
            assert names._verbatim(probe, text) == regex, probe
            asked += 1
    assert asked > 1000


# -- lexical: the plain family and synonym test ------------------------------------------------

def _plain_family_has(lemmas: frozenset[str], lemma: str) -> bool:
    """:meth:`contentwords.Family.has` as it was: every part made when the family was."""
    exact = lemmas
    stripped = {s for lem in lemmas for s in contentwords._strip_prefix(lem)}
    roots = {r for lem in lemmas if (r := contentwords._root(lem))}
    ordered = sorted(lemmas)
    if lemma in exact or lemma in stripped:
        return True
    root = contentwords._root(lemma)
    if root and root in roots:
        return True
    if contentwords._strip_prefix(lemma) & exact:  # one of the two prefixed, not both
        return True
    i = bisect.bisect_left(ordered, lemma[:contentwords._STEM])
    while i < len(ordered) and ordered[i].startswith(lemma[:contentwords._STEM]):
        other = ordered[i]
        if contentwords._common(lemma, other) >= max(contentwords._STEM,
                                                     min(len(lemma), len(other)) - contentwords._STEM_SLACK):
            return True
        i += 1
    return False


def _russian_lemmas() -> list[str]:
    words = {w.lower for doc in DOCS for w in SideText(_text(doc, "ru"), "ru").words}
    return sorted({lem for w in words for lem in contentwords._ru(w).lemmas})


def test_a_family_joined_from_parts_answers_as_one_made_whole_on_dev_set_lemmas():
    lemmas = _russian_lemmas()
    rng = random.Random(19)
    parts = [frozenset(rng.sample(lemmas, 12)) for _ in range(30)]
    for k in range(0, 30, 3):
        chosen = parts[k:k + 3]
        whole = frozenset().union(*chosen)
        joined = contentwords.Family.union(contentwords.Family(p) for p in chosen)
        made = contentwords.Family(whole)
        answers = [(_plain_family_has(whole, lem), joined.has(lem), made.has(lem)) for lem in lemmas]
        assert all(a == b == c for a, b, c in answers)
        assert any(a for a, _, _ in answers) and not all(a for a, _, _ in answers)
        assert [joined.has(lem) for lem in lemmas] == [a for a, _, _ in answers]  # remembered answers too
    assert contentwords.Family.union([]).has(lemmas[0]) is False


def _plain_synonymous(dictionary: Dictionary, lemma: str, own: list[frozenset[str]]) -> bool:
    for t in lexical._headword_sets(dictionary, lemma):
        for o in own:
            shared = len(t & o)
            if shared >= lexical.SYN_MIN and 4 * shared >= min(len(t), len(o)):
                return True
    return False


def _check_synonyms(dictionary: Dictionary, lemmas: list[str], heads: list[str], rng: random.Random) -> int:
    agreed = found = 0
    for _ in range(60):
        keys = rng.sample(heads, 6)
        own = [lexical._long(dictionary, h) for h in keys]
        for lem in lemmas:
            plain = _plain_synonymous(dictionary, lem, own)
            assert lexical._synonymous(dictionary, lem, lexical.Own(own)) == plain, (lem, keys)
            agreed += 1
            found += plain
    assert agreed and found  # synonyms occur: the comparison means something
    return found


def test_the_synonym_test_with_the_union_set_aside_agrees_with_all_pairs_on_dev_set_lemmas():
    lemmas = _russian_lemmas()
    rng = random.Random(20)
    # a dictionary of 80 headwords whose translations are dev-set lemmas, overlapping as synonyms' do
    main = {f"head{i}": frozenset(rng.sample(lemmas, rng.randint(2, 9))) for i in range(80)}
    dictionary = Dictionary(main, {}, frozenset().union(*main.values()), "test")
    _check_synonyms(dictionary, lemmas, sorted(main), rng)


@pytest.mark.slow
def test_the_synonym_test_agrees_with_all_pairs_with_the_mueller_dictionary(tmp_path):
    from align.divergence import dictionary as dictionaries
    if dictionaries.find(dictionaries.SYSTEM_INDEX) is None:
        pytest.skip("mueller7-dict is not installed (apt-get install mueller7-dict)")
    mueller = dictionaries.load(dictionaries.SYSTEM_INDEX, cache_dir=tmp_path)
    assert mueller is not None
    en = {lem for doc in DOCS for w in SideText(_text(doc, "en"), "en").words
          for lem in contentwords._en(w.lower)}
    heads = sorted(h for h in en if h in mueller)
    assert _check_synonyms(mueller, _russian_lemmas(), heads, random.Random(21)) > 0
