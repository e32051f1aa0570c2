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
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..types import ArticleAnalysis, Attribution, Claim, Story
from .similarity import ClaimMatcher, Text, number_conflict

# Average-linkage cut: two groups merge when their mean pair score reaches this. Pair scores are
# probabilities of the MSRP-trained matcher (best over clause pairs) and 0.5 is its own "same"
# threshold. Checked among 0.3/0.4/0.5 on the two seed articles (claim alignment F1
# 0.797/0.797/0.821) and on the hand-made fixtures of tests/link/test_claims.py. On Emergent dev
# headlines (bench/emergent_claims.py, 40 claims) a lower cut helps recall (pair F1 0.29 at 0.5,
# 0.52 at 0.3, precision ≥ 0.98 either way): loose headline paraphrases score low with MSRP.
LINK_MIN = 0.5
# Candidate pairs: statements sharing a content lemma that at most this many statements of the story use …
MAX_POSTING = 40
# … and each statement's nearest neighbours by sentence embedding.
NEIGHBOURS = 8
# An article seldom states one claim twice, and when it does (a summary and the body) the two
# are near-verbatim; two statements of one article therefore link only above this score, which
# keeps topically close but different claims of one article ("X avoids acknowledging the troops",
# "the troops were killed") from chaining their cross-article matches together. Seeds + fixtures.
SAME_ARTICLE_MIN = 0.9
# Candidate pairs whose whole contents are further apart than this (MiniLM cosine) are not scored:
# on MSRP train 0.04% of paraphrase pairs fall below 0.3; it bounds the cost of topical stories.
CANDIDATE_MIN_COSINE = 0.3
MIN_WORDS = 3  # contents shorter than this (a bare "yes") say too little to match
# (Only contents with a verb are matched: a bare noun phrase, "the presence of the troops", the
# object of "did not recognise …", names a topic, not a proposition, and resembles every
# statement of its story. Such attributions still become single claims.)
# Clause-level matching: a content span often joins its claim with background ("X, as Y",
# "X, though Y") or a second claim ("X and Y"). Verbal clauses attached by these dependencies
# are cut from the main clause; coordinated ones are also scored alone; a pair's score is the
# best over its clause pairs (full text, main clause, coordinated clauses).
CLAUSE_DEPS = frozenset({"advcl", "relcl", "conj", "parataxis"})
MIN_CLAUSE_WORDS = 4
LEADING = re.compile(r"^(?:that|to|whether)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution's content, ready for matching, with the attributions that relay it
    (the outer layers of a nested attribution: "the report says that K confirmed that …")."""

    attribution: Attribution
    text: str
    relays: tuple[Attribution, ...] = ()


_matcher: ClaimMatcher | None = None


def default_matcher() -> ClaimMatcher:
    global _matcher
    if _matcher is None:
        _matcher = ClaimMatcher()
    return _matcher


def clean(text: str) -> str:
    """Collapse whitespace; strip quotes, a leading complementiser ("that …") and trailing punctuation."""
    text = LEADING.sub("", " ".join(text.split()).strip(" \"'“”‘’"))
    return re.sub(r"[\s,;:.]+$", "", text).strip(" \"'“”‘’")


def clauses(docs) -> list[tuple[str, ...]]:
    """Parsed contents → per content: the full text, its main clause (subordinate and coordinated
    verbal clauses removed) and each clause coordinated with the main one ("X and Y" → X, Y).
    Subordinate clauses ("as …", "because …", "which …") are background, never matched alone."""
    out = []
    for doc in docs:
        roots = {sent.root.i for sent in doc.sents}
        cut = [t for t in doc if t.dep_ in CLAUSE_DEPS and t.pos_ in {"VERB", "AUX"} and t.i not in roots]
        removed = {i for t in cut for i in range(t.left_edge.i, t.right_edge.i + 1)}
        parts = [doc.text, clean("".join(t.text_with_ws for t in doc if t.i not in removed))]
        for token in cut:
            if token.dep_ == "conj" and token.head.i in roots:
                inner = {i for t in cut if t is not token and token.left_edge.i <= t.i <= token.right_edge.i
                         for i in range(t.left_edge.i, t.right_edge.i + 1)}
                words = [t.text_with_ws for t in doc[token.left_edge.i : token.right_edge.i + 1] if t.i not in inner]
                parts.append(clean(re.sub(r"^(?:and|or|but)\s+", "", "".join(words).lstrip(", "))))
        out.append(tuple(dict.fromkeys(p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS or p == doc.text)))
    return out


def _outer(attribution: Attribution, by_id: dict[str, Attribution]) -> tuple[Attribution, ...]:
    """The attributions a nested one sits in, innermost first."""
    chain, seen = [], {attribution.id}
    while attribution.parent in by_id and attribution.parent not in seen:
        attribution = by_id[attribution.parent]
        seen.add(attribution.id)
        chain.append(attribution)
    return tuple(chain)


def _statements(analyses: Sequence[ArticleAnalysis]) -> list[Statement]:
    """Claim-bearing attributions with their contents. An attribution that wraps a nested one (it
    is some child's ``parent``) is matched through that child, whose source is the origin, and
    joins the child's claim as a relay."""
    out = []
    for analysis in analyses:
        by_id = {a.id: a for a in analysis.attributions}
        parents = {a.parent for a in analysis.attributions if a.parent}
        for attribution in analysis.attributions:
            text = clean(attribution.content(analysis.article.text))
            if attribution.id not in parents and len(text.split()) >= MIN_WORDS:
                out.append(Statement(attribution, text, _outer(attribution, by_id)))
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
    if len(texts) < 2:
        return set()
    vectors = np.stack([t.vector for t in texts])
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    k = min(NEIGHBOURS, len(texts) - 1)
    for i, row in enumerate(np.argpartition(-sims, k - 1, axis=1)[:, :k]):
        pairs.update((min(i, int(j)), max(i, int(j))) for j in row)
    return {(i, j) for i, j in pairs if sims[i, j] >= CANDIDATE_MIN_COSINE}


def _average_linkage(articles: Sequence[str], scores: dict[tuple[int, int], float], cut: float) -> list[list[int]]:
    """Greedy average-linkage agglomeration over a sparse score matrix.

    The mean runs over the pairs that say something: every cross-article pair (an unscored one
    counts 0) and the same-article pairs that are in ``scores`` (near-verbatim repeats). Two
    different claims of one article may both be matched by one statement of another article
    that joins them ("X and Y"); their low same-article score does not keep them apart.
    """
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    per_article: dict[int, Counter] = {i: Counter([a]) for i, a in enumerate(articles)}
    owner = list(range(len(articles)))
    while True:
        links: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0])
        for (i, j), value in scores.items():
            a, b = owner[i], owner[j]
            if a != b:
                link = links[(min(a, b), max(a, b))]
                link[0] += value
                link[1] += articles[i] == articles[j]
        best, pair = cut, None
        for (a, b), (total, same) in links.items():
            shared = sum(n * per_article[b][k] for k, n in per_article[a].items())
            compared = len(clusters[a]) * len(clusters[b]) - shared + same
            if compared and total / compared >= best:
                best, pair = total / compared, (a, b)
        if pair is None:
            return sorted(clusters.values(), key=min)
        keep, gone = pair
        for member in clusters[gone]:
            owner[member] = keep
        clusters[keep].extend(clusters.pop(gone))
        per_article[keep].update(per_article.pop(gone))


