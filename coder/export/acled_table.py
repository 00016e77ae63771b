"""``acled.parquet`` and ``acled.csv``: ACLED's 31 columns, in ACLED's order and types.

Only events with an ACLED event type and a country go into the ACLED table.  ``event_id_cnty``
is ``<ISO3>-C<first 10 characters of event_id>``: ACLED's own ids are ISO3 + digits, so the
hyphen keeps coder's ids in a namespace of their own (docs/FORMATS.md).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pycountry

from ..actors import inter_code, interaction_code
from ..model import Event
from .common import (
    PARQUET_MEDIATYPE,
    Resource,
    blank_to_none,
    check_enum,
    schema_fields,
    write_parquet,
)
from .taxonomy import countries, taxonomy

DateStyle = Literal["iso", "export"]

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_REQUIRED = {"event_id_cnty", "event_date", "year", "time_precision", "event_type",
             "sub_event_type", "iso", "country", "fatalities", "timestamp"}


@dataclass(frozen=True)
class AcledOptions:
    release_date: dt.date
    date_style: DateStyle = "iso"
    numeric_inter: bool = False


def event_id_cnty(iso3: str, event_id: str) -> str:
    """coder's ACLED-style id: ISO3 + "-C" + the first 10 characters of the stable event id."""
    return f"{iso3}-C{event_id[:10]}"


def export_date(day: dt.date) -> str:
    """ACLED export-tool style: "02 June 2023"."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def release_timestamp(release_date: dt.date) -> int:
    """Unix seconds of the release date at midnight UTC."""
    return int(dt.datetime(release_date.year, release_date.month, release_date.day,
                           tzinfo=dt.UTC).timestamp())


def arrow_schema(opts: AcledOptions) -> pa.Schema:
    inter_t = pa.int8() if opts.numeric_inter else pa.string()
    types: dict[str, pa.DataType] = {
        "event_date": pa.date32() if opts.date_style == "iso" else pa.string(),
        "year": pa.int32(), "time_precision": pa.int8(), "inter1": inter_t, "inter2": inter_t,
        "interaction": pa.int16() if opts.numeric_inter else pa.string(), "iso": pa.int32(),
        "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int8(),
        "fatalities": pa.int32(), "timestamp": pa.int64(),
    }
    return pa.schema([pa.field(c, types.get(c, pa.string()), nullable=c not in _REQUIRED)
                      for c in COLUMNS])


def _country(e: Event) -> tuple[int, str, str | None] | None:
    """(iso number, ACLED country name, ACLED region) for the event's country."""
    known = countries().get(e.country_iso3)
    if known:
        return known.iso_num, known.name, known.region
    if e.place is not None and e.place.iso3 == e.country_iso3 and e.place.country:
        return e.place.iso_num, e.place.country, None
    found = pycountry.countries.get(alpha_3=e.country_iso3) if e.country_iso3 else None
    if found is not None:
        return int(found.numeric), str(getattr(found, "common_name", found.name)), None
    return None


def enums(opts: AcledOptions) -> dict[str, list[Any]]:
    tax = taxonomy()
    out: dict[str, list[Any]] = {
        "time_precision": [1, 2, 3], "geo_precision": [1, 2, 3],
        "disorder_type": list(tax.disorder_types), "event_type": list(tax.event_types),
        "sub_event_type": tax.sub_event_types,
        "civilian_targeting": list(tax.civilian_targeting),
    }
    if opts.numeric_inter:
        codes = [inter_code(t) for t in tax.inter_types]
        out["inter1"] = codes
        out["inter2"] = [0, *codes]
        out["interaction"] = sorted({interaction_code(a, b) for a in tax.inter_types
                                     for b in ["", *tax.inter_types]})
    else:
        out["inter1"] = out["inter2"] = list(tax.inter_types)
        out["interaction"] = tax.interactions()
    return out


def _inter(label: str, opts: AcledOptions, eid: str) -> int | str | None:
    if not opts.numeric_inter:
        return blank_to_none(label)
    if not label:
        return 0
    try:
        return inter_code(label)
    except ValueError as exc:
        raise ValueError(f"event {eid}: {exc} (codebooks/acled/inter_types.csv)") from exc


def acled_rows(pairs: Sequence[tuple[str, Event]], opts: AcledOptions
               ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """ACLED rows for the events that have an ACLED type, and counts of the events left out."""
    rows: list[dict[str, Any]] = []
    skipped = {"no_acled_event_type": 0, "no_country": 0}
    stamp = release_timestamp(opts.release_date)
    for eid, e in pairs:
        if not e.acled_event_type:
            skipped["no_acled_event_type"] += 1
            continue
        country = _country(e)
        if country is None:
            skipped["no_country"] += 1
            continue
        inter1, inter2 = _inter(e.inter1, opts, eid), _inter(e.inter2, opts, eid)
        if opts.numeric_inter:
            interaction: int | str | None = interaction_code(e.inter1, e.inter2) \
                if e.inter1 else 0
        else:
            interaction = blank_to_none(e.interaction)
        row: dict[str, Any] = {
            "event_id_cnty": event_id_cnty(e.country_iso3, eid),
            "event_date": e.event_date if opts.date_style == "iso" else export_date(e.event_date),
            "year": e.event_date.year, "time_precision": e.time_precision,
            "disorder_type": e.disorder_type, "event_type": e.acled_event_type,
            "sub_event_type": e.acled_sub_event_type, "actor1": e.actor1,
            "assoc_actor_1": e.assoc_actor_1, "inter1": inter1, "actor2": e.actor2,
            "assoc_actor_2": e.assoc_actor_2, "inter2": inter2, "interaction": interaction,
            "civilian_targeting": e.civilian_targeting, "iso": country[0],
            "region": country[2], "country": country[1], "admin1": e.admin1,
            "admin2": e.admin2, "admin3": e.admin3, "location": e.location,
            "latitude": e.latitude, "longitude": e.longitude, "geo_precision": e.geo_precision,
            "source": e.source, "source_scale": e.source_scale, "notes": e.notes,
            "fatalities": e.fatalities, "tags": None, "timestamp": stamp,
        }
        rows.append({k: blank_to_none(v) if isinstance(v, str) else v for k, v in row.items()})
    return rows, skipped


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_acled(pairs: Sequence[tuple[str, Event]], folder: Path, opts: AcledOptions
                ) -> tuple[list[Resource], dict[str, int]]:
    rows, skipped = acled_rows(pairs, opts)
    schema = arrow_schema(opts)
    table = pa.Table.from_pylist(rows, schema=schema)
    ids = [str(r["event_id_cnty"]) for r in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("two events share the first 10 characters of their event_id")
    allowed = enums(opts)
    for column, values in allowed.items():
        check_enum(column, table.column(column).to_pylist(), values, ids)
    write_parquet(table, folder / "acled.parquet")
    with (folder / "acled.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_csv_value(row[c]) for c in COLUMNS])
    fields = schema_fields(schema, allowed)
    csv_fields = [dict(f) for f in fields]
    if opts.date_style == "export":
        csv_fields[1].update(type="date", format="%d %B %Y")
    desc = "ACLED's 31 columns (2024+ layout); events with an ACLED event type and a country"
    return [
        Resource("acled", "acled.parquet", "parquet", PARQUET_MEDIATYPE, len(rows), fields,
                 ["event_id_cnty"], description=desc),
        Resource("acled-csv", "acled.csv", "csv", "text/csv", len(rows), csv_fields,
                 ["event_id_cnty"], dialect={"delimiter": ",", "header": True},
                 description=desc),
    ], skipped
