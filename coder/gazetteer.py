"""Loading and validating the place gazetteer (``codebooks/places/``) and its matching rules.

The gazetteer is four CSV files and one YAML file:

- ``places/countries.csv``: countries, with bounding boxes every place must fall in;
- ``places/admin.csv``: admin1 units (with the capital used for governorate-only mentions) and
  Syrian/Iraqi admin2 districts (not matched in text; they define the valid admin2 names);
- ``places/sites.csv``: hand-curated sites, neighbourhoods and towns;
- ``places/geonames.csv``: GeoNames populated places (``scripts/build_gazetteer.py``);
- ``ar/places_context.yaml``: proclitics, fillers, context words, guarded names and stoplist.

Every row is validated; a broken row raises :class:`CodebookError` naming file and line.
:func:`load_gazetteer` is cached; :mod:`coder.places` does the matching.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .codebooks import CodebookError, LineDict, Row, check_unique, read_csv, read_yaml
from .model import Place
from .normalise import fold

CONTEXT_FILE = "ar/places_context.yaml"
_TOKEN = re.compile(r"[^\W_]+")
_COORD = re.compile(r"-?\d{1,3}\.\d{4}")

Tokens = tuple[str, ...]


def tokens(text: str) -> Tokens:
    """Folded word tokens of a codebook term (the same tokenisation the matcher uses)."""
    return tuple(_TOKEN.findall(fold(text)))


@dataclass(frozen=True)
class Candidate:
    """One place an alias can name."""

    place: Place
    priority: int
    precision: int  # geo_precision of a plain mention


@dataclass(frozen=True)
class ContextRule:
    words: Tokens
    written: str  # as written in the codebook
    kind: str  # countryside | near | district | facing
    precision: int


@dataclass(frozen=True)
class Country:
    place: Place
    bbox: tuple[float, float, float, float]  # min_lat, max_lat, min_lon, max_lon

    def contains(self, lat: float, lon: float) -> bool:
        lo_lat, hi_lat, lo_lon, hi_lon = self.bbox
        return lo_lat <= lat <= hi_lat and lo_lon <= lon <= hi_lon


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    aliases: dict[Tokens, list[Candidate]] = field(default_factory=dict)
    by_first: dict[str, list[Tokens]] = field(default_factory=dict)
    guarded: frozenset[Tokens] = frozenset()
    countries: dict[str, Country] = field(default_factory=dict)
    admin1: dict[tuple[str, str], Place] = field(default_factory=dict)
    admin2: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    proclitics: tuple[tuple[str, str], ...] = ()
    fillers: tuple[Tokens, ...] = ()
    contexts: tuple[ContextRule, ...] = ()
    trailing: tuple[Tokens, ...] = ()
    not_after: tuple[Tokens, ...] = ()
    feature_precision: dict[str, int] = field(default_factory=dict)
    # word -> its forms (bare or proclitic-stripped) that start an alias; filled while matching
    starts: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    forms: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # fillers, context rules and not_after phrases keyed by their last word, longest first
    fillers_by_last: dict[str, list[Tokens]] = field(default_factory=dict)
    contexts_by_last: dict[str, list[ContextRule]] = field(default_factory=dict)
    not_after_by_last: dict[str, list[Tokens]] = field(default_factory=dict)

    def add_alias(self, term: str, cand: Candidate, stoplist: frozenset[Tokens] = frozenset(),
                  ) -> None:
        key = tokens(term)
        if not key or key in stoplist:
            return
        entries = self.aliases.setdefault(key, [])
        if any(c.place.id == cand.place.id for c in entries):
            return
        entries.append(cand)
        if len(entries) == 1:
            self.by_first.setdefault(key[0], []).append(key)


# --------------------------------------------------------------------------------------------
# matching rules (YAML)


def _words(entry: LineDict, key: str, path: str) -> list[str]:
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip()
                                                           for w in value):
        raise CodebookError(path, entry.line, f"{key!r} must be a non-empty list of words")
    return [w.strip() for w in value]


def _load_rules(gaz: Gazetteer) -> frozenset[Tokens]:
    """Fill the matching rules into ``gaz``; return the GeoNames stoplist."""
    data = read_yaml(CONTEXT_FILE)
    path = f"codebooks/{CONTEXT_FILE}"
    if not isinstance(data, LineDict):
        raise CodebookError(path, None, "expected a mapping")
    procs: list[tuple[str, str]] = []
    for entry in data.get("proclitics") or []:
        if not isinstance(entry, LineDict) or not isinstance(entry.get("strip"), str):
            raise CodebookError(path, getattr(entry, "line", None), "proclitic needs 'strip'")
        add = entry.get("add", "")
        if not isinstance(add, str):
            raise entry.error("'add' must be text")
        procs.append((fold(entry["strip"]), fold(add)))
    if not procs:
        raise data.error("no proclitics")
    gaz.proclitics = tuple(sorted(procs, key=lambda p: -len(p[0])))
    gaz.fillers = tuple(sorted({tokens(w) for w in _words(data, "fillers", path)},
                               key=lambda t: (-len(t), t)))
    rules: list[ContextRule] = []
    for entry in data.get("contexts") or []:
        if not isinstance(entry, LineDict):
            raise CodebookError(path, None, "context entries must be mappings")
        kind, precision = entry.get("kind"), entry.get("precision")
        if kind not in ("countryside", "near", "district", "facing"):
            raise entry.error(f"unknown context kind {kind!r}")
        if not isinstance(precision, int) or not 1 <= precision <= 3:
            raise entry.error("precision must be 1, 2 or 3")
        for word in _words(entry, "words", path):
            rules.append(ContextRule(tokens(word), word, str(kind), precision))
    gaz.contexts = tuple(sorted(rules, key=lambda r: -len(r.words)))
    gaz.trailing = tuple(sorted({tokens(w) for w in _words(data, "trailing", path)},
                                key=lambda t: (-len(t), t)))
    types = data.get("feature_types")
    if not isinstance(types, LineDict) or not all(
            isinstance(v, int) and 1 <= v <= 3 for v in types.values()):
        raise CodebookError(path, getattr(types, "line", None),
                            "feature_types must map each type to a geo_precision 1-3")
    gaz.feature_precision = {str(k): int(v) for k, v in types.items()}
    gaz.guarded = frozenset(tokens(w) for w in _words(data, "guarded", path))
    gaz.not_after = tuple(sorted({tokens(w) for key in ("not_after", "state_after")
                                  for w in _words(data, key, path)},
                                 key=lambda t: (-len(t), t)))
    for phrase in gaz.fillers:
        gaz.fillers_by_last.setdefault(phrase[-1], []).append(phrase)
    for rule in gaz.contexts:
        gaz.contexts_by_last.setdefault(rule.words[-1], []).append(rule)
    for phrase in gaz.not_after:
        gaz.not_after_by_last.setdefault(phrase[-1], []).append(phrase)
    return frozenset(tokens(w) for w in _words(data, "stoplist", path))


# --------------------------------------------------------------------------------------------
# CSV rows


def _float(row: Row, key: str, coord: bool = True) -> float:
    text = row[key]
    if coord and not _COORD.fullmatch(text):
        raise row.error(f"{key} must be a number with 4 decimals, found {text!r}")
    try:
        return float(text)
    except ValueError as exc:
        raise row.error(f"{key} is not a number: {text!r}") from exc


def _int(row: Row, key: str, default: int = 0) -> int:
    text = row.get(key)
    if not text:
        return default
    try:
        return int(text)
    except ValueError as exc:
        raise row.error(f"{key} must be an integer, found {text!r}") from exc


def _split(text: str) -> list[str]:
    return [a.strip() for a in text.split("|") if a.strip()]


def _load_countries(gaz: Gazetteer) -> None:
    cols = ["iso3", "iso_num", "name", "fips", "name_ar", "min_lat", "max_lat", "min_lon",
            "max_lon", "latitude", "longitude"]
    rows = read_csv("places/countries.csv", cols, ["aliases_ar", "priority"])
    check_unique(rows, lambda r: r["iso3"], "iso3")
    check_unique(rows, lambda r: r["fips"], "FIPS code")
    for row in rows:
        if not re.fullmatch(r"[A-Z]{3}", row["iso3"]) or not re.fullmatch(r"[A-Z]{2}", row["fips"]):
            raise row.error("iso3 must be 3 and fips 2 capital letters")
        bbox = tuple(_float(row, k, coord=False) for k in ("min_lat", "max_lat", "min_lon",
                                                            "max_lon"))
        if bbox[0] >= bbox[1] or bbox[2] >= bbox[3]:
            raise row.error("bounding box minimum is not below its maximum")
        place = Place(f"cty-{row['iso3']}", row["name"], row["name_ar"], "country", row["iso3"],
                      _int(row, "iso_num"), row["name"], "", "", "", row["fips"], "",
                      _float(row, "latitude"), _float(row, "longitude"), "countries.csv")
        country = Country(place, (bbox[0], bbox[1], bbox[2], bbox[3]))
        if not country.contains(place.latitude, place.longitude):
            raise row.error("centroid lies outside the bounding box")
        gaz.countries[row["iso3"]] = country
        gaz.places[place.id] = place
        cand = Candidate(place, _int(row, "priority"), gaz.feature_precision["country"])
        for term in [row["name_ar"], *_split(row.get("aliases_ar"))]:
            gaz.add_alias(term, cand)


def _country(gaz: Gazetteer, row: Row) -> Country:
    country = gaz.countries.get(row["iso3"])
    if country is None:
        raise row.error(f"unknown country {row['iso3']!r} (not in places/countries.csv)")
    return country


def _check_position(country: Country, row: Row) -> tuple[float, float]:
    lat, lon = _float(row, "latitude"), _float(row, "longitude")
    if not country.contains(lat, lon):
        raise row.error(f"coordinates {lat}, {lon} lie outside {country.place.name_en}'s "
                        "bounding box")
    return lat, lon


def _check_admin(gaz: Gazetteer, row: Row, admin1: str, admin2: str) -> str:
    """Check admin names against the admin list; return the admin1's GDELT ADM1 code."""
    capital = gaz.admin1.get((row["iso3"], admin1))
    if capital is None:
        raise row.error(f"unknown admin1 {admin1!r} for {row['iso3']} (not in places/admin.csv)")
    known2 = gaz.admin2.get(row["iso3"])
    if admin2 and known2 and (admin1, admin2) not in known2:
        raise row.error(f"unknown admin2 {admin2!r} in {admin1!r} (not in places/admin.csv)")
    return capital.adm1_code


