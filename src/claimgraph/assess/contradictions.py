"""Claims within a story → contradictions: conflicting numbers, dates, places or polarity, and denials.

Each contradiction is a dict ``{story, claim, kind, detail, sides: [{article,
attribution, source, text}, …]}`` citing both sides. Kinds:

- ``number``: two attributions of one claim give different numbers;
- ``date``: their contents date the event differently (not: said on different days);
- ``place``: they put it in different places of the same kind (two cities);
- ``polarity``: one affirms what the other negates;
- ``denial``: an actor denies what another actor asserts;
- ``conflict``: a conflict the linker recorded on the claim (``Claim.conflicts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from ..types import Attribution, Claim, Span
from . import lexical
from .context import Group, View
from .match import RESTATES

# Two contents this similar (assess.match's lexical similarity) state one proposition, so opposite negation
# is a contradiction; below it, a "not" may belong to another part of a long content. Set with match.RESTATES.
SAME_PROPOSITION = RESTATES
# Numbers, dates or places conflict only between contents at least this similar (the same topic):
# claims grouped loosely by linking may hold statements about different things. Set by hand on the
# seed pair and the hand-made fixtures ("40 people were arrested" vs "65 people were arrested": 0.6).
RELATED = 0.25


def _side(view: View, att: Attribution) -> dict[str, Any]:
    return {"article": att.article, "attribution": att.id, "source": view.canonical(att.source),
            "text": view.extent_text(att)}


def _places(view: View, att: Attribution) -> dict[str, set[str]]:
    """Place kind → names of the places mentioned inside the attribution's content."""
    out: dict[str, set[str]] = {}
    for m in view.analyses[att.article].places:
        if any(s.start <= m.span.start and m.span.end <= s.end for s in att.content_spans):
            out.setdefault(m.place.kind, set()).add(m.place.name)
    return out


def _negative(view: View, att: Attribution) -> bool:
    """The content itself is negated ("X did not happen"); a negated cue ("has not confirmed") is not a denial,
    nor is a negation in an aside about a participant ("the doctor, who has not been identified, took …")."""
    return lexical.main_negated(view.content(att))


def _dates(view: View, att: Attribution) -> set[str]:
    """ISO values of the dates mentioned inside the attribution's content (the event's dates, not when said)."""
    return {d.value for d in view.analyses[att.article].dates
            if d.value and "X" not in d.value and _inside(d.span, att.content_spans)}


def _inside(span: Span, spans: tuple[Span, ...]) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in spans)


def _numbers(view: View, att: Attribution) -> frozenset[float]:
    """Numbers in the content, leaving out those that are part of a date ("16 December")."""
    text = view.text(att.article)
    dates = [d.span for d in view.analyses[att.article].dates]
    parts = []
    for span in att.content_spans:
        chars = list(span.of(text))
        for d in dates:
            for i in range(max(d.start, span.start), min(d.end, span.end)):
                chars[i - span.start] = " "
        parts.append("".join(chars))
    return lexical.numbers(" ".join(parts))


def _pair(view: View, claim: Claim, x: Attribution, y: Attribution) -> Iterator[tuple[str, str]]:
    related = lexical.similarity(view.content(x), view.content(y)) >= RELATED
    nx, ny = _numbers(view, x), _numbers(view, y)
    if related and nx and ny and not nx & ny:
        yield "number", f"{_fmt(nx)} vs {_fmt(ny)}"
    dx, dy = _dates(view, x), _dates(view, y)
    if related and dx and dy and not dx & dy and {len(v) for v in dx} == {len(v) for v in dy}:
        yield "date", f"{', '.join(sorted(dx))} vs {', '.join(sorted(dy))}"
    px, py = _places(view, x), _places(view, y)
    for kind in sorted(set(px) & set(py)) if related else ():
        if not px[kind] & py[kind]:
            yield "place", f"{', '.join(sorted(px[kind]))} vs {', '.join(sorted(py[kind]))}"
    if x.stance == "denies" or y.stance == "denies":
        if (x.stance == "denies") != (y.stance == "denies"):
            yield "denial", f"{view.canonical((x if x.stance == 'denies' else y).source)} denies it"
    elif x.polarity == y.polarity == "affirmed" and _negative(view, x) != _negative(view, y) and \
            lexical.similarity(view.content(x), view.content(y)) >= SAME_PROPOSITION:
        yield "polarity", "one affirms what the other negates"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _fmt(values: frozenset[float]) -> str:
    return ", ".join(f"{v:,.0f}" if v == int(v) else f"{v:g}" for v in sorted(values))


def claim_contradictions(view: View, claim: Claim, group: Group) -> list[dict[str, Any]]:
    members = [view.attributions[a] for a in claim.attributions if a in view.attributions]
    leaves = [leaf for m in members if m.article in group.articles for leaf in view.innermost(m)]
    members = list({m.id: m for m in leaves}.values())
    out, seen = [], set()
    for x, y in combinations(members, 2):
        if x.article == y.article and (view.canonical(x.source) == view.canonical(y.source)
                                       or _overlaps(view.extent(x), view.extent(y))):
            continue
        for kind, detail in _pair(view, claim, x, y):
            key = (kind, detail)
            if key in seen:
                continue
            seen.add(key)
            out.append({"story": group.id, "claim": claim.id, "kind": kind, "detail": detail,
                        "sides": [_side(view, x), _side(view, y)]})
    for conflict in claim.conflicts:
        if not any(c["detail"] in conflict for c in out):
            out.append({"story": group.id, "claim": claim.id, "kind": "conflict", "detail": conflict,
                        "sides": [_side(view, m) for m in members[:2]]})
    return out


def contradictions(view: View) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for group in view.groups:
        for cid in group.claims:
            claim = view.claims.get(cid)
            if claim is not None:
                out.extend(claim_contradictions(view, claim, group))
    return tuple(out)
