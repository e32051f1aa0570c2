"""claimgraph: news articles → a graph of attributed claims."""

from .analysis import analyze
from .errors import (
    ClaimgraphError,
    ExtractError,
    FetchError,
    IngestError,
    ReportError,
    StoreError,
    UsageError,
)
from .types import (
    Actor,
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    Corpus,
    DateMention,
    Drift,
    Entity,
    Place,
    PlaceMention,
    Relation,
    Span,
    Story,
)

__all__ = [
    "Actor", "Article", "ArticleAnalysis", "Attribution", "Claim", "ClaimgraphError", "Corpus", "DateMention",
    "Drift", "Entity", "ExtractError", "FetchError", "IngestError", "Place", "PlaceMention", "Relation",
    "ReportError", "Span", "StoreError", "Story", "UsageError", "analyze",
]
