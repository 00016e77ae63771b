"""Where and when an event happened, as a user of the release reads it: facing border areas,
states named by their capitals, air bases strikes took off from, quarters of one city, and
dates carried from reports and from recalled events."""

from __future__ import annotations

import datetime as dt

from coder.events import code_article
from coder.model import Article, Event
from coder.places import find_places

PUB = dt.datetime(2023, 11, 19, 10, 0)  # a Sunday


def code(text: str, title: str = "") -> list[Event]:
    return code_article(Article(id="t", published=PUB, text=text, title=title))


def violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.cameo_root in {"18", "19", "20"}]


# --- places ----------------------------------------------------------------------------------

def test_country_facing_a_foreign_border_town_is_placed_on_its_own_side() -> None:
    [m] = find_places("قصفت المدفعية مواقع في المنطقة الحدودية في سوريا المقابلة لمدينة كيليس",
                      "SYR")
    assert m.place.iso3 == "SYR" and m.place.admin1 == "Aleppo"
    assert m.geo_precision == 2 and m.text.startswith("سوريا")


def test_facing_word_without_a_country_before_it_reads_near_the_town() -> None:
    [m] = find_places("تجمع الجنود في النقطة المقابلة لمدينة كيليس", "TUR")
    assert m.place.iso3 == "TUR" and m.place.name_en == "Kilis" and m.geo_precision == 2


def test_facing_rule_codes_the_strike_in_the_facing_governorate() -> None:
    [e] = violent(code("وقصفت مقاتلات تركية أمس ثلاثة مواقع للمتطرفين في المنطقة الحدودية في "
                       "سورية المقابلة لمدينة كيليس."))
    assert e.country_iso3 == "SYR" and e.admin1 == "Aleppo"


def test_state_named_by_its_country_or_capital_is_not_a_place() -> None:
    assert [m.place.iso3 for m in find_places("وشنت تركيا ضربات على مواقع التنظيم", "SYR")] == []
    assert find_places("وتحركت أنقرة بعد ساعات من الإعلان", "TUR") == []
    [m] = find_places("تظاهر مئات في العاصمة أنقرة", "TUR")
    assert m.place.name_en == "Ankara"


def test_base_the_aircraft_took_off_from_is_not_the_strike_place() -> None:
    events = violent(code("استهدف سلاح الجو التركي أمس مواقع لتنظيم داعش داخل الأراضي السورية "
                          "بطائرات انطلقت من قاعدة القيادة الجوية الثامنة في ولاية ديار بكر."))
    assert events and all(e.country_iso3 != "TUR" for e in events)


def test_quarter_of_another_country_is_not_matched() -> None:
    found = find_places("أسقط المقاتلون طائرة في قمة النبي يونس بالساحل السوري", "SYR")
    assert all(m.place.iso3 == "SYR" for m in found)


def test_strikes_on_several_quarters_of_one_city_are_one_event() -> None:
    events = violent(code("وشن طيران النظام أمس غارات جوية على أحياء طريق الباب والصاخور وباب "
                          "الحديد في حلب."))
    assert len(events) == 1 and events[0].admin1 == "Aleppo"


def test_permission_for_strikes_is_not_a_strike() -> None:
    assert violent(code("وتراجعت أنقرة عن رفض سابق بالسماح بضربات أمريكية بطائرات مأهولة.")) == []


# --- dates -----------------------------------------------------------------------------------

def test_day_of_the_report_dates_an_event_the_text_does_not_date() -> None:
    [e] = violent(code("وأعلنت فصائل المعارضة، أمس، عن إسقاط طائرة استطلاع تابعة لقوات النظام في "
                       "جبل التركمان."))
    assert e.event_date == dt.date(2023, 11, 18)


def test_recalled_date_does_not_carry_to_the_next_report() -> None:
    text = ("وكانت المعركة بدأت في 4 تشرين الأول بهجوم على بلدة مضايا. "
            "وانفجرت سيارة مفخخة في حي الميدان بدمشق وأوقعت إصابات.")
    bombs = [e for e in code(text) if e.cameo_root == "18"]
    assert bombs and bombs[0].event_date >= dt.date(2023, 11, 18)


# --- what is and is not an event ---------------------------------------------------------------

def test_standing_condition_is_not_an_event() -> None:
    assert violent(code("وتعيش المدينة أوضاعا صعبة حيث تشهد مدينة درعا وريفها قصفا جويا "
                        "مكثفا منذ أشهر.")) == []


def test_repelled_advance_is_not_a_capture() -> None:
    events = code("وصد المسلحون أمس تقدما للجيش على الطريق الدولي قرب مدينة الفلوجة.")
    assert all(e.cameo_code != "192" for e in events)


