"""Place entities (GPE/LOC/FAC, after NER corrections) → geocoded PlaceMentions from the offline gazetteer.

Each mention is read in one of these forms, then resolved among the gazetteer's places of that name:

* a name ("Pokrovsk", "North Korea", "the US");
* an admin-1 region: "X Oblast", "X region", "X Krai", "Republic of X" (also when the admin word follows
  the entity: "Kursk" PRODUCT + "Oblast"); X is a region's name or the town it is named after;
* a facility: "X Air Base", "X airport" → the airport or air base (from airportsdata), else the town X
  ("Port of X" → X: no PyPI gazetteer ships ports); other FAC entities ("the White House") are not
  geocoded.

A town below MIN_UNSUPPORTED_POPULATION is dropped unless the article supports it (see the constant).

Disambiguation (documented rule): score = log10(population) + CONTEXT_COUNTRY_BONUS when the
candidate's country is named in the article (as a country, a demonym or through a region it names)
+ NEIGHBOUR_ADMIN1_BONUS when a place listed right beside it ("Paris, Texas", "near A, B and C")
lies in the same admin-1 region (also a US state written after it in AP style or as a postal code:
"Meriden, N.H.", "Paris, TX": then only a town of that state is taken)
− ALTERNATE_NAME_PENALTY for a match on an alternate (historic, foreign) name − BARE_REGION_PENALTY
for a region named without an admin word. One name keeps one place through the article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import us

from ..types import ArticleAnalysis, PlaceMention, Span
from .entities import PLACE_LABELS
from .gazetteer import ADMIN_WORDS, Match, load_gazetteer, normalise

# Score weights, in log10(population) units; set by hand on the seeds, a few ECB+ texts and table rows
# (tests/extract/test_places.py): a country named in the article outweighs a 30x population gap but not
# a 100x one (US news naming "Paris" means France); a place listed beside it in the same admin-1 region
# outweighs a 100x gap ("Paris, Texas"). A region named elsewhere in the article adds nothing: US
# political news names many states, and that must not make "the Paris agreement" Texan.
CONTEXT_COUNTRY_BONUS = 1.5
NEIGHBOUR_ADMIN1_BONUS = 2.0
ALTERNATE_NAME_PENALTY = 2.0
BARE_REGION_PENALTY = 1.0  # bare "Kursk": the town, unless the region is > 10x bigger ("California")
# A town smaller than this is kept only when the article supports it (its country or region is named,
# or a place listed beside it lies in its region): small towns share names with teams, people and
# streets ("Creighton", "Broadway", "Steinberg, 48,"). Set on 25 ECB+ texts read by eye.
MIN_UNSUPPORTED_POPULATION = 20_000
MAX_CODE_LENGTH = 3  # names this short ("US", "UK") are codes: capitals only, countries only
# A code names a country only if it is this big: "US", "UK" are how news abbreviates, "NC" (New
# Caledonia) or "VA" (Vatican) are how it abbreviates US states. Set on the PolNeAR dev texts.
MIN_CODE_COUNTRY_POPULATION = 10_000_000
LOC_MIN_CITY_POPULATION = 100_000  # a LOC mention ("Earth", "the Pacific") is a town only if this big

COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "central", "midwest", "eastern", "western", "northern", "southern", "middle"})
_FACILITY = re.compile(r"^(?:(?:the )?port of |(?:the )?airport of )(?P<a>.+)$|^(?P<b>.+?) (?:(?:international )?airport|"
                       r"air ?base|air force base|airfield|naval base|military base|port)$", re.IGNORECASE)
_FACILITY_AFTER = re.compile(r"\s+(?:(?:international )?airport|air ?base|airfield)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)?\s*$")
_REPUBLIC = re.compile(r"^(?:the )?republic of (?P<x>.+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _state_qualifier() -> tuple[re.Pattern, dict[str, str]]:
    """", N.H." / ", NH" / ", Calif." right after a town: a US state in AP style or as a postal code (from
    the ``us`` package), mapped to its postal code, which is the gazetteer's admin-1 code of US places."""
    codes = {}
    for state in us.states.STATES_AND_TERRITORIES + [us.states.DC]:
        codes[state.abbr] = state.abbr
        if state.ap_abbr:
            codes[state.ap_abbr] = state.abbr
    forms = "|".join(re.escape(f) for f in sorted(codes, key=len, reverse=True))
    return re.compile(rf",\s*(?P<q>{forms})(?![\w.])"), codes


