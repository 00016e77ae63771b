"""Normalisation: folding for matching, with offsets that map back to the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coder.normalise import fold, normalise


def test_removes_marks_and_folds_letters() -> None:
    n = normalise("قُصِفَتْ الـمدينةُ أمس في ١٣ تشرين الأوّل \u200fإلى")
    assert n.text == "قصفت المدينه امس في 13 تشرين الاول الي"
    assert fold("إسرائيلية") == fold("اسرائيليه")
    assert fold("مؤسسة") == "موسسه" and fold("طائرة") == "طايره"
    assert fold("۱۲۳") == "123"


def test_spans_map_back_to_the_original() -> None:
    original = "تعرّضَ حقلُ كونيكو لهجومٍ صاروخيّ"
    n = normalise(original)
    start = n.text.index("كونيكو")
    a, b = n.to_original(start, start + len("كونيكو"))
    assert original[a:b] == "كونيكو"
    start = n.text.index("لهجوم")
    assert n.original_span(start, start + len("لهجوم")).startswith("لهجوم")


@given(st.text(alphabet=st.sampled_from(list("ابتةأإآىيئؤًٌٍَُِّْـ٠١٢ \u200f\u200eabcA.,،")),
               max_size=60))
def test_offset_map_is_monotone_and_in_range(text: str) -> None:
    n = normalise(text)
    assert len(n.offsets) == len(n.text) + 1
    assert list(n.offsets) == sorted(n.offsets)
    assert all(0 <= o <= len(text) for o in n.offsets)
    for i in range(len(n.text)):
        a, b = n.to_original(i, i + 1)
        assert fold(text[a:b]) == n.text[i]
