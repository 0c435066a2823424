"""``align review``: the review queue, decisions, fixes, undo and the local review page."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import Any

from ..embed import get_encoder
from ..errors import ReviewError
from ..records import ReviewStatus, Side, parse_side
from ..review import Review, server
from ..review.carry import orphan_json

_BEAD_HELP = "the bead: its position (the # column of `align review list`) or its ids, e.g. '[3]:[4,5]'"


def _split_arg(text: str) -> tuple[int, int]:
    try:
        i, j = text.split(":")
        return int(i), int(j)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected I:J (sentences of each side in the first part), got {text!r}") from None


def _detach_arg(text: str) -> tuple[Side, int]:
    name, _, n = text.partition(":")
    if name not in ("src", "tgt") or not n.lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"expected src:I or tgt:J (a sentence index), got {text!r}")
    return parse_side(name), int(n)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review an alignment: queue, decisions, fixes, undo, local page",
                       description="Review an aligned pair stored in alignments/: list the beads most in need "
                                   "of a look, record decisions, fix the alignment, undo, or open the local "
                                   "review page. Every change is saved to the file at once (atomically).")
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION")
    rsub.required = True

    ls = rsub.add_parser("list", help="list the review queue, most divergent first",
                         description="List the beads whose score (divergence, else 1 - similarity) is at least "
                                     "the threshold, most divergent first, with counts of reviewed and remaining, "
                                     "then the decisions an earlier alignment left without a bead (orphaned), "
                                     "with their sentences.")
    ls.add_argument("alignment", metavar="ALIGNMENT.json", help="the alignment file (alignments/<doc>/<pair>.json)")
    ls.add_argument("--threshold", type=float, default=None, metavar="T",
                    help="minimum score to list (default: the divergence module's review threshold; 0 lists all)")
    ls.add_argument("--status", default=None, metavar="S",
                    help=f"only this status: {', '.join(ReviewStatus)}")
    ls.add_argument("--kind", default=None, metavar="K",
                    help="only this divergence kind (omission, addition, meaning, number/date, name, style/other) "
                         "or bead shape (1-0, 2-1, ...)")
    ls.add_argument("--json", action="store_true", help="print JSON: the counts and one object per bead")
    ls.set_defaults(handler=run_list)

    dc = rsub.add_parser("decide", help="record a decision on a bead",
                         description="Accept a bead, mark it divergent (with a kind and a severity), reject it "
                                     "as a wrong alignment, reset it to pending, or just add a note.")
    dc.add_argument("alignment", metavar="ALIGNMENT.json", help="the alignment file")
    dc.add_argument("bead", metavar="BEAD", help=_BEAD_HELP)
    what = dc.add_mutually_exclusive_group()
    what.add_argument("--accept", action="store_true", help="the alignment is right and the sides say the same")
    what.add_argument("--divergent", metavar="KIND",
                      help="the sides differ: omission, addition, meaning, number/date, name, style/other")
    what.add_argument("--reject", action="store_true", help="the two sides should not be aligned")
    what.add_argument("--reset", action="store_true", help="back to pending, without a note")
    dc.add_argument("--severity", default=None, metavar="S",
                    help="with --divergent: minor (default), major or critical")
    dc.add_argument("--note", default=None, metavar="TEXT", help="a note to keep with the decision ('' clears it)")
    dc.add_argument("--by", default=None, metavar="NAME",
                    help="who decides (default: $ALIGN_REVIEWER, git config user.name, or $USER)")
    dc.set_defaults(handler=run_decide)

    fx = rsub.add_parser("fix", help="fix the alignment around a bead (merge, split, move, detach)",
                         description="Change the beads: merge with a neighbour, split in two, move a sentence to "
                                     "the neighbouring bead, or detach a sentence into its own 1-0/0-1 bead. "
                                     "The changed beads are re-scored; `align review undo` reverts.")
    fx.add_argument("alignment", metavar="ALIGNMENT.json", help="the alignment file")
    fx.add_argument("bead", metavar="BEAD", help=_BEAD_HELP)
    op = fx.add_mutually_exclusive_group(required=True)
    op.add_argument("--merge-next", action="store_true", help="merge with the next bead")
    op.add_argument("--merge-prev", action="store_true", help="merge with the previous bead")
    op.add_argument("--split", type=_split_arg, metavar="I:J",
                    help="split in two: the first I source and J target sentences, then the rest")
    op.add_argument("--move-src-to", choices=("next", "prev"),
                    help="move the last source sentence to the next bead, or the first one to the previous bead")
    op.add_argument("--move-tgt-to", choices=("next", "prev"), help="the same for a target sentence")
    op.add_argument("--detach", type=_detach_arg, metavar="src:I|tgt:J",
                    help="put source sentence I (or target sentence J; indexes as in the bead ids) in its own bead")
    fx.add_argument("--by", default=None, metavar="NAME", help="who makes the fix (default as for decide)")
    fx.add_argument("--model", default=None, metavar="M",
                    help="encoder to re-score with (default: the one named in the alignment's signature)")
    fx.set_defaults(handler=run_fix)

    for name, verb in (("undo", "undo the last change (decision or fix)"), ("redo", "redo the last undone change")):
        u = rsub.add_parser(name, help=verb,
                            description=verb[0].upper() + verb[1:] + "; the history is kept in the file.")
        u.add_argument("alignment", metavar="ALIGNMENT.json", help="the alignment file")
        u.set_defaults(handler=run_undo, redo=name == "redo")

    sv = rsub.add_parser("serve", help="open the local review page in a browser",
                         description="Start a small web app on 127.0.0.1 showing the queue with both texts side by "
                                     "side; decide and fix with the keyboard (press ? on the page). The URL "
                                     "carries a one-time token; other pages cannot use the server.")
    sv.add_argument("alignment", metavar="ALIGNMENT.json", help="the alignment file")
    sv.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    sv.add_argument("--host", default=None,
                    help="address to listen on (default 127.0.0.1; anything not loopback exposes your files to the "
                         "network and prints a warning)")
    sv.add_argument("--no-browser", action="store_true", help="print the URL but do not open a browser")
    sv.add_argument("--threshold", type=float, default=None, metavar="T",
                    help="the page's initial minimum score (default: the divergence module's review threshold)")
    sv.add_argument("--by", default=None, metavar="NAME", help="who decides (default as for decide)")
    sv.add_argument("--model", default=None, metavar="M", help="encoder to re-score fixed beads with")
    sv.set_defaults(handler=run_serve)


def _encoder(model: str | None) -> Any:
    if not model:
        return None
    return get_encoder(model)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(1, width - 1)] + "…"


def run_list(args: argparse.Namespace) -> int:
    r = Review.open(args.alignment)
    q = r.queue(threshold=args.threshold, status=args.status, kind=args.kind)
    orphans = [orphan_json(o) for o in r.state.orphaned]
    if args.json:
        out = {"file": str(args.alignment), "threshold": q.threshold, "total": q.total, "in_queue": len(q),
               "reviewed": q.reviewed, "remaining": q.remaining, "items": [it.to_dict() for it in q],
               "orphaned": orphans}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    width = max(40, (shutil.get_terminal_size((120, 20)).columns - 44) // 2)
    print(f"{'#':>4}  {'score':>5}  {'status':<10} {'kind':<12} {'source':<{width}} | target")
    for it in q:
        kind = it.state.kind or it.bead.kind
        print(f"{it.position:>4}  {it.score:>5.2f}  {it.status:<10} {kind:<12} "
              f"{_clip(it.source, width):<{width}} | {_clip(it.target, width)}")
    print(q.summary())
    if orphans:
        print(f"\n{len(orphans)} decision(s) kept from an earlier alignment (orphaned: no bead has their "
              "sentences any more; they come back if the sentences do):")
        for o in orphans:
            what = o["status"] + (f" ({o['kind']}, {o['severity']})" if o["kind"] else "")
            print(f"  was {o['ids']:<9} {what:<10} {_clip(o['source'], width):<{width}} | {_clip(o['target'], width)}")
            detail = "; ".join(x for x in (f"note: {o['note']}" if o["note"] else "",
                                           f"by {o['by']} at {o['at']}" if o["by"] else "", o["reason"]) if x)
            print(f"  {'':<13} {detail}")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    r = Review.open(args.alignment, by=args.by)
    if args.severity and not args.divergent:
        raise ReviewError("--severity goes with --divergent KIND")
    if args.accept:
        st = r.accept(args.bead, note=args.note)
    elif args.divergent:
        st = r.mark_divergent(args.bead, args.divergent, args.severity or "minor", note=args.note)
    elif args.reject:
        st = r.reject(args.bead, note=args.note)
    elif args.reset:
        st = r.reset(args.bead)
    elif args.note is not None:
        st = r.note(args.bead, args.note)
    else:
        raise ReviewError("say what to record: --accept, --divergent KIND, --reject, --reset or --note TEXT")
    r.save()
    i = r.position(args.bead)
    extra = f" ({st.kind}, {st.severity})" if st.kind else ""
    note = f"; note: {st.note}" if st.note else ""
    print(f"bead {i} {r.beads[i].ids()}: {st.status}{extra}{note} — by {st.by} at {st.at}")
    return 0


def run_fix(args: argparse.Namespace) -> int:
    r = Review.open(args.alignment, by=args.by, encoder=_encoder(args.model))
    old = r.beads[r.position(args.bead)].ids()
    if args.merge_next:
        pos, what = r.merge_next(args.bead), "merged with the next bead"
    elif args.merge_prev:
        pos, what = r.merge_prev(args.bead), "merged with the previous bead"
    elif args.split:
        pos, what = r.split(args.bead, *args.split), f"split at {args.split[0]}:{args.split[1]}"
    elif args.move_src_to:
        pos = r.move(args.bead, "source", args.move_src_to)
        what = f"moved a source sentence to the {args.move_src_to} bead"
    elif args.move_tgt_to:
        pos = r.move(args.bead, "target", args.move_tgt_to)
        what = f"moved a target sentence to the {args.move_tgt_to} bead"
    else:
        side, n = args.detach
        pos, what = r.detach(args.bead, side, n), f"detached {side} sentence {n}"
    r.save()
    change = r.state.history[-1]
    new = ", ".join(f"{b['src']}:{b['tgt']} (similarity {b['similarity']})" for b in change["after"]["beads"])
    print(f"{old}: {what}; now {new}; bead {pos} is {r.beads[pos].ids()}")
    return 0


def run_undo(args: argparse.Namespace) -> int:
    r = Review.open(args.alignment)
    change = r.redo() if args.redo else r.undo()
    r.save()
    verb = "redid" if args.redo else "undid"
    print(f"{verb} {change.get('op')} of {change.get('bead')} (by {change.get('by')} at {change.get('at')})")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    host = args.host or "127.0.0.1"
    if not server.is_loopback(host):
        print(f"align: warning: listening on {host}: anyone who can reach it and has the token can read and edit "
              f"{args.alignment}", file=sys.stderr)
    server.serve(args.alignment, host=host, port=args.port, open_browser=not args.no_browser, by=args.by,
          encoder=_encoder(args.model), allow_remote=args.host is not None, threshold=args.threshold)
    return 0
