"""Tests for coder.dates: one realistic news sentence per class of date expression."""

from __future__ import annotations

import datetime as dt

import pytest

from coder.codebooks import CodebookError
from coder.date_patterns import load_datebook
from coder.dates import W_CURRENT, W_HIJRI, parse_published, tag_dates, tag_records
from coder.model import DateMention

PUB = dt.date(2023, 11, 19)  # a Sunday
D = dt.date


def only(text: str, pub: dt.date = PUB) -> DateMention:
    found = tag_dates(text, pub)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def one(text: str, expr: str, pub: dt.date = PUB) -> DateMention:
    """The mention whose text is ``expr``."""
    found = [m for m in tag_dates(text, pub) if m.text == expr]
    assert found, [m.text for m in tag_dates(text, pub)]
    return found[0]


# ------------------------------------------------------------------ the seed article

def test_seed_article() -> None:
    with open("/work/shared/seed/article.txt", encoding="utf-8") as fh:
        text = fh.read()
    found = {m.text: m for m in tag_dates(text, D(2023, 11, 19))}
    assert found["يوم أمس"].date == D(2023, 11, 18)
    assert found["أمس السبت"].date == D(2023, 11, 18)
    assert not found["أمس السبت"].warnings
    m = found["13 تشرين الأول الجاري"]
    assert m.date == D(2023, 10, 13) and W_CURRENT in m.warnings and m.precision == 1
    assert found["7 تشرين الأول الماضي"].date == D(2023, 10, 7)


# ------------------------------------------------------------------ relative days

@pytest.mark.parametrize(("sentence", "expr", "date", "rule"), [
    ("قتل ثلاثة مدنيين أمس في قصف مدفعي على ريف إدلب", "أمس", D(2023, 11, 18), "yesterday"),
    ("وأعلنت الشرطة يوم أمس اعتقال خمسة مشتبه بهم", "يوم أمس", D(2023, 11, 18), "yesterday"),
    ("وقالت مصادر محلية ان الاشتباكات اندلعت امس قرب المعبر", "امس", D(2023, 11, 18),
     "yesterday"),
    ("شنت الطائرات غارات عنيفة البارحة على مواقع التنظيم", "البارحة", D(2023, 11, 18),
     "yesterday"),
    ("انفجرت سيارة مفخخة أول أمس في سوق شعبي", "أول أمس", D(2023, 11, 17),
     "day_before_yesterday"),
    ("وكان المسلحون قد هاجموا الحاجز أمس الأول", "أمس الأول", D(2023, 11, 17),
     "day_before_yesterday"),
    ("وأفاد ناشطون بأن القصف تجدد أول من أمس", "أول من أمس", D(2023, 11, 17),
     "day_before_yesterday"),
    ("يعقد مجلس الأمن جلسة طارئة اليوم لبحث التصعيد", "اليوم", D(2023, 11, 19), "today"),
    ("ومن المقرر أن تستأنف المفاوضات غداً في الدوحة", "غداً", D(2023, 11, 20), "tomorrow"),
    ("وتنتهي المهلة بعد غد بحسب البيان", "بعد غد", D(2023, 11, 21), "day_after_tomorrow"),
    ("وكانت الوزارة قد أعلنت في وقت سابق من اليوم حظر التجول", "في وقت سابق من اليوم",
     D(2023, 11, 19), "today"),
    ("وتواصلت الاحتجاجات لليوم الثالث على التوالي في المدينة", "لليوم الثالث على التوالي",
     D(2023, 11, 19), "nth_day_running"),
])
def test_relative_days(sentence: str, expr: str, date: dt.date, rule: str) -> None:
    m = one(sentence, expr)
    assert m.date == m.earliest == date and m.precision == 1 and m.anchored
    assert m.rule == f"ar/dates/relative.yaml#{rule}"


