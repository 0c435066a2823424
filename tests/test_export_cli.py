"""``align export`` and ``align import`` run in-process: exit codes, messages, files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.cli import build_parser, main
from align.store import load, save
from tmxtools import assert_valid_tmx, make_alignment

SPEC = [(["The committee met."], ["Комитет собрался."], 0.9),
        (["It rained & it \x0cpoured."], ["Шёл дождь."], 0.7),
        (["No counterpart."], [])]
VERSION_TOML = 'language = "{lang}"\nrole = "{role}"\ntitle = "T"\nsource = "tests"\ntranslator = "tests"\n'


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A project folder with texts/doc-1/{en,ru-working} and the saved alignment; cwd is it."""
    alignment, src, tgt = make_alignment(SPEC)
    doc = tmp_path / "texts" / "doc-1"
    doc.mkdir(parents=True)
    (doc / "document.toml").write_text('title = "Doc"\n', encoding="utf-8")
    for version, lang, role, text in (("en", "en", "published-translation", src),
                                      ("ru-working", "ru", "working-translation", tgt)):
        (doc / f"{version}.txt").write_text(text, encoding="utf-8")
        (doc / f"{version}.toml").write_text(VERSION_TOML.format(lang=lang, role=role), encoding="utf-8")
    path = tmp_path / "alignments" / "doc-1" / "en__ru-working.json"
    save(path, alignment, review={"beads": {"[0]:[0]": {"status": "accepted", "note": "ok"}}})
    monkeypatch.chdir(tmp_path)
    return path


def test_every_command_has_help(capsys):
    parser = build_parser()
    for argv in (["export", "--help"], ["export", "tmx", "--help"], ["export", "tsv", "--help"],
                 ["import", "--help"], ["import", "tmx", "--help"]):
        with pytest.raises(SystemExit) as info:
            parser.parse_args(argv)
        assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--lang-code" in out and "--include-rejected" in out and "--src-lang" in out
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("export", "import"):
        assert sub.choices[name].description and any(a.help for a in sub._choices_actions if a.dest == name)


def test_export_tmx_to_file(project, capsys, tmx14_dtd):
    assert main(["export", "tmx", str(project), "--out", "out/doc.tmx", "--lang-code", "ru=ru-RU"]) == 0
    err = capsys.readouterr().err
    assert "wrote 2 translation units to out/doc.tmx" in err
    assert "U+000C (form feed)" in err and "align: warning:" in err
    root = assert_valid_tmx(Path("out/doc.tmx").read_bytes(), tmx14_dtd)
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in root.iter("tuv")]
    assert langs == ["en", "ru-RU", "en", "ru-RU"]
    assert root.find("body/tu/note").text == "accepted: ok"