def _load_admin(gaz: Gazetteer) -> list[tuple[Row, Candidate]]:
    cols = ["level", "iso3", "admin1", "adm1_code", "name_ar", "latitude", "longitude"]
    optional = ["admin2", "gn_codes", "aliases_ar", "capital_en", "capital_admin2",
                "capital_admin3", "priority"]
    rows = read_csv("places/admin.csv", cols, optional)
    pending: list[tuple[Row, Candidate]] = []
    for row in rows:  # level 1 first: level 2 rows and other files refer to them
        if row["level"] not in ("1", "2"):
            raise row.error(f"level must be 1 or 2, found {row['level']!r}")
        if row["level"] != "1":
            continue
        country = _country(gaz, row)
        code = row["adm1_code"]
        if not re.fullmatch(country.place.fips + r"\d{2}", code):
            raise row.error(f"adm1_code {code!r} must be {country.place.fips} + two digits")
        if (row["iso3"], row["admin1"]) in gaz.admin1:
            raise row.error(f"duplicate admin1 {row['admin1']!r}")
        if not row.get("capital_en"):
            raise row.error("an admin1 row needs capital_en")
        lat, lon = _check_position(country, row)
        place = Place(f"adm1-{code}", row["capital_en"], row["name_ar"], "admin1", row["iso3"],
                      country.place.iso_num, country.place.country, row["admin1"],
                      row.get("capital_admin2"), row.get("capital_admin3"), country.place.fips,
                      code, lat, lon, "admin.csv")
        gaz.admin1[(row["iso3"], row["admin1"])] = place
        gaz.places[place.id] = place
        pending.append((row, Candidate(place, _int(row, "priority"),
                                       gaz.feature_precision["admin1"])))
    for row in rows:
        if row["level"] != "2":
            continue
        if not row.get("admin2"):
            raise row.error("a level 2 row needs admin2")
        _check_position(_country(gaz, row), row)
        if (row["iso3"], row["admin1"]) not in gaz.admin1:
            raise row.error(f"unknown admin1 {row['admin1']!r} for {row['iso3']}")
        known = gaz.admin2.setdefault(row["iso3"], set())
        if (row["admin1"], row["admin2"]) in known:
            raise row.error(f"duplicate admin2 {row['admin2']!r}")
        known.add((row["admin1"], row["admin2"]))
    for row, _cand in pending:  # capitals' districts must be known districts
        _check_admin(gaz, row, row["admin1"], row.get("capital_admin2"))
    return pending


