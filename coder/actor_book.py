"""Loading and validating the actor dictionary (``codebooks/ar/actors/``) and its ACLED tables.

Files: ``countries.csv`` (names and nisba forms), ``organs.csv`` (state organs with CAMEO roles),
``groups.csv`` (named groups), ``agents.csv`` (generic agents), ``composition.yaml`` (clitics,
nisba endings, linker words), ``codebooks/acled/inter_types.csv``, ``government_periods.csv``,
``actor_names.csv`` and ``codebooks/cameo/actor_roles.csv``.  Every Arabic term is folded with
:func:`coder.normalise.fold` and split into lookup tokens here; a broken row raises
:class:`~coder.codebooks.CodebookError` naming its file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .codebooks import CodebookError, LineDict, Row, check_unique, read_csv, read_yaml
from .normalise import fold

DIR = "ar/actors"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_PLACEHOLDER_RE = re.compile(r"\{([^}]*)\}")
PLACEHOLDERS = frozenset({"own", "period", "country"})
_WORD_RE = re.compile(r"[^\W_]+")

Key = tuple[str, ...]
Target = tuple[str, str]  # ("country" | "nisba" | "entry", iso3 or entry id)


@dataclass(frozen=True)
class Country:
    iso3: str
    name_en: str
    acled_name: str
    acled_of: str  # as written after "Forces of": "the United States"
    cameo_code: str
    name_ar: str


@dataclass(frozen=True)
class Entry:
    """One organ, group or agent row."""

    id: str
    kind: str  # "organ" | "group" | "agent"
    name_ar: str
    name_en: str
    acled_name: str  # template with {own}, {period}, {country}
    inter: str
    country: str  # fixed ISO3 or ""
    role: str
    cameo_code: str  # fixed code or "" (composed from country + role)
    standalone: bool = True
    state: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class Dated:
    valid_from: dt.date | None
    valid_to: dt.date | None
    value: str
    inter: str = ""

    def covers(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on < self.valid_to
        )


@dataclass
class Node:
    children: dict[str, Node] = field(default_factory=dict)
    target: Target | None = None


@dataclass
class ActorBook:
    countries: dict[str, Country]
    entries: dict[str, Entry]
    lexicon: dict[Key, Target]
    trie: Node
    prefixes: tuple[str, ...]
    linkers: frozenset[str]
    partitive_linkers: frozenset[str]
    conjunctions: tuple[str, ...]
    max_linkers: int
    absorbing_roles: frozenset[str]
    site_agents: frozenset[str]  # agents naming the sites or equipment of the actor after them
    country_actor: dict[str, str]
    inter_codes: dict[str, int]
    roles: frozenset[str]
    periods: dict[str, list[Dated]]
    dated_names: dict[str, list[Dated]]

    def canonical(self, token: str) -> str:
        return canonical(token)

    def candidates(self, token: str) -> list[tuple[str, str, int]]:
        """Lookup forms of a text token as ``(form, stripped prefix, cost)``: the token and the
        token without each clitic prefix, each also without its article."""
        out: dict[str, tuple[str, str, int]] = {}
        for p in ("", *self.prefixes):
            if p and not (token.startswith(p) and len(token) - len(p) >= 2):
                continue
            raw = token[len(p):]
            for form, cost in ((raw, len(p)), (canonical(raw), len(p) + 2)):
                if form not in out or out[form][2] > cost:
                    out[form] = (form, p, cost)
        return sorted(out.values(), key=lambda x: x[2])

    def is_conjunction(self, prefix: str) -> bool:
        return any(prefix.startswith(c) for c in self.conjunctions)

    def period(self, iso3: str, on: dt.date) -> str:
        return next((d.value for d in self.periods.get(iso3, []) if d.covers(on)), "")


def canonical(token: str) -> str:
    """A folded token without its article (kept when the rest would be under three letters)."""
    if token.startswith("ال") and len(token) - 2 >= 3:
        return token[2:]
    return token


def tokens(term: str) -> Key:
    """Lookup key of a codebook term; a leading ``=`` keeps the article ("=القاعدة")."""
    words = _WORD_RE.findall(fold(term.lstrip("=")))
    return tuple(words) if term.startswith("=") else tuple(canonical(t) for t in words)


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def parse_date(row: Row, col: str) -> dt.date | None:
    value = row.get(col)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise row.error(f"{col} is not an ISO date: {value!r}") from exc


def _dates(row: Row) -> tuple[dt.date | None, dt.date | None]:
    start, end = parse_date(row, "valid_from"), parse_date(row, "valid_to")
    if start and end and end <= start:
        raise row.error("valid_to is not after valid_from")
    return start, end


def _yes_no(row: Row, col: str, default: str) -> bool:
    value = row.get(col, default)
    if value not in ("yes", "no"):
        raise row.error(f"{col} must be yes or no, found {value!r}")
    return value == "yes"


def _check_template(row: Row, template: str) -> None:
    bad = set(_PLACEHOLDER_RE.findall(template)) - PLACEHOLDERS
    if bad:
        raise row.error(f"unknown placeholder(s) {sorted(bad)} in {template!r}")


def _load_countries() -> dict[str, Country]:
    rows = read_csv(f"{DIR}/countries.csv", ["iso3", "name_en", "acled_name", "cameo_code"],
                    ["acled_of", "name_ar", "aliases_ar", "nisba_ar"])
    check_unique(rows, lambda r: r["iso3"], "iso3")
    out: dict[str, Country] = {}
    for row in rows:
        if not _ISO3_RE.fullmatch(row["iso3"]):
            raise row.error(f"bad ISO3 code {row['iso3']!r}")
        if not _CODE_RE.fullmatch(row["cameo_code"]):
            raise row.error(f"bad CAMEO country code {row['cameo_code']!r}")
        if (row.get("aliases_ar") or row.get("nisba_ar")) and not row.get("name_ar"):
            raise row.error("aliases or nisba given without name_ar")
        out[row["iso3"]] = Country(row["iso3"], row["name_en"], row["acled_name"],
                                   row.get("acled_of"), row["cameo_code"], row.get("name_ar"))
    return out


def _load_entries(kind: str, countries: dict[str, Country], roles: frozenset[str],
                  inters: dict[str, int]) -> list[tuple[Entry, Row]]:
    base = ["id", "name_ar", "name_en", "acled_name", "inter"]
    optional = {
        "organ": ["aliases_ar", "role", "country", "cameo_code", "standalone"],
        "group": ["aliases_ar", "cameo_code", "country", "role", "valid_from", "valid_to",
                  "state"],
        "agent": ["aliases_ar", "role", "standalone"],
    }[kind]
    rows = read_csv(f"{DIR}/{kind}s.csv", base, optional)
    out: list[tuple[Entry, Row]] = []
    for row in rows:
        if not _ID_RE.fullmatch(row["id"]):
            raise row.error(f"bad id {row['id']!r} (lower-case letters, digits, _)")
        role, country, code = row.get("role"), row.get("country"), row.get("cameo_code")
        standalone = _yes_no(row, "standalone", "yes")
        if role and role not in roles:
            raise row.error(f"unknown CAMEO role {role!r} (see cameo/actor_roles.csv)")
        if not role and kind == "organ":
            raise row.error("empty role")
        if not role and kind == "agent" and standalone:
            raise row.error("a standalone agent needs a role")
        if country and country not in countries:
            raise row.error(f"unknown country {country!r}")
        if code and not _CODE_RE.fullmatch(code):
            raise row.error(f"malformed CAMEO actor code {code!r}")
        if kind == "group" and not code:
            raise row.error("empty cameo_code")
        if kind == "organ" and bool(country) != bool(code):
            raise row.error("an organ of one state needs both country and cameo_code")
        if code and country and not code.startswith(countries[country].cameo_code):
            raise row.error(f"cameo_code {code!r} does not start with {country}'s code")
        if row["inter"] not in inters:
            raise row.error(f"unknown ACLED inter type {row['inter']!r}")
        _check_template(row, row["acled_name"])
        start, end = _dates(row) if kind == "group" else (None, None)
        entry = Entry(row["id"], kind, row["name_ar"], row["name_en"], row["acled_name"],
                      row["inter"], country, role, code, standalone,
                      _yes_no(row, "state", "no") if kind == "group" else False, start, end)
        if entry.state and not entry.country:
            raise row.error("state=yes needs a country")
        out.append((entry, row))
    return out


def _add(lexicon: dict[Key, Target], key: Key, target: Target, row: Row, term: str) -> None:
    if not key:
        raise row.error(f"term {term!r} has no letters")
    old = lexicon.get(key)
    if old is None or old == target:
        lexicon[key] = target
        return
    if {old[0], target[0]} == {"country", "nisba"} and old[1] == target[1]:
        lexicon[key] = ("country", target[1])  # "سورية" is both a name and a nisba form
        return
    raise row.error(f"term {term!r} already names {old[0]} {old[1]!r}")


def _dated(rel: str, key_col: str, value_col: str, known: set[str],
           inters: dict[str, int] | None = None) -> dict[str, list[Dated]]:
    extra = ["inter"] if inters is not None else []
    rows = read_csv(rel, [key_col, value_col, *extra], ["valid_from", "valid_to"])
    out: dict[str, list[Dated]] = {}
    for row in rows:
        if row[key_col] not in known:
            raise row.error(f"unknown {key_col} {row[key_col]!r}")
        if inters is not None:
            if row["inter"] not in inters:
                raise row.error(f"unknown ACLED inter type {row['inter']!r}")
            _check_template(row, row[value_col])
        start, end = _dates(row)
        item = Dated(start, end, row[value_col], row.get("inter"))
        for other in out.get(row[key_col], []):
            lo = max(start or dt.date.min, other.valid_from or dt.date.min)
            hi = min(end or dt.date.max, other.valid_to or dt.date.max)
            if lo < hi:
                raise row.error(f"period overlaps another row for {row[key_col]!r}")
        out.setdefault(row[key_col], []).append(item)
    return out


def _composition() -> LineDict:
    data = read_yaml(f"{DIR}/composition.yaml")
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{DIR}/composition.yaml", None, "expected a mapping")
    for key in ("prefixes", "nisba_suffixes", "linkers", "partitive_linkers", "absorbing_roles",
                "conjunctions", "site_agents"):
        if not isinstance(data.get(key), list):
            raise data.error(f"{key} must be a list")
    if not isinstance(data.get("max_linkers"), int):
        raise data.error("max_linkers must be an integer")
    ca = data.get("country_actor")
    if not isinstance(ca, LineDict) or not {"name_en", "acled_name", "inter"} <= set(ca):
        raise data.error("country_actor needs name_en, acled_name and inter")
    return data


@functools.cache
def load_book() -> ActorBook:
    inter_rows = read_csv("acled/inter_types.csv", ["label", "code"])
    check_unique(inter_rows, lambda r: r["label"], "label")
    check_unique(inter_rows, lambda r: r["code"], "code")
    inters: dict[str, int] = {}
    for row in inter_rows:
        if not row["code"].isdigit() or not 1 <= int(row["code"]) <= 9:
            raise row.error(f"inter code must be a digit 1..9, found {row['code']!r}")
        inters[row["label"]] = int(row["code"])
    role_rows = read_csv("cameo/actor_roles.csv", ["code", "label"])
    check_unique(role_rows, lambda r: r["code"], "code")
    for row in role_rows:
        if not re.fullmatch(r"[A-Z]{3}", row["code"]):
            raise row.error(f"bad role code {row['code']!r}")
    roles = frozenset(r["code"] for r in role_rows)
    comp = _composition()
    if comp["country_actor"]["inter"] not in inters:
        raise comp.error("country_actor inter is not an ACLED inter type")
    countries = _load_countries()
    lexicon: dict[Key, Target] = {}
    suffixes = [fold(str(s)) for s in comp["nisba_suffixes"]]
    for row in read_csv(f"{DIR}/countries.csv", ["iso3"], allow_extra=True):
        iso = row["iso3"]
        for term in [row.get("name_ar"), *split_list(row.get("aliases_ar"))]:
            if term:
                _add(lexicon, tokens(term), ("country", iso), row, term)
        for term in split_list(row.get("nisba_ar")):
            base = fold(term)
            forms = [base + s for s in suffixes] if base.endswith("ي") else [base]
            for form in forms:
                _add(lexicon, tokens(form), ("nisba", iso), row, form)
    entries: dict[str, Entry] = {}
    for kind in ("organ", "group", "agent"):
        for entry, row in _load_entries(kind, countries, roles, inters):
            if entry.id in entries:
                raise row.error(f"duplicate actor id {entry.id!r}")
            entries[entry.id] = entry
            for term in [entry.name_ar, *split_list(row.get("aliases_ar"))]:
                _add(lexicon, tokens(term), ("entry", entry.id), row, term)
    trie = Node()
    for key, target in lexicon.items():
        node = trie
        for tok in key:
            node = node.children.setdefault(tok, Node())
        node.target = target
    prefixes = sorted((fold(str(p)) for p in comp["prefixes"]), key=len, reverse=True)
    sites = frozenset(str(a) for a in comp["site_agents"])
    for ident in sorted(sites):
        if ident not in entries or entries[ident].kind != "agent":
            raise comp.error(f"site_agents: {ident!r} is not an agent id")
    return ActorBook(
        countries=countries,
        entries=entries,
        lexicon=lexicon,
        trie=trie,
        prefixes=tuple(prefixes),
        linkers=frozenset(canonical(fold(str(w))) for w in comp["linkers"]),
        partitive_linkers=frozenset(canonical(fold(str(w))) for w in comp["partitive_linkers"]),
        conjunctions=tuple(fold(str(c)) for c in comp["conjunctions"]),
        max_linkers=int(comp["max_linkers"]),
        absorbing_roles=frozenset(str(r) for r in comp["absorbing_roles"]),
        site_agents=sites,
        country_actor={k: str(v) for k, v in comp["country_actor"].items()},
        inter_codes=inters,
        roles=roles,
        periods=_dated("acled/government_periods.csv", "iso3", "label", set(countries)),
        dated_names=_dated("acled/actor_names.csv", "actor_id", "acled_name", set(entries),
                           inters),
    )
