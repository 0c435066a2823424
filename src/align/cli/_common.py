"""Helpers shared by the command modules: output files and common options."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


def add_model_option(p: argparse.ArgumentParser) -> None:
    from ..embed.registry import DEFAULT_MODEL
    p.add_argument("--model", default=None, metavar="M",
                   help=f"encoder: '{DEFAULT_MODEL}' (bundled, default), a sentence-transformers "
                        "hub name (needs network) or a local model folder")
    p.add_argument("--device", default=None, help="torch device for sentence-transformers models (default: auto)")
    p.add_argument("--no-cache", action="store_true", help="do not use the on-disk embedding cache")
    p.add_argument("--cache-dir", default=None, help="embedding cache folder (default: $ALIGN_CACHE_DIR or ~/.cache/align-workbench)")


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file written atomically (nothing is left half-written on error)."""
    if not path or path == "-":
        yield sys.stdout
        return
    import io
    from ..store import atomic_write_text
    buf = io.StringIO()
    yield buf
    atomic_write_text(Path(path), buf.getvalue())
