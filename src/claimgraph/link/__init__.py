"""Per-article analyses → the cross-article graph: stories, claims, copies and relays, actors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, fields, replace

import numpy as np

from ..types import ArticleAnalysis, Claim, Corpus, Relation, Story
from .actors import resolve as resolve_actors
from .claims import group_claims, story_groups
from .embed import EmbeddingCache
from .relays import RelayIndex
from .stories import StoryIndex, lead_embeddings

__all__ = ["Linker", "build", "file_new"]


class Linker:
    """The incremental part of linking: one story index and one copy/relay index over a stream.

    ``add(analysis)`` files one article without touching the others; ``to_state()`` /
    ``from_state()`` persist both indexes (a store keeps ``stories.members()`` as its
    article → story rows).
    """

    def __init__(self, stories: StoryIndex | None = None, relays: RelayIndex | None = None) -> None:
        self.stories = stories or StoryIndex()
        self.relay_index = relays or RelayIndex()
        self.relations: list[Relation] = []
        self.relays: dict[str, tuple[str, ...]] = {}
        # Claims of each story as last grouped, by the story's article set: a story that gained no
        # article keeps its claims (and their ids) without being grouped again.
        self.claims: dict[str, list[Claim]] = {}

    def add(self, analysis: ArticleAnalysis, embedding: np.ndarray | None = None) -> str:
        """File one article (an article already filed is left as it is); returns its story id.

        ``embedding``: its lead embedding (``stories.lead_embeddings``), used to link stories into threads.
        """
        if analysis.article.id in self.stories.story_of:
            return self.stories.add(analysis)
        story = self.stories.add(analysis, embedding)
        relations, relayed = self.relay_index.add(analysis)
        self.relations.extend(relations)
        if relayed:
            self.relays[analysis.article.id] = relayed
        return story

    def to_state(self) -> dict:
        return {"stories": self.stories.to_state(), "relays": self.relay_index.to_state(),
                "relations": [[r.kind, r.source, r.target, r.score] for r in self.relations],
                "relayed": {k: list(v) for k, v in self.relays.items()},
                "claims": {k: [asdict(c) for c in v] for k, v in self.claims.items()}}

    @classmethod
    def from_state(cls, state: dict) -> Linker:
        obj = cls(StoryIndex.from_state(state["stories"]), RelayIndex.from_state(state["relays"]))
        obj.relations = [Relation(k, s, t, sc) for k, s, t, sc in state["relations"]]
        obj.relays = {k: tuple(v) for k, v in state["relayed"].items()}
        obj.claims = {k: [_claim_of(c) for c in v] for k, v in state.get("claims", {}).items()}
        return obj


_TUPLE_FIELDS = tuple(f.name for f in fields(Claim) if str(f.type).startswith("tuple"))


def _claim_of(data: dict) -> Claim:
    return Claim(**{k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in data.items()})


def _group_key(members: list[ArticleAnalysis]) -> str:
    return _ids_key(a.article.id for a in members)


def _ids_key(article_ids: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()


def _align(
    analyses: tuple[ArticleAnalysis, ...], stories: tuple[Story, ...], linker: Linker, cache: EmbeddingCache | None
) -> tuple[Claim, ...]:
    """Claims of every story of ``analyses``; only stories whose article set the linker has not grouped
    are grouped now. Claims kept for article sets that no story has any more are dropped (``stories``:
    all the linker's stories, also those whose analyses are not given)."""
    groups = story_groups(analyses, stories)
    keys = [_group_key(g) for g in groups]
    todo = [n for n, key in enumerate(keys) if key not in linker.claims]
    for n, claims in zip(todo, group_claims([groups[n] for n in todo], cache=cache)):
        linker.claims[keys[n]] = claims
    current = set(keys) | {_ids_key(s.articles) for s in stories}
    linker.claims = {key: claims for key, claims in linker.claims.items() if key in current}
    return tuple(c for key in keys for c in linker.claims[key])


def _with_claims(stories: tuple[Story, ...], claims: tuple[Claim, ...]) -> tuple[Story, ...]:
    """Each story lists the claims made in any of its articles."""
    out = []
    for s in stories:
        members = set(s.articles)
        out.append(replace(s, claims=tuple(c.id for c in claims if members & set(c.articles))))
    return tuple(out)


def file_new(analyses: Iterable[ArticleAnalysis], linker: Linker, embedding_cache=None) -> None:
    """File into ``linker``, in the given order, the analyses it does not hold yet (their lead embeddings
    computed in one batch)."""
    new = list({a.article.id: a for a in analyses if a.article.id not in linker.stories.story_of}.values())
    embeddings = dict(zip((a.article.id for a in new), lead_embeddings(new, embedding_cache))) if new else {}
    for a in new:
        linker.add(a, embeddings.get(a.article.id))


def build(analyses: Iterable[ArticleAnalysis], linker: Linker | None = None, embedding_cache=None) -> Corpus:
    """Per-article analyses → the cross-article graph (stories, claims, relations, relays, actors).

    With ``linker`` (restored from a store), only the new analyses are filed into its indexes;
    articles it already holds are not filed again, and only stories that gained articles have their
    claims grouped again. ``embedding_cache``: a store's embedding cache
    (see ``embed.embed``) for the lead and statement embeddings, computed in batches for what is new.
    """
    analyses = tuple(analyses)
    linker = linker or Linker()
    file_new(analyses, linker, embedding_cache)
    stories = linker.stories.snapshot()
    claims = _align(analyses, stories, linker, embedding_cache)
    ids = {a.article.id for a in analyses}
    return Corpus(
        analyses=analyses,
        stories=_with_claims(tuple(s for s in stories if ids & set(s.articles)), claims),
        claims=claims,
        relations=tuple(r for r in linker.relations if r.source in ids),
        relays={k: v for k, v in linker.relays.items() if k in ids},
        actors=resolve_actors(analyses, linker.stories.members()),
    )
