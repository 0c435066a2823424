"""``align run``: the main job — every document in texts/, aligned, scored, stored, reported."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from ._common import add_model_option
    p = sub.add_parser("run", help="align every document in texts/ and write alignments/ and a report",
                       description="Segment every version of every document in TEXTS, align each version "
                                   "against the document's pivot (archival original, else the published "
                                   "rendering), score divergence, save alignments/<doc>/<pivot>__<version>.json "
                                   "(keeping earlier review work) and write an HTML report.")
    p.add_argument("--texts", default="texts", help="the documents folder (default: texts)")
    p.add_argument("--alignments", default="alignments", help="where alignments are stored (default: alignments)")
    p.add_argument("--report", default="alignments/report.html",
                   help="HTML report to write (default: alignments/report.html; '' for none)")
    p.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="only this document (repeatable)")
    add_model_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..pipeline import resolve_encoder
    from ..pipeline import run as run_pipeline

    encoder = resolve_encoder(args.model, cache=not args.no_cache, cache_dir=args.cache_dir, device=args.device)
    results = run_pipeline(args.texts, args.alignments, encoder=encoder, report=args.report or None,
                           doc_ids=args.doc)
    for doc in results:
        print(f"{doc.doc_id}: {doc.title}")
        for vid, lang, role, nseg in doc.versions:
            print(f"  {vid:<14} {lang:<3} {nseg:>4} segments  {role}")
        for p in doc.pairs:
            kinds = ", ".join(f"{k}×{n}" for k, n in sorted(p.kinds.items(), key=lambda kv: -kv[1]))
            sim = f"{p.mean_similarity:.3f}" if p.mean_similarity is not None else "-"
            print(f"  {p.src_version} ↔ {p.tgt_version}: {p.beads} beads ({kinds}); mean similarity {sim}; "
                  f"{p.flagged} flagged for review; {p.seconds:.1f} s → {p.path}")
            if p.carry_over:
                print(f"    review: {p.carry_over}")
    if args.report:
        print(f"report: {args.report}")
    return 0
