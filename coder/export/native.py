"""``events.parquet``: coder's native events table, one row per event."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..model import Event
from .common import (
    PARQUET_MEDIATYPE,
    Resource,
    blank_to_none,
    check_enum,
    schema_fields,
    write_parquet,
)
from .taxonomy import taxonomy

_S = pa.string()
SCHEMA = pa.schema([
    pa.field("event_id", _S, nullable=False),
    pa.field("article_ids", pa.list_(pa.field("item", _S, nullable=False)), nullable=False),
    pa.field("sentence", _S, nullable=False),
    pa.field("event_date", pa.date32(), nullable=False),
    pa.field("time_precision", pa.int8(), nullable=False),
    pa.field("date_text", _S),
    pa.field("cameo_code", _S),
    pa.field("cameo_root", _S),
    pa.field("quad_class", pa.int8()),
    pa.field("goldstein", pa.float64()),
    pa.field("source_actor_code", _S),
    pa.field("source_actor_name", _S),
    pa.field("target_actor_code", _S),
    pa.field("target_actor_name", _S),
    pa.field("acled_event_type", _S),
    pa.field("acled_sub_event_type", _S),
    pa.field("disorder_type", _S),
    pa.field("actor1", _S),
    pa.field("assoc_actor_1", _S),
    pa.field("inter1", _S),
    pa.field("actor2", _S),
    pa.field("assoc_actor_2", _S),
    pa.field("inter2", _S),
    pa.field("interaction", _S),
    pa.field("civilian_targeting", _S),
    pa.field("country_iso3", _S),
    pa.field("admin1", _S),
    pa.field("admin2", _S),
    pa.field("admin3", _S),
    pa.field("location", _S),
    pa.field("latitude", pa.float64()),
    pa.field("longitude", pa.float64()),
    pa.field("geo_precision", pa.int8()),
    pa.field("fatalities", pa.int32(), nullable=False),
    pa.field("source", _S),
    pa.field("source_scale", _S),
    pa.field("url", _S),
    pa.field("published", _S),
    pa.field("notes", _S),
    pa.field("salience", _S),
    pa.field("rules", pa.list_(pa.field("item", _S, nullable=False)), nullable=False),
    pa.field("num_mentions", pa.int32(), nullable=False),
    pa.field("num_sources", pa.int32(), nullable=False),
    pa.field("num_articles", pa.int32(), nullable=False),
])

DESCRIPTIONS = {
    "event_id": "stable id derived from the event's content (dedup) - never from run order",
    "article_ids": "ids of the input articles that report the event",
    "sentence": "the Arabic evidence sentence",
    "time_precision": "ACLED time precision: 1 day, 2 week or span, 3 month",
    "cameo_code": "CAMEO event code, a string with leading zeros",
    "quad_class": "CAMEO quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, "
                  "4 material conflict; null when no CAMEO code",
    "goldstein": "Goldstein scale of the CAMEO code; null when no CAMEO code",
    "geo_precision": "ACLED geo precision 1/2/3",
    "salience": "headline / secondary / background",
    "rules": "codebook entries that fired for this event",
    "num_mentions": "mentions of the event across its articles",
    "num_sources": "distinct publishers reporting the event",
    "num_articles": "number of article_ids",
}

_STRINGS = [f.name for f in SCHEMA if f.type == pa.string() and f.nullable]


def enums() -> dict[str, list[Any]]:
    tax = taxonomy()
    return {
        "time_precision": [1, 2, 3],
        "geo_precision": [1, 2, 3],
        "quad_class": [1, 2, 3, 4],
        "acled_event_type": list(tax.event_types),
        "acled_sub_event_type": tax.sub_event_types,
        "disorder_type": list(tax.disorder_types),
        "inter1": list(tax.inter_types),
        "inter2": list(tax.inter_types),
        "interaction": tax.interactions(),
        "civilian_targeting": list(tax.civilian_targeting),
        "salience": ["headline", "secondary", "background"],
    }


def _row(eid: str, e: Event) -> dict[str, Any]:
    has_code = bool(e.cameo_code)
    row: dict[str, Any] = {
        name: blank_to_none(getattr(e, name)) for name in _STRINGS
    }
    row.update({
        "event_id": eid,
        "article_ids": list(e.article_ids),
        "sentence": e.sentence,
        "event_date": e.event_date,
        "time_precision": e.time_precision,
        "quad_class": e.quad_class if has_code and e.quad_class else None,
        "goldstein": float(e.goldstein) if has_code else None,
        "latitude": e.latitude,
        "longitude": e.longitude,
        "geo_precision": e.geo_precision,
        "fatalities": e.fatalities,
        "rules": list(e.rules),
        "num_mentions": e.num_mentions,
        "num_sources": e.num_sources,
        "num_articles": len(e.article_ids),
    })
    return row


def native_table(pairs: Sequence[tuple[str, Event]]) -> pa.Table:
    """The native table for ``(event_id, event)`` pairs already in release order."""
    rows = [_row(eid, e) for eid, e in pairs]
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    ids = [eid for eid, _ in pairs]
    for column, allowed in enums().items():
        check_enum(column, table.column(column).to_pylist(), allowed, ids)
    return table


def write_native(pairs: Sequence[tuple[str, Event]], folder: Path) -> list[Resource]:
    table = native_table(pairs)
    write_parquet(table, folder / "events.parquet")
    return [Resource(
        name="events",
        path="events.parquet",
        format="parquet",
        mediatype=PARQUET_MEDIATYPE,
        rows=table.num_rows,
        fields=schema_fields(SCHEMA, enums(), DESCRIPTIONS),
        primary_key=["event_id"],
        description="coder's native events table: CAMEO and ACLED coding with provenance",
    )]
