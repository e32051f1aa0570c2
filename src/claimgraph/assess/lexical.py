"""Text → stemmed content terms, numbers and overlap scores (the lexical measures assessment uses)."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Function words and reporting scaffolding that say nothing about what a sentence reports.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    of off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves now would may might must
    shall per via upon within without whether however furthermore additionally moreover although though despite
    since yet even still already instead rather thus therefore""".split()
)
NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "none", "nothing", "nobody", "n't"})
_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion))?", re.I)
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|:\s+|\s+[—–]\s+|\s+and\s+|\s+but\s+")
_LEADING_JOIN = re.compile(r"^(?:and|but|that)\s+", re.I)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_STEMMER = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessive ’s removed."""
    out = []
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.replace(",", "") if w[0].isdigit() else w)
    return out


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return word if word[0].isdigit() else _STEMMER.stemWord(word)


@lru_cache(maxsize=16384)
def terms(text: str) -> frozenset[str]:
    """The stemmed content words of a text (numbers kept as written, without thousands separators)."""
    return frozenset(_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1 or w[0].isdigit())


def negated(text: str) -> bool:
    """True when the text carries a negation word ("not", "never", "n't" …)."""
    low = text.lower()
    return "n't" in low or any(w in NEGATIONS for w in words(low))


# Asides that say something about a participant, not what happened: a relative clause set off by commas
# (", who has not been identified,": to the next comma or the end), a parenthesis, a dashed insertion.
_ASIDES = re.compile(r",\s*(?:who|whom|whose|which)\b[^,;]*(?:,|$)|\([^()]*\)|\s[—–-]\s[^—–]*?(?:\s[—–-]\s|$)")


def main_negated(text: str) -> bool:
    """``negated`` outside the asides: "the doctor, who has not been identified, took a selfie" affirms."""
    return negated(_ASIDES.sub(" ", text))


def numbers(text: str) -> frozenset[float]:
    """Numeric values written in digits, with thousand/million/billion applied."""
    values = set()
    for m in _NUMBER.finditer(text):
        values.add(float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1.0))
    return frozenset(values)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient |a ∩ b| / min(|a|, |b|); 0 when either side is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """A symmetric lexical similarity in [0, 1]: the mean of overlap coefficient and Jaccard of content terms."""
    ta, tb = terms(a), terms(b)
    return 0.5 * (overlap(ta, tb) + jaccard(ta, tb))


def novelty(text: str, known: frozenset[str] | set[str]) -> tuple[float, int]:
    """(share of the text's content terms absent from ``known``, number of content terms)."""
    t = terms(text)
    if not t:
        return 0.0, 0
    return len(t - known) / len(t), len(t)


def clause_breaks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets where a clause ends in ``text[start:end]``: commas, semicolons, colons, dashes, "and", "but"."""
    return [m.start() for m in _CLAUSE_BREAK.finditer(text, start, len(text) if end is None else end)]


def clauses(text: str) -> list[str]:
    """The text cut at its clause breaks (see ``clause_breaks``)."""
    cuts = [0, *clause_breaks(text), len(text)]
    parts = (_LEADING_JOIN.sub("", text[a:b].strip(" ,;:—–")) for a, b in zip(cuts, cuts[1:]))
    return [p for p in parts if p]