def test_today_as_noun_is_not_today() -> None:
    assert tag_dates("وفي اليوم الثاني من المعارك سقط عشرات الجرحى", PUB) == []
    assert tag_dates("ومنذ ذلك اليوم لم يعد إلى منزله", PUB) == []


def test_evening_word_is_not_yesterday() -> None:
    assert tag_dates("نظمت الجمعية أمسية شعرية في المركز الثقافي", PUB) == []


# ------------------------------------------------------------------ weekdays

@pytest.mark.parametrize(("sentence", "expr", "date"), [
    ("وقصفت المدفعية القرية الخميس الماضي", "الخميس الماضي", D(2023, 11, 16)),
    ("أعلنت الحكومة يوم الجمعة الماضية حالة الطوارئ", "يوم الجمعة الماضية", D(2023, 11, 17)),
    ("وسيزور الوزير بغداد الأحد المقبل", "الأحد المقبل", D(2023, 11, 26)),
    ("وتعقد القمة الثلاثاء القادم في القاهرة", "الثلاثاء القادم", D(2023, 11, 21)),
    ("هاجم مسلحون دورية للجيش مساء الأربعاء", "مساء الأربعاء", D(2023, 11, 15)),
    ("استهدفت غارة جوية مستودعا للذخيرة فجر الجمعة", "فجر الجمعة", D(2023, 11, 17)),
    ("وأطلق مجهولون النار على الحافلة صباح السبت", "صباح السبت", D(2023, 11, 18)),
    # a bare weekday equal to the publication weekday is the publication day
    ("وقال المتحدث الأحد إن المفاوضات متعثرة", "الأحد", D(2023, 11, 19)),
    # الماضي on the publication weekday means a week earlier
    ("ووقع الانفجار الأحد الماضي قرب السفارة", "الأحد الماضي", D(2023, 11, 12)),
])
def test_weekdays(sentence: str, expr: str, date: dt.date) -> None:
    m = one(sentence, expr)
    assert m.date == date and m.precision == 1 and not m.warnings


@pytest.mark.parametrize(("sentence", "expr", "date"), [
    ("أعلن الجيش أمس السبت سيطرته على البلدة", "أمس السبت", D(2023, 11, 18)),
    ("قال الرئيس اليوم الأحد إن بلاده لن تتراجع", "اليوم الأحد", D(2023, 11, 19)),
    ("قتل جنديان أول أمس الجمعة في كمين", "أول أمس الجمعة", D(2023, 11, 17)),
    ("وصرح الوزير اليوم (الأحد) للصحفيين", "اليوم (الأحد)", D(2023, 11, 19)),
    ("وسقطت القذائف صباح السبت (أمس) على الحي", "صباح السبت (أمس)", D(2023, 11, 18)),
    ("وانسحبت القوات فجر اليوم الأحد من المواقع", "فجر اليوم الأحد", D(2023, 11, 19)),
])
def test_relative_weekday_compounds(sentence: str, expr: str, date: dt.date) -> None:
    m = one(sentence, expr)
    assert m.date == date and not m.warnings


def test_compound_weekday_disagreement_warns_and_keeps_named_weekday() -> None:
    # Crawl timestamps often run a day after the story: the named weekday is the firmer fact.
    m = one("شنت المقاتلات غارات أمس الخميس على مواقع المسلحين", "أمس الخميس")
    assert m.date == D(2023, 11, 16)  # settings.weekday_disagreement: weekday
    assert m.latest == D(2023, 11, 18)  # the relative day stays within the range
    assert any("الخميس" in w and "disagrees" in w for w in m.warnings)


def test_night_of_and_night_pair() -> None:
    m = one("وتعرضت المدينة لقصف عنيف ليلة الجمعة", "ليلة الجمعة")
    assert m.date == D(2023, 11, 17) and m.earliest == D(2023, 11, 16) and m.warnings
    m = one("ودارت اشتباكات عنيفة ليل السبت - الأحد في الأحياء الشرقية", "ليل السبت - الأحد")
    assert (m.date, m.earliest, m.latest) == (D(2023, 11, 18), D(2023, 11, 18), D(2023, 11, 19))
    m = one("سقطت الصواريخ بعد منتصف ليل السبت- الأحد على القاعدة",
            "بعد منتصف ليل السبت- الأحد")
    assert m.date == D(2023, 11, 19)


