"""spaCy Doc → sentences and named entities (offsets), with known NER mislabels corrected.

The small English model often tags places as PRODUCT, ORG or PERSON ("Kursk" in "Kursk Oblast" is a
PRODUCT), facilities as ORG ("X Air Base") and surnames as GPE ("according to Kirby"). Corrections use
the gazetteer and the local context only; nothing is specific to any text:

* a name the gazetteer knows becomes GPE when an admin word follows it ("X Oblast", "X region"), a
  place noun introduces it ("the Port of X", "the town of X"), a locative preposition precedes it
  ("near X", "from X"), it is coordinated with a place ("near A, B and X"), or the same name is a
  place elsewhere in the article;
* a name ending in a facility word ("Air Base", "Airport") becomes FAC;
* a person's name ends at its last capitalised word ("Kate made Meghan cry" tagged "Meghan cry");
* a word in capitals after "a"/"an" is no name ("A TEENAGER woke up …"), and one the gazetteer knows
  opening a line as a dateline ("DETROIT —") is a place;
* a one-word GPE or ORG that is a name of a PERSON in the same article ("Kirby", "Regina" after "John Kirby",
  "Regina Benjamin"; "Hasib" after "Usman Hasib") becomes PERSON, and a name made
  of the words of another PERSON entity is never relabelled a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..types import ArticleAnalysis, Entity, Span
from .gazetteer import ADMIN_WORDS, load_gazetteer, normalise

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
UNLABELLED = ""  # a proper-noun run outside every entity: kept only if it becomes a place
# Labels the small model puts on places by mistake (seen on news text: PRODUCT, ORG, PERSON, WORK_OF_ART).
MISLABELS = frozenset({"PRODUCT", "ORG", "PERSON", "WORK_OF_ART", "EVENT", UNLABELLED})
_LIST_SEPARATOR = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|/)\s*$")
LOCATIVE = frozenset({"in", "near", "from", "outside", "around", "towards", "toward", "into", "across",
                      "throughout", "within", "inside"})
PLACE_NOUNS = frozenset({"port", "city", "town", "village", "region", "province", "republic", "oblast",
                         "outskirts", "suburb", "district", "capital", "settlement"})
FACILITY_WORDS = ("air base", "airbase", "airport", "airfield", "naval base", "military base", "port",
                  "base", "power plant", "nuclear power plant", "dam", "bridge")
# A bare name after a locative preposition is corrected only for places this big (or regions/countries):
# smaller towns share names with people and organisations. Set by eye on the seeds and 20 ECB+ texts.
MIN_POPULATION_AFTER_PREPOSITION = 10_000


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int  # token indices into the Doc
    end: int
    label: str


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    sentences = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    entities = tuple(Entity(Span(doc[c.start : c.end].start_char, doc[c.start : c.end].end_char), c.label)
                     for c in correct(doc))
    return replace(analysis, sentences=sentences, entities=entities)


def correct(doc) -> list[_Cand]:
    """The Doc's entities with place, facility and surname labels corrected, as token ranges."""
    cands = [_shouted(doc, _trimmed(doc, _Cand(e.start, e.end, e.label_))) for e in doc.ents] + _proper_noun_runs(doc)
    cands = sorted((_facility(doc, c) for c in cands), key=lambda c: c.start)
    cands = _surnames(doc, cands)
    cands = _places(doc, cands)
    return [c for c in cands if c.label != UNLABELLED]


def _proper_noun_runs(doc) -> list[_Cand]:
    """Runs of proper nouns the model left outside every entity ("Donetsk" in "Donetsk region")."""
    runs, start = [], None
    for t in doc:
        inside = t.pos_ == "PROPN" and not t.ent_type_ and t.is_title
        if inside and start is None:
            start = t.i
        elif not inside and start is not None:
            runs.append(_Cand(start, t.i, UNLABELLED))
            start = None
    if start is not None:
        runs.append(_Cand(start, len(doc), UNLABELLED))
    return runs


def _trimmed(doc, c: _Cand) -> _Cand:
    """A person's name without the lower-case words the model ran on into ("Kate made [Meghan cry]"): a name's last
    word is capitalised."""
    if c.label != "PERSON":
        return c
    end = c.end
    while end - c.start > 1 and doc[end - 1].is_alpha and doc[end - 1].is_lower:
        end -= 1
    return c if end == c.end else replace(c, end=end)


def _shouted(doc, c: _Cand) -> _Cand:
    """A word in capitals the tagger took for a name: a common noun after "a"/"an" ("A TEENAGER woke up …",
    a tabloid lead) is none; a place the gazetteer knows opening a line ("DETROIT —", "PROVO, Utah") is a
    place."""
    tok = doc[c.start]
    if c.end - c.start != 1 or c.label not in MISLABELS or not (tok.text.isupper() and len(tok.text) >= 4):
        return c
    if c.start > 0 and doc[c.start - 1].lower_ in ("a", "an") and tok.dep_ != "compound":
        return replace(c, label=UNLABELLED)
    opens_line = c.start == 0 or doc[c.start - 1].is_space  # a line break is a space token
    dateline = opens_line and c.end < len(doc) and doc[c.end].text in (",", "—", "–", "-", "(")
    if dateline and tok.text in load_gazetteer():
        return replace(c, label="GPE")
    return c


