"""Check a release folder against its ``datapackage.json``.

:func:`validate_release` returns human-readable problems (an empty list when the release is
valid): missing or unlisted files, size and sha256 mismatches, columns that differ from the
Table Schema (names, order, types), values outside an ``enum``, empty required values,
duplicate primary keys and row counts that differ from the descriptor.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .export.common import sha256_file, table_schema_type

DESCRIPTOR = "datapackage.json"
Problems = list[str]
_MAX_SHOWN = 20


def _parse_check(ftype: str, fmt: str | None) -> Callable[[str], object] | None:
    if ftype == "integer":
        return int
    if ftype == "number":
        return float
    if ftype == "date":
        if fmt and fmt.startswith("%"):
            return lambda s: dt.datetime.strptime(s, fmt)
        return dt.date.fromisoformat
    return None


def _check_values(name: str, fields: Sequence[dict[str, Any]], rows: Iterator[Sequence[Any]],
                  text: bool, primary_key: Sequence[str]) -> tuple[int, Problems]:
    """Row count and problems for rows given as value sequences in field order."""
    problems: Problems = []
    names = [f["name"] for f in fields]
    key_idx = [names.index(k) for k in primary_key if k in names]
    seen: set[tuple[Any, ...]] = set()
    count = 0
    for count, row in enumerate(rows, start=1):
        if len(row) != len(fields):
            problems.append(f"{name}: row {count} has {len(row)} fields, schema has {len(fields)}")
            continue
        for f, value in zip(fields, row, strict=True):
            cons = f.get("constraints", {})
            missing = value is None or (text and value == "")
            if missing:
                if cons.get("required"):
                    problems.append(f"{name}: row {count}: required {f['name']} is empty")
                continue
            if text:
                parse = _parse_check(f.get("type", "string"), f.get("format"))
                try:
                    if parse is not None:
                        parse(value)
                except ValueError:
                    problems.append(f"{name}: row {count}: {f['name']} {value!r} is not a "
                                    f"{f.get('type')}")
                    continue
            enum = cons.get("enum")
            if enum is not None and str(value) not in {str(v) for v in enum}:
                problems.append(f"{name}: row {count}: {f['name']} {value!r} not in enum")
        if key_idx:
            key = tuple(row[i] for i in key_idx)
            if key in seen:
                problems.append(f"{name}: row {count}: duplicate primary key {key}")
            seen.add(key)
    if len(problems) > _MAX_SHOWN:
        hidden = len(problems) - _MAX_SHOWN
        problems = problems[:_MAX_SHOWN] + [f"{name}: {hidden} more problems not shown"]
    return count, problems


def _parquet(path: Path, name: str, fields: Sequence[dict[str, Any]], pk: Sequence[str]
             ) -> tuple[int, Problems]:
    try:
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
        table = pf.read()
    except Exception as exc:  # noqa: BLE001 - any read error is a problem to report
        return -1, [f"{name}: cannot read parquet: {exc}"]
    names = [f["name"] for f in fields]
    if schema.names != names:
        return table.num_rows, [f"{name}: columns {schema.names} differ from schema {names}"]
    problems: Problems = []
    for f in fields:
        actual = table_schema_type(schema.field(f["name"]).type)
        if actual != f.get("type", "string"):
            problems.append(f"{name}: column {f['name']} is {actual}, schema says {f['type']}")
    if problems:
        return table.num_rows, problems
    columns = [table.column(n).to_pylist() for n in names]
    _, found = _check_values(name, fields, iter(zip(*columns, strict=True)), False, pk)
    return table.num_rows, found


def _delimited(path: Path, name: str, fields: Sequence[dict[str, Any]], pk: Sequence[str],
               dialect: dict[str, Any]) -> tuple[int, Problems]:
    delimiter = str(dialect.get("delimiter", ","))
    header = bool(dialect.get("header", True))
    with path.open(encoding="utf-8", newline="") as fh:
        if delimiter == "\t":
            records: Iterator[list[str]] = (line.rstrip("\n").split("\t") for line in fh)
        else:
            records = csv.reader(fh, delimiter=delimiter)
        if header:
            first = next(records, None)
            names = [f["name"] for f in fields]
            if first != names:
                return -1, [f"{name}: header {first} differs from schema {names}"]
        return _check_values(name, fields, records, True, pk)


def _jsonl(path: Path, name: str, fields: Sequence[dict[str, Any]], pk: Sequence[str]
           ) -> tuple[int, Problems]:
    names = [f["name"] for f in fields]
    problems: Problems = []

    def rows() -> Iterator[list[Any]]:
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh, start=1):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append(f"{name}: line {i} is not JSON: {exc.msg}")
                    continue
                if not isinstance(obj, dict) or set(obj) != set(names):
                    problems.append(f"{name}: line {i}: keys differ from schema {names}")
                    continue
                yield [obj[n] for n in names]

    count, found = _check_values(name, fields, rows(), False, pk)
    return count, problems + found


def _resource(folder: Path, res: dict[str, Any]) -> Problems:
    name = str(res.get("name", "?"))
    rel = str(res.get("path", ""))
    path = (folder / rel).resolve()
    if not rel or folder.resolve() not in path.parents:
        return [f"{name}: bad path {rel!r}"]
    if not path.is_file():
        return [f"{name}: missing file {rel}"]
    problems: Problems = []
    if res.get("bytes") != path.stat().st_size:
        problems.append(f"{name}: {rel} has {path.stat().st_size} bytes, "
                        f"datapackage.json says {res.get('bytes')}")
    expected = str(res.get("hash", ""))
    if expected.removeprefix("sha256:") != sha256_file(path):
        problems.append(f"{name}: sha256 of {rel} does not match datapackage.json (hash mismatch)")
    schema = res.get("schema", {})
    fields = schema.get("fields", [])
    pk = schema.get("primaryKey", [])
    if isinstance(pk, str):
        pk = [pk]
    fmt = res.get("format")
    if fmt == "parquet":
        count, found = _parquet(path, name, fields, pk)
    elif fmt in ("csv", "tsv"):
        count, found = _delimited(path, name, fields, pk, res.get("dialect", {}))
    elif fmt == "jsonl":
        count, found = _jsonl(path, name, fields, pk)
    else:
        return problems + [f"{name}: unknown format {fmt!r}"]
    problems += found
    rows = res.get("rows")
    if count >= 0 and rows != count:
        problems.append(f"{name}: {rel} has {count} rows, datapackage.json says {rows}")
    stats_rows = res.get("stats", {}).get("rows")
    if stats_rows is not None and stats_rows != rows:
        problems.append(f"{name}: stats.rows {stats_rows} differs from rows {rows}")
    return problems


def validate_release(path: Path) -> list[str]:
    """Problems found in the release at ``path``; ``[]`` when it matches its datapackage.json."""
    folder = Path(path)
    descriptor_path = folder / DESCRIPTOR
    if not descriptor_path.is_file():
        return [f"missing file {DESCRIPTOR} in {folder}"]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return [f"{DESCRIPTOR} is not valid JSON: {exc}"]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return [f"{DESCRIPTOR} lists no resources"]
    problems: Problems = []
    listed = {DESCRIPTOR}
    for res in resources:
        if not isinstance(res, dict):
            problems.append(f"{DESCRIPTOR}: a resource is not an object")
            continue
        listed.add(str(res.get("path", "")))
        problems += _resource(folder, res)
    for extra in sorted(p.name for p in folder.iterdir() if p.name not in listed):
        problems.append(f"unlisted file {extra} (not in {DESCRIPTOR})")
    return problems
