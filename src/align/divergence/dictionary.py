"""The English→Russian dictionary the lexical component reads: found on the system, indexed once, cached.

The workbench ships no dictionary.  It reads V. K. Mueller's English–Russian
dictionary (7th edition, electronic version by S. Starostin and
E. S. Cymbalyuk, GPL-2+ data) where Debian's ``mueller7-dict`` package puts it
(``apt-get install mueller7-dict``)::

    /usr/share/dictd/mueller7.index      headword, offset, length (base64)
    /usr/share/dictd/mueller7.dict.dz    the entries, dictzip (= gzip) compressed

or any dictd dictionary whose ``.index`` path ``$ALIGN_DICTIONARY`` names.  It
is read at run time and never copied into the repository or an output file.

**The index.**  Each entry is reduced to *English headword → Russian lemmas*:
the entry's text loses its transcriptions (``[haʊs]``), grammar and usage labels
(``_n.``, ``_разг.``), remarks in brackets (``(о жидкости)``), abbreviations
(``кто-л.``, ``и т.п.``); what is left is split into translations at ``;``,
``,`` and sense numbers.  A translation without Latin letters is a *main*
translation; the Russian words after an English example ("to keep house
вести хозяйство") are *example* translations, kept apart since an idiom's
words need not translate the headword.  Every Russian word becomes its
pymorphy3 normal form, ё written е (``лётчики`` → ``летчик``, participles →
infinitive);
pronouns, numerals and interjections are dropped.  A cross-reference (``honor … = honour``) takes
its target's translations.

Building the index parses about 46,000 entries with pymorphy3 (a few seconds,
once).  The result is written as JSON to the user cache folder next to the
embedding cache (``$ALIGN_CACHE_DIR``, else ``~/.cache/align-workbench``),
under a name holding the SHA-256 of the dictionary's files and
:data:`PARSER`; a changed dictionary or parser gets a new file, and a cache
that cannot be read or written is rebuilt in memory with a warning.  Loading
the cached index takes a fraction of a second, once per process.

:attr:`Dictionary.identity` (name, parser version, digest) goes into the
scorer's signature, so ``align run`` re-scores alignments when the dictionary
changes.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Where Debian's ``mueller7-dict`` installs the dictionary.
SYSTEM_INDEX = Path("/usr/share/dictd/mueller7.index")
#: The environment variable naming another dictd ``.index`` file (its ``.dict.dz`` or ``.dict`` beside it).
ENV = "ALIGN_DICTIONARY"
#: One line telling a user how to get the dictionary.
HOW_TO_GET = ("lexical coverage (en–ru) is off: no English–Russian dictionary found; install one with "
              "`sudo apt-get install mueller7-dict` (or set ALIGN_DICTIONARY to a dictd .index file)")
#: The version of the parsing rules below; a new one rebuilds every cached index.
PARSER = 4
#: The cache file's layout.
FORMAT = 1

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_TRANSCRIPTION = re.compile(r"\[[^\]\n]*\]")
_LABEL = re.compile(r"(?<!\w)_[^\s.;,()]+\.?")
_BRACES = re.compile(r"\{[^{}]*\}")
_PARENS = re.compile(r"\([^()]*\)")
_SENSE = re.compile(r"(?:^|\s)(?:\d+[.)]|[а-яa-z]\))")
_CYR_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*(\.)?", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_XREF = re.compile(r"=\s*([a-z][a-z' -]*[a-z])", re.IGNORECASE)
#: Russian parts of speech kept as translations: content words, and the particles, conjunctions and
#: prepositions that translate English adverbs ("also" → "также", "however" → "однако", "about" → "около").
_KEPT_POS = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "PRED", "PRCL", "CONJ",
             "PREP"}
#: Words of the dictionary's own metalanguage, never translations.
_META = {"употр", "употребляется", "обыкн", "преим", "особ", "тж", "напр", "см", "перен", "ср", "букв"}


def _b64(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64[c]
    return n


@dataclass(frozen=True)
class DictionaryFiles:
    """A dictd dictionary on disk: its ``.index`` and its ``.dict.dz`` (or ``.dict``)."""

    index: Path
    data: Path

    @property
    def name(self) -> str:
        return self.index.name.removesuffix(".index")

    def digest(self) -> str:
        """SHA-256 of both files (hex, first 16 digits)."""
        h = hashlib.sha256()
        for p in (self.index, self.data):
            h.update(p.read_bytes())
        return h.hexdigest()[:16]


def find(path: str | Path | None = None) -> DictionaryFiles | None:
    """The dictionary files: ``path`` (an ``.index`` file), else ``$ALIGN_DICTIONARY``, else
    Debian's ``/usr/share/dictd/mueller7.index``; None when there is none (an empty
    ``$ALIGN_DICTIONARY`` switches the dictionary off)."""
    if path is None:
        env = os.environ.get(ENV)
        if env is not None and not env.strip():
            return None
        path = env or SYSTEM_INDEX
    index = Path(path)
    if index.suffix != ".index":
        index = index.with_name(index.name.split(".")[0] + ".index")
    stem = index.name.removesuffix(".index")
    for data in (index.with_name(stem + ".dict.dz"), index.with_name(stem + ".dict")):
        if index.is_file() and data.is_file():
            return DictionaryFiles(index, data)
    return None


@dataclass(frozen=True, eq=False)
class Dictionary:
    """English headword (lower case) → Russian lemmas, from main translations and from examples.

    ``russian`` holds every lemma of a main translation: the Russian words the
    dictionary knows.  ``identity`` names the dictionary, the parser and the files' digest."""

    main: Mapping[str, frozenset[str]]
    examples: Mapping[str, frozenset[str]]
    russian: frozenset[str]
    identity: str

    def translations(self, headword: str, *, examples: bool = False) -> frozenset[str]:
        """The Russian lemmas that translate ``headword`` (lower case)."""
        got = self.main.get(headword, frozenset())
        if examples:
            got = got | self.examples.get(headword, frozenset())
        return got

    def __contains__(self, headword: object) -> bool:
        return headword in self.main

    def headwords(self, lemma: str) -> frozenset[str]:
        """The headwords one of whose main translations is ``lemma``."""
        return _reverse(self).get(lemma, frozenset())

    def __len__(self) -> int:
        return len(self.main)


