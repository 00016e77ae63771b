"""End to end: ``coder export`` through the CLI, as a dataset producer runs it."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import frictionless
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from coder.cli import cli

RELEASE_DATE = "2023-11-20"
RELEASE_FILES = {
    "events.parquet", "acled.parquet", "acled.csv", "gdelt.parquet", "gdelt.tsv",
    "rejects.jsonl", "datapackage.json",
}
# frictionless reads parquet through pandas: it computes no byte count or hash for it
_NO_SIZE_CHECKS = frictionless.Checklist(skip_errors=["byte-count", "hash-count"])

GOOD = [
    {"id": "g1", "published": "2023-11-19", "source": "وكالة محلية",
     "url": "https://example.org/news/g1", "title": "غارات جوية على ريف إدلب",
     "text": "قصفت طائرات حربية أمس السبت أطراف مدينة معرة النعمان في ريف إدلب الجنوبي، ما أدى "
             "إلى مقتل مدنيين اثنين وإصابة أربعة آخرين، بحسب مصادر محلية."},
    {"id": "g2", "published": "2023-11-20", "title": "تفريق تظاهرة في البصرة",
     "text": "فرقت قوات الأمن العراقية بالقوة تظاهرة لمئات الخريجين العاطلين عن العمل أمام مبنى "
             "المحافظة في مدينة البصرة صباح اليوم الاثنين، واعتقلت عددا من المحتجين."},
    {"id": "g3", "published": "2023-11-21", "title": "التضخم",
     "text": "أعلنت وزارة التخطيط ارتفاع معدلات التضخم خلال الربع الثالث من العام الجاري إلى "
             "مستويات غير مسبوقة، وتوقعت تراجعها مطلع العام المقبل."},
]
BAD_LINES = [
    '{"id": "b1", "published": "2023-11-19", "text": "خبر مقطوع',  # truncated JSON
    json.dumps({"id": "b2", "published": "2023-11-19", "title": "عنوان بلا نص"},
               ensure_ascii=False),  # no text
    json.dumps({"id": "b3", "published": "الأحد الماضي", "text": "اندلعت اشتباكات في حي جوبر."},
               ensure_ascii=False),  # date not ISO
    json.dumps({"id": "g1", "published": "2023-11-19", "text": "نسخة مكررة من الخبر."},
               ensure_ascii=False),  # duplicate id
    json.dumps(["قائمة", "وليست", "كائنا"], ensure_ascii=False),  # not an object
    json.dumps({"id": "b6", "published": "2023-11-19", "language": "en",
                "text": "Clashes erupted in the eastern countryside."}),  # not Arabic
]


def export(*args: str) -> Result:
    return CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)


def write_jsonl(path: Path, records: list[dict[str, Any]], extra_lines: Sequence[str] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_info(release: Path) -> dict[str, Any]:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    info: dict[str, Any] = package["coder"]["run_info"]
    return info


def rejects(release: Path) -> list[dict[str, Any]]:
    text = (release / "rejects.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def acled_rows(release: Path) -> list[dict[str, str]]:
    with (release / "acled.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def assert_conserved(release: Path, records: int) -> None:
    """Every record ends as exactly one of coded / no event / rejected."""
    info = run_info(release)
    assert info["articles_read"] + info["rejected"] == records
    assert info["coded"] + info["no_event"] == info["articles_read"]
    assert len(rejects(release)) == info["rejected"]


@pytest.fixture(scope="module")
def sample_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("exports")
    result = export("--out", str(out), "--release-date", RELEASE_DATE)
    return result, out / f"release-{RELEASE_DATE}"


def test_sample_export_writes_every_file(sample_release: tuple[Result, Path]) -> None:
    result, release = sample_release
    assert result.exit_code == 0, result.output
    assert {p.name for p in release.iterdir()} == RELEASE_FILES
    assert f"release: {release}" in result.output
    assert re.search(r"articles read: \d+  coded: \d+  no event: \d+  rejected: 1", result.output)


def test_sample_export_accounts_for_every_record(
    sample_release: tuple[Result, Path], sample_articles: Path
) -> None:
    _, release = sample_release
    records = sum(1 for line in sample_articles.read_text(encoding="utf-8").splitlines()
                  if line.strip())
    assert_conserved(release, records)
    info = run_info(release)
    assert info["coded"] >= 3 and info["no_event"] >= 1
    (bad,) = rejects(release)
    assert bad["id"] == "sample-006" and "published" in bad["reason"]
    assert pq.read_metadata(release / "events.parquet").num_rows > 0


def test_sample_release_validates(sample_release: tuple[Result, Path]) -> None:
    _, release = sample_release
    result = CliRunner().invoke(cli, ["validate", str(release)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_reports_a_tampered_release(
    sample_release: tuple[Result, Path], tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "tampered"
    shutil.copytree(sample_release[1], copy)
    with (copy / "acled.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    result = CliRunner().invoke(cli, ["validate", str(copy)])
    assert result.exit_code != 0
    assert "acled.csv" in result.output


def test_frictionless_validates_sample_release(sample_release: tuple[Result, Path]) -> None:
    _, release = sample_release
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert list(frictionless.Package.metadata_validate(descriptor)) == []
    package = frictionless.Package(str(release / "datapackage.json"))
    skip = {"events"}  # list columns and null integers: see test_export_compat
    if importlib.util.find_spec("jsonlines") is None:
        skip.add("rejects")
    checked = 0
    for resource in package.resources:
        if resource.name in skip:
            continue
        report = resource.validate(_NO_SIZE_CHECKS)
        assert report.valid, (resource.name, report.flatten(["type", "note"])[:5])
        checked += 1
    assert checked >= 4


def test_same_release_date_is_byte_identical(
    sample_release: tuple[Result, Path], tmp_path: Path
) -> None:
    _, first = sample_release
    result = export("--out", str(tmp_path), "--release-date", RELEASE_DATE)
    assert result.exit_code == 0, result.output
    second = tmp_path / f"release-{RELEASE_DATE}"
    assert sorted(p.name for p in second.iterdir()) == sorted(p.name for p in first.iterdir())
    for name in RELEASE_FILES:
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        assert a == b, f"{name} differs between two exports with the same release date"


def test_existing_release_is_refused_without_force(tmp_path: Path) -> None:
    assert export("--out", str(tmp_path), "--release-date", RELEASE_DATE).exit_code == 0
    release = tmp_path / f"release-{RELEASE_DATE}"
    before = (release / "datapackage.json").read_bytes()
    again = export("--out", str(tmp_path), "--release-date", RELEASE_DATE)
    assert again.exit_code != 0
    assert "exists" in again.output and str(release) in again.output
    assert "force" in again.output
    assert (release / "datapackage.json").read_bytes() == before
    forced = export("--out", str(tmp_path), "--release-date", RELEASE_DATE, "--force")
    assert forced.exit_code == 0, forced.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_good_and_bad_records(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "mixed.jsonl", GOOD, BAD_LINES)
    result = export(str(src), "--out", str(tmp_path / "out"), "--release-date", RELEASE_DATE)
    assert result.exit_code == 0, result.output
    release = tmp_path / "out" / f"release-{RELEASE_DATE}"
    info = run_info(release)
    assert info["articles_read"] == len(GOOD)
    assert info["rejected"] == len(BAD_LINES)
    assert_conserved(release, len(GOOD) + len(BAD_LINES))
    bad = rejects(release)
    assert len(bad) == len(BAD_LINES)
    assert all(r["reason"] and r["location"].startswith("line ") for r in bad)
    reasons = {r["location"]: r["reason"] for r in bad}
    first_bad = len(GOOD) + 1
    assert "invalid JSON" in reasons[f"line {first_bad}"]
    assert "'text'" in reasons[f"line {first_bad + 1}"]
    assert "published" in reasons[f"line {first_bad + 2}"]
    assert "duplicate id" in reasons[f"line {first_bad + 3}"]
    assert "not a JSON object" in reasons[f"line {first_bad + 4}"]
    assert "language" in reasons[f"line {first_bad + 5}"]
    # the article coded from the air strike report is in the release
    events = pq.read_table(release / "events.parquet").to_pylist()
    assert any("g1" in e["article_ids"] and e["country_iso3"] == "SYR" for e in events)
    assert CliRunner().invoke(cli, ["validate", str(release)]).exit_code == 0


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-feed.jsonl"
    result = export(str(missing), "--out", str(tmp_path / "out"), "--release-date", RELEASE_DATE)
    assert result.exit_code != 0
    assert "Error" in result.output and "no-such-feed.jsonl" in result.output
    assert "no such file" in result.output
    assert not (tmp_path / "out" / f"release-{RELEASE_DATE}").exists()


def test_map_reads_text_from_another_column(tmp_path: Path) -> None:
    records = [{("content" if k == "text" else k): v for k, v in r.items()} for r in GOOD]
    src = write_jsonl(tmp_path / "content.jsonl", records)
    unmapped = export(str(src), "--out", str(tmp_path / "a"), "--release-date", RELEASE_DATE)
    assert unmapped.exit_code == 0, unmapped.output
    release_a = tmp_path / "a" / f"release-{RELEASE_DATE}"
    assert run_info(release_a)["articles_read"] == 0
    assert {r["reason"] for r in rejects(release_a)} == {"missing required field 'text'"}

    mapped = export(str(src), "--map", "text=content", "--out", str(tmp_path / "b"),
                    "--release-date", RELEASE_DATE)
    assert mapped.exit_code == 0, mapped.output
    release_b = tmp_path / "b" / f"release-{RELEASE_DATE}"
    assert run_info(release_b)["articles_read"] == len(GOOD)
    assert rejects(release_b) == []
    assert_conserved(release_b, len(GOOD))
    assert pq.read_metadata(release_b / "events.parquet").num_rows >= 2


def test_bad_map_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", GOOD[:1])
    result = export(str(src), "--map", "body=content", "--out", str(tmp_path / "out"),
                    "--release-date", RELEASE_DATE)
    assert result.exit_code != 0
    assert "body" in result.output


def test_acled_export_date_style(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", GOOD)
    result = export(str(src), "--acled-date-style", "export", "--out", str(tmp_path),
                    "--release-date", RELEASE_DATE)
    assert result.exit_code == 0, result.output
    release = tmp_path / f"release-{RELEASE_DATE}"
    rows = acled_rows(release)
    assert rows
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]+ \d{4}", r["event_date"]) for r in rows)
    # "أمس السبت" in an article published on Sunday 19 November 2023
    syria = [r for r in rows if r["iso"] == "760"]
    assert syria and syria[0]["event_date"] == "18 November 2023"
    assert CliRunner().invoke(cli, ["validate", str(release)]).exit_code == 0


def test_numeric_inter_codes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", GOOD)
    result = export(str(src), "--numeric-inter", "--out", str(tmp_path),
                    "--release-date", RELEASE_DATE)
    assert result.exit_code == 0, result.output
    release = tmp_path / f"release-{RELEASE_DATE}"
    rows = acled_rows(release)
    assert rows
    for row in rows:
        assert row["inter1"].isdigit() and row["inter2"].isdigit(), row
        assert row["interaction"].isdigit(), row
        inter1, inter2 = int(row["inter1"]), int(row["inter2"])
        expected = inter1 * 10 if inter2 == 0 else int("".join(sorted(f"{inter1}{inter2}")))
        assert int(row["interaction"]) == expected
    frame = pd.read_parquet(release / "acled.parquet")
    assert pd.api.types.is_integer_dtype(frame["inter1"])
    assert CliRunner().invoke(cli, ["validate", str(release)]).exit_code == 0


ROOT = Path(__file__).resolve().parent.parent
INSTALL_AND_EXPORT = ("python3 -m venv .venv && .venv/bin/pip install . && "
                      ".venv/bin/coder export --release-date 2023-11-20")
INSTALL_AND_TEST = ("python3 -m venv .venv && .venv/bin/pip install '.[test]' && "
                    ".venv/bin/python -m pytest")


def test_readme_quickstart_and_ci_agree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert INSTALL_AND_EXPORT in readme and INSTALL_AND_TEST in readme
    if not (ROOT / ".ci" / "run").is_file():
        pytest.skip(".ci/run is not in this tree (an sdist)")
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
          .splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci == [INSTALL_AND_TEST]
