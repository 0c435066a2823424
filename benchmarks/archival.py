"""The archival-style dev set: alignment, null beads and review flags against the team's labelled gold.

Reads ``benchmarks/data/archival`` (fictional 1920-style diplomatic documents
the team wrote; see its README.md) through ``_archival.py``.  For every
document and pair (en–ru, en–hy):

1. **Align** the versions *presegmented*: one line is one sentence, blank lines
   make the paragraphs, so predicted and gold beads index the same lines.  The
   call is :func:`align.pipeline.align_segments` — the aligner and the
   divergence scoring ``align run`` uses — with default :class:`AlignerSettings`
   plus ``--set`` overrides and the bundled e5 encoder behind the on-disk cache.
2. **Bead scores**: strict and lax P/R/F1 (:func:`align.evaluate.score`,
   micro-averaged), and null beads apart: precision, recall and F1 of the
   predicted 1-0/0-1 beads against the gold 1-0/0-1 beads, exact match.
3. **Flag rates by gold label**: a gold bead is *flagged* when any predicted
   bead that holds one of its sentences (either side) scores ≥ the review
   threshold (default :data:`DEFAULT_REVIEW_THRESHOLD`).  Equivalent beads
   flagged are false alarms; major, omission and addition beads flagged are
   catches.
4. **Omitted and added sentences**: the share that (a) end up as a predicted
   null bead of their own, (b) end up in any predicted bead scored ≥ threshold.
5. **Encoder calls** asked per input sentence (``AlignStats.encoder_calls``).
6. **Spelling** (``--spelling old`` or ``both``): the same documents with the
   Russian and Armenian sides in old spelling (``ru-old``, ``hy-old``:
   pre-reform Russian, classical Armenian, one document in mixed spelling, one
   with OCR look-alike letters; same lines and gold), and the mean cosine
   similarity of the gold *faithful* (equivalent) beads — each bead's two sides
   joined and embedded as the pipeline reads them.  ``--as-written`` reads the
   old-spelling texts as written, the workbench before it had a reading
   (:mod:`align.reading`), for the comparison.

``--verbose`` lists the gold omissions and additions that are missed (their
predicted bead, score and reasons) and the equivalent beads that are flagged,
with their reasons.

Usage::

    OMP_NUM_THREADS=1 python benchmarks/archival.py                       # both pairs, tune + heldout + all
    OMP_NUM_THREADS=1 python benchmarks/archival.py --pair en-hy --split heldout --verbose
    OMP_NUM_THREADS=1 python benchmarks/archival.py --set skip=-0.2 --json
    OMP_NUM_THREADS=1 python benchmarks/archival.py --spelling both              # modern against old spelling

Options: ``--data DIR`` (the dev set folder), ``--split tune|heldout|all``,
``--pair en-ru|en-hy|both``, ``--threshold``, ``--set KEY=VALUE``, ``--model``,
``--prefix``, ``--cache-dir``, ``--weights``, ``--json``, ``--verbose``.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _archival import (
    DATA,
    DIVERGENT,
    LABELS,
    PAIRS,
    SPELLINGS,
    SPLITS,
    DevDocument,
    DevSetError,
    GoldBead,
    Line,
    load_devset,
    pair_languages,
    target_version,
)
from _common import (  # also puts src/ on the path
    make_encoder,
    model_calls,
    parse_settings,
    provenance,
    rounded,
)
from align.divergence import DEFAULT_REVIEW_THRESHOLD
from align.records import Alignment, Segment

Ids = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Predicted:
    """One predicted bead: its line indices, divergence score and reasons."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    reasons: tuple[str, ...] = ()
    top: str = ""  # the component that contributes most to the score

    @property
    def ids(self) -> Ids:
        return self.src, self.tgt

    @property
    def null(self) -> bool:
        return not self.src or not self.tgt


