"""ArticleAnalysis → term bags (title, body, entities) and online TF-IDF vectors for linking."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import snowballstemmer

from ..types import ArticleAnalysis
from .state import STR_INT, Rows, Table

TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
MIN_TOKEN_LEN = 3
# Named-entity labels that identify who/where/what a story is about (dates and numbers do not).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

Vector = dict[str, float]
# The lead (title and the first characters of the text) states what kind of event a report is about;
# threads compare leads. 400 and 800 characters compared on ECB+ topics 1-35 (batch average linkage
# over the stories' lead centroids, topic B-cubed F1 0.932 vs 0.887): the shorter lead is cleaner.
LEAD_CHARS = 400
FIELDS_ALL = ("title", "body", "entities", "lead")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, imported on first use (importing sklearn costs ~0.6 s of start-up)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def tokens(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (no stop words, no numbers, no short words)."""
    stop = stop_words()
    out = []
    for w in TOKEN.findall(text.lower()):
        if "'" in w or "’" in w:
            w = POSSESSIVE.sub("", w)
        if len(w) >= MIN_TOKEN_LEN and w not in stop:
            out.append(w)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


def stems(text: str) -> list[str]:
    """Stemmed content words of ``text`` (Snowball English stemmer over ``tokens``)."""
    return _stemmer().stemWords(tokens(text))


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """One word's Snowball English stem (memoised: linking looks up the same words for every article)."""
    return _stemmer().stemWord(word)


def lead_text(analysis: ArticleAnalysis, chars: int = LEAD_CHARS) -> str:
    """Title and the first ``chars`` characters of the text, named entities left out (what happened, not to whom)."""
    text, parts, last = analysis.article.text, [], 0
    for e in analysis.entities:
        if e.span.start >= chars:
            break
        if e.span.start >= last:
            parts.append(text[last : e.span.start])
            last = e.span.end
    parts.append(text[last:chars] if last < chars else "")
    title = analysis.article.title or ""
    return " ".join((title + " " + " ".join(parts)).split())


def named_lead_text(analysis: ArticleAnalysis, chars: int = LEAD_CHARS) -> str:
    """Title and the first ``chars`` characters of the text as written, names included (who and what)."""
    return " ".join(((analysis.article.title or "") + " " + analysis.article.text[:chars]).split())


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
    lead: Counter  # stems of ``lead_text``


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
    return Bags(title=Counter(tokens(art.title or "")), body=Counter(tokens(text)), entities=ents,
                lead=Counter(stems(lead_text(analysis))))


@lru_cache(maxsize=1)
def general_df() -> tuple[int, dict[str, int]]:
    """The shipped document frequencies of stems in general news (scripts/build_link_idf.py); (0, {}) if absent."""
    path = resources.files("claimgraph") / "data" / "link" / "df.tsv"
    if not path.is_file():
        return 0, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    n = int(lines[0].split("\t")[1])
    return n, {t: int(c) for t, c in (line.split("\t") for line in lines[1:])}


class DocumentFrequencies:
    """Online document frequencies per field: IDF as known when an article arrives (Miranda et al. 2018).

    A plain class, not a dataclass: it is mutable state that grows with the stream. The counts are
    one table keyed ``field initial:term`` (see ``state.Table``), read per article for its terms only.
    """

    def __init__(self, rows: Rows | None = None) -> None:
        self.n = 0
        self.df: Table = Table("df", STR_INT, rows)

    def observe(self, b: Bags) -> None:
        self.n += 1
        keys = [f[0] + ":" + t for f in FIELDS_ALL for t in getattr(b, f)]
        self.df.prefetch(keys)
        for key in keys:
            self.df[key] = self.df.get(key, 0) + 1

    def count(self, field: str, term: str) -> int:
        return self.df.get(field[0] + ":" + term, 0)

    def idf(self, field: str, term: str) -> float:
        """Smoothed IDF over the shipped general-news counts plus the stream's (the lead's terms are stems,
        the other fields' are looked up by their stem; a name or place key is rarely in the general table).

        Without the general counts, a stream of a few articles weights the words its articles share below
        the words one of them alone has (two articles: a shared word's IDF is 1, another word's 1.7), so
        two reports of one event rarely joined one story: ECB+ sets of 2 documents of one event, analysed
        on their own, came out as one story 54 % of the time, 78 % with the general counts
        (bench/ecbplus_eval.py --small-sets).
        """
        n0, df0 = general_df()
        prior = df0.get(term if field == "lead" else stem(term), 0)
        return math.log((n0 + self.n + 1) / (prior + self.count(field, term) + 1)) + 1.0

    def vector(self, field: str, counts: Counter) -> Vector:
        """Sublinear TF × IDF, L2-normalised; empty when there are no terms."""
        vec = {t: (1.0 + math.log(c)) * self.idf(field, t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    def to_state(self) -> dict:
        by_field: dict[str, dict[str, int]] = {f: {} for f in FIELDS_ALL}
        initial = {f[0]: f for f in FIELDS_ALL}
        for key, c in self.df.items():
            by_field[initial[key[0]]][key[2:]] = c
        return {"n": self.n, "df": by_field}

    @classmethod
    def from_state(cls, state: dict) -> DocumentFrequencies:
        obj = cls()
        obj.n = state["n"]
        for f, counts in state["df"].items():
            for t, c in counts.items():
                obj.df[f[0] + ":" + t] = c
        return obj


def top_terms(vec: Vector, k: int) -> list[str]:
    """The ``k`` heaviest terms, ties broken alphabetically (deterministic)."""
    return [t for t, _ in heapq.nsmallest(k, vec.items(), key=lambda kv: (-kv[1], kv[0]))]


def dot(a: Vector, b: Vector) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())