def test_shells_falling_with_a_quantity_word_are_shelling() -> None:
    [e] = violent(code("وسقطت عشرات القذائف الصاروخية أمس على مناطق في بلدة نبل بريف حلب."))
    assert e.cameo_code.startswith("194") and e.location == "Nubl"


def test_vague_back_reference_joins_the_strike_it_names() -> None:
    text = ("شنت مقاتلات تركية أمس غارات على مواقع لتنظيم داعش في سوريا. "
            "وجاءت الضربات غداة الإعلان عن موافقة تركيا على استخدام قاعدة جوية.")
    assert len(violent(code(text))) == 1


def test_raids_told_with_strikes_in_one_clause_are_their_own_event() -> None:
    events = code("وشنت مقاتلات تركية أمس غارات على مواقع لتنظيم داعش في سوريا بالتزامن مع سلسلة "
                  "من حملات المداهمة نفذتها الشرطة في أنحاء البلاد.")
    assert sorted(e.cameo_root for e in events) == ["17", "19"]


def test_riot_police_are_not_a_riot() -> None:
    events = code("ففي إسطنبول اشتبكت أمس شرطة مكافحة الشغب مع متظاهرين كانوا يشيعون سيدة.")
    assert events and all("protest.riot" not in e.rules for e in events)


def test_protest_is_placed_where_it_is_held_not_where_its_grievance_is() -> None:
    events = code("وفرقت الشرطة التركية أمس بالغاز المسيل للدموع نحو ألف متظاهر تجمعوا في العاصمة "
                  "أنقرة للاحتجاج على الضربات العسكرية في سوريا وشمال العراق.")
    protests = [e for e in events if e.cameo_root == "14"]
    assert [e.location for e in protests] == ["Ankara"]
    assert violent(events) == []


def test_future_ban_on_a_march_is_not_a_protest() -> None:
    assert code("وأعلنت السلطات أمس أنها ستمنع متظاهرين من تنظيم مسيرة في مدينة إسطنبول.") == []


def test_base_the_aircraft_returned_to_is_not_the_strike_place() -> None:
    events = violent(code("قصفت الطائرات التركية أمس بالصواريخ مقرين لمسلحي داعش في سوريا قبل أن "
                          "تعود إلى قاعدة ديار بكر."))
    assert [e.country_iso3 for e in events] == ["SYR"]


def test_weapon_word_with_the_article_says_how_a_strike_was_made() -> None:
    [e] = violent(code("قصفت فصائل المعارضة أمس بالصواريخ تمركزات لقوات النظام في مطار الثعلة "
                       "العسكري."))
    assert e.cameo_code == "194" and not e.code_generic


def test_following_sentence_naming_the_targets_places_a_country_level_strike() -> None:
    text = ("قصفت ثلاث طائرات حربية تركية أمس عدة مواقع لتنظيم داعش في سوريا. "
            "وأفادت وكالة أنباء تركية أن الأهداف حددت حول بلدة في سوريا المقابلة لكيليس.")
    [e] = violent(code(text))
    assert e.admin1 == "Aleppo" and "place:detail-sentence" in e.rules


def test_a_new_event_in_the_next_sentence_does_not_place_the_strike() -> None:
    text = ("قصفت طائرات حربية تركية أمس مواقع لتنظيم داعش في سوريا. "
            "وفي العراق، اشتبك مسلحون مع قوات الأمن في مدينة الموصل.")
    turkish = [e for e in violent(code(text)) if e.country_iso3 == "SYR"]
    assert turkish and turkish[0].admin1 == ""


def test_date_of_raids_named_after_a_riot_does_not_date_the_riot() -> None:
    text = ("شهدت تركيا أمس السبت يوما آخر من الاحتجاجات. ففي إسطنبول اشتبكت شرطة مكافحة الشغب "
            "مع متظاهرين كانوا يشيعون سيدة قتلت خلال مداهمات قامت بها الشرطة الخميس.")
    demos = [e for e in code(text) if e.location == "Istanbul" and e.cameo_root == "14"]
    assert demos and demos[0].event_date == dt.date(2023, 11, 18)


def test_later_clause_says_where_in_the_country_a_strike_hit() -> None:
    [e] = violent(code("وقتل القيادي في ضربة جوية أمريكية في سوريا أمس بينما كان يتنقل في سيارة "
                       "قرب بلدة سرمدا."))
    assert e.admin1 == "Idleb" and e.location == "Sarmada"


def test_fighters_entering_a_country_is_not_a_capture() -> None:
    events = code("وأوضح المرصد أن المقاتلين كانوا دخلوا سوريا قبل أسبوعين إثر انتهاء تدريبهم.")
    assert all(e.cameo_code != "192" for e in events)


def test_a_sides_count_of_its_own_dead_is_a_tally() -> None:
    assert violent(code("حزب الله يتكتم على عدد قتلاه في الزبداني")) == []
