"""Claims within a story → contradictions: conflicting numbers, dates, places or polarity, and denials.

Each contradiction is a dict ``{story, claim, kind, detail, sides: [{article,
attribution, source, text}, …]}`` citing both sides. Kinds:

- ``number``: two attributions of one claim give different numbers;
- ``date``: they date the same event or statement differently;
- ``place``: they put it in different places of the same kind (two cities);
- ``polarity``: one affirms what the other negates;
- ``denial``: an actor denies what another actor asserts;
- ``conflict``: a conflict the linker recorded on the claim (``Claim.conflicts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from ..types import Attribution, Claim
from . import lexical
from .context import Group, View


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
    return att.stance == "denies" or att.polarity == "negated" or lexical.negated(view.content(att))


def _pair(view: View, claim: Claim, x: Attribution, y: Attribution) -> Iterator[tuple[str, str]]:
    nx, ny = lexical.numbers(view.content(x)), lexical.numbers(view.content(y))
    if nx and ny and not nx & ny:
        yield "number", f"{_fmt(nx)} vs {_fmt(ny)}"
    if x.date and y.date and len(x.date) == len(y.date) and x.date != y.date and "X" not in x.date + y.date:
        yield "date", f"{x.date} vs {y.date}"
    px, py = _places(view, x), _places(view, y)
    for kind in sorted(set(px) & set(py)):
        if not px[kind] & py[kind]:
            yield "place", f"{', '.join(sorted(px[kind]))} vs {', '.join(sorted(py[kind]))}"
    if x.stance == "denies" or y.stance == "denies":
        if (x.stance == "denies") != (y.stance == "denies"):
            yield "denial", f"{view.canonical((x if x.stance == 'denies' else y).source)} denies it"
    elif _negative(view, x) != _negative(view, y) and x.polarity != "absence" and y.polarity != "absence":
        yield "polarity", "one affirms what the other negates"


def _fmt(values: frozenset[float]) -> str:
    return ", ".join(f"{v:,.0f}" if v == int(v) else f"{v:g}" for v in sorted(values))


def claim_contradictions(view: View, claim: Claim, group: Group) -> list[dict[str, Any]]:
    members = [view.attributions[a] for a in claim.attributions if a in view.attributions]
    members = [m for m in members if m.article in group.articles]
    out, seen = [], set()
    for x, y in combinations(members, 2):
        if view.canonical(x.source) == view.canonical(y.source) and x.article == y.article:
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