def _claim(group: list[int], statements: list[Statement], texts: list[Text], scores: dict) -> Claim:
    members = [statements[i] for i in group]
    relays = [r for s in members for r in s.relays]
    ids = tuple(dict.fromkeys([s.attribution.id for s in members] + [r.id for r in relays]))
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


def _pair_scores(parts: list[tuple[str, ...]], pairs: list[tuple[int, int]], matcher: ClaimMatcher) -> dict:
    """Each candidate pair's score: the best matcher score over its clause pairs."""
    jobs, owners = [], []
    for pair in pairs:
        for x in parts[pair[0]]:
            for y in parts[pair[1]]:
                jobs.append((x, y))
                owners.append(pair)
    scores: dict[tuple[int, int], float] = {}
    for pair, value in zip(owners, matcher.score_many(jobs)):
        scores[pair] = max(scores.get(pair, 0.0), float(value))
    return scores


def _story_claims(statements: list[Statement], matcher: ClaimMatcher) -> list[Claim]:
    if not statements:
        return []
    from ..extract.nlp import parse

    docs = list(parse([s.text for s in statements]))
    parts = clauses(docs)
    matcher.prepare([s.text for s in statements])
    texts = [matcher.prepared(s.text) for s in statements]
    propositions = {i for i, doc in enumerate(docs) if any(t.pos_ in {"VERB", "AUX"} for t in doc)}
    pairs = sorted(p for p in _candidates(texts) if p[0] in propositions and p[1] in propositions)
    scores = _pair_scores(parts, pairs, matcher)
    articles = [s.attribution.article for s in statements]
    scores = {(i, j): v for (i, j), v in scores.items() if articles[i] != articles[j] or v >= SAME_ARTICLE_MIN}
    groups = _average_linkage(articles, scores, LINK_MIN)
    claims = [_claim(group, statements, texts, scores) for group in groups]
    matcher.forget()
    return claims


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
