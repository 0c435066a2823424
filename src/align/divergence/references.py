"""Measure a model's reference on known-equivalent pairs (two line-aligned files).

The numbers in :mod:`.calibration` for the bundled model were made with::

    python -m align.divergence.references ../shared/bench/ntrex128_en_ru_hy/newstest2019-src.eng.txt \\
        ../shared/bench/ntrex128_en_ru_hy/newstest2019-ref.rus.txt --src-lang en --tgt-lang ru

(and the same for en–hy and hy–ru).  For another model, pass ``--model`` and
add the printed line to your code with
:func:`~align.divergence.calibration.register_reference`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..embed import CachedEncoder, get_encoder
from .calibration import Calibration

if TYPE_CHECKING:
    from ..embed import Encoder


def measure(src_lines: list[str], tgt_lines: list[str], encoder: Encoder) -> dict[str, float]:
    """Median and robust spread of the cosine and of the log length ratio of line pairs.

    Returns ``{"sim_median", "sim_spread", "len_centre", "len_spread", "pairs"}``
    (``len_spread`` is the long-line spread, as :mod:`.calibration` keeps it);
    empty lines are skipped.
    """
    pairs = [(s.strip(), t.strip()) for s, t in zip(src_lines, tgt_lines) if s.strip() and t.strip()]
    if len(pairs) < 4:
        raise ValueError("need at least 4 non-empty line pairs to measure")
    a = encoder.encode([s for s, _ in pairs])
    b = encoder.encode([t for _, t in pairs])
    sims = [float(x) for x in (a * b).sum(axis=1)]
    cal = Calibration.from_pairs(sims, pairs, model=encoder.identity, src_lang="xx", tgt_lang="yy")
    return {"sim_median": cal.sim_centre, "sim_spread": cal.sim_spread, "len_centre": cal.len_centre,
            "len_spread": cal.len_spread, "pairs": len(pairs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m align.divergence.references", description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, help="source file, one segment per line")
    ap.add_argument("tgt", type=Path, help="target file, line i translates source line i")
    ap.add_argument("--src-lang", required=True)
    ap.add_argument("--tgt-lang", required=True)
    ap.add_argument("--model", default=None, help="encoder name (default: the bundled e5)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N lines")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache folder")
    args = ap.parse_args(argv)
    enc = CachedEncoder(get_encoder(args.model), args.cache_dir)
    src = args.src.read_text(encoding="utf-8").splitlines()
    tgt = args.tgt.read_text(encoding="utf-8").splitlines()
    if len(src) != len(tgt):
        print(f"error: {args.src} has {len(src)} lines but {args.tgt} has {len(tgt)}", file=sys.stderr)
        return 2
    if args.limit:
        src, tgt = src[:args.limit], tgt[:args.limit]
    m = measure(src, tgt, enc)
    print(f"model {enc.identity}, {args.src_lang}-{args.tgt_lang}, {m['pairs']} pairs")
    print(f"similarity: median {m['sim_median']:.3f}, spread {m['sim_spread']:.3f}")
    print(f"log length ratio (target/source): centre {m['len_centre']:.3f}, spread {m['len_spread']:.3f}")
    print(f"register_reference({enc.identity!r}, {args.src_lang!r}, {args.tgt_lang!r}, "
          f"{m['sim_median']:.3f}, {m['sim_spread']:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
