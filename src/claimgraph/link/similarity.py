"""Two statements → are they the same claim? Pair features and a trained classifier (``ClaimMatcher``).

Features: MiniLM sentence cosine; BERTScore-style greedy alignment of the
contextual word-piece vectors; lexical overlap (word, lemma and content-lemma
Jaccard, coverage each way, character n-gram cosine, BLEU-like n-gram
precision); content words of one side that nothing in the other aligns to;
number agreement; negation mismatch; length ratio. A logistic regression over
them is trained on MSRP train by ``scripts/train_pairs.py`` and shipped as
JSON coefficients (``data/pairs/matcher.json``).

``PairScorer`` (what `claimgraph pairs` runs) adds one more column, the logit of the
fine-tuned cross-encoder (``link/crossencoder.py``), and scores with a second
logistic regression stacked over both (``data/pairs/pairs-stacked.json``): 10-fold CV on
MSRP train 0.819 accuracy, against 0.775 for the features alone and 0.811 for the
cross-encoder alone. The claim grouper keeps ``ClaimMatcher``: it scores many pairs per
article, and with the stacked scorer in its place seed claim alignment drops (0.865 → 0.822).

Numbers that differ lower the score but are reported by ``compare`` as a
conflict, so a caller grouping claims may keep such pairs together and flag them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import ClaimgraphError
from .embed import EmbeddingCache, TokenVectors, token_embeddings

NEGATIONS = frozenset({"not", "no", "never", "n't", "nobody", "nothing", "none", "neither", "nor", "without", "deny", "denies", "denied"})
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "hundred": "100", "thousand": "1000", "dozen": "12",
}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# A word piece aligned to one on the other side with cosine ≥ this counts as matched
# (unaligned-content features). Set a priori, not tuned; the kernel features below cover the
# other similarity levels.
ALIGN_MIN = 0.6
_WORD = re.compile(r"\d[\d,.]*\d|\d|\w+(?:'\w+)?|n't", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(thousand|million|billion|trillion))?", re.IGNORECASE
)


class MatcherError(ClaimgraphError):
    """The pair classifier could not be loaded or applied."""


@dataclass(frozen=True, slots=True)
class Text:
    """One statement prepared for pair features (computed once, reused across pairs)."""

    raw: str
    words: tuple[str, ...]  # lowercased word tokens
    lemmas: frozenset[str]  # lowercased lemmas of all words
    content: frozenset[str]  # lemmas of content words (nouns, verbs, adjectives, adverbs, numbers, names)
    numbers: frozenset[float]
    negations: int
    vector: np.ndarray  # sentence embedding
    tokens: TokenVectors  # contextual word-piece vectors


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    same: bool
    number_conflict: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (numbers only in a, only in b)
    negation_mismatch: bool = False


# -- preparing texts -----------------------------------------------------------


def numbers_in(text: str) -> frozenset[float]:
    """Numeric values mentioned in a text, with thousand/million scales applied (years included)."""
    values = set()
    for m in _NUMBER.finditer(text):
        whole, frac, scale = m.group(1).replace(",", ""), m.group(2), m.group(3)
        value = float(f"{whole}.{frac}" if frac else whole) * SCALE.get((scale or "").lower(), 1.0)
        values.add(round(value, 6))
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in NUMBER_WORDS and word not in SCALE:
            values.add(float(NUMBER_WORDS[word]))
    return frozenset(values)


def _lemmatise(texts: Sequence[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Texts → (all lemmas, content lemmas) using spaCy's tagger and lemmatizer only."""
    from ..extract.nlp import load_nlp

    nlp = load_nlp()
    disabled = [name for name in ("parser", "ner") if name in nlp.pipe_names]
    out = []
    for doc in nlp.pipe(texts, batch_size=256, disable=disabled):
        lemmas = frozenset(t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space)
        content = frozenset(
            t.lemma_.lower() for t in doc if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"} and not t.is_stop
        )
        out.append((lemmas, content))
    return out


def make_text(raw: str, lemmas: frozenset[str], content: frozenset[str], tokens: TokenVectors) -> Text:
    """A prepared Text from its lemmas (however they were found) and its word-piece vectors."""
    words = tuple(w.lower() for w in _WORD.findall(raw))
    negs = sum(1 for w in words if w in NEGATIONS) + sum(1 for w in words if w.endswith("n't") and w != "n't")
    return Text(raw, words, lemmas, content, numbers_in(raw), negs, tokens.sentence, tokens)


