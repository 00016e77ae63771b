"""The release loads in the tools analysts use: pandas, polars, DuckDB, gdelt-py, frictionless."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from py_gdelt.parsers.events import EventsParser

sys.path.insert(0, str(Path(__file__).parent))

from test_export_fixtures import RELEASE_DATE, all_events, rejects  # noqa: E402

from coder.export import write_release  # noqa: E402
from coder.export.acled_table import COLUMNS  # noqa: E402
from coder.validate import validate_release  # noqa: E402

# frictionless computes no byte count or hash for parquet (read through pyarrow); validate_release
# checks both for every file.
_NO_SIZE_CHECKS = frictionless.Checklist(skip_errors=["byte-count", "hash-count"])


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    return write_release(all_events(), rejects(), out, "compat", RELEASE_DATE)


def test_acled_csv_pandas(release: Path) -> None:
    df = pd.read_csv(release / "acled.csv")
    assert list(df.columns) == list(COLUMNS)
    assert pd.api.types.is_integer_dtype(df["iso"])
    assert set(df["iso"]) == {760, 368}
    assert pd.api.types.is_float_dtype(df["latitude"])
    assert df["event_date"].tolist() == sorted(df["event_date"].tolist())


def test_acled_csv_polars(release: Path) -> None:
    df = pl.read_csv(release / "acled.csv")
    assert df.columns == list(COLUMNS)
    assert df.schema["iso"].is_integer() and df.schema["fatalities"].is_integer()
    assert df.filter(pl.col("event_id_cnty") == "SYR-C3fa9b01c2d")["location"][0] == (
        "Koniko Gas Field")


@pytest.mark.parametrize("name", ["acled.parquet", "events.parquet", "gdelt.parquet"])
def test_parquet_loads_everywhere(release: Path, name: str) -> None:
    path = release / name
    rows = pq.read_metadata(path).num_rows
    pdf = pd.read_parquet(path)
    pldf = pl.read_parquet(path)
    relation = duckdb.sql(f"select * from '{path}'")
    assert relation is not None
    ddf = relation.df()
    assert len(pdf) == len(pldf) == len(ddf) == rows > 0
    assert list(pdf.columns) == pldf.columns == list(ddf.columns)
    if name == "acled.parquet":
        assert pldf.columns == list(COLUMNS)
        assert pldf.schema["iso"].is_integer()
        assert str(pldf.schema["event_date"]) == "Date"
    if name == "events.parquet":
        assert str(pldf.schema["event_date"]) == "Date"
        assert pldf.schema["article_ids"] == pl.List(pl.String)
        counted = duckdb.sql(f"select count(*) from '{path}' where cameo_code = '0241'")
        assert counted is not None and counted.fetchall() == [(1,)]


def test_gdelt_tsv_parses_with_gdelt_py(release: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = (release / "gdelt.tsv").read_bytes()
    lines = data.decode("utf-8").split("\n")[:-1]
    assert all(len(line.split("\t")) == 61 for line in lines)
    parser = EventsParser()
    assert parser.detect_version(lines[0].encode("utf-8")) == 2
    with caplog.at_level(logging.WARNING, logger="py_gdelt.parsers.events"):
        events = list(parser.parse(data))
    assert not [r for r in caplog.records if "Skipping" in r.getMessage()]
    assert len(events) == len(lines) == 5
    rocket = next(e for e in events if e.event_code == "194")
    assert rocket.global_event_id == str(int("3fa9b01c2d7e4f5", 16))
    assert rocket.actor1_code == "IRQREB" and rocket.actor2_country_code == "USA"
    assert rocket.event_root_code == "19" and rocket.quad_class == "4"
    assert rocket.action_geo_country_code == "SY" and rocket.action_geo_adm1_code == "SY04"
    assert rocket.source_url == "https://example.org/news/2023/11/19/koniko"
    appeal = next(e for e in events if e.event_code == "0241")
    assert appeal.event_base_code == "024" and appeal.actor1_code is None


def test_every_line_parses_even_when_first_row_lacks_url(tmp_path: Path) -> None:
    # events sorted first with no URL and no actors: the trailing fields must not be blank,
    # or gdelt-py's version detection (which strips the line) would fail
    events = [e for e in all_events() if e.cameo_code]
    for e in events:
        e.url = ""
        e.source = ""
    out = write_release(events, [], tmp_path, "nourl", RELEASE_DATE)
    data = (out / "gdelt.tsv").read_bytes()
    parsed = list(EventsParser().parse(data))
    assert len(parsed) == data.count(b"\n") == 5
    assert all(e.source_url for e in parsed)


def test_frictionless_validates_package(release: Path) -> None:
    """Frictionless 5 validates every resource except two things it cannot do offline here.

    - It reads parquet through pyarrow + pandas, so it computes no byte count or hash for
      parquet files (skipped here; `validate_release` checks them), and pandas turns list
      columns into numpy arrays and null integers into NaN, which frictionless then rejects:
      events.parquet is validated below from its rows as inline data with the same schema.
    - rejects.jsonl needs the `jsonlines` package (`frictionless[json]`), not installed.
    """
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    package = frictionless.Package(str(release / "datapackage.json"))
    assert frictionless.Package.metadata_validate(descriptor) is not None
    skip = {"events"}
    if importlib.util.find_spec("jsonlines") is None:
        skip.add("rejects")
    for resource in package.resources:
        if resource.name in skip:
            continue
        report = resource.validate(_NO_SIZE_CHECKS)
        assert report.valid, (resource.name, report.flatten(["type", "note"])[:5])
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    rows = pq.read_table(release / "events.parquet").to_pylist()
    inline = frictionless.Resource(data=rows,
                                   schema=frictionless.Schema.from_descriptor(events["schema"]))
    report = inline.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert inline.stats.rows == events["rows"]


def test_frictionless_descriptor_is_valid(release: Path) -> None:
    errors = list(frictionless.Package.metadata_validate(
        json.loads((release / "datapackage.json").read_text(encoding="utf-8"))))
    assert errors == []


def test_frictionless_catches_csv_enum_violation(release: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "bad"
    shutil.copytree(release, copy)
    text = (copy / "acled.csv").read_text(encoding="utf-8")
    (copy / "acled.csv").write_text(text.replace("Armed clash", "Armed klash"),
                                    encoding="utf-8")
    package = frictionless.Package(str(copy / "datapackage.json"))
    report = package.get_resource("acled-csv").validate(_NO_SIZE_CHECKS)
    assert not report.valid
    assert "constraint-error" in {e.type for e in report.tasks[0].errors}


def test_validate_release_accepts_it(release: Path) -> None:
    assert validate_release(release) == []
