"""The report, the index and the review page in a real browser at a phone's width (390 px) and a laptop's (1280 px).

Debian's chromium driven by Playwright, on the tutorial document's committed alignment with a
reviewer's findings recorded (a copy: nothing in the repository is written).  Each page is
checked for what a reader on that screen needs (no sideways scrolling, the two sides stacked or
side by side, findings visible, the threshold line not under the toolbar) and photographed: set
``ALIGN_SCREENSHOTS=DIR`` to keep the PNGs (default: the test's temporary folder).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from align import store
from align.cli import main
from align.review import Review
from align.review.server import ReviewServer

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = "tutorial-fictional-dispatch"
CHROMIUM = Path(os.environ.get("ALIGN_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (390, 1280)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
expect = sync_api.expect


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """texts/ and alignments/ copied; the tutorial pair reviewed; `align run` writes the index and reports."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "texts", root / "texts")
    shutil.copytree(ROOT / "alignments", root / "alignments",
                    ignore=shutil.ignore_patterns("*.html", ".*.tmp"))
    path = root / "alignments" / TUTORIAL / "en__ru-working.json"
    review = Review.open(path, by="Tutorial reader")
    review.mark_divergent("[3]:[3]", "number/date", "critical",
                          note="18,000 poods in the English, 28 000 in the Russian")
    review.mark_divergent("[4]:[4]", "name", "major", note="Mirzoyan became Nazaryan")
    review.mark_divergent("[6]:[]", "omission", "minor", note="the sentence on unloading is missing")
    review.accept("[0]:[0]")
    review.save()
    assert main(["run", "--texts", str(root / "texts"), "--alignments", str(root / "alignments")]) == 0
    return root


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("ALIGN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser, url: str, width: int):
    ctx = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 900})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.goto(url)
    return ctx, pg


def no_sideways_scrolling(pg, width: int) -> None:
    assert pg.evaluate("document.documentElement.scrollWidth") <= width


def box(pg, selector: str) -> dict:
    return pg.locator(selector).first.bounding_box()


# -- the document report ------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_report_at_each_width(browser, project, shots, width):
    ctx, pg = open_page(browser, (project / "alignments" / TUTORIAL / "report.html").as_uri(), width)
    pg.wait_for_selector("body[data-ready='1']")
    no_sideways_scrolling(pg, width)
    src, tgt = box(pg, "#a0-b3 td.text"), pg.locator("#a0-b3 td.text").nth(1).bounding_box()
    if width < 800:  # the two sides stacked, each the width of the screen
        assert src["width"] > 300 and tgt["width"] > 300 and tgt["y"] >= src["y"] + src["height"] - 1
        assert pg.evaluate("getComputedStyle(document.getElementById('controls')).position") == "static"
    else:  # side by side
        assert abs(src["y"] - tgt["y"]) < 1 and src["width"] > 250
    # the finding is on the bead and in the document's summary, linked to the row
    review = pg.locator("#a0-b3 td.review")
    expect(review).to_contain_text("critical")
    expect(review).to_contain_text("18,000 poods in the English, 28 000 in the Russian")
    expect(review).to_contain_text("Tutorial reader")
    summary = pg.locator("section.findings-box")
    expect(summary).to_contain_text("4 of 12 beads reviewed; 3 findings (1 critical, 1 major, 1 minor)")
    expect(summary.locator("tr.finding-row")).to_have_count(3)
    # the colour is never alone: every coloured divergence cell shows its number
    for cell in pg.locator("td.div").all_inner_texts():
        assert cell.strip().endswith(tuple("0123456789")) or cell.strip().endswith("—")
    # the working-translation badge on both sides
    expect(pg.locator(".working-banner")).to_contain_text("not an archival original")
    assert pg.errors == []
    pg.screenshot(path=str(shots / f"report-{width}.png"), full_page=True)
    ctx.close()


