"""Properties of the event coder on arbitrary and hostile text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.cameo import all_codes
from coder.events import code_article
from coder.model import Article, Event

# Realistic report sentences written for these tests; their words are shuffled into noise.
REPORTS = (
    "قصفت طائرات حربية أمس السبت أطراف بلدة كفرنبل في ريف إدلب الجنوبي ما أدى إلى مقتل "
    "خمسة مدنيين",
    "اندلعت اشتباكات عنيفة فجر اليوم بين قوات النظام ومقاتلي المعارضة قرب اللطامنة",
    "انفجرت عبوة ناسفة بدورية للشرطة العراقية في حي الكرادة وسط بغداد يوم 12 تشرين الأول",
    "فرقت قوات الأمن تظاهرة أمام مبنى المحافظة في البصرة واعتقلت عشرين محتجا",
)
WORDS = sorted({w for s in REPORTS for w in s.split()})
ARABIC_LETTERS = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
TASHKEEL = st.characters(min_codepoint=0x064B, max_codepoint=0x0652)
ARABIC_INDIC = st.characters(min_codepoint=0x0660, max_codepoint=0x0669)
PUNCT = st.sampled_from(list(" .،؛:!?-\"()«»\n\t0123456789ـ"))
PIECE = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    ARABIC_LETTERS, TASHKEEL, ARABIC_INDIC, PUNCT,
    st.integers(min_value=0, max_value=10_000).map(lambda n: f" {n} "),
)
TEXT = st.lists(PIECE, max_size=60).map("".join).map(lambda t: t[:300])
PUBLISHED = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 12, 31))


def check_event(event: Event, article: Article) -> None:
    assert event.cameo_code in all_codes(), event.cameo_code
    assert event.cameo_root == event.cameo_code[:2]
    assert isinstance(event.event_date, dt.date)
    assert event.time_precision in {1, 2, 3}
    assert event.event_date <= article.pub_date + dt.timedelta(days=366)
    assert event.fatalities >= 0
    assert article.id in event.article_ids


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, published=PUBLISHED, title=st.one_of(st.just(""), TEXT))
def test_code_article_never_raises(text: str, published: dt.datetime, title: str) -> None:
    article = Article(id="prop", published=published, text=text, title=title)
    for event in code_article(article):
        check_event(event, article)


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(REPORTS), published=PUBLISHED)
def test_real_sentences_in_any_order_give_valid_events(
    order: list[str], published: dt.datetime
) -> None:
    article = Article(id="prop", published=published, text=". ".join(order) + ".")
    events = code_article(article)
    assert events
    for event in events:
        check_event(event, article)


def test_code_article_is_deterministic() -> None:
    article = Article(id="det", published=dt.datetime(2023, 11, 19), text=". ".join(REPORTS))
    first = [(e.cameo_code, e.event_date, e.location, e.fatalities) for e in code_article(article)]
    second = [(e.cameo_code, e.event_date, e.location, e.fatalities) for e in code_article(article)]
    assert first == second and first


@pytest.mark.parametrize(
    "unit", ["قصفاشتباكاتقتلمقتلانفجار١٢٣٤5678هجوم", "قصفاشتباكاتقتل١٢٣٤مقتل٥٠"]
)
def test_hostile_100kb_without_spaces_completes(unit: str) -> None:
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    article = Article(id="hostile", published=dt.datetime(2023, 11, 19), text=text)
    for event in code_article(article):
        check_event(event, article)


def test_hostile_repeated_reports_complete() -> None:
    # many short sentences full of triggers, numbers and dates
    text = (REPORTS[0] + ". " + REPORTS[2] + ".\n") * 100
    article = Article(id="hostile", published=dt.datetime(2023, 11, 19), text=text[:100_000])
    events = code_article(article)
    assert events
    for event in events:
        check_event(event, article)


def test_hostile_100kb_of_spaced_trigger_words_without_stops_completes() -> None:
    # No sentence stop in 100 kB: the sentence splitter bounds each piece, so the work per
    # trigger stays bounded (no timing assertion; a quadratic coder would not finish in CI).
    unit = "قصفت الطائرات غارة اشتباكات انفجار مقتل 12 أمس في حلب "
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    article = Article(id="hostile", published=dt.datetime(2023, 11, 19), text=text)
    events = code_article(article)
    assert all(e.cameo_root in {"14", "15", "17", "18", "19", "20"} for e in events)