@dataclass(frozen=True)
class Result:
    """One document and pair: gold beads, predicted beads, sentences in, encoder calls asked."""

    doc: DevDocument
    pair: str
    gold: tuple[GoldBead, ...]
    predicted: tuple[Predicted, ...]
    sentences: int
    calls: int
    spelling: str = "modern"
    faithful: tuple[float, ...] = ()  # cosine similarity of each gold equivalent bead's two sides


# -- arithmetic (pure functions of gold and predicted beads) ----------------------------------

def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def null_scores(golds: Sequence[Sequence[Ids]], tests: Sequence[Sequence[Ids]]) -> dict[str, float]:
    """Precision, recall and F1 of predicted 1-0/0-1 beads against gold ones, exact match, summed over files."""
    tp = n_pred = n_gold = 0
    for gold, test in zip(golds, tests):
        g = {b for b in gold if not b[0] or not b[1]}
        t = {b for b in test if not b[0] or not b[1]}
        tp, n_pred, n_gold = tp + len(g & t), n_pred + len(t), n_gold + len(g)
    p, r, f = _prf(tp, n_pred, n_gold)
    return {"null_precision": p, "null_recall": r, "null_f1": f, "null_gold": n_gold, "null_predicted": n_pred}


def covering(gold: GoldBead, predicted: Sequence[Predicted]) -> list[Predicted]:
    """The predicted beads that hold at least one of the gold bead's sentences (either side)."""
    src, tgt = set(gold.src), set(gold.tgt)
    return [p for p in predicted if src.intersection(p.src) or tgt.intersection(p.tgt)]


def flagged(gold: GoldBead, predicted: Sequence[Predicted], threshold: float) -> bool:
    """Whether a predicted bead holding one of the gold bead's sentences scores ≥ ``threshold``."""
    return any(p.score >= threshold for p in covering(gold, predicted))


def flag_counts(results: Sequence[Result], threshold: float, *, exact: bool = False) -> dict[str, tuple[int, int]]:
    """Per gold label: (beads flagged, beads).  ``exact``: only the gold beads the aligner found exactly,
    so that a flag is the scorer's doing, not a merge's."""
    out = {label: [0, 0] for label in LABELS}
    for r in results:
        found = {p.ids for p in r.predicted}
        for g in r.gold:
            if exact and g.ids not in found:
                continue
            out[g.label][1] += 1
            out[g.label][0] += flagged(g, r.predicted, threshold)
    return {k: (v[0], v[1]) for k, v in out.items()}


def null_sentence_counts(results: Sequence[Result], threshold: float) -> dict[str, tuple[int, int, int]]:
    """For gold omitted (``omission``) and added (``addition``) sentences:
    (sentences, as a predicted null bead, in a predicted bead scored ≥ threshold)."""
    out = {"omission": [0, 0, 0], "addition": [0, 0, 0]}
    for r in results:
        for g in r.gold:
            if g.label not in out:
                continue
            side = "src" if g.label == "omission" else "tgt"
            for i in getattr(g, side):
                home = next(p for p in r.predicted if i in getattr(p, side))
                c = out[g.label]
                c[0] += 1
                c[1] += home.null
                c[2] += home.score >= threshold
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def summarise(results: Sequence[Result], threshold: float) -> dict[str, object]:
    """Every number of one pair and split (see the module docstring)."""
    from align.evaluate import score
    golds = [[g.ids for g in r.gold] for r in results]
    tests = [[p.ids for p in r.predicted] for r in results]
    flags = flag_counts(results, threshold)
    nulls = null_sentence_counts(results, threshold)
    sentences = sum(r.sentences for r in results)
    divergent = [flags[k] for k in DIVERGENT]
    out: dict[str, object] = {
        "docs": len(results), "gold_beads": sum(len(r.gold) for r in results),
        "predicted_beads": sum(len(r.predicted) for r in results), "sentences": sentences,
        **score(golds, tests).to_dict(), **null_scores(golds, tests),
        "calls_per_sentence": sum(r.calls for r in results) / max(1, sentences),
    }
    for label, (hit, n) in flags.items():
        out[f"flagged_{label}"] = hit / n if n else 0.0
        out[f"n_{label}"] = n
    exact_hit, exact_n = flag_counts(results, threshold, exact=True)["equivalent"]
    out["flagged_equivalent_exact"], out["n_equivalent_exact"] = (exact_hit / exact_n if exact_n else 0.0), exact_n
    out["flagged_divergent"] = (sum(h for h, _ in divergent) / sum(n for _, n in divergent)
                                if sum(n for _, n in divergent) else 0.0)
    for label, (n, as_null, hit) in nulls.items():
        out[f"{label}_sentences"] = n
        out[f"{label}_as_null"] = as_null / n if n else 0.0
        out[f"{label}_flagged"] = hit / n if n else 0.0
    return out


