"""Scores bead by bead, to check that a change made for speed changes no score, reason or mark.

``dump`` scores a fixed set of alignments with the code on ``PYTHONPATH`` and writes every bead's
divergence (score, components, reasons, marks) as JSON; ``compare`` reads two such files and lists
the beads that differ (scores and components to 1e-12).  Run ``dump`` once with the code before
(``PYTHONPATH=/path/to/main/src``) and once with the code after, then ``compare``.

The alignments:

- the archival dev set (``benchmarks/data/archival``), every document, en–ru and en–hy, aligned
  presegmented as ``archival.py`` aligns them (the aligner of the code under test: a change to the
  aligner shows as beads that differ);
- the first 500 lines of NTREX-128 en–ru and en–hy as 1-1 alignments (similarities from the
  encoder), from ``../shared/bench/ntrex128_en_ru_hy`` when present;
- the 500-bead DEMETR ru–en alignment ``demetr.py`` times, from ``../shared/bench/demetr_ru_en``
  when present.

``PYTHONPATH`` picks the code: set it every time (without it, the editable install's).  Each is
scored with the encoder behind the on-disk cache (the names check asks it, as ``align``
does), serially.  ``--warm`` first looks every word up as the pipeline's warm-up thread does
(:mod:`align.divergence.warmup`), as a cold run's scoring finds the caches; the CPU seconds of
scoring each set are printed (a rough figure: one process, the machine's load included).

Usage::

    PYTHONPATH=/work/main/src python benchmarks/scoring_identity.py dump /tmp/before.json
    PYTHONPATH=src python benchmarks/scoring_identity.py dump /tmp/after.json --warm
    python benchmarks/scoring_identity.py compare /tmp/before.json /tmp/after.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import align  # first, from PYTHONPATH: the code under test (the modules below put this checkout's src/ first)

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
sys.path.insert(0, str(HERE))

NTREX_FILES = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "hy": "newstest2019-ref.hye.txt"}
LINES = 500
TOLERANCE = 1e-12


def alignments(bench: Path, encoder) -> dict[str, object]:
    """The alignments scored, by name ("dev/<doc>/en-ru", "ntrex500/en-ru", "demetr500/ru-en")."""
    import numpy as np

    import archival
    from _archival import load_devset, pair_languages, target_version
    from align.aligner import AlignerSettings
    from align.pipeline import align_segments
    from align.records import Alignment, Bead, Segment, Signature

    out: dict[str, object] = {}
    for doc in load_devset():
        for pair in ("en-ru", "en-hy"):
            src, lang = pair_languages(pair)
            tgt = target_version(pair, "modern")
            out[f"dev/{doc.doc_id}/{pair}"] = align_segments(
                archival.segments(doc.versions[src], doc.doc_id, src),
                archival.segments(doc.versions[tgt], doc.doc_id, tgt), src, lang,
                src_text=doc.text(src), tgt_text=doc.text(tgt), encoder=encoder, settings=AlignerSettings(),
                score=False, doc_id=doc.doc_id, src_version=src, tgt_version=tgt, segmentation="presegmented",
                src_reading=archival._reading(doc, src, src, False),
                tgt_reading=archival._reading(doc, tgt, lang, False))

    def one_to_one(a: str, b: str, pairs: list[tuple[str, str]], sims: list[float]) -> Alignment:
        s = tuple(Segment("t", a, 0, k, 0, len(x), x) for k, (x, _) in enumerate(pairs))
        t = tuple(Segment("t", b, 0, k, 0, len(y), y) for k, (_, y) in enumerate(pairs))
        beads = tuple(Bead((k,), (k,), sim) for k, sim in enumerate(sims))
        return Alignment(s, t, beads, Signature(encoder.identity, {}, "", "", "benchmark"), a, b)

    folder = bench / "ntrex128_en_ru_hy"
    if folder.is_dir():
        lines = {k: (folder / f).read_text(encoding="utf-8").splitlines()[:LINES] for k, f in NTREX_FILES.items()}
        vecs = {k: encoder.encode(v) for k, v in lines.items()}
        for a, b in (("en", "ru"), ("en", "hy")):
            sims = [round(float(x), 6) for x in (vecs[a] * vecs[b]).sum(axis=1)]
            out[f"ntrex500/{a}-{b}"] = one_to_one(a, b, list(zip(lines[a], lines[b])), sims)
    demetr_dir = bench / "demetr_ru_en" / "by_perturbation"
    if demetr_dir.is_dir():
        import demetr
        data = demetr.load(demetr_dir, 0, "all")
        pairs = [(d["src_sent"], d["pert_sent"]) for items in data.values() for d in items if d["pert_sent"].strip()]
        while pairs and len(pairs) < LINES:
            pairs += pairs
        pairs = pairs[:LINES]
        texts = sorted({t for p in pairs for t in p})
        vec = dict(zip(texts, encoder.encode(texts)))
        out["demetr500/ru-en"] = one_to_one("ru", "en", pairs, [float(np.dot(vec[s], vec[t])) for s, t in pairs])
    return out


def dump(path: Path, bench: Path, warm: bool) -> int:
    from align.divergence import lexical, score_alignment
    from align.divergence.warmup import look_up
    from align.pipeline import resolve_encoder

    encoder = resolve_encoder(None, cache=True)
    found = alignments(bench, encoder)
    out: dict[str, list] = {}
    seconds: dict[str, float] = {}
    for name, aln in found.items():
        if warm:
            reads = lexical.applies(aln.src_lang, aln.tgt_lang)
            look_up([s.text for s in aln.src_segments], aln.src_lang, dictionary=reads)
            look_up([s.text for s in aln.tgt_segments], aln.tgt_lang, dictionary=reads)
        t0 = time.process_time()
        scored = score_alignment(aln, encoder=encoder, processes=1)
        group = name.split("/")[0] + "/" + name.split("/")[-1]
        seconds[group] = seconds.get(group, 0.0) + time.process_time() - t0
        out[name] = [{"src": list(b.src), "tgt": list(b.tgt), "score": b.divergence.score,
                      "components": dict(b.divergence.components), "reasons": list(b.divergence.reasons),
                      "marks": [[m.side, m.start, m.end, m.component, m.label] for m in b.divergence.marks]}
                     for b in scored.beads]
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    beads = sum(len(v) for v in out.values())
    print(f"{len(out)} alignments, {beads} beads scored by {Path(align.__file__).parent}, written to {path}; "
          "scoring CPU s: "
          + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()) + f"; total {sum(seconds.values()):.2f}")
    return 0


def differences(a: dict[str, list], b: dict[str, list]) -> list[str]:
    """What differs between two dumps: alignments, beads, scores, components, reasons, marks."""
    out = [f"{name}: only in one file" for name in sorted(set(a) ^ set(b))]
    for name in sorted(set(a) & set(b)):
        if len(a[name]) != len(b[name]):
            out.append(f"{name}: {len(a[name])} beads against {len(b[name])}")
            continue
        for i, (x, y) in enumerate(zip(a[name], b[name])):
            same = ((x["src"], x["tgt"], x["reasons"], x["marks"]) == (y["src"], y["tgt"], y["reasons"], y["marks"])
                    and abs(x["score"] - y["score"]) <= TOLERANCE and x["components"].keys() == y["components"].keys()
                    and all(abs(x["components"][c] - y["components"][c]) <= TOLERANCE for c in x["components"]))
            if not same:
                out.append(f"{name} bead {i}: {x['score']:.6f} {x['reasons']} against {y['score']:.6f} {y['reasons']}")
    return out


def compare(first: Path, second: Path) -> int:
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    diff = differences(a, b)
    for line in diff[:20]:
        print(line)
    beads = sum(len(v) for v in a.values())
    print(f"{len(a)} alignments, {beads} beads compared: {len(diff)} differ")
    return 1 if diff else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="score the alignments with the code on PYTHONPATH; write the beads as JSON")
    d.add_argument("out", type=Path)
    d.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"(default: {DEFAULT_BENCH})")
    d.add_argument("--warm", action="store_true", help="look the words up first, as the warm-up thread does")
    c = sub.add_parser("compare", help="list the beads of two dumps that differ (exit 1 when any does)")
    c.add_argument("first", type=Path)
    c.add_argument("second", type=Path)
    args = ap.parse_args(argv)
    if args.command == "dump":
        return dump(args.out, args.bench, args.warm)
    return compare(args.first, args.second)


if __name__ == "__main__":
    raise SystemExit(main())
