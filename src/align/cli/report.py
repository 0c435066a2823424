"""``align report ALIGNMENT.json [...] --out report.html``: a standalone HTML report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import CorpusError
from ..store import load
from ..views.report import DEFAULT_REPORT_NAME, SORTS, documents_for, write_report
from ._common import refuse_to_replace_store


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number between 0 and 1") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a standalone HTML report of alignments",
                       description="Write one self-contained HTML page (no network, no external files) showing "
                                   "alignments side by side: provenance of every version (working translations "
                                   "flagged), divergence colours and reasons, highlighted words, a similarity plot, "
                                   "and sorting and filtering in the page.")
    p.add_argument("alignments", nargs="+", metavar="ALIGNMENT.json",
                   help="alignment files from the store (alignments/<doc>/<src>__<tgt>.json)")
    p.add_argument("--out", default=DEFAULT_REPORT_NAME,
                   help=f"the HTML file to write (default: {DEFAULT_REPORT_NAME})")
    p.add_argument("--texts", default=None, metavar="DIR",
                   help="texts/ folder to read document metadata from (default: ./texts if it exists)")
    p.add_argument("--title", default=None, help="the page title (default: names the documents)")
    p.add_argument("--threshold", type=_fraction, default=0.0, metavar="T",
                   help="divergence threshold the page opens with, 0-1: rows below it start hidden (default: 0)")
    p.add_argument("--sort", choices=SORTS, default=SORTS[0],
                   help="row order the page opens with (default: %(default)s)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    refuse_to_replace_store(args.out)
    stored = [load(path) for path in args.alignments]
    texts = Path(args.texts) if args.texts else Path("texts")
    if args.texts and not texts.is_dir():
        raise CorpusError(f"{texts}: no such texts folder (give --texts DIR, or leave it out to skip "
                          "document metadata)")
    documents = documents_for(stored, texts) if texts.is_dir() else {}
    out = write_report(stored, args.out, documents, title=args.title, threshold=args.threshold, sort=args.sort)
    beads = sum(len(s.alignment.beads) for s in stored)
    print(f"align: wrote {out} ({len(stored)} alignment(s), {beads} beads)", file=sys.stderr)
    return 0
