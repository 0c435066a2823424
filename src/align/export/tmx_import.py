"""TMX import: any TMX 1.1–1.4b file (ours or another tool's) → an :class:`Alignment`.

Each ``<tu>`` becomes one bead: 1-1 when it has a ``<tuv>`` in both requested
languages, 1-0 or 0-1 when it has only one (a ``<tuv>`` whose ``<seg>`` is
empty counts as missing); a ``<tu>`` with neither is skipped.  Each side's
texts become its segments, one per ``<tu>``, with offsets into a synthetic
text made by joining them with ``"\\n\\n"``; the signature has model
``imported-tmx`` and the synthetic texts' SHA-256.

Languages: ``xml:lang`` (TMX 1.4) or ``lang`` (1.1/1.2) on each ``<tuv>``;
an exact tag match wins, else the primary subtag decides (``hy-AM`` is
``hy``) — unless both requested languages share it (``en-GB`` vs ``en-US``),
when only exact matches count.  The header's ``srclang`` (even ``*all*``) is
not needed.

Inline markup in ``<seg>``: ``<bpt>``, ``<ept>``, ``<it>``, ``<ph>`` and
``<ut>`` hold the original document's formatting codes (``{\\b ``,
``<b>``), not text, so their content is dropped and the text around them
kept; ``<hi>`` holds real text, which is kept.

Safety: the parser never fetches anything and never expands entities; a file
declaring entities in its DOCTYPE (the "billion laughs" attack) or using
undefined ones is refused, as are malformed XML, an empty file, a root that
is not ``<tmx>``, and a file without a single ``<tu>`` holding both requested
languages — each with an :class:`~align.errors.ExportError` naming the file.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ExportError
from ..records import Alignment, Bead, Divergence, Role, Segment, Signature, VersionMeta, text_sha256
from .langtags import best_match, primary, validate_tag
from .rows import IMPORTED_MODEL

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = {"bpt", "ept", "it", "ph", "ut"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ID_BAD = re.compile(r"[^A-Za-z0-9._-]+")
SEPARATOR = "\n\n"


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse(path: Path) -> Any:
    from lxml import etree
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"{path}: no such TMX file") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc}") from None
    if not data.strip():
        raise ExportError(f"{path}: the file is empty (expected a TMX document)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"{path}: not well-formed XML (line {exc.lineno}: {exc.msg}); "
                          "is it really a TMX file?") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ExportError(f"{path}: its DOCTYPE declares entities; refused, as entity expansion can be "
                          "used to attack the reader (a TMX file never needs them)")
    if _local(root) != "tmx":
        raise ExportError(f"{path}: not a TMX file (the root element is <{_local(root) or '?'}>, not <tmx>)")
    return root


def seg_text(seg: Any, where: str = "") -> str:
    """The text of a ``<seg>`` (or ``<hi>``): inline codes dropped, ``<hi>`` kept (module docstring)."""
    from lxml import etree
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child, etree._Entity):
            raise ExportError(f"{where}: uses the undefined entity {child.text}; refused (no DTD is loaded)")
        name = _local(child)
        if name and name not in _CODES:
            parts.append(seg_text(child, where))
        parts.append(child.tail or "")
    return "".join(parts)


def _props(el: Any) -> list[tuple[str, str]]:
    """``(type, text)`` of an element's ``<prop>`` children, in order (a type may repeat)."""
    return [(p.get("type", ""), p.text or "") for p in el if _local(p) == "prop"]


def _tuvs(tu: Any, where: str) -> dict[str, str]:
    """``{language tag: text}`` of a ``<tu>``'s variants with non-empty text (first one per tag)."""
    out: dict[str, str] = {}
    for tuv in tu:
        if _local(tuv) != "tuv":
            continue
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = next((c for c in tuv if _local(c) == "seg"), None)
        if not lang or seg is None:
            continue
        text = seg_text(seg, where)
        if text.strip() and lang not in out:
            out[lang] = text
    return out


def _segments(texts: list[str], doc_id: str, version: str) -> tuple[tuple[Segment, ...], str]:
    segs, pos = [], 0
    for i, text in enumerate(texts):
        segs.append(Segment(doc_id=doc_id, version_id=version, paragraph=i, index=i,
                            start=pos, end=pos + len(text), text=text))
        pos += len(text) + len(SEPARATOR)
    return tuple(segs), SEPARATOR.join(texts)


def _provenance(header: Any, src: str, tgt: str) -> tuple[dict[str, str], dict[str, str]]:
    """Version ids and roles from our own header props, matched to the requested sides."""
    props = dict(_props(header)) if header is not None else {}
    srclang = header.get("srclang", "") if header is not None else ""
    distinct = primary(src) != primary(tgt)
    if srclang.lower() == src.lower() or (distinct and primary(srclang) == primary(src)):
        pick = {"src": "src", "tgt": "tgt"}
    elif srclang.lower() == tgt.lower() or (distinct and primary(srclang) == primary(tgt)):
        pick = {"src": "tgt", "tgt": "src"}  # imported the other way round
    else:
        return {}, {}
    versions = {side: props.get(f"x-{pick[side]}-version", "") for side in ("src", "tgt")}
    roles = {side: props.get(f"x-{pick[side]}-role", "") for side in ("src", "tgt")}
    return versions, roles


