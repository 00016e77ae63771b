"""Tests for coder.evaluate: matching, scoring, reporting against hand-built gold."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.evaluate import (
    _assign,
    evaluate,
    evaluate_files,
    format_report,
    match_events,
    report_json,
    role_right,
)
from coder.gold import GoldActor, GoldArticle, GoldError, GoldEvent, load_gold
from coder.model import Actor, Article, Event

D = dt.date
SYR_MIL = Actor("a1", "SYRMIL", "Syrian army", "Military Forces of Syria", "State forces",
                "SYR", "MIL")
ISIS = Actor("a2", "IMGINS", "Islamic State", "Islamic State (Syria)", "Rebel group", "", "INS")
SYR_CVL = Actor("a3", "SYRCVL", "civilians", "Civilians (Syria)", "Civilians", "SYR", "CVL")
TUR_MIL = Actor("a4", "TURMIL", "Turkish army", "Military Forces of Turkey", "State forces",
                "TUR", "MIL")

TODAY = D(2023, 11, 19)
GOLD_SRC = GoldActor("طائرات حربية", "SYR", "MIL")
GOLD_TGT = GoldActor("مدنيين", "SYR", "CVL")

SENT_AIR = "وقتل ثلاثة مدنيين في غارة جوية استهدفت بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم"
SENT_SHELL = "وسقطت قذائف هاون على حي الميدان في مدينة حلب مساء أمس دون وقوع إصابات"
SENT_TALK = "وبحث وزير الخارجية مع نظيره التركي في أنقرة تطورات الأوضاع الميدانية"


def gold_event(
    gid: str = "e1",
    *,
    salience: str = "headline",
    date: dt.date = TODAY,
    alts: tuple[dt.date, ...] = (),
    cameo: str = "195",
    cameo_alts: tuple[str, ...] = (),
    admin1: str | None = "Idleb",
    etype: str = "Explosions/Remote violence",
    sub: str = "Air/drone strike",
    fatalities: int = 3,
    source: GoldActor = GOLD_SRC,
    target: GoldActor = GOLD_TGT,
) -> GoldEvent:
    return GoldEvent(
        article_id="a1", id=gid, salience=salience, date=date, date_alternatives=alts,
        time_precision=1, cameo_code=cameo, cameo_alternatives=cameo_alts,
        acled_event_type=etype, acled_sub_event_type=sub, fatalities=fatalities,
        country="SYR", admin1=admin1, location="Kafr Nobol", location_ar="كفرنبل",
        geo_precision=1, source=source, target=target, evidence=SENT_AIR,
    )


def event(
    *,
    date: dt.date = TODAY,
    cameo: str = "195",
    admin1: str = "Idleb",
    etype: str = "Explosions/Remote violence",
    sub: str = "Air/drone strike",
    fatalities: int = 3,
    source: Actor | None = SYR_MIL,
    target: Actor | None = SYR_CVL,
    sentence: str = SENT_AIR,
) -> Event:
    return Event(
        article_ids=["a1"], sentence=sentence, event_date=date, cameo_code=cameo,
        cameo_root=cameo[:2], acled_event_type=etype, acled_sub_event_type=sub,
        country_iso3="SYR", admin1=admin1, fatalities=fatalities,
        source_actor=source, target_actor=target, rules=["test"],
    )


def article(*events: GoldEvent, aid: str = "a1") -> GoldArticle:
    return GoldArticle(aid, dt.datetime(2023, 11, 19, 10, 0), tuple(events))


def test_perfect_match() -> None:
    report = evaluate({"a1": article(gold_event())}, {"a1": [event()]})
    assert report.scores == (1.0, 1.0, 1.0)
    attrs = report.attributes()
    for name in ("date", "time_precision", "acled_event_type", "acled_sub_event_type",
                 "fatalities", "source_role", "target_role", "both_roles", "admin1",
                 "cameo_exact"):
        assert attrs[name].value == 1.0, name


def test_alternative_date_matches_but_date_is_wrong() -> None:
    gold = gold_event(date=D(2023, 11, 19), alts=(D(2023, 11, 18),))
    pairs = match_events([gold], [event(date=D(2023, 11, 18))])
    assert pairs[0][0] is gold and pairs[0][1] is not None
    report = evaluate({"a1": article(gold)}, {"a1": [event(date=D(2023, 11, 18))]})
    assert report.matched_events == 1
    assert report.attributes()["date"].value == 0.0
    # a date outside gold and its alternatives does not match
    assert report_json(evaluate({"a1": article(gold)}, {"a1": [event(date=D(2023, 11, 17))]}))[
        "matched_events"] == 0


def test_cameo_root_alternatives() -> None:
    gold = gold_event(cameo="194", cameo_alts=("190",), etype="Battles", sub="Armed clash")
    report = evaluate({"a1": article(gold)}, {"a1": [event(cameo="193")]})
    assert report.matched_events == 1
    assert report.attributes()["cameo_exact"].value == 0.0
    miss = evaluate({"a1": article(gold)}, {"a1": [event(cameo="183")]})
    assert miss.matched_events == 0 and miss.predicted_events == 1


def test_admin1_mismatch_and_null_gold_admin1() -> None:
    gold = gold_event(admin1="Idleb")
    assert match_events([gold], [event(admin1="Aleppo")])[0][1] is None
    free = gold_event(admin1=None)
    assert match_events([free], [event(admin1="Aleppo")])[0][1] is not None
    report = evaluate({"a1": article(free)}, {"a1": [event(admin1="Aleppo")]})
    assert report.attributes()["admin1"].total == 0


def test_one_gold_two_predictions_gives_one_false_positive() -> None:
    gold = gold_event(fatalities=3)
    worse = event(fatalities=0, source=None)
    better = event(fatalities=3)
    pairs = match_events([gold], [worse, better])
    assert pairs[0] == (gold, better)  # tie-break: more agreeing attributes
    assert pairs[1] == (None, worse)
    report = evaluate({"a1": article(gold)}, {"a1": [worse, better]})
    p, r, f = report.scores
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    assert report.articles[0].false_positives == [worse]


def test_assignment_maximises_matches_over_attribute_score() -> None:
    # gold A agrees fully with p1 but can also take p2; gold B can only take p1
    a = gold_event("e1", admin1=None, fatalities=3)
    b = gold_event("e2", admin1="Idleb", fatalities=0, cameo="190", cameo_alts=("195",))
    p1 = event(admin1="Idleb", fatalities=3)
    p2 = event(admin1="Aleppo", fatalities=0, source=None)
    pairs = match_events([a, b], [p1, p2])
    assert (a, p2) in pairs and (b, p1) in pairs


def test_verbal_events_reported_apart() -> None:
    talk = event(cameo="042", etype="", sub="", source=TUR_MIL, target=None, sentence=SENT_TALK)
    report = evaluate({"a1": article(gold_event())}, {"a1": [event(), talk]})
    assert report.verbal_events == 1
    assert report.predicted_events == 1 and report.scores[0] == 1.0
    typed = event(cameo="042", etype="Strategic developments", sub="Other", sentence=SENT_TALK)
    report2 = evaluate({"a1": article(gold_event())}, {"a1": [event(), typed]})
    assert report2.verbal_events == 0 and report2.predicted_events == 2
    assert "VERBAL 1" in format_report(report, verbose=True)


def test_headline_recall_and_salience() -> None:
    gold = article(
        gold_event("e1", salience="headline"),
        gold_event("e2", salience="headline", date=D(2023, 11, 18), admin1="Aleppo",
                   cameo="194", etype="Explosions/Remote violence",
                   sub="Shelling/artillery/missile attack"),
        gold_event("e3", salience="background", date=D(2023, 10, 13)),
    )
    report = evaluate({"a1": gold}, {"a1": [event()]})
    assert report.headline_recall().correct == 1 and report.headline_recall().total == 2
    by = report.recall_by_salience()
    assert by["background"].value == 0.0 and by["secondary"].total == 0
    data = report_json(report)
    assert data["headline_recall"] == 0.5


def test_report_json_keys_and_serialisable() -> None:
    report = evaluate({"a1": article(gold_event())}, {"a1": [event()], "zz": [event()]})
    data = report_json(report)
    for key in ("precision", "recall", "f1", "headline_recall", "recall_by_salience",
                "attributes", "by_event_type", "gold_events", "predicted_events",
                "matched_events", "verbal_events", "errors", "articles", "unscored_articles"):
        assert key in data, key
    assert data["unscored_articles"] == ["zz"]
    assert "articles" not in report_json(report, verbose=False)
    json.dumps(data, ensure_ascii=False)


def test_by_event_type_table() -> None:
    gold = article(gold_event("e1"),
                   gold_event("e2", cameo="190", etype="Battles", sub="Armed clash",
                              admin1="Aleppo"))
    preds = [event(), event(cameo="190", etype="Battles", sub="Armed clash", admin1="Homs")]
    rows = {r.event_type: r for r in evaluate({"a1": gold}, {"a1": preds}).by_type()}
    assert (rows["Battles"].gold, rows["Battles"].predicted, rows["Battles"].matched) == (1, 1, 0)
    ex = rows["Explosions/Remote violence"]
    assert ex.scores == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("gold", "actor", "right"),
    [
        (GoldActor("تنظيم داعش", "IMG", "INS"), ISIS, True),
        (GoldActor("تنظيم داعش", "IMG", "INS"), SYR_MIL, False),
        (GoldActor("الجيش السوري", "SYR", "MIL"), SYR_MIL, True),
        (GoldActor("الجيش السوري", "SYR", "MIL"), SYR_CVL, False),
        (GoldActor("الجيش التركي", "TUR", "MIL"), SYR_MIL, False),
        (GoldActor(), None, True),
        (GoldActor(), SYR_MIL, False),
        (GoldActor("الجيش السوري", "SYR", "MIL"), None, False),
    ],
)
def test_role_right(gold: GoldActor, actor: Actor | None, right: bool) -> None:
    assert role_right(gold, actor) is right


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(
    lambda n: st.integers(n, 5).flatmap(
        lambda m: st.lists(st.lists(st.integers(0, 30), min_size=m, max_size=m),
                           min_size=n, max_size=n))))
def test_assign_is_optimal(weight: list[list[int]]) -> None:
    cols = _assign(weight)
    assert len(set(cols)) == len(cols)
    got = sum(weight[i][c] for i, c in enumerate(cols))
    m = len(weight[0])
    best = max(sum(weight[i][c] for i, c in enumerate(perm))
               for perm in itertools.permutations(range(m), len(weight)))
    assert got == best


def _gold_line(aid: str, events: list[dict[str, object]]) -> str:
    return json.dumps({"article_id": aid, "published": "2023-11-19T09:30:00", "events": events,
                       "remarks": ""}, ensure_ascii=False)


GOLD_RECORD: dict[str, object] = {
    "id": "e1", "salience": "headline", "date": "2023-11-19", "date_alternatives": [],
    "time_precision": 1, "date_evidence": "صباح اليوم", "country": "SYR", "admin1": "Idleb",
    "location": "Kafr Nobol", "location_ar": "كفرنبل", "geo_precision": 1,
    "cameo_code": "195", "cameo_alternatives": [],
    "source": {"text": "طائرات حربية", "entity": "SYR", "role": "MIL"},
    "target": {"text": "مدنيين", "entity": "SYR", "role": "CVL"},
    "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Air/drone strike",
    "fatalities": 3, "evidence": SENT_AIR,
}


def test_load_gold_and_errors_name_the_line(tmp_path: Path) -> None:
    good = tmp_path / "gold.jsonl"
    good.write_text(_gold_line("a1", [GOLD_RECORD]) + "\n" + _gold_line("a2", []) + "\n",
                    encoding="utf-8")
    gold = load_gold(good)
    assert set(gold) == {"a1", "a2"}
    ev = gold["a1"].events[0]
    assert ev.admin1 == "Idleb" and ev.roots == frozenset({"19"}) and ev.source.entity == "SYR"
    bad = tmp_path / "bad.jsonl"
    broken = dict(GOLD_RECORD, salience="main")
    bad.write_text(_gold_line("a1", [GOLD_RECORD]) + "\n" + _gold_line("a2", [broken]) + "\n",
                   encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl:2: event e1: unknown salience"):
        load_gold(bad)
    bad.write_text(_gold_line("a1", [dict(GOLD_RECORD, cameo_code=195)]), encoding="utf-8")
    with pytest.raises(GoldError, match=r":1: event e1: 'cameo_code'"):
        load_gold(bad)


def test_evaluate_files_with_custom_coder(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(_gold_line("a1", [GOLD_RECORD]) + "\n"
                         + _gold_line("a2", [dict(GOLD_RECORD, admin1="Aleppo")]) + "\n",
                         encoding="utf-8")
    arts = tmp_path / "articles.jsonl"
    rows = [{"id": aid, "published": "2023-11-19T09:30:00", "title": "غارة على ريف إدلب",
             "source": "test", "url": f"https://example.org/{aid}", "text": SENT_AIR}
            for aid in ("a1", "a2", "a3")]
    arts.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    seen: list[str] = []

    def coder(art: Article) -> list[Event]:
        seen.append(art.id)
        if art.id == "a2":
            raise RuntimeError("boom")
        return [event(date=art.pub_date)]

    report = evaluate_files(gold_path, arts, coder)
    assert seen == ["a1", "a2"]  # a3 has no gold and is not coded
    assert report.matched_events == 1 and report.gold_events == 2
    assert report.errors == [("a2", "RuntimeError: boom")]
    text = format_report(report, verbose=True)
    assert "MISS  e1" in text and "evidence:" in text and "ERROR RuntimeError: boom" in text
    assert report.seconds is not None


def test_verbose_diagnostics_explain_misses_and_false_positives() -> None:
    gold = gold_event(admin1="Idleb")
    fp = event(admin1="Aleppo", cameo="194", sub="Shelling/artillery/missile attack",
               sentence=SENT_SHELL)
    text = format_report(evaluate({"a1": article(gold)}, {"a1": [fp]}), verbose=True)
    assert "why: closest prediction [194 2023-11-19]: admin1 'Aleppo' != 'Idleb'" in text
    assert "FP    2023-11-19 194" in text and SENT_SHELL in text
    matched = format_report(
        evaluate({"a1": article(gold)}, {"a1": [event(fatalities=5)]}), verbose=True)
    assert "wrong: fatalities 5≠3" in matched


def test_miss_reasons_count_each_category() -> None:
    gold = article(
        gold_event("e1", admin1="Idleb"),
        gold_event("e2", date=D(2023, 11, 17), admin1="Hama"),
        gold_event("e3", salience="secondary", admin1=None, cameo="181",
                   etype="Violence against civilians", sub="Abduction/forced disappearance"),
    )
    preds = [event(admin1="Aleppo"), event(date=D(2023, 11, 16), admin1="Hama")]
    report = evaluate({"a1": gold}, {"a1": preds})
    assert report.miss_reasons() == {"admin1": 1, "date": 1, "root": 1}
    assert evaluate({"a1": gold}, {}).miss_reasons() == {"no prediction": 3}
    missed = report_json(report)["articles"][0]["missed"]  # type: ignore[index]
    assert [m["why_kind"] for m in missed] == ["admin1", "date", "root"]


def test_two_gold_one_compatible_prediction_is_taken() -> None:
    gold = article(gold_event("e1"), gold_event("e2", salience="secondary", fatalities=0))
    report = evaluate({"a1": gold}, {"a1": [event(fatalities=3)]})
    assert report.matched_events == 1
    assert report.articles[0].matched[0][0].id == "e1"
    assert report.miss_reasons() == {"taken": 1}
    assert "compatible prediction went to gold e1" in format_report(report, verbose=True)
