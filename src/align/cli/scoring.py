"""``align scoring fit|show``: refit the divergence weights on your own reviewed alignments; look at weights."""
from __future__ import annotations

import argparse
from pathlib import Path

from .. import store
from ..divergence import FEATURES, SCORING, TermList
from ..divergence.fitting import evaluate, examples_from_review
from ..divergence.fitting import fit as fit_model
from ..divergence.model import COLLECTION_FILE, Model, shipped
from ..embed.registry import encoder_for_identity
from ..errors import InputError

#: How strongly a refit keeps the starting weights (L2 pull per unit of data weight).
REFIT_L2 = 0.5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scoring", help="refit or show the divergence weights",
                       description="The divergence score is a logistic combination of its components, fitted on "
                                   "labelled beads (see docs/divergence.md). 'fit' refits it on your own reviewed "
                                   "alignments; 'show' prints a weights file.")
    sub2 = p.add_subparsers(dest="scoring_command", metavar="COMMAND")
    sub2.required = True
    f = sub2.add_parser(
        "fit", help="refit the weights on reviewed alignments",
        description="Refit the divergence weights on the beads you reviewed: accepted beads count as faithful, "
                    "beads marked divergent with severity major or critical as divergent; minor divergences, "
                    "rejected (misaligned) beads, pending beads and beads with an empty side are left out. The fit "
                    "starts from the shipped weights (or --start) and is pulled towards them (--keep), so a few "
                    "dozen reviews adjust the weights rather than replace them. It writes TEXTS/"
                    "divergence-weights.json (or --out), which 'align run' then uses; stored alignments are "
                    "re-scored in place on the next run (reviews are kept).")
    f.add_argument("alignments", nargs="*", default=["alignments"], metavar="ALIGNMENTS",
                   help="store files or folders of them (default: alignments)")
    f.add_argument("--texts", default="texts", metavar="TEXTS",
                   help="the collection (its names.toml is used; the weights go here; default: texts)")
    f.add_argument("--out", default=None, metavar="FILE",
                   help="where to write the weights (default: TEXTS/divergence-weights.json; '-' prints them)")
    f.add_argument("--start", default=None, metavar="FILE", help="weights to start from (default: the shipped ones)")
    f.add_argument("--keep", type=float, default=REFIT_L2, metavar="X",
                   help=f"how strongly to keep the starting weights (L2 pull; default {REFIT_L2}; 0: fit freely)")
    f.add_argument("--min-beads", type=int, default=20, metavar="N",
                   help="refuse to fit on fewer labelled beads than this (default 20)")
    f.add_argument("--no-encoder", action="store_true",
                   help="do not load the alignments' encoder for the names check (faster; names may differ)")
    f.set_defaults(handler=fit)
    s = sub2.add_parser("show", help="print a weights file (default: the weights in use)",
                        description="Print the weights of the divergence combination and what they were fitted on.")
    s.add_argument("file", nargs="?", default=None,
                   help="a weights file (default: TEXTS/divergence-weights.json if there is one, else the shipped one)")
    s.add_argument("--texts", default="texts", metavar="TEXTS", help="the collection (default: texts)")
    s.set_defaults(handler=show)


def _store_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(q for q in p.rglob("*__*.json") if not q.name.startswith("."))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder of alignments")
    return files


def _table(old: Model, new: Model) -> str:
    rows = [f"{'feature':<14} {'start':>8} {'refitted':>9}"]
    for name in FEATURES:
        rows.append(f"{name:<14} {old.weights.get(name, 0.0):>8.3f} {new.weights.get(name, 0.0):>9.3f}")
    rows.append(f"{'(intercept)':<14} {old.intercept:>8.3f} {new.intercept:>9.3f}")
    return "\n".join(rows)


def fit(args: argparse.Namespace) -> int:
    import datetime as _dt
    import json
    import sys


    files = _store_files(args.alignments)
    terms = TermList.for_collection(args.texts)
    start = Model.load(args.start)
    examples = []
    encoders: dict[str, object] = {}
    for path in files:
        encoder = None
        if not args.no_encoder:
            model = store.load(path).alignment.signature.model
            if model not in encoders:
                encoders[model] = encoder_for_identity(model)
            encoder = encoders[model]
        examples += examples_from_review(path, terms=terms, encoder=encoder)
    n_div = sum(e.label for e in examples)
    print(f"{len(examples)} reviewed bead(s) in {len(files)} file(s): {n_div} divergent (major or critical), "
          f"{len(examples) - n_div} accepted")
    if len(examples) < args.min_beads:
        raise InputError(f"only {len(examples)} labelled bead(s); review at least {args.min_beads} (accept the "
                         "faithful ones, mark the divergent ones major or critical) or lower --min-beads")
    about = {"scoring": SCORING, "fitted": _dt.date.today().isoformat(), "refitted_from": args.start or "shipped",
             "keep": args.keep, "fitted_on": {"files": [str(f) for f in files], "beads": len(examples),
                                              "divergent": n_div}}
    new = fit_model(examples, FEATURES, prior=start, l2=args.keep, about=about)
    print(_table(start, new))
    for label, weights in (("start", start), ("refitted", new)):
        for group, r in evaluate(weights, examples).items():
            print(f"{label:>9} on {group}: AUC {r['auc']:.3f}, accepted beads flagged "
                  f"{100 * r['faithful_flagged']:.1f}%, divergent beads flagged {100 * r['divergent_flagged']:.1f}%")
    print("(measured on the beads fitted on: optimistic)")
    if args.out == "-":
        json.dump(new.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    out = Path(args.out) if args.out else Path(args.texts) / COLLECTION_FILE
    new.save(out)
    print(f"wrote {out}; 'align run' scores with it from now on (stored pairs are re-scored in place)")
    return 0


def show(args: argparse.Namespace) -> int:
    import json

    model = Model.load(args.file) if args.file else (Model.for_collection(args.texts) or shipped())
    where = args.file or model.source or "the shipped weights"
    print(f"weights: {where}")
    for name in FEATURES:
        print(f"  {name:<14} {model.weights.get(name, 0.0):8.3f}")
    print(f"  {'(intercept)':<14} {model.intercept:8.3f}")
    if model.about:
        print(json.dumps(dict(model.about), ensure_ascii=False, indent=1))
    return 0
