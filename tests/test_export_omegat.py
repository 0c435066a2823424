"""A real CAT tool reads our TMX: Debian's OmegaT translates a document from it, headless.

The project is tiny and deterministic: ``source/doc.txt`` holds the source
side of an alignment, one bead per paragraph; ``tm/auto/`` holds our TMX
(OmegaT inserts 100% matches from ``tm/auto`` into untranslated segments);
sentence segmentation is off, so each paragraph is one OmegaT segment and a
bead joining two sentences is matched whole.  ``--mode=console-translate``
loads the project and writes ``target/doc.txt``; it must equal the target
side of the alignment, except for the paragraphs the TMX does not hold
(an unaligned line, a bead a reviewer rejected), which OmegaT leaves as source.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from align.export.tmx import write_tmx
from tmxtools import make_alignment, omegat_command

pytestmark = [pytest.mark.omegat, pytest.mark.slow,
              pytest.mark.skipif(omegat_command() is None,
                                 reason="OmegaT is not installed (apt-get install -y omegat)")]

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>{tok}</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
TIMEOUT_S = 180

CASES = {
    "ru": dict(tgt_lang="ru", tgt_version="ru-working", codes={}, project_tgt="ru",
               tok="org.omegat.tokenizer.LuceneRussianTokenizer", spec=[
                   (["The committee met on 26 April 1920."], ["Комитет собрался 26 апреля 1920 года."]),
                   (["Prices rose by 5% & wages <fell>."], ["Цены выросли на 5% & зарплаты <упали>."]),
                   (["He left.", "She stayed."], ["Он ушёл, а она осталась."]),
                   (["Quotes: \"yes\" and 'no'."], ["Кавычки: «да» и 'нет'."]),
                   (["A wrong pairing."], ["Неверная пара."]),
               ]),
    "hy-AM": dict(tgt_lang="hy", tgt_version="hy-working", codes={"hy": "hy-AM"}, project_tgt="hy-AM",
                  tok="org.omegat.tokenizer.LuceneArmenianTokenizer", spec=[
                      (["The committee met in Yerevan."], ["Կոմիտեն հավաքվեց Երևանում։"]),
                      (["It rained all day & night."], ["Ամբողջ օրը և գիշերը անձրև էր գալիս։"]),
                      (["A wrong pairing."], ["Սխալ զույգ։"]),
                  ]),
}
UNALIGNED = "This line is in no memory."


def run_omegat(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    cmd = omegat_command()
    assert cmd is not None
    config = home / "omegat-config"
    config.mkdir(parents=True)
    return subprocess.run(
        cmd[:1] + [f"-Duser.home={home}"] + cmd[1:]
        + [str(project), "--mode=console-translate", f"--config-dir={config}", "--disable-project-locking",
           "--no-team"],
        capture_output=True, text=True, timeout=TIMEOUT_S, env={"HOME": str(home), "LANG": "C.UTF-8",
                                                                 "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("case", list(CASES))
def test_omegat_translates_from_our_tmx(tmp_path, case):
    c = CASES[case]
    alignment, _, _ = make_alignment(c["spec"], tgt_lang=c["tgt_lang"], tgt_version=c["tgt_version"])
    rejected = alignment.beads[-1].ids()
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(
        PROJECT.format(src="en", tgt=c["project_tgt"], tok=c["tok"]), encoding="utf-8")
    n = write_tmx(alignment, project / "tm" / "auto" / "aligned.tmx", lang_codes=c["codes"],
                  review={"beads": {rejected: {"status": "rejected"}}})
    assert n == len(c["spec"]) - 1

    pairs = alignment.pairs()
    (project / "source" / "doc.txt").write_text(
        "\n\n".join([src for src, _ in pairs] + [UNALIGNED]) + "\n", encoding="utf-8")
    result = run_omegat(project, tmp_path / "home")
    assert result.returncode == 0, f"OmegaT failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    out = project / "target" / "doc.txt"
    assert out.is_file(), f"OmegaT wrote no target file:\n{result.stdout[-3000:]}"

    expected = [tgt for _, tgt in pairs[:-1]] + [pairs[-1][0], UNALIGNED]
    assert out.read_text(encoding="utf-8") == "\n\n".join(expected) + "\n"
