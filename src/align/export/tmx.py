"""TMX 1.4b export: one ``<tu>`` per bead, built with lxml, valid against the TMX 1.4 DTD.

What goes in (see ``docs/export.md`` for the user's view):

* ``<header>`` with every attribute the DTD requires — ``creationtool``
  ``align-workbench``, ``creationtoolversion`` (``align.__version__``),
  ``segtype="sentence"``, ``o-tmf="align-workbench"``, ``adminlang="en"``,
  ``srclang`` (the source tag), ``datatype="plaintext"`` — and
  ``creationdate`` (UTC, ``YYYYMMDDThhmmssZ``); a ``<note>`` naming each
  version's role (so a working translation is labelled as such) and props
  ``x-doc``, ``x-src-version``, ``x-tgt-version``, ``x-src-role``,
  ``x-tgt-role``, ``x-signature``.
* one ``<tu>`` per exported bead (see :func:`align.export.rows.export_rows`
  for which), ``tuid`` = ``<doc>/<src>__<tgt>/<bead>``; props ``x-bead``,
  ``x-doc``, ``x-src-version``, ``x-tgt-version``, ``x-src-role``,
  ``x-tgt-role``, ``x-similarity``, ``x-divergence``, one
  ``x-divergence-reason`` per reason; when a reviewer decided, ``x-review``
  (the status), ``x-review-kind`` and ``x-review-severity`` (the finding on a
  divergent bead), ``x-review-by`` and ``x-review-at`` (who, when), the
  ``<tu>``'s ``changeid`` and ``changedate`` saying the same, and one
  ``<note>`` with the whole review in words (``divergent (number/date,
  major): 18,000 vs 28 000 — Ann, 2024-05-01T10:00:00Z``), which CAT tools
  show next to the unit.  The header says ``segtype="sentence"``;
  a bead joining several sentences on a side (2-1, 1-2, ...) is marked
  ``segtype="block"`` on its ``<tu>``, as its text is no longer one sentence.
* one ``<tuv xml:lang=...>`` per non-empty side.  When 1-0/0-1 beads are
  included, the empty side has no ``<tuv>`` at all (an empty ``<seg/>`` would
  read as "translate this as nothing" to a CAT tool).

Texts are :meth:`Alignment.side_text` (whitespace, tabs and line breaks
collapsed to single spaces).  XML-forbidden characters are removed with a
:class:`~align.errors.TextCleanupWarning` naming the bead and side (see
:mod:`align.export.xmlchars`).
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..errors import TextCleanupWarning
from ..records import Alignment
from .langtags import resolve_pair
from .rows import ExportRow, check_fresh, export_rows, review_state, write_output
from .xmlchars import describe, forbidden_chars, xml_safe

CREATION_TOOL = "align-workbench"
O_TMF = "align-workbench"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_date(when: datetime | None = None) -> str:
    """A TMX date: UTC in ``YYYYMMDDThhmmssZ`` (now when ``when`` is None; naive means UTC)."""
    when = when or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _tmx_time(iso: str) -> str | None:
    """A review time (ISO 8601, as the store keeps it) as a TMX date; None when it is not one."""
    try:
        when = datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return tmx_date(when)


def _safe(text: str, where: str, raw: tuple[str, ...] = ()) -> str:
    """``text`` without XML-forbidden characters, warning once if any were there.

    ``raw`` are the original segment texts behind an already-cleaned ``text``:
    :attr:`Segment.clean` silently turns some forbidden characters (form feed,
    vertical tab) into spaces, and the user should still hear about them.
    """
    found = set(forbidden_chars(text)).union(*(forbidden_chars(r) for r in raw))
    if not found:
        return text
    cleaned, _ = xml_safe(text)
    if raw:
        cleaned = " ".join(cleaned.split())
    warnings.warn(f"{where}: removed {describe(tuple(sorted(found)))} (XML 1.0 does not allow them)",
                  TextCleanupWarning, stacklevel=4)
    return cleaned


def _role(alignment: Alignment, side: str) -> str:
    meta = alignment.src_meta if side == "source" else alignment.tgt_meta
    return meta.role.value if meta is not None else ""


def _common_props(alignment: Alignment) -> list[tuple[str, str]]:
    props = [("x-doc", alignment.doc_id), ("x-src-version", alignment.src_version),
             ("x-tgt-version", alignment.tgt_version),
             ("x-src-role", _role(alignment, "source")), ("x-tgt-role", _role(alignment, "target"))]
    return [(k, v) for k, v in props if v]


def _header(root: Any, alignment: Alignment, src_code: str, tgt_code: str, created: str) -> None:
    from lxml import etree
    header = etree.SubElement(root, "header", {
        "creationtool": CREATION_TOOL, "creationtoolversion": _tool_version(), "segtype": "sentence",
        "o-tmf": O_TMF, "adminlang": "en", "srclang": src_code, "datatype": "plaintext",
        "creationdate": created})
    roles = []
    for side, code, version, meta in (("source", src_code, alignment.src_version, alignment.src_meta),
                                      ("target", tgt_code, alignment.tgt_version, alignment.tgt_meta)):
        label = meta.role.label if meta is not None else "role not recorded"
        roles.append(f"{side} {code} (version {version or '?'}): {label}")
    etree.SubElement(header, "note").text = _safe(
        f"Aligned by align-workbench from document {alignment.doc_id or '?'}. " + "; ".join(roles) + ".", "header")
    for key, value in _common_props(alignment) + [("x-signature", str(alignment.signature))]:
        etree.SubElement(header, "prop", type=key).text = _safe(value, f"header prop {key}")


def _tool_version() -> str:
    return __version__


def _tu(body: Any, alignment: Alignment, row: ExportRow, codes: tuple[str, str],
        common: list[tuple[str, str]], reviewed: bool, include_empty: bool) -> bool:
    """Append the ``<tu>`` of one row; False (nothing appended) when both sides are empty,
    or one is and ``include_empty`` is off (a side can become empty by the cleanup)."""
    from lxml import etree
    where = f"{alignment.doc_id or 'alignment'}: bead {row.bead}"
    texts = []
    for side, ids, segs, text, version in (
            ("source", row.src_ids, alignment.src_segments, row.source, alignment.src_version),
            ("target", row.tgt_ids, alignment.tgt_segments, row.target, alignment.tgt_version)):
        raw = tuple(segs[i].text for i in ids)
        seg_where = f"{where} {side} (segment {', '.join(map(str, ids))} of version {version or '?'})"
        texts.append(_safe(text, seg_where, raw))
    filled = [bool(t.strip()) for t in texts]
    if not any(filled) or (not all(filled) and not include_empty):
        return False
    attrs = {"tuid": f"{alignment.doc_id}/{alignment.src_version}__{alignment.tgt_version}/{row.bead}"
             if alignment.doc_id else row.bead}
    if len(row.src_ids) > 1 or len(row.tgt_ids) > 1:
        attrs["segtype"] = "block"
    if reviewed and row.review_by.strip():
        attrs["changeid"] = _safe(" ".join(row.review_by.split()), f"{where} reviewer")
    changed = _tmx_time(row.review_at) if reviewed else None
    if changed:
        attrs["changedate"] = changed
    tu = etree.SubElement(body, "tu", attrs)
    if row.reviewed:
        etree.SubElement(tu, "note").text = _safe(row.finding_line(), f"{where} review note")
    props = [("x-bead", row.bead)] + common
    for key, score in (("x-similarity", row.similarity), ("x-divergence", row.divergence)):
        if score is not None and math.isfinite(score):
            props.append((key, f"{score:.4f}"))
    props += [("x-divergence-reason", r) for r in row.reasons if r.strip()]
    if reviewed:
        props += [(key, value) for key, value in (
            ("x-review", row.review_status), ("x-review-kind", row.review_kind),
            ("x-review-severity", row.review_severity), ("x-review-by", row.review_by),
            ("x-review-at", row.review_at)) if value.strip()]
    for key, value in props:
        etree.SubElement(tu, "prop", type=key).text = _safe(value, f"{where} prop {key}")
    for code, text in zip(codes, texts):
        if text.strip():
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: code})
            etree.SubElement(tuv, "seg").text = text
    return True


def _build(alignment: Alignment, *, lang_codes: Mapping[str, str] | None, include_empty: bool,
           include_rejected: bool, review: Any, current_texts: tuple[str, str] | None,
           created: datetime | None, accepted_only: bool = False,
           exclude_divergent: bool = False) -> tuple[bytes, int]:
    check_fresh(alignment, current_texts)
    codes = resolve_pair(alignment.src_lang, alignment.tgt_lang, alignment.src_version,
                         alignment.tgt_version, lang_codes)
    rows = export_rows(alignment, review, include_empty=include_empty, include_rejected=include_rejected,
                       accepted_only=accepted_only, exclude_divergent=exclude_divergent)
    decided = set(review_state(review))
    from lxml import etree
    root = etree.Element("tmx", version="1.4")
    _header(root, alignment, codes[0], codes[1], tmx_date(created))
    body = etree.SubElement(root, "body")
    common = _common_props(alignment)
    n = sum(_tu(body, alignment, row, codes, common, row.bead in decided, include_empty) for row in rows)
    data = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False, pretty_print=True,
                          doctype=DOCTYPE)
    return XML_DECLARATION + data, n


def build_tmx(alignment: Alignment, *, lang_codes: Mapping[str, str] | None = None,
              include_empty: bool = False, include_rejected: bool = False, accepted_only: bool = False,
              exclude_divergent: bool = False, review: Any = None,
              current_texts: tuple[str, str] | None = None, created: datetime | None = None) -> bytes:
    """The TMX 1.4b document (UTF-8 bytes) for ``alignment``; arguments as for :func:`write_tmx`."""
    return _build(alignment, lang_codes=lang_codes, include_empty=include_empty,
                  include_rejected=include_rejected, accepted_only=accepted_only,
                  exclude_divergent=exclude_divergent, review=review, current_texts=current_texts,
                  created=created)[0]


def write_tmx(alignment: Alignment, path_or_file: str | Path | IO[Any], *,
              lang_codes: Mapping[str, str] | None = None, include_empty: bool = False,
              include_rejected: bool = False, accepted_only: bool = False, exclude_divergent: bool = False,
              review: Any = None, current_texts: tuple[str, str] | None = None,
              created: datetime | None = None) -> int:
    """Write ``alignment`` as TMX 1.4b; returns the number of ``<tu>`` written.

    ``path_or_file``: a path (written atomically: the whole document is built
    first, then written to a temporary file and renamed, so an error leaves
    no half-written file) or an open binary or text stream.
    ``lang_codes``: ``xml:lang`` overrides keyed by language or version id
    (``{"hy": "hy-AM"}``); by default each side is tagged with its language,
    validated as BCP-47 (an invalid one raises :class:`ExportError`).
    ``include_empty``/``include_rejected``: also export 1-0/0-1 beads and
    beads a reviewer rejected.  ``exclude_divergent``: leave out beads a
    reviewer marked divergent (by default they go out, with their finding);
    ``accepted_only``: only beads a reviewer accepted.  ``review``: a ``StoredAlignment`` or its
    ``review`` dict (see :func:`align.export.rows.review_state`).
    ``current_texts``: ``(source text, target text)`` as they are now; if
    their SHA-256 differ from the alignment's signature,
    :class:`~align.errors.StaleAlignmentError` is raised (re-align with
    ``align run``).  Without them — e.g. for an alignment imported from TMX,
    whose texts do not exist in ``texts/`` — the export goes ahead unchecked.
    ``created``: the header's creation date (default: now).
    """
    data, n = _build(alignment, lang_codes=lang_codes, include_empty=include_empty,
                     include_rejected=include_rejected, accepted_only=accepted_only,
                     exclude_divergent=exclude_divergent, review=review, current_texts=current_texts,
                     created=created)
    write_output(path_or_file, data.decode("utf-8"), "TMX")
    return n
