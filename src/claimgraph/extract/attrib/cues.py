"""spaCy Doc → scored cue tokens, using the lexicon and logistic-regression weights trained on PolNeAR train."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from ...errors import ExtractError
from .features import candidates

# Reporting verbs that, with a subject of their own and a "that" clause, make an attribution whatever the
# classifiers trained on PolNeAR say. They learnt that "assess", "state" and "estimate" are rarely cues there
# (political news; "the state", "estimates") and that a cue inside another's content seldom is ("the report
# notes that the spokesman stated on 13 March that …"), while news relaying an institute's assessment is made
# of exactly these. Other reporting verbs count only so nested, outside quotation marks: taken everywhere,
# they added 6 attributions PolNeAR dev does not annotate ("Bloomberg reports that …"; inside a quotation:
# "… the FBI concluded that …") and strict F1 fell below 0.750.
UNDERRATED_VERBS = frozenset({"assess", "state", "estimate"})
REPORTING_VERBS = UNDERRATED_VERBS | frozenset({
    "say", "report", "confirm", "claim", "note", "announce", "warn", "deny", "tell", "write", "add", "insist",
    "argue", "explain", "acknowledge", "admit", "allege", "conclude", "assert", "declare", "stress"})

DATA_PACKAGE = "claimgraph.data.attrib"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[int, int]]:
    """Cue lemma → (times it headed a gold cue, times it occurred) in PolNeAR train (scripts/train_attrib.py)."""
    return {lemma: (n, total) for lemma, (n, total, _, _) in _table().items()}


@lru_cache(maxsize=1)
def source_rates() -> dict[str, tuple[int, float]]:
    """Cue lemma → (active uses as a gold cue, share of those relations that name a source)."""
    return {lemma: (active, rate) for lemma, (_, _, active, rate) in _table().items()}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, int, int, float]]:
    out = {}
    try:
        lines = resources.files(DATA_PACKAGE).joinpath("cue_lexicon.tsv").read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractError(f"attribution cue lexicon missing: run scripts/train_attrib.py ({exc})") from exc
    for line in lines[1:]:
        lemma, n, total, _, active, source_rate = line.split("\t")
        out[lemma] = (int(n), int(total), int(active), float(source_rate))
    return out


@lru_cache(maxsize=1)
def model() -> dict:
    """The cue classifier: intercept, threshold and feature weights (scripts/train_attrib.py)."""
    try:
        raw = resources.files(DATA_PACKAGE).joinpath("cue_model.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractError(f"attribution cue model missing: run scripts/train_attrib.py ({exc})") from exc
    return json.loads(raw)


def score(feats: list[str]) -> float:
    m = model()
    weights = m["weights"]
    z = m["intercept"] + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def detect(doc, threshold: float | None = None) -> list[tuple[object, float]]:
    """(token, probability) of every token the classifier takes for an attribution cue, in text order."""
    th = model()["threshold"] if threshold is None else threshold
    out = []
    for tok, feats in candidates(doc, lexicon()):
        p = score(feats)
        if p >= th:
            out.append((tok, p))
    return out
