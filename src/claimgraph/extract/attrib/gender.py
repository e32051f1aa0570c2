"""A person's name (and honorific) → the sex a "he" or "she" that stands for them would have, when the name says so.

Given names come from the US Social Security baby-name counts (``data/names``, built by
scripts/build_name_gender.py): only names at least 90% of whose bearers are of one sex. A name not in the
table ("Volodymyr", "Kim" is in it only if one-sided) says nothing, and nothing is ruled out for it.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from ...errors import ExtractError

DATA_PACKAGE = "claimgraph.data.names"
TABLE = "first_names.tsv.gz"
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
               "herself": "f"}
HONORIFIC_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lord": "m", "lady": "f", "dame": "f",
                 "madam": "f"}

# titles before a name that say nothing of sex ("Dr Gwen Korovin", "President Joe Biden")
NEUTRAL_TITLES = frozenset({"dr", "prof", "professor", "president", "gen", "general", "sen", "senator", "rep",
                            "gov", "governor", "mayor", "judge", "justice", "minister", "secretary", "chief",
                            "lt", "col", "maj", "capt", "sgt", "adm", "rev", "the"})


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    try:
        raw = resources.files(DATA_PACKAGE).joinpath(TABLE).read_bytes()
        rows = gzip.decompress(raw).decode("utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{DATA_PACKAGE}/{TABLE}: cannot read the given-name table ({exc})") from exc
    return dict(row.split("\t", 1) for row in rows if "\t" in row)


def sex_of(name: str) -> str | None:
    """"f", "m" or None for a name as written ("Mrs. Jane Doe", "Diane Foley", "Korovin")."""
    words = [w.strip(".,").lower() for w in name.split()]
    for n, word in enumerate(words):
        if word in HONORIFIC_SEX:
            return HONORIFIC_SEX[word]
        if word in NEUTRAL_TITLES:
            continue
        if n == len(words) - 1 or not word.isalpha() or len(word) < 2:
            return None  # a surname alone, or an initial: nothing to go by
        return _table().get(word)  # the first word of the name proper: the given name
    return None


def fits(name: str, pronoun: str) -> bool:
    """Whether a gendered pronoun may stand for the person so named (always, when either says nothing)."""
    want = PRONOUN_SEX.get(pronoun.lower())
    have = sex_of(name) if want else None
    return want is None or have is None or have == want
