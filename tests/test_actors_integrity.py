"""Integrity of the actor codebooks, and file:line errors for broken rows."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coder import actor_book, codebooks, normalise
from coder.actor_book import load_book, split_list, tokens
from coder.codebooks import CodebookError, codebook_dir, read_csv

FILES = {
    "organ": ["id", "name_ar", "name_en", "acled_name", "inter"],
    "group": ["id", "name_ar", "name_en", "acled_name", "inter"],
    "agent": ["id", "name_ar", "name_en", "acled_name", "inter"],
}


def _clear() -> None:
    for fn in (codebook_dir, codebooks.manifest, normalise._table, load_book):
        fn.cache_clear()


@pytest.fixture
def tmp_books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    src = codebook_dir()
    dst = tmp_path / "codebooks"
    shutil.copytree(src, dst)
    monkeypatch.setenv("CODER_CODEBOOKS", str(dst))
    _clear()
    yield dst
    monkeypatch.delenv("CODER_CODEBOOKS")
    _clear()


def test_every_row_loads() -> None:
    book = load_book()
    for kind in FILES:
        rows = read_csv(f"ar/actors/{kind}s.csv", FILES[kind], allow_extra=True)
        for row in rows:
            assert row["id"] in book.entries, f"{row.path}:{row.line}"
    assert len(book.countries) >= 249
    arabic = [c for c in book.countries.values() if c.name_ar]
    assert len(arabic) >= 60


def test_cameo_codes_roles_and_inter_types() -> None:
    book = load_book()
    for e in book.entries.values():
        if e.cameo_code:
            assert re.fullmatch(r"(?:[A-Z]{3})+", e.cameo_code), e.id
        if e.role:
            assert e.role in book.roles, e.id
        assert e.inter in book.inter_codes, e.id
    assert sorted(book.inter_codes.values()) == list(range(1, 9))


def test_no_alias_maps_to_two_actors() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for kind in FILES:
        for row in read_csv(f"ar/actors/{kind}s.csv", FILES[kind], allow_extra=True):
            for term in [row["name_ar"], *split_list(row.get("aliases_ar"))]:
                key = tokens(term)
                assert seen.setdefault(key, row["id"]) == row["id"], (term, row.path, row.line)


def test_nisba_forms_cover_inflections() -> None:
    lex = load_book().lexicon
    for form in ["الأمريكية", "الأميركيون", "أمريكيين", "السورية", "عراقيين", "الإيراني",
                 "التركية", "أتراك", "الروسية", "الإسرائيلي"]:
        assert tokens(form) in lex, form


def test_state_periods_cover_recent_dates() -> None:
    import datetime as dt
    book = load_book()
    for iso in ["SYR", "IRQ", "USA", "TUR", "RUS", "IRN", "ISR"]:
        assert book.period(iso, dt.date(2015, 7, 1)), iso
        assert book.period(iso, dt.date(2023, 11, 19)), iso


def _break(path: Path, line_no: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _line_of(path: Path, prefix: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith(prefix):
            return i
    raise AssertionError(prefix)


def test_unknown_inter_type_names_file_and_line(tmp_books: Path) -> None:
    path = tmp_books / "ar/actors/groups.csv"
    line = _line_of(path, "hezbollah,")
    _break(path, line, "Political militia", "Armed gang")
    with pytest.raises(CodebookError) as err:
        actor_book.load_book()
    assert err.value.line == line
    assert err.value.path.endswith("ar/actors/groups.csv")
    assert "Armed gang" in str(err.value)


def test_malformed_cameo_code_names_file_and_line(tmp_books: Path) -> None:
    path = tmp_books / "ar/actors/groups.csv"
    line = _line_of(path, "qsd,")
    _break(path, line, "SYRREB", "SYR-REB")
    with pytest.raises(CodebookError, match=rf"groups.csv:{line}: malformed CAMEO"):
        actor_book.load_book()


def test_alias_clash_names_file_and_line(tmp_books: Path) -> None:
    path = tmp_books / "ar/actors/agents.csv"
    line = _line_of(path, "protesters,")
    _break(path, line, "متظاهرين|", "متظاهرين|داعش|")
    with pytest.raises(CodebookError) as err:
        actor_book.load_book()
    assert (err.value.line, Path(err.value.path).name) == (line, "agents.csv")
    assert "already names entry 'isis'" in str(err.value)


def test_bad_period_date_names_file_and_line(tmp_books: Path) -> None:
    path = tmp_books / "acled/government_periods.csv"
    line = _line_of(path, "IRQ,2014-09-08")
    _break(path, line, "2014-09-08", "2014-13-08")
    with pytest.raises(CodebookError, match=rf"government_periods.csv:{line}: valid_from"):
        actor_book.load_book()


def test_nisba_clash_between_countries_names_the_later_line(tmp_books: Path) -> None:
    path = tmp_books / "ar/actors/countries.csv"
    _break(path, _line_of(path, "LBN,"), ",لبناني", ",سوري")
    with pytest.raises(CodebookError) as err:
        actor_book.load_book()
    assert err.value.line == _line_of(path, "SYR,")
    assert "already names nisba 'LBN'" in err.value.message
