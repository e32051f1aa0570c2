"""Unattributed sentences → the attributed claims of other articles in the story that they restate.

A sentence that no attribution covers matches an attribution of another article
of the same story when their content terms are similar enough and both or
neither are negated ("have not recognized" never matches "recognized"); a sentence that opens
with a quotation mark is someone's words, not the article's statement. Each
sentence keeps only its best match, so one sentence is never read as restating
several claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..types import Attribution, Span
from . import lexical
from .context import Group, View

# Lexical similarity (mean of overlap coefficient and Jaccard of stemmed content terms) from which an
# unattributed sentence restates an attributed one. Set on the seed pair and hand-made story fixtures:
# restatements score 0.45–0.6, sentences on the same topic that say something else 0.2–0.35.
RESTATES = 0.4
# Fewer content terms than this in either text and the similarity says too little to match.
MIN_TERMS = 4

Scorer = Callable[[str, str], float]
QUOTED_SENTENCE = re.compile(r"\s*[“\"‘']")  # a sentence that opens with a quotation mark


@dataclass(frozen=True, slots=True)
class Match:
    claim: str | None  # the first claim the matched attribution belongs to, if any
    attribution: str  # the attributed statement in another article
    article: str  # the article of the unattributed sentence
    span: Span  # the unattributed sentence
    score: float


class SentenceMatcher:
    """Finds, per story, the unattributed sentences that restate another article's attributions."""

    def __init__(self, view: View, scorer: Scorer = lexical.similarity, threshold: float = RESTATES) -> None:
        self.view, self.scorer, self.threshold = view, scorer, threshold
        self._cache: dict[str, list[Match]] = {}

    def _negated(self, att: Attribution) -> bool:
        return att.polarity != "affirmed" or lexical.negated(self.view.content(att))

    @cached_property
    def _leaves(self) -> dict[str, list[Attribution]]:
        """Article id → its attributions, innermost ones only (their content is the proposition)."""
        out: dict[str, list[Attribution]] = {}
        for a in self.view.corpus.analyses:
            out[a.article.id] = [t for t in a.attributions if t.id not in self.view.children]
        return out

    def best(self, text: str, article: str, group: Group) -> tuple[Attribution | None, float]:
        """The attribution of another article in the group that ``text`` restates best, and its score."""
        if len(lexical.terms(text)) < MIN_TERMS:
            return None, 0.0
        neg = lexical.negated(text)
        best, score = None, 0.0
        for other in group.articles:
            if other == article:
                continue
            for att in self._leaves.get(other, ()):
                content = self.view.content(att)
                if self._negated(att) != neg or len(lexical.terms(content)) < MIN_TERMS:
                    continue
                s = self.scorer(text, content)
                if s > score:
                    best, score = att, s
        return best, score

    def matches(self, group: Group) -> list[Match]:
        if group.id in self._cache:
            return self._cache[group.id]
        out = []
        for article in group.articles:
            if article not in self.view.analyses:
                continue
            text = self.view.text(article)
            candidates = [(s, ()) for s in self.view.unattributed_sentences(article)]
            candidates += self.view.silence_sentences(article)
            for span, silent in sorted(candidates, key=lambda c: c[0].start):
                if QUOTED_SENTENCE.match(span.of(text)):
                    continue  # someone's words (quoted where another sentence says whose), not the article's
                att, score = self.best(span.of(text), article, group)
                if att is None or score < self.threshold or self._names_source(span.of(text), att):
                    continue
                if silent and not all(self._reports_silence_of(att, t) for t in silent):
                    continue
                claims = self.view.claims_of.get(att.id, ()) or self._claims_of_parent(att)
                out.append(Match(claims[0] if claims else None, att.id, article, span, round(score, 4)))
        self._cache[group.id] = out
        return out

    def _reports_silence_of(self, att: Attribution, silent: Attribution) -> bool:
        """True when ``att`` (another article's) is about the silence of ``silent``'s source, named in its content."""
        name = lexical.terms(silent.source or "")
        return bool(name) and name <= lexical.terms(self.view.content(att)) and \
            self.view.canonical(silent.source) != self.view.canonical(att.source)

    def _names_source(self, sentence: str, att: Attribution) -> bool:
        """True when the sentence names the attribution's source itself (then it is not stated as fact)."""
        canon = self.view.canonical(att.source)
        names = {canon, att.source or ""}
        for actor in self.view.corpus.actors:
            if actor.name == canon:
                names.update(actor.aliases)
        return any(len(n) >= 3 and re.search(rf"\b{re.escape(n)}\b", sentence) for n in names)

    def _claims_of_parent(self, att: Attribution) -> tuple[str, ...]:
        seen = {att.id}
        while att.parent and att.parent in self.view.attributions and att.parent not in seen:
            att = self.view.attributions[att.parent]
            seen.add(att.id)
            if att.id in self.view.claims_of:
                return self.view.claims_of[att.id]
        return ()
