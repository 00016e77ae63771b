"""The inspection commands of the CLI: dates, places, code, explain, evaluate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from coder.cli import cli

DATE_KEYS = {"text", "start", "end", "date", "earliest", "latest", "precision", "rule",
             "warnings", "anchored"}

STRIKE = ("قصفت طائرات حربية أمس السبت أطراف مدينة معرة النعمان في ريف إدلب الجنوبي، ما أدى إلى "
          "مقتل خمسة مدنيين وإصابة أربعة آخرين.")
CLASH = ("اندلعت اشتباكات عنيفة فجر اليوم الأحد بين قوات النظام ومقاتلي المعارضة على أطراف بلدة "
         "اللطامنة في ريف حماة الشمالي.")
ECONOMY = "أعلنت وزارة المالية أن الموازنة العامة للعام المقبل ستركز على دعم قطاعي الصحة والتعليم."


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_dates_text() -> None:
    text = "عقد المجلس جلسته أمس السبت، بعد اجتماع سابق في 12 تشرين الأول الماضي."
    result = run("dates", "--published", "2023-11-19", text)
    assert result.exit_code == 0, result.output
    found = json_lines(result.output)
    assert len(found) == 2
    for m in found:
        assert set(m) == DATE_KEYS
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["precision"] in (1, 2, 3, 4)
    by_text = {m["text"]: m for m in found}
    assert by_text["أمس السبت"]["date"] == "2023-11-18"
    assert by_text["12 تشرين الأول الماضي"]["date"] == "2023-10-12"


def test_dates_needs_published_with_text() -> None:
    result = CliRunner().invoke(cli, ["dates", "أمس"])
    assert result.exit_code != 0
    assert "--published" in result.output


def test_dates_rejects_a_bad_published_date() -> None:
    result = CliRunner().invoke(cli, ["dates", "--published", "19/11/2023", "أمس"])
    assert result.exit_code == 2
    assert "ISO date" in result.output


def test_dates_input_file(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "d1", "published": "2023-11-19", "text": "سقطت قذائف على الحي صباح اليوم الأحد."},
        {"id": "d2", "published": "2023-11-20", "text": "وقع الانفجار قبل يومين قرب السوق."},
    ])
    result = run("dates", "--input", str(src))
    assert result.exit_code == 0, result.output
    out = json_lines(result.output)
    assert [o["id"] for o in out] == ["d1", "d2"]
    text = json.dumps(out, ensure_ascii=False)
    assert "2023-11-19" in text and "2023-11-18" in text


def test_dates_input_from_stdin() -> None:
    line = json.dumps({"id": "s1", "published": "2023-11-19", "text": "جرى ذلك أمس."},
                      ensure_ascii=False)
    result = run("dates", "--input", "-", stdin=line + "\n")
    assert result.exit_code == 0, result.output
    (out,) = json_lines(result.output)
    assert out["id"] == "s1" and "2023-11-18" in json.dumps(out)


def test_places() -> None:
    result = run("places", "قصفت مدفعية النظام قرى في ريف حماة الشمالي قرب مدينة اللطامنة")
    assert result.exit_code == 0, result.output
    found = json_lines(result.output)
    assert {p["acled"]["location"] for p in found} >= {"Hama", "Latamneh"}
    for p in found:
        assert p["acled"]["country"] == "Syria" and p["acled"]["iso"] == 760
        assert p["acled"]["geo_precision"] in (1, 2, 3)
        assert p["gdelt"]["CountryCode"] == "SY"


def test_places_nothing_found() -> None:
    result = run("places", "ارتفعت أسعار الخضار في الأسواق هذا الأسبوع")
    assert result.exit_code == 0
    assert result.output.strip() == ""


def test_code_text() -> None:
    result = run("code", "--published", "2023-11-19", STRIKE)
    assert result.exit_code == 0, result.output
    events = json_lines(result.output)
    assert events
    strike = events[0]
    assert strike["cameo_code"].startswith("19")
    assert strike["event_date"] == "2023-11-18"
    assert strike["country_iso3"] == "SYR" and strike["admin1"] == "Idleb"
    assert strike["acled_event_type"] == "Explosions/Remote violence"
    assert strike["fatalities"] == 5
    assert strike["rules"]


def test_code_input_file(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "c1", "published": "2023-11-19", "text": CLASH},
        {"id": "c2", "published": "2023-11-19", "text": ECONOMY},
        {"id": "c3", "published": "not a date", "text": CLASH},
    ])
    result = run("code", "--input", str(src))
    assert result.exit_code == 0, result.output
    out = {o["id"]: o for o in json_lines(result.output)}
    assert set(out) == {"c1", "c2", "c3"}
    assert out["c1"]["events"] and out["c1"]["events"][0]["cameo_root"] == "19"
    assert out["c1"]["events"][0]["admin1"] == "Hama"
    assert out["c2"]["events"] == []
    assert "error" in out["c3"]


def test_code_input_invalid_json(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "x", "published": \n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", "--input", str(src)])
    assert result.exit_code != 0
    assert "line 1" in result.output and "invalid JSON" in result.output


def test_code_needs_text_or_input() -> None:
    result = CliRunner().invoke(cli, ["code"])
    assert result.exit_code != 0
    assert "--input" in result.output


def test_explain_shows_fired_and_rejected() -> None:
    text = STRIKE + " ودعا المبعوث الأممي إلى وقف التصعيد."
    result = run("explain", "--published", "2023-11-19", text)
    assert result.exit_code == 0, result.output
    fired = [line for line in result.output.splitlines() if line.strip().startswith("FIRED")]
    rejected = [line for line in result.output.splitlines() if line.strip().startswith("REJECT")]
    assert fired and rejected
    # every line names the codebook file and line of the entry
    assert all(re.search(r"codebooks/ar/events/\d\d_\w+\.yaml:\d+#", line)
               for line in fired + rejected)
    assert re.search(r"\d+ event\(s\) after merging", result.output)


def _gold_event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "e1", "salience": "headline", "date_alternatives": [], "time_precision": 1,
        "cameo_alternatives": [], "country": "SYR", "geo_precision": 2, "fatalities": 0,
        "source": None, "target": None,
    }
    base.update(fields)
    return base


def write_eval_pair(tmp_path: Path) -> tuple[Path, Path]:
    articles = write_jsonl(tmp_path / "articles.jsonl", [
        {"id": "ev1", "published": "2023-11-19", "title": "غارات على ريف إدلب", "text": STRIKE},
        {"id": "ev2", "published": "2023-11-19", "title": "اشتباكات في ريف حماة", "text": CLASH},
    ])
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"article_id": "ev1", "published": "2023-11-19", "remarks": "", "events": [_gold_event(
            date="2023-11-18", admin1="Idleb", location="Maarrat An Nu'man",
            location_ar="معرة النعمان", cameo_code="195",
            acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Air/drone strike", fatalities=5,
            source={"text": "طائرات حربية", "entity": "SYR", "role": "MIL"},
            target={"text": "مدنيين", "entity": "SYR", "role": "CVL"},
            evidence="قصفت طائرات حربية أمس السبت أطراف مدينة معرة النعمان")]},
        {"article_id": "ev2", "published": "2023-11-19", "remarks": "", "events": [_gold_event(
            date="2023-11-19", admin1="Hama", location="Latamneh", location_ar="اللطامنة",
            cameo_code="190", acled_event_type="Battles",
            acled_sub_event_type="Armed clash",
            source={"text": "قوات النظام", "entity": "SYR", "role": "MIL"},
            target={"text": "مقاتلي المعارضة", "entity": "SYR", "role": "REB"},
            evidence="اندلعت اشتباكات عنيفة فجر اليوم الأحد")]},
    ])
    return articles, gold


def test_evaluate_text_report(tmp_path: Path) -> None:
    articles, gold = write_eval_pair(tmp_path)
    result = run("evaluate", str(articles), "--gold", str(gold))
    assert result.exit_code == 0, result.output
    assert "2 gold articles, 2 gold events" in result.output
    m = re.search(r"precision ([\d.]+)\s+recall ([\d.]+)", result.output)
    assert m is not None
    precision, recall = float(m.group(1)), float(m.group(2))
    assert 0.0 < precision <= 1.0 and 0.0 < recall <= 1.0


def test_evaluate_json(tmp_path: Path) -> None:
    articles, gold = write_eval_pair(tmp_path)
    result = run("evaluate", str(articles), "--gold", str(gold), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    text = json.dumps(report)
    assert "precision" in text and "recall" in text


def test_evaluate_broken_gold_names_the_line(tmp_path: Path) -> None:
    articles, gold = write_eval_pair(tmp_path)
    lines = gold.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["events"][0]["salience"] = "front-page"
    lines[1] = json.dumps(record, ensure_ascii=False)
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(articles), "--gold", str(gold)])
    assert result.exit_code != 0
    assert f"{gold}:2" in result.output and "salience" in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("coder, version ")
