"""`validate_release` finds tampered, missing, extra and mis-described files."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_export_fixtures import RELEASE_DATE, all_events, rejects  # noqa: E402

from coder.export import write_release  # noqa: E402
from coder.validate import validate_release  # noqa: E402


@pytest.fixture()
def release(tmp_path: Path) -> Path:
    return write_release(all_events(), rejects(), tmp_path, "r1", RELEASE_DATE)


def _descriptor(folder: Path) -> dict[str, object]:
    data = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _save(folder: Path, desc: dict[str, object]) -> None:
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


def _resource(desc: dict[str, object], name: str) -> dict[str, object]:
    resources = desc["resources"]
    assert isinstance(resources, list)
    found = next(r for r in resources if r["name"] == name)
    assert isinstance(found, dict)
    return found


def test_valid_release(release: Path) -> None:
    assert validate_release(release) == []


def test_tampered_file_same_size(release: Path) -> None:
    path = release / "acled.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fatalities.", "Fatalities."), encoding="utf-8")
    problems = validate_release(release)
    assert problems == ["acled-csv: sha256 of acled.csv does not match datapackage.json "
                        "(hash mismatch)"]


def test_appended_row_changes_count_size_and_hash(release: Path) -> None:
    with (release / "gdelt.tsv").open("a", encoding="utf-8") as fh:
        fh.write("\t".join(["1"] * 61) + "\n")
    problems = validate_release(release)
    assert any("hash mismatch" in p for p in problems)
    assert any("bytes" in p for p in problems)
    assert any("gdelt.tsv has 6 rows, datapackage.json says 5" in p for p in problems)


def test_wrong_row_count_in_descriptor(release: Path) -> None:
    desc = _descriptor(release)
    _resource(desc, "events")["rows"] = 7
    _save(release, desc)
    problems = validate_release(release)
    assert any("events.parquet has 6 rows, datapackage.json says 7" in p for p in problems)


def test_missing_and_unlisted_files(release: Path) -> None:
    (release / "rejects.jsonl").unlink()
    (release / "notes.txt").write_text("x", encoding="utf-8")
    problems = validate_release(release)
    assert "rejects: missing file rejects.jsonl" in problems
    assert "unlisted file notes.txt (not in datapackage.json)" in problems


def test_missing_descriptor(tmp_path: Path) -> None:
    assert validate_release(tmp_path)[0].startswith("missing file datapackage.json")


def test_parquet_schema_mismatch(release: Path) -> None:
    path = release / "acled.parquet"
    table = pq.read_table(path)
    table = table.set_column(table.schema.get_field_index("iso"), "iso",
                             pa.array([str(v) for v in table.column("iso").to_pylist()]))
    pq.write_table(table, path)
    desc = _descriptor(release)
    res = _resource(desc, "acled")
    res["bytes"] = path.stat().st_size
    from coder.export.common import sha256_file

    res["hash"] = "sha256:" + sha256_file(path)
    _save(release, desc)
    assert validate_release(release) == [
        "acled: column iso is string, schema says integer"]


def test_column_renamed_in_csv_header(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    path = copy / "acled.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("event_id_cnty", "event_id", 1),
                    encoding="utf-8")
    problems = validate_release(copy)
    assert any(p.startswith("acled-csv: header") for p in problems)


def test_enum_and_type_violations_in_csv(release: Path) -> None:
    path = release / "acled.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Peaceful protest", "Peacefull protest").replace(",760,", ",SYR,", 1)
    path.write_text(text, encoding="utf-8")
    problems = validate_release(release)
    assert any("sub_event_type 'Peacefull protest' not in enum" in p for p in problems)
    assert any("iso 'SYR' is not a integer" in p for p in problems)


def test_rejects_line_with_wrong_keys(release: Path) -> None:
    path = release / "rejects.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({"file": "x", "reason": "y"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate_release(release)
    assert any("rejects: line 1: keys differ" in p for p in problems)
