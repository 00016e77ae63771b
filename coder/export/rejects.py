"""``rejects.jsonl``: the input records that could not be used, one JSON object a line."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Reject
from .common import Resource

FIELDS: list[dict[str, Any]] = [
    {"name": "file", "type": "string", "constraints": {"required": True}},
    {"name": "location", "type": "string", "constraints": {"required": True},
     "description": 'where in the file: "line 12" or "row 12"'},
    {"name": "reason", "type": "string", "constraints": {"required": True}},
    {"name": "id", "type": "string", "description": "the record's id when it had one"},
    {"name": "record", "type": "any", "description": "the original record as read"},
]
_NUMBER = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting "line 2" before "line 10"."""
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in _NUMBER.split(text) if p)


def reject_json(r: Reject) -> str:
    """One line: the keys in the Table Schema's field order (frictionless checks the order);
    the original record's own keys sorted, so the bytes are deterministic."""
    head = {"file": r.file, "location": r.location, "reason": r.reason, "id": r.id}
    record = json.dumps(r.record, ensure_ascii=False, sort_keys=True, default=str)
    return json.dumps(head, ensure_ascii=False, default=str)[:-1] + f', "record": {record}}}'



def write_rejects(rejects: Sequence[Reject], folder: Path) -> list[Resource]:
    ordered = sorted(rejects, key=lambda r: (_natural(r.file), _natural(r.location), r.reason,
                                             r.id or "", reject_json(r)))
    with (folder / "rejects.jsonl").open("w", encoding="utf-8", newline="") as fh:
        for r in ordered:
            fh.write(reject_json(r) + "\n")
    return [Resource("rejects", "rejects.jsonl", "jsonl", "application/jsonl", len(ordered),
                     [dict(f) for f in FIELDS],
                     description="input records that could not be used, with the reason")]
