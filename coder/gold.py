"""Gold annotations for evaluation: reading ``gold.jsonl`` and the scoring codebook.

The gold format is described in the dev set's ``ANNOTATION.md``: one JSON object per article,
``{"article_id", "published", "events": [...], "remarks"}``.  :func:`load_gold` validates every
event and raises :class:`GoldError` naming the file and line of a broken record.

The scoring conventions (which CAMEO roots are conflict events, which gold entity codes name a
group rather than a country, the salience values) live in ``codebooks/eval/scoring.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .codebooks import CodebookError, LineDict, read_yaml, require_keys

_SCORING = "eval/scoring.yaml"


class GoldError(CodebookError):
    """A gold record is broken.  ``str()`` gives ``file:line: message``."""


@dataclass(frozen=True)
class Scoring:
    """The scoring conventions of ``codebooks/eval/scoring.yaml``."""

    conflict_roots: frozenset[str]
    group_entities: frozenset[str]
    saliences: tuple[str, ...]


@functools.cache
def scoring() -> Scoring:
    data = read_yaml(_SCORING)
    where = f"codebooks/{_SCORING}"
    if not isinstance(data, LineDict):
        raise CodebookError(where, None, "expected a mapping")
    require_keys(data, ["conflict_roots", "group_entities", "saliences"], where)
    roots: set[str] = set()
    for entry in data["conflict_roots"]:
        require_keys(entry, ["root", "label"], where)
        root = str(entry["root"])
        if len(root) != 2 or not root.isdigit():
            raise entry.error(f"a CAMEO root is two digits, found {root!r}")
        if root in roots:
            raise entry.error(f"duplicate root {root!r}")
        roots.add(root)
    groups: set[str] = set()
    for entry in data["group_entities"]:
        require_keys(entry, ["code", "label"], where)
        code = str(entry["code"])
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            raise entry.error(f"a group entity is three capital letters, found {code!r}")
        groups.add(code)
    saliences = data["saliences"]
    if not isinstance(saliences, list) or not all(isinstance(s, str) and s for s in saliences):
        raise data.error("saliences must be a list of names")
    return Scoring(frozenset(roots), frozenset(groups), tuple(saliences))


@dataclass(frozen=True)
class GoldActor:
    """The gold ``source`` or ``target``: Arabic words, ISO3 or IMG/IGO, CAMEO role."""

    text: str = ""
    entity: str = ""
    role: str = ""

    @property
    def empty(self) -> bool:
        return not self.entity and not self.role


@dataclass(frozen=True)
class GoldEvent:
    article_id: str
    id: str
    salience: str
    date: dt.date
    date_alternatives: tuple[dt.date, ...]
    time_precision: int
    cameo_code: str
    cameo_alternatives: tuple[str, ...]
    acled_event_type: str
    acled_sub_event_type: str
    fatalities: int
    country: str = ""
    admin1: str | None = None
    location: str = ""
    location_ar: str = ""
    geo_precision: int | None = None
    source: GoldActor = GoldActor()
    target: GoldActor = GoldActor()
    date_evidence: str = ""
    evidence: str = ""

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return (self.date, *self.date_alternatives)

    @property
    def roots(self) -> frozenset[str]:
        return frozenset(code[:2] for code in (self.cameo_code, *self.cameo_alternatives))


@dataclass(frozen=True)
class GoldArticle:
    id: str
    published: dt.datetime
    events: tuple[GoldEvent, ...]
    remarks: str = ""


def _text(record: Mapping[str, object], key: str, fail: _Fail, required: bool = False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise fail(f"missing {key!r}")
        return ""
    if not isinstance(value, str):
        raise fail(f"{key!r} must be a string, found {type(value).__name__}")
    if required and not value.strip():
        raise fail(f"empty {key!r}")
    return value.strip()


def _date(value: object, key: str, fail: _Fail) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise fail(f"{key!r} is not an ISO date: {value!r}") from exc


def _int(value: object, key: str, fail: _Fail, allowed: range) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise fail(f"{key!r} must be an integer in {allowed.start}..{allowed.stop - 1}, "
                   f"found {value!r}")
    return value


def _cameo(value: object, key: str, fail: _Fail) -> str:
    code = str(value)
    if not isinstance(value, str) or not code.isdigit() or not 2 <= len(code) <= 4:
        raise fail(f"{key!r} must be a CAMEO code string like '190', found {value!r}")
    return code


def _actor(value: object, key: str, fail: _Fail) -> GoldActor:
    if value is None or value == "":
        return GoldActor()
    if not isinstance(value, dict):
        raise fail(f"{key!r} must be an object with text, entity and role")
    return GoldActor(
        text=_text(value, "text", fail),
        entity=_text(value, "entity", fail).upper(),
        role=_text(value, "role", fail).upper(),
    )


class _Fail:
    """Builds a :class:`GoldError` for one line, naming the event when there is one."""

    def __init__(self, path: Path, line: int, event: str = "") -> None:
        self.path, self.line, self.event = path, line, event

    def __call__(self, message: str) -> GoldError:
        prefix = f"event {self.event}: " if self.event else ""
        return GoldError(self.path, self.line, prefix + message)


def _event(record: object, article_id: str, index: int, path: Path, line: int) -> GoldEvent:
    fail = _Fail(path, line, f"#{index + 1}")
    if not isinstance(record, dict):
        raise fail("an event must be a JSON object")
    event_id = _text(record, "id", fail) or f"e{index + 1}"
    fail = _Fail(path, line, event_id)
    salience = _text(record, "salience", fail, required=True)
    if salience not in scoring().saliences:
        raise fail(f"unknown salience {salience!r}; expected one of {list(scoring().saliences)}")
    alternatives = record.get("date_alternatives") or []
    cameo_alts = record.get("cameo_alternatives") or []
    if not isinstance(alternatives, list) or not isinstance(cameo_alts, list):
        raise fail("date_alternatives and cameo_alternatives must be lists")
    admin1 = record.get("admin1")
    if admin1 is not None and (not isinstance(admin1, str) or not admin1.strip()):
        raise fail(f"'admin1' must be a name or null, found {admin1!r}")
    geo = record.get("geo_precision")
    return GoldEvent(
        article_id=article_id,
        id=event_id,
        salience=salience,
        date=_date(record.get("date"), "date", fail),
        date_alternatives=tuple(_date(d, "date_alternatives", fail) for d in alternatives),
        time_precision=_int(record.get("time_precision"), "time_precision", fail, range(1, 5)),
        cameo_code=_cameo(record.get("cameo_code"), "cameo_code", fail),
        cameo_alternatives=tuple(_cameo(c, "cameo_alternatives", fail) for c in cameo_alts),
        acled_event_type=_text(record, "acled_event_type", fail, required=True),
        acled_sub_event_type=_text(record, "acled_sub_event_type", fail, required=True),
        fatalities=_int(record.get("fatalities"), "fatalities", fail, range(0, 1_000_000)),
        country=_text(record, "country", fail).upper(),
        admin1=admin1.strip() if isinstance(admin1, str) else None,
        location=_text(record, "location", fail),
        location_ar=_text(record, "location_ar", fail),
        geo_precision=None if geo is None else _int(geo, "geo_precision", fail, range(1, 4)),
        source=_actor(record.get("source"), "source", fail),
        target=_actor(record.get("target"), "target", fail),
        date_evidence=_text(record, "date_evidence", fail),
        evidence=_text(record, "evidence", fail),
    )


def load_gold(path: Path) -> dict[str, GoldArticle]:
    """Read a gold JSON Lines file into ``{article_id: GoldArticle}``.

    Raises :class:`GoldError` (file and line) for malformed JSON, missing or badly typed fields,
    unknown salience values and duplicate article or event ids.
    """
    path = Path(path)
    out: dict[str, GoldArticle] = {}
    with path.open(encoding="utf-8") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            fail = _Fail(path, line_no)
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise fail(f"invalid JSON: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise fail("expected a JSON object")
            article_id = _text(record, "article_id", fail, required=True)
            if article_id in out:
                raise fail(f"duplicate article_id {article_id!r}")
            try:
                published = dt.datetime.fromisoformat(_text(record, "published", fail, True))
            except ValueError as exc:
                raise fail(f"'published' is not an ISO timestamp: {exc}") from exc
            events_raw = record.get("events")
            if not isinstance(events_raw, list):
                raise fail("'events' must be a list")
            events = tuple(
                _event(item, article_id, i, path, line_no) for i, item in enumerate(events_raw)
            )
            ids = [e.id for e in events]
            if len(set(ids)) != len(ids):
                raise fail(f"duplicate event ids in {ids}")
            out[article_id] = GoldArticle(
                article_id, published, events, _text(record, "remarks", fail)
            )
    return out
