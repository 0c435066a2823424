"""Any sentence-transformers model, by hub name (for users who are online) or local folder.

Loading never hangs offline: with ``HF_HUB_OFFLINE=1`` (the default in the
``workbench`` script and CI) a hub name that is not already in the local
Hugging Face cache fails at once with :class:`~align.errors.ModelError`.
The model goes to the GPU when torch sees one.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import Encoder


def _offline() -> bool:
    return any(os.environ.get(v, "").lower() in ("1", "true", "yes", "on")
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def folder_fingerprint(path: Path) -> str:
    """A short hash of a model folder: file names and sizes, and the content of small files."""
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.is_file() and ".git" not in p.parts:
            st = p.stat()
            h.update(f"{p.relative_to(path)}:{st.st_size}".encode())
            if st.st_size < 1_000_000:
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def default_device() -> str:
    import torch
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model; loads on first use.

    ``prefix`` is prepended to every text (E5-family models want ``"query: "``;
    it is chosen automatically when the model name contains ``e5``).
    """

    batch_size = 64

    def __init__(self, name_or_path: str, device: str | None = None, prefix: str | None = None) -> None:
        super().__init__()
        self.name = name_or_path
        self.device = device
        local = Path(name_or_path).expanduser()
        self.local_path = local.resolve() if local.is_dir() else None
        if prefix is None:
            prefix = "query: " if "e5" in Path(name_or_path).name.lower() else ""
        self.prefix = prefix
        origin = f"{self.local_path}#{folder_fingerprint(self.local_path)}" if self.local_path else name_or_path
        self.identity = f"sentence-transformers/{origin}/prefix={prefix.strip() or '-'}"
        self._model: Any = None
        if self.local_path is None and looks_like_path(name_or_path):
            raise ModelError(f"model folder {name_or_path!r} does not exist "
                             "(give a sentence-transformers model folder or a hub name such as "
                             "'sentence-transformers/LaBSE')")

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ModelError(f"sentence-transformers is not installed: {exc}") from exc
        device = self.device or default_device()
        kwargs: dict[str, Any] = {"device": device}
        if self.local_path is None:
            os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
            os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "30")
            if _offline():
                kwargs["local_files_only"] = True
        target = str(self.local_path) if self.local_path else self.name
        try:
            self._model = SentenceTransformer(target, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any loader failure becomes one clear error
            if self.local_path is None and _offline():
                raise ModelError(
                    f"cannot load model {self.name!r}: it is not a local folder and not in the "
                    "Hugging Face cache, and HF_HUB_OFFLINE=1 forbids downloading it. Give a local "
                    "model folder with --model PATH, or use the bundled default (no --model)") from exc
            raise ModelError(f"cannot load sentence-transformers model {self.name!r}: "
                             f"{type(exc).__name__}: {exc}") from exc
        return self._model

    def _known_dim(self) -> int:
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    @property
    def max_tokens(self) -> int | None:  # type: ignore[override]
        limit = getattr(self._load(), "max_seq_length", None)
        return int(limit) if limit else None

    def token_count(self, text: str) -> int:
        return len(self._load().tokenizer(self.prefix + text)["input_ids"])

    def token_bound(self, text: str) -> int:
        # every token covers at least one byte, plus the model's special tokens
        return len((self.prefix + text).encode("utf-8")) + 2

    def cut(self, text: str, limit: int) -> str:
        # sentence-transformers cuts at max_seq_length itself, at the exact token: cutting the text here
        # could only move the last token, and would change the vectors of texts embedded before
        return text

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        import torch  # loaded with the model already
        if torch.get_num_threads() != self.call_threads():  # torch's thread count is the process's
            torch.set_num_threads(self.call_threads())
        return model.encode([self.prefix + t for t in texts], batch_size=self.batch_size,
                            convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)


def looks_like_path(name: str) -> bool:
    """True for names that can only be a folder (start with ., /, ~ or hold a backslash)."""
    return name.startswith((".", "/", "~")) or "\\" in name
