"""Atomic and deterministic releases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_export_fixtures import RELEASE_DATE, all_events, rejects  # noqa: E402

from coder.export import ReleaseExistsError, release, write_release  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    a = write_release(all_events(), rejects(), tmp_path / "a", "r1", RELEASE_DATE,
                      run_info={"inputs": ["articles.jsonl"]})
    # input order must not matter either
    b = write_release(list(reversed(all_events())), list(reversed(rejects())), tmp_path / "b",
                      "r1", RELEASE_DATE, run_info={"inputs": ["articles.jsonl"]})
    fa, fb = _files(a), _files(b)
    assert list(fa) == list(fb)
    for name in fa:
        assert fa[name] == fb[name], name


def test_release_date_changes_timestamps(tmp_path: Path) -> None:
    a = write_release(all_events(), [], tmp_path, "a", RELEASE_DATE)
    b = write_release(all_events(), [], tmp_path, "b", RELEASE_DATE.replace(day=21))
    assert (a / "events.parquet").read_bytes() == (b / "events.parquet").read_bytes()
    assert (a / "acled.csv").read_bytes() != (b / "acled.csv").read_bytes()
    assert "20231121000000" in (b / "gdelt.tsv").read_text(encoding="utf-8")


def test_failure_mid_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full while writing gdelt.tsv")

    monkeypatch.setattr(release, "write_gdelt", broken)
    out = tmp_path / "exports"
    with pytest.raises(OSError, match="disk full"):
        write_release(all_events(), rejects(), out, "r1", RELEASE_DATE)
    assert list(out.iterdir()) == []  # no release and no .r1.tmp-* leftovers


def test_failure_does_not_touch_existing_release(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_release(all_events()[:2], [], tmp_path, "r1", RELEASE_DATE)
    before = _files(first)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(release, "write_acled", broken)
    with pytest.raises(RuntimeError):
        write_release(all_events(), [], tmp_path, "r1", RELEASE_DATE, force=True)
    assert _files(first) == before
    assert [p.name for p in tmp_path.iterdir()] == ["r1"]


def test_existing_release_needs_force(tmp_path: Path) -> None:
    first = write_release(all_events()[:1], [], tmp_path, "r1", RELEASE_DATE)
    before = _files(first)
    with pytest.raises(ReleaseExistsError):
        write_release(all_events(), [], tmp_path, "r1", RELEASE_DATE)
    assert _files(first) == before
    again = write_release(all_events(), rejects(), tmp_path, "r1", RELEASE_DATE, force=True)
    assert again == first and _files(again) != before
    assert [p.name for p in tmp_path.iterdir()] == ["r1"]  # old copy removed


def test_release_folder_is_readable(tmp_path: Path) -> None:
    out = write_release(all_events(), [], tmp_path, "r1", RELEASE_DATE)
    assert out.stat().st_mode & 0o755 == 0o755
