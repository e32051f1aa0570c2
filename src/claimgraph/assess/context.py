"""Corpus → indexed views the assessors share: attributions by id, sentences, stories, canonical sources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..types import Article, ArticleAnalysis, Attribution, Claim, Corpus, Span, Story
from . import lexical

# Two source names whose content words overlap this much (as sets, the smaller inside the larger)
# are one source when no actor record links them: "Ukrainian military and intelligence sources"
# ~ "Ukrainian military intelligence sources". Set by hand on name variants seen in news text.
SOURCE_NAME_OVERLAP = 0.99
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)


def source_key(name: str | None) -> str:
    """A normalised key for a source name: lower case, no leading article, single spaces."""
    return _LEADING.sub("", " ".join((name or "").lower().split()))


@dataclass(frozen=True, slots=True)
class Group:
    """Articles assessed together: one story (or the whole corpus when no stories were built)."""

    id: str
    articles: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass
class View:
    """Read-only indexes over a Corpus; built once per ``assess`` call."""

    corpus: Corpus
    _canon: dict[str, str] = field(default_factory=dict)

    @cached_property
    def analyses(self) -> dict[str, ArticleAnalysis]:
        return {a.article.id: a for a in self.corpus.analyses}

    @cached_property
    def order(self) -> dict[str, int]:
        """Article id → position, earlier published first (unknown dates last, then input order)."""
        def key(item: tuple[int, ArticleAnalysis]) -> tuple:
            i, a = item
            return (a.article.published is None, a.article.published or "", i)
        ranked = sorted(enumerate(self.corpus.analyses), key=key)
        return {a.article.id: n for n, (_, a) in enumerate(ranked)}

    @cached_property
    def attributions(self) -> dict[str, Attribution]:
        return {t.id: t for a in self.corpus.analyses for t in a.attributions}

    @cached_property
    def children(self) -> dict[str, tuple[Attribution, ...]]:
        out: dict[str, list[Attribution]] = {}
        for t in self.attributions.values():
            if t.parent:
                out.setdefault(t.parent, []).append(t)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def claims(self) -> dict[str, Claim]:
        return {c.id: c for c in self.corpus.claims}

    @cached_property
    def claims_of(self) -> dict[str, tuple[str, ...]]:
        """Attribution id → ids of the claims it belongs to."""
        out: dict[str, list[str]] = {}
        for c in self.corpus.claims:
            for aid in c.attributions:
                out.setdefault(aid, []).append(c.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        """Stories as assessment groups; without stories, the whole corpus is one group."""
        if self.corpus.stories:
            return tuple(self._group(s) for s in self.corpus.stories)
        ids = tuple(a.article.id for a in self.corpus.analyses)
        return (Group("corpus", ids, tuple(c.id for c in self.corpus.claims)),)

    def _group(self, story: Story) -> Group:
        members = set(story.articles)
        claims = story.claims or tuple(c.id for c in self.corpus.claims if members & set(c.articles))
        return Group(story.id, tuple(story.articles), tuple(claims))

    def text(self, article: str) -> str:
        return self.analyses[article].article.text

    def article(self, article: str) -> Article:
        return self.analyses[article].article

    def content(self, att: Attribution) -> str:
        return att.content(self.text(att.article))

    def extent(self, att: Attribution) -> Span:
        """The smallest span covering the attribution's source, cue and content."""
        spans = [s for s in (att.source_span, att.cue_span, *att.content_spans) if s is not None]
        if not spans:
            return Span(0, 0)
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    def extent_text(self, att: Attribution) -> str:
        return self.extent(att).of(self.text(att.article))

    def cue(self, att: Attribution) -> str | None:
        return att.cue_span.of(self.text(att.article)) if att.cue_span else att.cue

    def sentences(self, article: str) -> tuple[Span, ...]:
        a = self.analyses[article]
        if a.sentences:
            return a.sentences
        return tuple(_split_sentences(a.article.text))

    def attributed_spans(self, article: str) -> list[Span]:
        return [self.extent(t) for t in self.analyses[article].attributions]

    def unattributed_sentences(self, article: str) -> list[Span]:
        """Sentences of the article that no attribution's source, cue or content touches."""
        covered = self.attributed_spans(article)
        return [s for s in self.sentences(article)
                if not any(c.start < s.end and s.start < c.end for c in covered)]

    def innermost(self, att: Attribution) -> tuple[Attribution, ...]:
        """The attributions at the bottom of a nesting chain: ISW relaying Kirby → Kirby's attribution."""
        kids = self.children.get(att.id, ())
        if not kids:
            return (att,)
        return tuple(leaf for k in kids for leaf in self.innermost(k))

    def canonical(self, name: str | None) -> str:
        """A source name → one canonical actor name across articles (actors first, then name overlap)."""
        key = source_key(name)
        if key in self._canon:
            return self._canon[key]
        for actor in self.corpus.actors:
            if key in {source_key(n) for n in (actor.name, *actor.aliases)}:
                return self._canon.setdefault(key, actor.name)
        for known_key, canon in list(self._canon.items()):
            if lexical.overlap(lexical.terms(key), lexical.terms(known_key)) >= SOURCE_NAME_OVERLAP:
                return self._canon.setdefault(key, canon)
        return self._canon.setdefault(key, name or "unnamed source")


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n\s*[•\-*]\s*")


def _split_sentences(text: str) -> list[Span]:
    """A fallback splitter for analyses that carry no sentence spans."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append(_trimmed(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
