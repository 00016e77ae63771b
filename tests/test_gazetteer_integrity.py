"""Integrity of the gazetteer codebooks, and file:line errors for broken rows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coder import codebooks, gazetteer, normalise
from coder.codebooks import CodebookError, codebook_dir, read_csv
from coder.gazetteer import build_gazetteer, load_gazetteer, unresolved_aliases

PLACE_FILES = ["places/sites.csv", "places/geonames.csv"]


def _clear() -> None:
    for fn in (codebook_dir, codebooks.manifest, normalise._table, gazetteer.load_gazetteer):
        fn.cache_clear()


@pytest.fixture
def tmp_books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    dst = tmp_path / "codebooks"
    shutil.copytree(codebook_dir(), dst)
    monkeypatch.setenv("CODER_CODEBOOKS", str(dst))
    _clear()
    yield dst
    monkeypatch.delenv("CODER_CODEBOOKS")
    _clear()


def test_every_row_is_loaded() -> None:
    gaz = load_gazetteer()
    for rel in PLACE_FILES:
        for row in read_csv(rel, ["id"], allow_extra=True):
            assert row["id"] in gaz.places, f"{row.path}:{row.line}"
    countries = read_csv("places/countries.csv", ["iso3"], allow_extra=True)
    assert {r["iso3"] for r in countries} <= set(gaz.countries)


def test_coordinates_inside_country_bounding_box() -> None:
    gaz = load_gazetteer()
    for place in gaz.places.values():
        box = gaz.countries[place.iso3]
        assert box.contains(place.latitude, place.longitude), place.id
        assert round(place.latitude, 4) == place.latitude, place.id


def test_admin_names_come_from_the_admin_list() -> None:
    gaz = load_gazetteer()
    for place in gaz.places.values():
        if place.feature_type == "country":
            assert place.admin1 == "" and place.adm1_code == ""
            continue
        assert (place.iso3, place.admin1) in gaz.admin1, place.id
        assert place.adm1_code == gaz.admin1[(place.iso3, place.admin1)].adm1_code
        assert place.adm1_code.startswith(place.fips), place.id
        known = gaz.admin2.get(place.iso3)
        if known and place.admin2:
            assert (place.admin1, place.admin2) in known, place.id


def test_required_units_are_present() -> None:
    gaz = load_gazetteer()
    syria = {a for iso, a in gaz.admin1 if iso == "SYR"}
    iraq = {a for iso, a in gaz.admin1 if iso == "IRQ"}
    assert syria == {"Deir ez Zor", "Al Hasakeh", "Aleppo", "Idleb", "Rural Damascus",
                     "Damascus", "Homs", "Hama", "Lattakia", "Dar'a", "Ar Raqqa", "Quneitra",
                     "As-Sweida", "Tartous"}
    assert iraq == {"Baghdad", "Al Anbar", "Ninewa", "Salah al-Din", "Diyala", "Kirkuk",
                    "Erbil", "Duhok", "Sulaymaniyah", "Babil", "Basrah", "Wasit", "Karbala",
                    "Najaf", "Qadissiya", "Maysan", "Thi Qar", "Muthanna"}
    codes = {p.adm1_code for (iso, _), p in gaz.admin1.items() if iso in ("SYR", "IRQ")}
    assert codes == {f"SY{i:02d}" for i in range(1, 15)} | {f"IZ{i:02d}" for i in range(1, 19)}
    for iso in ("Hatay", "Kilis", "Gaziantep", "Sanliurfa", "Mardin", "Sirnak", "Hakkari"):
        assert ("TUR", iso) in gaz.admin1
    assert sum(1 for iso, _ in gaz.admin1 if iso == "LBN") == 8
    assert sum(1 for iso, _ in gaz.admin1 if iso == "JOR") == 12
    types = {p.feature_type for p in gaz.places.values()}
    assert {"base", "airbase", "airport", "gas_field", "oil_field", "border_crossing", "camp",
            "dam", "neighbourhood", "town"} <= types


def test_no_alias_names_two_places_of_one_country_without_a_rule() -> None:
    assert unresolved_aliases(load_gazetteer()) == []


def test_unresolved_alias_is_detected(tmp_books: Path) -> None:
    sites = tmp_books / "places" / "sites.csv"
    with sites.open("a", encoding="utf-8") as fh:
        fh.write("syr-test-dup,Test Jobar,جوبر,,neighbourhood,SYR,Damascus,Damascus,,"
                 "33.5310,36.3250,1,curated\n")
    found = unresolved_aliases(build_gazetteer())
    assert ("جوبر", ["syr-damascus-jobar", "syr-test-dup"]) in found


def _break_line(path: Path, match: str, old: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(match):
            lines[i] = line.replace(old, new, 1)
            path.write_text("".join(lines), encoding="utf-8")
            return i + 1
    raise AssertionError(f"no line starting with {match!r}")


@pytest.mark.parametrize(("rel", "match", "old", "new", "message"), [
    ("places/sites.csv", "syr-koniko,", "35.3333,40.3167", "25.3333,40.3167", "bounding box"),
    ("places/sites.csv", "syr-koniko,", "SYR,Deir ez Zor", "SYR,Deir al Zour", "unknown admin1"),
    ("places/sites.csv", "syr-koniko,", ",Deir ez Zor,Deir ez Zor,", ",Deir ez Zor,Nowhere,",
     "unknown admin2"),
    ("places/sites.csv", "syr-koniko,", "gas_field", "gas_well", "unknown feature_type"),
    ("places/sites.csv", "syr-koniko,", "35.3333", "35.33", "4 decimals"),
    ("places/admin.csv", "1,SYR,Al Hasakeh", "SY01", "IZ01", "adm1_code"),
    ("places/countries.csv", "SYR,", "SYR,760", "SYR,sy", "integer"),
])
def test_broken_row_names_file_and_line(tmp_books: Path, rel: str, match: str, old: str,
                                        new: str, message: str) -> None:
    line = _break_line(tmp_books / rel, match, old, new)
    with pytest.raises(CodebookError) as err:
        build_gazetteer()
    assert err.value.line == line
    assert err.value.path.endswith(rel)
    assert message in err.value.message


def test_broken_geonames_row(tmp_books: Path) -> None:
    path = tmp_books / "places" / "geonames.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, ln in enumerate(lines) if ln.startswith("id,"))
    fields = lines[header + 1].split(",")
    fields[0] = "gn-1"
    lines[header + 1] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        build_gazetteer()
    assert err.value.line == header + 2 and "geonameid" in err.value.message


def test_broken_context_yaml(tmp_books: Path) -> None:
    path = tmp_books / "ar" / "places_context.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: near, precision: 2", "kind: near, precision: 5"),
                    encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        build_gazetteer()
    assert "places_context.yaml" in str(err.value) and err.value.line is not None


def test_registered_in_manifest() -> None:
    books = codebooks.manifest()
    for rel in ("places/countries.csv", "places/admin.csv", "places/sites.csv",
                "places/geonames.csv", "ar/places_context.yaml"):
        assert rel in books and books[rel]["licence"]
