"""The team's archival-style dev set (``benchmarks/data/archival``): documents, lines, gold beads, split.

The data are fictional documents in the register of 1920 diplomatic
correspondence, written by the team in English with Russian and Armenian
translations that carry deliberate, labelled differences.  Layout and
vocabularies are documented for users in ``benchmarks/data/archival/README.md``::

    manifest.toml                       every document: id, genre, split (+ counts, checked)
    <doc_id>/document.toml, en|ru|hy.txt + .toml   a document as texts/ holds one
    <doc_id>/gold/en__ru.tsv, en__hy.tsv            gold beads: src, tgt, label, change, note

A text file holds one sentence per line and a blank line between paragraphs;
gold indices count its non-blank lines from 0.  Everything read here is
checked: a malformed file raises :class:`DevSetError` naming the file and the
row, so a test, a benchmark or a person extending the set learns what is wrong
and where.

Run as a script, it helps whoever edits the set::

    python benchmarks/_archival.py show 1920-05-14-tiflis-telegram en-ru   # gold beads side by side
    python benchmarks/_archival.py counts                                  # labels and kinds per pair/split
    python benchmarks/_archival.py manifest                                # rewrite manifest.toml's counts
"""
from __future__ import annotations

import argparse
import sys
import textwrap
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Where the dev set lives in the repository.
DATA = ROOT / "benchmarks" / "data" / "archival"
MANIFEST = "manifest.toml"
PIVOT = "en"
PAIRS = ("en-ru", "en-hy")
SPLITS = ("tune", "heldout")
COLUMNS = ("src", "tgt", "label", "change", "note")
#: Old-spelling variants (the historical-spelling issue): version id → the modern version whose lines,
#: paragraphs and gold beads it shares.  Optional per document.
OLD_SPELLING = {"ru-old": "ru", "hy-old": "hy"}
#: What the benchmark compares: the modern versions, or their old-spelling variants.
SPELLINGS = ("modern", "old")

#: Gold labels, in the order tables list them, with what each means.
LABELS: dict[str, str] = {
    "equivalent": "says the same thing (merges and splits included)",
    "minor": "a nuance differs: a softened verb, an added adjective, a reordered list, a close word",
    "major": "a fact differs: a number, date, place, actor, name or negation, or a dropped clause that carries facts",
    "omission": "an English sentence with no counterpart (1-0)",
    "addition": "a translated-side sentence with no English counterpart (0-1)",
}
#: Labels a reviewer must see (the review-precision issue's "divergent" beads).
DIVERGENT = ("major", "omission", "addition")

#: What differs, for the ``change`` column (comma-separated; empty for an equivalent bead).
CHANGES: dict[str, str] = {
    "number": "a number or amount differs",
    "date": "a date, year, day or period differs",
    "place": "a place differs",
    "actor": "who did what to whom differs (another agent, debtor, supplier)",
    "name": "a person's name differs",
    "negation": "a statement is negated or un-negated",
    "meaning": "a word or phrase is replaced by one of close but different meaning",
    "modality": ("a request, claim or promise is softened or hardened "
                 "(expects/hopes, without delay/as soon as possible)"),
    "order": "the items of a list come in another order",
    "partial-omission": "a clause or phrase is dropped inside a kept sentence",
    "partial-addition": "a clause, phrase or word is added inside a kept sentence",
    "untranslated": "the text is left in another language or script",
    "style": "register or wording differs with the same content",
}


class DevSetError(ValueError):
    """A dev-set file does not follow the documented format (the message names the file and row)."""


@dataclass(frozen=True)
class Line:
    """One non-blank line of a version's text: one sentence, its paragraph and its offset in the file."""

    text: str
    paragraph: int
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class GoldBead:
    """One row of a gold file: line indices on each side, label, changes, note (``row``: 1-based file line)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    label: str
    changes: tuple[str, ...] = ()
    note: str = ""
    row: int = 0

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"2-1"``, ``"1-0"``, ...: how many lines each side holds."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def ids(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The bead as :mod:`align.evaluate` takes it."""
        return self.src, self.tgt


@dataclass(frozen=True)
class DevDocument:
    """A document of the set: its versions' lines (by version id) and its gold beads (by pair, ``"en-ru"``)."""

    doc_id: str
    split: str
    genre: str
    path: Path
    versions: Mapping[str, tuple[Line, ...]]
    gold: Mapping[str, tuple[GoldBead, ...]]

    def text(self, version: str) -> str:
        """The version's file exactly as stored (what :class:`Line` offsets index)."""
        return (self.path / f"{version}.txt").read_text(encoding="utf-8")