# -- running the aligner ----------------------------------------------------------------------

def segments(lines: Sequence[Line], doc_id: str, version: str) -> tuple[Segment, ...]:
    """One segment per line, with its paragraph and its offsets in the version's file."""
    return tuple(Segment(doc_id, version, ln.paragraph, i, ln.start, ln.end, ln.text) for i, ln in enumerate(lines))


class _Counted:
    """The encoder as the pipeline sees it (``encode`` and ``identity``), timing its calls."""

    def __init__(self, encoder) -> None:
        self.inner, self.identity, self.seconds = encoder, encoder.identity, 0.0

    def encode(self, texts, *, progress=False):
        t0 = time.perf_counter()
        try:
            return self.inner.encode(texts, progress=progress)
        finally:
            self.seconds += time.perf_counter() - t0


def _reading(doc: DevDocument, version: str, lang: str, as_written: bool):
    """How the pipeline reads a version (its metadata's orthography), or the text as written."""
    from align.corpus import load_version
    from align.pipeline import version_reading
    from align.reading import Reading
    text = doc.text(version)
    if as_written:
        return Reading(text, text, lang, "modern")
    path = doc.path / f"{version}.txt"
    meta = load_version(path).meta if path.with_suffix(".toml").exists() else None
    return version_reading(text, lang, meta, version)


#: Seconds spent aligning (embedding included) and scoring, over every align_pair call.
TIMES = {"align": 0.0, "score": 0.0}


def align_pair(doc: DevDocument, pair: str, encoder, settings, spelling: str = "modern",
               as_written: bool = False, weights=None) -> tuple[Alignment, int]:
    """The scored alignment of one pair of a document, and the encoder calls the aligner asked for
    (``weights``: divergence weights other than the shipped ones).  The pair runs through the pipeline
    as ``align`` runs it (scoring included, with its word lookups during the embedding); the time from
    the pipeline's scoring stage on counts as scoring, the rest as aligning (:data:`TIMES`)."""
    from align.aligner import AlignStats
    from align.pipeline import align_segments
    from align.progress import SCORING, Progress

    class ScoringClock(Progress):
        """Notes when the pipeline enters its scoring stage."""

        scoring_at: float | None = None

        def stage(self, name: str, total: int = 0) -> None:
            super().stage(name, total)
            if name == SCORING and self.scoring_at is None:
                self.scoring_at = time.perf_counter()

    src, lang = pair_languages(pair)
    tgt = target_version(pair, spelling)
    stats = AlignStats()
    clock = ScoringClock()
    t0 = time.perf_counter()
    alignment = align_segments(
        segments(doc.versions[src], doc.doc_id, src), segments(doc.versions[tgt], doc.doc_id, tgt), src, lang,
        src_text=doc.text(src), tgt_text=doc.text(tgt), encoder=encoder, settings=settings, score=True,
        doc_id=doc.doc_id, src_version=src, tgt_version=tgt, segmentation="presegmented", stats=stats,
        src_reading=_reading(doc, src, src, as_written), tgt_reading=_reading(doc, tgt, lang, as_written),
        progress=clock, weights=weights)
    end = time.perf_counter()
    t1 = clock.scoring_at if clock.scoring_at is not None else end
    TIMES["align"] += t1 - t0
    TIMES["score"] += end - t1
    return alignment, stats.encoder_calls


