"""The tutorial example: its committed alignment flags the five planted divergences, and only them."""
from __future__ import annotations

from pathlib import Path

import pytest

from align import store
from align.corpus import load_document, pivot_version
from align.review import build_queue, default_threshold
from align.review.state import ReviewState

ROOT = Path(__file__).resolve().parent.parent
DOC = "tutorial-fictional-dispatch"
STORE = ROOT / "alignments" / DOC / "en__ru-working.json"
#: The planted divergences (texts/README.md): bead → (what the reasons must say, the gap).
PLANTED = {"[1]:[1]": ("numbers differ", ""),          # May 3 → 13 мая
           "[3]:[3]": ("“18,000”", ""),                 # 18,000 → 28 000 poods
           "[4]:[4]": ("Mirzoyan", ""),                 # Colonel Mirzoyan → Nazaryan
           "[6]:[]": ("omission", "omission"),          # the sentence on the cranes
           "[]:[8]": ("addition", "addition")}          # the sentence on bread prices


def flagged(alignment) -> dict[str, tuple[str, ...]]:
    queue = build_queue(alignment, ReviewState(), threshold=default_threshold())
    return {item.ids: item.reasons for item in queue}


def test_the_committed_alignment_queues_exactly_the_planted_divergences():
    a = store.load(STORE).alignment
    queued = flagged(a)
    assert set(queued) == set(PLANTED)
    for ids, (said, gap) in PLANTED.items():
        assert any(said in r for r in queued[ids]), (ids, queued[ids])
        bead = next(b for b in a.beads if b.ids() == ids)
        assert (bead.src and bead.tgt) or gap
    assert store.load(STORE).review.get("beads", {}) == {}  # shipped unreviewed: the tour does the review


def test_the_committed_alignment_is_current():
    from align.records import text_sha256
    doc = load_document(ROOT / "texts" / DOC)
    a = store.load(STORE).alignment
    assert (a.src_version, a.tgt_version) == (pivot_version(doc).version_id, "ru-working")
    assert a.signature.src_sha256 == text_sha256(doc.version("en").text)
    assert a.signature.tgt_sha256 == text_sha256(doc.version("ru-working").text)


@pytest.mark.slow
def test_the_bundled_model_finds_the_same_divergences():
    from align import pipeline
    doc = load_document(ROOT / "texts" / DOC)
    fresh = pipeline.align_versions(pivot_version(doc), doc.version("ru-working"))
    assert set(flagged(fresh)) == set(PLANTED)