def pair_languages(pair: str) -> tuple[str, str]:
    """``"en-ru"`` → ``("en", "ru")``; :class:`DevSetError` for a pair the set does not have."""
    if pair not in PAIRS:
        raise DevSetError(f"unknown pair {pair!r}; the dev set has {', '.join(PAIRS)}")
    src, tgt = pair.split("-")
    return src, tgt


def target_version(pair: str, spelling: str = "modern") -> str:
    """The version id a pair's target side is read from: ``"ru"``, or ``"ru-old"`` for ``spelling="old"``."""
    tgt = pair_languages(pair)[1]
    if spelling == "modern":
        return tgt
    if spelling != "old":
        raise DevSetError(f"unknown spelling {spelling!r}; one of {', '.join(SPELLINGS)}")
    return next(v for v, modern in OLD_SPELLING.items() if modern == tgt)


def gold_path(folder: Path, pair: str) -> Path:
    src, tgt = pair_languages(pair)
    return folder / "gold" / f"{src}__{tgt}.tsv"


# -- reading ---------------------------------------------------------------------------

def parse_lines(text: str) -> tuple[Line, ...]:
    """The non-blank lines of a text, each with its paragraph number (blank lines separate paragraphs)."""
    out: list[Line] = []
    paragraph, pos, in_paragraph = -1, 0, False
    for raw in text.split("\n"):
        if raw.strip():
            if not in_paragraph:
                paragraph += 1
                in_paragraph = True
            out.append(Line(raw, paragraph, pos))
        else:
            in_paragraph = False
        pos += len(raw) + 1
    return tuple(out)


def read_lines(path: Path) -> tuple[Line, ...]:
    """:func:`parse_lines` of a file; a line with surrounding whitespace or a tab is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DevSetError(f"{path}: cannot read: {exc}") from None
    lines = parse_lines(text)
    for n, line in enumerate(lines):
        if line.text != line.text.strip() or "\t" in line.text:
            raise DevSetError(f"{path}: line {n} (0-based, blank lines not counted) has surrounding "
                              "whitespace or a tab; a line is exactly one sentence")
    return lines


def _indices(cell: str, where: str) -> tuple[int, ...]:
    if not cell:
        return ()
    try:
        return tuple(int(x) for x in cell.split(","))
    except ValueError:
        raise DevSetError(f"{where}: {cell!r} is not a comma-separated list of line numbers") from None


def read_gold(path: Path) -> tuple[GoldBead, ...]:
    """The rows of a gold file, each checked against the vocabularies (coverage: :func:`coverage_problems`)."""
    try:
        rows = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise DevSetError(f"{path}: cannot read: {exc}") from None
    if rows and rows[-1] == "":
        rows.pop()
    if not rows or tuple(rows[0].split("\t")) != COLUMNS:
        raise DevSetError(f"{path}: the first row must be the header {' '.join(COLUMNS)} (tab-separated)")
    beads = []
    for n, row in enumerate(rows[1:], 2):
        where = f"{path}, row {n}"
        cells = row.split("\t")
        if len(cells) != len(COLUMNS):
            raise DevSetError(f"{where}: {len(cells)} tab-separated cells, expected {len(COLUMNS)}")
        src, tgt = _indices(cells[0], where), _indices(cells[1], where)
        label, note = cells[2], cells[4].strip()
        changes = tuple(c.strip() for c in cells[3].split(",") if c.strip())
        if label not in LABELS:
            raise DevSetError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
        unknown = [c for c in changes if c not in CHANGES]
        if unknown:
            raise DevSetError(f"{where}: change {', '.join(unknown)} is not one of {', '.join(CHANGES)}")
        shape = {"omission": (bool(src) and not tgt, "a non-empty src and an empty tgt"),
                 "addition": (bool(tgt) and not src, "an empty src and a non-empty tgt")}
        ok, want = shape.get(label, (bool(src) and bool(tgt), "both src and tgt non-empty"))
        if not ok:
            raise DevSetError(f"{where}: a bead labelled {label} needs {want}")
        if label == "equivalent" and (changes or note):
            raise DevSetError(f"{where}: an equivalent bead has no change and no note")
        if label in ("minor", "major") and not changes:
            raise DevSetError(f"{where}: a {label} bead names at least one change")
        if label != "equivalent" and not note:
            raise DevSetError(f"{where}: a {label} bead needs a note saying what differs")
        beads.append(GoldBead(src, tgt, label, changes, note, n))
    return tuple(beads)


def coverage_problems(beads: Sequence[GoldBead], n_src: int, n_tgt: int) -> list[str]:
    """Why the beads do not cover lines ``0..n-1`` of each side exactly once, in order (empty: they do)."""
    problems = []
    for side, n in (("src", n_src), ("tgt", n_tgt)):
        seen = [i for b in beads for i in getattr(b, side)]
        if seen != list(range(n)):
            first = next((k for k, (a, b) in enumerate(zip(seen, range(n))) if a != b), min(len(seen), n))
            row = next((b.row for b in beads if first < len(seen) and seen[first] in getattr(b, side)), None)
            problems.append(f"{side}: the beads list {len(seen)} line numbers for {n} lines; the first "
                            f"out of place is position {first}" + (f" (row {row})" if row else ""))
    return problems


def read_manifest(root: Path = DATA) -> list[dict]:
    """The manifest's documents (``id``, ``genre``, ``split`` and the recorded counts), in order."""
    path = root / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DevSetError(f"{path}: cannot read the manifest: {exc}") from None
    docs = data.get("documents")
    if not isinstance(docs, list) or not docs:
        raise DevSetError(f"{path}: no [[documents]] tables")
    for n, d in enumerate(docs, 1):
        for key in ("id", "genre", "split"):
            if not isinstance(d.get(key), str) or not d[key]:
                raise DevSetError(f"{path}: document {n} has no {key!r}")
        if d["split"] not in SPLITS:
            raise DevSetError(f"{path}: document {d['id']}: split {d['split']!r} is not one of {', '.join(SPLITS)}")
    return docs


