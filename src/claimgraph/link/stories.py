"""ArticleAnalysis stream → stories: online clustering with TF-IDF sub-vectors, entities and time decay.

Reference design: Miranda et al. 2018, "Multilingual Clustering of Streaming News". Each article
becomes three TF-IDF sub-vectors (title, body, entities) weighted with the document frequencies
seen so far; it is compared only with the clusters an inverted index returns for its salient
terms, joins the best one above a threshold (centroids are updated in place) or starts a new one.
Nothing is recomputed when an article is added, and the whole state can be saved and restored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..errors import StoreError
from ..ingest.clean import CAPTION_CREDIT, is_note
from ..types import ArticleAnalysis, Story
from .features import (
    Bags,
    DocumentFrequencies,
    Vector,
    bags,
    dot,
    lead_text,
    named_lead_text,
    tokens,
    top_terms,
)
from .index import InvertedIndex, pack, unpack
from .state import STR_INT, Codec, Rows, Table, compressed, json_codec
from .threads import THREAD_THRESHOLD, ThreadLinker, add_sparse

FIELDS = ("title", "body", "entities")  # story similarity
CENTROID_FIELDS = (*FIELDS, "lead")  # the lead centroid serves thread linking (threads.py)
# Weights of the sub-vector similarities, compared on ECB+ topics 1-35 (bench/ecbplus_eval.py; the
# ECB+ documents have no titles): best event B-cubed F1 per weighting, body/entities 0.55/0.30: 0.855,
# 0.70/0.15: 0.867, 0.85/0.00: 0.876, 0.45/0.45: 0.860. Entities are kept at a small weight: they
# are what separates two events of one type in real news, and the differences are within noise.
WEIGHTS = {"title": 0.15, "body": 0.70, "entities": 0.15}
# An article joins its best candidate story when the weighted similarity reaches this value.
# Calibrated on ECB+ topics 1-35 (bench/ecbplus_eval.py --sweep, fresh analyses 2026-11-22):
# sub-topic (event) B-cubed F1, fixed order / shuffled seed 1: 0.25: 0.857 / 0.864, 0.28: 0.865 /
# 0.866, 0.30: 0.863 / 0.862, 0.33: 0.846 / 0.837; 0.28 gains under 0.005, so 0.30 is kept.
# Checked again 2026-11-23 when the IDF took in the general-news counts (fixed order): 0.25: 0.863,
# 0.28: 0.874, 0.30: 0.865, 0.33: 0.868, 0.36: 0.855; pairs of one event clustered alone (--small-sets)
# make one story 0.788 / 0.703 / 0.621 of the time at 0.30 / 0.33 / 0.36: 0.30 is kept.
STORY_THRESHOLD = 0.30
# Time decay (Gaussian on the distance in days to the story's mean date). ECB+ ships no publication dates, but read
# as text files (bench/ecbplus_eval.py --as-text) 216 of its 772 documents have a dateline: there, story~event
# B-cubed F1 over 5 orders, odd topics / held-out even topics, at sigma 10 days 0.832 / 0.842, 30: 0.835 / 0.846,
# 90: 0.847 / 0.852 (2026-12-06; 90 chosen on the odd topics): the reports of one event span weeks, and two events
# of a kind months or years apart still decay apart (at 6 months the factor is 0.12). When the
# article or the story has no date the factor is 1 (neutral). A date estimated from the body (ingest.published)
# counts as none: a guess must not split a story. (The earlier estimate, the latest date the body mentions, was
# often a year off, "last seen in August 2013" in a report of 2014: 5 FNC-1 bodies on one beheading video made
# 3 stories with the guesses, 2 without.)
TIME_SIGMA_DAYS = 90.0
QUERY_TERMS = {"title": 4, "body": 10, "entities": 6, "lead": 8}  # salient terms used to retrieve candidates
CENTROID_TERMS = 400  # per field: a centroid is pruned back to its heaviest terms beyond twice this
REPRESENTATIVES = 8  # members kept as title candidates per story
TITLE_WORDS = 16  # an untitled story's title is the central lead sentence, cut to this many words
# The lead sentence of an untitled article is the first of its first LEAD_SENTENCES that states something: at
# least MIN_TITLE_WORDS words, no editor's note, no label ending in a colon, a statement before a question.
# FNC-1 bodies (no headlines) gave stories titled "Editor's Note: This story appeared in Saturday's edition …",
# "NEW YORK, New York -", "From The Washington Post article:", "PROBLEM:", "Is it a bird? Is it a plane? …".
LEAD_SENTENCES = 5
MIN_TITLE_WORDS = 6
# A photo caption (ingest.clean.CAPTION_CREDIT) shows the story, it does not tell it.
CREDIT_WORDS = 6  # a credit standing alone after a caption is this short ("John Moore / Getty Images")
# A dateline before the lead ("BEIRUT (Reuters) –", "WASHINGTON —", "KANSAS CITY, Mo. —") is no part of a title
DATELINE = re.compile(r"[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][\w.]*(?:\s[\w.]+)?){0,2}"  # place, state, date
                      r"\s*(?:\([^()]{1,40}\))?(?:\s*[–—]+|\s*--|\s+-)\s*")  # (agency), dash (not "US-led")


@dataclass(frozen=True, slots=True)
class ArticleVectors:
    vectors: dict[str, Vector]
    embedding: np.ndarray | None  # sentence embedding of the lead, when the caller gives one
    day: int | None
    label: str  # the article's title, or else its first sentence
    titled: bool


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _label(analysis: ArticleAnalysis) -> tuple[str, bool]:
    art = analysis.article
    if art.title and art.title.strip():
        return " ".join(art.title.split()), True
    text, spans = art.text, analysis.sentences[:LEAD_SENTENCES]
    if not spans:
        sentences = [text.strip().split("\n", 1)[0]]
    else:  # a dateline opening the text is cut off, even where the parse broke it ("PROVO, Utah, Dec." | "23 …")
        dateline = DATELINE.match(text, spans[0].start)
        cut = dateline.end() if dateline and dateline.end() < spans[-1].end else spans[0].start
        sentences = [text[max(s.start, cut): s.end] for s in spans if s.end > cut]
    # a photo caption, whose credit ends it or stands alone after it ("… Havana, Texas." "John Moore / Getty Images")
    captions = {i for i, s in enumerate(sentences) if CAPTION_CREDIT.search(s) or i + 1 < len(sentences)
                and CAPTION_CREDIT.search(sentences[i + 1]) and len(sentences[i + 1].split()) <= CREDIT_WORDS}
    kept = [s for i, s in enumerate(sentences) if i not in captions] or sentences
    kept = [s.lstrip()[m.end():] if (m := DATELINE.match(s.lstrip())) and m.end() < len(s.strip()) else s
            for s in kept]
    first = next((s for s in kept if _tells(s)), None) or next((s for s in kept if _tells(s, True)), kept[0])
    words = first.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else ""), False


def _tells(sentence: str, questions: bool = False) -> bool:
    """A sentence that can stand for an untitled article: a statement of some length, not an editor's note,
    a caption, a lone dateline or a label ending in a colon (questions too, when ``questions``)."""
    sentence = sentence.strip()
    return (len(sentence.split()) >= MIN_TITLE_WORDS and sentence[-1:] != ":" and not is_note(sentence)
            and (questions or not sentence.endswith("?")))


class Cluster:
    """One story's running state: summed member vectors per field, dates, members (mutable)."""

    def __init__(self, cid: int) -> None:
        self.id = cid
        self.centroid: dict[str, Vector] = {f: {} for f in CENTROID_FIELDS}
        self.norm2: dict[str, float] = {f: 0.0 for f in CENTROID_FIELDS}
        self.embedding: np.ndarray | None = None  # sum of the members' lead embeddings
        self.members: list[str] = []
        self.days: list[int] = []
        self.indexed: set[str] = set()
        self.representatives: list[tuple[str, str, bool, Vector]] = []  # (article, label, titled, body sketch)

    def similarity(self, a: ArticleVectors, weights: dict[str, float]) -> float:
        score = weight = 0.0
        for f in weights:
            vec = a.vectors[f]
            if not vec or (f == "title" and not self.norm2[f]):
                continue
            weight += weights[f]
            if self.norm2[f]:
                score += weights[f] * dot(vec, self.centroid[f]) / math.sqrt(self.norm2[f])
        return (score / weight if weight else 0.0) * self.decay(a.day)

    def decay(self, day: int | None) -> float:
        if day is None or not self.days:
            return 1.0
        gap = day - sum(self.days) / len(self.days)
        return math.exp(-0.5 * (gap / TIME_SIGMA_DAYS) ** 2)

    def add(self, article_id: str, a: ArticleVectors) -> None:
        self.members.append(article_id)
        if a.day is not None:
            self.days.append(a.day)
        if a.embedding is not None:
            self.embedding = a.embedding.astype(np.float64) + (0.0 if self.embedding is None else self.embedding)
        for f in CENTROID_FIELDS:
            c, vec = self.centroid[f], a.vectors[f]
            self.norm2[f] += 2 * dot(vec, c) + sum(v * v for v in vec.values())
            add_sparse(c, vec)
            if len(c) > 2 * CENTROID_TERMS:
                self.centroid[f] = {t: c[t] for t in top_terms(c, CENTROID_TERMS)}
                self.norm2[f] = sum(v * v for v in self.centroid[f].values())
        sketch = {t: a.vectors["body"][t] for t in top_terms(a.vectors["body"], 32)}
        self.representatives.append((article_id, a.label, a.titled, sketch))
        if len(self.representatives) > REPRESENTATIVES:
            self.representatives.sort(key=self._centrality, reverse=True)
            del self.representatives[REPRESENTATIVES:]

    def _centrality(self, rep: tuple[str, str, bool, Vector]) -> tuple[bool, float]:
        return rep[2], dot(rep[3], self.centroid["body"])

    def title(self) -> str:
        """The most central headline; for untitled stories the most central lead sentence."""
        if not self.representatives:
            return ""
        return max(self.representatives, key=lambda r: (*self._centrality(r), r[0] == self.members[0]))[1]

    def to_state(self) -> dict:
        return {"id": self.id, "centroid": self.centroid, "norm2": self.norm2, "members": self.members,
                "embedding": pack(self.embedding),
                "days": self.days, "indexed": sorted(self.indexed),
                "representatives": [list(r) for r in self.representatives]}

    @classmethod
    def from_state(cls, state: dict) -> Cluster:
        obj = cls(state["id"])
        obj.centroid, obj.norm2 = state["centroid"], state["norm2"]
        obj.embedding = unpack(state["embedding"])
        obj.members, obj.days = list(state["members"]), list(state["days"])
        obj.indexed = set(state["indexed"])
        obj.representatives = [(r[0], r[1], r[2], r[3]) for r in state["representatives"]]
        return obj