def _place_row(gaz: Gazetteer, row: Row, pid: str, source: str) -> tuple[Place, int]:
    country = _country(gaz, row)
    ftype = row["feature_type"]
    if ftype not in gaz.feature_precision or ftype in ("country", "admin1"):
        raise row.error(f"unknown feature_type {ftype!r} (see {CONTEXT_FILE})")
    admin1, admin2 = row["admin1"], row.get("admin2")
    code = _check_admin(gaz, row, admin1, admin2)
    lat, lon = _check_position(country, row)
    place = Place(pid, row["name_en"], row.get("name_ar"), ftype, row["iso3"],
                  country.place.iso_num, country.place.country, admin1, admin2,
                  row.get("admin3"), country.place.fips, code, lat, lon, source)
    if pid in gaz.places:
        raise row.error(f"duplicate place id {pid!r}")
    gaz.places[pid] = place
    return place, gaz.feature_precision[ftype]


def _load_sites(gaz: Gazetteer) -> None:
    cols = ["id", "name_en", "name_ar", "feature_type", "iso3", "admin1", "latitude",
            "longitude", "source"]
    for row in read_csv("places/sites.csv", cols, ["aliases_ar", "admin2", "admin3",
                                                   "priority"]):
        if not re.fullmatch(r"[a-z0-9-]+", row["id"]):
            raise row.error("id must be lower-case letters, digits and '-'")
        place, precision = _place_row(gaz, row, row["id"], f"sites.csv ({row['source']})")
        cand = Candidate(place, _int(row, "priority", 1), precision)
        for term in [row["name_ar"], *_split(row.get("aliases_ar"))]:
            gaz.add_alias(term, cand)