def load_document(folder: Path, split: str, genre: str) -> DevDocument:
    """One document folder: its three versions' lines and both gold files, coverage checked."""
    if not folder.is_dir():
        raise DevSetError(f"{folder}: the manifest lists this document but its folder is missing")
    versions = {}
    for pair in PAIRS:
        for lang in pair_languages(pair):
            if lang not in versions:
                versions[lang] = read_lines(folder / f"{lang}.txt")
    for old, modern in OLD_SPELLING.items():
        path = folder / f"{old}.txt"
        if path.exists():
            lines = read_lines(path)
            if [ln.paragraph for ln in lines] != [ln.paragraph for ln in versions[modern]]:
                raise DevSetError(f"{path}: an old-spelling variant has the lines and paragraphs of {modern}.txt "
                                  f"({len(versions[modern])} lines), and this one has {len(lines)} lines or "
                                  "other paragraphs")
            versions[old] = lines
    gold = {}
    for pair in PAIRS:
        path = gold_path(folder, pair)
        beads = read_gold(path)
        src, tgt = pair_languages(pair)
        problems = coverage_problems(beads, len(versions[src]), len(versions[tgt]))
        if problems:
            raise DevSetError(f"{path}: " + "; ".join(problems))
        gold[pair] = beads
    return DevDocument(folder.name, split, genre, folder, versions, gold)


def load_devset(root: Path = DATA, split: str = "all") -> tuple[DevDocument, ...]:
    """Every document of the manifest (or of one split: ``"tune"``, ``"heldout"``), checked.

    :raises DevSetError: a file breaks the format, a gold file does not cover
        its texts, or a document folder is missing from the manifest.
    """
    if split not in (*SPLITS, "all"):
        raise DevSetError(f"unknown split {split!r}; one of {', '.join(SPLITS)}, all")
    entries = read_manifest(root)
    listed = {d["id"] for d in entries}
    strays = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in listed)
    if strays:
        raise DevSetError(f"{root / MANIFEST}: document folder(s) {', '.join(strays)} not listed "
                          "(add them with a split)")
    return tuple(load_document(root / d["id"], d["split"], d["genre"])
                 for d in entries if split == "all" or d["split"] == split)


# -- counts ------------------------------------------------------------------------------

def counts(docs: Sequence[DevDocument], pair: str) -> dict[str, Counter]:
    """``labels``, ``kinds`` (label and shape, e.g. ``equivalent 2-1``) and ``changes`` of one pair's gold beads."""
    out: dict[str, Counter] = {"labels": Counter(), "kinds": Counter(), "changes": Counter()}
    for doc in docs:
        for b in doc.gold[pair]:
            out["labels"][b.label] += 1
            out["kinds"][f"{b.label} {b.kind}"] += 1
            out["changes"].update(b.changes)
    return out


