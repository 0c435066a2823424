"""``align evaluate GOLD PRED``: strict and lax precision/recall/F1 as JSON."""
from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..evaluate import read_beads, score


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score predicted beads against gold beads",
                       description="Strict and lax precision, recall and F1 of predicted beads against gold "
                                   "beads (both in the '[0]:[0,1]' format, one bead per line), with the "
                                   "definitions of Vecalign's and Bertalign's evaluations. Several "
                                   "GOLD/PRED pairs may be given with --pair; counts are summed.")
    p.add_argument("gold", nargs="?", help="gold beads file")
    p.add_argument("pred", nargs="?", help="predicted beads file")
    p.add_argument("--pair", nargs=2, action="append", default=[], metavar=("GOLD", "PRED"),
                   help="another gold/prediction pair (repeatable)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pairs = ([(args.gold, args.pred)] if args.gold and args.pred else []) + [tuple(p) for p in args.pair]
    if not pairs:
        raise InputError("give GOLD and PRED files (or --pair GOLD PRED)")
    golds = [read_beads(g) for g, _ in pairs]
    preds = [read_beads(p) for _, p in pairs]
    print(json.dumps(score(golds, preds).to_dict(), indent=1))
    return 0
