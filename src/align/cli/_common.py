"""Helpers shared by the command modules: output files and common options."""
from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..aligner.overrides import setting_fields, settings_from
from ..aligner.settings import AlignerSettings
from ..embed.base import Encoder
from ..embed.registry import DEFAULT_MODEL
from ..errors import InputError
from ..pipeline import resolve_encoder
from ..store import atomic_write_text, looks_like_store


def count_or_auto(what: str) -> Callable[[str], int]:
    """An argparse ``type``: a number of ``what`` (at least 1), or ``auto`` (returned as 0)."""
    def parse(value: str) -> int:
        if value == "auto":
            return 0
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number of {what} or 'auto', not {value!r}") from None
        if n < 1:
            raise argparse.ArgumentTypeError("must be at least 1, or auto")
        return n
    return parse


def encoder_from_args(args: argparse.Namespace) -> Encoder:
    """The encoder the model options ask for (:func:`add_model_option`), behind the cache unless ``--no-cache``."""
    return resolve_encoder(args.model, cache=not args.no_cache, cache_dir=args.cache_dir, device=args.device,
                           threads=args.threads)


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, metavar="M",
                   help=f"encoder: '{DEFAULT_MODEL}' (bundled, default), a sentence-transformers "
                        "hub name (needs network) or a local model folder")
    p.add_argument("--device", default=None, help="torch device for sentence-transformers models (default: auto)")
    p.add_argument("--threads", type=count_or_auto("threads"), default=0, metavar="N",
                   help="cores the encoder may use (default 'auto': every core this process may run on; "
                        "OMP_NUM_THREADS does not limit it, this does)")
    p.add_argument("--no-cache", action="store_true", help="do not use the on-disk embedding cache")
    p.add_argument("--cache-dir", default=None,
                   help="embedding cache folder (default: $ALIGN_CACHE_DIR or ~/.cache/align-workbench)")


def add_settings_option(p: argparse.ArgumentParser) -> None:
    """``--set KEY=VALUE`` (repeatable): one aligner setting; see :func:`settings_from_args`."""
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="change one aligner setting (repeatable), e.g. --set skip=-0.2 --set max_merge=4; "
                        "the settings are listed under 'Aligner settings' below. A changed setting is "
                        "recorded in the alignment's signature")


def settings_epilog() -> str:
    """The aligner settings and their defaults, for a command's --help."""
    items = [f"{k}={v!r}" for k, v in setting_fields().items()]
    return ("Aligner settings (--set KEY=VALUE; defaults shown; see docs/architecture.md): "
            + ", ".join(items) + ".")


def settings_from_args(args: argparse.Namespace) -> AlignerSettings:
    """The aligner settings a command was given (library defaults plus ``--set``); InputError if bad."""
    return settings_from(getattr(args, "overrides", []) or [])[0]


def refuse_to_replace_store(path: str | Path | None, *, force: bool = False, force_flag: str = "") -> None:
    """Raise :class:`~align.errors.InputError` when ``path`` (an output about to be written) is an alignment
    store file: writing there would replace the alignment and its review.  ``force`` (the command's
    ``force_flag``) lets it through."""
    if not path or str(path) == "-" or force or not looks_like_store(path):
        return
    how = f", or pass {force_flag} to replace it (its review is lost)" if force_flag else ""
    raise InputError(f"{path}: is an alignment file with its review; writing there would replace it. "
                     f"Choose another output file{how}")


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file written atomically (nothing is left half-written on error).  An alignment store
    file is never written over (see :func:`refuse_to_replace_store`)."""
    if not path or path == "-":
        yield sys.stdout
        return
    refuse_to_replace_store(path)

    buf = io.StringIO()
    yield buf
    atomic_write_text(Path(path), buf.getvalue())
