"""Every codebook is registered, versioned and loads; a broken entry is reported by file:line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from coder import codebooks
from coder.codebooks import CodebookError, codebook_dir, manifest

CODEBOOK_SUFFIXES = (".csv", ".yaml", ".yml")
FIGHT = "ar/events/19_fight.yaml"
BROKEN_ENTRY = "fight.smallarms.verb"


def clear_caches() -> None:
    """Forget every cached codebook: each functools cache in the coder package."""
    codebooks.codebook_dir.cache_clear()
    codebooks.manifest.cache_clear()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "coder" or name.startswith("coder.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def codebook_files() -> list[str]:
    root = codebook_dir()
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*")
        if p.is_file() and p.suffix in CODEBOOK_SUFFIXES and p.name != "manifest.yaml"
    )


def test_every_codebook_file_is_in_the_manifest() -> None:
    listed = set(manifest())
    unlisted = [f for f in codebook_files() if f not in listed]
    assert unlisted == [], f"add these to codebooks/manifest.yaml: {unlisted}"


def test_every_manifest_entry_exists_with_a_version() -> None:
    for rel, meta in manifest().items():
        assert (codebook_dir() / rel).is_file(), f"manifest lists missing file {rel}"
        assert re.fullmatch(r"\d+\.\d+(\.\d+)?", meta["version"]), (rel, meta["version"])
        assert meta["description"].strip(), rel
        assert meta.get("source", "").strip() and meta.get("licence", "").strip(), rel


def test_codebook_versions_cover_every_file() -> None:
    versions = codebooks.codebook_versions()
    assert set(versions) == set(manifest()) | {"_sha256"}
    assert re.fullmatch(r"[0-9a-f]{64}", versions["_sha256"])


def test_every_loader_loads() -> None:
    from coder import lexicon
    from coder.actors import load_actors
    from coder.cameo import all_codes
    from coder.places import load_gazetteer

    lex = lexicon.load_lexicon()
    assert lex is not None
    from coder.roles import load_role_markers

    for loader in (lexicon.load_modality, lexicon.load_tactics, lexicon.load_tallies,
                   load_role_markers, lexicon.load_reporting):
        assert loader() is not None, loader.__name__
    assert load_gazetteer() is not None
    assert load_actors() is not None
    codes = all_codes()
    assert {"190", "194", "195", "0241"} <= set(codes)
    assert codes["195"].root == "19" and codes["195"].quad_class == 4


def test_loaders_work_on_a_sentence() -> None:
    from coder.acled import classify
    from coder.casualties import find_fatalities
    from coder.dates import tag_dates
    from coder.lexicon import find_triggers
    from coder.normalise import normalise
    from coder.sentences import clause_bounds

    text = ("قتل أربعة عناصر من الشرطة أمس الجمعة في هجوم بقذائف الهاون على حاجز أمني، "
            "فيما انسحب المهاجمون.")
    (when,) = tag_dates(text, dt.date(2023, 11, 18))
    assert when.date == dt.date(2023, 11, 17)
    (toll,) = find_fatalities(text)
    assert toll.killed == 4
    norm = normalise(text).text
    bounds = clause_bounds(norm)
    assert len(bounds) >= 2 and bounds[0][0] == 0 and bounds[-1][1] == len(norm)
    triggers = find_triggers(normalise(text))
    assert any(t.entry.root == "19" for t in triggers)
    kind = classify("194", text, None, None)
    assert kind is not None
    assert "Explosions/Remote violence" in str(kind)


@pytest.fixture
def codebook_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "codebooks"
    shutil.copytree(codebook_dir(), copy)
    monkeypatch.setenv("CODER_CODEBOOKS", str(copy))
    clear_caches()
    yield copy
    monkeypatch.delenv("CODER_CODEBOOKS")
    clear_caches()


def break_entry(copy: Path) -> int:
    """Give one 19_fight.yaml entry an invalid CAMEO code; return the entry's line."""
    path = copy / FIGHT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {BROKEN_ENTRY}")
    code = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("code:"))
    lines[code] = re.sub(r'code: "?\d+"?', 'code: "19x"', lines[code])
    path.write_text("".join(lines), encoding="utf-8")
    return start + 1


def test_copy_loads_like_the_original(codebook_copy: Path) -> None:
    from coder.lexicon import load_lexicon

    assert codebook_dir() == codebook_copy
    assert load_lexicon() is not None


def test_broken_lexicon_entry_names_file_and_line(codebook_copy: Path) -> None:
    from coder.lexicon import load_lexicon

    line = break_entry(codebook_copy)
    with pytest.raises(CodebookError) as info:
        load_lexicon()
    message = str(info.value)
    assert "19_fight.yaml" in message
    assert f"19_fight.yaml:{line}:" in message
    assert info.value.line == line
    assert "19x" in message


def test_broken_codebook_is_a_clear_cli_error(codebook_copy: Path) -> None:
    from coder.cli import cli

    line = break_entry(codebook_copy)
    result = CliRunner().invoke(
        cli, ["code", "--published", "2023-11-19", "اشتبك مسلحون مع دورية للشرطة صباح اليوم."])
    assert result.exit_code != 0
    assert f"19_fight.yaml:{line}" in result.output
    assert "Traceback" not in result.output