@dataclass(frozen=True, slots=True)
class _Mention:
    span: Span
    name: str  # the name to look up, without admin words
    form: str  # name | region | facility
    label: str  # the entity label (GPE, LOC, FAC)


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    text = analysis.article.text
    mentions = [m for e in analysis.entities if e.label in PLACE_LABELS
                if (m := _read(text, e.span, e.label)) is not None]
    places = resolve(mentions, _context_countries(doc, analysis), text)
    return replace(analysis, places=tuple(places))


def _read(text: str, span: Span, label: str) -> _Mention | None:
    """The mention's form and lookup name, extending the span over a following admin word."""
    start, end = span.start, span.end
    surface = re.sub(r"(?:'s|’s)$", "", text[start:end])
    end = start + len(surface)
    words = surface.split()
    if len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
        return _Mention(Span(start, end), " ".join(words[:-1]), "region", label)
    if m := _REPUBLIC.match(surface):
        return _Mention(Span(start, end), m["x"], "region", label)
    if m := _FACILITY.match(surface):
        return _Mention(Span(start, end), m["a"] or m["b"], "facility", label)
    if label == "FAC":  # "the White House" is no town called White House
        return None
    if after := _FACILITY_AFTER.match(text, end):  # "Boryspil" GPE + "airport"
        return _Mention(Span(start, after.end()), surface, "facility", label)
    following = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    if following and following[1].lower() in ADMIN_WORDS and (following[1].istitle() or following[1] == "region"):
        return _Mention(Span(start, end + following.end()), surface, "region", label)
    return _Mention(Span(start, end), surface, "name", label)


def _context_countries(doc, analysis: ArticleAnalysis) -> set[str]:
    """Countries the article names, as countries ("Ukraine") or demonyms ("Ukrainian")."""
    gaz, text, found = load_gazetteer(), analysis.article.text, set()
    for e in analysis.entities:
        name = e.span.of(text)
        if e.label == "NORP":
            if cc := gaz.country_of_demonym(name):
                found.add(cc)
        elif e.label in PLACE_LABELS and (country := _plain_country(gaz.lookup(name), name)):
            found.add(country)
    return found


def _plain_country(matches: list[Match], name: str) -> str | None:
    """The country a name means when no bigger place shares it ("Russia"; not "Georgia", a US state too)."""
    matches = [m for m in matches if _usable(m, name)]
    top = max(matches, key=lambda m: (m.primary, m.entry.population), default=None)
    return top.entry.place.country if top is not None and top.entry.place.kind == "country" else None


def _short(name: str) -> bool:
    return len(normalise(name).replace(" ", "")) <= MAX_CODE_LENGTH


def _usable(match: Match, surface: str) -> bool:
    """A short name ("US", "U.K.") is a code: written in capitals, naming a big country (so "E.U." is no
    French town Eu, and "N.C." no New Caledonia)."""
    if not _short(surface):
        return True
    return (surface.replace(".", "").isupper() and match.entry.place.kind == "country"
            and match.entry.population >= MIN_CODE_COUNTRY_POPULATION)


def _candidates(m: _Mention, text: str) -> list[tuple[Match, bool]]:
    """(match, bare) pairs: gazetteer places the mention may name."""
    gaz = load_gazetteer()
    surface = m.span.of(text)
    if m.form == "region":
        full = [x for x in gaz.lookup(surface) if x.entry.place.kind in ("region", "country")]
        return [(x, False) for x in (full or gaz.regions(m.name))]
    if normalise(m.name) in COMPASS:  # "the West", "the South": directions, not Cameroon's regions
        return []
    if m.form == "facility":  # the facility itself ("Ramstein Air Base"), else the town it is named after
        found = [x for x in gaz.lookup(surface) if x.entry.place.kind == "facility"]
        return [(x, False) for x in found] or [(x, True) for x in gaz.lookup(m.name) if x.entry.place.kind == "city"]
    found = [x for x in gaz.lookup(m.name) if _usable(x, m.name) and x.entry.place.kind != "facility"]
    if m.label == "LOC":  # continents, seas, "the Middle East": no small town of that name
        found = [x for x in found if x.entry.place.kind != "city" or x.entry.population >= LOC_MIN_CITY_POPULATION]
    return [(x, True) for x in found]


@dataclass(frozen=True, slots=True)
class _Context:
    countries: frozenset[str]  # ISO alpha-2 of countries the article names
    near: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) of the places listed beside it


def _near(e, near: frozenset[tuple[str, str]]) -> bool:
    """A town or region in the admin-1 region of a place listed beside it ("Atlanta, Georgia"),
    or a country holding one ("Tbilisi, Georgia")."""
    if e.place.kind == "country":
        return any(cc == e.place.country for cc, _ in near)
    return (e.place.country, e.admin1) in near


