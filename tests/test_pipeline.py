"""The pipeline: presegmented input, signed alignments, language checks, rescoring, and the main job."""
from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest

import align
from align import store
from align.aligner import AlignerSettings, AlignStats
from align.corpus import load_corpus
from align.embed.hashing import HashingEncoder
from align.errors import CorpusError, LanguageError, LanguageMismatchWarning
from align.pipeline import align_texts, align_versions, presegmented, rescore, run
from align.records import Role, text_sha256
from align.review import Review

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
                            "segmentation": "presegmented"}
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


# -- run: the main job -------------------------------------------------------------------------

@pytest.fixture()
def workdir(tmp_path, texts_dir):
    shutil.copytree(texts_dir, tmp_path / "texts")
    return tmp_path


def test_run_aligns_every_version_against_the_pivot_and_keeps_review_work(workdir):
    enc = HashingEncoder()
    texts, alignments, report = workdir / "texts", workdir / "alignments", workdir / "report.html"
    results = run(texts, alignments, encoder=enc, report=report)
    assert [r.doc_id for r in results] == [d.name for d in sorted(texts.iterdir()) if d.is_dir()]
    for r in results:
        assert {v[0] for v in r.versions} == {"en", "ru-working", "hy-working"}
        assert all(n > 0 for _, _, _, n in r.versions)
        assert [(p.src_version, p.tgt_version) for p in r.pairs] == [("en", "hy-working"), ("en", "ru-working")]
        for p in r.pairs:
            assert p.path == alignments / r.doc_id / f"en__{p.tgt_version}.json" and p.path.is_file()
            assert "new alignment file" in p.carry_over
            assert sum(p.kinds.values()) == p.beads > 0
            stored = store.load(p.path).alignment
            assert len(stored.beads) == p.beads and covers(stored)
            assert stored.signature.model == enc.identity
    html = report.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "working translation" in html

    # a second run on unchanged texts keeps the stored files (and any review) as they are
    path = results[0].pairs[1].path
    review = Review.open(path, by="tester")
    first_ids = review.beads[0].ids()
    review.accept(first_ids, note="checked")
    review.save()
    again = run(texts, alignments, encoder=enc, report=None)
    assert all("unchanged" in p.carry_over for r in again for p in r.pairs)
    assert Review.open(path).state_of(first_ids).status == "accepted"

    # an edited translation is re-aligned; the decision follows its texts
    ru = texts / results[0].doc_id / "ru-working.txt"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nДобавленное предложение в конце.\n", encoding="utf-8")
    third = run(texts, alignments, encoder=enc, report=None, doc_ids=[results[0].doc_id])
    assert len(third) == 1
    ru_pair = next(p for p in third[0].pairs if p.tgt_version == "ru-working")
    assert "1 decision(s) carried over" in ru_pair.carry_over
    reopened = Review.open(path)
    assert reopened.alignment.signature.tgt_sha256 == text_sha256(ru.read_text(encoding="utf-8"))
    assert reopened.state_of(first_ids).status == "accepted" and reopened.state_of(first_ids).note == "checked"


def test_run_with_an_unknown_document_id(workdir):
    with pytest.raises(CorpusError, match="no document\\(s\\) nope"):
        run(workdir / "texts", workdir / "alignments", encoder=HashingEncoder(), doc_ids=["nope"])
    assert not (workdir / "alignments").exists()


def test_run_uses_an_archival_original_as_pivot(workdir):
    folder = workdir / "texts" / "1920-04-29-armenian-dispatch"
    (folder / "ru-original.txt").write_text((folder / "ru-working.txt").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (folder / "ru-original.toml").write_text(
        'language = "ru"\nrole = "archival-original"\ntitle = "Оригинал"\nsource = "Archive, fond 1"\n',
        encoding="utf-8")
    results = run(workdir / "texts", workdir / "alignments", encoder=HashingEncoder(),
                  doc_ids=["1920-04-29-armenian-dispatch"])
    assert {(p.src_version, p.tgt_version) for p in results[0].pairs} == {
        ("ru-original", "en"), ("ru-original", "hy-working"), ("ru-original", "ru-working")}
    same = next(p for p in results[0].pairs if p.tgt_version == "ru-working")
    assert same.kinds == {"1-1": same.beads} and same.mean_similarity == pytest.approx(1.0, abs=1e-4)
