"""The main job over a collection (align.batch, ``align run``): incremental runs, faults, Dask, interruption."""
from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from align import store
from align.aligner import AlignerSettings
from align.batch import choose_workers, run
from align.cli import main
from align.embed.hashing import HashingEncoder
from align.errors import ClusterError, CorpusError, MetadataError
from align.progress import Progress
from align.records import text_sha256
from align.results import RunStatus
from align.review import Review
from align.workers import PairJob

ROLE_LINES = {"published-translation": "", "archival-original": "",
              "working-translation": 'notes = "made by the test suite"\n'}



#: The hashing encoder sees no likeness across languages, so the null-bead pass would rightly take
#: an en/ru pair for two different documents and align nothing; tests that need the search's beads
#: to review switch the pass off.
RELATED = AlignerSettings(nulls=False)

def make_doc(root: Path, doc_id: str, versions: dict[str, tuple[str, str, str]], pivot: str = "") -> Path:
    """A document folder: versions maps id -> (language, role, text)."""
    folder = root / doc_id
    folder.mkdir(parents=True)
    extra = f'pivot = "{pivot}"\n' if pivot else ""
    (folder / "document.toml").write_text(f'title = "Document {doc_id}"\n{extra}', encoding="utf-8")
    for vid, (lang, role, text) in versions.items():
        (folder / f"{vid}.txt").write_text(text, encoding="utf-8")
        (folder / f"{vid}.toml").write_text(
            f'language = "{lang}"\nrole = "{role}"\ntitle = "{vid}"\nsource = "test"\n{ROLE_LINES[role]}',
            encoding="utf-8")
    return folder


def sentences(k: int, n: int, lang: str) -> str:
    words = {"en": ("The commission met on day {i} and discussed topic {k} at length.",),
             "fr": ("La commission s'est réunie le jour {i} et a discuté du sujet {k} longuement.",)}[lang]
    paras = [" ".join(words[0].format(i=i * 3 + j, k=k) for j in range(3)) for i in range(n)]
    return "\n\n".join(paras) + "\n"


def collection(root: Path, docs: int, paragraphs: int = 3) -> Path:
    texts = root / "texts"
    for k in range(docs):
        make_doc(texts, f"doc{k:03d}", {
            "en": ("en", "published-translation", sentences(k, paragraphs, "en")),
            "fr": ("fr", "working-translation", sentences(k, paragraphs, "fr")),
            "fr2": ("fr", "working-translation", sentences(k, paragraphs, "fr").replace("longuement", "en détail")),
        })
    return texts


@pytest.fixture()
def workdir(tmp_path, texts_dir):
    """The seed's documents (each with en, ru-working and hy-working), without the fictional tutorial example."""
    shutil.copytree(texts_dir, tmp_path / "texts", ignore=shutil.ignore_patterns("tutorial-*"))
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in (".json", ".tmx")}


def without_dates(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: re.sub(rb'creationdate="[0-9TZ]+"', b"", v) for k, v in files.items()}


# -- the shipped texts ---------------------------------------------------------------------------

def test_run_aligns_every_version_against_the_pivot_and_writes_store_tmx_and_reports(workdir):
    enc = HashingEncoder()
    texts, alignments = workdir / "texts", workdir / "alignments"
    result = run(texts, alignments, encoder=enc, report=alignments / "report.html")
    assert result.ok and result.failures == []
    assert [d.doc_id for d in result.documents] == sorted(p.name for p in texts.iterdir() if p.is_dir())
    for d in result.documents:
        assert d.pivot == "en" and {v for v, _, _ in d.versions} == {"en", "ru-working", "hy-working"}
        assert [(p.src_version, p.tgt_version) for p in d.pairs] == [("en", "hy-working"), ("en", "ru-working")]
        assert d.report == alignments / d.doc_id / "report.html" and d.report.is_file()
        page = d.report.read_text(encoding="utf-8")
        assert "working translation" in page.lower() and d.title in page
        for p in d.pairs:
            assert p.status == RunStatus.ALIGNED and p.path == alignments / d.doc_id / f"en__{p.tgt_version}.json"
            assert "new alignment file" in p.carry_over
            stored = store.load(p.path).alignment
            assert len(stored.beads) == p.beads == sum(p.kinds.values()) > 0
            assert (p.src_segments, p.tgt_segments) == (len(stored.src_segments), len(stored.tgt_segments))
            assert stored.signature.model == enc.identity
            assert p.tmx == p.path.with_suffix(".tmx")
            tmx = p.tmx.read_text(encoding="utf-8")
            assert tmx.count("<tu ") + tmx.count("<tu>") == sum(1 for b in stored.beads if b.src and b.tgt)
            assert p.requested > 0 and p.embedded > 0
    index = (alignments / "report.html").read_text(encoding="utf-8")
    assert result.index == alignments / "report.html"
    for d in result.documents:
        assert f'href="{d.doc_id}/report.html"' in index
    assert "Working translation made by this project" in index and "default-src &#x27;none&#x27;" in index


