"""Claims across articles → Drift: how a claim's attribution, source, cue, hedges, numbers and quotes change.

For each claim with attributions in several articles of a story, the earlier
article (by publication date, then input order) is the ``from`` side. Kinds:

- ``attribution dropped``: one article credits a source; another states the
  same proposition as fact, in a sentence that no attribution covers (matched by
  ``match.SentenceMatcher``, which requires equal negation);
- ``source dropped`` / ``source changed``: an origin named in one article is
  missing for the claim in the other (partly / entirely);
- ``cue weakened`` / ``cue strengthened``: the same origin's reporting verb moves
  on ``CUE_STRENGTH`` ("confirmed" → "said");
- ``hedge added`` / ``hedge removed``; ``number changed``; ``date changed``;
  ``quote altered`` (a direct quote of one origin whose words differ);
- ``detail dropped`` / ``detail added``: one report of the origin's statement
  leaves out a clause the other has ("in combat and suffering losses" → "in combat").

Besides claims, a count of the dead, injured … that a later article of the story gives differently from
the first one that gave it is a ``number changed`` with no claim (figures.py): a toll update is often a
new sentence rather than the same claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..extract.attrib.sources import bare_source
from ..types import Attribution, Claim, Drift, DriftSide
from . import figures, lexical
from .corroboration import group_of
from .context import Group, View
from .match import SentenceMatcher

# The strength of a reporting cue, by its stem: how firmly the article says the source stands behind
# the content. Ordered after the evidential scale used in attribution studies (PARC/PolNeAR cue classes):
# confirm > report/announce/state > say/note/tell > claim/allege > suggest/believe > speculate.
CUE_STRENGTH = {
    "confirm": 6, "prove": 6, "verifi": 6, "acknowledg": 5, "establish": 6, "admit": 5, "reaffirm": 5,
    "report": 5, "announc": 5, "state": 5, "declar": 5, "show": 5, "find": 5, "found": 5, "reveal": 5,
    "document": 5, "observ": 5,
    "say": 4, "said": 4, "note": 4, "told": 4, "tell": 4, "accord": 4, "add": 4, "explain": 4, "write": 4,
    "wrote": 4, "quot": 4, "describ": 4, "indic": 4, "takeaway": 4,
    "claim": 3, "alleg": 3, "assert": 3, "insist": 3, "argu": 3, "maintain": 3,
    "suggest": 2, "believ": 2, "think": 2, "thought": 2, "assess": 2, "estim": 2, "expect": 2, "hint": 2,
    "imply": 2, "impli": 2, "suspect": 2,
    "specul": 1, "rumor": 1, "rumour": 1, "guess": 1,
}
# A clause of one report is "dropped" by the other when at least this share of its content terms is
# missing there while another clause keeps at least REST_KEPT of its terms. Set by hand on the seed
# pair and the drift fixtures (a dropped "suffering losses": 1.0 missing; "engaged in combat": 0.8 kept).
CLAUSE_MISSING = 0.75
REST_KEPT = 0.6
STANCE_STRENGTH = {"confirms": 6, "reports": 5, "asserts": 4, "claims": 3, "suggests": 2, "denies": 4}
_QUOTE = re.compile(r"[\"“”]([^\"“”]{8,})[\"“”]")


def cue_strength(cue: str | None, stance: str | None = None) -> int | None:
    """The strength of a cue on ``CUE_STRENGTH``; the cue's stance when no word of it is known."""
    for word in reversed(lexical.words(cue or "")):
        stem = lexical._stem(word)
        for key, value in CUE_STRENGTH.items():
            if stem.startswith(key) or word.startswith(key):
                return value
    return STANCE_STRENGTH.get(stance or "")


def side(view: View, att: Attribution, text: str | None = None) -> DriftSide:
    return DriftSide(att.article, att.id, text or view.extent_text(att), view.cue(att))


def _pairs(view: View, claim: Claim, group: Group) -> Iterator[tuple[str, str]]:
    arts = [a for a in group.articles if a in view.analyses]
    present = {view.attributions[x].article for x in claim.attributions if x in view.attributions}
    ordered = sorted((a for a in arts if a in present), key=lambda a: view.order.get(a, 0))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            yield a, b


