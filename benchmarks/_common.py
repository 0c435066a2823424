"""What the alignment benchmarks share: paths, settings from the command line, timing, memory, output.

Nothing here knows a data set.  Each benchmark script builds its inputs, calls
the library (``align.aligner``, ``align.evaluate``) and hands its numbers to
:func:`emit`, which prints a markdown table (header and one row) and, with
``--json``, one JSON line carrying everything needed to reproduce the row
(settings signature, model identity, code version, machine).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: ``../shared/bench`` seen from the repository root.
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"


# -- command line ---------------------------------------------------------------

def add_common_args(ap: argparse.ArgumentParser, *, encoder: bool = True) -> None:
    """Options every benchmark takes: data folder, aligner overrides, JSON output (and the encoder's)."""
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                    help=f"the shared benchmark folder (default: {DEFAULT_BENCH})")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="override one AlignerSettings field, e.g. --set skip=-0.1 (repeatable)")
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    if encoder:
        ap.add_argument("--model", default=None, help="encoder name (default: the bundled e5-small)")
        ap.add_argument("--prefix", default=None, choices=("query", "passage"),
                        help="E5 text prefix (default: the encoder's own, query)")
        ap.add_argument("--cache-dir", type=Path, default=None,
                        help="embedding cache folder (default: $ALIGN_CACHE_DIR or ~/.cache/align-workbench)")


def settings_from(overrides: Sequence[str]):
    """Default :class:`AlignerSettings` with ``key=value`` overrides (:mod:`align.aligner.overrides`,
    the same parser as the commands' ``--set``).  Returns ``(settings, changes)``.

    :raises InputError: an unknown key, or a value the field cannot take.
    """
    from align.aligner.overrides import settings_from as parse
    return parse(overrides)


def parse_settings(ap: argparse.ArgumentParser, overrides: Sequence[str]):
    """:func:`settings_from`, with a bad override reported as a usage error (exit 2)."""
    from align.errors import InputError
    try:
        return settings_from(overrides)
    except InputError as exc:
        ap.error(str(exc))


def read_lines(path: Path) -> list[str]:
    """One sentence per line, exactly as given (no stripping; a final newline ends the last line)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def skip(message: str) -> int:
    """Say why nothing was measured; benchmarks exit 0 when their data is absent."""
    print(f"skipping: {message}")
    return 0


# -- the encoder, timed ------------------------------------------------------------

class TimedEncode:
    """Wraps an ``encode`` callable: wall and CPU seconds spent in it, texts asked for, distinct texts.

    ``distinct`` is what a run with an empty cache would embed (the cache
    embeds each new text once), so it does not depend on the cache's state.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray]) -> None:
        self._encode = encode
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.texts = 0
        self._seen: set[str] = set()
        self.memo: dict[str, np.ndarray] = {}

    @property
    def distinct(self) -> int:
        return len(self._seen)

    def __call__(self, texts: list[str]) -> np.ndarray:
        t0, c0 = time.perf_counter(), time.process_time()
        vecs = self._encode(texts)
        self.seconds += time.perf_counter() - t0
        self.cpu_seconds += time.process_time() - c0
        self.texts += len(texts)
        self._seen.update(texts)
        for t, v in zip(texts, vecs):
            self.memo[t] = v
        return vecs

    def from_memory(self, texts: list[str]) -> np.ndarray:
        """The same vectors again, from memory (for a second, traced pass of the alignment)."""
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)


def make_encoder(args: argparse.Namespace):
    """The encoder the benchmark asks for, behind the on-disk cache (``resolve_encoder``)."""
    from align.pipeline import resolve_encoder
    return resolve_encoder(args.model, cache=True, cache_dir=args.cache_dir, prefix=args.prefix)


def model_calls(encoder) -> int:
    """Texts the model really embedded so far (cache misses)."""
    inner = getattr(encoder, "inner", encoder)
    return int(getattr(inner, "calls", 0))


# -- memory -------------------------------------------------------------------------

def max_rss_mb() -> float:
    """The process's peak resident set so far (``ru_maxrss``), in MB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class PeakRSS:
    """Peak RSS growth over a block: resets the kernel's high-water mark where Linux allows it.

    ``delta_mb`` = peak RSS during the block − RSS when it began.  Where
    ``/proc/self/clear_refs`` cannot be written, it falls back to the growth of
    ``ru_maxrss``, which underestimates when an earlier peak was higher
    (``method`` says which was used).
    """

    def __enter__(self) -> PeakRSS:
        self.before_kb = _status_kb("VmRSS") or 0
        self.method = "VmHWM reset"
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
                fh.write("5")
        except OSError:
            self.method = "ru_maxrss growth"
            self.before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return self

    def __exit__(self, *exc) -> None:
        if self.method == "VmHWM reset":
            peak = _status_kb("VmHWM") or 0
        else:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.delta_mb = max(0, peak - self.before_kb) / 1024


# -- provenance and output ------------------------------------------------------------

def machine() -> dict[str, object]:
    """CPU model, core count, thread settings and date: what the numbers were measured on."""
    model = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "omp_threads": os.environ.get("OMP_NUM_THREADS"),
            "python": platform.python_version(), "date": _dt.date.today().isoformat()}


def code_version() -> str:
    """``align`` version plus the git commit of this tree (``+dirty`` when it has local changes)."""
    from align import __version__
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head, dirty = "", ""
    return f"{__version__}+{head}{'.dirty' if dirty else ''}" if head else __version__


def emit(title: str, columns: Sequence[tuple[str, str]], record: dict[str, object], as_json: bool) -> None:
    """Print a markdown header and one row (``columns`` = (header, key into ``record``)); JSON on request."""
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 100 else f"{v:.0f}"
        return "" if v is None else str(v)

    print(f"\n{title}\n")
    print("| " + " | ".join(h for h, _ in columns) + " |")
    print("|" + "---|" * len(columns))
    print("| " + " | ".join(cell(record.get(k)) for _, k in columns) + " |")
    if as_json:
        print(json.dumps(record, ensure_ascii=False, default=_jsonable))


def _jsonable(v: object) -> object:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, Path):
        return str(v)
    raise TypeError(type(v).__name__)


def provenance(settings, changes: dict[str, object], encoder=None) -> dict[str, object]:
    """Settings signature, overrides, model identity, code version and machine, for the JSON line."""
    out: dict[str, object] = {"settings": settings.signature(), "overrides": changes,
                              "code": code_version(), "machine": machine()}
    if encoder is not None:
        out["model"] = encoder.identity
    return out


def pct(x: float) -> str:
    """A share as a percentage with one decimal, for the tables (0.2345 -> "23.5")."""
    return f"{100 * x:.1f}"


def rounded(d: dict[str, object], places: int = 4) -> dict[str, object]:
    return {k: round(v, places) if isinstance(v, float) else v for k, v in d.items()}


def warm_up(settings, n: int = 700, dim: int = 384, seed: int = 0) -> float:
    """One alignment of random vectors, large enough for the coarse-to-fine path: loads (or compiles)
    the numba kernels outside the clock.  Returns its wall time in seconds."""
    from align.aligner import align_vectors
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    t0 = time.perf_counter()
    align_vectors(x, x.copy(), np.full(n, 100.0), np.full(n, 100.0), settings)
    return time.perf_counter() - t0
