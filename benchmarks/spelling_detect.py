"""Which spelling is a text in?

The workbench's detector (align.reading.detect) against tetrak-translit's, on the dev set.

The dev set holds every Armenian text twice: reformed (``hy.txt``) and
classical (``hy-old.txt``, one document in mixed spelling), and every Russian
text in modern and pre-reform spelling; ``texts/`` adds the shipped working
translations (modern).  Counted, for documents and for single lines (the mixed
document left out of the lines, since its lines are of either kind):

* documents: the verdict against the spelling the document is written in;
* lines: of the lines in old spelling, the share called old (recall) and
  called modern (wrong); of the modern lines, the share called old (a false
  alarm that would send a modern text through the old-spelling rules).

tetrak-translit (MIT, ``pip install tetrak-translit``) answers for Armenian only:
``classical``, ``reformed`` or ``indeterminate`` (a string with no tell); it
is left out when it is not installed.

Usage::

    python benchmarks/spelling_detect.py            # the tables in BENCHMARKS.md
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _archival import OLD_SPELLING, load_devset
from _common import ROOT
from align.corpus import load_corpus
from align.reading import OLD, detect

MIXED_DOC = "1920-08-20-moscow-talks-communique"


def _tetrak():
    try:
        import tetrak_translit
    except ImportError:
        return None
    return lambda text: {"classical": "classical", "reformed": "modern"}.get(
        tetrak_translit.detect(text).orthography or "", "indeterminate")


def material() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(documents, lines): each an (language, text, spelling written in) triple."""
    docs, lines = [], []
    for doc in load_devset():
        for old, lang in OLD_SPELLING.items():
            written = "mixed" if doc.doc_id == MIXED_DOC else OLD[lang]
            docs += [(lang, doc.text(lang), "modern"), (lang, doc.text(old), written)]
            lines += [(lang, ln.text, "modern") for ln in doc.versions[lang]]
            if doc.doc_id != MIXED_DOC:
                lines += [(lang, ln.text, written) for ln in doc.versions[old] if any(c.isalpha() for c in ln.text)]
    for d in load_corpus(ROOT / "texts"):
        for v in d.versions:
            if v.language in OLD:
                docs.append((v.language, v.text, "modern"))
                lines += [(v.language, ln, "modern") for ln in v.text.split("\n") if ln.strip()]
    return docs, lines


def _latin_only(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() or c in "éèàçô" for c in letters)


def main() -> int:
    docs, lines = material()
    detectors = {"align.reading.detect": lambda text, lang: detect(text, lang).orthography}
    tetrak = _tetrak()
    if tetrak is not None:
        detectors["tetrak-translit"] = lambda text, lang: tetrak(text) if lang == "hy" else "n/a"
    for lang in ("hy", "ru"):
        print(f"\n{lang}: documents (verdict counts per spelling written in)\n")
        print("| detector | written in | documents | verdicts |")
        print("|---|---|---|---|")
        for name, det in detectors.items():
            if name != "align.reading.detect" and lang != "hy":
                continue
            for written in ("modern", OLD[lang], "mixed"):
                part = [t for lg, t, w in docs if lg == lang and w == written]
                verdicts = Counter(det(t, lang) for t in part)
                counts = ", ".join(f"{k} {v}" for k, v in verdicts.most_common())
                print(f"| {name} | {written} | {len(part)} | {counts} |")
        print(f"\n{lang}: lines (Latin-only lines left out)\n")
        print("| detector | written in | lines | called old % | called modern % | indeterminate or mixed % |")
        print("|---|---|---|---|---|---|")
        for name, det in detectors.items():
            if name != "align.reading.detect" and lang != "hy":
                continue
            for written in ("modern", OLD[lang]):
                part = [t for lg, t, w in lines if lg == lang and w == written and not _latin_only(t)]
                verdicts = Counter(det(t, lang) for t in part)
                n = len(part) or 1
                old = verdicts[OLD[lang]]
                modern = verdicts["modern"]
                print(f"| {name} | {written} | {len(part)} | {100 * old / n:.1f} | {100 * modern / n:.1f} | "
                      f"{100 * (len(part) - old - modern) / n:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
