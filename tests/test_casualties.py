"""Fatality counting by ACLED's rules (coder.casualties), on sentences written for these tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coder import casualties, casualty_lexicon, codebooks
from coder.casualties import (
    apply_update,
    fatalities_for_trigger,
    find_fatalities,
    split_total,
    toll_updates,
)


def toll(text: str, suicide: bool = False) -> int | None:
    """The toll of the only event in ``text`` (the whole sentence is its trigger)."""
    return fatalities_for_trigger(text, (0, len(text)), suicide=suicide)


def span_of(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@pytest.mark.parametrize("text, expected", [
    # digits, Arabic-Indic digits, number words
    ("أعلنت مصادر طبية مقتل ١٢ شخصا في القصف الذي طال السوق الشعبي", 12),
    ("أسفرت الغارة عن ثلاثة قتلى من عائلة واحدة في بلدة معرشورين", 3),
    ("أكد الجيش مقتل 25 من عناصر داعش في عملية عسكرية جنوب كركوك", 25),
    ("قتل 30 شخصا في تفجير استهدف سوقا مزدحما وسط المدينة", 30),
    ("قتل خمسة وعشرون مدنيا في القصف على البلدة", 25),
    ("أسفر الهجوم عن مقتل أحد عشر جنديا من حرس الحدود", 11),
    ("لقي ثلاثة آلاف شخص حتفهم خلال أسابيع الحصار", 3000),
    ("قتل مائة وعشرون شخصا في المجزرة", 120),
    # duals and singular nouns
    ("قتل طفلان شقيقان في سقوط قذيفة على منزلهما", 2),
    ("أدى القصف إلى مقتل شخصين وإصابة آخرين", 2),
    ("سقط قتيلين في إطلاق نار على حاجز الشرطة", 2),
    ("قتل جندي تركي في هجوم على مخفر حدودي", 1),
    # subject first, several groups joined by و
    ("خمسة مدنيين على الأقل قتلوا وأصيب آخرون في الغارة", 5),
    ("إن 12 عنصرا من الشرطة و9 مسلحين قتلوا في المواجهات التي استمرت ساعات", 21),
    ("قتلت امرأة وثلاثة من أطفالها في قصف على منزلهم", 4),
    ("قتل القيادي في الفصيل مع ثلاثة من مرافقيه في كمين", 4),
    # vague quantities
    ("أسفرت المعارك عن مقتل عشرات المسلحين", 12),
    ("قتل مئات المدنيين خلال الحملة على المدينة", 100),
    ("أسفر القصف عن سقوط قتلى وجرحى في صفوف المدنيين", 3),
    ("سقط عدد من القتلى في الانفجار الذي هز الحي", 3),
    # wounded never count; joint killed-and-wounded figures
    ("أدى الانفجار إلى مقتل خمسة وإصابة 20 آخرين", 5),
    ("أسفر الهجوم عن مقتل وإصابة 12 شخصا", 3),
    ("مقتل 10 مدنيين وإصابة 17 آخرين جراء انفجار سيارة", 10),
    ("أوقع التفجير 14 قتيلا و40 جريحا في سوق الخضار", 14),
    # a range is not a sum
    ("أسفر القصف عن مقتل ما بين 6 و9 أشخاص", 6),
])
def test_killed_counts(text: str, expected: int) -> None:
    assert toll(text) == expected


@pytest.mark.parametrize("text", [
    "أصيب سبعة أشخاص بجروح في انفجار عبوة ناسفة",  # wounded only
    "أطلق المسلحون نحو 15 صاروخا على القاعدة الأمريكية",  # a count of things
    "وفي 13 تشرين الأول قصفت الطائرات مواقع في البادية",  # a date
    "تبعد القرية نحو 3 كيلومترات عن الحدود",  # a distance
    "خطف مسلحون قائد الفرقة 30 ونقلوه إلى جهة مجهولة",  # a unit label
    "قصفت قوات النظام مناطق في ريف البلدة، دون معلومات عن إصابات",  # no information
])
def test_no_death_report_is_none(text: str) -> None:
    assert toll(text) is None


@pytest.mark.parametrize("text", [
    "تعرضت القاعدة لهجوم بطائرة مسيرة لم يسفر عن خسائر بشرية",
    "لم يسفر الهجوم الصاروخي عن خسائر بشرية بحسب المصدر",
    "سقطت قذيفتان على الحي دون وقوع إصابات",
    "انفجرت العبوة قرب الدورية ولا إصابات",
])
def test_explicit_zero(text: str) -> None:
    assert toll(text) == 0
    assert find_fatalities(text)[0].rule == "zero.no_casualties"


def test_offsets_map_to_original_text_with_tashkeel() -> None:
    text = "وَأَعْلَنَتِ الشُّرْطَةُ مَقْتَلَ ثَلَاثَةِ أَشْخَاصٍ"
    (m,) = find_fatalities(text)
    assert m.killed == 3
    assert text[m.start:m.end] == m.text
    assert m.text.startswith("مَقْتَلَ")
    assert m.rule.startswith("killed.event")


def test_lowest_figure_when_reports_conflict() -> None:
    text = "قتل 7 أشخاص في القصف، فيما قالت مصادر محلية إن عدد القتلى بلغ 9"
    assert toll(text) == 7


def test_toll_belongs_to_the_closest_trigger_in_its_clause() -> None:
    text = ("قصفت الطائرات بلدة الهبيط ما أدى إلى مقتل 4 مدنيين، "
            "فيما انفجرت عبوة ناسفة في بلدة كفرنبودة دون وقوع إصابات")
    air, ied = span_of(text, "قصفت"), span_of(text, "انفجرت")
    assert fatalities_for_trigger(text, air, [ied]) == 4
    assert fatalities_for_trigger(text, ied, [air]) == 0


def test_toll_is_not_given_to_every_event_of_the_sentence() -> None:
    text = "اعتقلت قوات الأمن خمسة مطلوبين، كما قتل مسلحان في اشتباك مع دورية للجيش"
    arrest, clash = span_of(text, "اعتقلت"), span_of(text, "اشتباك")
    assert fatalities_for_trigger(text, clash, [arrest]) == 2
    assert fatalities_for_trigger(text, arrest, [clash]) is None


def test_suicide_attacker_counts_once() -> None:
    text = "فجر انتحاري نفسه وسط سوق شعبي ما أدى إلى مقتل 7 أشخاص"
    assert toll(text, suicide=True) == 8
    assert toll(text, suicide=False) == 7
    counted = "فجر انتحاري نفسه وسط سوق شعبي ما أدى إلى مقتل 7 أشخاص بينهم الانتحاري"
    assert toll(counted, suicide=True) == 7
    alone = "فجر انتحاري نفسه قرب حاجز للجيش دون وقوع إصابات"
    assert toll(alone, suicide=True) == 1


def test_toll_update() -> None:
    text = "ارتفعت حصيلة ضحايا تفجير السيارة المفخخة في الكرادة إلى 45 قتيلا"
    (m,) = toll_updates(text)
    assert m.is_update and m.killed == 45
    assert apply_update(20, [m]) == 45
    assert apply_update(20, []) == 20
    assert toll(text) == 45
    wounded = "ارتفع عدد الجرحى إلى 60 جريحا"
    assert toll_updates(wounded) == []


def test_split_total() -> None:
    assert split_total(10, 3) == [4, 3, 3]
    assert split_total(10, 2) == [5, 5]
    assert split_total(2, 3) == [2, 0, 0]
    assert sum(split_total(17, 4)) == 17
    with pytest.raises(ValueError):
        split_total(5, 0)


def test_broken_codebook_names_file_and_line(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "codebooks"
    shutil.copytree(codebooks.codebook_dir(), book)
    path = book / "ar" / "casualties.yaml"
    text = path.read_text(encoding="utf-8")
    bad = text.replace("kind: verb\n    default: 1", "kind: adverb\n    default: 1", 1)
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    monkeypatch.setenv("CODER_CODEBOOKS", str(book))
    codebooks.codebook_dir.cache_clear()
    casualty_lexicon.load_lexicon.cache_clear()
    try:
        with pytest.raises(codebooks.CodebookError) as err:
            casualty_lexicon.load_lexicon()
        assert "casualties.yaml" in str(err.value) and err.value.line
    finally:
        monkeypatch.delenv("CODER_CODEBOOKS")
        codebooks.codebook_dir.cache_clear()
        casualty_lexicon.load_lexicon.cache_clear()
        casualties._find.cache_clear()


def test_number_after_its_plural_noun_is_the_toll() -> None:
    # "مدنيين اثنين": the number word follows the noun it counts.
    [m] = find_fatalities("وأسفرت الغارة عن مقتل مدنيين اثنين في ريف إدلب")
    assert m.killed == 2
