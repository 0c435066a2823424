"""The ``align`` command: a thin layer over the library.

Each module in this package defines ``register(subparsers)`` which adds its
commands, and the handlers that call the library (imported at the top of each
module; the heavy libraries — torch, pandas, lxml, nltk, numba, Dask — load
only when a command needs them).
Library errors (:class:`~align.errors.AlignError`) become one clean message on
stderr and exit status 1; usage errors exit with 2.
"""
from __future__ import annotations

import _thread
import argparse
import importlib
import os
import pkgutil
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import TextIO

from .. import __version__
from ..errors import AlignError

#: Command modules in the order their commands appear in ``align --help``.
ORDER = ("add", "run", "segment", "pair", "evaluate", "export", "importer", "report", "review", "scoring")


def _command_modules() -> list[str]:
    found = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    return [m for m in ORDER if m in found] + sorted(found - set(ORDER))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="align",
        description="Translation alignment and comparison workbench: segment versions of a document, "
                    "align them sentence by sentence, score where they diverge, review, export TMX.")
    parser.add_argument("--version", action="version", version=f"align {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _command_modules():
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    # on a terminal, first clear the progress line (align.progress), which is redrawn below the warning
    clear = "\r\033[K" if sys.stderr.isatty() else ""
    print(f"{clear}align: warning: {message}", file=sys.stderr)


#: The exit status of a command stopped by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


def _interrupt_again(unraisable: sys.UnraisableHookArgs,
                     default: Callable[[sys.UnraisableHookArgs], object] = sys.unraisablehook) -> None:
    """``sys.unraisablehook`` of the command: a Ctrl-C that lands in a finaliser (an object's ``__del__``,
    run by the garbage collector anywhere) cannot be raised there; Python would print "Exception ignored
    in …" and go on as if no key had been pressed.  It is delivered again instead, so the command stops at
    the next point where it can — and nothing is printed."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        # from another thread: a call here would raise it again inside this hook (no Python-level lock is
        # taken, since the collector may have run this finaliser anywhere)
        _thread.start_new_thread(_thread.interrupt_main, (signal.SIGINT,))
        return
    default(unraisable)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit status.

    Called as the ``align`` command (``argv`` None), a command stopped by Ctrl-C exits at once
    after its message (``os._exit``): every file is written atomically and closed by then, and
    tearing down the interpreter (numba, NLTK, a model) can take longer than the two seconds
    within which Ctrl-C must stop a run.  Called with ``argv`` (tests, scripts), it returns."""
    previous = warnings.showwarning
    if argv is None:
        sys.unraisablehook = _interrupt_again
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        warnings.showwarning = _show_warning
        rc = int(args.handler(args) or 0)
    except AlignError as exc:
        print(f"align: error: {exc}", file=sys.stderr)
        rc = 1
    except KeyboardInterrupt:
        print("align: interrupted", file=sys.stderr)
        rc = INTERRUPTED
    except BrokenPipeError:
        rc = 0
    finally:
        warnings.showwarning = previous
    if rc == INTERRUPTED and argv is None:
        _exit_now(rc)
    if argv is None and threading.current_thread() is threading.main_thread():
        # the command is done and its files written; what is left is the interpreter's teardown (Dask,
        # numba, a model: up to seconds), during which Python puts SIGINT back to its default, so a
        # Ctrl-C then would kill the process by the signal and lose the exit status
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    return rc


def _exit_now(status: int) -> None:
    mp_util = sys.modules.get("multiprocessing.util")
    if mp_util is not None:  # release what worker processes shared (semaphores), as a normal exit would
        try:
            mp_util._run_finalizers(0)
        except Exception:  # noqa: BLE001 - exiting anyway
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
