"""``align add DOC_ID FILE --lang L --role R``: a document file becomes a version in ``texts/``."""
from __future__ import annotations

import argparse
import sys

from ..readers import READERS, SUFFIXES
from ..readers.intake import add_version
from ..records import Role


def register(sub: argparse._SubParsersAction) -> None:
    suffixes = " ".join(sorted(SUFFIXES))
    p = sub.add_parser(
        "add", help="add a document file (txt, docx, odt, pdf, html, epub) as a version in texts/",
        description="Read FILE — plain text in any common encoding (UTF-8/16, cp1251, KOI8-R, cp866, ArmSCII-8, "
                    "Latin-1), Word .docx, OpenDocument .odt, a PDF with a text layer, a web page or an EPUB — "
                    "and write it as texts/DOC_ID/VERSION.txt with its metadata VERSION.toml (and "
                    "document.toml for a new document). Paragraphs are kept; a PDF's running headers, page "
                    "numbers and hyphenated line breaks are removed; a web page's menus are dropped. The "
                    "source file's name, format and SHA-256 go into the metadata. Nothing is written when "
                    "the file cannot be read, and an existing version is replaced only with --force.",
        epilog=f"Suffixes read: {suffixes}. Example: align add 1920-04-26-kemal-proposal edition.pdf "
               "--lang ru --role archival-original --source \"GARF, f. 130, op. 4, d. 496, l. 12\"")
    p.add_argument("doc_id", metavar="DOC_ID", help="the document's folder name in texts/ (new or existing), "
                                                   "e.g. 1920-04-26-kemal-proposal")
    p.add_argument("file", metavar="FILE", help="the file to read")
    p.add_argument("--lang", required=True, metavar="L", help="the text's language code: en, ru, hy, de, fr, zh, ...")
    p.add_argument("--role", required=True, choices=[r.value for r in Role],
                   help="what the version is (a working translation needs --translator or --notes)")
    p.add_argument("--title", default="", help="the version's title in its own language (default: the title in "
                                               "the file's metadata, else the file name)")
    p.add_argument("--source", default="", help="where the text comes from: archive reference, edition, web "
                                                "page (default: the file's name)")
    p.add_argument("--date", default="", help="the document's date as this version writes it")
    p.add_argument("--place", default="", help="the place as this version writes it")
    p.add_argument("--author", default="", help="the author or signatory as this version names them")
    p.add_argument("--translator", default="", help="for a translation: who made it")
    p.add_argument("--notes", default="", help="anything a reader should know")
    p.add_argument("--doc-title", default="", help="for a new document: the title in document.toml "
                                                   "(default: the version's title)")
    p.add_argument("--version-id", default=None, metavar="ID",
                   help="the version's file name in texts/DOC_ID/ (default: the language code and the role, "
                        "e.g. ru-original, en, ru-working)")
    p.add_argument("--encoding", default=None,
                   help="a text or HTML file's encoding (default: detected for --lang, refused when unsure), "
                        "e.g. cp1251, koi8-r, armscii-8, latin-1, utf-16")
    p.add_argument("--format", default=None, choices=sorted(READERS),
                   help="read the file as this format whatever its suffix")
    p.add_argument("--texts", default="texts", metavar="DIR", help="the texts folder (default: ./texts)")
    p.add_argument("--force", action="store_true", help="replace the version if it exists")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:

    added = add_version(args.texts, args.doc_id, args.file, lang=args.lang, role=args.role, title=args.title,
                        source=args.source, date=args.date, place=args.place, author=args.author,
                        translator=args.translator, notes=args.notes, encoding=args.encoding,
                        format=args.format, version_id=args.version_id, doc_title=args.doc_title,
                        force=args.force)
    x = added.extracted
    err = sys.stderr
    print(f"align: read {args.file} as {x.format}", file=err)
    if x.detection:
        print(f"align: encoding: {x.detection}", file=err)
    for note in x.notes:
        print(f"align: {note}", file=err)
    verb = "replaced" if added.replaced else "wrote"
    what = "a new document" if added.new_document else "document"
    print(f"align: {verb} {added.text_path} ({added.paragraphs} paragraphs) and {added.meta_path.name} "
          f"in {what} {added.doc_id}; check the text, then run `align run`", file=err)
    return 0