def test_report_toolbar_covers_neither_the_plot_nor_a_row(browser, project):
    ctx, pg = open_page(browser, (project / "alignments" / TUTORIAL / "report.html").as_uri(), 1280)
    pg.wait_for_selector("body[data-ready='1']")
    toolbar = box(pg, "#controls")
    assert pg.evaluate("getComputedStyle(document.getElementById('controls')).position") == "sticky"
    pg.locator("nav.toc a").first.click()  # jump to the alignment: its heading lands below the toolbar
    pg.wait_for_timeout(200)
    assert box(pg, "#a0 h3")["y"] >= toolbar["height"] - 1
    pg.locator("figure.plot").scroll_into_view_if_needed()
    line = box(pg, "#a0 line.threshold")
    assert line is not None and line["width"] > 300
    pg.locator("#a0 svg a").nth(7).click()  # a point of bead 3 (two links per scored bead)
    pg.wait_for_timeout(200)
    assert pg.evaluate("location.hash") == "#a0-b3"
    assert box(pg, "#a0-b3")["y"] >= toolbar["height"] - 1  # the row is not under the toolbar
    ctx.close()


def test_report_says_when_nothing_reaches_the_threshold_and_shows_all_on_request(browser, project):
    ctx, pg = open_page(browser, (project / "alignments" / "1920-04-26-kemal-proposal" / "report.html").as_uri(),
                        1280)
    pg.wait_for_selector("body[data-ready='1']")
    pg.eval_on_selector("#threshold", "el => { el.value = '0.5'; el.dispatchEvent(new Event('input')); }")
    note = pg.locator("#a0 .empty-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Nothing in this alignment scores at or above 0.50 (the highest divergence is 0.")
    note.locator("button.show-all").click()
    expect(note).to_be_hidden()
    assert pg.locator("#a0 tr.bead:visible").count() == 7
    ctx.close()


# -- the index ----------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_index_at_each_width(browser, project, shots, width):
    ctx, pg = open_page(browser, (project / "alignments" / "report.html").as_uri(), width)
    no_sideways_scrolling(pg, width)
    row = pg.locator("tr", has_text="Tutorial example (fictional)")
    expect(row.locator("td[data-label=reviewed]")).to_have_text("4 / 12")
    expect(row.locator("td[data-label=findings]")).to_have_text("3 (1 critical, 1 major, 1 minor)")
    title = box(pg, "tr >> nth=1")
    assert title["width"] <= width
    if width < 700:  # one card per pair: the cells stacked, labelled
        findings = row.locator("td[data-label=findings]").bounding_box()
        flagged = row.locator("td[data-label=flagged]").bounding_box()
        assert findings["y"] > flagged["y"]
    assert pg.errors == []
    pg.screenshot(path=str(shots / f"index-{width}.png"), full_page=True)
    ctx.close()


# -- the review page ----------------------------------------------------------------------------

@pytest.fixture()
def review_app(project, tmp_path):
    path = tmp_path / "en__ru-working.json"
    shutil.copy(project / "alignments" / TUTORIAL / "en__ru-working.json", path)
    with ReviewServer(path, by="Browser") as app:
        yield app


@pytest.mark.parametrize("width", WIDTHS)
def test_review_page_at_each_width(browser, review_app, shots, width):
    ctx, pg = open_page(browser, review_app.url, width)
    expect(pg.locator("#rows tr")).to_have_count(5)  # the five planted divergences are the queue
    no_sideways_scrolling(pg, width)
    expect(pg.locator("#working")).to_contain_text("not an archival original: en, ru-working")
    first = pg.locator("#rows tr").first
    src, tgt = first.locator("td.source").bounding_box(), first.locator("td.target").bounding_box()
    if width < 700:
        assert src["width"] > 300 and tgt["y"] >= src["y"] + src["height"] - 1
        footer = box(pg, "footer#detail")
        assert footer["height"] < 80  # the actions take one row, not a third of the screen
    else:
        assert abs(src["y"] - tgt["y"]) < 1
    # rows coloured by divergence, the number beside the colour
    score = first.locator("td.score")
    assert "band-4" in score.get_attribute("class") and score.inner_text().startswith("1.00")
    colour = pg.evaluate("getComputedStyle(document.querySelector('#rows tr td.score')).backgroundColor")
    assert colour == "rgb(236, 112, 20)"  # #ec7014, the "very strong divergence" band of every view
    expect(pg.locator("#rows tr", has_text="28 000").locator(".kind")).to_have_text("number/date · critical")
    assert pg.errors == []
    pg.screenshot(path=str(shots / f"review-{width}.png"))
    ctx.close()


