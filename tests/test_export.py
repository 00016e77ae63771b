"""The release tables: native, ACLED, GDELT, rejects, datapackage.json."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_export_fixtures import (  # noqa: E402
    RELEASE_DATE,
    all_events,
    appeal_without_place,
    rejects,
    rocket_attack,
)

from coder import __version__  # noqa: E402
from coder.export import release_date_from_env, write_release  # noqa: E402
from coder.export.acled_table import COLUMNS, event_id_cnty, export_date  # noqa: E402
from coder.export.common import stable_event_id  # noqa: E402
from coder.export.gdelt import fraction_date, global_event_id, quad_class  # noqa: E402
from coder.export.taxonomy import taxonomy  # noqa: E402


@pytest.fixture()
def release(tmp_path: Path) -> Path:
    return write_release(all_events(), rejects(), tmp_path, "2023-11", RELEASE_DATE)


def test_release_layout(release: Path) -> None:
    assert sorted(p.name for p in release.iterdir()) == [
        "acled.csv", "acled.parquet", "datapackage.json", "events.parquet", "gdelt.parquet",
        "gdelt.tsv", "rejects.jsonl"]


def test_native_table_one_row_per_event_sorted(release: Path) -> None:
    table = pq.read_table(release / "events.parquet")
    assert table.num_rows == 6
    schema = table.schema
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("time_precision").type) == "int8"
    assert str(schema.field("article_ids").type).startswith("list<")
    rows = table.to_pylist()
    keys = [(r["event_date"], r["country_iso3"] or "", r["event_id"]) for r in rows]
    assert keys == sorted(keys)
    rocket = next(r for r in rows if r["event_id"] == "3fa9b01c2d7e4f5a6b7c")
    assert rocket["cameo_code"] == "194" and rocket["goldstein"] == -10.0
    assert rocket["rules"] == ["fight.shell.verb", "weapons.rockets"]
    assert rocket["sentence"].startswith("استهدفت المقاومة الإسلامية")


def test_native_keeps_events_with_missing_values(release: Path) -> None:
    rows = pq.read_table(release / "events.parquet").to_pylist()
    appeal = next(r for r in rows if r["cameo_code"] == "0241")
    assert appeal["latitude"] is None and appeal["geo_precision"] is None
    assert appeal["acled_event_type"] is None and appeal["source_actor_code"] is None
    assert appeal["event_id"] == stable_event_id(appeal_without_place())
    protest = next(r for r in rows if r["acled_sub_event_type"] == "Peaceful protest")
    assert protest["cameo_code"] is None and protest["quad_class"] is None


def test_derived_event_id_depends_on_content_not_order() -> None:
    a, b = appeal_without_place(), appeal_without_place()
    assert stable_event_id(a) == stable_event_id(b)
    b.cameo_code = "0243"
    assert stable_event_id(a) != stable_event_id(b)


def test_acled_csv_columns_and_values(release: Path) -> None:
    with (release / "acled.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(COLUMNS) and len(COLUMNS) == 31
    # the verbal appeal has no ACLED type and stays out
    assert len(rows) == 5
    rocket = next(r for r in rows if r["event_id_cnty"] == "SYR-C3fa9b01c2d")
    assert rocket["event_date"] == "2023-11-18" and rocket["year"] == "2023"
    assert rocket["iso"] == "760" and rocket["region"] == "Middle East"
    assert rocket["country"] == "Syria"
    assert rocket["inter2"] == "External/Other forces"
    assert rocket["interaction"] == "Political militia-External/Other forces"
    assert rocket["timestamp"] == "1700438400"  # 2023-11-20T00:00:00Z
    arrest = next(r for r in rows if r["iso"] == "368")
    assert arrest["source"] == "Al Sumaria; Shafaq News" and arrest["actor2"] == ""


def test_event_id_cnty_namespace() -> None:
    cid = event_id_cnty("IRQ", "0a1b2c3d4e5f6a7b")
    assert cid == "IRQ-C0a1b2c3d4e"
    assert not cid[3:].isdigit()  # ACLED's own ids are ISO3 + digits


def test_acled_export_date_style(tmp_path: Path) -> None:
    out = write_release([rocket_attack()], [], tmp_path, "r", RELEASE_DATE,
                        acled_date_style="export")
    with (out / "acled.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["event_date"] == "18 November 2023"
    assert export_date(dt.date(2023, 6, 2)) == "02 June 2023"
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    csv_res = next(r for r in desc["resources"] if r["name"] == "acled-csv")
    assert csv_res["schema"]["fields"][1] == {
        "name": "event_date", "type": "date", "format": "%d %B %Y",
        "constraints": {"required": True}}


def test_acled_numeric_inter(tmp_path: Path) -> None:
    out = write_release(all_events(), [], tmp_path, "r", RELEASE_DATE, numeric_inter=True)
    rows = pq.read_table(out / "acled.parquet").to_pylist()
    rocket = next(r for r in rows if r["event_id_cnty"] == "SYR-C3fa9b01c2d")
    assert (rocket["inter1"], rocket["inter2"], rocket["interaction"]) == (3, 8, 38)
    arrest = next(r for r in rows if r["iso"] == 368)
    assert (arrest["inter1"], arrest["inter2"], arrest["interaction"]) == (1, 0, 10)


def test_acled_value_outside_taxonomy_is_refused(tmp_path: Path) -> None:
    bad = dataclasses.replace(rocket_attack(), acled_sub_event_type="Rocket attack")
    with pytest.raises(ValueError, match="Rocket attack"):
        write_release([bad], [], tmp_path, "r", RELEASE_DATE)
    assert not (tmp_path / "r").exists()


def test_duplicate_event_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="duplicate event_id"):
        write_release([rocket_attack(), rocket_attack()], [], tmp_path, "r", RELEASE_DATE)


def test_gdelt_rows(release: Path) -> None:
    lines = (release / "gdelt.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert len(rows) == 5  # the protest has no CAMEO code
    assert {len(r) for r in rows} == {61}
    rocket = next(r for r in rows if r[26] == "194")
    assert rocket[0] == str(int("3fa9b01c2d7e4f5", 16))
    assert rocket[1:5] == ["20231118", "202311", "2023", "2023.8712"]
    assert rocket[5:8] == ["IRQREB", "ISLAMIC RESISTANCE IN IRAQ", "IRQ"]
    assert rocket[12] == "REB" and rocket[15] == "USAMIL" and rocket[22] == "MIL"
    assert rocket[25:35] == ["1", "194", "194", "19", "4", "-10.0", "2", "1", "1", "0.0"]
    assert rocket[51:59] == ["4", "Koniko Gas Field, Deir ez Zor, Syria", "SY", "SY04", "",
                             "35.2772", "40.3144", "site:koniko"]
    assert rocket[35:43] == rocket[51:59]  # actor geo = action geo (documented)
    assert rocket[59] == "20231120000000"
    assert rocket[60] == "https://example.org/news/2023/11/19/koniko"
    appeal = next(r for r in rows if r[26] == "0241")
    assert appeal[26:30] == ["0241", "024", "02", "1"]
    assert appeal[18] == "UNO" and appeal[51] == "0" and appeal[52:59] == [""] * 7
    assert appeal[60] == "Al Jazeera"  # no URL: the publisher as a citation
    country = next(r for r in rows if r[26] == "195")
    assert country[51:59] == ["1", "Syria", "SY", "SY", "", "34.8021", "38.9968", "SY"]
    assert country[31:34] == ["4", "3", "3"]
    hasakah = next(r for r in rows if r[26] == "190")
    assert hasakah[51] == "5" and hasakah[52] == "Al Hasakeh, Syria"


def test_gdelt_helpers_match_real_gdelt_values() -> None:
    # values from real GDELT 1.0 rows (reference sample): SQLDATE -> FractionDate
    assert fraction_date(dt.date(2004, 11, 26)) == 2004.8932
    assert fraction_date(dt.date(2013, 11, 24)) == 2013.8877
    assert [quad_class(r) for r in ("01", "05", "06", "08", "09", "13", "14", "20")] == [
        1, 1, 2, 2, 3, 3, 4, 4]
    assert global_event_id("fffffffffffffff0") == 2**60 - 1
    assert global_event_id("not-hex id") < 2**63
    with pytest.raises(ValueError):
        quad_class("21")


def test_rejects_sorted_naturally(release: Path) -> None:
    lines = (release / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    objs = [json.loads(line) for line in lines]
    assert [(o["file"], o["location"]) for o in objs] == [
        ("in/articles.jsonl", "line 3"), ("in/articles.jsonl", "line 12"),
        ("in/articles.jsonl", "line 40"), ("in/more.csv", "row 2")]
    assert set(objs[0]) == {"file", "location", "reason", "id", "record"}
    assert objs[0]["record"]["published"] == "أمس"
    assert objs[3]["id"] is None


def test_datapackage_descriptor(release: Path) -> None:
    desc = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["version"] == "2023-11" and desc["created"] == "2023-11-20T00:00:00Z"
    assert desc["coder"]["version"] == __version__
    assert desc["coder"]["codebooks"]["acled/regions.csv"] == "1.0.0"
    assert desc["coder"]["excluded"] == {"acled_no_acled_event_type": 1, "acled_no_country": 0,
                                         "gdelt_no_cameo_code": 1}
    by_name = {r["name"]: r for r in desc["resources"]}
    assert list(by_name) == ["events", "acled", "acled-csv", "gdelt", "gdelt-tsv", "rejects"]
    assert [by_name[n]["rows"] for n in by_name] == [6, 5, 5, 5, 5, 4]
    assert by_name["events"]["schema"]["primaryKey"] == ["event_id"]
    assert by_name["gdelt"]["schema"]["primaryKey"] == ["GLOBALEVENTID"]
    assert by_name["rejects"]["stats"] == {"rows": 4}
    fields = {f["name"]: f for f in by_name["acled"]["schema"]["fields"]}
    assert fields["sub_event_type"]["constraints"]["enum"] == taxonomy().sub_event_types
    assert len(fields["sub_event_type"]["constraints"]["enum"]) == 25
    assert fields["iso"]["type"] == "integer"
    assert "Protesters only" in fields["interaction"]["constraints"]["enum"]
    for res in desc["resources"]:
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0


def test_release_date_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert release_date_from_env() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700438400")
    assert release_date_from_env() == dt.date(2023, 11, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError):
        release_date_from_env()


def test_bad_release_names(tmp_path: Path) -> None:
    for name in ("", "../x", ".hidden", "a/b"):
        with pytest.raises(ValueError):
            write_release([], [], tmp_path, name, RELEASE_DATE)


def test_empty_release_is_valid(tmp_path: Path) -> None:
    from coder.validate import validate_release

    out = write_release([], [], tmp_path, "empty", RELEASE_DATE)
    assert (out / "gdelt.tsv").read_bytes() == b""
    assert validate_release(out) == []
