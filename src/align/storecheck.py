"""A store file checked whole before anything uses it: types, ranges, bead coverage, review structure.

:func:`check_store_data` is what :func:`align.store.loads` runs on the parsed JSON.
A file that passes can be read, reviewed, exported and re-aligned without a
``KeyError`` or an index out of range anywhere later; one that fails raises
:class:`~align.errors.StoreError` with one line naming the file and the field,
e.g. ``alignments/d/en__fr.json: beads[3].src[1]: sentence 57 does not exist
(the source has 40 sentences)``.  Nothing is repaired: a bad file is reported
and left as it is, so that no review work in it is lost.

What is checked:

- the header: ``revision`` a whole number ≥ 0; ids, languages and signature
  fields text; metadata an object with a known role, or null;
- every segment ``[paragraph, start, end, "text"]`` with ``0 ≤ start ≤ end``
  and ``end - start == len(text)`` (segments are exact slices of their text);
- every bead: ``src``/``tgt`` lists of sentence numbers within their side,
  similarity a finite number or null, ``unmatched`` sentences within their side,
  divergence well formed; and together
  the beads cover each side's sentences once, in order, with no empty bead;
- the ``"review"`` object (``docs/review.md``): bead states with a known
  status, kind and severity; history and redo entries with ``before``/``after``
  states (and beads within range for fixes); orphans with their texts.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .errors import StoreError
from .records import KINDS, REVIEW_FORMAT, SEVERITIES, STATUSES, Role

_IDS = re.compile(r"^\[(\d+(,\d+)*)?\]:\[(\d+(,\d+)*)?\]$")
_ROLES = frozenset(r.value for r in Role)
_HEADER_TEXT = ("doc_id", "src_version", "tgt_version", "src_lang", "tgt_lang")
_SIGNATURE_TEXT = ("model", "src_sha256", "tgt_sha256", "version")
_META_TEXT = ("title", "source", "date", "place", "author", "translator", "notes", "source_file", "source_format",
              "source_sha256", "source_encoding", "orthography")


class _Bad(Exception):
    """A problem at one field; turned into a :class:`StoreError` naming the file."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


def check_store_data(data: Mapping[str, Any], where: str) -> None:
    """Raise :class:`StoreError` (one line: ``where``, the field, the problem) unless ``data`` — a parsed
    store file whose format and schema version were already checked — is whole and consistent."""
    try:
        _check(data)
    except _Bad as exc:
        raise StoreError(f"{where}: {exc} (the file is left as it is; fix or remove it)") from None


def _check(data: Mapping[str, Any]) -> None:
    revision = data.get("revision", 0)
    if not _is_int(revision) or revision < 0:
        raise _Bad("revision", f"must be a whole number of 0 or more, not {_show(revision)}")
    for key in _HEADER_TEXT:
        _text(data.get(key), key)
    for key in ("src_meta", "tgt_meta"):
        _meta(data.get(key), key)
    sig = _object(data.get("signature"), "signature")
    for key in _SIGNATURE_TEXT:
        _text(sig.get(key), f"signature.{key}")
    if "settings" in sig and not isinstance(sig["settings"], dict):
        raise _Bad("signature.settings", f"must be an object, not {_show(sig['settings'])}")
    n_src = _segments(data.get("src_segments"), "src_segments")
    n_tgt = _segments(data.get("tgt_segments"), "tgt_segments")
    beads = _list(data.get("beads"), "beads")
    for i, bead in enumerate(beads):
        _bead(bead, f"beads[{i}]", n_src, n_tgt)
    _coverage(beads, n_src, n_tgt)
    review = data.get("review")
    if review is not None:
        _review(review, n_src, n_tgt)


# -- the pieces -------------------------------------------------------------------

def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    text = "null" if value is None else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any, field: str, *, optional: bool = False) -> str:
    if optional and value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(field, f"must be text, not {_show(value)}")
    return value


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(field, f"must be an object, not {_show(value)}")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(field, f"must be a list, not {_show(value)}")
    return value


