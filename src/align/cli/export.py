"""``align export tmx|tsv|csv|jsonl|xlsx|tei ALIGNMENT.json``: write an alignment for CAT tools,
tables, spreadsheets or TEI publication."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ExportError
from ..export.langtags import parse_overrides
from ..export.rows import IMPORTED_MODEL, texts_for
from ..export.tables import write_table
from ..export.tei import write_tei
from ..export.tmx import write_tmx
from ..export.xlsx import write_xlsx
from ..store import load
from ._common import refuse_to_replace_store

_FORMATS = {
    "tmx": ("TMX 1.4b translation memory for CAT tools (OmegaT, Trados, memoQ, ...)",
            "Write one translation unit per bead as TMX 1.4b, with similarity, divergence, bead ids "
            "and version roles as <prop type=\"x-...\">, and the review (status, kind, severity, reviewer, "
            "date) as props and as one <note> in words with the reviewer's note. To keep a unit with a wrong "
            "number or name out of a translation memory, give --exclude-divergent (or --accepted-only)."),
    "tsv": ("tab-separated table of beads with every score",
            "One row per bead: ids, texts, similarity, divergence, reasons (joined by ' | '), each divergence "
            "component (div_<name>), and the review: status, kind, severity, note, reviewer, date. Fields "
            "holding a tab, quote or line break are double-quoted. The columns are those of "
            "`align pair --format tsv` and of views.to_frame (docs/export.md)."),
    "csv": ("comma-separated table of beads with every score",
            "As tsv, separated by commas."),
    "jsonl": ("JSON Lines: one JSON object per bead with every score",
              "As tsv, one JSON object per line (ids and reasons as lists)."),
    "xlsx": ("spreadsheet (Excel, LibreOffice) with divergence colours and a provenance sheet",
             "An Alignment sheet with one row per bead — both sides, scores, reasons, each divergence component, "
             "review status and finding (kind, severity, note, reviewer, date) — filled with the divergence "
             "colours, header frozen, autofilter on; and a Provenance sheet: the versions (a working translation "
             "labelled as one), their sources and files, the alignment's signature, a colour legend. "
             "Needs --out FILE (or standard output redirected to a file)."),
    "tei": ("TEI P5 XML: both versions as sentences with offsets, beads as <linkGrp>",
            "Each version as a <text> of <p> and <s xml:id> sentences, their character offsets kept in "
            "corresp=\"VERSION.txt#char=START,END\"; the beads as <link>s in a <linkGrp> (several sentences "
            "on a side joined by a <join>), scores and review findings as feature structures; provenance "
            "in the teiHeader, a working translation declared as one."),
}


def register(sub: argparse._SubParsersAction) -> None:
    from ..export.rows import LEFT_OUT_BY_DEFAULT
    p = sub.add_parser("export", help="export an alignment as TMX, TSV, CSV, JSON Lines, XLSX or TEI",
                       description="Export the beads of a saved alignment (alignments/<doc>/<a>__<b>.json). "
                                   "Left out by default: " + LEFT_OUT_BY_DEFAULT + ". "
                                   "An alignment whose texts changed since it was made is refused: re-align first.")
    formats = p.add_subparsers(dest="format", metavar="FORMAT")
    formats.required = True
    for fmt, (short, long) in _FORMATS.items():
        q = formats.add_parser(fmt, help=short, description=f"{long} Left out by default: {LEFT_OUT_BY_DEFAULT}.")
        q.add_argument("alignment", metavar="ALIGNMENT.json", help="a saved alignment file")
        q.add_argument("--out", default=None, metavar="FILE",
                       help="write here (atomically) instead of standard output; an alignment file is "
                            "never written over unless --force is given")
        q.add_argument("--force", action="store_true",
                       help="let --out replace an alignment file (its review is lost)")
        if fmt == "tmx":
            q.add_argument("--lang-code", action="append", default=[], metavar="KEY=TAG",
                           help="xml:lang tag for a version, keyed by its language or version id, "
                                "e.g. hy=hy-AM (repeatable; default: each version's language code)")
        if fmt in ("tsv", "csv"):
            q.add_argument("--formula-guard", action=argparse.BooleanOptionalAction, default=None,
                           help="prefix an apostrophe to text cells starting with = + - @ (or a tab), which "
                                "spreadsheets would run as formulas (default: on for csv, off for tsv)")
        q.add_argument("--include-empty", action="store_true",
                       help="also export 1-0 and 0-1 beads (a sentence with no counterpart)")
        q.add_argument("--include-rejected", action="store_true",
                       help="also export beads a reviewer rejected")
        q.add_argument("--exclude-divergent", action="store_true",
                       help="leave out beads a reviewer marked divergent (a changed number, name, an omission "
                            "...): exported by default, with their finding")
        q.add_argument("--accepted-only", action="store_true",
                       help="export only beads a reviewer accepted (leaves out pending, divergent and rejected "
                            "ones)")
        q.add_argument("--texts", default=None, metavar="DIR",
                       help="texts folder to check the alignment is not stale (default: ./texts, else the "
                            "texts folder beside the alignments folder)")
        q.set_defaults(handler=run)


def _texts_root(args: argparse.Namespace) -> Path | None:
    if args.texts:
        return Path(args.texts)
    here = Path("texts")
    if here.is_dir():
        return here
    beside = Path(args.alignment).resolve().parent.parent.parent / "texts"
    return beside if beside.is_dir() else None


def run(args: argparse.Namespace) -> int:
    refuse_to_replace_store(args.out, force=args.force, force_flag="--force")
    stored = load(args.alignment)
    alignment = stored.alignment
    root = _texts_root(args)
    current = texts_for(alignment, root) if root is not None else None
    if current is None and alignment.signature.model != IMPORTED_MODEL:
        where = f"{root}/{alignment.doc_id}" if root is not None else "no texts folder"
        print(f"align: note: {where}: the versions' texts were not found, so the export is not checked "
              "against text changes (use --texts DIR)", file=sys.stderr)
    out = sys.stdout if args.out in (None, "-") else args.out
    options = dict(include_empty=args.include_empty, include_rejected=args.include_rejected,
                   accepted_only=args.accepted_only, exclude_divergent=args.exclude_divergent,
                   review=stored.review, current_texts=current)
    if args.format == "tmx":
        n = write_tmx(alignment, out, lang_codes=parse_overrides(args.lang_code), **options)
        what = "translation units"
    elif args.format == "xlsx":
        if out is sys.stdout:
            if sys.stdout.isatty():
                raise ExportError("an XLSX file is binary: give --out FILE.xlsx (or redirect standard output)")
            n = write_xlsx(alignment, sys.stdout.buffer, **options)
        else:
            n = write_xlsx(alignment, args.out, **options)
        what = "rows"
    elif args.format == "tei":
        n = write_tei(alignment, out, **options)
        what = "beads"
    else:
        n = write_table(alignment, out, args.format, formula_guard=getattr(args, "formula_guard", None),
                        **options)
        what = "rows"
    if out is not sys.stdout:
        print(f"align: wrote {n} {what} to {args.out}", file=sys.stderr)
    return 0