def faithful_similarities(alignment: Alignment, gold: Sequence[GoldBead], encoder) -> tuple[float, ...]:
    """The cosine similarity of each gold equivalent bead's two sides (lines joined with a space), each
    side as the alignment read it."""
    import numpy as np

    from align.reading import normalise
    beads = [g for g in gold if g.label == "equivalent"]
    if not beads:
        return ()

    def side(segs: Sequence[Segment], orthography: str, lang: str, idx: Sequence[int]) -> str:
        text = " ".join(segs[i].clean for i in idx)
        return normalise(text, lang, orthography).text if orthography else text
    a = alignment
    vs = encoder.encode([side(a.src_segments, a.src_orthography, a.src_lang, g.src) for g in beads])
    vt = encoder.encode([side(a.tgt_segments, a.tgt_orthography, a.tgt_lang, g.tgt) for g in beads])
    return tuple(float(x) for x in np.clip(np.sum(vs * vt, axis=1), -1.0, 1.0))


def predicted_beads(alignment: Alignment) -> tuple[Predicted, ...]:
    out = []
    for b in alignment.beads:
        d = b.divergence
        top = max(d.components.items(), key=lambda kv: kv[1])[0] if d and d.components else ""
        out.append(Predicted(b.src, b.tgt, d.score if d else 0.0, d.reasons if d else (), top))
    return tuple(out)


# -- output ---------------------------------------------------------------------------------------

def _pct(x: object) -> str:
    assert isinstance(x, (int, float))
    return f"{100 * x:.1f}"


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(f"{c:.3f}" if isinstance(c, float) else str(c) for c in row) + " |")


def print_tables(rows: Sequence[dict[str, object]], threshold: float) -> None:
    _table("Beads (strict/lax: align.evaluate; null: predicted 1-0/0-1 beads against gold, exact)",
           ["pair", "split", "docs", "gold beads", "sentences", "strict P", "strict R", "strict F1", "lax P",
            "lax R", "lax F1", "null P", "null R", "null F1", "calls/sent"],
           [[r["pair"], r["split"], r["docs"], r["gold_beads"], r["sentences"], r["strict_precision"],
             r["strict_recall"], r["strict_f1"], r["lax_precision"], r["lax_recall"], r["lax_f1"],
             r["null_precision"], r["null_recall"], r["null_f1"], r["calls_per_sentence"]] for r in rows])
    _table(f"Flagged at the review threshold {threshold} (% of gold beads of each label, n in brackets)",
           ["pair", "split", *LABELS, "equivalent, aligned exactly", "divergent (major, omission, addition)"],
           [[r["pair"], r["split"], *(f"{_pct(r[f'flagged_{k}'])} ({r[f'n_{k}']})" for k in LABELS),
             f"{_pct(r['flagged_equivalent_exact'])} ({r['n_equivalent_exact']})", _pct(r["flagged_divergent"])]
            for r in rows])
    _table(f"Omitted and added sentences: % alone in a predicted null bead, % in a bead scored ≥ {threshold}",
           ["pair", "split", "omitted", "as null bead %", "flagged %", "added", "as null bead %", "flagged %"],
           [[r["pair"], r["split"], r["omission_sentences"], _pct(r["omission_as_null"]), _pct(r["omission_flagged"]),
             r["addition_sentences"], _pct(r["addition_as_null"]), _pct(r["addition_flagged"])] for r in rows])


