"""Word-level marks against MLQE-PE ru→en's word tags: how far a reader can trust "no counterpart".

Every English–Russian bead carries marks on the words with no counterpart on the other side (the ``lexical``
component, through Mueller's dictionary) and on names the other side lacks (``names``).  MLQE-PE's ``test21``
(1,000 Russian sentences and their English machine translations, WMT 2021's word-level quality-estimation test
set) tags every source word and every MT word OK or BAD: a BAD source word is one whose meaning the translation
lost or distorted, a BAD MT word one the post-editor changed.  This script scores each pair (tokenised, as the tags
are) and counts a word predicted BAD when a mark of the chosen components covers it, then prints precision, recall
and F1 of BAD and the Matthews correlation (MCC, the shared task's measure), on each side, beside two references:
every word BAD, and every content word (of the kinds the lexical component weighs) BAD.

The tags are a proxy: a word the MT rendered wrongly is BAD though a counterpart stands there, and a word the
dictionary misses is marked though the MT rendered it well; the figures say how the marks rank as evidence, not how
a historian's reviewed alignment would score.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/word_marks.py            # ~15 s, no encoder
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/word_marks.py --encoder  # ~1 min: the names check, the deletion test
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, skip  # noqa: E402  (also puts src/ on the path)

FOLDER = "mlqe_pe_ru_en/test21"


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each space-separated token."""
    out, at = [], 0
    for tok in text.split(" "):
        out.append((at, at + len(tok)))
        at += len(tok) + 1
    return out


def tags(path: Path) -> dict[int, dict[int, bool]]:
    """segment → word index → BAD."""
    out: dict[int, dict[int, bool]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        out[int(cols[3])][int(cols[4])] = cols[6] == "BAD"
    return out


def scores(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    tn = len(pred) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return {"predicted": (tp + fp) / len(pred), "precision": precision, "recall": recall, "f1": f1,
            "mcc": (tp * tn - fp * fn) / denom if denom else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--encoder", action="store_true",
                    help="score with the bundled encoder (names no rule matched, the deletion test), as `align run`")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    folder = args.bench / FOLDER
    if not folder.is_dir():
        return skip(f"MLQE-PE test21 not found at {folder}")
    from align.divergence import score_pair
    from align.divergence.contentwords import english, russian
    from align.divergence.dictionary import load as load_dictionary
    from align.divergence.tokens import SideText
    dictionary = load_dictionary()
    if dictionary is None:
        return skip("Mueller's dictionary is not installed (apt install mueller7-dict)")
    encoder = None
    if args.encoder:
        from align.divergence.namecheck import NameCheck
        from align.pipeline import resolve_encoder
        encoder = NameCheck(resolve_encoder(None, cache=True), budget=10**6)
    src = (folder / "test21.tok.src").read_text(encoding="utf-8").splitlines()
    mt = (folder / "test21.tok.mt").read_text(encoding="utf-8").splitlines()
    gold = {"source": tags(folder / "task2_wordlevel_src.tags"), "target": tags(folder / "task2_wordlevel_mt.tags")}
    n = min(len(src), args.limit or len(src))
    variants = ("lexical", "lexical + names", "deletion (words that pass the deletion test)")
    pred: dict[str, dict[str, list[bool]]] = {side: {v: [] for v in variants} for side in gold}
    every: dict[str, list[bool]] = {side: [] for side in gold}
    content: dict[str, list[bool]] = {side: [] for side in gold}
    truth: dict[str, list[bool]] = {side: [] for side in gold}
    sims: list[float | None] = [None] * n
    if encoder is not None:  # the deletion test weighs the sides' cosine
        vs, vt = encoder.encoder.encode(src[:n]), encoder.encoder.encode(mt[:n])
        sims = [float(x) for x in (vs * vt).sum(axis=1)]
    for k in range(n):
        s, t = src[k], mt[k]
        d = score_pair(s, t, "ru", "en", similarity=sims[k], encoder=encoder)
        for side, text, reader in (("source", s, russian), ("target", t, english)):
            weighed = {(tok.word.start, tok.word.end) for tok in reader(SideText(text, "ru" if side == "source"
                                                                               else "en"), dictionary)
                       if tok.weight > 0}
            marks = [m for m in d.marks if m.side == side]
            for i, (a, b) in enumerate(tokens(text)):
                if i not in gold[side][k]:
                    continue
                truth[side].append(gold[side][k][i])
                every[side].append(True)
                content[side].append(any(a <= x < b or x <= a < y for x, y in weighed))
                hit = {m.component for m in marks if m.start < b and a < m.end}
                pred[side]["lexical"].append("lexical" in hit)
                pred[side]["lexical + names"].append(bool(hit & {"lexical", "names"}))
                pred[side][variants[2]].append("deletion" in hit)
    print(f"# Word-level marks against MLQE-PE ru→en test21 word tags ({n} segments; encoder: "
          f"{'bundled, as align run' if encoder else 'none'})\n")
    print("| side | words (BAD) | marks of | words marked | precision of BAD | recall | F1 | MCC |")
    print("|---|---|---|---|---|---|---|---|")
    for side in gold:
        rows = [("every word (reference)", every[side]), ("every content word (reference)", content[side])]
        rows += [(v, pred[side][v]) for v in variants if encoder or "deletion" not in v]
        for name, p in rows:
            m = scores(p, truth[side])
            print(f"| {side} | {len(truth[side])} ({sum(truth[side])}) | {name} | "
                  f"{sum(p)} ({100 * m['predicted']:.1f}%) | {m['precision']:.3f} | {m['recall']:.3f} | "
                  f"{m['f1']:.3f} | {m['mcc']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