# ------------------------------------------------------------------ counts back

@pytest.mark.parametrize(("sentence", "expr", "date", "precision"), [
    ("اختطف الصحفي قبل ثلاثة أيام على طريق المطار", "قبل ثلاثة أيام", D(2023, 11, 16), 1),
    ("وتحاصر القوات البلدة منذ 5 أيام", "منذ 5 أيام", D(2023, 11, 14), 1),
    ("وكان قد أفرج عنه منذ ٤ أيام فقط", "منذ ٤ أيام", D(2023, 11, 15), 1),
    ("اعتقلت السلطات الناشط قبل يومين في العاصمة", "قبل يومين", D(2023, 11, 17), 1),
    ("بدأت العملية العسكرية قبل أسبوعين", "قبل أسبوعين", D(2023, 11, 5), 2),
    ("ونزح آلاف السكان منذ شهرين بسبب المعارك", "منذ شهرين", D(2023, 9, 19), 3),
    ("وقتل شقيقه قبل عشرة أيام في غارة", "قبل عشرة أيام", D(2023, 11, 9), 1),
])
def test_ago(sentence: str, expr: str, date: dt.date, precision: int) -> None:
    m = one(sentence, expr)
    assert m.date == date and m.precision == precision and m.anchored


@pytest.mark.parametrize(("sentence", "expr", "date", "precision", "earliest", "latest"), [
    ("أعلنت الوزارة الأسبوع الماضي عن خطة أمنية", "الأسبوع الماضي", D(2023, 11, 14), 2,
     D(2023, 11, 11), D(2023, 11, 17)),
    ("وشهدت المحافظة خلال الشهر الجاري عشرات الهجمات", "الشهر الجاري", D(2023, 11, 15), 3,
     D(2023, 11, 1), D(2023, 11, 19)),
    ("وتراجعت حدة المعارك الشهر الماضي", "الشهر الماضي", D(2023, 10, 15), 3,
     D(2023, 10, 1), D(2023, 10, 31)),
    ("وتجري الانتخابات العام المقبل", "العام المقبل", D(2024, 7, 1), 4,
     D(2024, 1, 1), D(2024, 12, 31)),
])
def test_periods(sentence: str, expr: str, date: dt.date, precision: int, earliest: dt.date,
                 latest: dt.date) -> None:
    m = one(sentence, expr)
    assert (m.date, m.precision, m.earliest, m.latest) == (date, precision, earliest, latest)


# ------------------------------------------------------------------ day + month