def _by_origin(view: View, claim: Claim, article: str, credited: bool = False) -> dict[str, list[Attribution]]:
    """The claim's innermost attributions in one article by origin; ``credited``: only those that put it forward."""
    out: dict[str, list[Attribution]] = {}
    for aid in claim.attributions:
        att = view.attributions.get(aid)
        if att is None or att.article != article:
            continue
        for leaf in view.innermost(att):
            if credited and not puts_forward(leaf):
                continue  # a denial or a silence answers the claim: its source is not credited with it
            name = "unnamed reports" if leaf.source_kind == "vague" else view.canonical(leaf.source)
            out.setdefault(name, []).append(leaf)
    return out


def puts_forward(att: Attribution) -> bool:
    """Whether an attribution credits its source with the claim: not a denial, a negation or a silence."""
    return att.stance != "denies" and att.polarity == "affirmed"


def _best(view: View, pool: list[Attribution], other: Attribution) -> Attribution:
    text = view.content(other)
    return max(pool, key=lambda t: (lexical.similarity(view.content(t), text), -view.extent(t).start))


def _source_drift(view: View, claim: Claim, a: str, b: str) -> Iterator[Drift]:
    oa, ob = _by_origin(view, claim, a, credited=True), _by_origin(view, claim, b, credited=True)
    kept_groups = {group_of(view, ts[0], n) for n, ts in ob.items()}
    kept_anonymous = all(_anonymous(ts[0]) for ts in ob.values())
    # an anonymous origin whose group the later article still credits ("people familiar with the matter" told the
    # Journal / "the Journal"), one anonymous source for another, or "you" / "it", is no change of source; a named
    # one is, even of one government (Kirby dropped, Ryder kept)
    missing = [n for n in oa if n not in ob and not bare_source(n) and not (
        _anonymous(oa[n][0]) and (kept_anonymous or group_of(view, oa[n][0], n) in kept_groups))]
    if not missing or not ob:
        return
    kind = "source changed" if not set(oa) & set(ob) else "source dropped"
    for name in missing:
        src = oa[name][0]
        # where the later article still quotes the dropped source, point there; else at what it kept
        same = [t for t in view.analyses[b].attributions if view.canonical(t.source) == name]
        pool = same or [t for ts in ob.values() for t in ts]
        dst = _best(view, pool, src)
        kept = ", ".join(ob)
        detail = f"{name} is not credited for this claim in the later article, which credits {kept}"
        if same:
            detail += f" (it cites {name} only for another point)"
        yield Drift(claim.id, kind, side(view, src), side(view, dst), detail)


def _anonymous(att: Attribution) -> bool:
    return att.source_kind in ("unnamed", "vague") or att.source is None


def _pair_drift(view: View, claim: Claim, x: Attribution, y: Attribution) -> Iterator[Drift]:
    sx, sy = cue_strength(view.cue(x), x.stance), cue_strength(view.cue(y), y.stance)
    if sx is not None and sy is not None and sx != sy:
        kind = "cue weakened" if sy < sx else "cue strengthened"
        yield Drift(claim.id, kind, side(view, x), side(view, y), f"{view.cue(x)!s} → {view.cue(y)!s}")
    hx, hy = set(map(str.lower, x.hedges)), set(map(str.lower, y.hedges))
    if hy - hx:
        yield Drift(claim.id, "hedge added", side(view, x), side(view, y), ", ".join(sorted(hy - hx)))
    if hx - hy:
        yield Drift(claim.id, "hedge removed", side(view, x), side(view, y), ", ".join(sorted(hx - hy)))
    nx, ny = lexical.numbers(view.content(x)), lexical.numbers(view.content(y))
    if nx and ny and nx != ny:
        yield Drift(claim.id, "number changed", side(view, x), side(view, y), _numbers_detail(nx, ny))
    if x.date and y.date and x.date != y.date and "X" not in x.date + y.date:
        yield Drift(claim.id, "date changed", side(view, x), side(view, y), f"{x.date} → {y.date}")
    lost, gained = missing_clause(view.content(x), view.content(y)), missing_clause(view.content(y), view.content(x))
    if lost:
        yield Drift(claim.id, "detail dropped", side(view, x), side(view, y), f"“{lost}” is not in the later report")
    if gained:
        yield Drift(claim.id, "detail added", side(view, x), side(view, y), f"“{gained}” is new in the later report")
    qx, qy = _quotes(view, x), _quotes(view, y)
    if qx and qy and qx != qy and lexical.similarity(" ".join(qx), " ".join(qy)) > 0:
        yield Drift(claim.id, "quote altered", side(view, x), side(view, y), "the quoted words differ")