def manifest_text(docs: Sequence[DevDocument]) -> str:
    """``manifest.toml`` for these documents: their ids, genres, splits, line counts and label counts."""
    out = [
        "# The archival-style dev set: fictional documents written by the align workbench team (MIT, as the",
        "# repository). See README.md here. `id`, `genre` and `split` are edited by hand; the counts below each",
        "# document are written by `python benchmarks/_archival.py manifest` and checked by",
        "# tests/test_archival_devset.py.",
        "",
        f"pairs = [{', '.join(repr(p).replace(chr(39), chr(34)) for p in PAIRS)}]",
        f"splits = [{', '.join(repr(s).replace(chr(39), chr(34)) for s in SPLITS)}]",
    ]
    for doc in docs:
        lines = ", ".join(f"{v} = {len(doc.versions[v])}" for v in doc.versions)
        out += ["", "[[documents]]", f'id = "{doc.doc_id}"', f'genre = "{doc.genre}"', f'split = "{doc.split}"',
                f"lines = {{ {lines} }}"]
        for pair in PAIRS:
            c = Counter(b.label for b in doc.gold[pair])
            labels = ", ".join(f"{k} = {c[k]}" for k in LABELS)
            out.append(f"labels.{pair} = {{ beads = {len(doc.gold[pair])}, {labels} }}")
    return "\n".join(out) + "\n"


# -- the command line --------------------------------------------------------------------

def show(doc: DevDocument, pair: str, width: int = 60) -> str:
    """The gold beads of one pair side by side, with indices, label and note: for proof-reading."""
    src, tgt = pair_languages(pair)
    out = []
    for b in doc.gold[pair]:
        left = " ".join(doc.versions[src][i].text for i in b.src) or "—"
        right = " ".join(doc.versions[tgt][j].text for j in b.tgt) or "—"
        head = f"[{','.join(map(str, b.src))}]:[{','.join(map(str, b.tgt))}] {b.label}"
        if b.changes:
            head += f" ({', '.join(b.changes)})"
        out.append(head + (f" — {b.note}" if b.note else ""))
        lw, rw = textwrap.wrap(left, width) or [""], textwrap.wrap(right, width) or [""]
        for k in range(max(len(lw), len(rw))):
            out.append(f"    {lw[k] if k < len(lw) else '':<{width}} | {rw[k] if k < len(rw) else ''}")
    return "\n".join(out)


def counts_table(docs: Sequence[DevDocument]) -> str:
    """Markdown: gold beads per label and shape, per pair and split (what the README's table shows)."""
    out = ["| pair | split | docs | beads | " + " | ".join(LABELS) + " | merges/splits | untranslated |",
           "|" + "---|" * (6 + len(LABELS))]
    for pair in PAIRS:
        for split in (*SPLITS, "all"):
            part = [d for d in docs if split == "all" or d.split == split]
            c = counts(part, pair)
            merges = sum(v for k, v in c["kinds"].items() if k.startswith("equivalent") and not k.endswith(" 1-1"))
            out.append(f"| {pair} | {split} | {len(part)} | {sum(c['labels'].values())} | "
                       + " | ".join(str(c["labels"][k]) for k in LABELS)
                       + f" | {merges} | {c['changes']['untranslated']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Look at and check the archival-style dev set.")
    ap.add_argument("--data", type=Path, default=DATA, help=f"the dev set folder (default: {DATA})")
    sub = ap.add_subparsers(dest="command", required=True)
    sh = sub.add_parser("show", help="print one document's gold beads side by side")
    sh.add_argument("doc_id")
    sh.add_argument("pair", choices=PAIRS)
    sub.add_parser("counts", help="labels, shapes and changes per pair and split")
    sub.add_parser("manifest", help="rewrite manifest.toml's counts from the files")
    args = ap.parse_args(argv)
    try:
        docs = load_devset(args.data)
    except DevSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "show":
        found = [d for d in docs if d.doc_id == args.doc_id]
        if not found:
            print(f"error: no document {args.doc_id!r}; the set has {', '.join(d.doc_id for d in docs)}",
                  file=sys.stderr)
            return 1
        print(show(found[0], args.pair))
    elif args.command == "counts":
        print(counts_table(docs))
        for pair in PAIRS:
            c = counts(docs, pair)
            print(f"\n{pair} shapes: " + ", ".join(f"{k} {v}" for k, v in sorted(c["kinds"].items())))
            print(f"{pair} changes: " + ", ".join(f"{k} {v}" for k, v in sorted(c["changes"].items())))
    else:
        (args.data / MANIFEST).write_text(manifest_text(docs), encoding="utf-8")
        print(f"wrote {args.data / MANIFEST}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
