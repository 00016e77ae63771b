"""Helpers shared by the release writers: stable ids, row order, file writing, schema fields."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Event

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
# Fixed writer options: the same table always gives the same bytes (for one pyarrow version).
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "store_schema": True,
}


@dataclass
class Resource:
    """One file of a release, as a writer made it; datapackage.py adds hash and size."""

    name: str
    path: str  # relative to the release folder
    format: str  # parquet, csv, tsv, jsonl
    mediatype: str
    rows: int
    fields: list[dict[str, Any]]
    primary_key: list[str] = field(default_factory=list)
    dialect: dict[str, Any] | None = None
    description: str = ""


def stable_event_id(event: Event) -> str:
    """``event.event_id`` when set (dedup fills it), else a sha256 of the event's content.

    The content hash uses only coded values (never run order), so the same article coded the
    same way always gets the same id.
    """
    if event.event_id:
        return event.event_id
    key = {
        "article_ids": sorted(event.article_ids),
        "sentence": event.sentence,
        "span": [event.sentence_start, event.sentence_end],
        "event_date": event.event_date.isoformat(),
        "cameo_code": event.cameo_code,
        "source": event.source_actor_code,
        "target": event.target_actor_code,
        "acled": [event.acled_event_type, event.acled_sub_event_type],
        "place": [event.country_iso3, event.location],
    }
    blob = json.dumps(key, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:20]


def sorted_events(events: Iterable[Event]) -> list[tuple[str, Event]]:
    """``(event_id, event)`` pairs in release order: event_date, country_iso3, event_id.

    Raises ``ValueError`` when two events share an id (the id is every table's primary key).
    """
    pairs = [(stable_event_id(e), e) for e in events]
    seen: set[str] = set()
    for eid, _ in pairs:
        if eid in seen:
            raise ValueError(f"duplicate event_id {eid!r}: event ids must be unique in a release")
        seen.add(eid)
    pairs.sort(key=lambda p: (p[1].event_date, p[1].country_iso3, p[0]))
    return pairs


def blank_to_none(value: str) -> str | None:
    return value if value else None


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write ``table`` with the fixed options and no time-based metadata."""
    pq.write_table(table.replace_schema_metadata(None), str(path), **PARQUET_OPTIONS)


def fsync_path(path: Path) -> None:
    """Flush a file or a folder entry to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_TYPES: Sequence[tuple[Any, str]] = (
    (pa.types.is_boolean, "boolean"),
    (pa.types.is_integer, "integer"),
    (pa.types.is_floating, "number"),
    (pa.types.is_date, "date"),
    (pa.types.is_timestamp, "datetime"),
    (pa.types.is_list, "array"),
    (pa.types.is_string, "string"),
    (pa.types.is_large_string, "string"),
)


def table_schema_type(dtype: pa.DataType) -> str:
    """The Table Schema type of an arrow type."""
    for test, name in _TYPES:
        if test(dtype):
            return name
    raise TypeError(f"no Table Schema type for arrow type {dtype}")


def schema_fields(
    schema: pa.Schema,
    enums: dict[str, list[Any]] | None = None,
    descriptions: dict[str, str] | None = None,
    types: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Table Schema fields for an arrow schema: type, required for non-nullable, enums."""
    enums = enums or {}
    descriptions = descriptions or {}
    types = types or {}
    out: list[dict[str, Any]] = []
    for f in schema:
        entry: dict[str, Any] = {"name": f.name, "type": types.get(f.name)
                                 or table_schema_type(f.type)}
        if f.name in descriptions:
            entry["description"] = descriptions[f.name]
        constraints: dict[str, Any] = {}
        if not f.nullable:
            constraints["required"] = True
        if f.name in enums:
            constraints["enum"] = list(enums[f.name])
        if constraints:
            entry["constraints"] = constraints
        out.append(entry)
    return out


def check_enum(column: str, values: Iterable[Any], allowed: Sequence[Any], ids: Sequence[str],
               ) -> None:
    """Raise ``ValueError`` naming the event when a value is outside its column's enum."""
    allowed_set = set(allowed)
    for eid, value in zip(ids, values, strict=True):
        if value not in (None, "") and value not in allowed_set:
            raise ValueError(f"event {eid}: {column} {value!r} is not one of ACLED's values "
                             f"(codebooks/export/acled_taxonomy.yaml)")
