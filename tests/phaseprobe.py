"""``align`` with a marker on stderr each time a stage of the chosen phase starts (for Ctrl-C tests).

Run as ``ALIGN_PROBE_PHASE=PHASE python tests/phaseprobe.py run ...`` (the arguments are
``align``'s), PHASE one of :data:`PHASES`: every call to that stage writes ``@@phase PHASE`` to
stderr first, from whichever process runs it (the driver, or a Dask worker: workers import this file
as their main module, so the markers are installed there too).  Nothing else changes: the
stages run as they always do, and ``align`` exits as the command would.
"""
from __future__ import annotations

import functools
import os
import sys

PHASES = ("segmenting", "embedding", "aligning", "scoring", "writing")
_PHASE = os.environ.get("ALIGN_PROBE_PHASE", "")


def _marked(name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if name == _PHASE:
            sys.stderr.write(f"@@phase {name}\n")
            sys.stderr.flush()
        return fn(*args, **kwargs)
    return wrapper


def _install() -> None:
    # each stage where the code that runs it looks it up (a name imported at the top of a module is
    # that module's attribute)
    import align.aligner.kernels as kernels
    import align.batch.write
    import align.divergence
    import align.pipeline
    from align.embed.hashing import HashingEncoder
    align.pipeline.segment_text = _marked("segmenting", align.pipeline.segment_text)
    HashingEncoder._encode_batch = _marked("embedding", HashingEncoder._encode_batch)
    kernels.banded_dp = _marked("aligning", kernels.banded_dp)
    align.divergence.score_alignment = _marked("scoring", align.divergence.score_alignment)
    align.batch.write.merge_into_store = _marked("writing", align.batch.write.merge_into_store)


_install()

if __name__ == "__main__":
    from align.cli import main
    sys.exit(main())
