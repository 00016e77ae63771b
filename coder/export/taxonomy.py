"""Code tables the writers need: ACLED countries/regions, ACLED categories, numeric inter codes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..actors import inter_types, valid_interactions
from ..codebooks import CodebookError, LineDict, read_csv, read_yaml

REGIONS_FILE = "acled/regions.csv"
TAXONOMY_FILE = "export/acled_taxonomy.yaml"

_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Country:
    iso3: str
    iso_num: int
    name: str  # as ACLED writes it
    region: str  # ACLED region name


@functools.cache
def countries() -> dict[str, Country]:
    """``codebooks/acled/regions.csv`` keyed by ISO3."""
    rows = read_csv(REGIONS_FILE, ["iso3", "iso_num", "country", "region"])
    out: dict[str, Country] = {}
    for row in rows:
        iso3 = row["iso3"]
        if not _ISO3.match(iso3):
            raise row.error(f"iso3 must be three capital letters, found {iso3!r}")
        if iso3 in out:
            raise row.error(f"duplicate iso3 {iso3!r}")
        if not row["iso_num"].isdigit() or int(row["iso_num"]) > 999:
            raise row.error(f"iso_num must be a number 0-999, found {row['iso_num']!r}")
        out[iso3] = Country(iso3, int(row["iso_num"]), row["country"], row["region"])
    return out


@dataclass(frozen=True)
class Taxonomy:
    event_types: dict[str, tuple[str, ...]]  # event type -> its sub-event types
    disorder_types: tuple[str, ...]
    civilian_targeting: tuple[str, ...]
    inter_types: tuple[str, ...]  # in ACLED's order (codebooks/acled/inter_types.csv)

    @property
    def sub_event_types(self) -> list[str]:
        return [s for subs in self.event_types.values() for s in subs]

    def interactions(self) -> list[str]:
        """Every valid ACLED 2024+ interaction text (``coder.actors.valid_interactions``)."""
        return sorted(valid_interactions())


def _str_list(data: LineDict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise data.error(f"{key!r} must be a non-empty list of strings")
    if len(set(value)) != len(value):
        raise data.error(f"{key!r} has duplicate entries")
    return tuple(value)


@functools.cache
def taxonomy() -> Taxonomy:
    """``codebooks/export/acled_taxonomy.yaml``, validated."""
    data = read_yaml(TAXONOMY_FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{TAXONOMY_FILE}", None, "expected a mapping")
    types = data.get("event_types")
    if not isinstance(types, LineDict) or not types:
        raise data.error("'event_types' must map each event type to its sub-event types")
    event_types = {str(k): _str_list(types, str(k)) for k in types}
    subs = [s for v in event_types.values() for s in v]
    if len(set(subs)) != len(subs):
        raise types.error("a sub-event type is listed under two event types")
    return Taxonomy(
        event_types=event_types,
        disorder_types=_str_list(data, "disorder_types"),
        civilian_targeting=_str_list(data, "civilian_targeting"),
        inter_types=inter_types(),
    )


