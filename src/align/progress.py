"""One progress display per run: the stage, its counts, the rate and an ETA, on one line of stderr.

A run (``align run``, ``align pair``) goes through the stages of :data:`STAGES` for every pair:
segmenting, embedding sentences, aligning, embedding windows, scoring.  The pipeline names the
stage (:meth:`Progress.stage`); the encoder counts the texts it embeds (:meth:`Progress.advance`);
the embedding cache takes the texts it already holds off the stage's total
(:meth:`Progress.discount`), so counts and ETA are those of the real work.  A run over several
pairs also counts pairs (:meth:`Progress.start_pairs`, :meth:`Progress.pair`,
:meth:`Progress.pair_done`) and gives an ETA for the whole run.

:class:`Progress` itself draws nothing: it is what the library uses when nobody asked for a
display.  :class:`TerminalProgress` draws, and only when its stream is a terminal: a run whose
stderr is a file, a pipe or a test's capture stays quiet.  Which one a run gets is the caller's
choice (the CLI: a terminal, and no ``--json``); :func:`as_progress` turns the ``progress``
argument the pipeline has always taken (``True``/``False``) into one.

The display is written here rather than with tqdm: stages change many times per pair (the
null-bead pass embeds a few windows at a time), and a bar that resets and redraws on each
change flickers; this one redraws at most every :data:`REDRAW_SECONDS` whatever happens.
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

SEGMENTING = "segmenting"
EMBEDDING_SENTENCES = "embedding sentences"
EMBEDDING_WINDOWS = "embedding windows"
ALIGNING = "aligning"
SCORING = "scoring"
#: The stages of one pair, in the order a pair first reaches them.
STAGES = (SEGMENTING, EMBEDDING_SENTENCES, ALIGNING, EMBEDDING_WINDOWS, SCORING)
#: The display is redrawn at most this often (a stage change included).
REDRAW_SECONDS = 0.25


class Progress:
    """What a stage reports; this base class keeps the counts and draws nothing."""

    def __init__(self) -> None:
        self.current = ""
        self.counts: dict[str, list[int]] = {}   # stage -> [done, total]
        self.seen: list[str] = []                # stages in the order they were first entered
        self.pairs_total = 0
        self.pairs_done = 0
        self.pair_key = ""
        self._started = time.monotonic()
        self._stage_started = self._started
        self._stage_done_at_start = 0

    # -- stages -------------------------------------------------------------------

    def stage(self, name: str, total: int = 0) -> None:
        """Enter stage ``name``; ``total`` more items of work in it (they add up when a stage is
        entered again, as the window stage is after each refinement)."""
        if name not in self.counts:
            self.counts[name] = [0, 0]
            self.seen.append(name)
        self.counts[name][1] += max(0, int(total))
        if name != self.current:
            self.current = name
            self._stage_started = time.monotonic()
            self._stage_done_at_start = self.counts[name][0]
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        """``n`` items of the current stage done (texts embedded)."""
        if self.current:
            self.counts[self.current][0] += int(n)
        self._draw()

    def discount(self, n: int) -> None:
        """``n`` items of the current stage need no work (texts found in the cache): off its total."""
        if self.current and n:
            done, total = self.counts[self.current]
            self.counts[self.current][1] = max(done, total - int(n))
        self._draw()

    # -- pairs --------------------------------------------------------------------

    def start_pairs(self, total: int) -> None:
        """A run with ``total`` pairs to compute starts."""
        self.pairs_total, self.pairs_done = int(total), 0
        self._started = time.monotonic()
        self._draw(force=True)

    def pair(self, key: str) -> None:
        """Pair ``key`` starts: the stage counts start again."""
        self.pair_key = key
        self.current, self.counts, self.seen = "", {}, []
        self._draw(force=True)

    def pair_done(self) -> None:
        self.pairs_done += 1
        self._draw(force=True)

    def close(self) -> None:
        """The run is over (or interrupted): take the display away."""

    # -- what a display shows ---------------------------------------------------------

    def rate(self) -> float | None:
        """Items per second in the current stage since it was entered (None: too early to tell)."""
        if not self.current:
            return None
        seconds = time.monotonic() - self._stage_started
        done = self.counts[self.current][0] - self._stage_done_at_start
        return done / seconds if seconds > 0.5 and done > 0 else None

    def eta(self) -> float | None:
        """Seconds left: of the whole run once a pair of several is done, else of the current stage."""
        if self.pairs_total > 1 and self.pairs_done:
            spent = time.monotonic() - self._started
            return spent / self.pairs_done * (self.pairs_total - self.pairs_done)
        rate = self.rate()
        if rate is None:
            return None
        done, total = self.counts[self.current]
        return max(0, total - done) / rate

    def line(self) -> str:
        """The display as one line of text."""
        parts = []
        if self.pairs_total > 1:
            parts.append(f"pair {min(self.pairs_done + 1, self.pairs_total)}/{self.pairs_total}"
                         + (f" {self.pair_key}" if self.pair_key else ""))
        if self.current:
            done, total = self.counts[self.current]
            text = self.current + (f" {done:,}/{total:,}" if total else "")
            rate = self.rate()
            if rate is not None and total:
                text += f" ({rate:.1f}/s)"
            parts.append(text)
        eta = self.eta()
        if eta is not None:
            parts.append(f"ETA {_clock(eta)}")
        return "align: " + " · ".join(parts) if parts else ""

    def _draw(self, force: bool = False) -> None:
        pass


class TerminalProgress(Progress):
    """The display, on one line of ``stream`` (default stderr) — only when that stream is a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._drawn_at = 0.0
        self._shown = False

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn_at < REDRAW_SECONDS and not (force and now - self._drawn_at >= REDRAW_SECONDS / 5):
            return
        self._drawn_at = now
        width = shutil.get_terminal_size((100, 24)).columns - 1
        self.stream.write("\r\033[K" + self.line()[:width])
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False


def as_progress(progress: bool | Progress | None) -> Progress:
    """The display for a ``progress`` argument: one given is used as it is; ``True`` draws on stderr
    when it is a terminal; ``False``/``None`` draw nothing."""
    if isinstance(progress, Progress):
        return progress
    return TerminalProgress() if progress else Progress()


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
