"""Sides an event's own sentence leaves unnamed, filled from the rest of the report, and the
words that refer back to a group (hand-written reports, not from the dev set)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coder import codebooks, coreference
from coder.actors import find_actors, generic_actor
from coder.codebooks import CodebookError
from coder.events import code_article
from coder.model import Actor, Article, Event
from coder.report_sides import ReportSides, home_country, protesters_first
from coder.roles import Span

PUB = dt.datetime(2023, 11, 19, 10, 0)


def code(text: str) -> list[Event]:
    return code_article(Article(id="t", published=PUB, text=text))


def side(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.country or actor.cameo_code[:3]}/{actor.role}"


def test_strikes_detailed_after_a_summary_keep_its_sides() -> None:
    events = code("أعلن التحالف الدولي أمس أن طائرات التحالف نفذت 25 غارة ضد تنظيم داعش في سوريا "
                  "والعراق. وفي العراق أصابت الغارات مواقع قرب مدينة الموصل وتلعفر.")
    assert [e.location for e in events] == ["Mosul", "Tal Afar"]
    for e in events:
        assert side(e.source_actor) == "IMG/MIL" and side(e.target_actor) == "IMG/INS"
        assert "role:target-from-previous-report" in e.rules


def test_a_side_fights_the_enemy_the_report_named_for_it() -> None:
    clash, strike = code("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مدينة درعا "
                         "أمس. وألقى الطيران المروحي براميل متفجرة على أحياء في مدينة درعا.")
    assert side(clash.target_actor) == "SYR/REB"
    assert side(strike.source_actor) == "SYR/MIL" and side(strike.target_actor) == "SYR/REB"
    assert "role:target-enemy-in-report" in strike.rules


def test_no_side_carries_across_roots_or_into_old_news() -> None:
    sides = ReportSides(pub=dt.date(2023, 11, 19))
    [army] = find_actors("الجيش العراقي", country="IRQ")
    [isis] = find_actors("تنظيم داعش")
    sides.remember(army.actor, isis.actor, "195", dt.date(2023, 11, 18))
    rules: list[str] = []
    got = sides.carried("183", True, None, None, dt.date(2023, 11, 18), "IRQ", rules)
    assert got == (None, None)  # a bombing is no further strike of the army's
    got = sides.carried("195", False, None, None, dt.date(2023, 9, 1), "IRQ", rules)
    assert got == (None, None)  # background: the report's current sides do not reach it
    got = sides.carried("195", False, None, None, dt.date(2023, 11, 17), "IRQ", rules)
    assert got == (army.actor, isis.actor) and rules == [
        "role:source-from-previous-report", "role:target-from-previous-report"]


def test_enemies_are_armed_sides_of_a_use_of_force() -> None:
    day = dt.date(2023, 11, 18)
    sides = ReportSides(pub=dt.date(2023, 11, 19))
    [army] = find_actors("الجيش العراقي", country="IRQ")
    [police] = find_actors("الشرطة العراقية", country="IRQ")
    [isis] = find_actors("تنظيم داعش")
    sides.enemy(army.actor, police.actor, day)
    assert sides.enemies == {}  # two organs of one state are no enemies
    sides.enemy(army.actor, isis.actor, day)
    rules: list[str] = []
    assert sides.carried("190", False, army.actor, None, day, "IRQ", rules)[1] == isis.actor
    assert sides.carried("173", False, isis.actor, None, day, "IRQ", rules)[1] == army.actor
    # a statement is no use of force: its target is not guessed from the fighting
    assert sides.carried("010", False, army.actor, None, day, "IRQ", rules) == (army.actor, None)


def test_the_unnamed_dead_of_a_bombing_are_civilians() -> None:
    [e] = code("أسفر انفجار سيارة مفخخة في سوق مدينة الحلة أمس عن سقوط 14 قتيلا.")
    assert side(e.target_actor) == "IRQ/CVL" and e.source_actor is None
    assert "role:unnamed-dead-are-civilians" in e.rules


def test_each_place_of_a_strike_takes_the_target_named_before_it() -> None:
    duhok, raqqa = code("شنت طائرات تركية أمس غارات على مواقع لحزب العمال الكردستاني في دهوك "
                        "ومواقع لتنظيم داعش في الرقة.")
    assert duhok.location == "Duhok" and side(duhok.target_actor) == "TUR/REB"
    assert raqqa.admin1 == "Ar Raqqa" and side(raqqa.target_actor) == "IMG/INS"
    assert "role:target-of-each-place" in raqqa.rules


def test_people_arrested_where_no_place_is_named_are_of_the_polices_country() -> None:
    events = code("شنت مقاتلات تركية غارات على مواقع لتنظيم داعش قرب حلب ومنبج في سوريا أمس. "
                  "وقالت الحكومة إن الشرطة التركية اعتقلت 120 شخصا يشتبه بصلتهم بجماعات متطرفة.")
    arrest = next(e for e in events if e.cameo_root == "17")
    assert side(arrest.source_actor) == "TUR/COP" and side(arrest.target_actor) == "TUR/CVL"
    [police] = find_actors("الشرطة التركية")
    assert home_country("173", police.actor, "SYR") == "TUR"
    assert home_country("195", police.actor, "SYR") == "SYR"


def test_protesters_come_first_in_their_protest() -> None:
    [police] = find_actors("الشرطة العراقية")
    crowd = generic_actor("protesters", "IRQ")
    event = Event(article_ids=["t"], sentence="", event_date=PUB.date(), cameo_code="141",
                  cameo_root="14", source_actor=police.actor, target_actor=crowd,
                  source_actor_code=police.actor.cameo_code, target_actor_code=crowd.cameo_code)
    protesters_first(event)
    assert event.source_actor is crowd and event.target_actor is police.actor
    assert (event.source_actor_code, event.target_actor_code) == ("IRQCVL", "IRQCOP")
    [e] = [e for e in code("استخدمت الشرطة العراقية أمس خراطيم المياه لتفريق مئات المحتجين أمام "
                           "مبنى المحافظة في البصرة.") if e.cameo_root == "14"]
    assert side(e.source_actor) == "IRQ/CVL" and side(e.target_actor) == "IRQ/COP"


# --- words that refer back to a group ----------------------------------------------------------


def spans(text: str) -> list[Span]:
    return [Span(m.start, m.end, m.actor) for m in find_actors(text)]


def test_the_organisation_is_the_last_jihadist_group_not_a_party() -> None:
    text = ("هاجم تنظيم داعش قرية في ريف حمص، فيما قصف حزب الله مواقع في القلمون. "
            "وقال ناشطون إن التنظيم سيطر على القرية.")
    got = coreference.resolve(text, spans(text))
    ref = next(s for s in got if text[s.start:s.end] == "التنظيم")
    assert ref.actor.cameo_code == "IMGINS"


def test_generic_fighters_stand_for_the_group_the_report_is_about() -> None:
    text = "أعلن تنظيم داعش مسؤوليته عن الهجوم. وقصفت المدفعية التركية مواقع للمتطرفين قرب الحدود."
    got = coreference.resolve(text, spans(text))
    sites = next(s for s in got if "للمتطرفين" in text[s.start:s.end])
    assert sites.actor.cameo_code == "IMGINS"
    alone = "قصفت المدفعية مواقع للمتطرفين قرب الحدود."  # no group named: they stay generic
    assert coreference.resolve(alone, spans(alone))[-1].actor.role == "INS"


@pytest.fixture
def coref_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "codebooks"
    shutil.copytree(codebooks.codebook_dir(), root)
    monkeypatch.setenv("CODER_CODEBOOKS", str(root))
    codebooks.codebook_dir.cache_clear()
    coreference.load_coreference.cache_clear()
    yield root / "ar" / "actors" / "coreference.yaml"
    monkeypatch.delenv("CODER_CODEBOOKS")
    codebooks.codebook_dir.cache_clear()
    coreference.load_coreference.cache_clear()


def test_coreference_codebook_errors_name_file_and_line(coref_copy: Path) -> None:
    text = coref_copy.read_text(encoding="utf-8")
    coref_copy.write_text(text.replace("organisation_roles: [INS]", "organisation_roles: [XXX]"),
                          encoding="utf-8")
    with pytest.raises(CodebookError, match=r"coreference\.yaml:\d+: organisation_roles"):
        coreference.load_coreference()
    coref_copy.write_text(text + "wordz: [الفصيل]\n", encoding="utf-8")
    coreference.load_coreference.cache_clear()
    with pytest.raises(CodebookError, match="unknown key"):
        coreference.load_coreference()
