"""``align segment FILE --lang L``: one sentence per line, or JSON lines with offsets."""
from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

from ..errors import LanguageMismatchWarning
from ..languages import normalize_language
from ..reading import read
from ..scripts import script_mismatch
from ..segment import segment_text
from ..textio import read_text
from ._common import output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="split a text file into sentences",
                       description="Split a UTF-8 text file into sentences (paragraphs are separated by "
                                   "blank lines) and print one sentence per line.")
    p.add_argument("file", help="text file to segment")
    p.add_argument("--lang", required=True,
                   help="language code or English name: en, ru, hy, de, fr, zh (normalised: english → en)")
    p.add_argument("--encoding", default=None, help="the file's encoding if not UTF-8 (e.g. cp1251, koi8-r)")
    p.add_argument("--jsonl", action="store_true",
                   help="print one JSON object per sentence with paragraph, index, start and end offsets")
    p.add_argument("--out", default=None, help="write to this file instead of standard output")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:


    args.lang = normalize_language(args.lang, where="--lang")
    text = read_text(args.file, encoding=args.encoding, lang=args.lang)
    problem = script_mismatch(text, args.lang)
    if problem:
        warnings.warn(f"{args.file}: {problem}", LanguageMismatchWarning, stacklevel=1)
    # abbreviation rules read old spelling as modern ("Г-нъ"); the segments are the text as written
    segments = segment_text(text, args.lang, doc_id=Path(args.file).stem, reading=read(text, args.lang))
    with output(args.out) as out:
        for s in segments:
            if args.jsonl:
                out.write(json.dumps({"index": s.index, "paragraph": s.paragraph, "start": s.start,
                                      "end": s.end, "text": s.text}, ensure_ascii=False) + "\n")
            else:
                out.write(s.clean + "\n")
    return 0
