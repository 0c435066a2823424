"""The standalone HTML report: one self-contained file, no network, no external assets.

Everything is rendered here with :func:`html.escape`; the page's script only
sorts and hides rows.  The settings the script needs travel as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/9
escaped.  A Content-Security-Policy allows nothing but the page's own style
sheet and script (by hash), so a stray ``<script>`` in a text could not run
even if it escaped escaping.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..corpus import load_document
from ..divergence.components import COMPONENTS
from ..divergence.omission import GAPS
from ..records import SIDES, Alignment, Document, ReviewStatus, Side, VersionMeta
from ..review.carry import orphan_json
from ..review.progress import review_progress
from ..review.queue import default_threshold
from ..store import atomic_write_text
from .markup import (
    WORKING_BANNER,
    bead_rows,
    components_of,
    is_working,
    marked_html,
    role_label,
    spelling_label,
    unpack,
)
from .plot import similarity_plot_svg
from .scale import band_class, css_text, legend_html, shown_components, style_rules

#: The file name ``align report`` writes when no ``--out`` is given.
DEFAULT_REPORT_NAME = "report.html"
#: How the rows can be ordered: document order, most divergent first, least similar first.
SORTS = ("position", "divergence", "similarity")

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">`` (no ``</script>`` can appear)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(value: Any) -> str:
    return html.escape(str(value))


def _num(x: float | None, digits: int) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _role_badge(meta: VersionMeta | None) -> str:
    role = meta.role.value if meta is not None else "unknown"
    text = WORKING_BANNER if is_working(meta) else role_label(meta)
    return f'<span class="badge role-{_e(role)}">{_e(text)}</span>'


def documents_for(alignments: Iterable[Any], texts_dir: str | Path) -> dict[str, Document]:
    """The documents of ``alignments`` read from ``texts_dir/<doc_id>/`` (folders that do not exist are skipped)."""
    out: dict[str, Document] = {}
    for obj in alignments:
        a, _ = unpack(obj)
        folder = Path(texts_dir) / a.doc_id
        if a.doc_id and a.doc_id not in out and folder.is_dir():
            out[a.doc_id] = load_document(folder)
    return out


def _doc_meta(doc: Document | None) -> str:
    if doc is None:
        return '<p class="muted">No document metadata was given for this document.</p>'
    m = doc.meta
    items = [(k, getattr(m, k)) for k in ("date", "place", "author", "source", "notes") if getattr(m, k)]
    return '<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items) + "</dl>"


def _spellings(a: Any) -> dict[str, str]:
    """``src_spelling``/``tgt_spelling`` for the sides read in another spelling or declaring one (else nothing)."""
    labels = (("src_spelling", spelling_label(a.src_orthography, a.src_meta)),
              ("tgt_spelling", spelling_label(a.tgt_orthography, a.tgt_meta)))
    return {k: v for k, v in labels if v}


def _version_card(side: Side, version: str, lang: str, meta: VersionMeta | None, spelling: str = "") -> str:
    cls = "version-card working" if is_working(meta) else "version-card"
    head = f'<h4>{_e(side)}: {_e(version or lang)} <span class="muted">({_e(lang)})</span></h4>{_role_badge(meta)}'
    if meta is None:
        return f'<div class="{cls}">{head}<p class="muted">No provenance recorded for this version.</p></div>'
    fields = [(k, getattr(meta, k)) for k in ("title", "source", "date", "place", "author", "translator", "notes")
              if getattr(meta, k)]
    if spelling:
        fields.append(("spelling", spelling))
    body = '<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in fields) + "</dl>"
    return f'<div class="{cls}">{head}{body}</div>'


def _when(at: str) -> str:
    """A review time as the page shows it: ``2024-05-01 10:00 UTC`` (as given when it is not ISO 8601)."""
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|\+00:00)?$", at.strip())
    if not m:
        return at
    return f"{m.group(1)} {m.group(2)}" + (" UTC" if m.group(3) else "")


def _review_cell(r: Mapping[str, Any]) -> str:
    """The review of one bead: status, the finding (kind, severity), the note, who and when."""
    status = r["review_status"]
    parts = [f'<span class="status status-{_e(status)}">{_e(status)}</span>']
    if r["review_kind"] or r["review_severity"]:
        sev = (f'<span class="sev sev-{_e(r["review_severity"])}">{_e(r["review_severity"])}</span> '
               if r["review_severity"] else "")
        parts.append(f'<div class="finding">{sev}{_e(r["review_kind"])}</div>')
    if r["review_note"].strip():
        parts.append(f'<div class="note">{_e(r["review_note"])}</div>')
    who = " · ".join(x for x in (r["review_by"], _when(r["review_at"])) if x)
    if who:
        parts.append(f'<div class="who">{_e(who)}</div>')
    return "".join(parts)


def _row(key: str, r: dict[str, Any], src_label: str, tgt_label: str, src_lang: str, tgt_lang: str) -> str:
    band = band_class(r["divergence"])
    attrs = (f'id="{key}-b{r["position"]}" class="bead" data-pos="{r["position"]}" '
             f'data-div="{"" if r["divergence"] is None else repr(r["divergence"])}" '
             f'data-sim="{"" if r["similarity"] is None else repr(r["similarity"])}" '
             f'data-kind="{_e(r["kind"])}" data-gap="{_e(r["gap"])}" data-status="{_e(r["review_status"])}"')
    reasons = "".join(f"<li>{_e(x)}</li>" for x in r["reasons"])
    gap = f' <span class="gap">{_e(r["gap"])}</span>' if r["gap"] else ""
    comps = " · ".join(f"{_e(k)} {v}" for k, v in shown_components(r["components"]))
    return (f"<tr {attrs}>"
            f'<td class="pos" data-label="#">{r["position"]}</td>'
            f'<td class="ids" data-label="bead"><code>{_e(r["bead"])}</code> <span class="kind">{_e(r["kind"])}</span>'
            f"{gap}</td>"
            f'<td class="text {band}" data-label="{_e(src_label)}" lang="{_e(src_lang)}">'
            f'{marked_html(r["source"], r["marks"], "source") or "<span class=empty-side>(nothing)</span>"}</td>'
            f'<td class="text {band}" data-label="{_e(tgt_label)}" lang="{_e(tgt_lang)}">'
            f'{marked_html(r["target"], r["marks"], "target") or "<span class=empty-side>(nothing)</span>"}</td>'
            f'<td class="num sim" data-label="similarity">{_num(r["similarity"], 3)}</td>'
            f'<td class="num div {band}" data-label="divergence">{_num(r["divergence"], 2)}</td>'
            f'<td class="reasons" data-label="reasons">{"<ul>" + reasons + "</ul>" if reasons else ""}'
            f'{f"<div class=components>{comps}</div>" if comps else ""}</td>'
            f'<td class="review" data-label="review">{_review_cell(r)}</td></tr>')


def _side_label(side: str, version: str, lang: str, meta: VersionMeta | None) -> str:
    return f"{side}: {version or lang}" + (" (working translation)" if is_working(meta) else "")


def _alignment_section(key: str, a: Alignment, review: Mapping[str, Any], threshold: float) -> str:
    rows = bead_rows(a, review)
    title = f"{a.src_version} ↔ {a.tgt_version}"
    badge = ' <span class="badge role-working-translation">working translation</span>'
    src_badge = badge if is_working(a.src_meta) else ""
    tgt_badge = badge if is_working(a.tgt_meta) else ""
    scored = [r for r in rows if r["divergence"] is not None]
    above = sum(1 for r in scored if r["divergence"] >= threshold)
    summary = (f"{len(rows)} beads; {len(scored)} with a divergence score"
               + (f"; highest {max(r['divergence'] for r in scored):.2f}" if scored else "")
               + f"; {above} at or above the review threshold {threshold:.2f}; "
               + review_progress(a, review).summary())
    head = ("<colgroup><col class=c-pos><col class=c-ids><col><col><col class=c-num><col class=c-num>"
            "<col class=c-reasons><col class=c-status></colgroup>"
            f"<thead><tr><th>#</th><th>bead</th><th>source: {_e(a.src_version or a.src_lang)}{src_badge}</th>"
            f"<th>target: {_e(a.tgt_version or a.tgt_lang)}{tgt_badge}</th><th>similarity</th>"
            "<th>divergence</th><th>reasons</th><th>review</th></tr></thead>")
    src_label = _side_label("source", a.src_version, a.src_lang, a.src_meta)
    tgt_label = _side_label("target", a.tgt_version, a.tgt_lang, a.tgt_meta)
    body = "".join(_row(key, r, src_label, tgt_label, a.src_lang, a.tgt_lang) for r in rows)
    plot = similarity_plot_svg(a, row_prefix=f"{key}-b", threshold=threshold)
    return (f'<article class="alignment" id="{key}" data-alignment="{_e(a.src_version)}__{_e(a.tgt_version)}">'
            f"<h3>{_e(title)}</h3><p class=muted>{_e(summary)}</p>"
            '<div class="versions">'
            + "".join(_version_card(side, a.version_id(side), a.lang(side), a.meta(side),
                                    spelling_label(a.orthography(side), a.meta(side))) for side in SIDES)
            + "</div>"
            f'<details class="signature"><summary>made by (signature)</summary><code>{_e(a.signature)}</code></details>'
            f'<figure class="plot"><div class="plot-scroll">{plot}</div><figcaption>Each bead along the document: '
            "similarity above (the axis fitted to the data), divergence below with the review threshold as a "
            "dashed line; the colours are the divergence bands, heavy outlines the beads at or above the "
            "threshold, hollow squares under the similarity panel beads with an empty side (no similarity). "
            "Click a point to jump to its row."
            "</figcaption></figure>"
            f'<table class="beads">{head}<tbody>{body}</tbody></table>'
            '<div class="empty-note" hidden><p class="empty-text"></p>'
            '<button type="button" class="show-all">Show every bead</button></div>'
            f"{_orphans_section(review)}</article>")


def _findings_section(items: list[tuple[str, Alignment, Mapping[str, Any]]], threshold: float) -> str:
    """One document's findings: every bead a reviewer marked divergent or rejected, or left a note on."""
    lines, rows = [], []
    for key, a, review in items:
        progress = review_progress(a, review)
        lines.append(f"<li>{_e(a.src_version)} ↔ {_e(a.tgt_version)}: {_e(progress.summary())}</li>")
        for r in bead_rows(a, review):
            decided = r["review_status"] in (ReviewStatus.DIVERGENT, ReviewStatus.REJECTED)
            if not decided and not r["review_note"].strip():
                continue
            who = " · ".join(x for x in (r["review_by"], _when(r["review_at"])) if x)
            rows.append(
                f'<tr class="finding-row" data-status="{_e(r["review_status"])}">'
                f'<td data-label="pair">{_e(a.src_version)} ↔ {_e(a.tgt_version)}</td>'
                f'<td data-label="bead"><a href="#{key}-b{r["position"]}"><code>{_e(r["bead"])}</code></a></td>'
                f'<td data-label="status"><span class="status status-{_e(r["review_status"])}">'
                f'{_e(r["review_status"])}</span></td>'
                f'<td data-label="kind">{_e(r["review_kind"])}</td>'
                f'<td data-label="severity">{_e(r["review_severity"])}</td>'
                f'<td data-label="note" class="note">{_e(r["review_note"])}</td>'
                f'<td data-label="by">{_e(who)}</td></tr>')
    if rows:
        table = ('<table class="findings"><thead><tr><th>pair</th><th>bead</th><th>status</th><th>kind</th>'
                 "<th>severity</th><th>note</th><th>by</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    else:
        table = ('<p class="muted">No reviewer has marked a bead of this document yet. The beads at or above the '
                 f"review threshold ({threshold:.2f}) are the ones to read first: "
                 "<code>align review serve ALIGNMENT.json</code> opens them one by one.</p>")
    return (f'<section class="findings-box" aria-label="findings"><h3>Findings</h3><ul class="progress">'
            f"{''.join(lines)}</ul>{table}</section>")


def _orphans_section(review: Mapping[str, Any]) -> str:
    """The decisions an earlier alignment left without a bead, with the sentences they were about."""
    raw = review.get("orphaned") if isinstance(review, Mapping) else None
    if not raw:
        return ""
    rows = []
    for o in (orphan_json(x) for x in raw):
        decision = o["status"] + (f" ({o['kind']}, {o['severity']})" if o["kind"] else "")
        who = f"{o['by']}, {o['at']}" if o["by"] else o["at"]
        rows.append(f"<tr><td><code>{_e(o['ids'])}</code></td><td>{_e(decision)}</td>"
                    f"<td>{_e(o['source'] or '(nothing)')}</td><td>{_e(o['target'] or '(nothing)')}</td>"
                    f"<td>{_e(o['note'])}</td><td>{_e(who)}</td><td>{_e(o['reason'])}</td></tr>")
    return ('<section class="orphans"><h4>Decisions kept from an earlier alignment '
            f"({len(rows)} orphaned)</h4><p class=muted>No bead of this alignment has these sentences any more "
            "(they were edited, or aligned differently). The decisions are kept in the alignment file and come "
            "back by themselves if their sentences do.</p><table class=\"orphans\"><thead><tr><th>was bead</th>"
            "<th>decision</th><th>source (then)</th><th>target (then)</th><th>note</th><th>by</th><th>why</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _controls(kinds: list[str], statuses: list[str], threshold: float) -> str:
    sort_labels = {"position": "position in the document", "divergence": "divergence (highest first)",
                   "similarity": "similarity (lowest first)"}
    sorts = "".join(f'<option value="{s}">{sort_labels[s]}</option>' for s in SORTS)
    kind_opts = '<option value="">all</option>' + "".join(f'<option value="{_e(k)}">{_e(k)}</option>' for k in kinds)
    gap_opts = ('<option value="">all beads</option><option value="any">omissions and additions</option>'
                + "".join(f'<option value="{_e(g)}">{_e(g)}</option>' for g in GAPS))
    status_opts = '<option value="">all</option>' + "".join(f'<option value="{_e(s)}">{_e(s)}</option>'
                                                           for s in statuses)
    return ('<section class="controls" id="controls" aria-label="sort and filter">'
            f'<label>sort by <select id="sort">{sorts}</select></label>'
            f'<label>divergence ≥ <input id="threshold" type="range" min="0" max="1" step="0.05" '
            f'value="{threshold}"><output id="threshold-value" for="threshold">{threshold:.2f}</output></label>'
            f'<label>kind <select id="kind">{kind_opts}</select></label>'
            f'<label>omissions and additions <select id="gap">{gap_opts}</select></label>'
            f'<label>review <select id="status">{status_opts}</select></label>'
            '<label>search <input id="search" type="search" placeholder="words, bead id, reason"></label>'
            '<span id="shown-count"></span></section>')


def render_report(alignments: Sequence[Any], documents: Mapping[str, Document] | Iterable[Document] | None = None,
                  *, title: str | None = None, threshold: float = 0.0, sort: str = "position",
                  review_threshold: float | None = None) -> str:
    """The report page as text.

    ``alignments`` are :class:`Alignment` or ``StoredAlignment`` objects (the
    latter bring their review state).  ``documents`` (a mapping ``doc_id →
    Document`` or an iterable of documents) adds each document's metadata.
    ``threshold`` (0–1) and ``sort`` (one of :data:`SORTS`) set the filters
    the page opens with.  ``review_threshold`` (default: the review queue's,
    :func:`align.review.default_threshold`) is the line drawn on each plot and
    counted in each summary.

    Each document gets a findings section (every bead a reviewer marked
    divergent or rejected, or left a note on, with kind, severity, note, who
    and when, linked to its row, and the review progress of each pair); each
    bead's row shows its review the same way.
    """
    if not 0.0 <= float(threshold) <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold!r}")
    if review_threshold is None:
        review_threshold = default_threshold()
    elif not 0.0 <= float(review_threshold) <= 1.0:
        raise ValueError(f"review_threshold must be between 0 and 1, not {review_threshold!r}")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    pairs = [unpack(obj) for obj in alignments]
    if not pairs:
        raise ValueError("a report needs at least one alignment")
    docs = dict(documents) if isinstance(documents, Mapping) else {d.doc_id: d for d in (documents or ())}
    generator = f"align-workbench {__version__}"
    by_doc: dict[str, list[tuple[str, Alignment, Mapping[str, Any]]]] = {}
    for k, (a, rev) in enumerate(pairs):
        by_doc.setdefault(a.doc_id, []).append((f"a{k}", a, rev))
    kinds = sorted({b.kind for a, _ in pairs for b in a.beads})
    found = Counter(r["review_status"] for a, rev in pairs for r in bead_rows(a, rev))
    statuses = list(ReviewStatus) + sorted(set(found) - set(ReviewStatus))
    components = tuple(dict.fromkeys(c for a, _ in pairs for c in components_of(a)))
    working = sorted({v for a, _ in pairs for v, m in ((a.src_version, a.src_meta), (a.tgt_version, a.tgt_meta))
                      if is_working(m)})
    page_title = title or ("Alignment report: " + ", ".join(by_doc))

    parts = ['<header class="page-head">', f"<h1>{_e(page_title)}</h1>",
             f'<p class="generator">Made by {_e(generator)} from {len(pairs)} alignment(s). This page is one '
             "self-contained file: it loads nothing from the network.</p></header>"]
    if working:
        parts.append(f'<div class="working-banner" role="note"><strong>{_e(WORKING_BANNER)}.</strong> '
                     f"{_e(', '.join(working))}: translated by this project to demonstrate and test the workbench. "
                     "Do not cite them as sources.</div>")
    toc = "".join(f'<li><a href="#{key}">{_e(doc_id)}: {_e(a.src_version)} ↔ {_e(a.tgt_version)}</a></li>'
                  for doc_id, items in by_doc.items() for key, a, _ in items)
    parts.append(f'<nav class="toc" aria-label="contents"><ul>{toc}</ul></nav>')
    parts.append(_controls(kinds, statuses, float(threshold)))
    parts.append(f'<section class="legend-box" aria-label="legend">{legend_html(components)}</section><main>')
    for doc_id, items in by_doc.items():
        doc = docs.get(doc_id)
        heading = doc.meta.title if doc is not None else (doc_id or "document")
        parts.append(f'<section class="document" data-doc="{_e(doc_id)}"><h2>{_e(heading)}</h2>'
                     f'<p class="muted">document id: {_e(doc_id)}</p>{_doc_meta(doc)}'
                     + _findings_section(items, review_threshold))
        parts.extend(_alignment_section(key, a, rev, review_threshold) for key, a, rev in items)
        parts.append("</section>")
    parts.append("</main>")

    css = _asset("report.css") + "\n/* bands and marks (align.views.scale) */\n" + css_text(style_rules(components))
    js = _asset("report.js")
    data = {"generator": generator, "settings": {"threshold": float(threshold), "sort": sort,
                                                 "review_threshold": float(review_threshold)},
            "components": list(components or COMPONENTS),
            "alignments": [{"id": f"a{k}", "doc_id": a.doc_id, "src_version": a.src_version,
                            "tgt_version": a.tgt_version, "src_role": role_label(a.src_meta),
                            "tgt_role": role_label(a.tgt_meta), **_spellings(a), "signature": a.signature.to_dict(),
                            "beads": len(a.beads)} for k, (a, _) in enumerate(pairs)]}
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src 'none'; "
           "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
    fills = {"CSP": _e(csp), "GENERATOR": _e(generator), "TITLE": _e(page_title), "CSS": css,
             "BODY": "\n".join(parts), "DATA": script_json(data), "JS": js}
    return re.sub(r"@([A-Z]+)@", lambda m: fills[m.group(1)], _asset("report.html"))


def write_report(alignments: Sequence[Any], path: str | Path,
                 documents: Mapping[str, Document] | Iterable[Document] | None = None, **options: Any) -> Path:
    """Render the report (see :func:`render_report`) and write it atomically to ``path``."""
    page = render_report(alignments, documents, **options)
    atomic_write_text(path, page)
    return Path(path)
