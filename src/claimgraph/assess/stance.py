"""(claim, text) → stance of the text toward the claim: supports | refutes | reports | unrelated.

"reports" is a text that relays the claim without endorsing it ("X said", "reportedly");
"supports" asserts it as true; "refutes" denies or debunks it; "unrelated" is not about it.
A multinomial logistic regression over ``stance_features`` (trained by
``scripts/train_stance.py`` on Emergent + FNC-1 dev; figures in ``bench/stance_eval.py``)
whose weights ship in ``claimgraph/data/stance/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO
from typing import Literal

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from ..errors import ClaimgraphError
from ..types import Attribution
from .stance_features import (
    TextView,
    dense_features,
    dense_names,
    embedded_sentences,
    embedding_features,
    ngram_text,
)

Stance = Literal["supports", "refutes", "reports", "unrelated"]
STANCES: tuple[Stance, ...] = ("supports", "refutes", "reports", "unrelated")
MODEL_DIR = "data/stance"
SHORT_COLUMN = dense_names().index("is_short")
WORD_PATTERN = r"(?u)\b\w[\w']*\b|\?"


class StanceModelError(ClaimgraphError):
    """The shipped stance model is missing or unreadable (reinstall, or run scripts/train_stance.py)."""


@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: Stance
    score: float  # the classifier's probability for ``stance``, 0..1


def make_cosine_vectorizer(vocabulary: Sequence[str] | None = None) -> TfidfVectorizer:
    """Unigram TF-IDF used for claim–text cosine similarity."""
    return TfidfVectorizer(vocabulary=vocabulary, stop_words="english", sublinear_tf=True, min_df=2,
                           token_pattern=r"(?u)\b[a-zA-Z0-9][\w']+\b", dtype=np.float64)


def make_ngram_vectorizer(vocabulary: Sequence[str] | None = None, max_features: int = 6000) -> TfidfVectorizer:
    """Unigram+bigram TF-IDF of the text's lead / related sentences (stop words kept: they carry stance)."""
    return TfidfVectorizer(vocabulary=vocabulary, ngram_range=(1, 2), sublinear_tf=True, min_df=3,
                           max_features=max_features, token_pattern=WORD_PATTERN, dtype=np.float64)


def _with_idf(vec: TfidfVectorizer, idf: np.ndarray) -> TfidfVectorizer:
    vec.idf_ = idf
    return vec


@dataclass(frozen=True)
class StanceModel:
    """Everything needed to classify a pair; built by the training script, saved as npz + json."""

    cos_vec: TfidfVectorizer
    lead_vec: TfidfVectorizer
    rel_vec: TfidfVectorizer
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    classes: tuple[str, ...]
    embeddings: bool = True  # whether the MiniLM cosine features are part of the model
    split_short: bool = True  # separate n-gram weights for headline-length texts (see ``featurize``)

    def features(self, pairs: Sequence[tuple[str, str]]) -> sp.csr_matrix:
        return featurize(*pair_rows(pairs, self.cos_vec, self.embeddings), self)

    def proba(self, x: sp.csr_matrix) -> np.ndarray:
        z = np.asarray(x @ self.coef.T) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, directory: str) -> None:
        np.savez_compressed(
            f"{directory}/weights.npz", mean=self.mean, scale=self.scale, coef=self.coef.astype(np.float32),
            intercept=self.intercept, cos_idf=self.cos_vec.idf_.astype(np.float32),
            lead_idf=self.lead_vec.idf_.astype(np.float32), rel_idf=self.rel_vec.idf_.astype(np.float32),
        )
        vocab = {"classes": list(self.classes), "embeddings": self.embeddings, "split_short": self.split_short,
                 "cos": _vocab_list(self.cos_vec),
                 "lead": _vocab_list(self.lead_vec), "rel": _vocab_list(self.rel_vec)}
        with open(f"{directory}/vocab.json", "w", encoding="utf-8") as fh:
            json.dump(vocab, fh, ensure_ascii=False, separators=(",", ":"))


def _vocab_list(vec: TfidfVectorizer) -> list[str]:
    return [t for t, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]


