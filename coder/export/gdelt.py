"""``gdelt.parquet`` and ``gdelt.tsv``: CAMEO events in the GDELT 2.0 event layout (61 fields).

Only events with a CAMEO code go into the GDELT table.  Field rules (docs/FORMATS.md):
GLOBALEVENTID is the first 15 hex digits of the event id (of its sha256 when the id is not hex);
FractionDate is computed as GDELT's files do, ``year + ((month - 1) * 30 + day) / 365``;
AvgTone is 0 (coder computes no tone); actor geo repeats the action geo for an actor that is
present (actors have no place of their own); DATEADDED is the release date at midnight.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..model import Actor, Event, Place
from .common import PARQUET_MEDIATYPE, Resource, schema_fields, write_parquet

_I, _F, _S = pa.int64(), pa.float64(), pa.string()
_GEO = [("Type", _I), ("FullName", _S), ("CountryCode", _S), ("ADM1Code", _S),
        ("ADM2Code", _S), ("Lat", _F), ("Long", _F), ("FeatureID", _S)]
_ACTOR = [("Code", _S), ("Name", _S), ("CountryCode", _S), ("KnownGroupCode", _S),
          ("EthnicCode", _S), ("Religion1Code", _S), ("Religion2Code", _S), ("Type1Code", _S),
          ("Type2Code", _S), ("Type3Code", _S)]
COLUMNS: list[tuple[str, pa.DataType]] = [
    ("GLOBALEVENTID", _I), ("SQLDATE", _I), ("MonthYear", _I), ("Year", _I),
    ("FractionDate", _F),
    *[(f"Actor1{n}", t) for n, t in _ACTOR], *[(f"Actor2{n}", t) for n, t in _ACTOR],
    ("IsRootEvent", _I), ("EventCode", _S), ("EventBaseCode", _S), ("EventRootCode", _S),
    ("QuadClass", _I), ("GoldsteinScale", _F), ("NumMentions", _I), ("NumSources", _I),
    ("NumArticles", _I), ("AvgTone", _F),
    *[(f"Actor1Geo_{n}", t) for n, t in _GEO], *[(f"Actor2Geo_{n}", t) for n, t in _GEO],
    *[(f"ActionGeo_{n}", t) for n, t in _GEO],
    ("DATEADDED", _I), ("SOURCEURL", _S),
]
_REQUIRED = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "IsRootEvent",
             "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
             "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type",
             "Actor1Geo_Type", "Actor2Geo_Type", "DATEADDED", "SOURCEURL"}
SCHEMA = pa.schema([pa.field(n, t, nullable=n not in _REQUIRED) for n, t in COLUMNS])
_HEX = re.compile(r"^[0-9a-f]{15,}$")
_GROUP_PREFIXES = ("IGO", "IMG", "NGO", "NGM")
_COUNTRY_FEATURES = {"country", "pcli", "adm0"}
_ADM1_FEATURES = {"admin1", "adm1", "governorate", "province", "state"}


def global_event_id(event_id: str) -> int:
    """A deterministic int64 id: the first 15 hex digits of the event id (or of its sha256)."""
    hexid = event_id.lower()
    if not _HEX.match(hexid):
        hexid = hashlib.sha256(event_id.encode("utf-8")).hexdigest()
    return int(hexid[:15], 16)


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate as its files have it: 2004-11-26 -> 2004.8932."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def quad_class(root: str) -> int:
    """GDELT's QuadClass from a CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    n = int(root)
    if not 1 <= n <= 20:
        raise ValueError(f"CAMEO root {root!r} is outside 01-20")
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _clean(text: str) -> str | None:
    """One TSV-safe field: no tabs or line breaks, no leading quote (GDELT files are unquoted)."""
    out = " ".join(text.replace("\t", " ").splitlines()).strip()
    if out.startswith('"'):
        out = "'" + out[1:]
    return out or None


def _actor(a: Actor | None) -> dict[str, Any]:
    if a is None:
        return {}
    parts = [a.cameo_code[i:i + 3] for i in range(0, len(a.cameo_code), 3)]
    known = None
    for i, part in enumerate(parts[:-1]):
        if part in _GROUP_PREFIXES and parts[i + 1] != a.role:
            known = parts[i + 1]
            break
    return {"Code": _clean(a.cameo_code), "Name": _clean(a.name.upper()),
            "CountryCode": _clean(a.country), "KnownGroupCode": known,
            "Type1Code": _clean(a.role)}


