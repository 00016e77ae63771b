"""Reading dated articles: JSON Lines (.jsonl, .jsonl.gz), CSV and Parquet, files or folders.

Records stream in batches, so memory does not grow with the corpus (only the set of ids seen,
needed to reject duplicates, does).  Every record ends as an :class:`~coder.model.Article` or a
:class:`~coder.model.Reject` carrying the file, the line or row, the reason and the original
record.  Input that cannot be used at all raises :class:`IngestError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .model import Article, Reject

FIELDS = ("id", "published", "text", "title", "source", "url", "language", "source_scale")
REQUIRED = ("id", "published", "text")
SUPPORTED_LANGUAGES = ("ar",)
SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz", ".parquet")
PARQUET_BATCH = 2048


class IngestError(ValueError):
    """The input cannot be used at all (missing file, unknown format, unreadable file)."""


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``--map field=column`` options into ``{field: column}``."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise IngestError(f"bad --map {pair!r}: expected FIELD=COLUMN, e.g. text=content")
        if field not in FIELDS:
            raise IngestError(f"bad --map {pair!r}: unknown field {field!r}; fields: {FIELDS}")
        mapping[field] = column
    return mapping


def parse_published(value: object) -> dt.datetime:
    """An ISO date or datetime, with or without a UTC offset ('Z' allowed)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("empty or non-text 'published'")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
    except ValueError as exc:
        raise ValueError(f"unparseable 'published' {text!r}: expected an ISO date") from exc


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from CSV/Parquet tools
        return ""
    return str(value)


def expand_inputs(paths: Sequence[Path]) -> list[Path]:
    """Files named, and the readable files in folders named (sorted, not recursive into dotdirs)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and _suffix(p) and not any(part.startswith(".") for part in
                                                          p.relative_to(path).parts)
            )
            if not found:
                raise IngestError(
                    f"{path}: folder holds no .jsonl, .jsonl.gz, .csv or .parquet file")
            files.extend(found)
        elif path.is_file():
            if not _suffix(path):
                raise IngestError(f"{path}: unknown format; expected one of {', '.join(SUFFIXES)}")
            files.append(path)
        else:
            raise IngestError(f"{path}: no such file or folder")
    return files


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def _jsonl_records(path: Path) -> Iterator[tuple[str, object]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="strict") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    yield f"line {n}", json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"line {n}", _BadRecord(line.rstrip("\n"), f"invalid JSON: {exc.msg}")
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise IngestError(f"{path}: cannot read as UTF-8 JSON Lines: {exc}") from exc


def _csv_records(path: Path) -> Iterator[tuple[str, object]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames:
                raise IngestError(f"{path}: CSV file has no header row")
            for n, row in enumerate(reader, start=1):
                if None in row:
                    yield f"row {n}", _BadRecord(row, "row has more fields than the header")
                    continue
                yield f"row {n}", dict(row)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise IngestError(f"{path}: cannot read as UTF-8 CSV: {exc}") from exc


def _parquet_records(path: Path) -> Iterator[tuple[str, object]]:
    try:
        pfile = pq.ParquetFile(path)
        n = 0
        for batch in pfile.iter_batches(batch_size=PARQUET_BATCH):
            for row in batch.to_pylist():
                n += 1
                yield f"row {n}", row
    except (OSError, ValueError) as exc:
        raise IngestError(f"{path}: cannot read as Parquet: {exc}") from exc


class _BadRecord:
    def __init__(self, raw: object, reason: str) -> None:
        self.raw = raw
        self.reason = reason


def _records(path: Path) -> Iterator[tuple[str, object]]:
    suffix = _suffix(path)
    if suffix in (".csv", ".csv.gz"):
        return _csv_records(path)
    if suffix == ".parquet":
        return _parquet_records(path)
    return _jsonl_records(path)


def _jsonable(record: object) -> object:
    """The original record in a JSON-safe form, for rejects.jsonl."""
    if isinstance(record, Mapping):
        return {str(k): _jsonable(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [_jsonable(v) for v in record]
    if isinstance(record, (str, int, bool)) or record is None:
        return record
    if isinstance(record, float):
        return None if record != record else record
    return str(record)


def to_article(
    record: object, mapping: Mapping[str, str], file: str, location: str
) -> Article | Reject:
    """Validate one raw record; return the article or the reason it is rejected."""
    if isinstance(record, _BadRecord):
        return Reject(file, location, record.reason, _jsonable(record.raw))
    if not isinstance(record, Mapping):
        return Reject(file, location, "record is not a JSON object", _jsonable(record))
    values: dict[str, Any] = {f: record.get(mapping.get(f, f)) for f in FIELDS}
    rid = _as_text(values["id"]).strip()
    original = _jsonable(record)
    for field in REQUIRED:
        if values[field] is None or _as_text(values[field]).strip() == "":
            column = mapping.get(field, field)
            reason = f"missing required field {field!r}" + (
                f" (column {column!r})" if column != field else "")
            if values[field] is not None:
                reason = f"empty required field {field!r}"
            return Reject(file, location, reason, original, rid or None)
    try:
        published = parse_published(values["published"])
    except ValueError as exc:
        return Reject(file, location, str(exc), original, rid)
    text = _as_text(values["text"])
    language = _as_text(values["language"]).strip() or "ar"
    if language not in SUPPORTED_LANGUAGES:
        return Reject(file, location, f"unsupported language {language!r} (coder reads: "
                      f"{', '.join(SUPPORTED_LANGUAGES)})", original, rid)
    return Article(
        id=rid,
        published=published,
        text=text,
        title=_as_text(values["title"]).strip(),
        source=_as_text(values["source"]).strip(),
        url=_as_text(values["url"]).strip(),
        language=language,
        source_scale=_as_text(values["source_scale"]).strip(),
        origin=f"{file}:{location}",
    )


def read_articles(
    paths: Sequence[Path | str], mapping: Mapping[str, str] | None = None
) -> Iterator[Article | Reject]:
    """Stream every record of every input as an Article or a Reject, in input order.

    Duplicate ids after the first are rejected.  Raises IngestError for unusable input.
    """
    files = expand_inputs([Path(p) for p in paths])
    mapping = dict(mapping or {})
    seen: set[str] = set()
    for path in files:
        shown = str(path)
        for location, record in _records(path):
            item = to_article(record, mapping, shown, location)
            if isinstance(item, Article):
                if item.id in seen:
                    yield Reject(shown, location, f"duplicate id {item.id!r}",
                                 _jsonable(record), item.id)
                    continue
                seen.add(item.id)
            yield item


def read_text_stream(stream: io.TextIOBase) -> Iterator[tuple[str, object]]:
    """JSON Lines from an open text stream (for ``--input -``)."""
    for n, line in enumerate(stream, start=1):
        if line.strip():
            try:
                yield f"line {n}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"line {n}", _BadRecord(line.rstrip("\n"), f"invalid JSON: {exc.msg}")
