"""Corpus → indexed views the assessors share: attributions by id, sentences, stories, canonical sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..types import Article, ArticleAnalysis, Attribution, Claim, Corpus, Span, Story
from . import lexical

# Two source names are one source when the smaller's content words lie in the larger's and make at
# least this share of them ("Institute for the Study of War" ~ "Analysts at the Institute for the
# Study of War (ISW)"; not "Kremlin" ~ "Kremlin and Russian propagandists"). Set by hand on name
# variants seen in news text.
SOURCE_NAME_SHARE = 0.5
DEMONYM_SUFFIX = 3  # "ukrain" + "ian", "russia" + "n", "america" + "n"
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


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

    @cached_property
    def analyses(self) -> dict[str, ArticleAnalysis]:
        return {a.article.id: a for a in self.corpus.analyses}

    @cached_property
    def order(self) -> dict[str, int]:
        """Article id → position: known publication dates first, earliest first; estimated or unknown after."""
        def key(item: tuple[int, ArticleAnalysis]) -> tuple:
            i, a = item
            known = a.article.published is not None and not a.article.published_estimated
            return (not known, a.article.published or "", i)
        ranked = sorted(enumerate(self.corpus.analyses), key=key)
        return {a.article.id: n for n, (_, a) in enumerate(ranked)}

    @cached_property
    def attributions(self) -> dict[str, Attribution]:
        return {t.id: t for a in self.corpus.analyses for t in a.attributions}

    @cached_property
    def described(self) -> dict[str, Attribution]:
        """Canonical source → its first attribution that gives a role or organisation ("Kirby noted" borrows
        the role stated where the article first named him)."""
        out: dict[str, Attribution] = {}
        for t in self.attributions.values():
            if t.source and (t.source_role or t.source_org):
                out.setdefault(self.canonical(t.source), t)
        return out

    @cached_property
    def organisations(self) -> frozenset[str]:
        """Canonical names of the organisations among the actors ("DHS" and "Department of Homeland Security"
        are one)."""
        return frozenset(self.canonical(a.name) for a in self.corpus.actors if a.kind == "organisation")

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

    def covering(self, article: str, span: Span) -> list[Attribution]:
        """The article's attributions (with a source) whose extent overlaps the span."""
        return [t for t in self.analyses[article].attributions
                if t.source and _overlap(self.extent(t), span)]

    def unattributed_sentences(self, article: str) -> list[Span]:
        """Sentences of the article that no attribution with a source touches, less its headline: a headline
        sums up the article (often naming whose report it is) rather than stating one fact of its own."""
        a = self.analyses[article]
        headline = " ".join((a.article.title or "").split())
        return [s for s in self.sentences(article)
                if not self.covering(article, s) and not (headline and " ".join(s.of(a.article.text).split()) == headline)]

    def silence_sentences(self, article: str) -> list[tuple[Span, tuple[Attribution, ...]]]:
        """Sentences whose only attributions say their own source has not acknowledged something.

        "Russian officials have not publicly recognized X" is read by extraction as a negated statement
        of Russian officials; the article itself asserts that silence, unattributed.
        """
        out = []
        for s in self.sentences(article):
            atts = self.covering(article, s)
            if atts and all(t.polarity != "affirmed" and not t.parent and t.source_kind != "vague" for t in atts):
                out.append((s, tuple(atts)))
        return out

    def innermost(self, att: Attribution, _seen: frozenset[str] = frozenset()) -> tuple[Attribution, ...]:
        """The attributions at the bottom of a nesting chain: ISW relaying Kirby → Kirby's attribution
        (a chain that comes back to itself, which the extractor no longer writes, ends where it would repeat)."""
        kids = [k for k in self.children.get(att.id, ()) if k.id not in _seen]
        if not kids:
            return (att,)
        return tuple(leaf for k in kids for leaf in self.innermost(k, _seen | {att.id}))

    @cached_property
    def _names(self) -> dict[str, str]:
        """Source key → canonical name, by clustering every source name and actor alias in the corpus."""
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}
        members: set[str] = set()  # "DHS spokesman", "WHO officials": someone of an organisation, not it
        for t in self.attributions.values():
            if t.source and t.source_kind != "vague":
                key = source_key(t.source)
                counts[key] = counts.get(key, 0) + 1
                shown.setdefault(key, t.source)
                if t.source_kind == "unnamed" and t.source_org:
                    members.add(key)
        parent: dict[str, str] = {k: k for k in counts}

        def root(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        named: set[str] = set()
        for actor in self.corpus.actors:
            keys = [source_key(n) for n in (actor.name, *actor.aliases) if n]
            for k, n in zip(keys, (actor.name, *actor.aliases)):
                parent.setdefault(k, k)
                counts.setdefault(k, 0)
                shown.setdefault(k, n)
            if keys:
                named.add(keys[0])
                shown[keys[0]] = actor.name
            for k in keys[1:]:
                union(keys[0], k)
        keys = sorted(parent)
        for a, matches in _name_matches(keys, shown, members).items():
            # join only when every match is one source too: "Smith" joins "John Smith", not also "Adam Smith"
            if all(same_source(shown[b], shown[c]) for i, b in enumerate(matches) for c in matches[i + 1:]):
                for b in matches:
                    union(a, b)
        clusters: dict[str, list[str]] = {}
        for k in keys:
            clusters.setdefault(root(k), []).append(k)
        out = {}
        for members in clusters.values():
            best = min(members, key=lambda k: (k not in named, -counts[k], len(k), k))
            for k in members:
                out[k] = shown[best]
        return out

    @cached_property
    def _postings(self) -> dict[str, list[str]]:
        return _postings(sorted(self._names))

    def canonical(self, name: str | None) -> str:
        """A source name → one canonical name across articles (actor records and name containment)."""
        key = source_key(name)
        if key in self._names:
            return self._names[key]
        terms = {_posting_key(t) for t in lexical.terms(key)}
        pool = min((self._postings.get(t, []) for t in terms), key=len, default=[])
        found = sorted({self._names[k] for k in pool if same_source(name or "", k)})
        return found[0] if len(found) == 1 else name or "unnamed source"


def _posting_key(term: str) -> str:
    """A term's first letters: "ukrainian" and "ukrain" (Ukraine) share a posting list (see ``_as_in``)."""
    return term[:5]


def _postings(keys: list[str]) -> dict[str, list[str]]:
    """Content term (its ``_posting_key``) → the names holding it."""
    out: dict[str, list[str]] = {}
    for k in keys:
        for t in {_posting_key(t) for t in lexical.terms(k)}:
            out.setdefault(t, []).append(k)
    return out


def _name_matches(keys: list[str], shown: dict[str, str], members: set[str] = frozenset()) -> dict[str, list[str]]:
    """Name → the other names it is one source with (``same_source``), found through a term index: a
    smaller name's terms all lie in the larger one, so its rarest term's postings hold every candidate.
    ``members``: names of someone of an organisation ("Homeland Security spokesman"), never the organisation
    a shorter name stands for ("Homeland Security" is the Department of Homeland Security, not its spokesman)."""
    postings = _postings(keys)
    out: dict[str, list[str]] = {}
    for a in keys:
        terms = {_posting_key(t) for t in lexical.terms(a)}
        if not terms:
            continue
        rarest = min(terms, key=lambda t: (len(postings[t]), t))
        matches = [b for b in postings[rarest] if b != a and (b not in members or a in members)
                   and same_source(shown[a], shown[b]) and len(lexical.terms(b)) >= len(lexical.terms(a))]
        if matches:
            out[a] = matches
    return out


def same_source(a: str, b: str) -> bool:
    """Two source names denote one source: the smaller's content words lie in the larger's and cover at least
    half of them ("Ukrainian military intelligence sources" ~ "Ukrainian military and intelligence sources"),
    or the smaller is one capitalised word that ends the larger (a surname: "Kirby" ~ "John Kirby")."""
    ta, tb = lexical.terms(a), lexical.terms(b)
    if not ta or not tb:
        return False
    small, large, raw_small, raw_large = (ta, tb, a, b) if len(ta) <= len(tb) else (tb, ta, b, a)
    small = _as_in(small, large)
    if not small <= large or _longer_proper_name(raw_small, raw_large):
        return False
    if len(small) >= SOURCE_NAME_SHARE * len(large) and (len(small) > 1 or len(large) == 1):
        return True
    words = raw_large.split()
    return len(small) == 1 and raw_small.strip()[:1].isupper() and len(raw_small.strip()) >= 4 and \
        bool(words) and words[-1].lower() == raw_small.strip().lower()


def _as_in(terms: frozenset[str], other: frozenset[str]) -> frozenset[str]:
    """``terms`` with a nationality word spelt as the country word of ``other`` or the reverse ("ukrainian" ~
    "ukrain", "russian" ~ "russia"): one is the other plus at most DEMONYM_SUFFIX letters."""
    out = set()
    for t in terms:
        if t not in other and len(t) >= 5:
            t = next((o for o in other if len(o) >= 5 and (o.startswith(t) or t.startswith(o))
                      and abs(len(o) - len(t)) <= DEMONYM_SUFFIX), t)
        out.add(t)
    return frozenset(out)


def _longer_proper_name(small: str, large: str) -> bool:
    """The larger name is the smaller one continued by more capitalised words: another entity ("New York" /
    "New York Times", "Kansas City" / "Kansas City Health Department"), not the same one described."""
    small, large = (_LEADING.sub("", " ".join(n.split())) for n in (small, large))
    if not large.lower().startswith(small.lower() + " "):
        return False
    return large[len(small):].lstrip()[:1].isupper()


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


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
