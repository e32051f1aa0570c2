"""Stories → stance matrix: actors × claims → confirms | asserts | denies | declines to comment | silent.

A cell is filled only from what an article says: the origin of an attribution
that belongs to the claim confirms, asserts or denies it (by the cue's stance);
a negated cue of commenting or disclosing ("did not provide details", "declined
to comment") is ``declines to comment``; another negated cue ("X have not
publicly recognized …") is ``silent``, and so is an actor that an article reports
as silent ("has not seen any acknowledgment by X"). Absence from our corpus is never
read as silence.
"""

from __future__ import annotations

import re
from typing import Any

from ..extract.attrib.sources import bare_source
from ..types import Attribution
from . import lexical
from .context import Group, View
from .match import SentenceMatcher

STANCES = ("confirms", "asserts", "denies", "declines to comment", "silent")
# Stems of verbs whose negation means a source held back rather than denied.
WITHHOLD = ("comment", "provid", "disclos", "specifi", "elabor", "respond", "answer", "detail", "reveal", "give",
            "releas", "confirm")
# Stems of cues that, in an absence ("declined to comment", "did not respond to requests for comment"), are the
# source holding back: the withholding verbs less those a source uses to report another's silence ("confirmed
# that X has not acknowledged …"), plus the verbs of refusing
HOLD_BACK = tuple(s for s in WITHHOLD if s not in ("confirm", "give", "detail")) + ("declin", "refus", "avoid",
                                                                                   "repli", "return")
# Stems of verbs of acknowledging whose negation, said of someone, records that one's silence.
ACKNOWLEDGE = r"(?:acknowledg\w*|recogni[sz]\w*|confirm\w*|admit\w*|comment\w*|report\w*|mention\w*|respond\w*)"
_BY_ACTOR = re.compile(ACKNOWLEDGE + r"\s+(?:by|from)\s+((?:[A-Z][\w'’-]*|officials|media|state|and|or)"
                       r"(?:\s+(?:[A-Z][\w'’-]*|officials|media|state|and|or|government|authorities))*)")
_ACTOR_HAS_NOT = re.compile(r"((?:[A-Z][\w'’-]*\s+)+(?:[a-z]+\s+){0,3}?(?:officials|media|government|authorities|"
                            r"ministry|forces)?)\s*(?:has|have|had)\s+not\s+(?:\w+ly\s+)?" + ACKNOWLEDGE)


def _cell_stance(view: View, att: Attribution) -> str:
    """An attribution's origin → its cell: a negated cue is holding back ("declined to comment") or silence; an
    absence is holding back when the cue is the withholding ("declined to comment", "did not respond to requests
    for comment"), not when the source reports someone else's silence ("X has not seen any acknowledgment")."""
    cue = view.cue(att) or ""
    stems = [lexical._stem(w) for w in lexical.words(cue)]
    if att.polarity == "negated" and not att.parent:
        withheld = any(s.startswith(WITHHOLD) for s in stems)
        return "declines to comment" if withheld else "silent"
    if att.polarity == "absence" and not att.parent and any(s.startswith(HOLD_BACK) for s in stems):
        return "declines to comment"
    if att.stance == "denies":
        return "denies"
    if att.stance == "confirms":
        return "confirms"
    return "asserts"


def silent_actors(text: str) -> list[str]:
    """Actors a passage reports as not having acknowledged something."""
    names = [m.group(1) for m in _BY_ACTOR.finditer(text)] + [m.group(1) for m in _ACTOR_HAS_NOT.finditer(text)]
    out = []
    for n in names:
        n = re.sub(r"^(?:As of now|Yet|So far|Still|But|And|However)\W+", "", n.strip(), flags=re.IGNORECASE)
        n = re.sub(r"\s+(?:and|or)$", "", n).strip()
        if n and n not in out:
            out.append(n)
    return out


def _about(view: View, group: Group, text: str, own: tuple[str, ...]) -> str | None:
    """The claim of the group a silence is about: the most similar claim other than the passage's own,
    among the claims something is asserted in (a claim that only states a silence, "X has not
    recognized Y", is not what another silence is about: Y is)."""
    best, score = None, 0.0
    for cid in group.claims:
        claim = view.claims.get(cid)
        if claim is None or cid in own or not _asserted(view, claim.attributions):
            continue
        s = lexical.similarity(text, claim.text)
        if s > score:
            best, score = cid, s
    return best if best is not None else (own[0] if own else None)


def _asserted(view: View, attributions: tuple[str, ...]) -> bool:
    atts = [view.attributions.get(a) for a in attributions]
    return any(a is not None and a.polarity == "affirmed" for a in atts)


class MatrixBuilder:
    """Collects the cells of one story's matrix."""

    def __init__(self, view: View, group: Group) -> None:
        self.view, self.group = view, group
        self.cells: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, actor: str, claim: str, stance: str, att: str | None, article: str) -> None:
        cell = self.cells.setdefault((actor, claim), {"actor": actor, "claim": claim, "stance": stance,
                                                      "attributions": [], "articles": []})
        if STANCES.index(stance) < STANCES.index(cell["stance"]):
            cell["stance"] = stance
        if att and att not in cell["attributions"]:
            cell["attributions"].append(att)
        if article not in cell["articles"]:
            cell["articles"].append(article)

    def from_claims(self) -> None:
        for cid in self.group.claims:
            claim = self.view.claims.get(cid)
            for aid in claim.attributions if claim else ():
                att = self.view.attributions.get(aid)
                for leaf in self.view.innermost(att) if att else ():
                    if leaf.source_kind != "vague" and leaf.source and not bare_source(leaf.source):
                        self.add(self.view.canonical(leaf.source), cid, _cell_stance(self.view, leaf), leaf.id,
                                 leaf.article)

    def silences(self, text: str, own: tuple[str, ...], att: str | None, article: str) -> None:
        actors = silent_actors(text)
        about = _about(self.view, self.group, text, own) if actors else None
        for actor in actors if about else ():
            self.add(self.view.canonical(actor), about, "silent", att, article)

    def from_silences(self, matcher: SentenceMatcher) -> None:
        for article in self.group.articles:
            if article not in self.view.analyses:
                continue
            for att in self.view.analyses[article].attributions:
                if att.polarity != "affirmed":
                    self.silences(self.view.content(att), self.view.claims_of.get(att.id, ()), att.id, article)
            text = self.view.text(article)
            for m in matcher.matches(self.group):
                if m.article == article:
                    self.silences(m.span.of(text), (m.claim,) if m.claim else (), None, article)

    def matrix(self) -> dict[str, Any]:
        cells = sorted(self.cells.values(), key=lambda c: (c["actor"], c["claim"]))
        actors = sorted({c["actor"] for c in cells})
        claims = [c for c in self.group.claims if any(cell["claim"] == c for cell in cells)]
        return {"story": self.group.id, "actors": actors, "claims": claims, "cells": cells}


def stance_matrix(view: View, matcher: SentenceMatcher) -> tuple[dict[str, Any], ...]:
    out = []
    for group in view.groups:
        builder = MatrixBuilder(view, group)
        builder.from_claims()
        builder.from_silences(matcher)
        if builder.cells:
            out.append(builder.matrix())
    return tuple(out)