def pair_rows(pairs: Iterable[tuple[str, str]], cos_vec: TfidfVectorizer, embeddings: bool = True,
              cache=None) -> tuple[np.ndarray, list[str], list[str]]:
    """Pairs → (dense feature rows, lead texts, related-sentence texts); ``cache`` as in ``link.embed.embed``."""
    rows, views, claims, leads, rels = [], [], [], [], []
    for claim, text in pairs:
        row, tv = dense_features(claim, text, cos_vec)
        lead, rel = ngram_text(tv)
        rows.append(row)
        views.append(tv)
        claims.append(claim)
        leads.append(lead)
        rels.append(rel)
    dense = np.vstack(rows)
    if embeddings:
        dense = np.hstack([dense, _embedding_rows(claims, views, cache)])
    return dense, leads, rels


def _embedding_rows(claims: list[str], views: list[TextView], cache) -> np.ndarray:
    from ..link.embed import embed

    keep = [embedded_sentences(tv) for tv in views]
    texts = sorted(set(claims) | {tv.sentences[i] for tv, idx in zip(views, keep) for i in idx})
    vectors = dict(zip(texts, embed(texts, cache=cache)))
    return np.vstack([
        embedding_features(vectors[c], {i: vectors[tv.sentences[i]] for i in idx}, tv)
        for c, tv, idx in zip(claims, views, keep)
    ])


def featurize(dense: np.ndarray, leads: Sequence[str], rels: Sequence[str], model: StanceModel) -> sp.csr_matrix:
    """Dense rows (standardised) + n-gram TF-IDF of leads and related sentences → one sparse matrix.

    With ``model.split_short`` the n-grams of headline-length texts and of longer texts get separate
    weights (one copy of the lead block each; a short text has no separate related block), since cue
    words weigh differently in a headline than in a body.
    """
    scaled = (dense - model.mean) / model.scale
    lead, rel = model.lead_vec.transform(leads), model.rel_vec.transform(rels)
    if not model.split_short:
        return sp.hstack([sp.csr_matrix(scaled), lead, rel], format="csr")
    short = dense[:, SHORT_COLUMN] > 0.5
    is_short, is_long = sp.diags(short.astype(np.float64)), sp.diags((~short).astype(np.float64))
    return sp.hstack([sp.csr_matrix(scaled), is_short @ lead, is_long @ lead, is_long @ rel], format="csr")


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    """The shipped model (read once)."""
    base = resources.files("claimgraph").joinpath(MODEL_DIR)
    try:
        vocab = json.loads(base.joinpath("vocab.json").read_text(encoding="utf-8"))
        w = np.load(BytesIO(base.joinpath("weights.npz").read_bytes()))
    except (OSError, ValueError) as exc:
        raise StanceModelError(f"stance model in claimgraph/{MODEL_DIR}: cannot be read: {exc}") from exc
    return StanceModel(
        cos_vec=_with_idf(make_cosine_vectorizer(vocab["cos"]), w["cos_idf"].astype(np.float64)),
        lead_vec=_with_idf(make_ngram_vectorizer(vocab["lead"]), w["lead_idf"].astype(np.float64)),
        rel_vec=_with_idf(make_ngram_vectorizer(vocab["rel"]), w["rel_idf"].astype(np.float64)),
        mean=w["mean"], scale=w["scale"], coef=w["coef"].astype(np.float64), intercept=w["intercept"],
        classes=tuple(vocab["classes"]), embeddings=bool(vocab.get("embeddings", False)),
        split_short=bool(vocab.get("split_short", False)),
    )


def classify_stances(pairs: Sequence[tuple[str, str]], model: StanceModel | None = None) -> list[StanceResult]:
    """Many (claim, text) pairs → one StanceResult each, in order."""
    if not pairs:
        return []
    model = model or load_model()
    probs = model.proba(model.features(pairs))
    best = probs.argmax(axis=1)
    return [StanceResult(model.classes[i], round(float(p[i]), 4)) for i, p in zip(best, probs)]


def classify_stance(claim: str, text: str) -> StanceResult:
    """Stance of ``text`` (a headline, article or statement) toward ``claim``."""
    return classify_stances([(claim, text)])[0]


def attribution_stance(claim: str, attribution: Attribution, article_text: str) -> StanceResult:
    """Stance of what an attribution's source said (its content spans) toward a claim text.

    For the stance matrix: supports → the source asserts/confirms the claim, refutes → denies it,
    reports → relays it without endorsing, unrelated → says nothing about it.
    """
    return classify_stance(claim, attribution.content(article_text))