@lru_cache(maxsize=4)
def _reverse(dictionary: Dictionary) -> dict[str, frozenset[str]]:
    """Russian lemma → the headwords it translates (built on first use, from the index's numbers when
    it has them: no set per headword is made)."""
    main = dictionary.main
    out: dict[str, list[str]] = {}
    if isinstance(main, _Table):
        lemmas = main.lemmas
        by_number: dict[int, list[str]] = {}
        for head, numbers in main.packed.items():
            for i in numbers:
                by_number.setdefault(i, []).append(head)
        out = {lemmas[i]: heads for i, heads in by_number.items()}
    else:
        for head, translations in main.items():
            for lemma in translations:
                out.setdefault(lemma, []).append(head)
    return {k: frozenset(v) for k, v in out.items()}


# -- parsing ---------------------------------------------------------------------------------

def read_entries(files: DictionaryFiles) -> Iterable[tuple[str, str]]:
    """(headword, entry text) for every entry, in index order; the dictionary's own ``00-database``
    entries left out."""
    opener = gzip.open if files.data.name.endswith(".dz") else open
    with opener(files.data, "rb") as fh:
        data = fh.read()
    with files.index.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
                continue
            start, size = _b64(parts[1]), _b64(parts[2])
            yield parts[0], data[start:start + size].decode("utf-8", "replace")


def _strip_parens(text: str) -> str:
    while True:
        new = _PARENS.sub(" ", text)
        if new == text:
            return new
        text = new


def split_entry(body: str) -> tuple[list[str], list[str], str | None]:
    """The entry text of one headword → (main translations, example translations, cross-reference).

    Translations are strings of Russian words (abbreviations already dropped)."""
    lines = body.split("\n")
    text = " ".join(line.strip() for line in lines[1:]) if len(lines) > 1 else ""
    text = _TRANSCRIPTION.sub(" ", text)
    text = _BRACES.sub(" ", text)
    text = _LABEL.sub(" ", text)
    text = text.replace("(ся)", "").replace("(сь)", "")
    text = _strip_parens(text)
    xref = None
    m = _XREF.search(text)
    if m and not re.search(r"[а-яё]", text, re.IGNORECASE):
        xref = m.group(1).strip().lower()
    main: list[str] = []
    examples: list[str] = []
    for chunk in _SENSE.split(text):
        # a sense lists its translations first, then examples ("to keep house вести хозяйство")
        # and what explains them: everything from the first Latin letter on is an example
        first = _LATIN.search(chunk)
        head, tail = (chunk[:first.start()], chunk[first.start():]) if first else (chunk, "")
        for part, into in ((head, main), (tail, examples)):
            for piece in re.split(r"[;,:!?]", part):
                words = [w.group(0) for w in _CYR_WORD.finditer(piece)
                         if not w.group(1) and not w.group(0).endswith("-л")]
                if words:
                    into.append(" ".join(words))
    return main, examples, xref


class _Lemmatiser:
    """pymorphy3 normal forms of content words, each distinct word analysed once."""

    def __init__(self) -> None:
        import pymorphy3
        self.morph = pymorphy3.MorphAnalyzer(lang="ru")
        self.seen: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        w = word.lower()
        if w in self.seen:
            return self.seen[w]
        lemmas: tuple[str, ...] = ()
        if w not in _META and len(w) > 1:
            parses = self.morph.parse(w)
            best = parses[0].score if parses else 0.0
            # every likely reading: "данные" is "данные" (data) as well as "дать" (given)
            lemmas = tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses[:4]
                                         if p.tag.POS in _KEPT_POS and p.score >= 0.3 * best))
        self.seen[w] = lemmas
        return lemmas


