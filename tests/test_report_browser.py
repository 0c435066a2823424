"""The report in a real browser: Debian's chromium driven by Playwright (no browser download)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from align.records import Bead, Divergence, Mark
from align.views import write_report
from align.views.sample import make_alignment, sample_alignments

CHROMIUM = Path(os.environ.get("ALIGN_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ATTACK = "<script>alert(1)</script>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def report(tmp_path):
    ru, hy = sample_alignments()
    n = len(ru.src_segments)
    hostile = make_alignment(tuple(s.text for s in ru.src_segments),
                             (f"Ангора {ATTACK}.", "<img src=x onerror=alert(2)>", "три", "четыре"),
                             tuple(Bead((i,), (i,), 0.9 - 0.1 * i, Divergence(0.1 * i, {}, (ATTACK,),
                                                                            (Mark("target", 7, 15, "names"),)))
                                   for i in range(n)), tgt_version="xx-working")
    path = write_report([ru, hy, dataclasses.replace(hostile, doc_id="other-doc")], tmp_path / "report.html")
    return path


@pytest.fixture()
def page(browser, report):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.requests, pg.dialogs, pg.errors = [], [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.goto(report.as_uri())
    pg.wait_for_selector("body[data-ready='1']", timeout=10_000)
    yield pg
    ctx.close()


def positions(pg, article: str) -> list[int]:
    return [int(x) for x in pg.eval_on_selector_all(f"#{article} tr.bead", "rows => rows.map(r => r.dataset.pos)")]


def visible_rows(pg) -> int:
    return pg.eval_on_selector_all("tr.bead", "rows => rows.filter(r => !r.hidden && r.offsetParent).length")


def test_loads_with_no_network_request_and_no_errors(page, report):
    page.wait_for_timeout(300)
    assert page.requests == [report.as_uri()]
    assert page.errors == []  # a CSP violation or script error would show here
    assert visible_rows(page) == 12


def test_hostile_text_shows_as_text_and_runs_nothing(page):
    page.wait_for_timeout(300)
    assert page.dialogs == []
    cell = page.locator("#a2-b0 td.text").nth(1)
    assert ATTACK in cell.inner_text()
    assert page.locator("#a2-b1 td.text").nth(1).inner_text() == "<img src=x onerror=alert(2)>"
    assert page.locator("img").count() == 0
    assert page.locator("#a2-b0 mark").inner_text() == ATTACK[:8]
    assert ATTACK in page.locator("#a2-b1 td.reasons").inner_text()


def test_sorting_by_divergence_reorders_rows(page):
    assert positions(page, "a0") == [0, 1, 2, 3, 4]
    page.select_option("#sort", "divergence")
    assert positions(page, "a0") == [4, 2, 3, 1, 0]  # 0.9, 0.45, 0.3, 0.1, 0.05
    page.select_option("#sort", "similarity")
    assert positions(page, "a0") == [3, 2, 1, 0, 4]  # lowest first, the addition (no similarity) last
    page.select_option("#sort", "position")
    assert positions(page, "a0") == [0, 1, 2, 3, 4]


def test_threshold_kind_and_search_filters_hide_rows(page):
    page.eval_on_selector("#threshold", "el => { el.value = '0.4'; el.dispatchEvent(new Event('input')); }")
    assert page.locator("#threshold-value").inner_text() == "0.40"
    shown = page.eval_on_selector_all("tr.bead", "rows => rows.filter(r => !r.hidden).map(r => r.id)")
    assert shown == ["a0-b2", "a0-b4", "a1-b1"]
    assert page.locator("#a0-b0").is_hidden()
    assert "showing 3 of 12 beads" in page.locator("#shown-count").inner_text()
    assert page.locator("#a2 .empty-note").is_visible()
    page.eval_on_selector("#threshold", "el => { el.value = '0'; el.dispatchEvent(new Event('input')); }")
    page.select_option("#kind", "2-2")
    assert page.eval_on_selector_all("tr.bead", "rows => rows.filter(r => !r.hidden).map(r => r.id)") == ["a1-b2"]
    page.select_option("#kind", "")
    page.fill("#search", "ВОСТОКЕ")
    assert page.eval_on_selector_all("tr.bead", "rows => rows.filter(r => !r.hidden).map(r => r.id)") == ["a0-b2"]


def test_similarity_plot_exists_and_links_to_rows(page):
    plots = page.locator("svg.similarity-plot")
    assert plots.count() == 3
    assert plots.first.is_visible()
    assert page.locator("#a0 svg.similarity-plot circle.point:not(.div)").count() == 4  # similarity panel
    assert page.locator("#a0 svg.similarity-plot circle.div").count() == 5  # divergence panel
    box = plots.first.bounding_box()
    assert box["width"] > 300 and box["height"] > 80
    page.locator("#a0 svg.similarity-plot a").nth(2).click()
    assert page.evaluate("location.hash") == "#a0-b1"


def test_working_translation_banner_is_visible(page):
    banner = page.locator(".working-banner")
    assert banner.is_visible()
    assert "Working translation made by this project — not an archival original" in banner.inner_text()
