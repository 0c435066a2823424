"""The index page of a run: every document and pair, with counts and links to each document's report.

One self-contained file like the reports (no script, no network; a
Content-Security-Policy allows only its own style sheet, by hash), small
whatever the size of the collection: the side-by-side texts live in the
per-document reports (``alignments/<doc_id>/report.html``) it links to.
Every text is escaped.
"""
from __future__ import annotations

import base64
import hashlib
import html
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..results import PairResult, RunResult, RunStatus
from ..store import atomic_write_text
from .markup import WORKING_BANNER, is_working, role_label

_CSS = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:76rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.2rem 0}.muted{color:#595959}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1.4rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:.3rem;padding:0 .35rem;font-size:.8rem;background:#e8eef8;color:#173a6b}
.badge.working{background:#b3261e;color:#fff;font-weight:600}
.findings{font-weight:600}.findings.none{font-weight:400;color:#595959}
.failed{color:#a00000}.warn-box{background:#fff0f0;border:1px solid #e0a0a0;padding:.5rem 1rem;border-radius:.4rem}
.working-banner{background:#fdecea;border:2px solid #b3261e;padding:.5rem 1rem;border-radius:.4rem}
@media (max-width:700px){
 body{margin:.8rem auto;padding:0 .6rem}
 table,tbody,tr,td{display:block;width:100%}thead{display:none}
 tr{border:1px solid #ccc;border-radius:6px;margin:0 0 .8rem;padding:.3rem .5rem}
 td{border:0;padding:.15rem 0;text-align:left}
 td.n{display:inline-block;width:auto;margin-right:1rem;text-align:left}
 td[data-label]::before{content:attr(data-label) ": ";color:#595959;font-size:.85rem}
 td:empty{display:none}
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; script-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def _findings(p: PairResult) -> str:
    """``2 (1 critical, 1 major)``: the beads a reviewer marked divergent, by severity."""
    if not p.findings:
        return '<span class="findings none">none</span>'
    sev = ", ".join(f"{k} {s}" for s, k in p.severities.items())
    return f'<span class="findings">{p.findings}</span>' + (f" ({_e(sev)})" if sev else "")


def render_index(result: RunResult, where: str | Path) -> str:
    """The index page for ``result``, with links relative to the folder ``where`` it will be saved in."""
    base = Path(where)
    t = result.to_dict()["totals"]
    parts = [f"<h1>Alignments: {t['documents']} document(s), {t['pairs']} pair(s)</h1>",
             f'<p class="muted">Made by align-workbench {_e(__version__)} with {_e(result.model)}. '
             f"{t['beads']} beads, {t['flagged']} flagged for review, {t['reviewed']} reviewed, "
             f"{t['findings']} finding(s) (beads a reviewer marked divergent). Each document's report shows "
             "the versions side by side, and its findings.</p>"]
    working = [(d.doc_id, v) for d in result.documents for v, _, meta in d.versions if is_working(meta)]
    if working:
        parts.append(f'<div class="working-banner" role="note"><strong>{_e(WORKING_BANNER)}:</strong> '
                     f"{_e(', '.join(f'{d}/{v}' for d, v in working))}. Translated by this project to "
                     "demonstrate the workbench; do not cite them as sources.</div>")
    behind = sum(1 for p in result.pairs if p.status in (RunStatus.OUT_OF_DATE, RunStatus.NOT_ALIGNED))
    if behind:
        parts.append(f'<p class="muted">{behind} pair(s) of documents the last run did not cover are marked '
                     "“out of date” (their texts, model or settings changed since they were aligned) or "
                     "“not aligned yet”; <code>align run</code> over the whole collection brings them up to "
                     "date.</p>")
    if result.failures:
        items = "".join(f"<li>{_e(f)}</li>" for f in result.failures)
        parts.append(f'<div class="warn-box" role="alert"><strong>{len(result.failures)} failed</strong>'
                     f"<ul>{items}</ul></div>")
    parts.append("<table><thead><tr><th>document</th><th>pair</th><th>roles</th><th>beads</th><th>kinds</th>"
                 "<th>flagged</th><th>reviewed</th><th>findings</th><th>mean similarity</th><th>status</th>"
                 "</tr></thead><tbody>")
    for d in result.documents:
        metas = {v: meta for v, _, meta in d.versions}
        link = quote(Path(os.path.relpath(d.report, base)).as_posix()) if d.report else None
        title = f'<a href="{_e(link)}">{_e(d.title)}</a>' if link else _e(d.title)
        if not d.pairs:
            parts.append(f'<tr><td>{title}<br><span class="muted">{_e(d.doc_id)}</span></td>'
                         '<td colspan="9" class="muted">one version only: nothing to align</td></tr>')
        for k, p in enumerate(d.pairs):
            badges = " ".join(
                f'<span class="badge{" working" if is_working(metas.get(v)) else ""}">'
                f"{_e(v)}: {_e(role_label(metas[v]) if v in metas else '?')}</span>"
                for v in (p.src_version, p.tgt_version))
            kinds = ", ".join(f"{kind}×{n}" for kind, n in p.kinds.items())
            sim = f"{p.mean_similarity:.3f}" if p.mean_similarity is not None else "–"
            status = (f'<span class="failed">failed: {_e(p.error)}</span>' if p.status == RunStatus.FAILED
                      else _e(p.status))
            head = f'{title}<br><span class="muted">{_e(d.doc_id)}</span>' if k == 0 else ""
            reviewed = f"{p.reviewed} / {p.beads}" if p.beads else "–"
            parts.append(f"<tr><td>{head}</td><td data-label=pair>{_e(p.src_version)} ↔ {_e(p.tgt_version)}</td>"
                         f"<td>{badges}</td>"
                         f'<td class="n" data-label=beads>{p.beads}</td><td data-label=kinds>{_e(kinds)}</td>'
                         f'<td class="n" data-label=flagged>{p.flagged}</td>'
                         f'<td class="n" data-label=reviewed>{reviewed}</td>'
                         f"<td data-label=findings>{_findings(p)}</td>"
                         f'<td class="n" data-label="mean similarity">{sim}</td>'
                         f"<td data-label=status>{status}</td></tr>")
        for q in d.other_stores:
            parts.append(f'<tr><td></td><td colspan="9" class="muted">also kept: {_e(q.name)} — not aligned by '
                         f"this run (an earlier pivot, or a version that is gone; the pivot is now "
                         f"{_e(d.pivot)}); its review work is still in it</td></tr>")
    parts.append("</tbody></table>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>Alignments ({t['documents']} documents)</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def write_index(result: RunResult, path: str | Path) -> Path:
    """Render the index page and write it atomically to ``path``."""
    p = Path(path)
    atomic_write_text(p, render_index(result, p.parent))
    return p