def prepare(texts: Sequence[str], cache: EmbeddingCache | None = None) -> list[Text]:
    """Statements → prepared Texts (embeddings, lemmas, numbers), in batches (one model pass)."""
    texts = [" ".join(t.split()) for t in texts]
    tokens = token_embeddings(texts, cache)
    lemmas = _lemmatise(texts)
    return [make_text(text, lem, content, tok) for text, tok, (lem, content) in zip(texts, tokens, lemmas)]


# -- features ------------------------------------------------------------------


def _jaccard(a: frozenset | set, b: frozenset | set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _coverage(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a) if a else 1.0


def _ngrams(words: Sequence[str], n: int) -> Counter:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _ngram_precision(a: Sequence[str], b: Sequence[str], n: int) -> float:
    grams_a, grams_b = _ngrams(a, n), _ngrams(b, n)
    total = sum(grams_a.values())
    return sum((grams_a & grams_b).values()) / total if total else 0.0


def _char_cosine(a: str, b: str, n: int = 4) -> float:
    ca = Counter(a[i : i + n] for i in range(len(a) - n + 1))
    cb = Counter(b[i : i + n] for i in range(len(b) - n + 1))
    dot = sum(v * cb[k] for k, v in ca.items())
    norm = math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def _alignment(a: TokenVectors, b: TokenVectors) -> tuple[float, float, float, float]:
    """Greedy max-cosine alignment of word pieces: (precision, recall, share of a unaligned, of b unaligned)."""
    if not len(a.tokens) or not len(b.tokens):
        return 0.0, 0.0, 1.0, 1.0
    sims = a.vectors @ b.vectors.T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    return float(best_a.mean()), float(best_b.mean()), float((best_a < ALIGN_MIN).mean()), float((best_b < ALIGN_MIN).mean())


# Kernel pooling (K-NRM, Xiong et al. 2017) over the word-piece similarity matrix: soft counts of
# alignments near each similarity level; an exact-match kernel (σ 0.001) plus ten of σ 0.05.
KERNEL_MU = np.array([1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
KERNEL_SIGMA = np.array([0.001] + [0.05] * 10)


def _kernels(a: TokenVectors, b: TokenVectors) -> np.ndarray:
    """Per direction, the mean log soft-count of each kernel; returns (min, max) over directions."""
    if not len(a.tokens) or not len(b.tokens):
        return np.zeros(2 * len(KERNEL_MU))
    sims = a.vectors @ b.vectors.T
    sides = []
    for matrix in (sims, sims.T):
        counts = np.exp(-((matrix[:, :, None] - KERNEL_MU) ** 2) / (2 * KERNEL_SIGMA**2)).sum(axis=1)
        sides.append(np.log1p(counts).mean(axis=0))
    return np.concatenate([np.minimum(*sides), np.maximum(*sides)])


FEATURES = (
    "cosine", "align_max", "align_min", "align_f", "unaligned_max", "unaligned_min",
    "word_jaccard", "lemma_jaccard", "content_jaccard", "content_cov_min", "content_cov_max",
    "content_extra_max", "char_cosine", "bleu1", "bleu2", "bleu3", "bleu4",
    "numbers_both", "numbers_equal", "numbers_conflict", "negation_mismatch", "length_ratio", "length_diff",
    *(f"kernel_min_{mu:.1f}" for mu in KERNEL_MU), *(f"kernel_max_{mu:.1f}" for mu in KERNEL_MU),
)


# The stacked classifier's columns: the features, then the cross-encoder's logit.
STACKED_FEATURES = (*FEATURES, "crossencoder")
# With the optional all-mpnet-base-v2 (link/mpnet.py, ``scripts/setup.sh --mpnet``): its cosine as one more column.
STACKED_MPNET_FEATURES = (*STACKED_FEATURES, "mpnet_cosine")


def features(a: Text, b: Text) -> np.ndarray:
    """The pair's feature vector, in the order of ``FEATURES``; symmetric in a and b."""
    p, r, un_a, un_b = _alignment(a.tokens, b.tokens)
    f = 2 * p * r / (p + r) if p + r else 0.0
    cov_ab, cov_ba = _coverage(a.content, b.content), _coverage(b.content, a.content)
    bleu = [
        0.5 * (_ngram_precision(a.words, b.words, n) + _ngram_precision(b.words, a.words, n)) for n in (1, 2, 3, 4)
    ]
    both = bool(a.numbers and b.numbers)
    la, lb = max(len(a.words), 1), max(len(b.words), 1)
    lexical = np.array(
        [
            float(a.vector @ b.vector), max(p, r), min(p, r), f, max(un_a, un_b), min(un_a, un_b),
            _jaccard(set(a.words), set(b.words)), _jaccard(a.lemmas, b.lemmas), _jaccard(a.content, b.content),
            min(cov_ab, cov_ba), max(cov_ab, cov_ba),
            float(max(len(a.content - b.content), len(b.content - a.content))),
            _char_cosine(a.raw.lower(), b.raw.lower()), *bleu,
            float(both), float(both and a.numbers == b.numbers), float(both and a.numbers != b.numbers),
            float((a.negations > 0) != (b.negations > 0)), min(la, lb) / max(la, lb), math.log(max(la, lb) / min(la, lb)),
        ],
        dtype=np.float64,
    )
    return np.concatenate([lexical, _kernels(a.tokens, b.tokens)])


# -- features of many pairs at once ----------------------------------------------------
# ``pair_features`` computes exactly what ``features`` does (tests/link/test_similarity.py checks
# it), over many pairs with matrix operations: each text's bags and word pieces are built once.

# Word pieces compared in one block of the kernel tensor (rows × this × kernels floats), bounding memory.
BLOCK_PIECES = 4096


def _bag_matrix(bags: Sequence[Counter]):
    """Counters → a sparse (texts × terms) count matrix."""
    from scipy.sparse import csr_matrix

    vocab: dict = {}
    indptr, indices, data = [0], [], []
    for bag in bags:
        for term, count in bag.items():
            indices.append(vocab.setdefault(term, len(vocab)))
            data.append(count)
        indptr.append(len(indices))
    return csr_matrix((np.array(data, dtype=np.float64), indices, indptr), shape=(len(bags), max(len(vocab), 1)))


def _overlaps(bags: Sequence[Counter], left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per pair: (sum of min counts, total of left, total of right, dot product) of the bags."""
    m = _bag_matrix(bags)
    totals = np.asarray(m.sum(axis=1)).ravel()
    a, b = m[left], m[right]
    inter = np.asarray(a.minimum(b).sum(axis=1)).ravel()
    dot_ = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return inter, totals[left], totals[right], dot_


def _ratio(num: np.ndarray, den: np.ndarray, empty: float) -> np.ndarray:
    return np.divide(num, den, out=np.full(len(num), empty), where=den > 0)


def _set_features(sets: Sequence[frozenset], left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, ...]:
    """(jaccard, coverage of left, coverage of right, left-only count, right-only count) per pair."""
    inter, na, nb, _ = _overlaps([Counter(dict.fromkeys(x, 1)) for x in sets], left, right)
    return _ratio(inter, na + nb - inter, 1.0), _ratio(inter, na, 1.0), _ratio(inter, nb, 1.0), na - inter, nb - inter


def _lexical_many(texts: Sequence[Text], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    word_j = _set_features([frozenset(t.words) for t in texts], left, right)[0]
    lemma_j = _set_features([t.lemmas for t in texts], left, right)[0]
    content_j, cov_a, cov_b, only_a, only_b = _set_features([t.content for t in texts], left, right)
    lowered = [t.raw.lower() for t in texts]
    chars = [Counter(x[i : i + 4] for i in range(len(x) - 3)) for x in lowered]
    _, _, _, dot_ = _overlaps(chars, left, right)
    norms = np.array([math.sqrt(sum(v * v for v in c.values())) for c in chars])
    char = _ratio(dot_, norms[left] * norms[right], 0.0)
    bleu = []
    for n in (1, 2, 3, 4):
        inter, ta, tb, _ = _overlaps([_ngrams(t.words, n) for t in texts], left, right)
        bleu.append(0.5 * (_ratio(inter, ta, 0.0) + _ratio(inter, tb, 0.0)))
    pairs = list(zip(left.tolist(), right.tolist()))
    both = np.array([bool(texts[i].numbers and texts[j].numbers) for i, j in pairs], dtype=float)
    equal = np.array([texts[i].numbers == texts[j].numbers for i, j in pairs], dtype=float) * both
    negation = np.array([(texts[i].negations > 0) != (texts[j].negations > 0) for i, j in pairs], dtype=float)
    lengths = np.array([max(len(t.words), 1) for t in texts], dtype=float)
    la, lb = lengths[left], lengths[right]
    vectors = np.stack([t.vector for t in texts]).astype(np.float64)
    cosine = np.einsum("ij,ij->i", vectors[left], vectors[right])
    return np.column_stack([
        cosine, word_j, lemma_j, content_j, np.minimum(cov_a, cov_b), np.maximum(cov_a, cov_b),
        np.maximum(only_a, only_b), char, *bleu, both, equal, both - equal, negation,
        np.minimum(la, lb) / np.maximum(la, lb), np.log(np.maximum(la, lb) / np.minimum(la, lb)),
    ])


def _token_block(a: np.ndarray, partners: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One text's word pieces against several partners' → per partner (alignment (4,), kernels (22,))."""
    sizes = np.array([len(p) for p in partners])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    sims = a @ np.concatenate(partners).T  # (na, total)
    best_a = np.maximum.reduceat(sims, starts, axis=1)  # (na, P)
    best_b = sims.max(axis=0)  # (total,)
    p, r = best_a.mean(axis=0), np.add.reduceat(best_b, starts) / sizes
    un_a = (best_a < ALIGN_MIN).mean(axis=0)
    un_b = np.add.reduceat((best_b < ALIGN_MIN).astype(np.float64), starts) / sizes
    kernel = np.exp(-((sims[:, :, None] - KERNEL_MU.astype(np.float32)) ** 2) / (2 * KERNEL_SIGMA.astype(np.float32) ** 2))
    side_a = np.log1p(np.add.reduceat(kernel, starts, axis=1)).mean(axis=0)  # (P, K)
    side_b = np.add.reduceat(np.log1p(kernel.sum(axis=0)), starts, axis=0) / sizes[:, None]  # (P, K)
    return np.column_stack([p, r, un_a, un_b]), np.hstack([np.minimum(side_a, side_b), np.maximum(side_a, side_b)])


def _token_many(texts: Sequence[Text], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Alignment and kernel features of every pair, one matrix product per left text and block."""
    align = np.tile([0.0, 0.0, 1.0, 1.0], (len(left), 1))
    kernels = np.zeros((len(left), 2 * len(KERNEL_MU)))
    rows_of: dict[int, list[int]] = {}
    for row, (i, j) in enumerate(zip(left.tolist(), right.tolist())):
        if len(texts[i].tokens.tokens) and len(texts[j].tokens.tokens):
            rows_of.setdefault(i, []).append(row)
    for i, rows in rows_of.items():
        a = texts[i].tokens.vectors
        block, size = [], 0
        for n, row in enumerate(rows):
            block.append(row)
            size += len(texts[right[row]].tokens.tokens)
            if size >= BLOCK_PIECES or n == len(rows) - 1:
                al, ke = _token_block(a, [texts[right[r]].tokens.vectors for r in block])
                align[block], kernels[block] = al, ke
                block, size = [], 0
    p, r, un_a, un_b = align.T
    f = np.divide(2 * p * r, p + r, out=np.zeros(len(p)), where=(p + r) != 0)
    return np.column_stack([np.maximum(p, r), np.minimum(p, r), f, np.maximum(un_a, un_b), np.minimum(un_a, un_b)]), kernels


def pair_features(texts: Sequence[Text], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Feature rows (in the order of ``FEATURES``) of ``pairs`` of indexes into ``texts``; as ``features``."""
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    lexical = _lexical_many(texts, left, right)
    align, kernels = _token_many(texts, left, right)
    return np.hstack([lexical[:, :1], align, lexical[:, 1:], kernels])


# -- the classifier --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic regression over standardised features, as stored in ``matcher.json``."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {
            "features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "coef": self.coef.tolist(), "intercept": self.intercept, "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            tuple(data["features"]), np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
            float(data["intercept"]), float(data["threshold"]),
        )


@lru_cache(maxsize=2)
def shipped_model(name: str = "matcher.json", columns: tuple[str, ...] = FEATURES) -> Model:
    """A classifier trained by scripts/train_pairs.py, from package data (``columns``: what it must read)."""
    path = resources.files("claimgraph") / "data" / "pairs" / name
    try:
        model = Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise MatcherError(f"{path}: cannot load the pair classifier ({exc}); run scripts/train_pairs.py") from exc
    if model.features != columns:
        raise MatcherError(f"{path}: trained on other features than this code computes; run scripts/train_pairs.py")
    return model


class ClaimMatcher:
    """Scores statement pairs: ``score(a, b)`` in [0, 1], ``same(a, b)`` against the trained threshold."""

    def __init__(self, model: Model | None = None) -> None:
        self.model = model or shipped_model()
        self._prepared: dict[str, Text] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Prepare many statements in one batch (optional: ``score`` prepares what it lacks)."""
        todo = sorted({t for t in texts if t not in self._prepared})
        if todo:
            self._prepared.update(zip(todo, prepare(todo)))

    def forget(self) -> None:
        """Drop the prepared statements (a long-running process calls this between batches)."""
        self._prepared.clear()

    def prepared(self, text: str) -> Text:
        """The prepared form of one statement (prepared now if it was not)."""
        self.prepare([text])
        return self._prepared[text]

    def score_many(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.prepare([t for pair in pairs for t in pair])
        if not pairs:
            return np.zeros(0)
        index = {t: n for n, t in enumerate(dict.fromkeys(t for pair in pairs for t in pair))}
        return self.score_pairs([self._prepared[t] for t in index], [(index[a], index[b]) for a, b in pairs])

    def score_pairs(self, texts: Sequence[Text], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """Scores of ``pairs`` of indexes into already prepared ``texts`` (features in matrix form)."""
        return self.model.probability(pair_features(texts, pairs)) if pairs else np.zeros(0)

    def score(self, a: str, b: str) -> float:
        return float(self.score_many([(a, b)])[0])

    def same(self, a: str, b: str) -> bool:
        return self.score(a, b) >= self.model.threshold

    def compare(self, a: str, b: str) -> Comparison:
        """Score plus the flags a claim grouper needs (numbers that differ, negation on one side only)."""
        score = self.score(a, b)
        ta, tb = self.prepared(a), self.prepared(b)
        mismatch = (ta.negations > 0) != (tb.negations > 0)
        return Comparison(score, score >= self.model.threshold, number_conflict(ta, tb), mismatch)


class PairScorer(ClaimMatcher):
    """``ClaimMatcher`` plus the cross-encoder: features and its logit → the stacked classifier's probability.

    What `claimgraph pairs` runs. Slower than the features alone (the cross-encoder reads each pair in both
    orders, about 4 ms a pair), and a pair's score depends on that pair only. With the optional
    all-mpnet-base-v2 (``scripts/setup.sh --mpnet``) the two texts' mpnet cosine is one more column
    (``pairs-stacked-mpnet.json``): MSRP 10-fold accuracy 0.819 → 0.822 (bench/msrp_eval.py; over 7 fold
    splits 0.817-0.821 → 0.818-0.824), about seven times slower (each new text through a 110 M-parameter
    encoder in numpy). ``mpnet``: None uses it when installed, False never, True always (an error when
    it is not installed); ``cache`` (a store) keeps its sentence vectors (see ``embed.embed``)."""

    def __init__(self, mpnet: bool | None = None, cache: EmbeddingCache | None = None) -> None:
        from . import mpnet as mpnet_model
        from .crossencoder import cross_encoder

        self.mpnet = mpnet_model.available() if mpnet is None else mpnet
        if self.mpnet:
            super().__init__(shipped_model("pairs-stacked-mpnet.json", STACKED_MPNET_FEATURES))
        else:
            super().__init__(shipped_model("pairs-stacked.json", STACKED_FEATURES))
        self.encoder = cross_encoder()
        self.cache = cache

    def score_pairs(self, texts: Sequence[Text], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        if not pairs:
            return np.zeros(0)
        logits = self.encoder.logits_many([(texts[a].raw, texts[b].raw) for a, b in pairs])
        columns = [pair_features(texts, pairs), logits]
        if self.mpnet:
            from .mpnet import embed

            used = sorted({i for pair in pairs for i in pair})
            vectors = dict(zip(used, embed([texts[i].raw for i in used], self.cache)))
            columns.append([float(vectors[a] @ vectors[b]) for a, b in pairs])
        return self.model.probability(np.column_stack(columns))


def number_conflict(a: Text, b: Text) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(numbers only in a, numbers only in b) when each side has a number of one kind the other lacks ("10,000
    troops" / "12,000 troops"); a number on one side only is extra detail, not a conflict. Numbers are compared
    within their kind only (``quantities``): an amount in dollars with one in dollars, not with its conversion in
    pounds; a count with a count, not with a year, a duration or the number in a name ("Real Radio 104.1")."""
    qa, qb = quantities(a.raw), quantities(b.raw)
    only_a, only_b = set(), set()
    for kind in {k for k, _ in qa} & {k for k, _ in qb}:
        va, vb = {v for k, v in qa if k == kind}, {v for k, v in qb if k == kind}
        if va - vb and vb - va:
            only_a |= {(kind, v) for v in va - vb}
            only_b |= {(kind, v) for v in vb - va}
    if not (only_a and only_b):
        return None
    return tuple(_shown(q) for q in sorted(only_a)), tuple(_shown(q) for q in sorted(only_b))


CURRENCY = {"$": "$", "us$": "$", "£": "£", "€": "€", "¥": "¥", "c$": "C$", "a$": "A$"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12}
_QUANTITY = re.compile(
    r"(?P<cur>US\$|C\$|A\$|[$£€¥])?\s?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:(?P<abbr>bn|mn|tn|[mbk])\b|\s*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?P<ord>st|nd|rd|th)?(?P<pct>\s*%|\s+per\s?cent\b)?", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_SPELLED = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozen)\b",
                      re.IGNORECASE)
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
# "Radio 104.1", "a Boeing 737": a number after a capitalised word inside a sentence is part of a name
_NAME_BEFORE = re.compile(r"(?<=[\w,] )[A-Z][\w.&-]*\s$")


def quantities(text: str) -> frozenset[tuple[str, float]]:
    """(kind, value) of the numbers a text states: kind "$"/"£"/… for money, "%" for a percentage, "year", "day"/
    "week"/… for a duration, "count" otherwise; ordinals ("100th") and the number in a name are left out, and the
    word "one" when it is no count ("one of them", "found one willing")."""
    out = set()
    for m in _QUANTITY.finditer(text):
        if m.group("ord") or (not m.group("cur") and _NAME_BEFORE.search(text[: m.start("num")])):
            continue
        scale = _SCALES.get((m.group("abbr") or m.group("scale") or "").lower(), 1.0)
        if m.group("abbr") and not m.group("cur"):
            continue  # "5m" without a currency is as often metres as millions
        value = round(float(m.group("num").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else ""))
                      * scale, 6)
        out.add((_kind_after(text, m, value), value))
    for m in _SPELLED.finditer(text):
        word = m.group(1).lower()
        if word == "one" and not _COUNTING_ONE.match(text, m.start()):
            continue
        following = _next_word(text, m.end())
        if following in ("of", "or", "and", "another", "who", "that", "which") and word != "one":
            continue
        unit = _singular(following)
        out.add(("count" if unit not in DURATIONS else unit, float(NUMBER_WORDS[word])))
    return frozenset(out)


def _kind_after(text: str, m: re.Match, value: float) -> str:
    if m.group("cur"):
        return CURRENCY[m.group("cur").lower()]
    if m.group("pct"):
        return "%"
    unit = _singular(_next_word(text, m.end()))
    if unit in DURATIONS:
        return unit
    if 1800 <= value <= 2100 and value == int(value) and not m.group("scale") and "," not in m.group("num"):
        return "year"
    return "count"


def _next_word(text: str, pos: int) -> str:
    """The word after ``pos``, lower-cased ("" at the end)."""
    nxt = _NEXT_WORD.match(text, pos)
    return nxt.group(1).lower() if nxt else ""


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _shown(quantity: tuple[str, float]) -> str:
    kind, value = quantity
    if kind in CURRENCY.values():
        return kind + _fmt(value)
    if kind == "year":
        return str(int(value))
    return _fmt(value) + ("%" if kind == "%" else "")


# "one" counting a noun ("one soldier"), not a pronoun ("found one willing", "no one", "one of them")
_COUNTING_ONE = re.compile(
    r"(?<!\bno )(?<!\bany )(?<!\bthe )(?<!\bevery )(?<!\bsome )(?<!\beach )(?<!\bthis )(?<!\bthat )\bone\s+"
    r"(?!(?:of|who|that|which|another|willing|and|or|more|day|time|way|thing|in|to|at|for|on|by|with|as|is|was|"
    r"would|could|can|will|might|may|should|must|has|had|have|does|did|do)\b)[a-z]", re.IGNORECASE)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