@pytest.mark.parametrize(("sentence", "expr", "date"), [
    ("وفي 5 كانون الثاني الماضي هاجم مسلحون مركزا للشرطة", "5 كانون الثاني الماضي",
     D(2023, 1, 5)),
    ("أعلن الجيش في 3 كانون 2 بدء العملية", "3 كانون 2", D(2023, 1, 3)),
    ("وصل الوفد إلى دمشق في 2 تشرين 1", "2 تشرين 1", D(2023, 10, 2)),
    ("اندلعت الاحتجاجات في 14 آب في وسط المدينة", "14 آب", D(2023, 8, 14)),
    ("وقع الهجوم في 9 أيار على نقطة تفتيش", "9 أيار", D(2023, 5, 9)),
    ("وقعت الاتفاقية في 25 يناير في القاهرة", "25 يناير", D(2023, 1, 25)),
    ("وقتل الجندي في 11 أغسطس قرب الحدود", "11 أغسطس", D(2023, 8, 11)),
    ("أعلنت الرئاسة الجزائرية يوم 5 جويلية عفوا عن سجناء", "يوم 5 جويلية", D(2023, 7, 5)),
    ("تظاهر المئات في تونس في 14 جانفي", "14 جانفي", D(2023, 1, 14)),
    ("وأكدت السلطات المغربية في 20 غشت توقيف خلية", "20 غشت", D(2023, 8, 20)),
    ("وأعلنت الرباط يوم 6 نونبر عن إجراءات جديدة", "يوم 6 نونبر", D(2023, 11, 6)),
    ("وأعلنت الرباط يوم 26 نونبر عن إجراءات جديدة", "يوم 26 نونبر", D(2022, 11, 26)),
    ("وقتل صحفيان في 12 تشرين الأول/أكتوبر جنوب لبنان", "12 تشرين الأول/أكتوبر",
     D(2023, 10, 12)),
    ("وقعت المجزرة في 4 يوليو (تموز) الماضي", "4 يوليو (تموز) الماضي", D(2023, 7, 4)),
    ("اغتيل القيادي في الثالث عشر من أكتوبر", "الثالث عشر من أكتوبر", D(2023, 10, 13)),
    ("وأغلقت المعابر في السابع من الشهر الجاري", "السابع من الشهر الجاري", D(2023, 11, 7)),
    ("وكانت الهدنة قد انهارت في 2 من الشهر الجاري", "2 من الشهر الجاري", D(2023, 11, 2)),
    ("وجرت الانتخابات في الحادي والعشرين من مايو 2021", "الحادي والعشرين من مايو 2021",
     D(2021, 5, 21)),
    ("وأعلن الاتفاق في 15 آذار من العام الماضي", "15 آذار من العام الماضي", D(2022, 3, 15)),
])
def test_day_month(sentence: str, expr: str, date: dt.date) -> None:
    m = one(sentence, expr)
    assert m.date == m.earliest == m.latest == date and m.precision == 1


def test_year_boundary() -> None:
    m = only("وقتل ثلاثة أشخاص في غارة يوم 28 كانون الأول في ريف حلب", D(2024, 1, 3))
    assert m.date == D(2023, 12, 28)
    m = only("وقتل ثلاثة أشخاص في غارة يوم 2 كانون الثاني في ريف حلب", D(2024, 1, 3))
    assert m.date == D(2024, 1, 2)


def test_future_only_with_marker() -> None:
    m = one("وتعقد الجولة المقبلة من المحادثات في 5 ديسمبر المقبل", "5 ديسمبر المقبل")
    assert m.date == D(2023, 12, 5)
    m = one("وتعقد الجولة المقبلة من المحادثات في 5 ديسمبر", "5 ديسمبر")
    assert m.date == D(2022, 12, 5)


def test_jari_on_publication_month_has_no_warning() -> None:
    m = one("وفي 10 تشرين الثاني الجاري قصفت الطائرات الموقع", "10 تشرين الثاني الجاري")
    assert m.date == D(2023, 11, 10) and not m.warnings


