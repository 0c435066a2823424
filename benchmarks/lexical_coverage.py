"""How precise the lexical component's coverage is: uncovered words on faithful and on edited pairs.

The lexical component (:mod:`align.divergence.lexical`) marks the content words
of an English–Russian pair that have no counterpart on the other side.  Its
evidence is worth what separates the two kinds of pair: few uncovered words in
a faithful translation, the removed word's counterpart uncovered in an edited
one.  This script measures both, with no encoder (coverage only, seconds):

- **faithful pairs**: NTREX-128 en–ru lines (professional translations) and
  DEMETR ru→en unedited machine translations (the controls);
- **edited pairs**: DEMETR's noun, verb and adjective/adverb removals, and the
  hypernym edits: the share whose source has more uncovered words than its
  control (the edit is seen), and the mean difference.

For each side it prints the words that count, the uncovered share (weighted,
as the feature counts them: a minor adverb 0.3, a half-covered word half),
uncovered words per pair, and with ``--top N`` the most frequent uncovered
lemmas with their part of speech (pymorphy3's for Russian, lemminflect's for
English).

Usage::

    OMP_NUM_THREADS=1 python benchmarks/lexical_coverage.py [--ids odd] [--top 40] [--json]

Needs the Mueller dictionary (``apt-get install mueller7-dict``) and ``../shared/bench``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, code_version, skip  # noqa: E402  (also puts src/ on the path)
from demetr import DEMETR, NTREX, load  # noqa: E402

EDITS = ("critical_id23_noun_removed", "critical_id22_verb_removed", "critical_id21_adj_adv_removed",
         "major_id3_hypernym", "critical_id6_addition", "critical_id7_antonym")


def _pos_ru(word: str) -> str:
    from align.divergence.contentwords import _morph
    p = _morph().parse(word.lower())
    return str(p[0].tag.POS) if p else "?"


def _pos_en(word: str) -> str:
    import lemminflect
    got = lemminflect.getAllLemmas(word.lower())
    return "/".join(got) if got else "?"


def _auc(positive: list[float], negative: list[float]) -> float:
    """The chance that an edit has more uncovered words than a control (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / max(len(positive) * len(negative), 1)


class Tally:
    """Counts of one side of one set of faithful pairs."""

    def __init__(self) -> None:
        self.pairs = 0
        self.counted = 0.0
        self.uncovered = 0.0
        self.words: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.net = 0.0

    def add(self, scored, text: str, other: str, net: float) -> None:
        self.pairs += 1
        self.net += net
        for w, c, wt in scored:
            self.counted += wt
            self.uncovered += wt * (1 - c)
            if c < 0.5:
                self.words[w.lower] += 1
                self.examples.setdefault(w.lower, other[:90])

    def summary(self) -> dict[str, float]:
        return {"pairs": self.pairs, "words_counted_per_pair": self.counted / max(self.pairs, 1),
                "uncovered_share": self.uncovered / max(self.counted, 1e-9),
                "uncovered_per_pair": self.uncovered / max(self.pairs, 1),
                "net_per_pair": self.net / max(self.pairs, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--ids", choices=("all", "even", "odd"), default="all", help="DEMETR items by id parity")
    ap.add_argument("--top", type=int, default=0, help="list the N most frequent uncovered words per side")
    ap.add_argument("--no-ntrex", action="store_true", help="DEMETR only (a quick check)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from align.divergence.dictionary import load as load_dictionary
    from align.divergence.lexical import Coverage, coverage, net_lack
    from align.divergence.tokens import SideText
    dictionary = load_dictionary()
    if dictionary is None:
        return skip("no English–Russian dictionary installed (apt-get install mueller7-dict)")
    t0 = time.perf_counter()
    tallies: dict[str, dict[str, Tally]] = {}

    def faithful(name: str, en: str, ru: str) -> Coverage:
        cov = coverage(SideText(en, "en"), SideText(ru, "ru"), dictionary)
        t = tallies.setdefault(name, {"en": Tally(), "ru": Tally()})
        t["en"].add(cov.en, en, ru, sum(net_lack(cov.en, cov.ru, SideText(en, "en"), SideText(ru, "ru"))))
        t["ru"].add(cov.ru, ru, en, sum(net_lack(cov.ru, cov.en, SideText(ru, "ru"), SideText(en, "en"))))
        return cov

    def source_net(cov: Coverage, en: str, ru: str) -> float:
        return sum(net_lack(cov.ru, cov.en, SideText(ru, "ru"), SideText(en, "en")))

    folder = args.bench / NTREX
    if folder.is_dir() and not args.no_ntrex:
        en_lines = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
        ru_lines = (folder / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
        for en, ru in zip(en_lines, ru_lines):
            faithful("NTREX-128 en–ru", en, ru)
    data = load(args.bench / DEMETR, 0, args.ids)
    controls: dict[int, float] = {}
    edits: dict[str, list[float]] = {}
    edit_mass: dict[str, list[float]] = {}
    for name, items in data.items():
        for d in items:
            if d["id"] not in controls:
                cov = faithful("DEMETR controls", d["mt_sent"], d["src_sent"])
                controls[d["id"]] = source_net(cov, d["mt_sent"], d["src_sent"])
            if name in EDITS and d["pert_sent"].strip():
                cov = coverage(SideText(d["pert_sent"], "en"), SideText(d["src_sent"], "ru"), dictionary)
                got = source_net(cov, d["pert_sent"], d["src_sent"])
                edits.setdefault(name, []).append(got - controls[d["id"]])
                edit_mass.setdefault(name, []).append(got)
    took = time.perf_counter() - t0

    out: dict[str, object] = {"code": code_version(), "dictionary": dictionary.identity, "ids": args.ids,
                              "seconds": round(took, 1), "faithful": {}, "edits": {}}
    print(f"# Lexical coverage (`{dictionary.identity}`, DEMETR ids: {args.ids}; {took:.1f} s)\n")
    print("| faithful pairs | side | pairs | words that count per pair | uncovered share | uncovered per pair "
          "| not explained by the other side, per pair |")
    print("|---|---|---|---|---|---|---|")
    for name, sides in tallies.items():
        for side, t in sides.items():
            s = t.summary()
            out["faithful"][f"{name}:{side}"] = s  # type: ignore[index]
            print(f"| {name} | {side} | {s['pairs']} | {s['words_counted_per_pair']:.2f} | "
                  f"{100 * s['uncovered_share']:.1f}% | {s['uncovered_per_pair']:.2f} | {s['net_per_pair']:.2f} |")
    print("\n| edit (source = Russian) | items | more uncovered than its control | fewer | mean difference "
          "| AUC against every control |")
    print("|---|---|---|---|---|---|")
    for name, diffs in edits.items():
        more = sum(x > 1e-9 for x in diffs) / len(diffs)
        fewer = sum(x < -1e-9 for x in diffs) / len(diffs)
        auc = _auc(edit_mass[name], list(controls.values()))
        out["edits"][name] = {"items": len(diffs), "more": more, "fewer": fewer,  # type: ignore[index]
                              "mean_difference": sum(diffs) / len(diffs), "auc": auc}
        print(f"| {name} | {len(diffs)} | {100 * more:.1f}% | {100 * fewer:.1f}% | {sum(diffs) / len(diffs):.2f} "
              f"| {auc:.3f} |")
    if args.top:
        for name, sides in tallies.items():
            for side, t in sides.items():
                pos = _pos_ru if side == "ru" else _pos_en
                print(f"\n## {name}, {side}: most frequent uncovered words\n")
                print("| word | times | part of speech | other side (example) |")
                print("|---|---|---|---|")
                for w, n in t.words.most_common(args.top):
                    print(f"| {w} | {n} | {pos(w)} | {t.examples[w]} |")
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
