"""Loading and validating codebooks: the project's data files under ``codebooks/``.

Every word list, pattern, actor, place, code table and crosswalk lives in ``codebooks/`` as CSV
or YAML.  This module finds that folder (inside the installed wheel as ``coder/codebooks`` or
beside the package in a source checkout), reads files with their line numbers, and raises
:class:`CodebookError` naming the file and line of a broken entry.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class CodebookError(ValueError):
    """A codebook entry is broken.  ``str()`` gives ``file:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@functools.cache
def codebook_dir() -> Path:
    """The codebook folder: ``$CODER_CODEBOOKS``, the wheel's copy, or the source tree's."""
    env = os.environ.get("CODER_CODEBOOKS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "codebooks", here.parent / "codebooks"):
        if (candidate / "manifest.yaml").is_file():
            return candidate
    raise CodebookError(here / "codebooks", None, "codebook folder not found (no manifest.yaml)")


def codebook_path(rel: str) -> Path:
    path = codebook_dir() / rel
    if not path.is_file():
        raise CodebookError(path, None, "codebook file is missing")
    return path


def display_path(path: Path) -> str:
    """A short path for messages: relative to the codebook folder's parent when possible."""
    try:
        return str(path.relative_to(codebook_dir().parent))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Row:
    """One CSV data row with the file and line it came from."""

    values: dict[str, str]
    path: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        return default if value is None or value == "" else value

    def error(self, message: str) -> CodebookError:
        return CodebookError(self.path, self.line, message)


def read_csv(
    rel: str, required: Sequence[str], optional: Iterable[str] = (), allow_extra: bool = False
) -> list[Row]:
    """Read ``codebooks/<rel>`` as UTF-8 CSV with a header row.

    Blank lines and lines whose first cell starts with ``#`` are skipped.  Every required column
    must be present in the header and non-empty in every row.
    """
    path = codebook_path(rel)
    shown = display_path(path)
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        known = set(required) | set(optional)
        for record in reader:
            line = reader.line_num
            if not record or all(not c.strip() for c in record) or record[0].startswith("#"):
                continue
            if header is None:
                header = [c.strip() for c in record]
                missing = [c for c in required if c not in header]
                if missing:
                    raise CodebookError(shown, line, f"header lacks column(s) {missing}")
                extra = [c for c in header if c not in known]
                if extra and not allow_extra:
                    raise CodebookError(shown, line, f"unknown column(s) {extra}")
                if len(set(header)) != len(header):
                    raise CodebookError(shown, line, "duplicate column names in header")
                continue
            if len(record) != len(header):
                raise CodebookError(
                    shown, line, f"expected {len(header)} fields, found {len(record)}"
                )
            values = {k: v.strip() for k, v in zip(header, record, strict=True)}
            for col in required:
                if not values[col]:
                    raise CodebookError(shown, line, f"empty required field {col!r}")
            rows.append(Row(values, shown, line))
    if header is None:
        raise CodebookError(shown, None, "file has no header row")
    return rows


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line it started on (1-based)."""

    line: int = 0
    path: str = ""

    def error(self, message: str) -> CodebookError:
        return CodebookError(self.path, self.line, message)


def read_yaml(rel: str) -> Any:
    """Read ``codebooks/<rel>``; every mapping in it is a :class:`LineDict` with ``.line``."""
    path = codebook_path(rel)
    shown = display_path(path)

    class _Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        mapping = LineDict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
        mapping.line = node.start_mark.line + 1
        mapping.path = shown
        return mapping

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise CodebookError(shown, line, f"invalid YAML: {exc.problem}") from exc


def require_keys(entry: Any, keys: Sequence[str], where: str) -> None:
    """Check that a YAML entry is a mapping holding ``keys``."""
    if not isinstance(entry, LineDict):
        raise CodebookError(where, None, f"expected a mapping, found {type(entry).__name__}")
    missing = [k for k in keys if k not in entry or entry[k] in (None, "")]
    if missing:
        raise entry.error(f"missing key(s) {missing}")


def check_unique(rows: Iterable[Row], key: Callable[[Row], object], what: str) -> None:
    seen: dict[object, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            raise row.error(f"duplicate {what} {k!r} (first on line {seen[k]})")
        seen[k] = row.line


@functools.cache
def manifest() -> dict[str, dict[str, str]]:
    """``codebooks/manifest.yaml``: each codebook file with its version, source and licence."""
    data = read_yaml("manifest.yaml")
    books = data.get("codebooks") if isinstance(data, dict) else None
    if not isinstance(books, dict):
        raise CodebookError("codebooks/manifest.yaml", None, "expected a 'codebooks' mapping")
    out: dict[str, dict[str, str]] = {}
    for rel, meta in books.items():
        if not isinstance(meta, LineDict):
            raise CodebookError("codebooks/manifest.yaml", None, f"{rel}: expected a mapping")
        require_keys(meta, ["version", "description"], "codebooks/manifest.yaml")
        out[str(rel)] = {k: str(v) for k, v in meta.items()}
    return out


def codebook_versions() -> dict[str, str]:
    """``{relative path: version}`` for every codebook, plus a digest of the files' bytes."""
    versions = {rel: meta["version"] for rel, meta in sorted(manifest().items())}
    digest = hashlib.sha256()
    for rel in sorted(manifest()):
        path = codebook_dir() / rel
        if path.is_file():
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    versions["_sha256"] = digest.hexdigest()
    return versions