def _meta(lang: str, role: str, path: Path) -> VersionMeta | None:
    try:
        r = Role(role)
    except ValueError:
        return None
    return VersionMeta(language=lang, role=r, title=f"imported from {path.name}", source=str(path))


def read_tmx(path: str | Path, src_lang: str, tgt_lang: str, *, doc_id: str | None = None) -> Alignment:
    """Read a TMX file into a two-version :class:`Alignment` (see the module docstring).

    ``src_lang``/``tgt_lang`` are BCP-47 tags (``en``, ``hy-AM``) and become
    the alignment's languages.  ``doc_id`` defaults to the ``x-doc`` prop of
    a TMX written by this workbench, else the file name's stem; the version
    ids are taken from our ``x-src-version``/``x-tgt-version`` props when the
    languages line up, else they are the two language tags.  Similarity and
    divergence scores written by this workbench (``x-similarity``,
    ``x-divergence``, ``x-divergence-reason``) are read back; review notes
    and statuses are not (they belong to the store's review state).
    """
    p = Path(path)
    src = validate_tag(src_lang, "--src-lang")
    tgt = validate_tag(tgt_lang, "--tgt-lang")
    if src.lower() == tgt.lower():
        raise ExportError(f"--src-lang and --tgt-lang are both {src!r}; give two different languages")
    if doc_id is not None and not _ID.match(doc_id):
        raise ExportError(f"document id {doc_id!r}: use only letters, digits, '.', '_' and '-' "
                          "(it becomes a folder name), starting with a letter or digit")
    root = _parse(p)
    header = next((c for c in root if _local(c) == "header"), None)
    body = next((c for c in root if _local(c) == "body"), None)
    if body is None:
        raise ExportError(f"{p}: a TMX file needs a <body> element; this one has none")
    units: list[tuple[str | None, str | None, list[tuple[str, str]]]] = []
    seen: set[str] = set()
    for n, tu in enumerate((c for c in body if _local(c) == "tu"), start=1):
        where = f"{p}: <tu> number {n}" + (f" (tuid {tu.get('tuid')})" if tu.get("tuid") else "")
        tuvs = _tuvs(tu, where)
        seen.update(tuvs)
        s_tag, t_tag = best_match(src, tuvs, tgt), best_match(tgt, tuvs, src)
        if s_tag is not None and s_tag == t_tag:
            t_tag = None
        if s_tag is None and t_tag is None:
            continue
        units.append((tuvs[s_tag] if s_tag else None, tuvs[t_tag] if t_tag else None, _props(tu)))
    if not any(s is not None and t is not None for s, t, _ in units):
        found = ", ".join(sorted(seen, key=str.lower)) or "none"
        raise ExportError(f"{p}: no translation unit holds both {src} and {tgt} "
                          f"(languages found: {found}); check --src-lang and --tgt-lang")

    header_props = dict(_props(header)) if header is not None else {}
    ours = header_props.get("x-doc", "")
    doc = doc_id or (ours if _ID.match(ours) else "") or _ID_BAD.sub("-", p.stem).strip("-._") or "imported"
    versions, roles = _provenance(header, src, tgt)
    src_version = src_id if _ID.match(src_id := versions.get("src", "")) else src
    tgt_version = tgt_id if _ID.match(tgt_id := versions.get("tgt", "")) else tgt
    if src_version == tgt_version:
        src_version, tgt_version = src, tgt
    src_segs, src_text = _segments([s for s, _, _ in units if s is not None], doc, src_version)
    tgt_segs, tgt_text = _segments([t for _, t, _ in units if t is not None], doc, tgt_version)
    beads, i, j = [], 0, 0
    for s, t, props in units:
        bead_src = (i,) if s is not None else ()
        bead_tgt = (j,) if t is not None else ()
        i, j = i + len(bead_src), j + len(bead_tgt)
        scores = dict(props)
        beads.append(Bead(src=bead_src, tgt=bead_tgt,
                          similarity=_float(scores.get("x-similarity")) if bead_src and bead_tgt else None,
                          divergence=_divergence(props)))
    settings = {"file": p.name, "tmx_version": root.get("version", ""),
                "creationtool": header.get("creationtool", "") if header is not None else ""}
    signature = Signature(model=IMPORTED_MODEL, settings=settings, src_sha256=text_sha256(src_text),
                          tgt_sha256=text_sha256(tgt_text), version=__version__)
    return Alignment(src_segments=src_segs, tgt_segments=tgt_segs, beads=tuple(beads), signature=signature,
                     src_lang=src, tgt_lang=tgt, doc_id=doc, src_version=src_version, tgt_version=tgt_version,
                     src_meta=_meta(src, roles.get("src", ""), p), tgt_meta=_meta(tgt, roles.get("tgt", ""), p))


def _float(value: str | None) -> float | None:
    """A finite number from a prop's text, else None."""
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _divergence(props: list[tuple[str, str]]) -> Divergence | None:
    """The divergence score and reasons this workbench wrote (components are not exported)."""
    score = _float(dict(props).get("x-divergence"))
    if score is None:
        return None
    reasons = tuple(v for k, v in props if k == "x-divergence-reason" and v.strip())
    return Divergence(score=score, components={}, reasons=reasons)