@pytest.mark.parametrize(("sentence", "expr", "date", "earliest", "latest", "precision"), [
    ("وتصاعدت الهجمات في أكتوبر الماضي", "أكتوبر الماضي", D(2023, 10, 15), D(2023, 10, 1),
     D(2023, 10, 31), 3),
    ("وكان قد اعتقل في أبريل (نيسان)", "أبريل (نيسان)", D(2023, 4, 15), D(2023, 4, 1),
     D(2023, 4, 30), 3),
    ("وتوقف القتال خلال شباط", "شباط", D(2023, 2, 15), D(2023, 2, 1), D(2023, 2, 28), 3),
    ("وتم الإعلان عن المشروع في مارس 2019", "مارس 2019", D(2019, 3, 15), D(2019, 3, 1),
     D(2019, 3, 31), 3),
    ("ووصلت التعزيزات مطلع الشهر الجاري", "مطلع الشهر الجاري", D(2023, 11, 1),
     D(2023, 11, 1), D(2023, 11, 10), 2),
    ("وتمت الصفقة في أوائل مايو (أيار) من العام الحالي",
     "أوائل مايو (أيار) من العام الحالي", D(2023, 5, 5), D(2023, 5, 1), D(2023, 5, 10), 2),
    ("وزار المبعوث المنطقة منتصف الشهر الماضي", "منتصف الشهر الماضي", D(2023, 10, 15),
     D(2023, 10, 11), D(2023, 10, 20), 2),
    ("وتكثفت الغارات في أواسط أيلول", "أواسط أيلول", D(2023, 9, 15), D(2023, 9, 11),
     D(2023, 9, 20), 2),
    ("وانسحبت القوات أواخر أكتوبر", "أواخر أكتوبر", D(2023, 10, 25), D(2023, 10, 21),
     D(2023, 10, 31), 2),
    ("وانتهت العملية نهاية شهر سبتمبر", "نهاية شهر سبتمبر", D(2023, 9, 30), D(2023, 9, 21),
     D(2023, 9, 30), 2),
])
def test_months_and_spans(sentence: str, expr: str, date: dt.date, earliest: dt.date,
                          latest: dt.date, precision: int) -> None:
    m = one(sentence, expr)
    assert (m.date, m.earliest, m.latest, m.precision) == (date, earliest, latest, precision)


def test_bare_month_name_is_not_a_date() -> None:
    assert tag_dates("وقال إنه مارس الضغط على الحكومة", PUB) == []


# ------------------------------------------------------------------ numeric, Hijri, years

@pytest.mark.parametrize(("sentence", "expr", "date"), [
    ("صدر القرار بتاريخ 13/11/2023 عن المحكمة", "13/11/2023", D(2023, 11, 13)),
    ("وفي بيان مؤرخ 2023-11-13 أكدت الوزارة", "2023-11-13", D(2023, 11, 13)),
    ("نشر التعميم بتاريخ ١٣/١١/٢٠٢٣ في الجريدة الرسمية", "١٣/١١/٢٠٢٣", D(2023, 11, 13)),
    ("وجرى التوقيع في 13.11.2023 في جنيف", "13.11.2023", D(2023, 11, 13)),
])
def test_numeric_dates(sentence: str, expr: str, date: dt.date) -> None:
    assert one(sentence, expr).date == date


@pytest.mark.parametrize(("sentence", "expr", "date"), [
    ("وصدر المرسوم في 5 ربيع الآخر 1445 هـ", "5 ربيع الآخر 1445 هـ", D(2023, 10, 20)),
    ("وصدر المرسوم في 5 ربيع الآخر 1445", "5 ربيع الآخر 1445", D(2023, 10, 20)),
    ("وأعلنت الرئاسة بتاريخ 5/4/1445هـ", "5/4/1445هـ", D(2023, 10, 20)),
    # no year: the most recent 1 Shawwal on or before publication
    ("واحتفل المصلون في الأول من شوال", "الأول من شوال", D(2023, 4, 21)),
])
def test_hijri(sentence: str, expr: str, date: dt.date) -> None:
    m = one(sentence, expr)
    assert m.date == date and W_HIJRI in m.warnings


def test_holiday_and_year() -> None:
    m = one("وقتل ثلاثة أطفال خلال عيد الفطر في قصف على الحي", "عيد الفطر",
            D(2015, 7, 24))
    assert m.date == D(2015, 7, 17) and m.precision == 2
    m = one("اندلعت الاحتجاجات في البلاد عام 2011 واستمرت أشهرا", "عام 2011")
    assert (m.date, m.earliest, m.latest, m.precision) == (
        D(2011, 7, 1), D(2011, 1, 1), D(2011, 12, 31), 4)


# ------------------------------------------------------------------ no false dates

