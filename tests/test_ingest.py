"""Ingestion: every record ends as an article or a reject with a reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coder.ingest import IngestError, parse_mapping, read_articles
from coder.model import Article, Reject

GOOD = [
    {"id": "a1", "published": "2023-11-19", "text": "قصفت طائرات حربية مواقع في ريف إدلب أمس."},
    {"id": "a2", "published": "2023-11-19T08:15:00+03:00", "text": "اعتقلت الشرطة خمسة أشخاص."},
    {"id": "a3", "published": "2023-11-19T05:15:00Z", "text": "تظاهر المئات في البصرة.",
     "title": "مظاهرة", "source": "Example", "url": "https://example.org/a3"},
]
BAD = [
    {"id": "b1", "published": "19/11/2023", "text": "نص"},  # not an ISO date
    {"id": "b2", "text": "نص بلا تاريخ"},  # missing published
    {"id": "b3", "published": "2023-11-19", "text": "   "},  # empty text
    {"id": "a1", "published": "2023-11-19", "text": "تكرار المعرف"},  # duplicate id
    {"published": "2023-11-19", "text": "بلا معرف"},  # missing id
]


def _split(items: list[Article | Reject]) -> tuple[list[Article], list[Reject]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Reject)])


def write_jsonl(path: Path, records: list[object], extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_n_good_m_bad_jsonl(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", GOOD + BAD, ["{not json", "[1, 2]"])
    arts, rejects = _split(list(read_articles([path])))
    assert [a.id for a in arts] == ["a1", "a2", "a3"]
    assert len(rejects) == len(BAD) + 2
    reasons = " | ".join(r.reason for r in rejects)
    for needle in ("unparseable 'published'", "missing required field 'published'",
                   "empty required field 'text'", "duplicate id 'a1'",
                   "missing required field 'id'", "invalid JSON", "not a JSON object"):
        assert needle in reasons
    assert all(r.file.endswith("in.jsonl") and r.location.startswith("line ") for r in rejects)
    dup = next(r for r in rejects if "duplicate" in r.reason)
    assert dup.record == BAD[3]  # the original record is kept


def test_offsets_and_optional_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", GOOD)
    arts, _ = _split(list(read_articles([path])))
    assert arts[1].published.utcoffset() is not None
    assert arts[1].pub_date.isoformat() == "2023-11-19"
    assert arts[2].title == "مظاهرة" and arts[2].url == "https://example.org/a3"
    assert arts[0].language == "ar"
    assert arts[0].origin.endswith("in.jsonl:line 1")


def test_gzip_csv_parquet_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with gzip.open(folder / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(GOOD[0], ensure_ascii=False) + "\n")
    (folder / "b.csv").write_text(
        "id,published,content\nc1,2023-11-18,\"اشتباكات في درعا، قتل فيها اثنان\"\n"
        "c2,bad-date,نص\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1", "p2"], "published": ["2023-11-17", None],
                             "content": ["غارة على حلب", "نص"]}), folder / "c.parquet")
    items = list(read_articles([folder], parse_mapping(["text=content"])))
    arts, rejects = _split(items)
    # the .jsonl.gz file has a 'text' field, not 'content', so it is rejected under the mapping
    assert [a.id for a in arts] == ["c1", "p1"]
    assert {r.location for r in rejects} == {"line 1", "row 2"}
    assert any("column 'content'" in r.reason for r in rejects)


def test_unusable_input_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(read_articles([tmp_path / "missing.jsonl"]))
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown format"):
        list(read_articles([tmp_path / "notes.txt"]))
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="holds no"):
        list(read_articles([tmp_path / "empty"]))
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    with pytest.raises(IngestError, match="Parquet"):
        list(read_articles([tmp_path / "broken.parquet"]))


def test_bad_map_option() -> None:
    with pytest.raises(IngestError, match="FIELD=COLUMN"):
        parse_mapping(["text"])
    with pytest.raises(IngestError, match="unknown field"):
        parse_mapping(["body=content"])


def test_parquet_streams_in_batches(tmp_path: Path) -> None:
    n = 5000
    pq.write_table(pa.table({"id": [f"x{i}" for i in range(n)],
                             "published": ["2023-11-19"] * n, "text": ["نص"] * n}),
                   tmp_path / "big.parquet", row_group_size=1000)
    it = read_articles([tmp_path / "big.parquet"])
    first = next(it)  # a generator: nothing is read beyond the first batch yet
    assert isinstance(first, Article) and first.id == "x0"
    assert sum(1 for _ in it) == n - 1