def test_export_tmx_to_stdout_with_options(project, capsys):
    assert main(["export", "tmx", str(project), "--include-empty"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>') and out.count("<tu ") == 3


def test_stale_alignment_is_refused(project, capsys):
    Path("texts/doc-1/ru-working.txt").write_text("Совсем другой текст.", encoding="utf-8")
    assert main(["export", "tmx", str(project), "--out", "x.tmx"]) == 1
    err = capsys.readouterr().err
    assert "align: error:" in err and "re-align" in err and "align run" in err and "ru-working" in err
    assert not Path("x.tmx").exists()
    assert main(["export", "tsv", str(project), "--out", "x.tsv"]) == 1
    assert not Path("x.tsv").exists()


def test_texts_found_beside_the_store_when_cwd_differs(project, capsys, monkeypatch, tmp_path_factory):
    Path("texts/doc-1/en.txt").write_text("Changed.", encoding="utf-8")
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert main(["export", "tmx", str(project)]) == 1
    assert "re-align" in capsys.readouterr().err


def test_missing_texts_export_unchecked_with_a_note(project, capsys, tmp_path):
    assert main(["export", "jsonl", str(project), "--texts", str(tmp_path / "none")]) == 0
    captured = capsys.readouterr()
    assert "not checked against text changes" in captured.err
    assert [json.loads(line)["bead"] for line in captured.out.splitlines()] == ["[0]:[0]", "[1]:[1]"]


@pytest.mark.parametrize(("option", "message"), [
    ("hy=hy-A", "'hy-A' is not a valid BCP-47 language tag"),
    ("hy-AM", "expected KEY=TAG"),
    ("de=de-CH", "'de' is neither language nor version id"),
])
def test_bad_lang_code(project, capsys, option, message):
    assert main(["export", "tmx", str(project), "--lang-code", option, "--out", "y.tmx"]) == 1
    assert message in capsys.readouterr().err
    assert not Path("y.tmx").exists()


def test_missing_alignment_file(tmp_path, capsys):
    assert main(["export", "tmx", str(tmp_path / "nope.json")]) == 1
    assert "no such alignment file" in capsys.readouterr().err


def test_missing_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["export"])
    assert info.value.code == 2


def test_help_says_what_is_left_out_by_default(capsys):
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "tmx", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Left out by default: 1-0 and 0-1 beads" in text and "beads a reviewer rejected" in text
    assert "--exclude-divergent" in text and "--accepted-only" in text


def test_divergent_units_are_kept_out_of_a_tmx_on_request(project, capsys, tmx14_dtd):
    from align.review import Review
    review = Review.open(project, by="Ann")
    review.mark_divergent("[1]:[1]", "number/date", "critical", note="18,000 vs 28 000")
    review.save()
    assert main(["export", "tmx", str(project), "--out", "all.tmx"]) == 0
    assert main(["export", "tmx", str(project), "--out", "clean.tmx", "--exclude-divergent"]) == 0
    assert main(["export", "tmx", str(project), "--out", "ok.tmx", "--accepted-only"]) == 0
    assert main(["export", "tsv", str(project), "--out", "clean.tsv", "--exclude-divergent"]) == 0
    err = capsys.readouterr().err
    assert "wrote 2 translation units to all.tmx" in err and "wrote 1 translation units to clean.tmx" in err
    every = assert_valid_tmx(Path("all.tmx").read_bytes(), tmx14_dtd)
    clean = assert_valid_tmx(Path("clean.tmx").read_bytes(), tmx14_dtd)
    assert "18,000 vs 28 000" in every.findall("body/tu")[1].findtext("note")
    assert "18,000 vs 28 000" not in Path("clean.tmx").read_text(encoding="utf-8")
    assert [t.get("tuid") for t in clean.findall("body/tu")] == ["doc-1/en__ru-working/[0]:[0]"]
    assert len(assert_valid_tmx(Path("ok.tmx").read_bytes(), tmx14_dtd).findall("body/tu")) == 1
    assert "divergent" not in Path("clean.tsv").read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl"])
def test_export_tables(project, capsys, fmt):
    assert main(["export", fmt, str(project), "--out", f"t.{fmt}", "--include-empty"]) == 0
    assert "wrote 3 rows" in capsys.readouterr().err
    assert "Комитет собрался." in Path(f"t.{fmt}").read_text(encoding="utf-8")


def test_import_then_export_round_trip(project, capsys, tmx14_dtd):
    assert main(["export", "tmx", str(project), "--out", "doc.tmx", "--include-empty"]) == 0
    assert main(["import", "tmx", "doc.tmx", "--src-lang", "en", "--tgt-lang", "ru", "--doc-id", "doc-2"]) == 0
    out = capsys.readouterr().out
    saved = Path("alignments/doc-2/en__ru-working.json")
    assert out.startswith(f"{saved}: 3 beads from doc.tmx (2 1-1, 1 1-0)")
    imported = load(saved).alignment
    assert imported.pairs() == load(project).alignment.pairs()
    assert main(["export", "tmx", str(saved), "--out", "again.tmx", "--include-empty"]) == 0
    err = capsys.readouterr().err
    assert "not checked" not in err  # an imported alignment has no texts to check, and says nothing
    assert_valid_tmx(Path("again.tmx").read_bytes(), tmx14_dtd)


def test_import_refuses_to_overwrite_without_force(project, capsys):
    main(["export", "tmx", str(project), "--out", "doc.tmx"])
    args = ["import", "tmx", "doc.tmx", "--src-lang", "en", "--tgt-lang", "ru", "--out", str(project)]
    before = project.read_text(encoding="utf-8")
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err and project.read_text(encoding="utf-8") == before
    assert main(args + ["--force"]) == 0


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such TMX file"),
    ("<tmx><body>", "not well-formed XML"),
    ("<tmx><header/><body/></tmx>", "no translation unit holds both en and ru"),
])
def test_import_errors(tmp_path, capsys, content, message):
    path = tmp_path / "in.tmx"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["import", "tmx", str(path), "--src-lang", "en", "--tgt-lang", "ru",
                 "--alignments", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert message in err and str(path) in err
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("fmt, flag, guarded", [("csv", None, True), ("csv", "--no-formula-guard", False),
                                                ("tsv", None, False), ("tsv", "--formula-guard", True)])
def test_formula_guard_option(tmp_path, capsys, fmt, flag, guarded):
    alignment, _, _ = make_alignment([(["=1+2"], ["- Да."], 0.9)])
    path = tmp_path / "al.json"
    save(path, alignment)
    args = ["export", fmt, str(path), "--texts", str(tmp_path / "none")] + ([flag] if flag else [])
    assert main(args) == 0
    out = capsys.readouterr().out
    row = out.splitlines()[1]
    assert ("'=1+2" in row and "'- Да." in row) == guarded
    assert ("=1+2" in row and "- Да." in row)
