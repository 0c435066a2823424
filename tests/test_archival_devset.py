"""The archival-style dev set (benchmarks/data/archival): format, coverage, vocabularies, split, metadata."""
from __future__ import annotations

import shutil
import warnings

import pytest

from align.corpus import scan_corpus
from align.records import Role
from scripttools import load_benchmark

archival = load_benchmark("_archival")
DATA = archival.DATA
MIN_BEADS = 170


@pytest.fixture(scope="module")
def docs():
    return archival.load_devset()


def test_the_manifest_lists_every_document_folder_with_a_split(docs):
    folders = sorted(p.name for p in DATA.iterdir() if p.is_dir())
    assert sorted(d.doc_id for d in docs) == folders
    assert {d.split for d in docs} == set(archival.SPLITS)
    assert all(d.split in archival.SPLITS and d.genre for d in docs)


def test_every_gold_file_covers_both_sides_exactly_once_in_order(docs):
    for doc in docs:
        for pair in archival.PAIRS:
            src, tgt = archival.pair_languages(pair)
            beads = doc.gold[pair]
            assert [i for b in beads for i in b.src] == list(range(len(doc.versions[src]))), (doc.doc_id, pair)
            assert [j for b in beads for j in b.tgt] == list(range(len(doc.versions[tgt]))), (doc.doc_id, pair)


def test_labels_changes_and_shapes_follow_the_vocabulary(docs):
    for doc in docs:
        for pair, beads in doc.gold.items():
            for b in beads:
                where = (doc.doc_id, pair, b.row)
                assert b.label in archival.LABELS, where
                assert set(b.changes) <= set(archival.CHANGES), where
                if b.label == "omission":
                    assert b.src and not b.tgt and b.note, where
                elif b.label == "addition":
                    assert b.tgt and not b.src and b.note, where
                else:
                    assert b.src and b.tgt, where
                if b.label == "equivalent":
                    assert not b.changes and not b.note, where
                if b.label in ("minor", "major"):
                    assert b.changes and b.note, where


def test_each_pair_has_enough_beads_of_every_kind_in_both_splits(docs):
    for pair in archival.PAIRS:
        c = archival.counts(docs, pair)
        total = sum(c["labels"].values())
        assert total >= MIN_BEADS, (pair, total)
        assert c["labels"]["equivalent"] / total >= 0.55
        for label in ("minor", "major", "omission", "addition"):
            assert c["labels"][label] / total >= 0.06, (pair, label)
        merges = [k for k in c["kinds"] if k.startswith("equivalent") and not k.endswith(" 1-1")]
        assert {"equivalent 1-2", "equivalent 2-1"} <= set(merges), pair
        assert c["changes"]["untranslated"] >= 3, pair
        for split in archival.SPLITS:
            part = archival.counts([d for d in docs if d.split == split], pair)
            assert all(part["labels"][label] for label in archival.LABELS), (pair, split)


def test_the_manifest_records_the_counts_of_the_files(docs):
    """`python benchmarks/_archival.py manifest` after an edit keeps this true."""
    assert (DATA / archival.MANIFEST).read_text(encoding="utf-8") == archival.manifest_text(docs)


def test_the_workbench_reads_the_folder_as_a_collection_without_complaint():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a script mismatch or any other warning fails the test
        documents, failures = scan_corpus(DATA)
    assert failures == ()
    assert len(documents) == len(archival.read_manifest())
    for doc in documents:
        assert sorted(v.version_id for v in doc.versions) == ["en", "hy", "hy-old", "ru", "ru-old"]
        assert doc.meta.pivot == "en"


def test_the_metadata_says_plainly_that_the_documents_are_fictional():
    documents, _ = scan_corpus(DATA)
    for doc in documents:
        assert "fictional" in doc.meta.title.lower() and "fictional" in doc.meta.source.lower(), doc.doc_id
        assert "invented" in doc.meta.notes and "not cite" in doc.meta.notes.lower(), doc.doc_id
        for v in doc.versions:
            assert v.meta.role is Role.WORKING, (doc.doc_id, v.version_id)  # never presented as an original
            assert "fictional" in v.meta.notes.lower() and "fictional" in v.meta.source.lower()
            assert v.meta.title.endswith(("(fictional document)", "(вымышленный документ)",
                                          "(հորինված փաստաթուղթ)")), (doc.doc_id, v.version_id)
            if v.version_id in archival.OLD_SPELLING:  # the old-spelling variants say what they are
                assert v.meta.orthography in ("pre-reform", "classical", "mixed")
                assert "old-spelling variant" in v.meta.notes


def test_an_old_spelling_variant_shares_the_lines_of_its_modern_version(docs, tmp_path):
    for doc in docs:
        for old, modern in archival.OLD_SPELLING.items():
            assert [ln.paragraph for ln in doc.versions[old]] == [ln.paragraph for ln in doc.versions[modern]]
    copy = tmp_path / "1920-05-14-tiflis-telegram"
    shutil.copytree(DATA / copy.name, copy)
    text = (copy / "ru-old.txt").read_text(encoding="utf-8")
    (copy / "ru-old.txt").write_text(text.replace("\n\n", "\n", 1), encoding="utf-8")  # two paragraphs made one
    with pytest.raises(archival.DevSetError, match=r"ru-old\.txt: an old-spelling variant has the lines and "
                                                   r"paragraphs of ru\.txt"):
        archival.load_document(copy, "tune", "telegram")


def test_a_broken_gold_file_is_refused_with_the_file_and_row(tmp_path):
    doc = DATA / "1920-05-14-tiflis-telegram"
    copy = tmp_path / doc.name
    shutil.copytree(doc, copy)
    gold = copy / "gold" / "en__ru.tsv"
    rows = gold.read_text(encoding="utf-8").split("\n")

    rows_bad_label = [rows[0], rows[1].replace("equivalent", "faithful"), *rows[2:]]
    gold.write_text("\n".join(rows_bad_label), encoding="utf-8")
    with pytest.raises(archival.DevSetError, match=r"en__ru\.tsv, row 2: label 'faithful'"):
        archival.read_gold(gold)

    gold.write_text("\n".join([rows[0], *rows[2:]]), encoding="utf-8")  # line 0 of both sides left uncovered
    with pytest.raises(archival.DevSetError, match="src: .* first out of place is position 0"):
        archival.load_document(copy, "tune", "telegram")

    gold.write_text("\n".join([rows[0], "3\t\tomission\t\t", *rows[1:]]), encoding="utf-8")
    with pytest.raises(archival.DevSetError, match="omission bead needs a note"):
        archival.read_gold(gold)


def _segmenter_mismatches(docs) -> list[str]:
    """Lines that `align.segment` would not give back as one segment each (a report for the README)."""
    from align.segment import segment_text
    out = []
    for doc in docs:
        for lang in ("en", "ru", "hy"):
            segments = {s.text for s in segment_text(doc.text(lang), lang)}
            out += [f"{doc.doc_id} {lang} line {i}: {ln.text[:60]}"
                    for i, ln in enumerate(doc.versions[lang]) if ln.text not in segments]
    return out


def test_the_segmenter_mostly_agrees_with_one_sentence_per_line(docs, capsys):
    """Reported, loosely asserted: the README lists where the segmenter joins or splits lines."""
    mismatches = _segmenter_mismatches(docs)
    lines = sum(len(d.versions[v]) for d in docs for v in d.versions)
    with capsys.disabled():
        print(f"\nsegmenter vs one sentence per line: {len(mismatches)} of {lines} lines differ")
        for m in mismatches:
            print("  " + m)
    assert len(mismatches) <= 0.05 * lines
