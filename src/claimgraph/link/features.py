"""ArticleAnalysis → term bags (title, body, entities) and online TF-IDF vectors for linking."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..types import ArticleAnalysis

TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
MIN_TOKEN_LEN = 3
# Named-entity labels that identify who/where/what a story is about (dates and numbers do not).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

Vector = dict[str, float]


def tokens(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (no stop words, no numbers, no short words)."""
    out = []
    for w in TOKEN.findall(text.lower()):
        if "'" in w or "’" in w:
            w = POSSESSIVE.sub("", w)
        if len(w) >= MIN_TOKEN_LEN and w not in ENGLISH_STOP_WORDS:
            out.append(w)
    return out


def entity_key(name: str) -> str:
    """A mention's comparison key: lower case, no leading article, no possessive, single spaces."""
    name = " ".join(name.split())
    name = POSSESSIVE.sub("", LEADING_ARTICLE.sub("", name))
    return name.lower().strip(" .,;:\"'“”‘’()")


@dataclass(frozen=True, slots=True)
class Bags:
    """Raw term counts of one article, by field."""

    title: Counter
    body: Counter
    entities: Counter


def bags(analysis: ArticleAnalysis) -> Bags:
    art, text = analysis.article, analysis.article.text
    ents: Counter = Counter()
    for e in analysis.entities:
        if e.label in ENTITY_LABELS:
            key = entity_key(e.span.of(text))
            if key:
                ents[key] += 1
    for m in analysis.places:
        ents["place:" + m.place.id] += 1
    return Bags(title=Counter(tokens(art.title or "")), body=Counter(tokens(text)), entities=ents)


class DocumentFrequencies:
    """Online document frequencies per field: IDF as known when an article arrives (Miranda et al. 2018).

    A plain class, not a dataclass: it is mutable state that grows with the stream.
    """

    def __init__(self) -> None:
        self.n = 0
        self.df: dict[str, Counter] = {"title": Counter(), "body": Counter(), "entities": Counter()}

    def observe(self, b: Bags) -> None:
        self.n += 1
        for name in self.df:
            self.df[name].update(getattr(b, name).keys())

    def idf(self, field: str, term: str) -> float:
        return math.log((self.n + 1) / (self.df[field][term] + 1)) + 1.0

    def vector(self, field: str, counts: Counter) -> Vector:
        """Sublinear TF × IDF, L2-normalised; empty when there are no terms."""
        vec = {t: (1.0 + math.log(c)) * self.idf(field, t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    def to_state(self) -> dict:
        return {"n": self.n, "df": {k: dict(v) for k, v in self.df.items()}}

    @classmethod
    def from_state(cls, state: dict) -> DocumentFrequencies:
        obj = cls()
        obj.n = state["n"]
        obj.df = {k: Counter(v) for k, v in state["df"].items()}
        return obj


def top_terms(vec: Vector, k: int) -> list[str]:
    """The ``k`` heaviest terms, ties broken alphabetically (deterministic)."""
    return [t for t, _ in heapq.nsmallest(k, vec.items(), key=lambda kv: (-kv[1], kv[0]))]


def dot(a: Vector, b: Vector) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())