def _score(match: Match, bare: bool, ctx: _Context) -> float:
    e = match.entry
    score = math.log10(e.population + 10)
    if e.place.country in ctx.countries:
        score += CONTEXT_COUNTRY_BONUS
    if _near(e, ctx.near):
        score += NEIGHBOUR_ADMIN1_BONUS
    if not match.primary:
        score -= ALTERNATE_NAME_PENALTY
    if bare and e.place.kind == "region":
        score -= BARE_REGION_PENALTY
    return score


def _display(entry, m: _Mention):
    """Towns are shown as the article spells them (a recorded name of the place: "Kupiansk" for
    GeoNames' "Kupyansk"), unless in capitals (datelines); countries and regions by their official name."""
    place = entry.place
    name = m.name.removeprefix("the ")
    if place.kind == "city" and m.form == "name" and name[:1].isupper() and not name.isupper():
        return replace(place, name=name)
    return place


def _neighbours(mentions: list[_Mention], i: int, text: str) -> list[int]:
    """The mentions listed right next to mention i: "Paris, Texas", "near A, B and C"."""
    out = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions):
            a, b = sorted((mentions[i].span, mentions[j].span), key=lambda sp: sp.start)
            if _LIST_GAP.match(text[a.end : b.start]):
                out.append(j)
    return out


def resolve(mentions: list[_Mention], countries: set[str], text: str) -> list[PlaceMention]:
    """Pick one place per name in the article (one sense per discourse: the candidate with the best
    score summed over the name's mentions), knowing the countries the article names and, per mention,
    the regions of the places listed beside it (from a first, context-free pick)."""
    cands = [_candidates(m, text) for m in mentions]
    first = [max(c, key=lambda x: _score(*x, _Context(frozenset(countries))))[0].entry if c else None
             for c in cands]
    keys = [(normalise(m.name), m.form) for m in mentions]
    named = frozenset(countries)
    # "Alabama" says the article is about the US, but a region never vouches for itself
    region_of = {keys[j][0]: p.place.country for j, p in enumerate(first) if p is not None and p.place.kind == "region"}
    context = {k: named | {cc for name, cc in region_of.items() if name != k[0]} for k in keys}
    nears = [frozenset((first[j].place.country, first[j].admin1) for j in _neighbours(mentions, i, text)
                       if first[j] is not None and keys[j][0] != keys[i][0])
             for i in range(len(mentions))]
    states = [_state_of(m, text) for m in mentions]
    nears = [near | {("US", st)} if st else near for near, st in zip(nears, states, strict=True)]
    chosen: dict[tuple[str, str], Match] = {}
    for key in dict.fromkeys(keys):
        group = [i for i, k in enumerate(keys) if k == key and cands[i]]
        if group:
            options = cands[group[0]]
            # "Meriden, N.H.": a town of that state or none (not Meriden, Connecticut)
            if qualified := {("US", states[i]) for i in group if states[i]}:
                options = [x for x in options if (x[0].entry.place.country, x[0].entry.admin1) in qualified]
                if not options:
                    continue
            contexts = [_Context(context[key], nears[i]) for i in group]
            chosen[key] = max(options, key=lambda x, cs=contexts: sum(_score(*x, c) for c in cs))[0]
    out = []
    for i, m in enumerate(mentions):
        match = chosen.get(keys[i])
        if match is None or not cands[i]:  # "us" shares a key with "US" but is no place
            continue
        others = named | {p.entry.place.country for k, p in chosen.items() if k[0] != keys[i][0]}
        if _supported(match, others, nears[i]):
            out.append(PlaceMention(m.span, _display(match.entry, m)))
    return out


def _state_of(m: _Mention, text: str) -> str | None:
    """The postal code of a US state written right after a town mention ("Meriden, N.H."), else None."""
    if m.form != "name":
        return None
    pattern, codes = _state_qualifier()
    found = pattern.match(text, m.span.end)
    return codes[found["q"]] if found else None


def _supported(match: Match, others: frozenset[str], near: frozenset[tuple[str, str]]) -> bool:
    """Whether the article backs this reading: its country is named or holds another place named, or
    a place listed beside it shares its region. Unbacked, an alternate-name match is dropped ("White
    House" is an old name of Casablanca), a region is kept only when the article names no other
    country, a town only when it is big (MIN_UNSUPPORTED_POPULATION)."""
    best = match.entry
    if best.place.country in others or _near(best, near):
        return True
    if not match.primary:
        return False
    if best.place.kind in ("country", "facility"):
        return True
    if best.place.kind == "region":
        return not others  # "the West Coast office" of a US story is no region of The Gambia
    return best.population >= MIN_UNSUPPORTED_POPULATION