def test_the_index_shows_review_progress_and_findings_per_pair(workdir):
    from align.review import Review
    texts, alignments = workdir / "texts", workdir / "alignments"
    first = run(texts, alignments, encoder=HashingEncoder(), report=alignments / "report.html")
    pair = first.documents[0].pairs[1]
    review = Review.open(pair.path, by="Ann")
    review.mark_divergent(0, "number/date", "major", note="18,000 vs 28 000")
    review.mark_divergent(1, "name", "critical")
    review.accept(2)
    review.save()
    again = run(texts, alignments, encoder=HashingEncoder(), report=alignments / "report.html")
    p = next(x for x in again.pairs if x.key == pair.key)
    assert (p.reviewed, p.findings, p.severities) == (3, 2, {"critical": 1, "major": 1})
    assert again.to_dict()["totals"]["findings"] == 2 and again.to_frame()["reviewed"].sum() == 3
    index = (alignments / "report.html").read_text(encoding="utf-8")
    row = next(r for r in index.split("<tr>") if f"{pair.src_version} ↔ {pair.tgt_version}" in r
               and f'data-label=reviewed>3 / {p.beads}<' in r)
    assert '<span class="findings">2</span> (1 critical, 1 major)' in row
    assert index.count('<span class="findings none">none</span>') == len(again.pairs) - 1
    assert '<meta name="viewport"' in index


def test_rerun_on_unchanged_texts_computes_and_writes_nothing(workdir):
    texts, alignments = workdir / "texts", workdir / "alignments"
    run(texts, alignments, encoder=HashingEncoder())
    before = snapshot(alignments)
    mtimes = {p: p.stat().st_mtime_ns for p in alignments.rglob("*") if p.is_file()}
    enc = HashingEncoder()
    again = run(texts, alignments, encoder=enc)
    assert [p.status for p in again.pairs] == [RunStatus.UNCHANGED] * 4
    assert enc.calls == 0 and sum(p.embedded for p in again.pairs) == 0
    assert snapshot(alignments) == before
    changed = [p for p, t in mtimes.items() if p.stat().st_mtime_ns != t and p.name != "report.html"]
    assert changed == []
    assert all(p.beads > 0 and p.tmx is not None for p in again.pairs)


def test_a_changed_version_redoes_only_its_pair_and_review_work_is_kept(workdir):
    texts, alignments = workdir / "texts", workdir / "alignments"
    first = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    doc = first.documents[0]
    ru_path = next(p.path for p in doc.pairs if p.tgt_version == "ru-working")
    hy_path = next(p.path for p in doc.pairs if p.tgt_version == "hy-working")
    review = Review.open(ru_path, by="tester")
    ids = review.beads[0].ids()
    review.accept(ids, note="checked")
    review.save()
    hy_before = hy_path.read_bytes()

    ru = texts / doc.doc_id / "ru-working.txt"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nДобавленное предложение в конце.\n", encoding="utf-8")
    enc = HashingEncoder()
    again = run(texts, alignments, encoder=enc, settings=RELATED)
    statuses = {p.key: p.status for p in again.pairs}
    assert statuses.pop(f"{doc.doc_id}/en__ru-working") == RunStatus.ALIGNED
    assert set(statuses.values()) == {RunStatus.UNCHANGED}
    assert hy_path.read_bytes() == hy_before
    ru_pair = next(p for p in again.pairs if p.tgt_version == "ru-working" and p.doc_id == doc.doc_id)
    assert "1 decision(s) carried over" in ru_pair.carry_over
    reopened = Review.open(ru_path)
    assert reopened.alignment.signature.tgt_sha256 == text_sha256(ru.read_text(encoding="utf-8"))
    assert reopened.state_of(ids).status == "accepted" and reopened.state_of(ids).note == "checked"
    assert "Добавленное предложение" in ru_path.with_suffix(".tmx").read_text(encoding="utf-8")