def _load_geonames(gaz: Gazetteer, stoplist: frozenset[Tokens]) -> None:
    cols = ["id", "geonameid", "name_en", "feature_type", "iso3", "admin1", "latitude",
            "longitude"]
    for row in read_csv("places/geonames.csv", cols, ["name_ar", "aliases_ar", "admin2",
                                                      "population"]):
        if row["id"] != f"gn-{row['geonameid']}":
            raise row.error("id must be 'gn-' + geonameid")
        place, precision = _place_row(gaz, row, row["id"], f"GeoNames {row['geonameid']}")
        cand = Candidate(place, 0, precision)
        for term in _split(row.get("aliases_ar")):
            gaz.add_alias(term, cand, stoplist)


def build_gazetteer() -> Gazetteer:
    """Read and validate every gazetteer file (uncached; see :func:`load_gazetteer`)."""
    gaz = Gazetteer()
    stoplist = _load_rules(gaz)
    _load_countries(gaz)
    for row, cand in _load_admin(gaz):
        for term in [row["name_ar"], *_split(row.get("aliases_ar"))]:
            gaz.add_alias(term, cand)
    _load_sites(gaz)
    _load_geonames(gaz, stoplist)
    for keys in gaz.by_first.values():
        keys.sort(key=lambda k: (-len(k), k))
    return gaz


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The validated gazetteer, loaded once per process."""
    return build_gazetteer()


def unresolved_aliases(gaz: Gazetteer) -> list[tuple[str, list[str]]]:
    """Aliases that name several places of ONE country with no priority to tell them apart.

    Places of different countries sharing an alias are told apart by the country hint (and
    skipped without one unless a priority decides), so only same-country ties are unresolved.
    """
    out: list[tuple[str, list[str]]] = []
    for key, cands in sorted(gaz.aliases.items()):
        by_country: dict[str, list[Candidate]] = {}
        for cand in cands:
            by_country.setdefault(cand.place.iso3, []).append(cand)
        for group in by_country.values():
            top = max(c.priority for c in group)
            best = [c.place.id for c in group if c.priority == top]
            if len(best) > 1:
                out.append((" ".join(key), best))
    return out


def all_places(gaz: Gazetteer, feature_types: Iterable[str] | None = None) -> list[Place]:
    wanted = set(feature_types) if feature_types is not None else None
    return [p for p in gaz.places.values() if wanted is None or p.feature_type in wanted]