def test_review_page_offers_to_lower_the_threshold_when_nothing_reaches_it(browser, project, tmp_path, shots):
    path = tmp_path / "en__ru-working.json"
    shutil.copy(project / "alignments" / "1920-04-26-kemal-proposal" / "en__ru-working.json", path)
    top = max(b.divergence.score for b in store.load(path).alignment.beads if b.divergence)
    with ReviewServer(path, by="Browser") as app:
        ctx, pg = open_page(browser, app.url, 390)
        empty = pg.locator("#empty")
        expect(empty).to_be_visible()
        expect(empty).to_contain_text(f"the highest score is {top:.2f}")
        lower = pg.locator("#lower-btn")
        expect(lower).to_be_visible()
        pg.screenshot(path=str(shots / "review-empty-390.png"))
        lower.click()
        expect(empty).to_be_hidden()
        assert pg.locator("#rows tr").count() >= 1
        assert float(pg.input_value("#threshold")) <= top
        ctx.close()


def test_review_page_keeps_the_selected_row_between_header_and_footer(browser, review_app):
    ctx, pg = open_page(browser, review_app.url, 1280)
    expect(pg.locator("#rows tr")).to_have_count(5)
    pg.select_option("#order", "document")
    pg.eval_on_selector("#threshold", "el => { el.value = '0'; el.dispatchEvent(new Event('input')); }")
    expect(pg.locator("#rows tr")).to_have_count(12)
    for _ in range(11):
        pg.keyboard.press("j")
        row = box(pg, "#rows tr.current")
        assert row["y"] >= box(pg, "header")["height"] - 1, "the selected row went under the sticky header"
        assert row["y"] + min(row["height"], 60) <= box(pg, "footer#detail")["y"] + 1, "under the footer"
    pg.keyboard.press("Home")
    assert box(pg, "#rows tr.current")["y"] >= box(pg, "header")["height"] - 1
    ctx.close()


def test_review_page_lists_orphaned_decisions_with_their_sentences(browser, project, tmp_path):
    path = tmp_path / "en__ru-working.json"
    shutil.copy(project / "alignments" / TUTORIAL / "en__ru-working.json", path)
    stored = store.load(path)
    review = dict(stored.review)
    review["orphaned"] = [{"ids": "[9]:[9]", "source": ["A sentence <b>edited</b> since."],
                           "target": ["Фраза, изменённая с тех пор."],
                           "state": {"status": "divergent", "kind": "meaning", "severity": "major",
                                     "note": "check the 1921 edition", "by": "Ann", "at": "2026-01-01T00:00:00Z"},
                           "reason": "the sentences were edited, or aligned differently", "since": "2026-02-01"}]
    store.save(path, stored.alignment, review, expected_revision=stored.revision)
    with ReviewServer(path, by="Browser") as app:
        ctx, pg = open_page(browser, app.url, 1280)
        section = pg.locator("#orphans")
        expect(section).to_be_visible()
        row = section.locator("#orphan-rows tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("A sentence <b>edited</b> since.")  # text, never markup
        expect(row).to_contain_text("Фраза, изменённая с тех пор.")
        expect(row).to_contain_text("check the 1921 edition")
        expect(row.locator(".kind")).to_have_text("meaning · major")
        assert pg.errors == []
        ctx.close()
