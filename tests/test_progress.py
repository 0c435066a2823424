"""The run's one progress display: stages in order, counts, an ETA; nothing when not on a terminal."""
from __future__ import annotations

import io

import pytest

from align import progress as progress_module
from align.batch import run
from align.cli import main
from align.embed.cache import CachedEncoder
from align.embed.hashing import HashingEncoder
from align.pipeline import align_texts
from align.progress import (
    ALIGNING,
    EMBEDDING_SENTENCES,
    SCORING,
    SEGMENTING,
    STAGES,
    Progress,
    TerminalProgress,
)
from test_batch import RELATED, make_doc, sentences

EN = " ".join(f"The council met on day {i} and discussed the harbour {i}." for i in range(12))
FR = " ".join(f"Le conseil s'est réuni le jour {i} et a discuté du port {i}." for i in range(12))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _draw_every_change(monkeypatch):
    monkeypatch.setattr(progress_module, "REDRAW_SECONDS", 0.0)


def test_a_pair_goes_through_the_stages_in_order_with_counts_of_the_texts_embedded(tmp_path):
    shown = Progress()
    enc = CachedEncoder(HashingEncoder(), tmp_path)
    a = align_texts(EN, FR, "en", "fr", encoder=enc, settings=RELATED, progress=shown)
    n = len(a.src_segments) + len(a.tgt_segments)
    assert shown.seen[:3] == [SEGMENTING, EMBEDDING_SENTENCES, ALIGNING] and shown.current == SCORING
    assert shown.counts[EMBEDDING_SENTENCES] == [n, n]
    again = Progress()  # a warm re-run: the sentences are in the cache, nothing to embed
    align_texts(EN, FR, "en", "fr", encoder=enc, settings=RELATED, progress=again)
    assert again.counts[EMBEDDING_SENTENCES] == [0, 0]


def test_the_display_draws_each_stage_on_one_line_of_a_terminal():
    term = Terminal()
    shown = TerminalProgress(term)
    align_texts(EN, FR, "en", "fr", encoder=HashingEncoder(), settings=RELATED, progress=shown)
    shown.close()
    out = term.getvalue()
    for stage in (SEGMENTING, EMBEDDING_SENTENCES, ALIGNING, SCORING):
        assert stage in out
    assert "embedding sentences 24/24" in out and "\n" not in out and out.endswith("\r\033[K")


def test_the_display_is_quiet_when_stderr_is_not_a_terminal(tmp_path, capsys):
    plain = io.StringIO()
    align_texts(EN, FR, "en", "fr", encoder=HashingEncoder(), settings=RELATED, progress=TerminalProgress(plain))
    assert plain.getvalue() == ""
    src, tgt = tmp_path / "en.txt", tmp_path / "fr.txt"
    src.write_text(EN, encoding="utf-8")
    tgt.write_text(FR, encoding="utf-8")
    assert main(["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--model", "hashing",
                 "--set", "nulls=false"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and not any(stage in err for stage in STAGES), err


def test_a_run_over_several_pairs_counts_the_pairs_and_gives_the_run_an_eta(tmp_path):
    texts = tmp_path / "texts"
    for k, doc in enumerate(("one", "two")):
        make_doc(texts, doc, {"en": ("en", "published-translation", sentences(k, 6, "en")),
                              "fr": ("fr", "working-translation", sentences(k, 6, "fr"))})
    term = Terminal()
    result = run(texts, tmp_path / "alignments", encoder=HashingEncoder(), settings=RELATED, report=None,
                 tmx=False, workers=1, progress=TerminalProgress(term))
    out = term.getvalue()
    assert result.ok and "pair 1/2 one/" in out and "pair 2/2 two/" in out and "ETA" in out
    assert out.index("pair 1/2") < out.index(EMBEDDING_SENTENCES) < out.index("pair 2/2")