def _meta(value: Any, field: str) -> None:
    if value is None:
        return
    meta = _object(value, field)
    _text(meta.get("language"), f"{field}.language")
    if meta.get("role") not in _ROLES:
        raise _Bad(f"{field}.role", f"{_show(meta.get('role'))} is not one of {', '.join(sorted(_ROLES))}")
    for key in _META_TEXT:
        _text(meta.get(key), f"{field}.{key}", optional=True)


def _segments(value: Any, field: str) -> int:
    segments = _list(value, field)
    for i, seg in enumerate(segments):
        where = f"{field}[{i}]"
        if not isinstance(seg, list) or len(seg) != 4:
            raise _Bad(where, f"must be [paragraph, start, end, \"text\"], not {_show(seg)}")
        paragraph, start, end, text = seg
        if not (_is_int(paragraph) and _is_int(start) and _is_int(end)) or paragraph < 0 or not 0 <= start <= end:
            raise _Bad(where, f"paragraph, start and end must be whole numbers with 0 <= start <= end, "
                              f"not {_show(seg[:3])}")
        _text(text, f"{where}[3]")
        if end - start != len(text):
            raise _Bad(where, f"the text has {len(text)} characters but its offsets {start}-{end} span {end - start}")
    return len(segments)


def _indexes(value: Any, field: str, n: int, side: str) -> list[int]:
    items = _list(value, field)
    for k, i in enumerate(items):
        if not _is_int(i):
            raise _Bad(f"{field}[{k}]", f"must be a sentence number, not {_show(i)}")
        if not 0 <= i < n:
            raise _Bad(f"{field}[{k}]", f"sentence {i} does not exist (the {side} has {n} sentences)")
    return items


