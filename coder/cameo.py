"""CAMEO event-code facts: label, Goldstein score, root, base code and GDELT QuadClass.

The tables are ``codebooks/cameo/event_codes.csv`` (built by ``scripts/build_cameo_tables.py``
from GDELT's CAMEO lookups) and ``codebooks/cameo/quad_class.csv`` (GDELT's root -> QuadClass).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .codebooks import CodebookError, LineDict, check_unique, read_csv, read_yaml

_CODES = "cameo/event_codes.csv"
_QUADS = "cameo/quad_class.csv"
_CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")


@dataclass(frozen=True)
class CameoCode:
    code: str  # with leading zeros: "0251", "194", "19"
    label: str
    goldstein: float
    root: str  # two digits: "02"
    base: str  # GDELT EventBaseCode: the first three digits ("0251" -> "025"; "19" -> "19")
    quad_class: int  # GDELT QuadClass 1..4


@functools.cache
def quad_classes() -> dict[str, tuple[int, str]]:
    """``{root: (quad_class, label)}`` from ``codebooks/cameo/quad_class.csv``."""
    rows = read_csv(_QUADS, ["root", "quad_class", "label"])
    check_unique(rows, lambda r: r["root"], "root")
    out: dict[str, tuple[int, str]] = {}
    for row in rows:
        if not re.fullmatch(r"(0[1-9]|1[0-9]|20)", row["root"]):
            raise row.error(f"bad CAMEO root {row['root']!r}")
        if row["quad_class"] not in {"1", "2", "3", "4"}:
            raise row.error(f"quad_class must be 1..4, found {row['quad_class']!r}")
        out[row["root"]] = (int(row["quad_class"]), row["label"])
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in out]
    if missing:
        raise CodebookError(rows[0].path if rows else _QUADS, None, f"roots missing: {missing}")
    return out


@functools.cache
def all_codes() -> dict[str, CameoCode]:
    """Every CAMEO event code, keyed by its string code."""
    quads = quad_classes()
    rows = read_csv(_CODES, ["code", "label", "goldstein", "root"], optional=["source"])
    check_unique(rows, lambda r: r["code"], "code")
    known = {r["code"] for r in rows}
    out: dict[str, CameoCode] = {}
    for row in rows:
        code = row["code"]
        if not _CODE_RE.fullmatch(code):
            raise row.error(f"bad CAMEO code {code!r}")
        if row["root"] != code[:2]:
            raise row.error(f"root {row['root']!r} does not match code {code!r}")
        try:
            goldstein = float(row["goldstein"])
        except ValueError as exc:
            raise row.error(f"goldstein is not a number: {row['goldstein']!r}") from exc
        if not -10.0 <= goldstein <= 10.0:
            raise row.error(f"goldstein {goldstein} outside -10..10")
        if len(code) > 2 and code[:3] not in known:
            raise row.error(f"code {code!r} has no parent {code[:3]!r}")
        out[code] = CameoCode(
            code=code,
            label=row["label"],
            goldstein=goldstein,
            root=code[:2],
            base=code[:3],
            quad_class=quads[code[:2]][0],
        )
    return out


def is_known(code: str) -> bool:
    return code in all_codes()


def cameo_code(code: str) -> CameoCode:
    """The facts for ``code``; raises ``ValueError`` for a code not in the CAMEO table."""
    try:
        return all_codes()[code]
    except KeyError:
        raise ValueError(f"unknown CAMEO code {code!r}") from None


@dataclass(frozen=True)
class RootGroups:
    conflict: frozenset[str]
    violent: frozenset[str]
    acled_type_codes: dict[str, str]
    apart: frozenset[str] = frozenset()  # codes (and their children) that do not yield to a
    # violent trigger in the same clause


@functools.cache
def root_groups() -> RootGroups:
    """``codebooks/cameo/root_groups.yaml``: which roots are conflict and violent events."""
    data = read_yaml("cameo/root_groups.yaml")
    if not isinstance(data, LineDict):
        raise CodebookError("codebooks/cameo/root_groups.yaml", None, "expected a mapping")
    groups: dict[str, frozenset[str]] = {}
    for key in ("conflict", "violent"):
        roots = data.get(key)
        if not isinstance(roots, list) or not all(
                isinstance(r, str) and len(r) == 2 and r.isdigit() for r in roots):
            raise data.error(f"{key!r} must be a list of two-digit root codes as strings")
        groups[key] = frozenset(roots)
    apart = data.get("apart") or []
    if not isinstance(apart, list) or not all(
            isinstance(c, str) and (is_known(c) or c in groups["conflict"]) for c in apart):
        raise data.error("'apart' must be a list of conflict roots or known CAMEO codes")
    codes = data.get("acled_type_codes") or LineDict()
    for etype, code in codes.items():
        if not is_known(str(code)):
            raise data.error(f"acled_type_codes: {etype}: unknown CAMEO code {code!r}")
    return RootGroups(groups["conflict"], groups["violent"],
                      {str(k): str(v) for k, v in codes.items()}, frozenset(apart))
