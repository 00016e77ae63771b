from __future__ import annotations

import pytest

from coder.cameo import all_codes, cameo_code, is_known, quad_classes
from coder.codebooks import codebook_path, read_csv


def test_every_code_loads_and_is_unique() -> None:
    rows = read_csv("cameo/event_codes.csv", ["code", "label", "goldstein", "root"], ["source"])
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) == len(all_codes()) == 315
    assert all(c.label for c in all_codes().values())


def test_goldstein_range_and_roots() -> None:
    for c in all_codes().values():
        assert -10.0 <= c.goldstein <= 10.0
        assert c.root == c.code[:2]
        assert 1 <= int(c.root) <= 20
    assert {c.root for c in all_codes().values()} == {f"{r:02d}" for r in range(1, 21)}


@pytest.mark.parametrize(
    "root,quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4),
                  ("20", 4)]
)
def test_quad_class_from_root(root: str, quad: int) -> None:
    assert quad_classes()[root][0] == quad
    for c in all_codes().values():
        if c.root == root:
            assert c.quad_class == quad


def test_known_codes_and_base() -> None:
    c = cameo_code("0251")
    assert (c.root, c.base, c.quad_class) == ("02", "025", 1)
    assert cameo_code("19").base == "19"
    assert cameo_code("194").base == "194"
    assert cameo_code("195").label == "Employ aerial weapons"
    assert cameo_code("173").goldstein == -5.0
    assert cameo_code("1831").base == "183"
    assert cameo_code("190").goldstein == -10.0
    assert cameo_code("173").quad_class == 4


def test_044_label_normalised() -> None:
    assert cameo_code("044").label == "Meet at a 'third' location"
    text = codebook_path("cameo/event_codes.csv").read_text(encoding="utf-8")
    assert "Ò" not in text and "Ó" not in text


def test_unknown_code_raises_value_error() -> None:
    assert not is_known("999")
    assert is_known("0251")
    with pytest.raises(ValueError, match="unknown CAMEO code"):
        cameo_code("999")
    with pytest.raises(ValueError):
        cameo_code("")
