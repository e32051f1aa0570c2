"""Attributions of the articles of each story → claims: the same proposition told in different words.

Within one story, candidate pairs come from an inverted index of content
lemmas and from each statement's nearest embedding neighbours (never all pairs
of the corpus); ``ClaimMatcher`` scores them on contents only (who said it is
ignored, so "X denies P" and "Y says P" make one claim with two stances), and
average-linkage clustering turns the scores into claims. Members whose numbers
differ stay together and the claim records the conflict.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..types import ArticleAnalysis, Attribution, Claim, Story
from .similarity import ClaimMatcher, Text, number_conflict

# Average-linkage cut: two groups merge when their mean pair score reaches this. Pair scores are
# probabilities of the MSRP-trained matcher; claims across outlets are looser paraphrases than
# MSRP's (one content span often adds a clause), so the cut sits below its 0.5 "same" threshold.
# Set on hand-made paraphrase/negative fixtures (tests/link/test_claims.py) and checked on the seeds.
LINK_MIN = 0.35
# Candidate pairs: statements sharing a content lemma that at most this many statements of the story use …
MAX_POSTING = 40
# … and each statement's nearest neighbours by sentence embedding.
NEIGHBOURS = 8
MIN_WORDS = 3  # contents shorter than this (a bare "yes") say too little to match


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution's content, ready for matching."""

    attribution: Attribution
    text: str


_matcher: ClaimMatcher | None = None


def default_matcher() -> ClaimMatcher:
    global _matcher
    if _matcher is None:
        _matcher = ClaimMatcher()
    return _matcher


def clean(text: str) -> str:
    """Collapse whitespace and strip quotes and trailing punctuation from a content span."""
    text = " ".join(text.split()).strip(" \"'“”‘’")
    return re.sub(r"[\s,;:]+$", "", text)


def _statements(analyses: Sequence[ArticleAnalysis]) -> list[Statement]:
    """Claim-bearing attributions: each with its content; an attribution that only wraps a nested
    one (it is some child's ``parent``) is left to that child, whose source is the origin."""
    out = []
    for analysis in analyses:
        parents = {a.parent for a in analysis.attributions if a.parent}
        for attribution in analysis.attributions:
            text = clean(attribution.content(analysis.article.text))
            if attribution.id not in parents and len(text.split()) >= MIN_WORDS:
                out.append(Statement(attribution, text))
    return out


def _candidates(texts: Sequence[Text]) -> set[tuple[int, int]]:
    """Pairs worth scoring: a shared, not too common content lemma, or embedding nearest neighbours."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for lemma in text.content:
            postings[lemma].append(i)
    pairs = set()
    for members in postings.values():
        if len(members) <= MAX_POSTING:
            pairs.update(combinations(members, 2))
    if len(texts) > 1:
        vectors = np.stack([t.vector for t in texts])
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, -1.0)
        k = min(NEIGHBOURS, len(texts) - 1)
        for i, row in enumerate(np.argpartition(-sims, k - 1, axis=1)[:, :k]):
            pairs.update((min(i, int(j)), max(i, int(j))) for j in row)
    return pairs


def _average_linkage(n: int, scores: dict[tuple[int, int], float], cut: float) -> list[list[int]]:
    """Greedy average-linkage agglomeration over a sparse score matrix (missing pairs score 0)."""
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    while True:
        best, pair = cut, None
        links: dict[tuple[int, int], float] = defaultdict(float)
        owner = {m: c for c, members in clusters.items() for m in members}
        for (i, j), s in scores.items():
            a, b = owner[i], owner[j]
            if a != b:
                links[(min(a, b), max(a, b))] += s
        for (a, b), total in links.items():
            mean = total / (len(clusters[a]) * len(clusters[b]))
            if mean >= best:
                best, pair = mean, (a, b)
        if pair is None:
            return sorted(clusters.values(), key=min)
        clusters[pair[0]].extend(clusters.pop(pair[1]))


def _claim(group: list[int], statements: list[Statement], texts: list[Text], scores: dict) -> Claim:
    members = [statements[i] for i in group]
    ids = tuple(s.attribution.id for s in members)
    centrality = {
        i: sum(scores.get((min(i, j), max(i, j)), 0.0) for j in group if j != i) for i in group
    }
    central = max(group, key=lambda i: (centrality[i], -len(statements[i].text)))
    conflicts = []
    for i, j in combinations(group, 2):
        conflict = number_conflict(texts[i], texts[j])
        if conflict and statements[i].attribution.article != statements[j].attribution.article:
            line = f"number: {', '.join(conflict[0])} vs {', '.join(conflict[1])}"
            if line not in conflicts:
                conflicts.append(line)
    origins = tuple(dict.fromkeys(s.attribution.source for s in members if s.attribution.source))
    dates = sorted(s.attribution.date for s in members if s.attribution.date)
    return Claim(
        id="claim-" + hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12],
        text=statements[central].text,
        attributions=ids,
        articles=tuple(dict.fromkeys(s.attribution.article for s in members)),
        origins=origins,
        first_said=dates[0] if dates else None,
        conflicts=tuple(conflicts),
    )


def _story_claims(statements: list[Statement], matcher: ClaimMatcher) -> list[Claim]:
    if not statements:
        return []
    matcher.prepare([s.text for s in statements])
    texts = [matcher.prepared(s.text) for s in statements]
    pairs = sorted(_candidates(texts))
    values = matcher.score_many([(statements[i].text, statements[j].text) for i, j in pairs])
    scores = dict(zip(pairs, (float(v) for v in values)))
    groups = _average_linkage(len(statements), scores, LINK_MIN)
    return [_claim(group, statements, texts, scores) for group in groups]


def align_claims(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[Story], matcher: ClaimMatcher | None = None
) -> tuple[Claim, ...]:
    """Group the attributions of the articles of each story into claims (one claim per proposition).

    Articles that belong to no story are treated as stories of their own.
    Every claim-bearing attribution ends in exactly one claim (single ones too).
    """
    matcher = matcher or default_matcher()
    by_id = {a.article.id: a for a in analyses}
    seen: set[str] = set()
    groups: list[list[ArticleAnalysis]] = []
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id and i not in seen]
        seen.update(a.article.id for a in members)
        groups.append(members)
    groups.extend([a] for a in analyses if a.article.id not in seen)
    claims: list[Claim] = []
    for members in groups:
        claims.extend(_story_claims(_statements(members), matcher))
    return tuple(claims)