def test_a_metadata_change_refreshes_the_store_without_realigning(workdir):
    texts, alignments = workdir / "texts", workdir / "alignments"
    first = run(texts, alignments, encoder=HashingEncoder())
    doc = first.documents[0]
    path = next(p.path for p in doc.pairs if p.tgt_version == "hy-working")
    review = Review.open(path, by="tester")
    review.note(review.beads[0].ids(), "keep me")
    review.save()
    toml = texts / doc.doc_id / "hy-working.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('title = "', 'title = "Revised: ', 1), encoding="utf-8")
    enc = HashingEncoder()
    again = run(texts, alignments, encoder=enc)
    pair = next(p for p in again.pairs if p.path == path)
    assert pair.status == RunStatus.UNCHANGED and pair.metadata_refreshed and enc.calls == 0
    reopened = Review.open(path)
    assert reopened.alignment.tgt_meta.title.startswith("Revised: ")
    assert reopened.state_of(reopened.beads[0].ids()).note == "keep me"


def test_an_alignment_scored_by_an_earlier_scorer_is_rescored_in_place(workdir):
    from align.divergence import SCORING
    texts, alignments = workdir / "texts", workdir / "alignments"
    first = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    path = next(p.path for p in first.pairs if p.tgt_version == "ru-working")
    review = Review.open(path, by="tester")
    review.merge_next(review.beads[0].ids())          # a hand fix ...
    review.note(review.beads[0].ids(), "keep me")     # ... and a note on the fixed bead
    review.save()
    # make the file look as an earlier workbench left it: no scoring stamp, no tense component
    old = store.load(path)
    sig = old.alignment.signature
    settings = {k: v for k, v in sig.settings.items() if k != "scoring"}
    beads = tuple(replace(b, divergence=replace(
        b.divergence, components={k: v for k, v in b.divergence.components.items() if k != "tense"}))
        if b.divergence else b for b in old.alignment.beads)
    stale = replace(old.alignment, beads=beads, signature=replace(sig, settings=settings))
    store.save(path, stale, old.review, expected_revision=old.revision)

    enc = HashingEncoder()
    again = run(texts, alignments, encoder=enc, settings=RELATED)
    pair = next(p for p in again.pairs if p.path == path)
    assert pair.status == RunStatus.UNCHANGED and pair.rescored and enc.calls == 0
    assert "re-scored" in pair.carry_over
    now = Review.open(path)
    assert now.alignment.signature.settings["scoring"] == SCORING
    assert [(b.src, b.tgt) for b in now.beads] == [(b.src, b.tgt) for b in old.alignment.beads]  # fix kept
    assert all("tense" in b.divergence.components for b in now.beads if b.src and b.tgt)
    assert now.state_of(now.beads[0].ids()).note == "keep me"
    # the hand fix recorded before the re-scoring can still be undone and redone
    now.undo()   # the note
    now.undo()   # the merge: its two beads come back, scored by the current scorer
    assert [(b.src, b.tgt) for b in now.beads][:2] == [((0,), (0,)), ((1,), (1,))]
    assert all("tense" in b.divergence.components for b in now.beads[:2])
    now.redo()
    assert len(now.beads) == len(old.alignment.beads)
    # and the next run leaves it alone
    third = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    assert not any(p.rescored for p in third.pairs)
    assert not next(p for p in third.pairs if p.path == path).rescored


def test_pivot_from_the_command_line_and_from_document_toml(tmp_path):
    texts = tmp_path / "texts"
    make_doc(texts, "a", {"en": ("en", "published-translation", sentences(1, 2, "en")),
                          "fr": ("fr", "working-translation", sentences(1, 2, "fr")),
                          "fr2": ("fr", "working-translation", sentences(1, 2, "fr"))}, pivot="fr")
    r = run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None)
    assert r.documents[0].pivot == "fr"
    assert {p.tgt_version for p in r.pairs} == {"en", "fr2"}
    r = run(texts, tmp_path / "al2", encoder=HashingEncoder(), report=None, pivot="fr2")
    assert r.documents[0].pivot == "fr2" and {p.tgt_version for p in r.pairs} == {"en", "fr"}
    make_doc(texts, "single", {"en": ("en", "published-translation", sentences(2, 2, "en"))})
    r = run(texts, tmp_path / "al4", encoder=HashingEncoder(), report=tmp_path / "al4" / "report.html")
    single = next(d for d in r.documents if d.doc_id == "single")
    assert r.ok and single.pairs == [] and single.report is None
    assert "one version only" in (tmp_path / "al4" / "report.html").read_text(encoding="utf-8")
    (texts / "a" / "document.toml").write_text('title = "A"\npivot = "de"\n', encoding="utf-8")
    r = run(texts, tmp_path / "al3", encoder=HashingEncoder(), report=None)
    assert not r.ok and len(r.failures) == 1
    assert "pivot" in r.failures[0] and "names no version" in r.failures[0]