def geo_type(place: Place) -> int:
    """1 country, 5 world state (admin1), 4 world city or other place."""
    feature = place.feature_type.lower()
    if feature in _COUNTRY_FEATURES or not place.admin1:
        return 1
    if feature in _ADM1_FEATURES or (place.name_en == place.admin1 and not place.admin2):
        return 5
    return 4


def _geo(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"Type": 0}
    kind = geo_type(place)
    if kind == 1:
        names = [place.country]
        feature = place.fips
    elif kind == 5:
        names = [place.admin1, place.country]
        feature = place.adm1_code
    else:
        names = [place.name_en, place.admin1, place.country]
        feature = place.id
    return {"Type": kind, "FullName": _clean(", ".join(n for n in names if n)),
            "CountryCode": _clean(place.fips),
            "ADM1Code": _clean(place.adm1_code if kind != 1 else place.fips), "ADM2Code": None,
            "Lat": place.latitude, "Long": place.longitude, "FeatureID": _clean(feature)}


def _source_url(eid: str, e: Event) -> str:
    """The first article's URL; else a citation (publisher, or article id) as GDELT allows."""
    for candidate in (e.url, e.source, e.article_ids[0] if e.article_ids else ""):
        cleaned = _clean(candidate)
        if cleaned:
            return cleaned
    return f"coder:event:{eid}"


def gdelt_row(eid: str, e: Event, release_date: dt.date) -> dict[str, Any]:
    code = e.cameo_code
    root = code[:2]
    row: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(eid),
        "SQLDATE": int(e.event_date.strftime("%Y%m%d")),
        "MonthYear": e.event_date.year * 100 + e.event_date.month, "Year": e.event_date.year,
        "FractionDate": fraction_date(e.event_date),
        "IsRootEvent": 1 if e.salience == "headline" else 0,
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root,
        "QuadClass": quad_class(root), "GoldsteinScale": float(e.goldstein),
        "NumMentions": e.num_mentions, "NumSources": e.num_sources,
        "NumArticles": len(e.article_ids), "AvgTone": 0.0,
        "DATEADDED": int(release_date.strftime("%Y%m%d")) * 1_000_000,
        "SOURCEURL": _source_url(eid, e),
    }
    geo = _geo(e.place)
    for prefix, actor in (("Actor1", e.source_actor), ("Actor2", e.target_actor)):
        row.update({f"{prefix}{k}": v for k, v in _actor(actor).items()})
        actor_geo = geo if actor is not None else {"Type": 0}
        row.update({f"{prefix}Geo_{k}": v for k, v in actor_geo.items()})
    row.update({f"ActionGeo_{k}": v for k, v in geo.items()})
    return row


def _tsv_value(value: object) -> str:
    return "" if value is None else str(value)


def write_gdelt(pairs: Sequence[tuple[str, Event]], folder: Path, release_date: dt.date
                ) -> tuple[list[Resource], dict[str, int]]:
    rows = [gdelt_row(eid, e, release_date) for eid, e in pairs if e.cameo_code]
    ids = [r["GLOBALEVENTID"] for r in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("two events map to the same GLOBALEVENTID")
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    write_parquet(table, folder / "gdelt.parquet")
    names = [n for n, _ in COLUMNS]
    with (folder / "gdelt.tsv").open("w", encoding="utf-8", newline="") as fh:
        for row in rows:
            fh.write("\t".join(_tsv_value(row.get(n)) for n in names) + "\n")
    enums = {"QuadClass": [1, 2, 3, 4], "IsRootEvent": [0, 1],
             **{f"{p}_Type": [0, 1, 4, 5] for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")}}
    fields = schema_fields(SCHEMA, enums, types={"EventCode": "string"})
    desc = "CAMEO events in the GDELT 2.0 event layout (61 fields)"
    skipped = {"no_cameo_code": len(pairs) - len(rows)}
    return [
        Resource("gdelt", "gdelt.parquet", "parquet", PARQUET_MEDIATYPE, len(rows), fields,
                 ["GLOBALEVENTID"], description=desc),
        Resource("gdelt-tsv", "gdelt.tsv", "tsv", "text/tab-separated-values", len(rows),
                 fields, ["GLOBALEVENTID"], dialect={"delimiter": "\t", "header": False},
                 description=desc + "; no header, tab-separated, unquoted"),
    ], skipped
