"""Helpers that build tiny models on disk, offline, for tests of the encoders.

Nothing is downloaded: the tokenizer's vocabulary is written here and the
weights are random (seeded), so the vectors mean nothing but are real
sentence-transformers output with the real loading code path.
"""
from __future__ import annotations

import string
from pathlib import Path

#: Characters the tiny vocabulary knows (anything else becomes ``[UNK]``).
CHARS = sorted(set(string.ascii_letters + string.digits + string.punctuation
                   + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".upper()))
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
HIDDEN = 32


def write_char_vocab(path: Path) -> list[str]:
    """Write a character-level WordPiece ``vocab.txt`` (each char, and ``##char``); returns the tokens."""
    tokens = SPECIAL + CHARS + ["##" + c for c in CHARS]
    path.write_text("\n".join(tokens) + "\n", encoding="utf-8")
    return tokens


def build_tiny_sentence_transformer(folder: Path, seed: int = 0) -> Path:
    """Save a 2-layer, 32-dimensional BERT with mean pooling as a sentence-transformers folder.

    Returns ``folder``; loading it with ``SentenceTransformer(str(folder))``
    gives vectors of shape ``(n, 32)``.  ``folder/raw`` holds the bare
    transformers model the sentence-transformers modules wrap.
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizerFast
    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Pooling, Transformer

    folder = Path(folder)
    raw = folder.parent / f"{folder.name}-raw"
    raw.mkdir(parents=True, exist_ok=True)
    tokens = write_char_vocab(raw / "vocab.txt")
    # positional: the vocabulary file is `vocab_file` in transformers 4 and `vocab` in 5
    tokenizer = BertTokenizerFast(str(raw / "vocab.txt"), do_lower_case=False)
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(tokens), hidden_size=HIDDEN, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=256)
    BertModel(config).save_pretrained(raw)
    tokenizer.save_pretrained(raw)
    transformer = Transformer(str(raw), max_seq_length=256)
    dim = getattr(transformer, "get_embedding_dimension", None) or transformer.get_word_embedding_dimension
    pooling = Pooling(dim(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(folder))
    return folder