def _number(value: Any, field: str, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Bad(field, f"must be a finite number, not {_show(value)}")


def _bead(value: Any, field: str, n_src: int, n_tgt: int) -> None:
    bead = _object(value, field)
    src = _indexes(bead.get("src"), f"{field}.src", n_src, "source")
    tgt = _indexes(bead.get("tgt"), f"{field}.tgt", n_tgt, "target")
    if not src and not tgt:
        raise _Bad(field, "a bead needs at least one sentence")
    _number(bead.get("similarity"), f"{field}.similarity", optional=True)
    for k, u in enumerate(_list(bead.get("unmatched") or [], f"{field}.unmatched")):
        where = f"{field}.unmatched[{k}]"
        if not isinstance(u, list) or len(u) != 3 or u[0] not in ("source", "target") or not _is_int(u[1]):
            raise _Bad(where, f"must be [\"source\"|\"target\", sentence, evidence], not {_show(u)}")
        n = n_src if u[0] == "source" else n_tgt
        if not 0 <= u[1] < n:
            raise _Bad(f"{where}[1]", f"sentence {u[1]} does not exist (the {u[0]} has {n} sentences)")
        _number(u[2], f"{where}[2]")
    div = bead.get("divergence")
    if div is None:
        return
    div = _object(div, f"{field}.divergence")
    _number(div.get("score"), f"{field}.divergence.score")
    components = div.get("components", {})
    for name, score in _object(components, f"{field}.divergence.components").items():
        _number(score, f"{field}.divergence.components.{name}")
    for k, reason in enumerate(_list(div.get("reasons", []), f"{field}.divergence.reasons")):
        _text(reason, f"{field}.divergence.reasons[{k}]")
    for k, mark in enumerate(_list(div.get("marks", []), f"{field}.divergence.marks")):
        if (not isinstance(mark, list) or len(mark) != 5 or mark[0] not in ("source", "target")
                or not (_is_int(mark[1]) and _is_int(mark[2])) or not isinstance(mark[3], str)
                or not isinstance(mark[4], str)):
            raise _Bad(f"{field}.divergence.marks[{k}]",
                       f"must be [\"source\"|\"target\", start, end, component, label], not {_show(mark)}")


def _coverage(beads: list[dict[str, Any]], n_src: int, n_tgt: int) -> None:
    for key, n, side in (("src", n_src, "source"), ("tgt", n_tgt, "target")):
        expected = 0
        for i, bead in enumerate(beads):
            for k in bead[key]:
                if k != expected:
                    what = "is missing" if k > expected else "comes twice or out of order"
                    raise _Bad(f"beads[{i}].{key}", f"{side} sentence {min(k, expected)} {what}: the beads must "
                                                    f"cover sentences 0 to {n - 1} once each, in order")
                expected += 1
        if expected != n:
            raise _Bad("beads", f"{side} sentences {expected} to {n - 1} are in no bead")


# -- the review object ----------------------------------------------------------------

def _ids(value: Any, field: str) -> str:
    if not isinstance(value, str) or not _IDS.match(value):
        raise _Bad(field, f"must be bead ids such as \"[3]:[4,5]\", not {_show(value)}")
    return value


def _state(value: Any, field: str, *, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    state = _object(value, field)
    status = state.get("status")
    if status is not None and status not in STATUSES:
        raise _Bad(f"{field}.status", f"{_show(status)} is not one of {', '.join(STATUSES)}")
    if state.get("kind") is not None and state["kind"] not in KINDS:
        raise _Bad(f"{field}.kind", f"{_show(state['kind'])} is not one of {', '.join(KINDS)}")
    if state.get("severity") is not None and state["severity"] not in SEVERITIES:
        raise _Bad(f"{field}.severity", f"{_show(state['severity'])} is not one of {', '.join(SEVERITIES)}")
    for key in ("note", "by", "at"):
        _text(state.get(key), f"{field}.{key}", optional=True)


def _review(value: Any, n_src: int, n_tgt: int) -> None:
    review = _object(value, "review")
    fmt = review.get("format", REVIEW_FORMAT)
    if not _is_int(fmt):
        raise _Bad("review.format", f"must be a whole number, not {_show(fmt)}")
    beads = review.get("beads")
    if beads is not None:
        for ids, state in _object(beads, "review.beads").items():
            _ids(ids, f"review.beads key {ids!r}")
            _state(state, f"review.beads[{ids!r}]", nullable=True)
    for name in ("history", "redo"):
        for i, change in enumerate(_list(review.get(name) or [], f"review.{name}")):
            _change(change, f"review.{name}[{i}]", n_src, n_tgt)
    for i, orphan in enumerate(_list(review.get("orphaned") or [], "review.orphaned")):
        field = f"review.orphaned[{i}]"
        o = _object(orphan, field)
        _text(o.get("ids"), f"{field}.ids", optional=True)
        for side in ("source", "target"):
            for k, text in enumerate(_list(o.get(side, []), f"{field}.{side}")):
                _text(text, f"{field}.{side}[{k}]")
        _state(o.get("state"), f"{field}.state", nullable=True)
        for key in ("reason", "since"):
            _text(o.get(key), f"{field}.{key}", optional=True)
    if review.get("carry_over") is not None:
        _object(review["carry_over"], "review.carry_over")


def _change(value: Any, field: str, n_src: int, n_tgt: int) -> None:
    change = _object(value, field)
    _text(change.get("op"), f"{field}.op")
    for side in ("before", "after"):
        part = _object(change.get(side), f"{field}.{side}")
        for ids, state in _object(part.get("states", {}), f"{field}.{side}.states").items():
            _ids(ids, f"{field}.{side}.states key {ids!r}")
            _state(state, f"{field}.{side}.states[{ids!r}]", nullable=True)
        if "beads" in part:
            if not _is_int(change.get("index")) or change["index"] < 0:
                raise _Bad(f"{field}.index", f"must be a bead position, not {_show(change.get('index'))}")
            for k, bead in enumerate(_list(part["beads"], f"{field}.{side}.beads")):
                _bead(bead, f"{field}.{side}.beads[{k}]", n_src, n_tgt)
