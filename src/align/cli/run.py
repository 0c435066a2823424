"""``align run``: the main job — every document of a collection aligned, scored, stored, reported, exported."""
from __future__ import annotations

import argparse
import json
import sys

from ..batch import run as run_batch
from ..progress import TerminalProgress
from ..results import RunResult, RunStatus
from ..views.markup import is_working
from . import INTERRUPTED
from ._common import (
    add_model_option,
    add_settings_option,
    count_or_auto,
    encoder_from_args,
    settings_epilog,
    settings_from_args,
)

#: Above this many pairs the summary table lists only the pairs this run aligned or that failed.
FULL_TABLE_LIMIT = 40


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run", help="align every document of texts/ and write alignments/, reports and TMX",
        description="For every document with two or more versions, align each version with the document's pivot "
                    "(--pivot, else the 'pivot' of document.toml, else the archival original, else the published "
                    "rendering), score divergence, and write alignments/<doc>/<pivot>__<version>.json (earlier "
                    "review work kept), the TMX beside it, alignments/<doc>/report.html and (over the whole "
                    "collection) an index page. Pairs whose texts, model and settings did not change are not "
                    "computed again. A document that cannot be read is reported and the others go on; the exit "
                    "status is then 1. Scoring reads the collection's names list (TEXTS/names.toml) and its "
                    "refitted weights (TEXTS/divergence-weights.json, see 'align scoring fit') when they exist; "
                    "when either changes, stored pairs are re-scored in place.",
        epilog=settings_epilog())
    p.add_argument("path", nargs="?", default=None, metavar="TEXTS",
                   help="a collection folder (default: texts) or one document folder inside it")
    p.add_argument("--texts", default=None, metavar="TEXTS", help="the same as the TEXTS argument")
    p.add_argument("--alignments", default="alignments", help="where alignments are stored (default: alignments)")
    p.add_argument("--report", default=None, metavar="FILE",
                   help="index page to write (default: report.html in the alignments folder; '' for no HTML "
                        "at all). Each document's side-by-side report goes to <alignments>/<doc>/report.html")
    p.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="only this document (repeatable)")
    p.add_argument("--pivot", default=None, metavar="VERSION_ID",
                   help="align every version with this one, in documents that have it")
    p.add_argument("--workers", type=count_or_auto("workers"), default=0, metavar="N",
                   help="align pairs in parallel on a local Dask cluster of N worker processes, the cores shared "
                        "out among their encoders; 1: in this process (the encoder still uses every core, see "
                        "--threads); default 'auto': one per core when there are at least two pairs "
                        "and 50,000 characters to align, else in this process")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://host:8786); the "
                        "workers need this package installed. Results are written by this process only")
    p.add_argument("--no-tmx", action="store_true", help="do not write the TMX files")
    p.add_argument("--weights", default=None, metavar="FILE",
                   help="divergence weights to score with (made by 'align scoring fit'; default: "
                        "TEXTS/divergence-weights.json if there is one, else the shipped weights)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object with every pair and failure instead of the table (no progress display)")
    add_model_option(p)
    add_settings_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:

    settings = settings_from_args(args)  # a bad --set fails before anything is read or computed
    encoder = encoder_from_args(args)
    # one display for the run (pairs, stages, counts, ETA), on a terminal only and never with --json
    progress = TerminalProgress() if sys.stderr.isatty() and not args.json else None
    try:
        result = run_batch(args.path or args.texts or "texts", args.alignments, encoder=encoder, settings=settings,
                           report="" if args.report is None else (args.report or None), doc_ids=args.doc,
                           pivot=args.pivot, workers=args.workers,
                           scheduler=args.scheduler, tmx=not args.no_tmx, progress=progress or False,
                           weights_file=args.weights)
    except KeyboardInterrupt:
        print("align: interrupted — the pairs finished so far are saved; run the same command again to "
              "do the rest", file=sys.stderr)
        return INTERRUPTED
    finally:
        if progress is not None:
            progress.close()
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(result)
    for line in result.failures:
        print(f"align: failed: {line}", file=sys.stderr)
    return 0 if result.ok else 1


def _print_table(result: RunResult) -> None:
    pairs = result.pairs
    shown = pairs if len(pairs) <= FULL_TABLE_LIMIT else [p for p in pairs if p.status != RunStatus.UNCHANGED]
    rows = [("pair", "status", "beads", "flagged", "mean sim", "embedded", "time")]
    for p in shown:
        sim = f"{p.mean_similarity:.3f}" if p.mean_similarity is not None else "-"
        failed, unchanged = p.status == RunStatus.FAILED, p.status == RunStatus.UNCHANGED
        status = "re-scored" if unchanged and p.rescored else p.status
        rows.append((p.key, status, str(p.beads) if not failed else "-", str(p.flagged) if not failed else "-",
                     sim if not failed else "-", str(p.embedded), f"{p.seconds:.1f} s" if not unchanged else "-"))
    if len(rows) > 1:
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for k, r in enumerate(rows):
            print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
            if k == 0:
                print("  ".join("-" * w for w in widths))
    for p in pairs:
        if p.status == RunStatus.ALIGNED and not p.carry_over.startswith("new alignment file"):
            print(f"review work in {p.key}: {p.carry_over}")
    rescored = sum(1 for p in pairs if p.rescored)
    if rescored:
        print(f"{rescored} unchanged pair(s) re-scored in place by the current divergence scorer "
              "(beads, fixes and review kept)")
    if len(shown) < len(pairs):
        print(f"({len(pairs) - len(shown)} unchanged pair(s) not listed)")
    for d in result.documents:
        for v, _, meta in d.versions:
            if is_working(meta):
                print(f"note: {d.doc_id}/{v} is a {meta.role.label}")
        for q in d.other_stores:
            print(f"note: {q} is not aligned by this run (an earlier pivot, or a version that is gone; the "
                  f"pivot is now {d.pivot}); it is kept as it is, review work included")
    for line in result.notes:
        print(f"note: {line}")
    t = result.to_dict()["totals"]
    print(f"{t['documents']} document(s), {t['pairs']} pair(s): {t['aligned']} aligned, "
          f"{t['unchanged']} unchanged, {t['failed'] + t['failed_documents']} failed; "
          f"{t['beads']} beads, {t['flagged']} flagged for review; {t['embedded']} texts embedded; "
          f"{result.seconds:.1f} s ({result.executor})")
    if result.index:
        print(f"report: {result.index}")
    else:
        for d in result.documents:
            if d.report:
                print(f"report: {d.report}")
