"""Offsets round-trip on adversarial and random inputs, in every language.

For every input: ``seg.text == text[seg.start:seg.end]``, segments carry no
surrounding whitespace, the gaps between them are whitespace only, segments +
gaps give back the text exactly, indexes count from 0, and two neighbouring
segments are in different paragraphs exactly when a blank line separates them.
"""
from __future__ import annotations

import random
import re

import pytest

from align.records import Segment
from align.segment import gaps, segment_text, supported_languages

# Line breaks as str.splitlines knows them, written out here independently of the library.
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

LANGS = supported_languages()


def check(text: str, lang: str) -> tuple[Segment, ...]:
    segs = segment_text(text, lang, doc_id="d", version_id="v")
    g = gaps(text, segs)
    assert len(g) == len(segs) + 1
    assert "".join(x + s.text for x, s in zip(g, segs)) + g[-1] == text
    assert all(x == "" or x.isspace() for x in g), g
    for i, s in enumerate(segs):
        assert s.index == i
        assert s.text == text[s.start:s.end]
        assert s.text and s.text == s.text.strip()
    if segs:
        assert segs[0].paragraph == 0
    for a, b, between in zip(segs, segs[1:], g[1:]):
        assert a.end <= b.start
        blank_line = len(_BREAK.findall(between)) >= 2
        assert b.paragraph - a.paragraph == (1 if blank_line else 0), (a, b, between)
    if not text.strip():
        assert segs == ()
    return segs


ADVERSARIAL = [
    "",
    " ",
    "\n",
    "\r\n\r\n\r\n",
    "\t \u00a0\u3000\u2028",
    "one",
    "no punctuation at all in this line\nnor in this one\n\nnor here",
    "Trailing spaces.   \nAnd tabs.\t\t\n\n\t\tIndented paragraph.   ",
    "CRLF one.\r\nCRLF two.\r\n\r\nCRLF three.\r\n",
    "Old Mac one.\rOld Mac two.\r\rOld Mac paragraph.",
    "Whitespace line between\n   \t  \nparagraphs.",
    "Lots\n\n\n\n\n\nof\n\n\n\nblank lines.\n\n\n",
    "Form\x0cfeed and\u2028line separator.\u2029Paragraph separator.",
    "Cafe\u0301 ouvert. Voila\u0300 tout! Ä\u0308\u0301 combined?",
    "Emoji 👋. Flags 🇦🇲🇷🇺! Family 👨‍👩‍👧 here? Yes 🎉.",
    "Zero\u200bwidth\u200b. Joiner\u200d here.",
    "...",
    ". . . ! ? ։ 。",
    "«»“”„\"'()[]",
    "—",
    "A.B.C.D.E.F.G.",
    "1. 2. 3. 4.",
    "Gen.\nCol.\nCapt.",
    "т.\nе.\nи т. д.",
    "։։։ ::: 10:30 ։ : ",
    "。。。！！！？？？」」」",
    "\ufeffBOM at the start. Then text.",
    "Ends without newline.",
    " leading space",
    "Line one\n\n",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_round_trip(text: str, lang: str) -> None:
    check(text, lang)


def test_two_thousand_sentences() -> None:
    sentence = "Gen. Smith met M. Kemal on Apr. 26, 1920, i.e. before the war."
    text = " ".join(f"{sentence[:-1]} number {i}." for i in range(2000))
    segs = check(text, "en")
    assert len(segs) == 2000
    assert {s.paragraph for s in segs} == {0}


@pytest.mark.parametrize("lang", LANGS)
def test_a_single_huge_paragraph(lang: str) -> None:
    pieces = ["Ген. Деникин прибыл 5 янв. 1920 г. в Ереван.", "Ժամը 10:30-ին նա եկավ։",
              "他说：“走吧。”", "Secondly. If Soviet forces attack, we act!", "word " * 50]
    rng = random.Random(7)
    text = " ".join(rng.choice(pieces) for _ in range(3000))
    check(text, lang)


_ALPHABET = (list("abcXYZабвГДЕաբգԱԲԳ中文字éüßİı") + ["e\u0301", "👋", "🇦🇲", "\u200b", "1", "2",
             "1920", "10:30", "10։30"])
_PUNCT = (list(".!?։:。！？…«»\"'()—–-,;՞՛՜") + ["...", "Gen.", "т. е.", "z. B.", "թ.", "No. 5",
          "Secondly.", "1.", "։»", "。」", "etc.", "и т. д.", "1920 г.", "M."])
_SPACE = [" ", " ", " ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t", "\u00a0", "\u2028", "\r",
          " \n \n", "\x0c", "\u3000"]


def random_text(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(rng.choice(_ALPHABET) if r < 0.55 else rng.choice(_PUNCT) if r < 0.75 else rng.choice(_SPACE))
    return "".join(out)


@pytest.mark.parametrize("lang", LANGS)
def test_random_texts_round_trip(lang: str) -> None:
    for seed in range(300):
        rng = random.Random(seed)
        check(random_text(rng, rng.randint(0, 120)), lang)


def test_text_in_a_foreign_script_still_round_trips() -> None:
    for lang in LANGS:
        for text in ("Ереван, 29 апреля 1920 г. Сообщаю.", "Երևան։ Հայտնում եմ։", "安哥拉。我们接受。",
                     "Angora, April 26, 1920. We accept."):
            check(text, lang)