CLUSTERS: Codec = compressed(json_codec(to_json=lambda c: c.to_state(), from_json=lambda d: Cluster.from_state(d),
                                        mutable=True))


class Clusterer:
    """Online single-pass clustering at one threshold, with index-based candidate retrieval.

    ``clusters`` maps a story number (0, 1, … ``count`` - 1) to its Cluster (a ``state.Table``)."""

    def __init__(self, threshold: float, weights: dict[str, float], rows: Rows | None = None) -> None:
        self.threshold, self.weights = threshold, weights
        self.clusters: Table = Table("stories", CLUSTERS, rows)
        self.count = 0
        self.index = InvertedIndex(rows)

    def add(self, article_id: str, a: ArticleVectors) -> int:
        best, best_score, terms = None, self.threshold, query_terms(a, FIELDS)
        found = self.index.candidates(terms)
        self.clusters.prefetch(found)
        for cid in found:
            score = self.clusters.peek(cid).similarity(a, self.weights)
            if score >= best_score:  # ties: the candidate ranked first (more shared terms, more recent)
                best, best_score = cid, score
        if best is None:
            best = self.clusters[self.count] = Cluster(self.count)
            self.count += 1
        else:
            best = self.clusters[best]  # the one that changes
        best.add(article_id, a)
        for term in terms + query_terms(a, ("lead",)):
            if term not in best.indexed:
                best.indexed.add(term)
                self.index.add(term, best.id)
        return best.id

    def meta(self) -> dict:
        return {"threshold": self.threshold, "weights": self.weights, "count": self.count}

    def load_meta(self, meta: dict) -> None:
        self.threshold, self.weights, self.count = meta["threshold"], meta["weights"], meta["count"]

    def to_state(self) -> dict:
        return {**self.meta(), "clusters": [self.clusters[c].to_state() for c in range(self.count)]}

    @classmethod
    def from_state(cls, state: dict) -> Clusterer:
        obj = cls(state["threshold"], state["weights"])
        for data in state["clusters"]:
            c = obj.clusters[obj.count] = Cluster.from_state(data)
            obj.count += 1
            for term in sorted(c.indexed):
                obj.index.add(term, c.id)
        return obj