def print_spelling_table(rows: Sequence[dict[str, object]], threshold: float, split: str = "all") -> None:
    """Modern against old spelling in one split: faithful-bead similarity, strict F1, flag rates by label."""
    _table(f"Modern against old spelling (split {split}): mean similarity of the gold faithful beads, strict F1, "
           f"% of gold beads of each label flagged at {threshold}",
           ["pair", "faithful beads", "mean similarity", "strict F1", *(f"flagged {k}" for k in LABELS)],
           [[r["pair"], r.get("n_faithful", 0), r.get("faithful_similarity", 0.0), r["strict_f1"],
             *(_pct(r[f"flagged_{k}"]) for k in LABELS)] for r in rows if r["split"] == split])


def _bead(p: Predicted) -> str:
    return f"[{','.join(map(str, p.src))}]:[{','.join(map(str, p.tgt))}]"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def misses(results: Sequence[Result], threshold: float) -> list[str]:
    """Human-readable lines: gold omissions/additions not flagged, equivalent beads flagged, with reasons."""
    missed: list[str] = []
    alarms: list[str] = []
    exact_alarms: Counter[str] = Counter()
    for r in results:
        src, tgt = pair_languages(r.pair)[0], target_version(r.pair, r.spelling)
        for g in r.gold:
            cover = covering(g, r.predicted)
            hit = any(p.score >= threshold for p in cover)
            if g.label in ("omission", "addition") and not hit:
                side, lang = ("src", src) if g.label == "omission" else ("tgt", tgt)
                i = getattr(g, side)[0]
                text = r.doc.versions[lang][i].text
                for p in cover:
                    reasons = "; ".join(p.reasons[:3]) or "no reason"
                    missed.append(f"- {r.pair} {r.doc.doc_id} {g.label} {lang} line {i} “{_short(text)}”: "
                                  f"inside {_bead(p)} scored {p.score:.2f} ({reasons})")
            elif g.label == "equivalent" and hit:
                worst = max(cover, key=lambda p: p.score)
                reasons = "; ".join(worst.reasons[:3]) or "no reason"
                how = "aligned exactly" if worst.ids == g.ids else "aligned as"
                if worst.ids == g.ids:
                    exact_alarms[worst.top or "none"] += 1
                alarms.append(f"- {r.pair} {r.doc.doc_id} [{','.join(map(str, g.src))}]:[{','.join(map(str, g.tgt))}] "
                              f"“{_short(' '.join(r.doc.versions[src][i].text for i in g.src), 50)}”: "
                              f"{how} {_bead(worst)}, scored {worst.score:.2f} ({reasons})")
    by_component = ", ".join(f"{k} {v}" for k, v in exact_alarms.most_common()) or "none"
    where = "" if not results or results[0].spelling == "modern" else f" ({results[0].spelling} spelling)"
    head = f"\nOmissions and additions missed{where} (not in any bead scored ≥ {threshold}): {len(missed)}\n"
    return ([head, *missed]
            + [(f"\nEquivalent beads flagged (false alarms): {len(alarms)}; of those aligned exactly, by their "
                f"strongest component: {by_component}\n"), *alarms])


