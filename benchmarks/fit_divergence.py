"""Fit the divergence combination's weights on labelled data and report on data held out.

The learned combination (``align.divergence.model``) is a logistic model over
the components' features.  This script fits it on three sources and writes
``src/align/divergence/weights.json`` (with ``--write``):

- **archival, tune split** (``benchmarks/data/archival``, six documents, en–ru
  and en–hy): every predicted bead of the aligner's own alignment (as
  ``align run`` makes it), labelled from the gold beads it covers: divergent
  when it holds a ``major``, ``omission`` or ``addition`` bead, faithful when
  it holds only ``equivalent`` ones; beads touching a ``minor`` bead, and
  beads with an empty side (they always score 1), are left out;
- **DEMETR ru→en, items with an even id**: unedited translations (faithful),
  the reference translations and the cosmetic minor edits (case,
  punctuation, tokenisation: faithful), all critical and major edits and the
  unrelated translations (divergent); the other minor edits (a word swapped,
  a function word dropped, a misspelling) are left out;
- **REFreSD en–fr, ``tune`` half** (``benchmarks/refresd.py``): no meaning
  difference (faithful) against some difference or unrelated (divergent).

Each source weighs the same and has its own intercept; the shipped intercept
is the archival one, so 0.5 means "probably divergent" at the share of
divergent beads of archival documents.  Weights are kept ≥ 0.05 (every component still orders beads).

Reported, never fitted on: archival ``heldout`` (four documents), DEMETR
items with an odd id, REFreSD ``heldout``, NTREX-128 en–ru/en–hy/ru–hy lines
(professional translations: all faithful).

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/fit_divergence.py            # fit and report, write nothing
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/fit_divergence.py --write    # ... and write weights.json
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/fit_divergence.py --weights src/align/divergence/weights.json
                                                                     # report a weights file, fit nothing
    git show 3111d2f:src/align/divergence/weights.json > /tmp/divergence-5.json
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/fit_divergence.py --base /tmp/divergence-5.json \
        --lexical-range 0.3 0.6 --write        # divergence-6 as shipped: divergence-5's weights and intercept,
                                               # only the lexical weight chosen by the rule

To refit on your own reviewed alignments instead, see ``align scoring fit --help``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, code_version  # noqa: E402  (also puts src/ on the path)
from align.divergence import FEATURES, SCORING  # noqa: E402
from align.divergence.dictionary import identity as dictionary_identity  # noqa: E402
from align.divergence.fitting import Example, evaluate, fit  # noqa: E402
from align.divergence.model import WEIGHTS_FILE, Model  # noqa: E402

#: The group whose intercept is shipped.
CALIBRATE_ON = ("archival",)


# -- archival --------------------------------------------------------------------------------

def archival_examples(split: str, encoder) -> list[Example]:
    """Predicted beads of the archival documents of one split, labelled from the gold they cover."""
    from _archival import DIVERGENT, PAIRS, load_devset
    from align.aligner import AlignerSettings
    from align.divergence.combine import bead_findings, features_of
    from archival import align_pair
    out = []
    for doc in load_devset(split=split):
        for pair in PAIRS:
            alignment, _ = align_pair(doc, pair, encoder, AlignerSettings())
            gold = doc.gold[pair]
            found = bead_findings(alignment, encoder=encoder)
            for b, f in zip(alignment.beads, found):
                if f is None:
                    continue
                labels = {g.label for g in gold if set(g.src) & set(b.src) or set(g.tgt) & set(b.tgt)}
                if labels & set(DIVERGENT):
                    y = 1
                elif labels == {"equivalent"}:
                    y = 0
                else:
                    continue
                out.append(Example(features_of(f), y, "archival"))
    return out


# -- DEMETR ----------------------------------------------------------------------------------

FAITHFUL_EDITS = ("minor_id15_case", "minor_id28_final_punc_removed", "minor_id29_punc_addition",
                  "minor_id30_tokenized", "minor_id31_full_lower", "minor_id32_first_lower", "base_id35_reference")
DIVERGENT_EDITS = ("critical_", "major_", "base_id33_shuffle_trans")


def demetr_label(name: str) -> int | None:
    if name.startswith(DIVERGENT_EDITS):
        return 1
    if name in FAITHFUL_EDITS:
        return 0
    return None


#: A DEMETR edit next to its unedited control: (edit type, control features, edit features or None for an
#: empty edit).  The lexical weight is chosen on these (:func:`choose_lexical_weight`).
Ranked = tuple[str, dict, dict | None]


def demetr_examples(parity: int, encoder, bench: Path) -> tuple[list[Example], list[Ranked]]:
    """DEMETR items whose id has this parity (0: fit, 1: held out): controls and labelled edits as examples,
    and every critical edit next to its control."""
    from align.divergence.calibration import Calibration
    from align.divergence.combine import features_of, findings
    from align.divergence.components import Pair
    from align.divergence.namecheck import NameCheck
    from align.divergence.tokens import SideText
    from demetr import DEMETR, load
    data = load(bench / DEMETR, 0)
    texts = sorted({t for items in data.values() for d in items for t in (d["src_sent"], d["mt_sent"], d["pert_sent"])
                    if t.strip()})
    vecs = dict(zip(texts, encoder.encode(texts)))
    cal = Calibration.reference(encoder.identity, "ru", "en")
    check = NameCheck(encoder, budget=10**6)

    def features(src: str, tgt: str) -> dict[str, float]:
        sim = float(np.dot(vecs[src], vecs[tgt]))
        return features_of(findings(Pair(SideText(src, "ru"), SideText(tgt, "en"), sim, cal, None, check)))

    out, ranked, controls = [], [], {}
    for name, items in data.items():
        y = demetr_label(name)
        for d in items:
            if d["id"] % 2 != parity:
                continue
            if d["id"] not in controls:
                controls[d["id"]] = features(d["src_sent"], d["mt_sent"])
                out.append(Example(controls[d["id"]], 0, "demetr"))
            edit = features(d["src_sent"], d["pert_sent"]) if d["pert_sent"].strip() else None
            if y is not None and edit is not None:
                out.append(Example(edit, y, "demetr"))
            if name.startswith("critical_"):
                ranked.append((name, controls[d["id"]], edit))
    return out, ranked


def critical_wins(model: Model, ranked: list[Ranked]) -> dict[str, float]:
    """Per critical edit type, the share of edits scored above their control (ties fail; an empty edit wins)."""
    by: dict[str, list[bool]] = {}
    for name, control, edit in ranked:
        by.setdefault(name, []).append(edit is None or model.logit(edit) > model.logit(control))
    return {k: sum(v) / len(v) for k, v in sorted(by.items())}


#: The lexical count weights tried (:func:`choose_lexical_weight`).
LEXICAL_GRID = tuple(round(0.05 * k, 2) for k in range(1, 21))


def choose_lexical_weight(model: Model, archival: list[Example], demetr: list[Example],
                          ranked: list[Ranked], grid: tuple[float, ...] = LEXICAL_GRID,
                          refit: bool = True) -> tuple[Model, list[str]]:
    """The weight of the ``lexical`` feature (uncovered source words), chosen on the fitting splits.

    Log-loss leaves it at its floor: an unedited machine translation already has about one uncovered word in
    eight, so the count hardly separates one pair from another.  Its use is to rank a bead above the same
    bead without the word, which a paired measure shows: the smallest weight of :data:`LEXICAL_GRID` whose
    mean critical wins on DEMETR's even ids is within 0.2 points of the grid's best, among weights that flag
    at most 5% of DEMETR's faithful pairs there (the intercept refitted on archival ``tune`` for each, unless
    ``refit`` is false: then every other weight and the intercept stay as ``model`` has them)."""
    from align.divergence.fitting import refit_intercept
    rows, results = ["| lexical weight | DEMETR even: critical wins | faithful flagged | archival tune: faithful / "
                     "divergent flagged |", "|---|---|---|---|"], []
    for w in grid:
        m = Model(model.intercept, {**model.weights, "lexical": w}, dict(model.about))
        m = refit_intercept(m, archival) if refit else m
        wins = critical_wins(m, ranked)
        mean = sum(wins.values()) / len(wins)
        r = evaluate(m, demetr)["demetr"]
        a = evaluate(m, archival)["archival"]
        results.append((w, mean, r["faithful_flagged"], m))
        rows.append(f"| {w:.2f} | {100 * mean:.1f} | {100 * r['faithful_flagged']:.1f} | "
                    f"{100 * a['faithful_flagged']:.1f} / {100 * a['divergent_flagged']:.1f} |")
    allowed = [x for x in results if x[2] <= 0.05] or results[:1]
    best = max(x[1] for x in allowed)
    chosen = next(x for x in allowed if x[1] >= best - 0.002)
    rows.append(f"\nChosen: {chosen[0]:.2f}.")
    return chosen[3], rows


# -- REFreSD ---------------------------------------------------------------------------------

def refresd_examples(split: str, encoder, bench: Path) -> list[Example]:
    from refresd import FOLDER, load, score_all
    pairs = [p for p in load(bench / FOLDER) if p.split == split]
    return [Example(feats, p.divergent, "refresd") for p, (_, _, feats) in zip(pairs, score_all(pairs, encoder))]


# -- NTREX (faithful only) -------------------------------------------------------------------

def ntrex_examples(encoder, bench: Path) -> list[Example]:
    """Every NTREX-128 line pair of en–ru, en–hy, ru–hy, scored alone: professional translations (faithful)."""
    from align.divergence.calibration import Calibration
    from align.divergence.combine import features_of, findings
    from align.divergence.components import Pair
    from align.divergence.namecheck import NameCheck
    from align.divergence.tokens import SideText
    folder = bench / "ntrex128_en_ru_hy"
    files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "hy": "newstest2019-ref.hye.txt"}
    if not folder.is_dir():
        return []
    lines = {k: (folder / f).read_text(encoding="utf-8").splitlines() for k, f in files.items()}
    vecs = {k: encoder.encode(v) for k, v in lines.items()}
    check = NameCheck(encoder, budget=10**6)
    out = []
    for a, b in (("en", "ru"), ("en", "hy"), ("ru", "hy")):
        cal = Calibration.reference(encoder.identity, a, b)
        sims = (vecs[a] * vecs[b]).sum(axis=1)
        for x, y, s in zip(lines[a], lines[b], sims):
            f = findings(Pair(SideText(x, a), SideText(y, b), float(s), cal, None, check))
            out.append(Example(features_of(f), 0, f"ntrex:{a}-{b}"))
    return out


# -- output ----------------------------------------------------------------------------------

def explain(model: Model) -> list[str]:
    """What each weight means: the log-odds one unit of the feature adds, and what a typical firing adds."""
    typical = {"meaning": "per spread of similarity below the centre", "length": "for a length value of 0.5",
               "numbers": "for one value replaced by another (0.7)",
               "numbers_one_side": "for one value on one side only (0.7)",
               "names": "for one name replaced by another (two misses: 0.7)",
               "names_one_side": "for one name on one side only (0.45)",
               "names_person": "for a person's name (after a title or an initial) replaced (0.7)",
               "untranslated": "for one word left in the source's script (0.6)",
               "untranslated_copied": "for one word copied within one script (0.6)",
               "negation": "for one negation the other side has no word for (0.6)",
               "negation_absorbed": "for one the other side may carry lexically (0.3)",
               "antonym": "for an antonym (0.55)", "question": "for a question on one side (0.55)",
               "gender": "for a pronoun of the other gender (0.5)", "tense": "for a future against a past (0.3)",
               "lexical": "per source word with no counterpart (dictionary or term list)"}
    at = {"meaning": 1.0, "length": 0.5, "numbers": 0.7, "numbers_one_side": 0.7, "names": 0.7,
          "names_one_side": 0.45, "names_person": 0.7, "untranslated": 0.6, "untranslated_copied": 0.6, "negation": 0.6,
          "negation_absorbed": 0.3,
          "antonym": 0.55, "question": 0.55, "gender": 0.5, "tense": 0.3}
    rows = ["| feature | weight | log-odds added | meaning |", "|---|---|---|---|"]
    for f in FEATURES:
        w = model.weights.get(f, 0.0)
        rows.append(f"| {f} | {w:.3f} | {w * at.get(f, 1.0):+.2f} | {typical.get(f, '')} |")
    rows.append(f"| (intercept) | {model.intercept:.3f} | | log-odds of a bead with no evidence at all |")
    return rows


def report(model: Model, held: dict[str, list[Example]], title: str) -> dict[str, dict[str, float]]:
    print(f"\n{title}\n")
    print("| data (never fitted on) | beads | divergent | AUC | faithful flagged % | divergent flagged % |")
    print("|---|---|---|---|---|---|")
    out = {}
    for name, exs in held.items():
        for group, r in evaluate(model, exs).items():
            out[f"{name}:{group}" if group != name else name] = r
            fa = "–" if r["n"] == r["divergent"] else f"{100 * r['faithful_flagged']:.1f}"
            dv = "–" if not r["divergent"] else f"{100 * r['divergent_flagged']:.1f}"
            au = "–" if not r["divergent"] or r["n"] == r["divergent"] else f"{r['auc']:.3f}"
            print(f"| {name if group == name else group} | {r['n']} | {r['divergent']} | {au} | {fa} | {dv} |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"shared benchmark folder ({DEFAULT_BENCH})")
    ap.add_argument("--write", action="store_true", help=f"write the fitted weights to {WEIGHTS_FILE}")
    ap.add_argument("--weights", type=Path, default=None, help="report this weights file instead of fitting")
    ap.add_argument("--l2", type=float, default=None, help="L2 pull towards zero (default: the library's)")
    ap.add_argument("--no-ntrex", action="store_true", help="skip the NTREX-128 report")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: the user cache)")
    ap.add_argument("--examples", type=Path, default=None, metavar="FILE",
                    help="read the features from FILE if it exists, else compute them and save them there "
                         "(to try fitting options without scoring everything again; stale once components change)")
    ap.add_argument("--base", type=Path, default=None, metavar="WEIGHTS",
                    help="fit nothing but the lexical weight: keep WEIGHTS' other weights and intercept and choose "
                         "the lexical weight by the same rule, the intercept kept")
    ap.add_argument("--lexical-range", type=float, nargs=2, default=(0.0, 1.0), metavar=("LO", "HI"),
                    help="only try lexical weights of the grid within LO..HI (default: the whole grid)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    if args.examples and args.examples.is_file():
        tune, held, ranked_tune, ranked_held = _read_examples(args.examples)
    else:
        from align.pipeline import resolve_encoder
        enc = resolve_encoder(None, cache=True, cache_dir=args.cache_dir)
        demetr_tune, ranked_tune = demetr_examples(0, enc, args.bench)
        demetr_held, ranked_held = demetr_examples(1, enc, args.bench)
        tune = {"archival": archival_examples("tune", enc), "demetr": demetr_tune,
                "refresd": refresd_examples("tune", enc, args.bench)}
        held = {"archival heldout": archival_examples("heldout", enc),
                "DEMETR odd ids": demetr_held,
                "REFreSD heldout": refresd_examples("heldout", enc, args.bench)}
        if not args.no_ntrex:
            held["NTREX-128"] = ntrex_examples(enc, args.bench)
        if args.examples:
            _write_examples(args.examples, tune, held, ranked_tune, ranked_held)
    print(f"Features computed in {time.perf_counter() - t0:.0f} s. Fit on: "
          + ", ".join(f"{k} {len(v)} ({sum(e.label for e in v)} divergent)" for k, v in tune.items()))
    examples = [e for v in tune.values() for e in v]
    grid = tuple(w for w in LEXICAL_GRID if args.lexical_range[0] - 1e-9 <= w <= args.lexical_range[1] + 1e-9)
    base = Model.load(args.base) if args.base else None
    if args.weights:
        model = Model.load(args.weights)
    elif base is not None:
        model, rows = choose_lexical_weight(base, tune["archival"], tune["demetr"], ranked_tune, grid, refit=False)
        print(f"\nThe lexical weight on {args.base}'s other weights and intercept, chosen on DEMETR even ids:\n")
        print("\n".join(rows))
    else:
        kw = {"l2": args.l2} if args.l2 is not None else {}
        # every weight by log-loss but the lexical count's, which is chosen for ranking (choose_lexical_weight)
        model = fit(examples, [f for f in FEATURES if f != "lexical"], calibrate_on=CALIBRATE_ON, **kw)
        if "lexical" in FEATURES:
            model, rows = choose_lexical_weight(model, tune["archival"], tune["demetr"], ranked_tune, grid)
            print("\nThe lexical count's weight, chosen on DEMETR even ids:\n")
            print("\n".join(rows))
    print("\nWeights (log-odds per unit of each feature; all ≥ 0.05):\n")
    print("\n".join(explain(model)))
    print("\nIntercepts per data set (the shipped one is archival's):", model.about.get("intercepts", {}))
    fitted_on = report(model, {k: v for k, v in tune.items()}, "On the data fitted on (optimistic):")
    held_out = report(model, held, "On data never fitted on:")
    wins = critical_wins(model, ranked_held)
    held_out["DEMETR odd ids: critical wins"] = {"mean": sum(wins.values()) / len(wins), **wins}
    print("\nDEMETR odd ids, critical edits scored above their control: mean "
          f"{100 * sum(wins.values()) / len(wins):.1f}; " + ", ".join(f"{k.split('_', 2)[2]} {100 * v:.1f}"
                                                              for k, v in wins.items()))
    if args.write and not args.weights:
        rule = (f"the smallest weight of {grid[0]:.2f}..{grid[-1]:.2f} (steps of 0.05) within 0.2 points of their best "
                "mean critical wins on DEMETR even ids, flagging at most 5% of their faithful pairs")
        command = "OMP_NUM_THREADS=1 python benchmarks/fit_divergence.py --write"
        if args.lexical_range != (0.0, 1.0):
            command += " --lexical-range {:g} {:g}".format(*args.lexical_range)
        about = {
            "scoring": SCORING, "fitted": _dt.date.today().isoformat(), "code": code_version(),
            "command": command,
            "fitted_on": {k: {"beads": len(v), "divergent": sum(e.label for e in v)} for k, v in tune.items()},
            "intercepts": model.about.get("intercepts", {}),
            "lexical": {"weight": model.weights.get("lexical"), "dictionary": dictionary_identity(),
                        "chosen": rule + "; intercept refitted on archival tune"},
            "fit_metrics": _round(fitted_on), "held_out": _round(held_out),
        }
        if base is not None:
            about["command"] = command + f" --base <{base.about.get('scoring', 'the base')}'s weights file>"
            about["lexical"]["chosen"] = rule + "; every other weight and the intercept kept as the base has them"
            about["base"] = {"scoring": base.about.get("scoring"), "fitted": base.about.get("fitted"),
                             "code": base.about.get("code"), "note": "not refitted: only the lexical weight "
                             "was chosen (by the rule above); fitted_on and intercepts are the base's fit",
                             "fitted_on": base.about.get("fitted_on"), "intercepts": base.about.get("intercepts")}
            about["fitted_on"] = base.about.get("fitted_on", about["fitted_on"])
            about["intercepts"] = base.about.get("intercepts", {})
        Model(model.intercept, model.weights, about).save(WEIGHTS_FILE)
        print(f"\nwrote {WEIGHTS_FILE}")
    return 0


def _write_examples(path: Path, tune: dict, held: dict, ranked_tune: list, ranked_held: list) -> None:
    data: dict = {part: {k: [[e.features, e.label, e.group] for e in v] for k, v in d.items()}
                  for part, d in (("tune", tune), ("held", held))}
    data["ranked"] = {"tune": ranked_tune, "held": ranked_held}
    path.write_text(json.dumps(data), encoding="utf-8")


def _read_examples(path: Path) -> tuple[dict, dict, list, list]:
    data = json.loads(path.read_text(encoding="utf-8"))
    tune, held = ({k: [Example(f, y, g) for f, y, g in v] for k, v in data[part].items()} for part in ("tune", "held"))
    ranked = data.get("ranked", {"tune": [], "held": []})
    return tune, held, [tuple(r) for r in ranked["tune"]], [tuple(r) for r in ranked["held"]]


def _round(x):
    if isinstance(x, float):
        return round(x, 4)
    if isinstance(x, dict):
        return {k: _round(v) for k, v in x.items()}
    return x


if __name__ == "__main__":
    raise SystemExit(main())
