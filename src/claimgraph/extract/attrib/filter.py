"""A built candidate attribution + its cue probability → whether to keep it (second-stage classifier on PolNeAR train)."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from ...errors import ExtractError
from .spans import RawAttribution

OPENERS = frozenset({"that", "“", '"', "''", "to", "whether", "if", "how", "what", "why", "‘"})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def nested_flags(raws: list[RawAttribution], containers: list[bool] | None = None) -> list[bool]:
    """Per candidate: whether its cue lies inside another candidate's content ('X said Y reported that …');
    ``containers``: per candidate, whether its content counts (default: all)."""
    spans = [(k, s) for k, r in enumerate(raws) for s in r.content_spans if containers is None or containers[k]]
    return [any(k != j and s.start <= r.cue_span.start and r.cue_span.end <= s.end for j, s in spans)
            for k, r in enumerate(raws)]


def features(raw: RawAttribution, p1: float, nested: bool = False) -> dict[str, float]:
    """Sparse features of one candidate: the cue's probability, the source found, the content's shape and
    whether it sits inside another candidate's content."""
    cue, doc = raw.cue, raw.cue.doc
    lemma = cue.lemma_.lower()
    f: dict[str, float] = {"p1": p1, f"p1b={int(p1 * 10)}": 1.0, f"l={lemma}": 1.0, f"form={raw.form}": 1.0}
    if nested:
        f["nested"] = 1.0
        f[f"nested|form={raw.form}"] = 1.0
        f[f"nested|src={raw.source_tok is not None}"] = 1.0
    f[f"cue={cue.tag_}|{cue.dep_}"] = 1.0
    src = raw.source_tok
    if src is not None:
        # a subject borrowed from a governing verb ("avoid reporting or confirming", "emerged confirming")
        borrowed = src.head.i != cue.i and src.i not in {t.i for t in cue.subtree}
        f[f"borrowed={borrowed}"] = 1.0
        f[f"borrowed={borrowed}|nested={nested}"] = 1.0
        f[f"borrowed={borrowed}|tag={cue.tag_}"] = 1.0
    if src is None:
        f["nosrc"] = 1.0
        f[f"l={lemma}|nosrc"] = 1.0
    else:
        f[f"src={src.pos_}|{src.dep_}"] = 1.0
        f[f"srcent={src.ent_type_ or '-'}"] = 1.0
        f[f"srcl={src.lemma_.lower()}"] = 1.0
    first = doc.char_span(raw.content_spans[0].start, raw.content_spans[0].end, alignment_mode="expand")
    n_tokens = sum(len(doc.char_span(s.start, s.end, alignment_mode="expand") or ()) for s in raw.content_spans)
    f[f"clen={_bucket(n_tokens, (1, 2, 4, 8, 16, 40))}"] = 1.0
    f[f"nspans={min(len(raw.content_spans), 3)}"] = 1.0
    if first is not None and len(first):
        opener = first[0].lower_ if first[0].lower_ in OPENERS else first[0].pos_
        root = first.root
        rel = "child" if root.head.i == cue.i else "parent" if cue.head.i == root.i else "other"
        f[f"open={opener}"] = 1.0
        f[f"croot={root.dep_}|{rel}"] = 1.0
        f[f"l={lemma}|croot={root.dep_}|{rel}"] = 1.0
        f[f"cpos={root.pos_}"] = 1.0
        f[f"after={raw.content_spans[0].start > raw.cue_span.start}"] = 1.0
    return f


@lru_cache(maxsize=1)
def model() -> dict:
    """Filter weights, intercept and threshold (scripts/train_attrib.py)."""
    try:
        raw = resources.files("claimgraph.data.attrib").joinpath("attribution_filter.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractError(f"attribution filter missing: run scripts/train_attrib.py ({exc})") from exc
    return json.loads(raw)


def score(feats: dict[str, float]) -> float:
    m = model()
    w = m["weights"]
    z = m["intercept"] + sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


def keep(raw: RawAttribution, p1: float, nested: bool = False) -> bool:
    return score(features(raw, p1, nested)) >= model()["threshold"]
