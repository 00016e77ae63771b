"""Article-level tolls (coder.casualties): updates, shared tolls of killed-word triggers, exactness.

Sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from coder.casualties import (
    apply_article_updates,
    estimated,
    fatalities_for_trigger,
    find_fatalities,
    is_counted,
    toll_updates,
    trigger_toll,
)
from coder.model import Event, Place, Sentence
from coder.sentences import split_sentences


def span_of(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


def place(name_en: str, name_ar: str) -> Place:
    return Place(f"t-{name_en}", name_en, name_ar, "city", "SYR", 760, "Syria", "", "", "", "SY",
                 "SY00", 0.0, 0.0, "test")


def event_at(text: str, sentence: Sentence, root: str = "19", fatalities: int = 0,
             reported: bool = False, where: Place | None = None, rules: list[str] | None = None,
             code: str = "") -> Event:
    return Event(article_ids=["a"], sentence=sentence.text, event_date=dt.date(2023, 11, 18),
                 cameo_code=code or root + "0", cameo_root=root, fatalities=fatalities,
                 fatalities_reported=reported, sentence_start=sentence.start,
                 sentence_end=sentence.end, place=where,
                 location=where.name_en if where else "", rules=list(rules or []))


# -- updates found in a sentence ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ارتفعت حصيلة ضحايا القصف على المخيم إلى 31 قتيلا", 31),
    # the toll word before the rise word, beyond the old window
    ("وقالت الوزارة إن حصيلة تفجير الصهريج في سوق الخضار، شرقي الحلة، ارتفعت صباح اليوم "
     "إلى 52 قتيلا", 52),
    # the toll word after the number
    ("وارتفع إلى 9 عدد القتلى الذين سقطوا في الاشتباكات", 9),
])
def test_updates_in_several_word_orders(text: str, expected: int) -> None:
    (m,) = toll_updates(text)
    assert m.killed == expected and m.is_update


@pytest.mark.parametrize("text", [
    "وأشار المرصد إلى ارتفاع العدد الإجمالي للقتلى إلى 4120 منذ بدء الحملة الجوية",  # cumulative
    "ليرتفع إلى 40 عدد المواطنين الذين وثق المرصد مقتلهم خلال يومين",  # people, not a toll
    "ارتفعت حصيلة القتلى والجرحى في الحريق إلى 75",  # killed and wounded together
])
def test_not_an_event_update(text: str) -> None:
    assert toll_updates(text) == []
    assert all(m.killed <= 3 for m in find_fatalities(text))


# -- killed words that are triggers of their own --------------------------------------------------

def test_toll_shared_with_the_event_that_caused_it() -> None:
    text = "قال شهود إن 14 شخصا قتلوا كما أصيب العشرات في انفجار هز سوق البلدة"
    killed, blast = span_of(text, "قتلوا"), span_of(text, "انفجار")
    assert fatalities_for_trigger(text, blast, [killed]) == 14
    assert fatalities_for_trigger(text, killed, [blast]) == 14


def test_toll_shared_within_its_clause() -> None:
    text = "أكدت مصادر طبية مقتل 11 شخصا في تفجير سيارة مفخخة قرب مسجد في الحي"
    killed, blast = span_of(text, "مقتل"), span_of(text, "تفجير")
    assert fatalities_for_trigger(text, blast, [killed]) == 11


def test_shared_toll_not_given_to_an_unrelated_event() -> None:
    text = "قتل 6 جنود في كمين على طريق المطار، فيما اعتقلت الشرطة مشتبها به في حي آخر"
    killed, arrest = span_of(text, "قتل"), span_of(text, "اعتقلت")
    assert fatalities_for_trigger(text, arrest, [killed]) is None
    assert fatalities_for_trigger(text, killed, [arrest]) == 6


# -- smaller reading fixes -------------------------------------------------------------------------

def test_definite_killed_and_wounded_refer_back() -> None:
    text = ("ما تسبب بمقتل سبعة عناصر من التنظيم وإصابة 10 آخرين، مشيرا إلى أن القتلى والجرحى "
            "نقلوا إلى مستشفى المدينة")
    assert fatalities_for_trigger(text, (0, len(text))) == 7


def test_proclitic_cut_off_by_tatweel() -> None:
    text = "وطلب الأهالي تسليم جثامين لـ 12 عنصرا قتلوا في الهجوم"
    assert any(m.killed == 12 for m in find_fatalities(text))
    text = "تسلمت العائلات شهادات وفاة لـ 14 شخصا من أبناء القرية"
    assert [m.killed for m in find_fatalities(text)] == [14]


def test_distant_subject_that_counts_people() -> None:
    text = "أفادت الشبكة بأن ستة عناصر من الحرس بينهم ضباط من الفرقة المدرعة في المدينة قتلوا أمس"
    assert fatalities_for_trigger(text, (0, len(text))) == 6


def test_preliminary_toll_is_not_exact() -> None:
    (m,) = find_fatalities("وقال مسؤول إن الحصيلة الأولية هي مقتل 8 أشخاص")
    assert m.killed == 8 and estimated(m.rule) and not is_counted(m.rule)
    (first,) = find_fatalities("قتل أربعة أشخاص في أولى الغارات على الحي")
    assert first.killed == 4 and is_counted(first.rule)


@pytest.mark.parametrize("text, killed, exact", [
    ("قتل 23 شخصا في القصف على السوق", 23, True),
    ("أسفر القصف عن مقتل خمسة مدنيين", 5, True),
    ("قتل طفلان في سقوط قذيفة على منزلهما", 2, True),
    ("أسفر القصف عن سقوط قتلى في صفوف المدنيين", 3, False),
    ("قتل عشرات المسلحين في المعارك", 12, False),
    ("أعلن المرصد مقتل قائد الكتيبة في الهجوم", 1, False),
    ("أسفر الهجوم عن مقتل وإصابة 12 شخصا", 3, False),
    ("لم يسفر القصف عن خسائر بشرية", 0, True),
])
def test_trigger_toll_exactness(text: str, killed: int, exact: bool) -> None:
    toll = trigger_toll(text, (0, len(text)))
    assert toll is not None
    assert (toll.killed, toll.exact) == (killed, exact)


def test_number_preferred_to_a_convention_for_one_event() -> None:
    text = "سقط عدد من القتلى في الانفجار، وقال مسؤول محلي إن 17 شخصا قتلوا"
    assert fatalities_for_trigger(text, (0, len(text))) == 17


# -- apply_article_updates -----------------------------------------------------------------------

ARTICLE = ("قتل 12 شخصا في قصف جوي على سوق مدينة أريحا صباح اليوم. "
           "وفي مدينة سراقب قتل 3 مدنيين في قصف مدفعي. "
           "وأعلن الدفاع المدني في وقت لاحق ارتفاع حصيلة ضحايا قصف أريحا إلى 19 قتيلا. "
           "وتواصلت الاشتباكات في ريف المحافظة.")


def test_update_goes_to_the_event_at_the_named_place() -> None:
    sents = split_sentences(ARTICLE)
    ariha = event_at(ARTICLE, sents[0], "19", 12, True, place("Ariha", "أريحا"), code="195")
    saraqeb = event_at(ARTICLE, sents[1], "19", 3, True, place("Saraqeb", "سراقب"), code="194")
    events = [ariha, saraqeb]
    apply_article_updates(events, ARTICLE, sents)
    assert ariha.fatalities == 19 and "casualties:article-update" in ariha.rules
    assert saraqeb.fatalities == 3


def test_update_goes_to_the_nearest_earlier_violent_event() -> None:
    text = ("نفذ مسلحون هجوما على حاجز للجيش قرب البلدة أمس. "
            "وعقد المحافظ اجتماعا أمنيا طارئا. "
            "وارتفعت حصيلة قتلى الهجوم إلى 7 جنود.")
    sents = split_sentences(text)
    attack = event_at(text, sents[0], "19", 3, True)
    meeting = event_at(text, sents[1], "04", 0, False)
    later = event_at(text, sents[2], "19", 0, False)
    later.sentence_start = later.sentence_end = len(text) + 10  # after the update
    apply_article_updates([attack, meeting, later], text, sents)
    assert attack.fatalities == 7 and attack.fatalities_reported
    assert meeting.fatalities == 0 and later.fatalities == 0


def test_headline_update_announces_the_lead_event() -> None:
    text = ("ارتفاع حصيلة تفجير الشاحنة إلى 40 قتيلا\n"
            "قتل 25 شخصا على الأقل في تفجير شاحنة مفخخة وسط المدينة.")
    sents = split_sentences(text)
    blast = event_at(text, sents[-1], "18", 25, True, code="183")
    apply_article_updates([blast], text, sents)
    assert blast.fatalities == 40


def test_update_lower_than_the_toll_is_not_its_rise() -> None:
    text = "قتل 30 شخصا في قصف على السوق. وارتفعت حصيلة قتلى الانفجار إلى 12 قتيلا."
    sents = split_sentences(text)
    shelling = event_at(text, sents[0], "19", 30, True)
    apply_article_updates([shelling], text, sents)
    assert shelling.fatalities == 30


def test_update_split_over_coordinated_places() -> None:
    text = ("قصفت الطائرات بلدتي كفرنبل وحاس ما أدى إلى مقتل 6 مدنيين. "
            "وارتفعت حصيلة ضحايا القصف إلى 10 قتلى.")
    sents = split_sentences(text)
    rules = ["place:coordinated"]
    a = event_at(text, sents[0], "19", 3, True, place("Kafr Nabl", "كفرنبل"), rules, "195")
    b = event_at(text, sents[0], "19", 3, True, place("Has", "حاس"), rules, "195")
    apply_article_updates([a, b], text, sents)
    assert (a.fatalities, b.fatalities) == (5, 5)


def test_cumulative_count_updates_no_event() -> None:
    text = ("قتل 9 مدنيين في غارة على البلدة. "
            "وأشار المرصد إلى ارتفاع العدد الإجمالي للقتلى إلى 2500 منذ بداية العام.")
    sents = split_sentences(text)
    raid = event_at(text, sents[0], "19", 9, True)
    apply_article_updates([raid], text, sents)
    assert raid.fatalities == 9
