"""The review page in a real browser: Debian's chromium driven through Playwright (marked ``browser``)."""
from __future__ import annotations

import os

import pytest

from align import store
from align.review import bead_state
from align.review.server import ReviewServer
from test_review_support import SRC, TGT, make_alignment, write_alignment

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
expect = sync_api.expect


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def app(tmp_path, hashing_encoder):
    tgt = list(TGT)
    tgt[5] = "Les pourparlers <img src=x onerror=\"document.title='pwned'\"> reprirent."
    path = write_alignment(tmp_path / "doc" / "en__fr.json", make_alignment(SRC, tgt))
    with ReviewServer(path, by="Browser", encoder=hashing_encoder, threshold=0.0) as server:
        yield server


@pytest.fixture()
def page(browser, app):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(app.url)
    expect(pg.locator("#rows tr")).to_have_count(6)
    yield pg
    context.close()
    assert not errors


def row(page, ids):
    return page.locator(f'#rows tr[data-ids="{ids}"]')


def state(app, ids):
    return bead_state(store.load(app.path).review, ids)


def test_keyboard_review_accept_merge_note_and_reload(page, app):
    current = page.locator("#rows tr.current")
    expect(current).to_have_attribute("data-ids", "[4]:[]")  # the omission heads the queue
    page.keyboard.press("j")  # queue order: [4]:[], [2]:[2,3], [5]:[5], [3]:[4], [1]:[1], [0]:[0]
    page.keyboard.press("j")
    expect(current).to_have_attribute("data-ids", "[5]:[5]")
    page.keyboard.press("k")
    expect(current).to_have_attribute("data-ids", "[2]:[2,3]")
    page.keyboard.press("ArrowDown")
    expect(current).to_have_attribute("data-ids", "[5]:[5]")
    page.keyboard.press("a")
    expect(row(page, "[5]:[5]").locator(".badge")).to_have_text("accepted")
    assert state(app, "[5]:[5]").status == "accepted" and state(app, "[5]:[5]").by == "Browser"
    expect(current).not_to_have_attribute("data-ids", "[5]:[5]")  # moved on to the next bead
    page.keyboard.press("End")
    expect(current).to_have_attribute("data-ids", "[0]:[0]")
    page.keyboard.press("m")
    expect(row(page, "[0,1]:[0,1]")).to_have_count(1)
    assert [b.ids() for b in store.load(app.path).alignment.beads][0] == "[0,1]:[0,1]"
    expect(current).to_have_attribute("data-ids", "[0,1]:[0,1]")
    page.keyboard.press("n")
    expect(page.locator("#note-dialog")).to_be_visible()
    page.keyboard.type("two sentences, «one» bead")
    page.keyboard.press("Control+Enter")
    expect(row(page, "[0,1]:[0,1]").locator(".note")).to_have_text("two sentences, «one» bead")
    assert state(app, "[0,1]:[0,1]").note == "two sentences, «one» bead"
    page.reload()
    expect(row(page, "[0,1]:[0,1]").locator(".note")).to_have_text("two sentences, «one» bead")
    expect(row(page, "[5]:[5]").locator(".badge")).to_have_text("accepted")
    expect(page.locator("#progress")).to_contain_text("1 reviewed")


def test_divergent_dialog_undo_and_help(page, app):
    page.keyboard.press("j")
    expect(page.locator("#rows tr.current")).to_have_attribute("data-ids", "[2]:[2,3]")
    page.keyboard.press("d")
    expect(page.locator("#divergent-dialog")).to_be_visible()
    page.keyboard.press("4")  # number/date
    page.keyboard.press("9")  # critical
    page.keyboard.press("Enter")
    expect(row(page, "[2]:[2,3]").locator(".kind")).to_have_text("number/date · critical")
    assert state(app, "[2]:[2,3]").severity == "critical"
    page.keyboard.press("u")
    expect(row(page, "[2]:[2,3]").locator(".badge")).to_have_text("pending")
    assert state(app, "[2]:[2,3]").status == "pending"
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()


def test_texts_are_shown_as_text_and_marks_are_highlighted(page):
    cell = row(page, "[5]:[5]").locator("td.target")
    expect(cell).to_contain_text("<img src=x onerror=")
    expect(page.locator("#rows img")).to_have_count(0)
    assert page.title() != "pwned"
    expect(row(page, "[0]:[0]").locator("td.source mark")).to_have_text("26")
    expect(row(page, "[0]:[0]").locator("td.reasons")).to_contain_text("meaning differs <b>")


def test_the_page_needs_the_token(browser, app):
    context = browser.new_context()
    pg = context.new_page()
    assert pg.goto(app.url.split("?")[0]).status == 403
    assert pg.goto(app.url.replace("token=", "token=x")).status == 403
    context.close()


def test_two_tabs_the_stale_one_gets_a_conflict_message(browser, app, page):
    other_context = browser.new_context(viewport={"width": 1400, "height": 900})
    other = other_context.new_page()
    other.goto(app.url)
    expect(other.locator("#rows tr")).to_have_count(6)
    page.keyboard.press("a")  # first tab accepts [4]:[]
    expect(row(page, "[4]:[]").locator(".badge")).to_have_text("accepted")
    other.keyboard.press("r")  # second tab, still at revision 0, rejects it
    message = other.locator("#message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("saved elsewhere")
    expect(row(other, "[4]:[]").locator(".badge")).to_have_text("pending")
    assert state(app, "[4]:[]").status == "accepted"  # the first change is on disk
    other.locator("#reload-btn").click()
    expect(message).to_be_hidden()
    expect(row(other, "[4]:[]").locator(".badge")).to_have_text("accepted")
    other.keyboard.press("r")
    expect(row(other, "[4]:[]").locator(".badge")).to_have_text("rejected")
    assert state(app, "[4]:[]").status == "rejected"
    other_context.close()


def test_fast_typing_loses_no_decision(page, app):
    for _ in range(3):
        page.keyboard.press("a")  # no wait: each waits for the previous save
    expect(page.locator("#progress")).to_contain_text("3 reviewed")
    raw = store.load(app.path).review
    assert sorted(ids for ids, s in raw["beads"].items() if s["status"] == "accepted") == \
        ["[2]:[2,3]", "[4]:[]", "[5]:[5]"]
    assert store.load(app.path).revision == 3