def _facility(doc, c: _Cand) -> _Cand:
    text = doc[c.start : c.end].text.lower()
    if c.label in MISLABELS and any(text.endswith(" " + w) for w in FACILITY_WORDS):
        return replace(c, label="FAC")
    return c


def _surnames(doc, cands: list[_Cand]) -> list[_Cand]:
    people = [c for c in cands if c.label == "PERSON" and c.end - c.start >= 2
              and doc[c.end - 1].lower_ not in ADMIN_WORDS and doc[c.start : c.end].text not in load_gazetteer()]
    names = {t.text for c in people for t in doc[c.start : c.end] if t.text[:1].isupper()}
    out = []
    for c in cands:
        if (c.label in ("GPE", "LOC", "ORG") and c.end - c.start == 1 and doc[c.start].text in names
                and not _after_locative(doc, c.start)):
            c = replace(c, label="PERSON")
        out.append(c)
    return out


def _person_words(doc, cands: list[_Cand]) -> dict[str, set[int]]:
    """Each word of a PERSON entity → the indices of the PERSON candidates holding it."""
    out: dict[str, set[int]] = {}
    for k, c in enumerate(cands):
        if c.label == "PERSON":
            for t in doc[c.start : c.end]:
                out.setdefault(t.text, set()).add(k)
    return out


def _names_person(doc, k: int, c: _Cand, person_words: dict[str, set[int]]) -> bool:
    """Whether every word of candidate k is a word of another PERSON entity."""
    words = [t.text for t in doc[_name_start(doc, c) : c.end] if not t.is_punct and t.text not in ("'s", "’s")]
    return bool(words) and all(person_words.get(w, set()) - {k} for w in words)


def _name_start(doc, c: _Cand) -> int:
    return c.start + 1 if doc[c.start].lower_ == "the" and c.end - c.start > 1 else c.start


def _after_locative(doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in LOCATIVE


def _admin_follows(doc, c: _Cand) -> bool:
    return c.end < len(doc) and doc[c.end].lower_ in ADMIN_WORDS and (
        doc[c.end].is_title or doc[c.end].lower_ == "region")


def _place_noun_before(doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS


def _listed_with_place(doc, text: str, start: int, end: int, place_tokens: set[int]) -> bool:
    """In a list with a place: "near A, B and X" (by the text, as the parse often breaks such lists)."""
    before = max((i for i in place_tokens if i < start), default=None)
    after = min((i for i in place_tokens if i >= end), default=None)
    if before is not None and _LIST_SEPARATOR.match(text[doc[before].idx + len(doc[before]) : doc[start].idx]):
        return True
    return (after is not None and doc[after].dep_ != "compound"  # "Kirby, US officials said": no list
            and bool(_LIST_SEPARATOR.match(text[doc[end - 1].idx + len(doc[end - 1]) : doc[after].idx])))


def _big_enough(name: str) -> bool:
    return any(m.entry.place.kind != "city" or m.entry.population >= MIN_POPULATION_AFTER_PREPOSITION
               for m in load_gazetteer().lookup(name) if m.primary)


def _is_place(doc, text: str, c: _Cand, place_tokens: set[int], place_names: set[str]) -> bool:
    """Whether the mislabelled candidate ``c`` is a place the gazetteer knows, by its context."""
    start = _name_start(doc, c)
    name = doc[start : c.end].text
    if c.end - start > 1 and doc[c.end - 1].lower_ in ADMIN_WORDS:  # "Sumy Oblast" tagged PERSON
        return bool(load_gazetteer().regions(doc[start : c.end - 1].text))
    if name not in load_gazetteer():
        return False
    if _admin_follows(doc, c) or _place_noun_before(doc, start) or normalise(name) in place_names:
        return True
    if _listed_with_place(doc, text, start, c.end, place_tokens):
        return True
    return c.label != "PERSON" and _after_locative(doc, start) and _big_enough(name)


def _free(cands: list[_Cand], token: int) -> bool:
    return not any(c.start <= token < c.end and c.label != UNLABELLED for c in cands)


def _places(doc, cands: list[_Cand]) -> list[_Cand]:
    """Relabel mislabelled places as GPE, repeating while a correction enables another (lists).

    A name that is (part of) a PERSON entity elsewhere in the article is never relabelled.
    """
    text, changed = doc.text, True
    while changed:
        changed = False
        place_tokens = {i for c in cands if c.label in PLACE_LABELS for i in range(c.start, c.end)}
        place_names = {normalise(doc[_name_start(doc, c) : c.end].text) for c in cands if c.label in PLACE_LABELS}
        person_words = _person_words(doc, cands)
        for k, c in enumerate(cands):
            if (c.label in MISLABELS and _is_place(doc, text, c, place_tokens, place_names)
                    and not _names_person(doc, k, c, person_words)):
                end = c.end + 1 if _admin_follows(doc, c) and _free(cands, c.end) else c.end
                cands[k] = replace(c, end=end, label="GPE")  # "Kursk" PRODUCT + "Oblast" → "Kursk Oblast" GPE
                changed = True
    return cands
