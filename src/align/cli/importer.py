"""``align import tmx FILE.tmx --src-lang L --tgt-lang L``: a translation memory as an alignment."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..errors import ExportError
from ..export.tmx_import import read_tmx
from ..languages import normalize_language
from ..store import alignment_path, save


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a TMX translation memory as an alignment",
                       description="Read a translation memory into the alignments/ store, so it can be "
                                   "viewed, reviewed and exported like an alignment made here.")
    formats = p.add_subparsers(dest="format", metavar="FORMAT")
    formats.required = True
    q = formats.add_parser("tmx", help="import a TMX 1.1-1.4b file",
                           description="Each <tu> becomes one bead: 1-1 when it holds both languages, "
                                       "1-0 or 0-1 when it holds one. Languages match by primary subtag "
                                       "(hy-AM matches hy). Inline codes (<bpt>, <ph>, ...) are dropped.")
    q.add_argument("file", metavar="FILE.tmx", help="the TMX file")
    q.add_argument("--src-lang", required=True, metavar="TAG", help="source language, e.g. en")
    q.add_argument("--tgt-lang", required=True, metavar="TAG", help="target language, e.g. ru")
    q.add_argument("--doc-id", default=None, metavar="ID",
                   help="document id (default: the one our own TMX records, else the file name)")
    q.add_argument("--out", default=None, metavar="FILE",
                   help="where to save (default: ALIGNMENTS/<doc>/<src>__<tgt>.json)")
    q.add_argument("--alignments", default="alignments", metavar="DIR",
                   help="the alignments store folder (default: ./alignments)")
    q.add_argument("--force", action="store_true",
                   help="replace an existing alignment file (its review state is lost)")
    q.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:


    alignment = read_tmx(args.file, normalize_language(args.src_lang, where="--src-lang"),
                         normalize_language(args.tgt_lang, where="--tgt-lang"), doc_id=args.doc_id)
    out = Path(args.out) if args.out else alignment_path(args.alignments, alignment.doc_id,
                                                         alignment.src_version, alignment.tgt_version)
    if out.exists() and not args.force:
        raise ExportError(f"{out}: already exists and may hold review work; choose another --out, "
                          "or pass --force to replace it")
    save(out, alignment)
    kinds = Counter(b.kind for b in alignment.beads)
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: kv[0] != "1-1"))
    print(f"{out}: {len(alignment.beads)} beads from {args.file} ({detail})")
    return 0
