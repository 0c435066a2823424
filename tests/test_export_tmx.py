"""TMX 1.4b export: header, TUs, props, language tags, cleanup, staleness, atomic writes."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings
from datetime import UTC, datetime

import pytest

from align.errors import ExportError, StaleAlignmentError, TextCleanupWarning
from align.export.langtags import best_match, parse_overrides, resolve_pair, validate_tag
from align.export.rows import review_state
from align.export.tmx import build_tmx, write_tmx
from align.records import Divergence, Role
from tmxtools import assert_valid_tmx, make_alignment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SPEC = [
    (["The committee met on 26 April 1920."], ["Комитет собрался 26 апреля 1920 года."], 0.91,
     Divergence(0.12, {"meaning": 0.1, "numbers": 0.0}, ("dates agree",))),
    (["He left.", "She stayed."], ["Он ушёл, а она осталась."], 0.77),
    (["A sentence with no translation."], []),
    ([], ["Добавленное предложение."]),
    (["Wrong pair."], ["Неверная пара."], 0.2),
]
REVIEW = {"beads": {"[4]:[3]": {"status": "rejected", "note": "not a translation"},
                    "[0]:[0]": {"status": "accepted", "note": "checked against the print"}}}


@pytest.fixture()
def aligned():
    return make_alignment(SPEC)


def tus(data: bytes):
    from lxml import etree
    return etree.fromstring(data).findall("body/tu")


def props(tu) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in tu.findall("prop"):
        out.setdefault(p.get("type"), []).append(p.text)
    return out


def seg_texts(tu) -> dict[str, str]:
    return {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}


def test_header_has_every_required_attribute(aligned, tmx14_dtd):
    from align import __version__
    data = build_tmx(aligned[0], created=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC))
    root = assert_valid_tmx(data, tmx14_dtd)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    assert root.get("version") == "1.4"
    h = root.find("header")
    assert {k: h.get(k) for k in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                                  "srclang", "datatype", "creationdate")} == {
        "creationtool": "align-workbench", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "align-workbench", "adminlang": "en", "srclang": "en", "datatype": "plaintext",
        "creationdate": "20240506T070809Z"}
    assert "working translation made by this project" in h.findtext("note")
    assert props(h)["x-tgt-role"] == ["working-translation"]


def test_creation_date_defaults_to_now_in_utc(aligned):
    from lxml import etree
    date = etree.fromstring(build_tmx(aligned[0])).find("header").get("creationdate")
    assert re.fullmatch(r"\d{8}T\d{6}Z", date)
    now = datetime.now(UTC)
    assert abs((datetime.strptime(date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) - now).total_seconds()) < 60


def test_one_tu_per_bead_leaving_out_empty_and_rejected(aligned, tmx14_dtd):
    data = build_tmx(aligned[0], review=REVIEW)
    assert_valid_tmx(data, tmx14_dtd)
    units = tus(data)
    assert [props(t)["x-bead"] for t in units] == [["[0]:[0]"], ["[1,2]:[1]"]]
    assert seg_texts(units[1]) == {"en": "He left. She stayed.", "ru": "Он ушёл, а она осталась."}
    assert units[1].get("segtype") == "block" and units[0].get("segtype") is None


def test_options_include_empty_and_rejected_beads(aligned, tmx14_dtd):
    data = build_tmx(aligned[0], review=REVIEW, include_empty=True, include_rejected=True)
    assert_valid_tmx(data, tmx14_dtd)
    units = tus(data)
    assert len(units) == 5
    assert seg_texts(units[2]) == {"en": "A sentence with no translation."}  # no <tuv> for the empty side
    assert seg_texts(units[3]) == {"ru": "Добавленное предложение."}
    assert props(units[4])["x-review"] == ["rejected"]
    assert units[4].findtext("note") == "rejected: not a translation"


def test_props_and_notes(aligned):
    first = tus(build_tmx(aligned[0], review=REVIEW))[0]
    p = props(first)
    assert p["x-similarity"] == ["0.9100"] and p["x-divergence"] == ["0.1200"]
    assert p["x-divergence-reason"] == ["dates agree"]
    assert p["x-doc"] == ["doc-1"] and p["x-src-version"] == ["en"] and p["x-tgt-version"] == ["ru-working"]
    assert p["x-src-role"] == ["published-translation"] and p["x-tgt-role"] == ["working-translation"]
    assert p["x-review"] == ["accepted"]
    assert first.findtext("note") == "accepted: checked against the print"
    assert first.get("tuid") == "doc-1/en__ru-working/[0]:[0]"
    assert "x-review" not in props(tus(build_tmx(aligned[0]))[0])  # nothing decided, nothing claimed
    assert tus(build_tmx(aligned[0]))[0].find("note") is None


FINDING = {"beads": {"[0]:[0]": {"status": "divergent", "kind": "number/date", "severity": "critical",
                                 "note": "18,000 vs 28 000", "by": "Ann Reviewer", "at": "2024-05-01T10:00:00Z"},
                     "[1,2]:[1]": {"status": "accepted", "by": "Ben", "at": "2024-05-02T08:30:00Z"},
                     "[4]:[3]": {"status": "rejected", "note": "not a translation"}}}


def test_a_finding_travels_in_props_note_and_tu_attributes(aligned, tmx14_dtd):
    data = build_tmx(aligned[0], review=FINDING)
    assert_valid_tmx(data, tmx14_dtd)  # changeid/changedate are TMX 1.4 attributes of <tu>
    first, second = tus(data)
    p = props(first)
    assert (p["x-review"], p["x-review-kind"], p["x-review-severity"], p["x-review-by"], p["x-review-at"]) == (
        ["divergent"], ["number/date"], ["critical"], ["Ann Reviewer"], ["2024-05-01T10:00:00Z"])
    assert first.findtext("note") == ("divergent (number/date, critical): 18,000 vs 28 000 — Ann Reviewer, "
                                      "2024-05-01T10:00:00Z")
    assert first.get("changeid") == "Ann Reviewer" and first.get("changedate") == "20240501T100000Z"
    assert second.findtext("note") == "accepted — Ben, 2024-05-02T08:30:00Z"
    assert "x-review-kind" not in props(second)  # an accepted bead has no finding: no empty props


def test_filters_leave_divergent_units_out_or_keep_only_accepted_ones(aligned, tmx14_dtd):
    every = [props(t)["x-bead"][0] for t in tus(build_tmx(aligned[0], review=FINDING))]
    assert every == ["[0]:[0]", "[1,2]:[1]"]  # by default a divergent unit goes out, with its finding
    data = build_tmx(aligned[0], review=FINDING, exclude_divergent=True)
    assert_valid_tmx(data, tmx14_dtd)
    assert [props(t)["x-bead"][0] for t in tus(data)] == ["[1,2]:[1]"]
    only = build_tmx(aligned[0], review=FINDING, accepted_only=True, include_empty=True, include_rejected=True)
    assert [props(t)["x-bead"][0] for t in tus(only)] == ["[1,2]:[1]"]  # neither pending nor rejected ones
    assert tus(build_tmx(aligned[0], accepted_only=True)) == []  # nothing reviewed yet: nothing accepted


def test_archival_original_role_is_labelled(tmx14_dtd):
    alignment, _, _ = make_alignment(SPEC[:1], tgt_role=Role.ORIGINAL)
    root = assert_valid_tmx(build_tmx(alignment), tmx14_dtd)
    assert props(root.find("body/tu"))["x-tgt-role"] == ["archival-original"]


@pytest.mark.parametrize(("overrides", "expected"), [
    ({}, ("en", "ru")),
    ({"ru": "ru-RU"}, ("en", "ru-RU")),
    ({"ru-working": "ru-ru"}, ("en", "ru-RU")),  # by version id, case made canonical
    ({"en": "en-GB", "ru": "ru-RU", "ru-working": "ru-Cyrl-RU"}, ("en-GB", "ru-Cyrl-RU")),
])
def test_lang_codes_default_and_overrides(aligned, tmx14_dtd, overrides, expected):
    data = build_tmx(aligned[0], lang_codes=overrides)
    root = assert_valid_tmx(data, tmx14_dtd)
    assert root.find("header").get("srclang") == expected[0]
    assert list(seg_texts(tus(data)[0])) == list(expected)


def test_armenian_override():
    alignment, _, _ = make_alignment([(["Hello."], ["Բարև։"])], tgt_lang="hy", tgt_version="hy-working")
    data = build_tmx(alignment, lang_codes=parse_overrides(["hy=hy-AM"]))
    assert list(seg_texts(tus(data)[0])) == ["en", "hy-AM"]


@pytest.mark.parametrize("tag", ["en", "ru", "hy", "de", "fr", "zh", "hy-AM", "zh-Hant-TW", "sr-Latn-RS",
                                 "de-CH-1996", "en-US-x-archive", "x-private", "es-419", "yue"])
def test_valid_tags(tag):
    assert validate_tag(tag) == tag


def test_tag_case_is_canonical():
    assert validate_tag("HY-am") == "hy-AM"
    assert validate_tag("zh-hant-tw") == "zh-Hant-TW"
    assert validate_tag("en_US") == "en-US"


@pytest.mark.parametrize("tag", ["", "e", "english", "en-", "en--US", "hy AM", "*all*", "ru-RU-", "12",
                                 "en-US-toolongvariant"])
def test_invalid_tags_are_refused(tag):
    with pytest.raises(ExportError, match="not a valid BCP-47"):
        validate_tag(tag)


def test_invalid_override_and_unknown_key_are_refused(aligned):
    with pytest.raises(ExportError, match=r"'hy-A'.*BCP-47.*examples"):
        build_tmx(aligned[0], lang_codes={"ru": "hy-A"})
    with pytest.raises(ExportError, match="neither language nor version id.*en, ru-working, ru"):
        build_tmx(aligned[0], lang_codes={"de": "de-CH"})
    with pytest.raises(ExportError, match="KEY=TAG"):
        parse_overrides(["hy"])


def test_invalid_language_in_alignment_says_how_to_fix():
    alignment, _, _ = make_alignment(SPEC[:1], tgt_lang="klingonese")
    with pytest.raises(ExportError, match="--lang-code klingonese=TAG"):
        build_tmx(alignment)
    assert b'xml:lang="ru"' in build_tmx(alignment, lang_codes={"klingonese": "ru"})


def test_an_alignment_stored_with_a_language_name_exports_with_its_code():
    # stores made before codes were normalised ("--src-lang russian") export as they should
    alignment, _, _ = make_alignment(SPEC[:1], tgt_lang="russian")
    assert b'xml:lang="ru"' in build_tmx(alignment)


def test_same_tag_on_both_sides_is_refused():
    with pytest.raises(ExportError, match="two different language tags"):
        resolve_pair("en", "en", "en-1919", "en-1920")
    assert resolve_pair("en", "en", "en-1919", "en-1920", {"en-1920": "en-US"}) == ("en", "en-US")


def test_best_match_by_primary_subtag():
    assert best_match("hy", ["en", "hy-AM"], "en") == "hy-AM"
    assert best_match("hy-AM", ["EN", "hy"], "en") == "hy"
    assert best_match("en-GB", ["en-US", "en-gb"], "en-US") == "en-gb"
    assert best_match("en-GB", ["en-US", "en"], "en-US") is None


def test_forbidden_characters_removed_with_warning(tmx14_dtd):
    alignment, _, _ = make_alignment([
        (["Page one ends.\x0cPage two\x01 begins."], ["Страница\x0bодна\x7f."]),
        (["Lone \ud800 surrogate and \uffff and \ufffe."], ["Текст\x00."]),
        (["Clean."], ["Чисто."]),
    ])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = build_tmx(alignment)
    root = assert_valid_tmx(data, tmx14_dtd)
    texts = [seg_texts(t) for t in root.findall("body/tu")]
    assert texts[0] == {"en": "Page one ends. Page two begins.", "ru": "Страница одна\x7f."}
    assert texts[1] == {"en": "Lone surrogate and and .", "ru": "Текст."}
    messages = [str(w.message) for w in caught if issubclass(w.category, TextCleanupWarning)]
    assert len(messages) == 4
    assert "bead [0]:[0] source (segment 0 of version en)" in messages[0]
    assert "U+000C (form feed)" in messages[0] and "U+0001" in messages[0]
    assert "bead [0]:[0] target" in messages[1] and "U+000B (vertical tab)" in messages[1]
    assert "U+D800 (lone surrogate)" in messages[2] and "U+FFFF" in messages[2]
    assert "U+0000 (nul)" in messages[3]


def test_side_emptied_by_cleanup_counts_as_empty():
    alignment, _, _ = make_alignment([(["\x01\x02"], ["Текст."]), (["Text."], ["Текст."])])
    with pytest.warns(TextCleanupWarning):
        assert [props(t)["x-bead"] for t in tus(build_tmx(alignment))] == [["[1]:[1]"]]
    with pytest.warns(TextCleanupWarning):
        assert seg_texts(tus(build_tmx(alignment, include_empty=True))[0]) == {"ru": "Текст."}


def test_tabs_and_newlines_are_normalised_to_spaces(tmx14_dtd):
    alignment, _, _ = make_alignment([(["Line one\nline\ttwo."], ["Строка\r\nодна."])])
    root = assert_valid_tmx(build_tmx(alignment), tmx14_dtd)
    assert seg_texts(root.find("body/tu")) == {"en": "Line one line two.", "ru": "Строка одна."}


def test_stale_alignment_is_refused(aligned, tmp_path):
    alignment, src, tgt = aligned
    out = tmp_path / "out.tmx"
    write_tmx(alignment, out, current_texts=(src, tgt))
    before = out.read_bytes()
    with pytest.raises(StaleAlignmentError, match=r"target version 'ru-working' changed.*re-align.*align run"):
        write_tmx(alignment, out, current_texts=(src, tgt + " Новое."))
    assert out.read_bytes() == before  # the earlier export is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tmx"]  # no temporary file left behind


def test_error_leaves_no_file(aligned, tmp_path):
    out = tmp_path / "sub" / "x.tmx"
    with pytest.raises(ExportError):
        write_tmx(aligned[0], out, lang_codes={"ru": "not a tag"})
    assert not out.exists()


def test_write_to_streams_and_count(aligned):
    binary, text = io.BytesIO(), io.StringIO()
    assert write_tmx(aligned[0], binary) == 3
    assert write_tmx(aligned[0], text, include_empty=True, review=REVIEW) == 4
    assert binary.getvalue().startswith(b"<?xml") and text.getvalue().startswith("<?xml")


def test_review_state_tolerates_missing_or_odd_review():
    class Stored:
        review = {"beads": {"[0]:[0]": {"status": "Accepted", "note": None}, "[1]:[1]": "junk"}}
    assert review_state(None) == {} and review_state({}) == {} and review_state({"beads": []}) == {}
    assert review_state(Stored()) == {"[0]:[0]": {"status": "accepted", "note": ""}}
    assert review_state({"beads": {"[2]:[]": {}}}) == {"[2]:[]": {"status": "pending", "note": ""}}


def test_importing_align_export_does_not_import_lxml():
    code = ("import sys, align.export, align.export.tmx, align.export.tmx_import, align.export.tables, "
            "align.cli; align.cli.build_parser(); assert 'lxml' not in sys.modules, 'lxml imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