def test_one_document_folder_runs_alone(workdir):
    texts = workdir / "texts"
    doc = sorted(p for p in texts.iterdir() if p.is_dir())[0]
    r = run(doc, workdir / "alignments", encoder=HashingEncoder(), report=workdir / "alignments" / "report.html")
    assert [d.doc_id for d in r.documents] == [doc.name]
    assert (workdir / "alignments" / doc.name / "report.html").is_file()
    # a document folder may sit anywhere: its siblings are no collection, so there is no index
    assert r.index is None and not (workdir / "alignments" / "report.html").exists()


def test_a_doc_run_writes_an_index_of_the_whole_collection(workdir):
    texts, alignments = workdir / "texts", workdir / "alignments"
    docs = sorted(p.name for p in texts.iterdir() if p.is_dir())
    r = run(texts, alignments, encoder=HashingEncoder(), doc_ids=(docs[0],))
    index = (alignments / "report.html").read_text(encoding="utf-8")
    assert r.index == alignments / "report.html" and all(d in index for d in docs)
    assert index.count(">not aligned yet<") == 2 and index.count(">aligned<") == 2
    assert not (alignments / docs[1]).exists()                     # nothing of the other written


def test_the_doc_run_index_lists_a_failed_document_once_and_keeps_the_others_pivot(tmp_path):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder())
    broken = texts / "zzbroken"
    broken.mkdir()
    (broken / "document.toml").write_text("title = [broken", encoding="utf-8")
    r = run(texts, alignments, encoder=HashingEncoder(), doc_ids=("zzbroken", "doc000"), pivot="fr")
    index = (alignments / "report.html").read_text(encoding="utf-8")
    assert len(r.failures) == 1 and index.count("zzbroken") == 1
    # doc001 was aligned against its usual pivot (en): shown as such, not as "not aligned yet" under fr
    assert index.count(">not aligned yet<") == 0 and index.count(">unchanged<") == 2


def test_the_index_after_a_run_over_one_document_shows_the_others_as_stored(workdir):
    texts, alignments = workdir / "texts", workdir / "alignments"
    first = run(texts, alignments, encoder=HashingEncoder())
    one, two = sorted(d.doc_id for d in first.documents)
    ru = texts / two / "ru-working.txt"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nЕщё одно предложение.\n", encoding="utf-8")
    enc = HashingEncoder()
    again = run(texts, alignments, encoder=enc, doc_ids=(one,))
    assert [d.doc_id for d in again.documents] == [one] and enc.calls == 0   # nothing of the other computed
    index = (alignments / "report.html").read_text(encoding="utf-8")
    assert index.count(">unchanged<") == 3 and index.count(">out of date<") == 1
    assert "brings them up to date" in index
    assert f'href="{two}/report.html"' in index                               # its earlier report is linked
    assert "Ещё одно" not in (alignments / two / "en__ru-working.tmx").read_text(encoding="utf-8")  # untouched


def test_unknown_document_id_raises_before_any_work(workdir):
    with pytest.raises(CorpusError, match="no document\\(s\\) nope"):
        run(workdir / "texts", workdir / "alignments", encoder=HashingEncoder(), doc_ids=["nope"])
    assert not (workdir / "alignments").exists()