def query_terms(a: ArticleVectors, fields: tuple[str, ...]) -> list[str]:
    """Salient terms per field, prefixed by its initial (``t:``, ``b:``, ``e:`` find stories; ``l:`` finds threads)."""
    return [f[0] + ":" + t for f in fields for t in top_terms(a.vectors[f], QUERY_TERMS[f])]


def lead_embeddings(analyses: Iterable[ArticleAnalysis], cache=None) -> np.ndarray:
    """Lead embeddings for ``StoryIndex.add``: per article, the normalised sum of the sentence embeddings
    (all-MiniLM-L6-v2) of its lead without names (``lead_text``: what happened) and as written
    (``named_lead_text``: MiniLM reads a sentence stripped of its names poorly). ``cache``: see embed.

    The sum was compared on ECB+ topics 1-35 with the thread weights and threshold of threads.py
    (bench/ecbplus_eval.py, all topics streamed together, fixed order and shuffled seeds 1-4, topic
    B-cubed F1 of the documents of the odd / even topics): lead without names 0.934 / 0.919, as
    written 0.904 / 0.907, the sum 0.941 / 0.948. Before threads centred the embeddings, the first
    1,200 characters in three chunks or the first five sentences (names left out) were worse than
    the lead alone.
    """
    from .embed import embed

    analyses = list(analyses)
    vecs = embed([lead_text(a) for a in analyses] + [named_lead_text(a) for a in analyses], cache)
    both = vecs[: len(analyses)] + vecs[len(analyses) :]
    norms = np.linalg.norm(both, axis=1, keepdims=True)
    return both / np.where(norms > 0, norms, 1.0)


