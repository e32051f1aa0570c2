"""Per-article analyses → the cross-article graph: stories, claims, copies and relays, actors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, fields, replace

import numpy as np

from ..types import ArticleAnalysis, Claim, Corpus, Relation, Story
from .actors import resolve as resolve_actors
from .claims import group_claims
from .embed import EmbeddingCache
from .relays import RelayIndex
from .state import Codec, Rows, Table, json_codec
from .stories import StoryIndex, lead_embeddings

__all__ = ["Linker", "build", "file_new"]


RELATIONS: Codec = json_codec(str, str, lambda rs: [[r.kind, r.target, r.score] for r in rs],
                              lambda d: tuple(Relation(k, "", t, sc) for k, t, sc in d))
RELAYED: Codec = json_codec(str, str, list, tuple)
CLAIMS: Codec = json_codec(str, str, lambda v: _grouped_json(v), lambda d: _grouped(d))


class Linker:
    """The incremental part of linking: one story index and one copy/relay index over a stream.

    ``add(analysis)`` files one article without touching the others. Persist with ``to_state()`` /
    ``from_state()`` (one JSON document), or row by row: ``Linker(rows)`` over a store's rows (see
    ``state``) reads only what the articles it files and the stories it exports touch, and
    ``changes()`` gives what to write back (a store keeps ``stories.members()`` as its
    article → story rows).
    """

    def __init__(self, stories: StoryIndex | None = None, relays: RelayIndex | None = None,
                 rows: Rows | None = None) -> None:
        self.stories = stories or StoryIndex(rows=rows)
        self.relay_index = relays or RelayIndex(rows)
        self.relations: Table = Table("relations", RELATIONS, rows)  # by source article
        self.relays: Table = Table("relays", RELAYED, rows)
        # Claims of each story as last grouped, with the key of its article set then: a story that gained
        # no article keeps its claims (and their ids) without being grouped again.
        self.claims: Table = Table("claims", CLAIMS, rows)
        # How many times the rows were written back (None: never); a store checks it before writing.
        self.generation: int | None = None

    @classmethod
    def open(cls, rows: Rows, meta: dict) -> Linker:
        """The Linker whose tables are ``rows`` and whose scalars are ``meta`` (as ``meta()`` gave them)."""
        obj = cls(rows=rows)
        obj.stories.load_meta(meta["stories"])
        obj.generation = meta.get("generation")
        return obj

    def add(self, analysis: ArticleAnalysis, embedding: np.ndarray | None = None) -> str:
        """File one article (an article already filed is left as it is); returns its story id.

        ``embedding``: its lead embedding (``stories.lead_embeddings``), used to link stories into threads.
        """
        if analysis.article.id in self.stories.story_of:
            return self.stories.add(analysis)
        story = self.stories.add(analysis, embedding)
        relations, relayed = self.relay_index.add(analysis)
        for r in relations:
            self.relations[r.source] = (*self.relations.get(r.source, ()), r)
        if relayed:
            self.relays[analysis.article.id] = relayed
        return story

    def relations_of(self, ids: list[str]) -> tuple[Relation, ...]:
        """The relations whose source is one of ``ids``, in that order."""
        self.relations.prefetch(ids)
        return tuple(replace(r, source=aid) for aid in ids for r in self.relations.get(aid, ()))

    def tables(self) -> list[Table]:
        return [*self.stories.tables(), *self.relay_index.tables(), self.relations, self.relays, self.claims]

    def meta(self) -> dict:
        """The scalars to store beside the tables (see ``open``)."""
        return {"stories": self.stories.meta(), "generation": self.generation}

    def changes(self) -> dict[str, tuple[dict[str, bytes], list[str]]]:
        """Per table, (rows to write, row keys to delete) since the Linker was opened or last ``saved()``."""
        return {t.name: t.changes() for t in self.tables()}

    def saved(self) -> None:
        for t in self.tables():
            t.saved()

    def to_state(self) -> dict:
        return {"stories": self.stories.to_state(), "relays": self.relay_index.to_state(),
                "relations": [[r.kind, source, r.target, r.score] for source, rs in self.relations.items() for r in rs],
                "relayed": {k: list(v) for k, v in self.relays.items()},
                "claims": {k: _grouped_json(v) for k, v in self.claims.items()}}

    @classmethod
    def from_state(cls, state: dict) -> Linker:
        obj = cls(StoryIndex.from_state(state["stories"]), RelayIndex.from_state(state["relays"]))
        for k, s, t, sc in state["relations"]:
            obj.relations[s] = (*obj.relations.get(s, ()), Relation(k, s, t, sc))
        for k, v in state["relayed"].items():
            obj.relays[k] = tuple(v)
        for k, v in state.get("claims", {}).items():
            obj.claims[k] = _grouped(v)
        return obj


_TUPLE_FIELDS = tuple(f.name for f in fields(Claim) if str(f.type).startswith("tuple"))


def _claim_of(data: dict) -> Claim:
    return Claim(**{k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in data.items()})


def _grouped_json(grouped: tuple[str, list[Claim]]) -> dict:
    """A story's claims as stored: (the key of the article set they were grouped from, the claims) → JSON."""
    return {"key": grouped[0], "claims": [asdict(c) for c in grouped[1]]}


def _grouped(data: dict) -> tuple[str, list[Claim]]:
    return data["key"], [_claim_of(c) for c in data["claims"]]


def _group_key(members: list[ArticleAnalysis]) -> str:
    return hashlib.sha1("\n".join(sorted(a.article.id for a in members)).encode()).hexdigest()


def _align(
    analyses: tuple[ArticleAnalysis, ...], stories: tuple[Story, ...], linker: Linker, cache: EmbeddingCache | None
) -> tuple[Claim, ...]:
    """Claims of each of ``stories`` (the stories of ``analyses``), from its given analyses; a story is
    grouped again only when its article set differs from the one it was last grouped with."""
    by_id = {a.article.id: a for a in analyses}
    groups = [(s.id, [by_id[i] for i in s.articles if i in by_id]) for s in stories]
    groups = [(sid, members) for sid, members in groups if members]
    keys = {sid: _group_key(members) for sid, members in groups}
    linker.claims.prefetch(keys)
    todo = [(sid, members) for sid, members in groups if linker.claims.get(sid, ("",))[0] != keys[sid]]
    for (sid, _), claims in zip(todo, group_claims([members for _, members in todo], cache=cache)):
        linker.claims[sid] = (keys[sid], claims)
    return tuple(c for sid, _ in groups for c in linker.claims[sid][1])


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
    analyses = list(analyses)
    linker.stories.story_of.prefetch(a.article.id for a in analyses)
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
    ids = [a.article.id for a in analyses]
    stories = linker.stories.snapshot(ids)
    claims = _align(analyses, stories, linker, embedding_cache)
    linker.relays.prefetch(ids)
    return Corpus(
        analyses=analyses,
        stories=_with_claims(stories, claims),
        claims=claims,
        relations=linker.relations_of(ids),
        relays={aid: linker.relays[aid] for aid in ids if aid in linker.relays},
        actors=resolve_actors(analyses, linker.stories.members(ids)),
    )
