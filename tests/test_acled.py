"""The ACLED layer (coder.acled): crosswalk, actors, interaction and notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coder import actors
from coder.acled import apply_acled, classify, make_notes
from coder.acled_crosswalk import load_crosswalk
from coder.casualties import fatalities_for_trigger
from coder.codebooks import read_yaml
from coder.model import Actor, Event

SYR_ARMY = Actor("t_syr_army", "SYRMIL", "Syrian army", "Military Forces of Syria (2000-2024)",
                 "State forces", "SYR", "MIL")
IRQ_POLICE = Actor("t_irq_police", "IRQCOP", "Iraqi police", "Police Forces of Iraq (2022-)",
                   "State forces", "IRQ", "COP")
HTS = Actor("t_hts", "SYRREB", "Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", "Rebel group",
            "SYR", "REB")
IRI = Actor("t_iri", "IRQREB", "Islamic Resistance in Iraq", "Islamic Resistance in Iraq",
            "Political militia", "IRQ", "REB")
US_FORCES = Actor("t_us", "USAMIL", "US forces", "Military Forces of the United States (2021-)",
                  "State forces", "USA", "MIL")
CIVILIANS = Actor("t_cvl", "SYRCVL", "civilians", "Civilians (Syria)", "Civilians", "SYR", "CVL")

SEED = Path("/work/shared/seed/article.txt")

# One sentence per ACLED sub-event type: (CAMEO code, clause, source, target, expected).
CASES = [
    ("190", "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على أطراف مدينة درعا",
     None, None, "Armed clash"),
    ("190", "تمكن الجيش من استعادة السيطرة على قرية البوعيثة بعد طرد المسلحين منها",
     SYR_ARMY, HTS, "Government regains territory"),
    ("192", "سيطر مقاتلو الهيئة على بلدة كفرنبل بالكامل بعد انسحاب قوات النظام منها",
     HTS, SYR_ARMY, "Non-state actor overtakes territory"),
    ("195", "قصفت طائرات النظام بلدة اللطامنة بقذائف تحتوي غاز الكلور",
     SYR_ARMY, None, "Chemical weapon"),
    ("195", "شنت طائرة مسيرة تركية غارة على سيارة قرب مدينة القامشلي",
     None, None, "Air/drone strike"),
    ("183", "فجر انتحاري يرتدي حزاما ناسفا نفسه وسط تجمع للمصلين في مدينة الرمادي",
     None, None, "Suicide bomb"),
    ("190", "سقطت قذائف هاون على حي باب توما في دمشق القديمة",
     None, None, "Shelling/artillery/missile attack"),
    ("183", "انفجرت عبوة ناسفة بدورية للشرطة على طريق بعقوبة الخالص",
     None, IRQ_POLICE, "Remote explosive/landmine/IED"),
    ("180", "ألقى مجهول قنبلة يدوية على منزل أحد الوجهاء في مدينة البصرة",
     None, None, "Grenade"),
    ("182", "اغتصب مسلحون فتاة في قرية قرب مدينة سنجار", None, None, "Sexual violence"),
    ("180", "أطلق مسلحون مجهولون النار على مدنيين في سوق بلدة الشحيل",
     None, None, "Attack"),
    ("181", "اختطف مسلحون مجهولون طبيبا من عيادته في مدينة الموصل",
     None, None, "Abduction/forced disappearance"),
    ("141", "تظاهر مئات الطلاب أمام مبنى المحافظة في الناصرية للمطالبة بفرص عمل",
     None, None, "Peaceful protest"),
    ("141", "فرقت قوات الأمن بالغاز المسيل للدموع مظاهرة لعشرات المحتجين وسط بغداد",
     None, None, "Protest with intervention"),
    ("175", "أطلقت قوات الأمن الرصاص الحي على المتظاهرين في البصرة ما أدى إلى مقتل ثلاثة منهم",
     None, None, "Excessive force against protesters"),
    ("141", "رشق المتظاهرون قوات الأمن بالحجارة وأضرموا النار في إطارات السيارات",
     None, None, "Violent demonstration"),
    ("182", "اعتدى حشد غاضب بالعصي على شاب متهم بالسرقة في سوق المدينة",
     None, None, "Mob violence"),
    ("0871", "أعلنت الفصائل والقوات الحكومية وقف إطلاق النار في درعا البلد",
     None, None, "Agreement"),
    ("173", "اعتقلت قوات الأمن العراقية خمسة مطلوبين في حي الجهاد غربي بغداد",
     IRQ_POLICE, None, "Arrests"),
    ("062", "أعلن فصيلان مسلحان في ريف حلب اندماجهما في تشكيل جديد",
     None, None, "Change to group/activity"),
    ("190", "أسقطت الدفاعات الجوية طائرة مسيرة فوق قاعدة حميميم",
     None, None, "Disrupted weapons use"),
    ("154", "أنشأت القوات التركية قاعدة جديدة قرب بلدة الأتارب",
     None, None, "Headquarters or base established"),
    ("171", "نهب مسلحون محتويات المحال التجارية وأحرقوا عددا منها في السوق",
     None, None, "Looting/property destruction"),
    ("0874", "انسحبت قوات سوريا الديمقراطية من قرى في ريف منبج وسلمتها لقوات النظام",
     None, None, "Non-violent transfer of territory"),
    ("154", "استقدمت القوات الأمريكية تعزيزات عسكرية إلى قواعدها في ريف دير الزور",
     None, None, "Other"),
]


@pytest.mark.parametrize("code, clause, source, target, expected", CASES)
def test_every_sub_event_type(code: str, clause: str, source: Actor | None,
                              target: Actor | None, expected: str) -> None:
    kind = classify(code, clause, source, target)
    assert kind is not None
    assert kind.sub_event_type == expected
    assert load_crosswalk().sub_events[expected].event_type == kind.event_type


def test_cases_cover_all_25_sub_event_types() -> None:
    taxonomy = read_yaml("export/acled_taxonomy.yaml")["event_types"]
    every = {sub for subs in taxonomy.values() for sub in subs}
    assert len(every) == 25
    assert {c[-1] for c in CASES} == every
    assert set(load_crosswalk().sub_events) == every


def test_disorder_types_and_civilian_targeting() -> None:
    protest = classify("175", CASES[14][1], None, None)
    assert protest is not None
    assert protest.disorder_type == "Political violence; Demonstrations"
    attack = classify("180", CASES[10][1], None, None)
    assert attack is not None and attack.civilian_targeting == "Civilian targeting"
    assert attack.disorder_type == "Political violence"
    arrests = classify("173", CASES[18][1], IRQ_POLICE, None)
    assert arrests is not None and arrests.disorder_type == "Strategic developments"
    peaceful = classify("141", CASES[12][1], None, None)
    assert peaceful is not None and peaceful.disorder_type == "Demonstrations"
    shelled = classify("194", "سقطت قذائف على مخيم للنازحين وقتل طفلان", None, None)
    assert shelled is not None and shelled.civilian_targeting == "Civilian targeting"
    at_army = classify("194", "قصفت الفصائل مواقع الجيش", HTS, SYR_ARMY)
    assert at_army is not None and at_army.civilian_targeting == ""


def test_hierarchy_rules() -> None:
    clash = classify("195", "شن الطيران الحربي غارات مساندة للقوات خلال اشتباكات عنيفة مع "
                     "المسلحين في محيط البلدة", SYR_ARMY, HTS)
    assert clash is not None and clash.sub_event_type == "Armed clash"
    mixed = classify("194", "تعرضت البلدة لقصف مدفعي وصاروخي تبعته غارات للطيران الحربي",
                     SYR_ARMY, None)
    assert mixed is not None and mixed.sub_event_type == "Air/drone strike"
    ceasefire = classify("0871", "أعلنت الأطراف وقف إطلاق النار", None, None)
    assert ceasefire is not None and ceasefire.sub_event_type == "Agreement"


def test_arrest_by_non_state_actor_is_abduction() -> None:
    kind = classify("173", "اعتقل عناصر الهيئة ناشطا إعلاميا في مدينة إدلب", HTS, None)
    assert kind is not None and kind.sub_event_type == "Abduction/forced disappearance"


def test_outside_acled_scope() -> None:
    assert classify("010", "قال المتحدث إن القصف استهدف مواقع المسلحين", None, None) is None
    assert classify("112", "اتهمت الوزارة الفصائل بخرق الهدنة", None, None) is None


def _event(**kw: object) -> Event:
    base: dict[str, object] = dict(article_ids=["a1"], sentence="",
                                   event_date=dt.date(2023, 11, 18))
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_seed_conoco_event() -> None:
    sentence = SEED.read_text(encoding="utf-8").split("\n")[1]
    found = actors.find_actors(sentence, dt.date(2023, 11, 18), "SYR")
    source = next(m.actor for m in found if m.actor.name == "Islamic Resistance in Iraq")
    target = next(m.actor for m in found if m.actor.cameo_code == "USAMIL")
    start = sentence.index("لهجوم صاروخي")
    toll = fatalities_for_trigger(sentence, (start, start + len("لهجوم صاروخي")))
    assert toll == 0
    event = _event(sentence=sentence, cameo_code="194", source_actor=source,
                   target_actor=target, country_iso3="SYR", location="Koniko Gas Field",
                   admin1="Deir ez Zor", fatalities=toll)
    apply_acled(event, sentence)
    assert event.acled_event_type == "Explosions/Remote violence"
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert event.disorder_type == "Political violence"
    assert event.actor2.startswith("Military Forces of the United States")
    assert event.inter2 == "External/Other forces"
    assert event.actor1 == "Islamic Resistance in Iraq"
    assert event.interaction == "Political militia-External/Other forces"
    assert event.event_date == dt.date(2023, 11, 18)
    assert event.notes.startswith("On 18 November 2023, Islamic Resistance in Iraq fired")
    assert event.notes.endswith("in Koniko Gas Field (Deir ez Zor). No fatalities.")


def test_civilians_are_actor2_in_violence_against_civilians() -> None:
    clause = "أطلق عناصر من الهيئة النار على مدنيين في بلدة سرمدا"
    event = _event(cameo_code="180", source_actor=HTS, target_actor=CIVILIANS,
                   country_iso3="SYR")
    apply_acled(event, clause)
    assert event.acled_event_type == "Violence against civilians"
    assert event.actor1 == "Hayat Tahrir al-Sham" and event.inter1 == "Rebel group"
    assert event.actor2 == "Civilians (Syria)" and event.inter2 == "Civilians"
    assert event.interaction == "Rebel group-Civilians"
    assert event.civilian_targeting == "Civilian targeting"
    swapped = _event(cameo_code="181", source_actor=CIVILIANS, target_actor=HTS,
                     country_iso3="SYR")
    apply_acled(swapped, "خطف عناصر من الهيئة ثلاثة مدنيين من منازلهم")
    assert swapped.actor1 == "Hayat Tahrir al-Sham" and swapped.actor2 == "Civilians (Syria)"
    unknown = _event(cameo_code="181", country_iso3="IRQ")
    apply_acled(unknown, "اختطف مسلحون مجهولون طبيبا في الموصل")
    assert unknown.actor1 == "Unidentified Armed Group (Iraq)"
    assert unknown.inter1 == "Political militia"
    assert unknown.actor2 == "Civilians (Iraq)"


def test_protest_actors_and_interaction() -> None:
    peaceful = _event(cameo_code="141", country_iso3="IRQ")
    apply_acled(peaceful, "تظاهر مئات الطلاب أمام مبنى المحافظة في الناصرية")
    assert peaceful.actor1 == "Protesters (Iraq)" and peaceful.inter1 == "Protesters"
    assert peaceful.actor2 == "" and peaceful.interaction == "Protesters only"
    dispersed = _event(cameo_code="141", country_iso3="IRQ", source_actor=IRQ_POLICE)
    apply_acled(dispersed, "فرقت الشرطة بالغاز المسيل للدموع مظاهرة للمحتجين وسط بغداد")
    assert dispersed.acled_sub_event_type == "Protest with intervention"
    assert dispersed.actor1 == "Protesters (Iraq)"
    assert dispersed.actor2.startswith("Police Forces of Iraq")
    assert dispersed.interaction == "State forces-Protesters"
    riot = _event(cameo_code="145", country_iso3="IRQ")
    apply_acled(riot, "أضرم محتجون غاضبون النار في مبنى البلدية")
    assert riot.actor1 == "Rioters (Iraq)" and riot.interaction == "Rioters only"


def test_every_interaction_written_is_valid() -> None:
    valid = actors.valid_interactions()
    written = []
    for code, clause, source, target, _ in CASES:
        event = _event(cameo_code=code, country_iso3="SYR", source_actor=source,
                       target_actor=target)
        apply_acled(event, clause)
        if event.actor1:
            written.append(event.interaction)
    assert len(written) >= 15
    assert all(i in valid for i in written), set(written) - valid
    assert actors.interaction_code("State forces", "Civilians") == 17
    assert actors.interaction_code("Protesters", "") == 60


@pytest.mark.parametrize("precision, start", [
    (1, "On 18 November 2023, "),
    (2, "Around 18 November 2023 (week of), "),
    (3, "In November 2023, "),
])
def test_notes_date_forms(precision: int, start: str) -> None:
    event = _event(time_precision=precision, acled_sub_event_type="Air/drone strike",
                   actor1="Military Forces of Syria (2000-2024)", actor2="Hayat Tahrir al-Sham",
                   location="Sarmada", admin1="Idleb")
    notes = make_notes(event)
    assert notes.startswith(start)
    assert "Military Forces of Syria carried out an air/drone strike on Hayat Tahrir al-Sham" \
        in notes
    assert "in Sarmada (Idleb)." in notes


@pytest.mark.parametrize("fatalities, end", [
    (0, "No fatalities."), (1, "1 fatality."), (7, "7 fatalities.")])
def test_notes_fatalities(fatalities: int, end: str) -> None:
    event = _event(acled_sub_event_type="Remote explosive/landmine/IED",
                   actor1="Unidentified Armed Group (Iraq)", fatalities=fatalities,
                   location="Baqubah", admin1="Diyala", event_date=dt.date(2023, 3, 5))
    notes = make_notes(event)
    assert notes == ("On 5 March 2023, Unidentified Armed Group (Iraq) detonated an explosive "
                     f"device in Baqubah (Diyala). {end}")
