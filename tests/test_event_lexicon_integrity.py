"""Integrity of the Arabic event lexicon: every ``codebooks/ar/events/NN_*.yaml`` file.

The checks are plain functions returning a list of problems (each ``file:line: message``), so
that the same functions are run on the real lexicon (no problem allowed) and on small broken
lexicons built here (each problem must be reported).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from typing import Any

import pytest

from coder.codebooks import LineDict, codebook_dir, read_csv, read_yaml
from coder.normalise import fold

KINDS = {"verb", "noun", "headline"}
KEYS = {
    "id", "code", "kind", "forms", "priority", "material", "generic", "requires_any",
    "excludes", "note",
}
DISAMBIGUATORS = ("requires_any", "excludes", "priority")
# The verbal/cooperative roots written in this lexicon; the conflict roots are checked too
# whenever their files exist.
COOPERATIVE_FILES = [
    "01_statement.yaml", "02_appeal.yaml", "03_intend.yaml", "04_consult.yaml",
    "05_diplomatic_cooperation.yaml", "06_material_cooperation.yaml", "07_aid.yaml",
    "08_yield.yaml", "09_investigate.yaml", "10_demand.yaml", "11_disapprove.yaml",
    "12_reject.yaml", "13_threaten.yaml", "16_reduce_relations.yaml",
]

Lexicon = list[tuple[str, LineDict]]  # (file, file mapping)


@functools.cache
def cameo_codes() -> dict[str, str]:
    """``{code: root}`` from the CAMEO event-code codebook."""
    rows = read_csv("cameo/event_codes.csv", required=["code", "root"], allow_extra=True)
    return {row["code"]: row["root"] for row in rows}


def lexicon_files() -> list[str]:
    folder = codebook_dir() / "ar" / "events"
    return sorted(f"ar/events/{p.name}" for p in folder.glob("[0-9][0-9]_*.yaml"))


@functools.cache
def load_lexicon() -> Lexicon:
    return [(rel, read_yaml(rel)) for rel in lexicon_files()]


def entries(lexicon: Lexicon) -> Iterable[tuple[str, LineDict]]:
    for rel, data in lexicon:
        for entry in data.get("entries") or []:
            yield rel, entry


def _where(entry: Any, rel: str) -> str:
    if isinstance(entry, LineDict):
        return f"{entry.path or rel}:{entry.line}"
    return rel


def _is_arabic_phrase(text: str) -> bool:
    """Folded Arabic letters in single-space separated words, nothing else."""
    if not text or text != text.strip() or "  " in text:
        return False
    return all(ch == " " or unicodedata.name(ch, "").startswith("ARABIC LETTER") for ch in text)


def folded_forms(entry: LineDict) -> list[str]:
    return [fold(str(f)) for f in entry.get("forms") or []]


def shape_problems(lexicon: Lexicon) -> list[str]:
    problems: list[str] = []
    for rel, data in lexicon:
        name = rel.rsplit("/", 1)[-1]
        if not isinstance(data, LineDict):
            problems.append(f"{rel}: expected a mapping")
            continue
        root = data.get("root")
        if not isinstance(root, str) or root != name[:2]:
            problems.append(f"{_where(data, rel)}: root {root!r} must be the string {name[:2]!r}")
        if not isinstance(data.get("entries"), list) or not data["entries"]:
            problems.append(f"{_where(data, rel)}: 'entries' must be a non-empty list")
    return problems


def entry_problems(lexicon: Lexicon) -> list[str]:
    problems: list[str] = []
    for rel, entry in entries(lexicon):
        at = _where(entry, rel)
        if not isinstance(entry, LineDict):
            problems.append(f"{at}: entry is not a mapping")
            continue
        for key in ("id", "code", "kind"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"{at}: missing or non-string {key!r}")
        if entry.get("kind") not in KINDS:
            problems.append(f"{at}: kind {entry.get('kind')!r} not in {sorted(KINDS)}")
        unknown = set(entry) - KEYS
        if unknown:
            problems.append(f"{at}: unknown key(s) {sorted(unknown)}")
        forms = entry.get("forms")
        if not isinstance(forms, list) or not forms:
            problems.append(f"{at}: 'forms' must be a non-empty list")
            continue
        for key in ("requires_any", "excludes"):
            value = entry.get(key)
            if value is not None and (not isinstance(value, list) or not value):
                problems.append(f"{at}: {key!r} must be a non-empty list when present")
        if "priority" in entry and (
            not isinstance(entry["priority"], int) or isinstance(entry["priority"], bool)
        ):
            problems.append(f"{at}: priority must be an integer")
        for key in ("material", "generic"):
            if key in entry and not isinstance(entry[key], bool):
                problems.append(f"{at}: {key!r} must be true or false")
        words = [*forms, *(entry.get("requires_any") or []), *(entry.get("excludes") or [])]
        for word in words:
            if not isinstance(word, str) or not _is_arabic_phrase(fold(word)):
                problems.append(f"{at}: {word!r} is not a plain Arabic word or phrase")
        seen: set[str] = set()
        for form in folded_forms(entry):
            if form in seen:
                problems.append(f"{at}: form {form!r} listed twice (after folding)")
            seen.add(form)
    return problems


def id_problems(lexicon: Lexicon) -> list[str]:
    problems: list[str] = []
    first: dict[str, str] = {}
    for rel, entry in entries(lexicon):
        eid = str(entry.get("id"))
        if eid in first:
            problems.append(f"{_where(entry, rel)}: id {eid!r} already used at {first[eid]}")
        else:
            first[eid] = _where(entry, rel)
    return problems


def code_problems(lexicon: Lexicon, codes: dict[str, str]) -> list[str]:
    problems: list[str] = []
    for rel, data in lexicon:
        for entry in data.get("entries") or []:
            code = entry.get("code")
            if code not in codes:
                problems.append(f"{_where(entry, rel)}: code {code!r} is not a CAMEO event code")
            elif codes[code] != data.get("root"):
                problems.append(
                    f"{_where(entry, rel)}: code {code} belongs to root {codes[code]}, "
                    f"not to this file's root {data.get('root')}"
                )
    return problems


def overlap_problems(lexicon: Lexicon) -> list[str]:
    """Identical entries, and forms shared by two codes without any disambiguation."""
    problems: list[str] = []
    signatures: dict[tuple[str, str, frozenset[str]], str] = {}
    by_form: dict[str, list[tuple[str, LineDict]]] = {}
    for rel, entry in entries(lexicon):
        forms = folded_forms(entry)
        sig = (str(entry.get("code")), str(entry.get("kind")), frozenset(forms))
        if sig in signatures:
            problems.append(f"{_where(entry, rel)}: same code, kind and forms as {signatures[sig]}")
        else:
            signatures[sig] = _where(entry, rel)
        for form in set(forms):
            by_form.setdefault(form, []).append((rel, entry))
    for form, holders in sorted(by_form.items()):
        for (rel_a, a), (rel_b, b) in _pairs(holders):
            if a.get("code") == b.get("code"):
                continue
            if any(key in e for e in (a, b) for key in DISAMBIGUATORS):
                continue
            problems.append(
                f"{_where(a, rel_a)}: form {form!r} also coded {b.get('code')} at "
                f"{_where(b, rel_b)}; one of them needs requires_any, excludes or priority"
            )
    return problems


def _pairs(items: list[Any]) -> Iterable[tuple[Any, Any]]:
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            yield a, b


def material_problems(lexicon: Lexicon) -> list[str]:
    """Entries of the verbal quad classes (roots 01-05, 09-13) must not claim a material act."""
    problems: list[str] = []
    verbal = {f"{r:02d}" for r in (*range(1, 6), *range(9, 14))}
    for rel, data in lexicon:
        if data.get("root") not in verbal:
            continue
        for entry in data.get("entries") or []:
            if entry.get("material", False) is not False:
                problems.append(f"{_where(entry, rel)}: verbal root {data['root']} with material")
    return problems


# --- the real lexicon -------------------------------------------------------------------------


def test_cooperative_root_files_exist() -> None:
    names = {rel.rsplit("/", 1)[-1] for rel in lexicon_files()}
    assert set(COOPERATIVE_FILES) <= names, sorted(set(COOPERATIVE_FILES) - names)


def test_every_lexicon_file_is_registered_in_the_manifest() -> None:
    from coder.codebooks import manifest

    missing = [rel for rel in lexicon_files() if rel not in manifest()]
    assert not missing, missing


@pytest.mark.parametrize(
    "check", [shape_problems, entry_problems, id_problems, overlap_problems, material_problems]
)
def test_lexicon_is_consistent(check: Any) -> None:
    problems = check(load_lexicon())
    assert not problems, "\n".join(problems)


def test_codes_exist_and_match_the_file_root() -> None:
    problems = code_problems(load_lexicon(), cameo_codes())
    assert not problems, "\n".join(problems)


def test_cooperative_roots_have_breadth() -> None:
    lexicon = dict(load_lexicon())
    for name in COOPERATIVE_FILES:
        data = lexicon[f"ar/events/{name}"]
        codes = {e["code"] for e in data["entries"]}
        assert len(data["entries"]) >= 7, name
        assert len(codes) >= 4, (name, sorted(codes))


# --- the checks catch broken lexicons ---------------------------------------------------------


def _mapping(line: int, **values: Any) -> LineDict:
    out = LineDict(values)
    out.line = line
    out.path = "ar/events/99_test.yaml"
    return out


def _file(root: str, *items: LineDict) -> tuple[str, LineDict]:
    return f"ar/events/{root}_test.yaml", _mapping(1, root=root, entries=list(items))


def test_checks_report_broken_entries() -> None:
    bad = [
        _file(
            "11",
            _mapping(3, id="x.condemn", code="111", kind="verb", forms=["أدان", "ادان"]),
            _mapping(8, id="x.condemn", code="111", kind="adverb", forms=[]),
            _mapping(12, id="x.other", code="1999", kind="noun", forms=["شجب،استنكر"]),
        )
    ]
    entry_msgs = "\n".join(entry_problems(bad))
    assert "listed twice" in entry_msgs and ":3:" in entry_msgs
    assert "kind 'adverb'" in entry_msgs and "'forms' must be a non-empty list" in entry_msgs
    assert "not a plain Arabic word" in entry_msgs
    assert any("already used" in p for p in id_problems(bad))
    codes = {"111": "11", "120": "12"}
    assert any("1999" in p for p in code_problems(bad, codes))
    wrong_root = [_file("12", _mapping(2, id="y", code="111", kind="verb", forms=["رفض"]))]
    assert any("belongs to root 11" in p for p in code_problems(wrong_root, codes))
    misnamed = [("ar/events/13_x.yaml", wrong_root[0][1])]
    assert any("root '12'" in p for p in shape_problems(misnamed))


def test_checks_report_overlaps_and_accept_disambiguation() -> None:
    twin = [
        _file(
            "12",
            _mapping(2, id="a", code="120", kind="verb", forms=["رفض", "يرفض"]),
            _mapping(5, id="b", code="120", kind="verb", forms=["يرفض", "رفض"]),
        )
    ]
    assert any("same code, kind and forms" in p for p in overlap_problems(twin))
    clash = [
        _file("12", _mapping(2, id="a", code="120", kind="verb", forms=["رفض"])),
        _file("01", _mapping(2, id="b", code="011", kind="verb", forms=["رفض", "امتنع"])),
    ]
    assert any("needs requires_any" in p for p in overlap_problems(clash))
    clash[1][1]["entries"][0]["requires_any"] = ["التعليق"]
    assert overlap_problems(clash) == []
    # folding makes hamza variants the same form
    folded = [
        _file("11", _mapping(2, id="a", code="111", kind="verb", forms=["أدان"])),
        _file("11", _mapping(2, id="b", code="116", kind="verb", forms=["ادان"])),
    ]
    assert len(overlap_problems(folded)) == 1


def test_material_check_flags_verbal_roots() -> None:
    lexicon = [_file("11", _mapping(2, id="a", code="111", kind="verb", forms=["أدان"],
                                    material=True))]
    assert material_problems(lexicon)
    lexicon[0][1]["entries"][0]["material"] = False
    assert material_problems(lexicon) == []
