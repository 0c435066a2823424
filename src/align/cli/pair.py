"""``align pair SRC TGT``: align two files and print the beads."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..divergence import TermList
from ..divergence.omission import gap_of
from ..export.tables import table_text
from ..pipeline import align_texts
from ..records import Alignment
from ..review import merge_into_store
from ..store import divergence_to_dict, load
from ..textio import read_text
from ._common import (
    add_model_option,
    add_settings_option,
    encoder_from_args,
    output,
    refuse_to_replace_store,
    settings_epilog,
    settings_from_args,
)

FORMATS = ("beads", "tsv", "json")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pair", help="align two text files",
                       description="Align two versions of a text given as files. By default each file is "
                                   "split into sentences; with --presegmented every line is one sentence.",
                       epilog=settings_epilog())
    p.add_argument("src", help="source text file")
    p.add_argument("tgt", help="target text file")
    p.add_argument("--src-lang", required=True,
                   help="source language code or English name (en, ru, hy, de, fr, zh; normalised: english → en, "
                        "arm → hy, en-UK → en-GB)")
    p.add_argument("--tgt-lang", required=True, help="target language code or English name")
    p.add_argument("--names", default=None, metavar="FILE",
                   help="a names list for divergence scoring (see docs/divergence.md; align run reads "
                        "TEXTS/names.toml by itself)")
    p.add_argument("--presegmented", action="store_true", help="one sentence per line, taken as given")
    p.add_argument("--encoding", default=None, help="both files' encoding if not UTF-8")
    p.add_argument("--src-encoding", default=None, help="the source file's encoding (overrides --encoding)")
    p.add_argument("--tgt-encoding", default=None, help="the target file's encoding (overrides --encoding)")
    p.add_argument("--format", choices=FORMATS, default="beads",
                   help="beads: one '[0]:[0,1]' per line; tsv: a table with scores, in the columns of "
                        "`align export tsv` (docs/export.md); json: everything")
    p.add_argument("--no-score", action="store_true", help="skip divergence scoring")
    p.add_argument("--out", default=None, help="write here instead of standard output (written atomically)")
    p.add_argument("--save", default=None, metavar="ALIGNMENT.json",
                   help="also save the alignment in the store format (for review, report and export); over an "
                        "existing alignment file the review is carried over as `align run` does (decisions on "
                        "unchanged sentences move to the new beads, the others are kept as orphans), and a "
                        "file that cannot be read is left untouched")
    add_model_option(p)
    add_settings_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)  # a bad --set fails before any file is read
    refuse_to_replace_store(args.out)
    if args.save and Path(args.save).exists():
        load(args.save)  # a file that cannot be read is refused before any work, and left untouched
    src_text = read_text(args.src, encoding=args.src_encoding or args.encoding, lang=args.src_lang)
    tgt_text = read_text(args.tgt, encoding=args.tgt_encoding or args.encoding, lang=args.tgt_lang)
    terms = TermList.load(args.names) if args.names else None
    encoder = encoder_from_args(args)
    alignment = align_texts(src_text, tgt_text, args.src_lang, args.tgt_lang, encoder=encoder, settings=settings,
                            presegmented_input=args.presegmented, score=not args.no_score, terms=terms,
                            doc_id=Path(args.src).stem, src_version=Path(args.src).stem,
                            tgt_version=Path(args.tgt).stem, progress=sys.stderr.isatty())
    if args.save:
        carried = merge_into_store(args.save, alignment)
        if not carried.created:  # an earlier alignment was there: say what became of its review
            print(f"align: saved {carried.summary()}", file=sys.stderr)
    with output(args.out) as out:
        if args.format == "beads":
            for b in alignment.beads:
                out.write(b.ids() + "\n")
        elif args.format == "tsv":
            out.write(bead_table(alignment))
        else:
            out.write(json.dumps(alignment_json(alignment), ensure_ascii=False, indent=1) + "\n")
    return 0


def bead_table(alignment: Alignment) -> str:
    """Every bead as TSV, in the columns and quoting of ``align export tsv`` (:mod:`align.columns`).

    Unlike the export, 1-0/0-1 beads are listed too (there is no review yet to leave anything out).
    """
    return table_text(alignment, "tsv", include_empty=True, include_rejected=True)[0]


def alignment_json(alignment: Alignment) -> dict[str, Any]:
    beads = []
    for b in alignment.beads:
        beads.append({"bead": b.ids(), "kind": b.kind, "gap": gap_of(b), "src": list(b.src), "tgt": list(b.tgt),
                      "source": alignment.side_text(b, "source"), "target": alignment.side_text(b, "target"),
                      "similarity": b.similarity,
                      "unmatched": [[u.side, u.index, u.value] for u in b.unmatched],
                      "divergence": divergence_to_dict(b.divergence) if b.divergence else None})
    return {"doc_id": alignment.doc_id, "src_lang": alignment.src_lang, "tgt_lang": alignment.tgt_lang,
            "signature": alignment.signature.to_dict(), "signature_string": str(alignment.signature),
            "beads": beads}
