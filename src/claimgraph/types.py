"""The records that flow through claimgraph: Article → ArticleAnalysis → Corpus.

Every annotation is an offset pair into ``Article.text``; strings shown to a
user are derived from those offsets (``Span.of(text)``), never stored twice.
All records are frozen; steps return enriched copies (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["person", "organisation", "unnamed", "vague", "document"]
Form = Literal["direct", "indirect", "mixed", "according_to", "colon", "list"]
Polarity = Literal["affirmed", "negated", "absence"]
Precision = Literal["day", "month", "year"]
PlaceKind = Literal["city", "region", "country", "facility"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read: cleaned body text plus metadata.

    ``text`` is the body that all offsets refer to; ``removed`` holds the
    boilerplate lines that were taken out of it.
    """

    id: str
    path: str
    text: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, never invented
    published_estimated: bool = False
    language: str | None = None
    removed: tuple[str, ...] = ()
    source_format: str = "text"  # text | html | json | feed


@dataclass(frozen=True, slots=True)
class Entity:
    span: Span
    label: str  # spaCy label, possibly corrected (e.g. GPE for "Kursk")


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, or "XXXX-MM-DD" when the year is unknown
    precision: Precision


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one real place."""

    id: str  # gazetteer id, e.g. "geonames:524925"
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    kind: PlaceKind


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    place: Place


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement, belief or intention that an article credits to a source."""

    id: str
    article: str
    source: str | None  # canonical name within the article
    source_span: Span | None
    source_kind: SourceKind
    cue_span: Span | None
    content_spans: tuple[Span, ...]
    form: Form
    stance: str  # confirms | asserts | claims | suggests | denies | reports | ...
    hedges: tuple[str, ...] = ()
    polarity: Polarity = "affirmed"
    date: str | None = None  # ISO date the statement was made
    parent: str | None = None  # id of the attribution this one is nested in
    source_role: str | None = None
    source_org: str | None = None
    cue: str | None = None  # the cue's words, when there is no cue span (e.g. "Key Takeaways")

    def content(self, text: str) -> str:
        return " … ".join(s.of(text) for s in self.content_spans)


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()


# -- across articles -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    claims: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    thread: str | None = None  # a coarser group of stories about one development (several events)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    attributions: tuple[str, ...]
    articles: tuple[str, ...]
    origins: tuple[str, ...] = ()
    independent_origins: int = 0
    first_said: str | None = None
    support: str | None = None
    conflicts: tuple[str, ...] = ()  # e.g. "number: 10,000 vs 12,000"
    affiliations: tuple[str, ...] = ()  # per origin, the group it speaks for: "government:US", "org:…" or itself


@dataclass(frozen=True, slots=True)
class Relation:
    kind: Literal["copy", "rewrite", "relays"]
    source: str  # "from": article id
    target: str  # "to": article id or actor name
    score: float


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    article: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class DriftSide:
    article: str
    attribution: str | None
    text: str
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Drift:
    claim: str
    kind: str  # attribution dropped | source dropped | source changed | cue weakened | ...
    source: DriftSide  # "from"
    target: DriftSide  # "to"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Corpus:
    """The cross-article graph and its assessment."""

    analyses: tuple[ArticleAnalysis, ...]
    stories: tuple[Story, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    relays: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> upstream source names
    actors: tuple[Actor, ...] = ()
    drift: tuple[Drift, ...] = ()
    unique: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contradictions: tuple[dict, ...] = ()
    stance_matrix: tuple[dict, ...] = ()
