"""The pipeline: presegmented input, signed alignments, language checks, rescoring (the main job: test_batch)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import align
from align.aligner import AlignerSettings, AlignStats
from align.corpus import load_corpus
from align.divergence import SCORING
from align.errors import LanguageError, LanguageMismatchWarning
from align.pipeline import align_texts, align_versions, presegmented, rescore
from align.records import Role, text_sha256

SRC = "The treaty was signed in April.\nThe army moved north.\nPeace came in May.\n"
TGT = ("The treaty was signed in April.\nThe army moved north.\nA completely unrelated pasta recipe.\n"
       "Peace came in May.\n")


def covers(alignment) -> bool:
    n, m = len(alignment.src_segments), len(alignment.tgt_segments)
    return ([i for b in alignment.beads for i in b.src] == list(range(n))
            and [j for b in alignment.beads for j in b.tgt] == list(range(m)))


# -- presegmented input ---------------------------------------------------------------------

@pytest.mark.parametrize("text, lines", [
    ("a\nb\nc\n", ["a", "b", "c"]),
    ("a\nb\nc", ["a", "b", "c"]),
    ("a\r\nb\r\n\r\nc\r\n", ["a", "b", "", "c"]),
    ("a\n\n", ["a", ""]),
    ("  spaced  \n\tx", ["  spaced  ", "\tx"]),
])
def test_presegmented_offsets_point_into_the_text(text, lines):
    segs = presegmented(text, "doc", "v")
    assert [s.text for s in segs] == lines
    assert [s.index for s in segs] == list(range(len(lines)))
    assert all(text[s.start:s.end] == s.text for s in segs)
    assert all(s.doc_id == "doc" and s.version_id == "v" and s.paragraph == 0 for s in segs)


# -- align_texts --------------------------------------------------------------------------------

def test_presegmented_alignment_finds_the_addition(hashing_encoder):
    a = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, presegmented_input=True)
    assert [b.ids() for b in a.beads] == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]"]
    assert a.beads[2].similarity is None and a.beads[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert all(b.divergence is not None and 0.0 <= b.divergence.score <= 1.0 for b in a.beads)
    assert a.beads[2].divergence.score == pytest.approx(1.0)
    assert a.src_version == "source" and a.tgt_version == "target"


def test_signature_records_model_settings_text_hashes_and_version(hashing_encoder):
    settings = AlignerSettings(max_merge=3)
    a = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, settings=settings, presegmented_input=True)
    sig = a.signature
    assert sig.model == hashing_encoder.identity
    assert sig.src_sha256 == text_sha256(SRC) and sig.tgt_sha256 == text_sha256(TGT)
    assert sig.version == align.__version__
    assert sig.settings == {**{f"aligner.{k}": v for k, v in settings.signature().items()},
                            "segmentation": "presegmented", "scoring": SCORING}
    assert sig.settings["aligner.max_merge"] == 3
    text = str(sig)
    assert f"model:{hashing_encoder.identity}" in text and f"src:{text_sha256(SRC)[:12]}" in text
    segmented = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder).signature
    assert segmented.settings["segmentation"].startswith("segment:en:")


def test_score_false_leaves_divergence_out(hashing_encoder):
    a = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, presegmented_input=True, score=False)
    assert all(b.divergence is None for b in a.beads)


@pytest.mark.parametrize("presegmented_input", [False, True])
@pytest.mark.parametrize("langs", [("xx", "en"), ("en", "klingon")])
def test_unknown_language_lists_supported_codes(hashing_encoder, presegmented_input, langs):
    def forbidden(texts):
        raise AssertionError("nothing may be embedded for an unknown language")
    hashing_encoder.encode = forbidden
    with pytest.raises(LanguageError) as info:
        align_texts(SRC, TGT, *langs, encoder=hashing_encoder, presegmented_input=presegmented_input)
    msg = str(info.value)
    assert repr(langs[0] if langs[0] != "en" else langs[1]) in msg
    for code in ("de", "en", "fr", "hy", "ru", "zh"):
        assert f"{code} (" in msg


def test_language_aliases_are_accepted(hashing_encoder):
    a = align_texts(SRC, SRC, "English", "en-GB", encoder=hashing_encoder, presegmented_input=True, score=False)
    assert len(a.beads) == 3


def test_declared_language_in_another_script_warns(hashing_encoder):
    ru = "Договор подписан в апреле.\nАрмия двинулась на север.\n"
    with pytest.warns(LanguageMismatchWarning, match="target: the text is mostly cyrillic.*'hy'"):
        align_texts(SRC, ru, "en", "hy", encoder=hashing_encoder, presegmented_input=True, score=False)


def test_stats_are_filled(hashing_encoder):
    stats = AlignStats()
    align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, presegmented_input=True, stats=stats)
    assert (stats.src_sentences, stats.tgt_sentences) == (3, 4)
    assert stats.encoder_calls >= 7 and stats.band_cells == 4 * 5


# -- align_versions on the real texts ----------------------------------------------------------

def test_align_versions_on_the_real_corpus(texts_dir, hashing_encoder):
    doc = load_corpus(texts_dir)[0]
    src, tgt = doc.version("en"), doc.version("ru-working")
    a = align_versions(src, tgt, encoder=hashing_encoder)
    assert covers(a) and len(a.src_segments) >= 5 and len(a.tgt_segments) >= 5
    assert (a.doc_id, a.src_version, a.tgt_version, a.src_lang, a.tgt_lang) == (
        doc.doc_id, "en", "ru-working", "en", "ru")
    assert a.src_meta.role is Role.PUBLISHED and a.tgt_meta.role is Role.WORKING
    assert a.signature.src_sha256 == src.sha256 and a.signature.tgt_sha256 == tgt.sha256
    assert all(s.text == src.text[s.start:s.end] for s in a.src_segments)
    assert all(b.divergence is not None for b in a.beads)


# -- rescore -----------------------------------------------------------------------------------

def test_rescore_recomputes_the_given_beads(hashing_encoder):
    a = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, presegmented_input=True)
    beads = list(a.beads)
    beads[1] = replace(beads[1], similarity=-0.5, divergence=None)
    beads[3] = replace(beads[3], similarity=-0.5)
    broken = replace(a, beads=tuple(beads))
    fixed = rescore(broken, [1, 2], encoder=hashing_encoder)
    assert fixed.beads[1].similarity == pytest.approx(a.beads[1].similarity, abs=1e-5)
    assert fixed.beads[1].divergence is not None
    assert fixed.beads[2].similarity is None and fixed.beads[2].divergence.score == pytest.approx(1.0)
    assert fixed.beads[3].similarity == -0.5  # not asked for: left alone
    assert rescore(broken, [], encoder=hashing_encoder) is broken


def test_rescore_after_a_merge_uses_the_joined_texts(hashing_encoder):
    a = align_texts(SRC, TGT, "en", "en", encoder=hashing_encoder, presegmented_input=True, score=False)
    from align.records import Bead
    merged = replace(a, beads=(a.beads[0], Bead((1,), (1, 2)), a.beads[3]))
    out = rescore(merged, [1], encoder=hashing_encoder)
    vs, vt = hashing_encoder.encode(["The army moved north.",
                                     "The army moved north. A completely unrelated pasta recipe."])
    assert out.beads[1].similarity == pytest.approx(float(np.dot(vs, vt)), abs=1e-5)