# -- main -----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help=f"the dev set folder (default: {DATA})")
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all",
                    help="tune, heldout, or all (default: all, with a row for each split and one for both)")
    ap.add_argument("--pair", choices=(*PAIRS, "both"), default="both", help="language pair (default: both)")
    ap.add_argument("--threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD,
                    help=f"review threshold (default {DEFAULT_REVIEW_THRESHOLD}, the workbench's)")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="override one AlignerSettings field, e.g. --set skip=-0.1 (repeatable)")
    ap.add_argument("--model", default=None,
                    help="encoder name (default: the bundled e5-small; 'hashing' for a dry run)")
    ap.add_argument("--prefix", default=None, choices=("query", "passage"),
                    help="E5 text prefix (default: the encoder's own, query)")
    ap.add_argument("--cache-dir", type=Path, default=None,
                    help="embedding cache folder (default: $ALIGN_CACHE_DIR or ~/.cache/align-workbench)")
    ap.add_argument("--weights", type=Path, default=None,
                    help="divergence weights file (default: the shipped weights; see benchmarks/fit_divergence.py)")
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    ap.add_argument("--verbose", action="store_true",
                    help="list the omissions/additions missed and the equivalent beads flagged, with reasons")
    ap.add_argument("--spelling", choices=(*SPELLINGS, "both"), default="modern",
                    help="the Russian and Armenian sides in modern spelling, in old spelling (ru-old, hy-old), or "
                         "both side by side with the similarity of faithful beads (default: modern)")
    ap.add_argument("--as-written", action="store_true",
                    help="read every text as written, without normalising old spelling (the workbench before "
                         "align.reading), for the comparison")
    args = ap.parse_args(argv)

    settings, changes = parse_settings(ap, args.overrides)
    try:
        docs = load_devset(args.data, args.split)
    except DevSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    pairs = PAIRS if args.pair == "both" else (args.pair,)
    from align.divergence import Model
    weights = Model.load(args.weights) if args.weights else None
    encoder = make_encoder(args)
    counted = _Counted(encoder)
    before = model_calls(encoder)
    t0 = time.perf_counter()
    spellings = SPELLINGS if args.spelling == "both" else (args.spelling,)
    if "old" in spellings:
        lacking = [d.doc_id for d in docs for p in pairs if target_version(p, "old") not in d.versions]
        if lacking:
            print(f"error: no old-spelling variant in {', '.join(sorted(set(lacking)))}", file=sys.stderr)
            return 1
    results: list[Result] = []
    for spelling in spellings:
        for pair in pairs:
            for doc in docs:
                alignment, calls = align_pair(doc, pair, counted, settings, spelling, args.as_written, weights)
                src, tgt = pair_languages(pair)[0], target_version(pair, spelling)
                faithful = faithful_similarities(alignment, doc.gold[pair], counted) if args.spelling == "both" else ()
                results.append(Result(doc, pair, doc.gold[pair], predicted_beads(alignment),
                                      len(doc.versions[src]) + len(doc.versions[tgt]), calls, spelling, faithful))
    wall = time.perf_counter() - t0

    splits = (args.split,) if args.split != "all" else (*SPLITS, "all")
    rows = []
    for spelling in spellings:
        for pair in pairs:
            for split in splits:
                part = [r for r in results
                        if r.pair == pair and r.spelling == spelling and (split == "all" or r.doc.split == split)]
                if part:
                    label = pair if spelling == "modern" else f"{pair} ({spelling} spelling)"
                    sims = [x for r in part for x in r.faithful]
                    rows.append({"pair": label, "split": split, "spelling": spelling,
                                 **({"faithful_similarity": sum(sims) / len(sims), "n_faithful": len(sims)}
                                    if sims else {}),
                                 **summarise(part, args.threshold)})
    print(f"Archival dev set ({len(docs)} documents, split {args.split}), model `{encoder.identity}`"
          + (f", overrides {changes}" if changes else "")
          + f"; {wall:.0f} s, {counted.seconds:.0f} s in the encoder, "
            f"{model_calls(encoder) - before} texts embedded now"
          + f"; aligning {TIMES['align']:.1f} s, scoring {TIMES['score']:.1f} s "
            f"({100 * TIMES['score'] / max(1e-9, TIMES['align'] + TIMES['score']):.1f}% of the run)")
    print_tables(rows, args.threshold)
    if args.spelling == "both":
        print_spelling_table(rows, args.threshold, args.split)
    if args.verbose:
        for spelling in spellings:
            for pair in pairs:
                print("\n".join(misses([r for r in results if r.pair == pair and r.spelling == spelling],
                                       args.threshold)))
    if args.json:
        import json
        record = {"benchmark": "archival", "split": args.split, "threshold": args.threshold,
                  "rows": [rounded(r) for r in rows], "wall_s": round(wall, 1),
                  "embed_s": round(counted.seconds, 1), "embedded": model_calls(encoder) - before,
                  "align_s": round(TIMES["align"], 2), "score_s": round(TIMES["score"], 2),
                  **provenance(settings, changes, encoder)}
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
