"""find_actors on hand-written news sentences, ACLED names by date, inter types, interactions."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from coder.actors import (
    acled_actor_name,
    acled_inter,
    find_actors,
    interaction_code,
    interaction_text,
    valid_interactions,
)
from coder.model import Actor

D2015 = dt.date(2015, 8, 3)
D2023 = dt.date(2023, 11, 19)


def only(text: str, **kw: object) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.actor.cameo_code, m.actor.country, m.actor.role)
            for m in find_actors(text, **kw)]  # type: ignore[arg-type]


def test_role_plus_nisba_composition() -> None:
    text = "قصفت القوات الأمريكية مخزنا للأسلحة قرب مدينة البوكمال فجر الثلاثاء"
    ms = find_actors(text, on=D2015)
    assert len(ms) == 1
    m = ms[0]
    assert (m.text, m.actor.cameo_code, m.actor.country, m.actor.role) == (
        "القوات الأمريكية", "USAMIL", "USA", "MIL")
    assert text[m.start:m.end] == m.text
    assert m.actor.acled_name == "Military Forces of the United States (2009-2017)"
    assert m.actor.inter == "State forces"


@pytest.mark.parametrize("text,code", [
    ("تقدم الجيش السوري في ريف اللاذقية الشمالي", "SYRMIL"),
    ("انتشرت قوات الأمن العراقية في شوارع البصرة", "IRQCOP"),
    ("شن الطيران الروسي سلسلة غارات على ريف إدلب", "RUSMIL"),
    ("قالت الشرطة التركية إنها أوقفت المشتبه به", "TURCOP"),
    ("أعلن البنتاغون أن الضربة أصابت هدفها", "USAMIL"),
    ("اتهمت المعارضة الحرس الثوري بإرسال مقاتلين", "IRNMIL"),
    ("قصفت المدفعية الأميركية مواقع على الحدود", "USAMIL"),
    ("دمرت غارة إسرائيلية مستودعا قرب مطار دمشق", "ISRMIL"),
    ("تقدمت قوات النظام نحو البلدة", "SYRMIL"),
    ("قصفت طائرات النظام السوري حي الشعار", "SYRMIL"),
])
def test_state_organs(text: str, code: str) -> None:
    codes = [m.actor.cameo_code for m in find_actors(text)]
    assert code in codes


def test_coalition_aircraft_and_groups_with_clitics() -> None:
    text = "وقصفت طائرات التحالف الدولي مواقع لتنظيم داعش، فيما اشتبك مقاتلو قسد مع عناصر التنظيم"
    ms = find_actors(text, on=D2015, country="SYR")
    ids = [m.actor.id for m in ms]
    assert ids[:3] == ["coalition", "isis", "qsd"]
    assert ms[0].actor.cameo_code == "IMGMIL"
    assert ms[0].actor.acled_name == "Global Coalition Against Daesh"
    assert ms[1].actor.acled_name == "Islamic State (Syria)"
    assert ms[2].actor.acled_name == "QSD: Syrian Democratic Forces"


@pytest.mark.parametrize("text,actor_id", [
    ("وأكد بيان لحزب الله أن اثنين من عناصره قتلا", "hezbollah"),
    ("هاجمت كتائب حزب الله رتلا للتحالف", "kataib_hezbollah"),
    ("وبالحشد الشعبي استعادت القوات السيطرة على الحي", "pmf"),
    ("أعلنت وحدات حماية الشعب السيطرة على القرية", "ypg"),
    ("سيطر الجيش السوري الحر على حاجز للنظام", "fsa"),
    ("قال مسؤول في حزب العمال الكردستاني إن الهدنة انتهت", "pkk"),
    ("اتهمت أنقرة تنظيم الدولة الإسلامية بتنفيذ التفجير", "isis"),
    ("فجر تنظيم القاعدة سيارة مفخخة", "al_qaeda"),
    ("سيطرت قوات جيش الفتح على مدينة جسر الشغور", "jaysh_fath"),
    ("أطلقت المقاومة الإسلامية في العراق طائرة مسيرة", "islamic_resistance_iraq"),
])
def test_group_aliases(text: str, actor_id: str) -> None:
    assert actor_id in [m.actor.id for m in find_actors(text)]


def test_article_is_required_for_al_qaeda() -> None:
    ids = [m.actor.id for m in find_actors("قصفت الطائرات قاعدة عسكرية قرب المدينة")]
    assert "al_qaeda" not in ids


def test_conjunction_starts_a_new_actor() -> None:
    ms = find_actors("هاجم مقاتلون من المعارضة وجبهة النصرة مواقع الجيش", country="SYR")
    assert [m.actor.id for m in ms][:2] == ["armed_opposition@SYR", "nusra"]


def test_generic_agents_and_event_country() -> None:
    text = "قتل مسلحون مجهولون خمسة مدنيين بينهم طفلان، وتظاهر مئات المحتجين أمام المحافظة"
    ms = find_actors(text, on=dt.date(2022, 3, 1), country="IRQ")
    got = [(m.text, m.actor.role, m.actor.acled_name, m.actor.inter) for m in ms]
    assert got[0] == ("مسلحون مجهولون", "UAF", "Unidentified Armed Group (Iraq)",
                      "Political militia")
    assert got[1] == ("مدنيين", "CVL", "Civilians (Iraq)", "Civilians")
    assert got[2][2] == "Civilians (Iraq)"
    # protesters are civilians in CAMEO (their ACLED name and inter stay "Protesters")
    assert ("المحتجين", "CVL", "Protesters (Iraq)", "Protesters") in got


def test_agent_takes_nationality_from_nisba() -> None:
    ms = find_actors("اعتقلت السلطات ثلاثة لاجئين سوريين في إسطنبول", country="TUR")
    refugees = [m for m in ms if m.actor.role == "REF"]
    assert refugees and refugees[0].actor.country == "SYR"
    assert refugees[0].actor.acled_name == "Refugees/IDPs (Syria)"


def test_acled_names_by_date() -> None:
    army = find_actors("قصف الجيش العراقي مواقع المسلحين")[0].actor
    assert army.cameo_code == "IRQMIL"
    assert acled_actor_name(army, "IRQ", D2015) == "Military Forces of Iraq (2014-2018)"
    assert acled_actor_name(army, "IRQ", D2023) == "Military Forces of Iraq (2022-)"
    us = find_actors("أعلنت القوات الأمريكية مقتل قيادي")[0].actor
    assert acled_actor_name(us, "SYR", D2015) == "Military Forces of the United States (2009-2017)"
    assert acled_actor_name(us, "SYR", D2023) == "Military Forces of the United States (2021-2025)"
    turk = find_actors("قصف الجيش التركي مواقع الحزب")[0].actor
    assert acled_actor_name(turk, "IRQ", D2015) == "Military Forces of Turkey (2002-2016)"
    assert acled_actor_name(turk, "IRQ", D2023) == "Military Forces of Turkey (2016-)"
    pmf = find_actors("تقدمت قوات الحشد الشعبي")[0].actor
    assert acled_actor_name(pmf, "IRQ", D2023) == (
        "Military Forces of Iraq (2022-) Popular Mobilization Forces")
    nusra = find_actors("هاجمت جبهة النصرة الحاجز")[0].actor
    assert acled_actor_name(nusra, "SYR", D2015) == "Jabhat al Nusra"
    assert acled_actor_name(nusra, "SYR", dt.date(2018, 1, 1)) == "HTS: Hayat Tahrir al Sham"
    isis = find_actors("تبنى داعش الهجوم")[0].actor
    assert acled_actor_name(isis, "IRQ", D2015) == "Islamic State (Iraq)"
    assert acled_actor_name(isis, "SYR", D2015) == "Islamic State (Syria)"


def test_inter_rule_for_state_forces_abroad() -> None:
    turk = find_actors("قصفت المقاتلات التركية معسكرات في جبال قنديل")[0].actor
    assert acled_inter(turk, "TUR") == "State forces"
    assert acled_inter(turk, "IRQ") == "External/Other forces"
    gunmen = find_actors("هاجم مسلحون نقطة تفتيش")[0].actor
    assert acled_inter(gunmen, "SYR") == "Political militia"
    houthis = find_actors("أطلق الحوثيون صاروخا")[0].actor
    assert acled_inter(houthis, "YEM", dt.date(2014, 9, 1)) == "Rebel group"
    assert acled_inter(houthis, "YEM", dt.date(2018, 1, 1)) == "State forces"
    assert acled_inter(houthis, "SAU", dt.date(2018, 1, 1)) == "External/Other forces"


def test_country_alone_is_an_actor() -> None:
    ms = find_actors("وقالت تركيا إنها ردت على القصف")
    assert ms[0].actor.cameo_code == "TUR" and ms[0].actor.role == ""
    assert acled_actor_name(ms[0].actor, "SYR", D2015) == "Military Forces of Turkey (2002-2016)"


def test_interaction_text_and_code() -> None:
    assert interaction_text("Political militia", "State forces") == (
        "State forces-Political militia")
    assert interaction_text("Civilians", "Rebel group") == "Rebel group-Civilians"
    assert interaction_text("Protesters", "") == "Protesters only"
    assert interaction_code("Protesters", "") == 60
    assert interaction_code("Political militia", "State forces") == 13
    assert interaction_code("External/Other forces", "Rebel group") == 28
    assert interaction_code("State forces", "State forces") == 11
    with pytest.raises(ValueError):
        interaction_text("Soldiers", "")


def test_every_interaction_value_is_valid() -> None:
    valid = valid_interactions()
    assert len(valid) == 8 + 36
    labels = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
              "Protesters", "Civilians", "External/Other forces"]
    for a in labels:
        assert interaction_text(a, "") in valid
        for b in labels:
            assert interaction_text(a, b) in valid
            assert interaction_text(a, b) == interaction_text(b, a)
            code = interaction_code(a, b)
            assert code // 10 <= code % 10


def test_actor_from_elsewhere_uses_its_own_template() -> None:
    other = Actor(id="custom", cameo_code="SYRREB", name="Local group",
                  acled_name="Local Group ({country})", inter="Rebel group", country="", role="REB")
    assert acled_actor_name(other, "SYR", D2015) == "Local Group (Syria)"
    assert acled_inter(other, "SYR") == "Rebel group"


def test_offsets_map_to_original_text_with_tashkeel() -> None:
    text = "وَقَصَفَتِ الطَّائِرَاتُ الرُّوسِيَّةُ المَدِينَةَ"
    ms = find_actors(text)
    assert ms and ms[0].actor.cameo_code == "RUSMIL"
    assert text[ms[0].start:ms[0].end] == ms[0].text
    assert ms[0].text.endswith("الرُّوسِيَّةُ")


def test_barrel_bombs_are_the_air_force_of_the_event_country() -> None:
    [m] = find_actors("سقطت براميل متفجرة على حي الشيخ سعيد في حلب", country="SYR")
    assert m.actor.id == "barrel_bombs@SYR" and m.actor.cameo_code == "SYRMIL"


def test_state_organ_turns_a_country_into_its_army() -> None:
    from coder.actors import state_organ

    [m] = find_actors("شنت تركيا غارات على مواقع في جبال قنديل")
    army = state_organ(m.actor, "army", D2015)
    assert (army.cameo_code, army.country, army.role) == ("TURMIL", "TUR", "MIL")
    assert army.acled_name.startswith("Military Forces of Turkey")
    civ = find_actors("قتل مدنيان", country="IRQ")[0].actor
    assert state_organ(civ, "army") is civ  # only bare countries change
    with pytest.raises(KeyError):
        state_organ(m.actor, "no_such_organ")


def test_a_weapon_never_absorbs_the_sites_it_hits() -> None:
    ms = find_actors("نفذ الطيران غارات لمراكز تجمع تابعة لتنظيم داعش قرب الحويجة",
                     country="IRQ")
    site = next(m for m in ms if "لمراكز" in m.text)
    assert site.actor.cameo_code == "IMGINS" and site.text.startswith("لمراكز")
    assert not any(m.text.startswith("غارات") and m.actor.cameo_code == "IMGINS" for m in ms)


@pytest.mark.parametrize("text,code", [
    ("اقتحمت القوات الأمنية العراقية حي الضباط في الموصل", "IRQMIL"),  # armed forces, as ACLED
    ("طوقت قوات الأمن العراقية مكان الاعتداء", "IRQCOP"),  # the police
    ("قتل قاض داعشي في غارة قرب الحويجة", "IMGINS"),  # an ISIS judge is ISIS
])
def test_security_forces_and_group_adjectives(text: str, code: str) -> None:
    assert code in [m.actor.cameo_code for m in find_actors(text, country="IRQ")]


def test_district_and_military_adverb_are_no_actors() -> None:
    assert find_actors("سقطت قذائف على قضاء الحويجة", country="IRQ") == []
    assert find_actors("حققت الفصائل تقدما عسكريا واسعا", country="SYR")[0].actor.role == "REB"
    assert len(find_actors("حققت الفصائل تقدما عسكريا واسعا", country="SYR")) == 1
    assert find_actors("أحال القضاء المتهمين إلى المحكمة", country="IRQ")[0].actor.role == "JUD"


def test_organs_of_a_state_and_generic_agents() -> None:
    from coder.actors import as_organ, generic_actor, is_generic

    [gov] = find_actors("أعلنت السلطات التركية حظر التجول")
    police = as_organ(gov.actor, "police", D2015)
    assert (police.cameo_code, police.role) == ("TURCOP", "COP")
    [group] = find_actors("تنظيم داعش")
    assert as_organ(group.actor, "police") is group.actor  # only state actors act as organs
    civ = generic_actor("civilians", "IRQ")
    assert (civ.cameo_code, civ.role) == ("IRQCVL", "CVL") and is_generic(civ)
    assert not is_generic(group.actor) and not is_generic(police)
    with pytest.raises(ValueError):
        generic_actor("police")


def test_site_agents_must_be_agents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coder import codebooks
    from coder.actor_book import load_book
    from coder.codebooks import CodebookError

    root = tmp_path / "codebooks"
    shutil.copytree(codebooks.codebook_dir(), root)
    comp = root / "ar" / "actors" / "composition.yaml"
    comp.write_text(comp.read_text(encoding="utf-8").replace(
        "site_agents: [assets]", "site_agents: [police]"), encoding="utf-8")
    monkeypatch.setenv("CODER_CODEBOOKS", str(root))
    codebooks.codebook_dir.cache_clear()
    load_book.cache_clear()
    try:
        with pytest.raises(CodebookError, match=r"composition\.yaml:\d+: site_agents"):
            load_book()
    finally:
        monkeypatch.delenv("CODER_CODEBOOKS")
        codebooks.codebook_dir.cache_clear()
        load_book.cache_clear()
