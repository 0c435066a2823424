"""DEMETR ru→en: does the divergence score rank a known meaning edit above the unedited translation?

For every item with ``pert_check`` true, the unedited machine translation
(``src_sent`` → ``mt_sent``, the control) and the edited one (``src_sent`` →
``pert_sent``) are each scored as a one-bead alignment with
:func:`align.divergence.score_alignment` — exactly the fallback calibration a
user gets for a tiny alignment (the model's reference, no alignment of its
own).  Embeddings: the bundled e5 (``query:`` prefix), cached on disk.

Printed as markdown:

1. per perturbation type: the share of items where the edit scores as *more*
   divergent than the control (ties count as failures), for the divergence
   score and for cosine alone (1 − cos); the share of edits flagged at the
   default review threshold;
2. per severity: mean over types, weakest type, flag rates; controls flagged;
3. the issue-4 targets, met or missed;
4. the time scoring a 500-bead alignment takes, against the time the bundled
   encoder needs to embed its sentences once.

Usage (from the repository root)::

    .venv/bin/python benchmarks/demetr.py              # everything; the first run embeds ~3,200 sentences
    .venv/bin/python benchmarks/demetr.py --limit 20   # quick: the first 20 usable items of each file
    .venv/bin/python benchmarks/demetr.py --ntrex      # also: how often human translations get flagged
    .venv/bin/python benchmarks/demetr.py --json       # also: one JSON line with every number

Options: ``--bench DIR`` (the shared benchmark folder), ``--data DIR`` (DEMETR's
``by_perturbation`` folder itself), ``--cache-dir``, ``--model`` (default: the
bundled e5; ``hashing`` for a dry run), ``--threshold``, ``--dump FILE`` (per-item
scores, components and reasons as JSONL), ``--no-timing``.

The data stay in ``../shared/bench/demetr_ru_en/`` (MIT; FLORES items CC BY-SA);
nothing is copied into the repository.  A missing folder prints ``skipping: …``
and exits 0.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, code_version, machine, pct, skip  # noqa: E402  (also puts src/ on the path)
from align.divergence import DEFAULT_REVIEW_THRESHOLD, score_alignment  # noqa: E402
from align.records import Alignment, Bead, Segment, Signature, text_sha256  # noqa: E402

DEMETR = Path("demetr_ru_en") / "by_perturbation"
NTREX = Path("ntrex128_en_ru_hy")
SEVERITIES = ("critical", "major", "minor", "base")
#: The minor edits that change only casing, punctuation or tokenisation.
COSMETIC = ("minor_id15_case", "minor_id28_final_punc_removed", "minor_id29_punc_addition",
            "minor_id30_tokenized", "minor_id31_full_lower", "minor_id32_first_lower")


#: DEMETR items by the parity of their id: ``even`` is where weights may be picked (the lexical
#: component's, ``benchmarks/lexical_tune.py``; the learned combination's), ``odd`` is held out.
IDS = ("all", "even", "odd")


def load(folder: Path, limit: int, ids: str = "all") -> dict[str, list[dict]]:
    """Usable items (``pert_check`` true) of each file, keyed by perturbation name; ``ids`` keeps
    the items whose id is even or odd."""
    out: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        items = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d.get("pert_check") and (ids == "all" or d["id"] % 2 == (ids == "odd")):
                    items.append(d)
                    if limit and len(items) >= limit:
                        break
        out[path.name.split(".")[0]] = items
    return out


def one_bead(src: str, tgt: str, sim: float | None, model: str) -> Alignment:
    """A one-sentence-each alignment, as a user scoring a single pair would have it."""
    s = (Segment("demetr", "ru", 0, 0, 0, len(src), src),)
    t = (Segment("demetr", "en", 0, 0, 0, len(tgt), tgt),) if tgt else ()
    bead = Bead((0,), (0,) if tgt else (), sim if tgt else None)
    sig = Signature(model, {}, text_sha256(src), text_sha256(tgt), "benchmark")
    return Alignment(s, t, (bead,), sig, "ru", "en")


#: Scoring options every call shares: the encoder for the names check (behind the cache), the weights.
SCORING_OPTIONS: dict[str, object] = {}


def score_one(src: str, tgt: str, sim: float | None, model: str):
    return score_alignment(one_bead(src, tgt, sim, model), **SCORING_OPTIONS).beads[0].divergence


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                    help=f"the shared benchmark folder (default: {DEFAULT_BENCH})")
    ap.add_argument("--data", type=Path, default=None,
                    help="DEMETR's by_perturbation folder (default: BENCH/demetr_ru_en/by_perturbation)")
    ap.add_argument("--limit", type=int, default=0, help="use the first N usable items of each file (0: all)")
    ap.add_argument("--ids", choices=IDS, default="all",
                    help="items by id parity: even (where weights are picked) or odd (held out); default all")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: the user cache)")
    ap.add_argument("--model", default=None, help="encoder (default: the bundled e5; 'hashing' for a dry run)")
    ap.add_argument("--threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD,
                    help=f"review threshold (default {DEFAULT_REVIEW_THRESHOLD})")
    ap.add_argument("--dump", type=Path, default=None, help="write per-item scores and components as JSONL")
    ap.add_argument("--weights", type=Path, default=None,
                    help="divergence weights file (default: the shipped weights; see benchmarks/fit_divergence.py)")
    ap.add_argument("--no-name-check", action="store_true",
                    help="do not let the names component ask the encoder about names (as scorers before #20)")
    ap.add_argument("--no-timing", action="store_true", help="skip the 500-bead timing")
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    ap.add_argument("--ntrex", action="store_true",
                    help="also report how often human translations (NTREX-128 en/ru/hy lines) are flagged")
    args = ap.parse_args(argv)

    folder = args.data or args.bench / DEMETR
    if not folder.is_dir():
        return skip(f"DEMETR data not found at {folder}")
    data = load(folder, args.limit, args.ids)
    if not any(data.values()):
        return skip(f"no usable items (pert_check true) in {folder}")

    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    enc = CachedEncoder(get_encoder(args.model), args.cache_dir)
    model = enc.identity
    from align.divergence import Model
    from align.divergence.namecheck import NameCheck
    if args.weights:
        SCORING_OPTIONS["model"] = Model.load(args.weights)
    if not args.no_name_check:
        SCORING_OPTIONS["encoder"] = NameCheck(enc, budget=10**6)  # one check for every pair: names embedded once
    texts = sorted({t for items in data.values() for d in items
                    for t in (d["src_sent"], d["mt_sent"], d["pert_sent"]) if t.strip()})
    t0 = time.perf_counter()
    vecs = dict(zip(texts, enc.encode(texts, progress=sys.stderr.isatty())))
    embed_s = time.perf_counter() - t0

    def cos(a: str, b: str) -> float | None:
        if not a.strip() or not b.strip():
            return None
        return float(np.dot(vecs[a], vecs[b]))

    # ---- score every control (once per source sentence) and every edit
    controls: dict[int, tuple[float, float, float]] = {}  # id → (divergence, 1 − cos, lexical)
    rows: dict[str, list[tuple[float, float, float, float, float, float]]] = {}
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    t0 = time.perf_counter()
    for name, items in data.items():
        rows[name] = []
        for d in items:
            if d["id"] not in controls:
                sc = cos(d["src_sent"], d["mt_sent"])
                dv = score_one(d["src_sent"], d["mt_sent"], sc, model)
                controls[d["id"]] = (dv.score, 1 - sc, dv.components.get("lexical", -1.0))
                if dump:
                    dump.write(json.dumps({"type": "control", "id": d["id"], "cos": sc, "score": dv.score,
                                           "components": dict(dv.components), "reasons": dv.reasons},
                                          ensure_ascii=False) + "\n")
            se = cos(d["src_sent"], d["pert_sent"])
            de = score_one(d["src_sent"], d["pert_sent"], se, model)
            dc, cc, lc = controls[d["id"]]
            ce = 1.0 if se is None else 1 - se
            le = 1.0 if se is None else de.components.get("lexical", -1.0)  # an empty edit lacks every word
            rows[name].append((dc, de.score, cc, ce, lc, le))
            if dump:
                dump.write(json.dumps({"type": name, "id": d["id"], "cos": se, "score": de.score,
                                       "control": dc, "components": dict(de.components),
                                       "reasons": de.reasons}, ensure_ascii=False) + "\n")
    score_s = time.perf_counter() - t0
    if dump:
        dump.close()

    thr = args.threshold
    ctrl_div = [v[0] for v in controls.values()]
    ctrl_cos = sorted(v[1] for v in controls.values())
    ctrl_flag = sum(v >= thr for v in ctrl_div) / len(ctrl_div)
    # cosine alone has no threshold of its own: give it the one that flags as many controls
    m = int(round(ctrl_flag * len(ctrl_cos)))  # how many controls to flag
    cos_thr = ctrl_cos[len(ctrl_cos) - m] if m else ctrl_cos[-1] + 1e-9
    ctrl_flag_cos = sum(v >= cos_thr for v in ctrl_cos) / len(ctrl_cos)
    # the lexical component alone (when the dictionary is installed), thresholded the same way
    # (ties are common: the lowest threshold that flags no more controls than the divergence does)
    ctrl_lex = sorted(v[2] for v in controls.values())
    lexical = ctrl_lex[-1] >= 0
    lex_thr = min((t for t in {*ctrl_lex, ctrl_lex[-1] + 1e-9} if t > 0
                   and sum(v >= t for v in ctrl_lex) <= ctrl_flag * len(ctrl_lex) + 1e-9), default=1.0)
    ctrl_flag_lex = sum(v >= lex_thr for v in ctrl_lex) / len(ctrl_lex)

    print("# DEMETR ru→en: divergence vs cosine alone\n")
    print(f"model `{model}`; {sum(map(len, data.values()))} edited items in {len(data)} files "
          f"(pert_check true{f', first {args.limit} per file' if args.limit else ''}); "
          f"{len(controls)} unedited controls; review threshold {thr}; cosine alone flags at "
          f"1 − cos ≥ {cos_thr:.3f} (the value that flags as many controls)"
          + (f"; the lexical component alone at ≥ {lex_thr:.3f}, chosen the same way" if lexical else
             "; no dictionary installed, so no lexical component")
          + (f"; items with {args.ids} ids" if args.ids != "all" else "") + ".\n")
    print("## Per perturbation type\n")
    print("`wins`: share of items where the edit scores more divergent than the control (ties fail). "
          "`flagged`: share of edits at or above the threshold.\n")
    lex_head = " wins: lexical | flagged: lexical |" if lexical else ""
    print("| severity | type | n | wins: divergence | wins: 1 − cos | flagged: divergence | flagged: 1 − cos |"
          + lex_head)
    print("|---|---|---|---|---|---|---|" + ("---|---|" if lexical else ""))
    summary: dict[str, list[tuple[str, float, float, float, float, int]]] = defaultdict(list)
    record: dict[str, object] = {"benchmark": "demetr", "model": model, "threshold": thr, "limit": args.limit,
                                 "controls_flagged": ctrl_flag, "controls_flagged_cos": ctrl_flag_cos,
                                 "cos_threshold": cos_thr, "ids": args.ids, "types": {}, "severities": {}}
    if lexical:
        record.update(lexical_threshold=lex_thr, controls_flagged_lexical=ctrl_flag_lex)
    for name in sorted(rows, key=lambda n: (SEVERITIES.index(n.split("_")[0]), n)):
        r = rows[name]
        if not r:
            continue
        sev = name.split("_")[0]
        win_d = sum(x[1] > x[0] for x in r) / len(r)
        win_c = sum(x[3] > x[2] for x in r) / len(r)
        fl_d = sum(x[1] >= thr for x in r) / len(r)
        fl_c = sum(x[3] >= cos_thr for x in r) / len(r)
        win_l = sum(x[5] > x[4] for x in r) / len(r)
        fl_l = sum(x[5] >= lex_thr for x in r) / len(r)
        summary[sev].append((name, win_d, win_c, fl_d, fl_c, len(r), win_l, fl_l))
        record["types"][name] = {"n": len(r), "wins": win_d, "wins_cos": win_c, "flagged": fl_d,
                                 "flagged_cos": fl_c, **({"wins_lexical": win_l, "flagged_lexical": fl_l}
                                                         if lexical else {})}
        short = name.split("_", 2)[2] if name.count("_") >= 2 else name
        print(f"| {sev} | {short} | {len(r)} | {pct(win_d)} | {pct(win_c)} | {pct(fl_d)} | {pct(fl_c)} |"
              + (f" {pct(win_l)} | {pct(fl_l)} |" if lexical else ""))

    print("\n## Per severity (mean over types)\n")
    print("| severity | types | wins: divergence | weakest | wins: 1 − cos | weakest | "
          "flagged: divergence (mean / pooled) | flagged: 1 − cos (mean / pooled) |"
          + (" wins: lexical | flagged: lexical (pooled) |" if lexical else ""))
    print("|---|---|---|---|---|---|---|---|" + ("---|---|" if lexical else ""))
    means = {}
    for sev in SEVERITIES:
        s = summary.get(sev)
        if not s:
            continue
        md = statistics.mean(x[1] for x in s)
        mc = statistics.mean(x[2] for x in s)
        wd = min(s, key=lambda x: x[1])
        wc = min(s, key=lambda x: x[2])
        n = sum(x[5] for x in s)
        fd = statistics.mean(x[3] for x in s)
        fc = statistics.mean(x[4] for x in s)
        pd_ = sum(x[3] * x[5] for x in s) / n
        pc = sum(x[4] * x[5] for x in s) / n
        means[sev] = (md, wd, fd, pd_)
        ml = statistics.mean(x[6] for x in s)
        pl = sum(x[7] * x[5] for x in s) / n
        record["severities"][sev] = {"types": len(s), "wins_mean": md, "wins_cos_mean": mc,
                                     "weakest": wd[0], "weakest_wins": wd[1], "flagged_mean": fd,
                                     "flagged_pooled": pd_, "flagged_cos_mean": fc, "flagged_cos_pooled": pc,
                                     **({"wins_lexical_mean": ml, "flagged_lexical_pooled": pl} if lexical else {})}
        tail = lambda x: x[0].split("_", 2)[2]  # noqa: E731
        print(f"| {sev} | {len(s)} | {pct(md)} | {tail(wd)} {pct(wd[1])} | {pct(mc)} | {tail(wc)} {pct(wc[2])} | "
              f"{pct(fd)} / {pct(pd_)} | {pct(fc)} / {pct(pc)} |" + (f" {pct(ml)} | {pct(pl)} |" if lexical else ""))
    print(f"| unedited controls | {len(controls)} | | | | | {pct(ctrl_flag)} | {pct(ctrl_flag_cos)} |"
          + (f" | {pct(ctrl_flag_lex)} |" if lexical else ""))
    cosmetic = [x for x in summary.get("minor", []) if x[0] in COSMETIC]
    cos_flag = max((x[3] for x in cosmetic), default=0.0)

    print("\n## Issue-4 targets\n")
    checks = []
    if "critical" in means:
        md, wd, fd, pd_ = means["critical"]
        checks += [(f"critical: edit > control on average ≥ 95% — {pct(md)}%", md >= 0.95),
                   (f"critical: no type below 85% — weakest {wd[0].split('_', 2)[2]} {pct(wd[1])}%", wd[1] >= 0.85),
                   (f"critical edits flagged ≥ 70% — {pct(pd_)}% pooled, {pct(fd)}% mean over types", pd_ >= 0.70)]
    if "major" in means:
        major = means["major"][0]
        checks.append((f"major: edit > control on average ≥ 85% — {pct(major)}%", major >= 0.85))
    checks.append((f"unedited controls flagged ≤ 10% — {pct(ctrl_flag)}%", ctrl_flag <= 0.10))
    if cosmetic:
        checks.append((f"cosmetic minor edits flagged ≤ controls + 5 points — worst {pct(cos_flag)}% "
                       f"vs {pct(ctrl_flag + 0.05)}%", cos_flag <= ctrl_flag + 0.05 + 1e-9))
    for text, ok in checks:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    record["targets"] = {text: ok for text, ok in checks}

    print("\n## Issue-19 targets (word-level evidence)\n")
    checks19 = []
    if "critical" in means:
        md, wd, fd, pd_ = means["critical"]
        checks19.append((f"critical: edit > control on average ≥ 93% — {pct(md)}%", md >= 0.93))
        for kind in ("noun_removed", "verb_removed", "adj_adv_removed"):
            got = [x for x in summary["critical"] if x[0].endswith(kind)]
            if got:
                checks19.append((f"critical {kind} ≥ 85% — {pct(got[0][1])}%", got[0][1] >= 0.85))
        checks19.append((f"critical edits flagged ≥ 55% — {pct(pd_)}% pooled", pd_ >= 0.55))
    checks19.append((f"unedited controls flagged ≤ 5% — {pct(ctrl_flag)}%", ctrl_flag <= 0.05))
    for text, ok in checks19:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    record["targets_19"] = {text: ok for text, ok in checks19}

    print(f"\nEmbedding {len(texts)} texts took {embed_s:.1f} s (cache hits are fast); "
          f"scoring {2 * sum(map(len, rows.values()))} one-bead alignments took {score_s:.2f} s.")
    if not args.no_timing:
        record["speed"] = timing(data, vecs, model, args.model)
    if args.ntrex:
        record["ntrex"] = ntrex(args.bench / NTREX, enc, thr)
    if args.json:
        record.update(code=code_version(), machine=machine())
        print(json.dumps(record, ensure_ascii=False))
    return 0


def ntrex(folder: Path, enc, thr: float) -> dict[str, object]:
    """Flag rates on NTREX-128: professional human translations, line-aligned (no known divergences)."""
    if not folder.is_dir():
        print()
        skip(f"NTREX-128 not found at {folder}; no human-translation check")
        return {}
    files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "hy": "newstest2019-ref.hye.txt"}
    lines = {k: (folder / f).read_text(encoding="utf-8").splitlines() for k, f in files.items()}
    docs = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    vecs = {k: enc.encode(v, progress=sys.stderr.isatty()) for k, v in lines.items()}
    print("\n## Human translations (NTREX-128 lines): share flagged\n")
    print("Each line pair scored alone (the single-pair fallback) and inside its document's alignment "
          "(calibrated on the document's own beads, 4–30 lines).  Columns after the first two: share of "
          "lines where that component's value reaches 0.5 (each component's own scale; whether the bead is "
          "flagged depends on the combination).\n")
    from align.divergence import COMPONENTS
    comps = tuple(c for c in COMPONENTS if c not in ("omission", "addition"))
    print("| pair | flagged alone | flagged in document | " + " | ".join(comps) + " |")
    print("|---|---|---|" + "---|" * len(comps))
    out: dict[str, object] = {}
    for a, b in (("en", "ru"), ("en", "hy"), ("ru", "hy")):
        sims = (vecs[a] * vecs[b]).sum(axis=1)
        alone = [score_one_pair(x, y, float(z), a, b, enc.identity) for x, y, z in zip(lines[a], lines[b], sims)]
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            by_doc[d.split("\t")[0]].append(i)
        in_doc = 0
        for idx in by_doc.values():
            src = tuple(Segment("d", a, 0, k, 0, len(lines[a][i]), lines[a][i]) for k, i in enumerate(idx))
            tgt = tuple(Segment("d", b, 0, k, 0, len(lines[b][i]), lines[b][i]) for k, i in enumerate(idx))
            beads = tuple(Bead((k,), (k,), float(sims[i])) for k, i in enumerate(idx))
            aln = score_alignment(Alignment(src, tgt, beads, Signature(enc.identity, {}, "", "", "bench"), a, b),
                                  **SCORING_OPTIONS)
            in_doc += sum(bd.divergence.score >= thr for bd in aln.beads)
        n = len(alone)
        share = [sum(d.components.get(c, 0.0) >= 0.5 for d in alone) / n for c in comps]
        flagged = sum(d.score >= thr for d in alone) / n
        print(f"| {a}–{b} | {pct(flagged)} | {pct(in_doc / n)} | " + " | ".join(pct(x) for x in share) + " |")
        out[f"{a}-{b}"] = {"lines": n, "flagged": flagged, "flagged_in_document": in_doc / n,
                           "alone": dict(zip(comps, share))}
    return out


def score_one_pair(src: str, tgt: str, sim: float, src_lang: str, tgt_lang: str, model: str):
    s = (Segment("x", src_lang, 0, 0, 0, len(src), src),)
    t = (Segment("x", tgt_lang, 0, 0, 0, len(tgt), tgt),)
    aln = Alignment(s, t, (Bead((0,), (0,), sim),), Signature(model, {}, "", "", "bench"), src_lang, tgt_lang)
    return score_alignment(aln, **SCORING_OPTIONS).beads[0].divergence


def timing(data: dict[str, list[dict]], vecs: dict, model: str, model_name: str | None,
           beads: int = 500) -> dict[str, float]:
    """Time scoring a 500-bead alignment and compare with embedding its sentences once."""
    pairs = []
    for items in data.values():
        for d in items:
            if d["pert_sent"].strip():
                pairs.append((d["src_sent"], d["pert_sent"]))
    if not pairs:
        return {}
    while len(pairs) < beads:
        pairs += pairs
    pairs = pairs[:beads]
    src = tuple(Segment("t", "ru", 0, i, 0, len(s), s) for i, (s, _) in enumerate(pairs))
    tgt = tuple(Segment("t", "en", 0, i, 0, len(t), t) for i, (_, t) in enumerate(pairs))
    bs = tuple(Bead((i,), (i,), float(np.dot(vecs[s], vecs[t]))) for i, (s, t) in enumerate(pairs))
    aln = Alignment(src, tgt, bs, Signature(model, {}, "", "", "benchmark"), "ru", "en")
    runs, asked = [], 0
    options = dict(SCORING_OPTIONS)
    import tempfile

    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    raw = get_encoder(model_name)
    for _ in range(3):
        from align.divergence import antonyms, contentwords, gazetteer, lexical, names, translit
        from align.divergence.namecheck import NameCheck
        for f in (names.words_match, names.stems, antonyms._poles_of, translit.name_key, gazetteer.concept,
                  gazetteer.territory, contentwords._ru, contentwords._en, lexical._translations,
                  names._profile, names._stop_word, names._title_word, names._skeleton, lexical._long,
                  lexical._head_family, lexical._example_family):
            f.cache_clear()  # start cold: no word seen before (the dictionary's index stays loaded)
        with tempfile.TemporaryDirectory() as cold:
            if "encoder" in options:  # names never seen: every name the check asks about is embedded for real
                options["encoder"] = NameCheck(CachedEncoder(raw, cold))
            t0 = time.perf_counter()
            score_alignment(aln, **options)
            runs.append(time.perf_counter() - t0)
            asked = options["encoder"].asked if "encoder" in options else 0
    score_s = statistics.median(runs)
    # the encoder's speed on sentences it has not seen (no cache), on this machine now
    fresh = [f"{s} ({i})" for i, (s, _) in enumerate(pairs[:48])]
    raw.encode(fresh[:2])  # load the model outside the clock
    t0 = time.perf_counter()
    raw.encode(fresh)
    rate = len(fresh) / (time.perf_counter() - t0)
    embed_s = 2 * beads / rate
    print(f"\n## Speed\n\nScoring a {beads}-bead alignment: {score_s:.2f} s (median of 3, cold caches), "
          f"{1000 * score_s / beads:.2f} ms per bead, {asked} names embedded for the names check (an empty "
          f"cache: none of them seen before).  Embedding its {2 * beads} sentences "
          f"once — the least any alignment run embeds — with `{raw.identity}` at the measured "
          f"{rate:.1f} sentences/s: {embed_s:.1f} s.  Scoring adds {100 * score_s / embed_s:.1f}% to that "
          f"(less to a whole run, which also searches and refines).")
    return {"beads": beads, "score_s": score_s, "ms_per_bead": 1000 * score_s / beads, "names_embedded": asked,
            "encoder_sentences_per_s": rate, "embed_s": embed_s, "overhead": score_s / embed_s}


if __name__ == "__main__":
    raise SystemExit(main())
