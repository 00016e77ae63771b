"""``datapackage.json``: a Frictionless Data Package describing every file of a release."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..codebooks import codebook_versions
from .common import Resource, sha256_file

DESCRIPTOR = "datapackage.json"
DEFAULT_LICENSES: list[dict[str, str]] = [{
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}]
_TEXT_FORMATS = {"csv", "tsv", "jsonl", "json"}
_NAME_BAD = re.compile(r"[^a-z0-9._-]+")


def package_name(release: str) -> str:
    """A Data Package name (lower-case, ``[a-z0-9._-]``) for a release name."""
    return "coder-" + (_NAME_BAD.sub("-", release.lower()).strip("-") or "release")


def resource_descriptor(res: Resource, folder: Path) -> dict[str, Any]:
    path = folder / res.path
    digest, size = sha256_file(path), path.stat().st_size
    out: dict[str, Any] = {
        "name": res.name,
        "path": res.path,
        "profile": "tabular-data-resource",
        "format": res.format,
        "mediatype": res.mediatype,
        "hash": f"sha256:{digest}",
        "bytes": size,
        "rows": res.rows,
        "stats": {"rows": res.rows},
        "schema": {"fields": res.fields},
    }
    if res.format in _TEXT_FORMATS:
        out["encoding"] = "utf-8"
    if res.primary_key:
        out["schema"]["primaryKey"] = list(res.primary_key)
    if res.dialect is not None:
        out["dialect"] = dict(res.dialect)
    if res.description:
        out["description"] = res.description
    return out


def build_descriptor(
    resources: Sequence[Resource],
    folder: Path,
    release: str,
    release_date: dt.date,
    run_info: Mapping[str, object] | None = None,
    excluded: Mapping[str, int] | None = None,
    options: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """The package descriptor; hashes and sizes are read from the files in ``folder``."""
    return {
        "profile": "tabular-data-package",
        "name": package_name(release),
        "title": f"coder conflict events, release {release}",
        "version": release,
        "created": f"{release_date.isoformat()}T00:00:00Z",
        "licenses": [dict(lic) for lic in DEFAULT_LICENSES],
        "resources": [resource_descriptor(r, folder) for r in resources],
        "coder": {
            "version": __version__,
            "release": release,
            "release_date": release_date.isoformat(),
            "codebooks": codebook_versions(),
            "options": dict(options or {}),
            "excluded": dict(excluded or {}),
            "run_info": dict(run_info or {}),
        },
    }


def write_datapackage(descriptor: Mapping[str, Any], folder: Path) -> Path:
    """Write the descriptor with sorted keys; ``default=str`` keeps odd run_info values."""
    text = json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    path = folder / DESCRIPTOR
    path.write_text(text + "\n", encoding="utf-8")
    return path
