"""Property tests for coder.dates: no input raises; mentions are sorted, disjoint, in the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.dates import tag_dates

# Pieces that build date-like and hostile text: words the codebooks know, digits in three
# scripts, separators, diacritics, tatweel and bidi marks.
PIECES = [
    "أمس", "اليوم", "أول", "من", "السبت", "الأحد", "الماضي", "الجاري", "المقبل", "تشرين",
    "الأول", "الثاني", "كانون", "أكتوبر", "/", "-", "(", ")", "13", "2023", "١٣", "۱۴۴۵", "هـ",
    "ربيع", "الآخر", "قبل", "منذ", "بعد", "ثلاثة", "أيام", "يومين", "مطلع", "الشهر", "ليل",
    "شهر", "رمضان", "عيد", "الفطر", "عام", "31", "02", "29", "9999", "1343", ".", " ", "  ",
    "\n", "ً", "ـ", "\u200f", "\u202b", "؛", "،", "ABC", "يوم", "صباح", "بعد منتصف ليل",
    "غد", "غداً", "في", "ان", "امس", "اليوم", "الخميس", "هذا", "العام", "يناير", "ماي", "5",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=400, deadline=None)
@given(texts, dates)
def test_never_raises_and_mentions_are_well_formed(text: str, pub: dt.date) -> None:
    found = tag_dates(text, pub)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end  # sorted and non-overlapping
        last_end = m.end
        assert text[m.start:m.end] == m.text
        assert m.earliest <= m.date <= m.latest
        assert m.precision in (1, 2, 3, 4)
        assert m.rule.startswith("ar/dates/")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join))
def test_tagging_a_substring_never_raises(text: str) -> None:
    pub = dt.date(2023, 11, 19)
    for m in tag_dates(text, pub):
        # re-tagging a mention on its own finds a mention inside it
        again = tag_dates(m.text, pub)
        assert all(0 <= a.start < a.end <= len(m.text) for a in again)


def _hostile(size: int) -> list[str]:
    return [
        "1" * size,  # one long digit run
        ("13/11/" * size)[:size],
        ("تشرين الأول " * size)[:size],
        ("تشرينالأولأكتوبر" * size)[:size],  # month names, no spaces
        ("أمس " * size)[:size],
        ("13 " * size)[:size],
        ("قبل " * size)[:size],
        ("ليل السبت - " * size)[:size],
        (" " * size),
        ("ـ" * size),
        ("١٢٣٤٥٦٧٨٩٠" * size)[:size],
    ]


def test_hostile_100kb_input_completes() -> None:
    """No catastrophic backtracking: 100 kB of hostile input is tagged without error."""
    pub = dt.date(2023, 11, 19)
    for text in _hostile(100_000):
        found = tag_dates(text, pub)
        assert all(0 <= m.start < m.end <= len(text) for m in found)


@settings(max_examples=300, deadline=None)
@given(texts, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_fast_candidates_equal_exhaustive_search(text: str, pub: dt.date) -> None:
    """Trying patterns only where their first characters fit loses no mention."""
    assert tag_dates(text, pub) == tag_dates(text, pub, exhaustive=True)


def test_fast_path_on_sentences() -> None:
    pub = dt.date(2023, 11, 19)
    sentences = [
        "وقتل 3 مدنيين أمس السبت وفي 13 تشرين الأول/أكتوبر وفي 2023-11-13 و13/11/2023",
        "وبالأمس، وفي الخامس عشر من ربيع الأول 1445هـ، ولليوم الثاني على التوالي",
        "منذ نحو ثلاثة أشهر، وقبل أيام، وبعد يومين من القصف، ومطلع العام الجاري",
    ]
    for text in sentences:
        fast = tag_dates(text, pub)
        assert fast and fast == tag_dates(text, pub, exhaustive=True)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_offset_map_equals_normalise(text: str) -> None:
    from coder.dates import normalised
    from coder.normalise import normalise

    assert normalised(text) == normalise(text)


def test_fast_path_on_dev_articles() -> None:
    """Fast and exhaustive candidate search agree on real news text (when the dev set exists)."""
    import json
    from pathlib import Path

    import pytest

    path = Path("/work/shared/dev/articles.jsonl")
    if not path.is_file():
        pytest.skip("dev set not available")
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        pub = dt.date.fromisoformat(rec["published"][:10])
        assert tag_dates(rec["text"], pub) == tag_dates(rec["text"], pub, exhaustive=True)