def test_an_archival_original_becomes_the_pivot(workdir):
    folder = workdir / "texts" / "1920-04-29-armenian-dispatch"
    (folder / "ru-original.txt").write_text((folder / "ru-working.txt").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (folder / "ru-original.toml").write_text(
        'language = "ru"\nrole = "archival-original"\ntitle = "Оригинал"\nsource = "Archive, fond 1"\n',
        encoding="utf-8")
    r = run(workdir / "texts", workdir / "alignments", encoder=HashingEncoder(), report=None,
            doc_ids=["1920-04-29-armenian-dispatch"])
    assert {(p.src_version, p.tgt_version) for p in r.pairs} == {
        ("ru-original", "en"), ("ru-original", "hy-working"), ("ru-original", "ru-working")}
    same = next(p for p in r.pairs if p.tgt_version == "ru-working")
    assert same.kinds == {"1-1": same.beads} and same.mean_similarity == pytest.approx(1.0, abs=1e-4)


# -- faults ----------------------------------------------------------------------------------------

def broken_collection(tmp_path: Path) -> Path:
    texts = collection(tmp_path, 2)
    make_doc(texts, "binary", {"en": ("en", "published-translation", "x"), "fr": ("fr", "working-translation", "y")})
    (texts / "binary" / "fr.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    make_doc(texts, "badtoml", {"en": ("en", "published-translation", "One. Two.")})
    (texts / "badtoml" / "en.toml").write_text('language = "en"\nrole = \n', encoding="utf-8")
    (texts / "nodoc").mkdir()
    (texts / "nodoc" / "en.txt").write_text("Text without metadata.", encoding="utf-8")
    make_doc(texts, "badlang", {"en": ("en", "published-translation", sentences(9, 2, "en")),
                                "xx": ("xx", "working-translation", sentences(9, 2, "fr"))})
    return texts


def test_bad_documents_and_pairs_are_reported_and_the_others_complete(tmp_path):
    texts = broken_collection(tmp_path)
    alignments = tmp_path / "alignments"
    r = run(texts, alignments, encoder=HashingEncoder(), report=alignments / "report.html")
    assert not r.ok
    failed_docs = {f.doc_id: f.reason for f in r.document_failures}
    assert set(failed_docs) == {"binary", "badtoml", "nodoc"}
    assert "fr.txt" in failed_docs["binary"] and "binary" in failed_docs["binary"].lower()
    assert "en.toml" in failed_docs["badtoml"] and "TOML" in failed_docs["badtoml"]
    assert "document.toml" in failed_docs["nodoc"]
    bad = [p for p in r.pairs if p.status == RunStatus.FAILED]
    assert [p.key for p in bad] == ["badlang/en__xx"] and "xx" in bad[0].error
    good = [p for p in r.pairs if p.status == RunStatus.ALIGNED]
    assert len(good) == 4 and all(store.load(p.path).alignment.beads for p in good)
    assert len(r.failures) == 4
    index = (alignments / "report.html").read_text(encoding="utf-8")
    assert "4 failed" in index and "badlang/en__xx" in index


def test_an_unreadable_store_file_fails_its_pair_and_is_left_untouched(tmp_path):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "alignments"
    run(texts, alignments, encoder=HashingEncoder(), report=None)
    victim = alignments / "doc000" / "en__fr.json"
    victim.write_text('{"format": "align-workbench/alignment", "schema_version": 99}', encoding="utf-8")
    for p in (texts / "doc000").glob("fr*.txt"):
        p.write_text(p.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    r = run(texts, alignments, encoder=HashingEncoder(), report=None)
    status = {p.key: p.status for p in r.pairs}
    assert status["doc000/en__fr"] == RunStatus.FAILED and status["doc000/en__fr2"] == RunStatus.ALIGNED
    assert "newer workbench" in next(p.error for p in r.pairs if p.key == "doc000/en__fr")
    assert victim.read_text(encoding="utf-8").endswith('"schema_version": 99}')


def test_cli_exit_status_json_and_table(tmp_path, capsys):
    texts = broken_collection(tmp_path)
    rc = main(["run", str(texts), "--alignments", str(tmp_path / "al"), "--model", "hashing", "--json",
               "--workers", "1"])
    out, err = capsys.readouterr()
    assert rc == 1
    data = json.loads(out)
    assert data["ok"] is False and data["totals"]["failed"] == 1 and data["totals"]["failed_documents"] == 3
    assert data["totals"]["aligned"] == 4 and len(data["failures"]) == 4
    assert {f["doc_id"] for f in data["document_failures"]} == {"binary", "badtoml", "nodoc"}
    assert "align: failed: badlang/en__xx" in err

    good = collection(tmp_path / "ok", 2)
    rc = main(["run", str(good), "--alignments", str(tmp_path / "ok" / "al"), "--model", "hashing"])
    out, _ = capsys.readouterr()
    assert rc == 0
    assert re.search(r"doc000/en__fr\s+aligned\s+\d+", out)
    assert "2 document(s), 4 pair(s): 4 aligned, 0 unchanged, 0 failed" in out
    assert "note: doc000/fr is a working translation" in out
    index = tmp_path / "ok" / "al" / "report.html"  # the index goes with the alignments, not into the cwd
    assert index.is_file() and f"report: {index}" in out
    rc = main(["run", str(good), "--alignments", str(tmp_path / "ok" / "al"), "--model", "hashing"])
    out, _ = capsys.readouterr()
    assert rc == 0 and "0 aligned, 4 unchanged" in out and "0 texts embedded" in out
    # a store scored by an earlier scorer is listed as re-scored
    path = tmp_path / "ok" / "al" / "doc000" / "en__fr.json"
    old = store.load(path)
    sig = old.alignment.signature
    stale = replace(old.alignment, signature=replace(sig, settings={**sig.settings, "scoring": "divergence-1"}))
    store.save(path, stale, old.review, expected_revision=old.revision)
    rc = main(["run", str(good), "--alignments", str(tmp_path / "ok" / "al"), "--model", "hashing"])
    out, _ = capsys.readouterr()
    assert rc == 0 and re.search(r"doc000/en__fr\s+re-scored", out) and "1 unchanged pair(s) re-scored" in out


def test_worker_warnings_reach_the_caller(tmp_path):
    texts = tmp_path / "texts"
    make_doc(texts, "a", {"en": ("en", "published-translation", sentences(1, 2, "en")),
                          "ru": ("ru", "working-translation", sentences(1, 2, "fr"))})
    with pytest.warns(UserWarning, match="ru"):
        r = run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None)
    assert r.pairs[0].warnings and r.ok


# -- parallel ----------------------------------------------------------------------------------------

def test_choose_workers():
    def job(chars):
        from align.records import Role, Version, VersionMeta
        meta = VersionMeta(language="en", role=Role.PUBLISHED, title="t", source="s")
        return PairJob("d", Version("d", "a", "x" * chars, meta), Version("d", "b", "", meta))
    assert choose_workers(3, [job(1)]) == 3
    assert choose_workers(0, [job(10 ** 6)]) == 1  # one pair: nothing to share out
    assert choose_workers(0, [job(100), job(100)]) == 1  # too little text to be worth the start-up
    assert choose_workers(0, [job(40_000), job(40_000)]) == min(os.cpu_count() or 1, 2)


def test_encoders_travel_to_worker_processes_without_their_model_or_connection(tmp_path):
    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    enc = CachedEncoder(HashingEncoder(), tmp_path)
    first = enc.encode(["one sentence"])
    copy = pickle.loads(pickle.dumps(enc))
    assert copy.cache._conn is None and copy.identity == enc.identity
    assert (copy.encode(["one sentence"]) == first).all()
    e5 = get_encoder()
    e5._model = object()  # stands for a loaded model
    assert pickle.loads(pickle.dumps(e5))._model is None


def test_local_dask_cluster_gives_the_same_files_as_the_serial_run(tmp_path):
    texts = collection(tmp_path, 4)
    serial = run(texts, tmp_path / "serial", encoder=HashingEncoder(), report=None, workers=1)
    dask = run(texts, tmp_path / "dask", encoder=HashingEncoder(), report=None, workers=2)
    assert serial.ok and dask.ok
    assert dask.executor == "dask local cluster, 2 worker process(es)" and dask.workers == 2
    assert serial.executor == "serial (this process)"
    assert all(p.worker.startswith("dask:") for p in dask.pairs)
    assert snapshot(tmp_path / "serial").keys() == snapshot(tmp_path / "dask").keys()
    assert without_dates(snapshot(tmp_path / "serial")) == without_dates(snapshot(tmp_path / "dask"))
    assert [(p.key, p.beads, p.flagged) for p in serial.pairs] == [(p.key, p.beads, p.flagged) for p in dask.pairs]


def test_an_unreachable_scheduler_fails_fast_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr("align.workers.CONNECT_TIMEOUT", 2.0)
    texts = collection(tmp_path, 1)
    t0 = time.monotonic()
    with pytest.raises(ClusterError, match="tcp://127.0.0.1:9"):
        run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None, scheduler="tcp://127.0.0.1:9")
    assert time.monotonic() - t0 < 30
    assert not list((tmp_path / "al").rglob("*.json"))


# -- interruption ------------------------------------------------------------------------------------

def _default_sigint() -> None:
    """In the child before exec: a shell running the suite in the background hands SIGINT down as
    ignored, and Python then installs no KeyboardInterrupt handler; give the command the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_until_saved(args: list[str], env: dict[str, str], alignments: Path, count: int,
                       wait: float) -> subprocess.Popen:
    """Start the command and return once ``count`` store files exist (or it ended, or ``wait`` s passed)."""
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    deadline = time.monotonic() + wait
    while len(list(alignments.rglob("*.json"))) < count and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return proc


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from align.cli import main; sys.exit(main())", *args]


@pytest.mark.slow
def test_an_interrupted_run_leaves_valid_files_and_the_next_run_resumes(tmp_path):
    texts = collection(tmp_path, 40, paragraphs=40)
    alignments = tmp_path / "alignments"
    env = {**os.environ, "ALIGN_CACHE_DIR": str(tmp_path / "cache")}
    args = _cli("run", str(texts), "--alignments", str(alignments), "--model", "hashing", "--workers", "1")

    def saved() -> list[Path]:
        return sorted(alignments.rglob("*.json"))

    for sig in (signal.SIGINT, signal.SIGKILL):
        before = len(saved())
        proc = _start_until_saved(args, env, alignments, before + 3, wait=120)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        if sig == signal.SIGINT:
            assert proc.returncode == 130 and "run the same command again" in err
        else:
            assert proc.returncode == -signal.SIGKILL
        done = saved()
        assert before < len(done) < 80, "the run ended before it could be interrupted"
        for p in done:  # every file there is whole
            assert store.load(p).alignment.beads

    final = subprocess.run(args + ["--json"], env=env, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    data = json.loads(final.stdout)
    assert data["totals"]["aligned"] + data["totals"]["unchanged"] == 80
    assert 0 < data["totals"]["unchanged"] < 80
    clean = tmp_path / "clean"
    subprocess.run(_cli("run", str(texts), "--alignments", str(clean), "--model", "hashing", "--workers", "1"),
                   env=env, check=True, capture_output=True, timeout=600)
    assert without_dates(snapshot(alignments)) == without_dates(snapshot(clean))
    assert not list(alignments.rglob("*.tmp"))


def test_a_bad_pivot_in_metadata_is_a_metadata_error(tmp_path):
    from align.corpus import load_document
    folder = make_doc(tmp_path, "d", {"en": ("en", "published-translation", "One.")}, pivot="fr")
    with pytest.raises(MetadataError, match="pivot"):
        load_document(folder)


def test_a_version_switched_to_an_unknown_language_fails_its_pair_only(tmp_path):
    texts = collection(tmp_path, 2)
    run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None)
    toml = texts / "doc001" / "fr2.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "fr"', 'language = "xx"'),
                    encoding="utf-8")
    r = run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None)
    status = {p.key: p.status for p in r.pairs}
    assert status.pop("doc001/en__fr2") == RunStatus.FAILED and set(status.values()) == {RunStatus.UNCHANGED}
    assert "xx" in r.failures[0]


# -- found in review: writes that fail, stale reports, language tags, pivots, links ---------------------

def test_a_write_that_fails_fails_its_pair_and_the_run_goes_on(tmp_path):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "al"
    (alignments / "doc001" / "en__fr.tmx").mkdir(parents=True)  # a folder where the TMX should go
    r = run(texts, alignments, encoder=HashingEncoder())
    failed = [p for p in r.pairs if p.status == RunStatus.FAILED]
    assert [p.key for p in failed] == ["doc001/en__fr"] and "en__fr.tmx" in failed[0].error
    assert sum(p.status == RunStatus.ALIGNED for p in r.pairs) == 3 and not r.ok
    assert store.load(alignments / "doc001" / "en__fr.json").alignment.beads  # the alignment itself is saved
    assert r.index is not None and r.index.is_file()


def test_a_report_follows_a_pair_that_failed_and_came_back(tmp_path):
    texts = collection(tmp_path, 1)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder())
    report = alignments / "doc000" / "report.html"
    toml = texts / "doc000" / "fr2.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text(good.replace('language = "fr"', 'language = "xx"'), encoding="utf-8")
    r = run(texts, alignments, encoder=HashingEncoder())
    assert not r.ok and "fr2" in report.read_text(encoding="utf-8")  # the earlier alignment is still shown
    toml.write_text(good, encoding="utf-8")
    (texts / "doc000" / "document.toml").write_text('title = "A better title"\n', encoding="utf-8")
    r = run(texts, alignments, encoder=HashingEncoder())
    assert r.ok and [p.status for p in r.pairs] == [RunStatus.UNCHANGED, RunStatus.UNCHANGED]
    page = report.read_text(encoding="utf-8")
    assert "A better title" in page and "en ↔ fr2" in page and page.startswith("<!DOCTYPE html>\n<!-- align-run")


def test_a_new_language_tag_reaches_the_store_and_the_tmx(tmp_path):
    texts = collection(tmp_path, 1)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    toml = texts / "doc000" / "fr.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "fr"', 'language = "fr-CA"'),
                    encoding="utf-8")
    enc = HashingEncoder()
    r = run(texts, alignments, encoder=enc, settings=RELATED)
    pair = next(p for p in r.pairs if p.key == "doc000/en__fr")
    assert pair.status == RunStatus.UNCHANGED and pair.metadata_refreshed and enc.calls == 0
    assert store.load(pair.path).alignment.tgt_lang == "fr-CA"
    assert 'xml:lang="fr-CA"' in pair.path.with_suffix(".tmx").read_text(encoding="utf-8")


def test_stores_of_an_earlier_pivot_are_listed_not_lost(tmp_path, capsys):
    texts = collection(tmp_path, 1)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder())
    rc = main(["run", str(texts), "--alignments", str(alignments), "--model", "hashing", "--pivot", "fr",
               "--workers", "1"])
    out = capsys.readouterr().out
    assert rc == 0
    for path in (alignments / "doc000" / "en__fr.json", alignments / "doc000" / "en__fr2.json"):
        assert f"note: {path} is not aligned by this run" in out and path.is_file()
    assert "also kept: en__fr.json" in (alignments / "report.html").read_text(encoding="utf-8")


def test_index_links_are_url_quoted(tmp_path):
    texts = collection(tmp_path, 1)
    index = tmp_path / "pages #1" / "index.html"
    run(texts, tmp_path / "al 100%", encoder=HashingEncoder(), report=index)
    assert 'href="../al%20100%25/doc000/report.html"' in index.read_text(encoding="utf-8")


def test_dot_inside_a_document_folder(tmp_path, monkeypatch):
    texts = collection(tmp_path, 2)
    monkeypatch.chdir(texts / "doc001")
    r = run(".", tmp_path / "al", encoder=HashingEncoder())
    assert [d.doc_id for d in r.documents] == ["doc001"] and r.ok


@pytest.mark.parametrize("address", ["htp://127.0.0.1:8786", "127.0.0.1:notaport"])
def test_a_malformed_scheduler_address_is_a_clear_error(tmp_path, address, monkeypatch):
    monkeypatch.setattr("align.workers.CONNECT_TIMEOUT", 2.0)
    texts = collection(tmp_path, 1)
    with pytest.raises(ClusterError, match="Dask scheduler"):
        run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None, scheduler=address)


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path, monkeypatch):
    import gc

    from distributed import LocalCluster
    # earlier tests' clusters and clients, collected while this cluster starts its IO loop, can hold it
    # past distributed's 10-second start timeout (seen when the allocation pattern of a run changed)
    gc.collect()
    monkeypatch.setattr("align.workers.CONNECT_TIMEOUT", 2.0)
    texts = collection(tmp_path, 1)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(ClusterError, match="has no workers"):
            run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None, scheduler=cluster.scheduler_address)


@pytest.mark.slow
def test_ctrl_c_on_a_local_dask_cluster_stops_the_workers_and_keeps_valid_files(tmp_path):
    import psutil
    texts = collection(tmp_path, 40, paragraphs=40)
    alignments = tmp_path / "alignments"
    env = {**os.environ, "ALIGN_CACHE_DIR": str(tmp_path / "cache")}
    args = _cli("run", str(texts), "--alignments", str(alignments), "--model", "hashing", "--workers", "2")
    proc = _start_until_saved(args, env, alignments, 3, wait=180)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "no worker processes were started"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "run the same command again" in err
    gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"worker processes left running: {alive}"
    saved = sorted(alignments.rglob("*.json"))
    assert 3 <= len(saved) < 80
    for p in saved:
        assert store.load(p).alignment.beads
    final = subprocess.run(args + ["--json"], env=env, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    totals = json.loads(final.stdout)["totals"]
    assert totals["aligned"] + totals["unchanged"] == 80 and totals["unchanged"] == len(saved)


def test_a_scheduler_address_runs_the_pairs_on_that_cluster(tmp_path):
    from distributed import LocalCluster
    texts = collection(tmp_path, 2)
    serial = run(texts, tmp_path / "serial", encoder=HashingEncoder(), report=None, workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run(texts, tmp_path / "remote", encoder=HashingEncoder(), report=None,
                     scheduler=cluster.scheduler_address)
    assert remote.ok and remote.executor == f"dask scheduler {cluster.scheduler_address}" and remote.workers == 2
    assert without_dates(snapshot(tmp_path / "serial")) == without_dates(snapshot(tmp_path / "remote"))
    assert [p.status for p in remote.pairs] == [p.status for p in serial.pairs] == [RunStatus.ALIGNED] * 4


def test_a_run_as_a_dataframe(tmp_path):
    texts = broken_collection(tmp_path)
    r = run(texts, tmp_path / "al", encoder=HashingEncoder(), report=None)
    df = r.to_frame()
    assert len(df) == len(r.pairs) == 5
    failed = df.status == RunStatus.FAILED
    assert list(df.loc[failed, "source"] + "__" + df.loc[failed, "target"]) == ["en__xx"]
    assert df.loc[df.status == RunStatus.ALIGNED, "beads"].gt(0).all() and df["title"].str.startswith("Document").all()


def test_the_run_shows_its_stages_only_when_the_caller_asks_and_stderr_is_a_terminal(tmp_path, capsys):
    texts = tmp_path / "texts"
    make_doc(texts, "long", {"en": ("en", "published-translation", sentences(0, 60, "en")),
                             "fr": ("fr", "working-translation", sentences(0, 60, "fr"))})
    run(texts, tmp_path / "quiet", encoder=HashingEncoder(), settings=RELATED, report=None, tmx=False, progress=True)
    assert capsys.readouterr().err == ""  # asked, but stderr is pytest's capture, not a terminal
    shown = Progress()
    run(texts, tmp_path / "shown", encoder=HashingEncoder(), settings=RELATED, report=None, tmx=False,
        progress=shown)
    assert shown.pairs_done == shown.pairs_total == 1 and shown.counts["embedding sentences"][0] == 360
