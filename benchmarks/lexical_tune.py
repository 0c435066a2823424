"""Pick the lexical component's weights on tuning data, never on the data the figures are reported on.

The lexical component (:mod:`align.divergence.lexical`) gives a pair the value
``1 − (1 − FIRST) ** (source words lacking a counterpart + TARGET × target words lacking one)``,
each word weighted (content word 1, minor adverb ``MINOR``) and partly covered
words counting in part.  This script chooses ``FIRST`` and ``TARGET`` on

- DEMETR ru→en items with **even** ids (``--ids``; ``benchmarks/demetr.py --ids odd``
  reports on the rest), and
- NTREX-128 en–ru lines of the documents at **even** positions in
  ``DOCUMENT_IDS.tsv`` (professional translations: the false-alarm check).

Every item is scored once by the workbench with the dictionary switched off
(the other components, combined as the scorer combines them) and its lexical
coverage is measured once; each grid point then only recombines them (the
scorer's noisy-or), so the whole grid takes seconds.  For each point it prints
the mean critical wins (edit scored above its control), the removal types'
wins, the critical edits and controls flagged, and NTREX en–ru lines flagged.

The rule: the highest mean critical wins among the points that flag no more
controls than the scorer without the component (nor more than 5 %, when it
flags fewer) and at most 1 point more NTREX lines; ties go to the most
critical edits flagged.

Usage::

    OMP_NUM_THREADS=1 python benchmarks/lexical_tune.py [--ids even] [--json]

Needs the Mueller dictionary (``apt-get install mueller7-dict``) and
``../shared/bench`` (DEMETR, NTREX-128); prints ``skipping: …`` otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import product
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, code_version, machine, skip  # noqa: E402  (also puts src/ on the path)
from demetr import DEMETR, NTREX, load, score_one, score_one_pair  # noqa: E402

FIRSTS = (0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20)
TARGETS = (0.0, 0.25, 0.5, 1.0)
REMOVALS = ("critical_id21_adj_adv_removed", "critical_id22_verb_removed", "critical_id23_noun_removed")


def masses(src: str, tgt: str, src_lang: str, dictionary) -> tuple[float, float]:
    """(source, target) weighted counts of words lacking a counterpart."""
    from align.divergence.lexical import Coverage, coverage
    from align.divergence.tokens import SideText
    en, ru = (src, tgt) if src_lang == "en" else (tgt, src)
    cov = coverage(SideText(en, "en"), SideText(ru, "ru"), dictionary)
    en_m, ru_m = Coverage.mass(cov.en), Coverage.mass(cov.ru)
    return (en_m, ru_m) if src_lang == "en" else (ru_m, en_m)


def combined(base: np.ndarray, src: np.ndarray, tgt: np.ndarray, first: float, target: float) -> np.ndarray:
    from align.divergence.base import CAP
    lex = np.minimum(1.0 - (1.0 - first) ** (src + target * tgt), CAP)
    return 1.0 - (1.0 - base) * (1.0 - lex)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--ids", choices=("even", "odd", "all"), default="even",
                    help="DEMETR items and NTREX documents to tune on (default: even)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from align.divergence import dictionary as dictionary_mod
    dictionary = dictionary_mod.load()
    if dictionary is None:
        return skip("no English–Russian dictionary installed (apt-get install mueller7-dict)")
    folder = args.bench / DEMETR
    if not folder.is_dir():
        return skip(f"DEMETR data not found at {folder}")
    os.environ["ALIGN_DICTIONARY"] = ""  # the other components alone: the lexical one is recombined below
    os.environ.setdefault("ALIGN_PROGRESS", "0")
    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    enc = CachedEncoder(get_encoder(None))
    data = load(folder, 0, args.ids)
    texts = sorted({t for items in data.values() for d in items
                    for t in (d["src_sent"], d["mt_sent"], d["pert_sent"]) if t.strip()})
    vecs = dict(zip(texts, enc.encode(texts)))

    def cos(a: str, b: str) -> float | None:
        return float(np.dot(vecs[a], vecs[b])) if a.strip() and b.strip() else None

    ctrl: dict[int, tuple[float, float, float]] = {}
    items: dict[str, list[tuple[int, float, float, float]]] = {}
    for name, rows in data.items():
        if not name.startswith("critical"):
            continue
        items[name] = []
        for d in rows:
            if d["id"] not in ctrl:
                ctrl[d["id"]] = (score_one(d["src_sent"], d["mt_sent"], cos(d["src_sent"], d["mt_sent"]),
                                           enc.identity).score, *masses(d["src_sent"], d["mt_sent"], "ru", dictionary))
            if not d["pert_sent"].strip():
                items[name].append((d["id"], 1.0, 0.0, 0.0))
                continue
            base = score_one(d["src_sent"], d["pert_sent"], cos(d["src_sent"], d["pert_sent"]), enc.identity).score
            items[name].append((d["id"], base, *masses(d["src_sent"], d["pert_sent"], "ru", dictionary)))

    ntrex_folder = args.bench / NTREX
    en = (ntrex_folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ru = (ntrex_folder / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    ids_file = (ntrex_folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8")
    docs = [line.split("\t")[0] for line in ids_file.splitlines()]
    order = list(dict.fromkeys(docs))
    keep = [i for i, doc in enumerate(docs)
            if args.ids == "all" or order.index(doc) % 2 == (args.ids == "odd")]
    sims = (enc.encode([en[i] for i in keep]) * enc.encode([ru[i] for i in keep])).sum(axis=1)
    nt_base = np.array([score_one_pair(en[i], ru[i], float(s), "en", "ru", enc.identity).score
                        for i, s in zip(keep, sims)])
    nt_mass = np.array([masses(en[i], ru[i], "en", dictionary) for i in keep])

    ids = sorted(ctrl)
    c_base = np.array([ctrl[i][0] for i in ids])
    c_src = np.array([ctrl[i][1] for i in ids])
    c_tgt = np.array([ctrl[i][2] for i in ids])
    pos = {i: k for k, i in enumerate(ids)}
    thr = args.threshold
    results = []
    for first, target in [(0.0, 0.0), *product(FIRSTS, TARGETS)]:
        cs = combined(c_base, c_src, c_tgt, first, target)
        wins, flagged, n = {}, 0, 0
        for name, rows in items.items():
            arr = np.array([r[1:] for r in rows])
            es = combined(arr[:, 0], arr[:, 1], arr[:, 2], first, target)
            control = cs[[pos[r[0]] for r in rows]]
            wins[name] = float(np.mean(es > control))
            flagged += int(np.sum(es >= thr))
            n += len(rows)
        nt = combined(nt_base, nt_mass[:, 0], nt_mass[:, 1], first, target)
        results.append({"first": first, "target": target, "critical_wins": float(np.mean(list(wins.values()))),
                        "removals": {k.split("_", 2)[2]: wins[k] for k in REMOVALS if k in wins},
                        "critical_flagged": flagged / n, "controls_flagged": float(np.mean(cs >= thr)),
                        "ntrex_en_ru_flagged": float(np.mean(nt >= thr))})

    off = results[0]
    allowed = [r for r in results[1:] if r["controls_flagged"] <= max(0.05, off["controls_flagged"]) + 1e-9
               and r["ntrex_en_ru_flagged"] <= off["ntrex_en_ru_flagged"] + 0.01 + 1e-9]
    best = max(allowed, key=lambda r: (round(r["critical_wins"], 4), r["critical_flagged"]), default=None)
    print(f"# Lexical weights on DEMETR {args.ids} ids ({len(ids)} controls, "
          f"{sum(len(v) for v in items.values())} critical edits) and NTREX en–ru {args.ids} documents "
          f"({len(keep)} lines)\n")
    print("| FIRST | TARGET | critical wins | adj/adv | verb | noun | critical flagged | controls flagged | "
          "NTREX en–ru flagged |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        rm = r["removals"]
        mark = " **chosen**" if r is best else (" (no lexical)" if r is off else "")
        print(f"| {r['first']:.2f} | {r['target']:.2f} | {100 * r['critical_wins']:.1f} | "
              f"{100 * rm.get('adj_adv_removed', 0):.1f} | {100 * rm.get('verb_removed', 0):.1f} | "
              f"{100 * rm.get('noun_removed', 0):.1f} | {100 * r['critical_flagged']:.1f} | "
              f"{100 * r['controls_flagged']:.1f} | {100 * r['ntrex_en_ru_flagged']:.1f}{mark} |")
    if best:
        print(f"\nChosen: FIRST = {best['first']}, TARGET = {best['target']} (the highest mean critical wins with "
              f"controls flagged ≤ {100 * max(0.05, off['controls_flagged']):.1f}% and NTREX en–ru flagged ≤ "
              f"{100 * off['ntrex_en_ru_flagged'] + 1:.1f}%; then the most critical edits flagged).")
    if args.json:
        print(json.dumps({"benchmark": "lexical_tune", "ids": args.ids, "dictionary": dictionary.identity,
                          "results": results, "chosen": best, "code": code_version(), "machine": machine()},
                         ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