def story_id(cid: int) -> str:
    return f"story-{cid + 1:05d}"


PUBLISHED: Codec = json_codec(mutable=True)


class StoryIndex:
    """Incremental story index: ``add(analysis)`` files one article and returns its story id.

    Persist with ``to_state()`` (JSON-ready) and ``from_state()``, or row by row: built over a
    store's ``rows`` (see ``state``), it reads only what the articles it files touch, and
    ``tables()`` / ``meta()`` say what to write back. ``members()`` gives the article → story rows
    a store keeps. The same input order always gives the same stories.
    """

    # 3: threads keep each story's thread key (stories can leave a thread); 4: the mean embedding;
    # 5: vectors as exact base64 bytes (were rounded float lists)
    STATE_VERSION = 5

    def __init__(self, story_threshold: float = STORY_THRESHOLD, thread_threshold: float = THREAD_THRESHOLD,
                 rows: Rows | None = None):
        self.df = DocumentFrequencies(rows)
        self.stories = Clusterer(story_threshold, WEIGHTS, rows)
        self.threads = ThreadLinker(thread_threshold, rows=rows)
        self.story_of: Table = Table("story_of", STR_INT, rows)
        self.published: Table = Table("published", PUBLISHED, rows)

    def vectors(self, analysis: ArticleAnalysis, embedding: np.ndarray | None = None) -> ArticleVectors:
        b: Bags = bags(analysis)
        self.df.observe(b)
        label, titled = _label(analysis)
        vecs = {f: self.df.vector(f, getattr(b, f)) for f in CENTROID_FIELDS}
        art = analysis.article
        day = None if art.published_estimated else _day(art.published)
        return ArticleVectors(vecs, embedding, day, label, titled)

    def add(self, analysis: ArticleAnalysis, embedding: np.ndarray | None = None) -> str:
        """File one article (again: returns its existing story) and return its story id.

        ``embedding``: the article's lead embedding (see ``lead_embeddings``), optional;
        threads use it as a second sub-vector.
        """
        aid = analysis.article.id
        if aid in self.story_of:
            return story_id(self.story_of[aid])
        a = self.vectors(analysis, embedding)
        cid = self.stories.add(aid, a)
        self.story_of[aid] = cid
        self.threads.observe(embedding)
        self.threads.update(self.stories.clusters[cid], self.stories)
        if analysis.article.published:
            self.published[cid] = [*self.published.get(cid, ()), analysis.article.published]
        return story_id(cid)

    def extend(self, analyses: Iterable[ArticleAnalysis], embeddings: Iterable[np.ndarray] | None = None) -> list[str]:
        analyses = list(analyses)
        embs = list(embeddings) if embeddings is not None else [None] * len(analyses)
        return [self.add(a, e) for a, e in zip(analyses, embs, strict=True)]

    def stories_about(self, text: str, limit: int) -> list[str]:
        """Ids of the stories whose indexed title and body terms share the most of ``text``'s salient words
        (weighted by the stream's document frequencies), best first; reads the index, changes nothing."""
        salient = top_terms(self.df.vector("body", Counter(tokens(text))), QUERY_TERMS["body"])
        terms = [prefix + t for t in salient for prefix in ("b:", "t:")]
        return [story_id(c) for c in self.stories.index.candidates(terms, limit)]

    def members(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """article id → story id (the rows of a story_members table), of ``ids`` (those filed) or of all."""
        if ids is None:
            return {aid: story_id(cid) for aid, cid in self.story_of.items()}
        ids = list(ids)
        self.story_of.prefetch(ids)
        return {aid: story_id(self.story_of[aid]) for aid in ids if aid in self.story_of}

    def new_members(self) -> dict[str, str]:
        """article id → story id of the articles filed since the index was opened or last saved."""
        return {aid: story_id(self.story_of[aid]) for aid in self.story_of.pending()}

    def _story_numbers(self, ids: Iterable[str]) -> list[int]:
        """The story numbers of the filed ones of ``ids``, ascending, their stories read in one request."""
        ids = list(ids)
        self.story_of.prefetch(ids)
        cids = sorted({self.story_of[i] for i in ids if i in self.story_of})
        self.stories.clusters.prefetch(cids)
        return cids

    def articles_of(self, ids: Iterable[str]) -> list[str]:
        """Every article of the stories that hold ``ids`` (the filed ones), story by story."""
        return [aid for c in self._story_numbers(ids) for aid in self.stories.clusters.peek(c).members]

    def thread_members(self) -> dict[str, str]:
        """article id → thread id: a coarser grouping of stories about one development."""
        return {aid: self.thread_of(cid) for aid, cid in self.story_of.items()}

    def thread_of(self, cid: int) -> str:
        return f"thread-{self.threads.find(cid) + 1:05d}"

    def snapshot(self, ids: Iterable[str] | None = None) -> tuple[Story, ...]:
        """The stories (of the articles ``ids``, or all) as records (``claims`` empty: claim alignment fills them)."""
        cids = list(range(self.stories.count)) if ids is None else self._story_numbers(ids)
        self.stories.clusters.prefetch(cids)
        self.published.prefetch(cids)
        out = []
        for cid in cids:
            c = self.stories.clusters.peek(cid)
            dates = sorted(self.published.get(c.id, ()))
            out.append(Story(id=story_id(c.id), title=c.title(), articles=tuple(c.members),
                             start=dates[0] if dates else None, end=dates[-1] if dates else None,
                             thread=self.thread_of(c.id)))
        return tuple(out)

    def tables(self) -> list[Table]:
        return [self.df.df, self.stories.clusters, self.stories.index.postings, self.story_of, self.published,
                *self.threads.tables()]

    def meta(self) -> dict:
        """The index's scalars (what is not in its tables)."""
        return {"version": self.STATE_VERSION, "df_n": self.df.n, "stories": self.stories.meta(),
                "threads": self.threads.meta()}

    def load_meta(self, meta: dict) -> None:
        self._check_version(meta)
        self.df.n = meta["df_n"]
        self.stories.load_meta(meta["stories"])
        self.threads.load_meta(meta["threads"])

    @classmethod
    def _check_version(cls, state: object) -> None:
        """StoreError unless ``state`` (the JSON state or the scalars) was written by this STATE_VERSION."""
        if not isinstance(state, dict) or state.get("version") != cls.STATE_VERSION:
            raise StoreError(f"story index state: expected version {cls.STATE_VERSION}, got "
                             f"{state.get('version') if isinstance(state, dict) else type(state).__name__}")

    def to_state(self) -> dict:
        return {"version": self.STATE_VERSION, "df": self.df.to_state(), "stories": self.stories.to_state(),
                "threads": self.threads.to_state(), "published": {str(k): v for k, v in self.published.items()}}

    @classmethod
    def from_state(cls, state: dict) -> StoryIndex:
        cls._check_version(state)
        obj = cls()
        obj.df = DocumentFrequencies.from_state(state["df"])
        obj.stories = Clusterer.from_state(state["stories"])
        obj.threads = ThreadLinker.from_state(state["threads"])
        for cid in range(obj.stories.count):
            for aid in obj.stories.clusters[cid].members:
                obj.story_of[aid] = cid
        for k, v in state["published"].items():
            obj.published[int(k)] = list(v)
        return obj