def missing_clause(a: str, b: str) -> str | None:
    """The first clause of ``a`` that ``b`` leaves out while keeping another clause of ``a`` ("engaged in
    combat and suffering losses" → "engaged in combat"), else None."""
    tb = lexical.terms(b)
    parts = [(c, lexical.terms(c)) for c in lexical.clauses(a)]
    kept = any(len(t) >= 3 and len(t & tb) >= REST_KEPT * len(t) for _, t in parts)
    if not kept:
        return None
    for clause, t in parts:
        if len(t) >= 2 and len(t - tb) >= CLAUSE_MISSING * len(t):
            return " ".join(clause.split())
    return None


def _numbers_detail(a: frozenset[float], b: frozenset[float]) -> str:
    def fmt(values: frozenset[float]) -> str:
        return ", ".join(f"{v:,.0f}" if v == int(v) else f"{v:g}" for v in sorted(values))
    return f"{fmt(a)} → {fmt(b)}"


def _quotes(view: View, att: Attribution) -> tuple[str, ...]:
    if att.form not in ("direct", "mixed"):
        return ()
    text = view.content(att)
    quoted = tuple(" ".join(q.split()).lower() for q in _QUOTE.findall(text))
    return quoted or (" ".join(text.split()).lower(),)


def _same_origin_drift(view: View, claim: Claim, a: str, b: str) -> Iterator[Drift]:
    oa, ob = _by_origin(view, claim, a), _by_origin(view, claim, b)
    for name in oa:
        if name not in ob:
            continue
        for x in dict.fromkeys(oa[name]):  # each report of the origin's statement in the earlier article
            yield from _pair_drift(view, claim, x, _best(view, ob[name], x))


def claim_drift(view: View, claim: Claim, group: Group) -> list[Drift]:
    out: list[Drift] = []
    for a, b in _pairs(view, claim, group):
        out.extend(_source_drift(view, claim, a, b))
        out.extend(_same_origin_drift(view, claim, a, b))
    return out


def dropped_attributions(view: View, group: Group, matcher: SentenceMatcher) -> list[Drift]:
    """Unattributed sentences that state a claim another article attributes → ``attribution dropped``."""
    out = []
    for match in matcher.matches(group):
        att = view.attributions[match.attribution]
        text = view.text(match.article)
        out.append(Drift(match.claim or "", "attribution dropped", side(view, att),
                         DriftSide(match.article, None, match.span.of(text), None),
                         f"credited to {view.canonical(att.source)} in one article, stated as fact in the other"))
    return out


def count_drift(view: View, group: Group, claimed: list[Drift]) -> list[Drift]:
    """``number changed`` for a count (dead, injured …) a later article gives differently from the first one
    that gave it (figures.py), unless a claim's drift already says so for the two articles."""
    said = {(d.source.article, d.target.article) for d in claimed if d.kind == "number changed"}
    out = []
    for a, b, x, y in figures.figure_drift(view, group):
        if (a, b) not in said:
            out.append(Drift("", "number changed", figures.side(view, a, x), figures.side(view, b, y),
                             f"{x.kind}: {x.value:,} → {y.value:,}"))
    return out


def drift(view: View, matcher: SentenceMatcher) -> tuple[Drift, ...]:
    out: list[Drift] = []
    for group in view.groups:
        out.extend(dropped_attributions(view, group, matcher))
        claimed: list[Drift] = []
        for cid in group.claims:
            claim = view.claims.get(cid)
            if claim is not None:
                claimed.extend(claim_drift(view, claim, group))
        out.extend(claimed)
        out.extend(count_drift(view, group, claimed))
    seen, unique = set(), []
    for d in out:
        key = (d.claim, d.kind, d.source.article, d.source.attribution, d.target.article, d.target.attribution,
               d.target.text)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return tuple(unique)