def build(files: DictionaryFiles) -> dict[str, dict[str, list[str]]]:
    """Parse the dictionary: ``{"main": {headword: [lemmas]}, "examples": {...}}`` (headwords lower case)."""
    lemma = _Lemmatiser()
    main: dict[str, set[str]] = {}
    examples: dict[str, set[str]] = {}
    xrefs: dict[str, str] = {}
    for head, body in read_entries(files):
        key = " ".join(head.lower().split())
        m, e, x = split_entry(body)
        got_m = {lem for t in m for w in t.split() for lem in lemma(w)}
        got_e = {lem for t in e for w in t.split() for lem in lemma(w)}
        if got_m:
            main.setdefault(key, set()).update(got_m)
        if got_e:
            examples.setdefault(key, set()).update(got_e - got_m)
        if x and not got_m:
            xrefs[key] = x
    for key, target in xrefs.items():
        if key not in main and target in main:
            main[key] = set(main[target])
    return {"main": {k: sorted(v) for k, v in main.items()},
            "examples": {k: sorted(v - main.get(k, set())) for k, v in examples.items() if v - main.get(k, set())}}


# -- the cache -------------------------------------------------------------------------------

def _cache_file(files: DictionaryFiles, digest: str, cache_dir: Path | None) -> Path:
    from ..embed.cache import default_cache_dir
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / "dictionaries" / f"{files.name}-p{PARSER}-{digest}.json"


def _pack(tables: dict[str, dict[str, list[str]]], about: dict[str, object]) -> dict[str, object]:
    main = {w for v in tables["main"].values() for w in v}
    lemmas = sorted(main) + sorted({w for v in tables["examples"].values() for w in v} - main)
    number = {w: i for i, w in enumerate(lemmas)}
    return {"format": FORMAT, "about": about, "russian": lemmas, "main_russian": len(main),
            **{name: {k: [number[w] for w in v] for k, v in table.items()} for name, table in tables.items()}}


class _Table(Mapping[str, frozenset[str]]):
    """Headword → Russian lemmas, kept as the cache file's numbers and turned into sets on first use
    (so loading the index does not build 50,000 sets)."""

    def __init__(self, packed: dict[str, list[int]], lemmas: list[str]) -> None:
        self.packed = packed
        self.lemmas = lemmas
        self._sets: dict[str, frozenset[str]] = {}

    def __getitem__(self, key: str) -> frozenset[str]:
        got = self._sets.get(key)
        if got is None:
            lemmas = self.lemmas
            got = frozenset(lemmas[i] for i in self.packed[key])
            self._sets[key] = got
        return got

    def __contains__(self, key: object) -> bool:
        return key in self.packed

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


def _unpack(data: Mapping[str, object], identity: str) -> Dictionary:
    if data.get("format") != FORMAT:
        raise ValueError(f"cache format {data.get('format')!r}")
    lemmas, count, main, examples = data["russian"], data["main_russian"], data["main"], data["examples"]
    if not (isinstance(lemmas, list) and isinstance(count, int) and isinstance(main, dict)
            and isinstance(examples, dict)):
        raise ValueError("not a dictionary index")
    return Dictionary(_Table(main, lemmas), _Table(examples, lemmas), frozenset(lemmas[:count]), identity)


def load(path: str | Path | None = None, *, cache_dir: str | Path | None = None) -> Dictionary | None:
    """The dictionary's index (see the module docstring), or None when no dictionary is installed.

    The parsed index is cached on disk; the loaded one is kept for the process
    (per path and cache folder)."""
    files = find(path)
    if files is None:
        return None
    return _load(files, Path(cache_dir) if cache_dir is not None else None)


def identity(path: str | Path | None = None) -> str | None:
    """The installed dictionary's identity (name, parser version, digest of its files), without
    loading its index; None when there is none."""
    files = find(path)
    return None if files is None else _identity(files)


@lru_cache(maxsize=4)
def _identity(files: DictionaryFiles) -> str:
    return f"{files.name}/p{PARSER}/{files.digest()}"


@lru_cache(maxsize=4)
def _load(files: DictionaryFiles, cache_dir: Path | None) -> Dictionary:
    ident = _identity(files)
    digest = ident.rsplit("/", 1)[1]
    target = _cache_file(files, digest, cache_dir)
    try:
        with target.open(encoding="utf-8") as fh:
            return _unpack(json.load(fh), ident)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError) as exc:
        warnings.warn(f"dictionary index {target} is unreadable ({exc}); rebuilding it", stacklevel=3)
    tables = build(files)
    packed = _pack(tables, {"dictionary": str(files.index), "parser": PARSER, "digest": digest})
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(packed, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        warnings.warn(f"cannot write the dictionary index to {target} ({exc}); it will be rebuilt next time",
                      stacklevel=3)
    return _unpack(packed, ident)