@pytest.mark.parametrize("sentence", [
    "قتل 30 شخصا في انفجار سيارة مفخخة",
    "وقع الحادث على الطريق 13 المؤدي إلى المطار",
    "وبلغت نسبة المشاركة 94.9 في المئة",
    "وهاجم 1500 مسلح القرى الحدودية",
    "أطلقت الفصائل 15 صاروخاً على المستوطنات",
    "وأصيب 12 عنصرا بجروح و3 آخرون في حالة خطرة",
])
def test_no_false_dates(sentence: str) -> None:
    assert tag_dates(sentence, PUB) == []


@pytest.mark.parametrize(("sentence", "expr"), [
    ("وانسحب المسلحون بعد يومين من القصف العنيف", "بعد يومين من"),
    ("وجاءت الضربات غداة الهجوم على القاعدة", "غداة"),
    ("وتجددت المعارك بعد أيام من إعلان الهدنة", "بعد أيام من"),
    ("وزار الرئيس المدينة قبل يومين من الانتخابات", "قبل يومين من"),
])
def test_unanchored(sentence: str, expr: str) -> None:
    m = one(sentence, expr)
    assert not m.anchored and m.warnings


# ------------------------------------------------------------------ API

def test_mentions_sorted_with_original_offsets() -> None:
    text = "قُتِلَ جنديّان أمسِ السبت، وأُصيب آخرون الخميسَ الماضي"
    found = tag_dates(text, PUB)
    assert [m.text for m in found] == ["أمسِ السبت", "الخميسَ الماضي"]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_tag_records() -> None:
    recs = [
        {"id": "a1", "published": "2023-11-19T08:30:00", "text": "قصف الطيران البلدة أمس"},
        {"id": "a2", "published": "2023-11-19", "text": "لا تاريخ هنا"},
        {"id": "a3", "published": "not a date", "text": "أمس"},
    ]
    out = list(tag_records(recs))
    assert out[0]["id"] == "a1"
    assert out[0]["mentions"] == [{
        "text": "أمس", "start": 19, "end": 22, "date": "2023-11-18", "earliest": "2023-11-18",
        "latest": "2023-11-18", "precision": 1, "rule": "ar/dates/relative.yaml#yesterday",
        "warnings": [], "anchored": True}]
    assert out[1] == {"id": "a2", "mentions": []}
    assert out[2]["mentions"] == [] and "error" in out[2]


def test_parse_published() -> None:
    assert parse_published("2015-07-24T12:55:12") == D(2015, 7, 24)
    assert parse_published(dt.datetime(2015, 7, 24, 23, 0)) == D(2015, 7, 24)
    with pytest.raises(ValueError):
        parse_published(None)


def test_codebook_errors_name_file_and_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from coder.codebooks import codebook_dir

    shutil.copytree(codebook_dir(), tmp_path / "codebooks")
    path = tmp_path / "codebooks" / "ar" / "dates" / "calendar.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{id: friday, value: 4,", "{id: friday, value: 9,"),
                    encoding="utf-8")
    monkeypatch.setenv("CODER_CODEBOOKS", str(tmp_path / "codebooks"))
    codebook_dir.cache_clear()
    load_datebook.cache_clear()
    try:
        with pytest.raises(CodebookError, match=r"calendar\.yaml:\d+: value must be"):
            load_datebook()
    finally:
        monkeypatch.delenv("CODER_CODEBOOKS")
        codebook_dir.cache_clear()
        load_datebook.cache_clear()


def test_event_relative_mentions_carry_their_offset() -> None:
    pub = D(2015, 7, 24)
    got = {m.text: m.offset_days for m in tag_dates(
        "وبعد أربعة أيام على الهجوم، غداة تبادل لإطلاق النار، قبل ثلاثة أيام من الانتخابات", pub)}
    assert got["بعد أربعة أيام على"] == 4
    assert got["غداة"] == 1
    assert got["قبل ثلاثة أيام من"] == -3
