"""Hand-built events and rejects for the export tests (imported by tests/test_export*.py)."""

from __future__ import annotations

import datetime as dt

from coder.model import Actor, Event, Place, Reject

RELEASE_DATE = dt.date(2023, 11, 20)

IRQ_MILITIA = Actor(
    id="irq.islamic_resistance", cameo_code="IRQREB", name="Islamic Resistance in Iraq",
    acled_name="Islamic Resistance in Iraq", inter="Political militia", country="IRQ",
    role="REB",
)
US_MILITARY = Actor(
    id="usa.military", cameo_code="USAMIL", name="United States military",
    acled_name="Military Forces of the United States (2021-)", inter="External/Other forces",
    country="USA", role="MIL",
)
IRAQ_POLICE = Actor(
    id="irq.police", cameo_code="IRQCOP", name="Iraqi police",
    acled_name="Police Forces of Iraq (2020-)", inter="State forces", country="IRQ", role="COP",
)
UN = Actor(
    id="igo.un", cameo_code="IGOUNO", name="United Nations", acled_name="United Nations",
    inter="External/Other forces", country="", role="IGO",
)

KONIKO = Place(
    id="site:koniko", name_en="Koniko Gas Field", name_ar="حقل كونيكو", feature_type="gas_field",
    iso3="SYR", iso_num=760, country="Syria", admin1="Deir ez Zor", admin2="Deir ez Zor",
    admin3="Khasham", fips="SY", adm1_code="SY04", latitude=35.2772, longitude=40.3144,
    source="coder sites",
)
KARRADA = Place(
    id="site:karrada", name_en="Baghdad - Karrada", name_ar="الكرادة", feature_type="neighbourhood",
    iso3="IRQ", iso_num=368, country="Iraq", admin1="Baghdad", admin2="Baghdad", admin3="",
    fips="IZ", adm1_code="IZ07", latitude=33.3003, longitude=44.4239, source="coder sites",
)
HASAKAH_GOV = Place(
    id="adm1:SY01", name_en="Al Hasakeh", name_ar="الحسكة", feature_type="admin1", iso3="SYR",
    iso_num=760, country="Syria", admin1="Al Hasakeh", admin2="", admin3="", fips="SY",
    adm1_code="SY01", latitude=36.5024, longitude=40.7477, source="coder admin",
)
SYRIA = Place(
    id="country:SYR", name_en="Syria", name_ar="سوريا", feature_type="country", iso3="SYR",
    iso_num=760, country="Syria", admin1="", admin2="", admin3="", fips="SY", adm1_code="",
    latitude=34.8021, longitude=38.9968, source="coder countries",
)


def rocket_attack() -> Event:
    return Event(
        article_ids=["ar-20231119-0007"],
        sentence="استهدفت المقاومة الإسلامية في العراق بعدة صواريخ قاعدة القوات الأمريكية في "
                 "حقل كونيكو للغاز بريف دير الزور الشرقي فجر السبت.",
        event_date=dt.date(2023, 11, 18), time_precision=1, date_text="فجر السبت",
        cameo_code="194", cameo_root="19", quad_class=4, goldstein=-10.0,
        source_actor_code="IRQREB", source_actor_name="Islamic Resistance in Iraq",
        target_actor_code="USAMIL", target_actor_name="United States military",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        disorder_type="Political violence", actor1="Islamic Resistance in Iraq",
        inter1="Political militia", actor2="Military Forces of the United States (2021-)",
        inter2="External/Other forces", interaction="Political militia-External/Other forces",
        country_iso3="SYR", admin1="Deir ez Zor", admin2="Deir ez Zor", admin3="Khasham",
        location="Koniko Gas Field", latitude=35.2772, longitude=40.3144, geo_precision=1,
        fatalities=0, source="Enab Baladi", source_scale="National",
        url="https://example.org/news/2023/11/19/koniko", published="2023-11-19T08:30:00+03:00",
        notes="On 18 November 2023, Islamic Resistance in Iraq fired rockets at the US base in "
              "Koniko Gas Field (Deir ez Zor). No fatalities.",
        event_id="3fa9b01c2d7e4f5a6b7c", salience="headline",
        rules=["fight.shell.verb", "weapons.rockets"], place=KONIKO,
        source_actor=IRQ_MILITIA, target_actor=US_MILITARY, num_mentions=2, num_sources=1,
    )


def baghdad_arrest() -> Event:
    return Event(
        article_ids=["ar-20231102-0031", "ar-20231102-0044"],
        sentence="واعتقلت قوات الأمن ثلاثة مطلوبين في حي الكرادة وسط بغداد مساء الخميس.",
        event_date=dt.date(2023, 11, 2), date_text="مساء الخميس", cameo_code="173",
        cameo_root="17", quad_class=4, goldstein=-5.0, source_actor_code="IRQCOP",
        source_actor_name="Iraqi police", acled_event_type="Strategic developments",
        acled_sub_event_type="Arrests", disorder_type="Strategic developments",
        actor1="Police Forces of Iraq (2020-)", inter1="State forces",
        interaction="State forces only", country_iso3="IRQ", admin1="Baghdad", admin2="Baghdad",
        location="Baghdad - Karrada", latitude=33.3003, longitude=44.4239, geo_precision=1,
        source="Al Sumaria; Shafaq News", source_scale="National",
        url="https://example.org/iq/arrests-karrada", published="2023-11-02T21:10:00",
        notes="On 2 November 2023, police forces arrested three wanted men in Baghdad - "
              "Karrada (Baghdad). No fatalities.",
        salience="secondary", rules=["coerce.arrest.verb"], place=KARRADA,
        source_actor=IRAQ_POLICE, num_mentions=3, num_sources=2,
    )


def appeal_without_place() -> Event:
    """A verbal CAMEO event: no place, no ACLED type, a target only."""
    return Event(
        article_ids=["ar-20231105-0002"],
        sentence="ودعا المتحدث باسم الأمم المتحدة إلى وقف فوري لإطلاق النار وحماية المدنيين.",
        event_date=dt.date(2023, 11, 5), cameo_code="0241", cameo_root="02", quad_class=1,
        goldstein=-0.3, target_actor_code="IGOUNO", target_actor_name="United Nations",
        source="Al Jazeera", target_actor=UN, rules=["appeal.call.verb"],
    )


def sweida_protest() -> Event:
    """An ACLED event with no CAMEO code (stays out of the GDELT table)."""
    return Event(
        article_ids=["ar-20231110-0015"],
        sentence="وتظاهر مئات من أهالي السويداء في ساحة الكرامة مطالبين بالتغيير السياسي.",
        event_date=dt.date(2023, 11, 10), time_precision=1,
        acled_event_type="Protests", acled_sub_event_type="Peaceful protest",
        disorder_type="Demonstrations", actor1="Protesters (Syria)", inter1="Protesters",
        interaction="Protesters only", country_iso3="SYR", admin1="As-Sweida",
        admin2="As-Sweida", location="As-Sweida", latitude=32.7094, longitude=36.5695,
        geo_precision=1, source="Suwayda 24", source_scale="Subnational",
        notes="On 10 November 2023, hundreds of people protested in As-Sweida (As-Sweida). "
              "[size=hundreds]",
    )


def drone_strike_country() -> Event:
    """A week-precision event placed only at country level."""
    return Event(
        article_ids=["ar-20231115-0009", "ar-20231116-0021", "ar-20231116-0030"],
        sentence="وقصفت طائرة مسيرة مواقع في الشمال السوري خلال الأسبوع الماضي دون أن ترد أنباء "
                 "عن إصابات.",
        event_date=dt.date(2023, 11, 13), time_precision=2, date_text="خلال الأسبوع الماضي",
        cameo_code="195", cameo_root="19", quad_class=4, goldstein=-10.0,
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        disorder_type="Political violence", actor1="Military Forces of Turkey (2016-)",
        inter1="External/Other forces", interaction="External/Other forces only",
        country_iso3="SYR", location="Syria", latitude=34.8021, longitude=38.9968,
        geo_precision=3, source="SANA; Syria TV", source_scale="National", place=SYRIA,
        num_mentions=4, num_sources=3, salience="headline",
    )


def hasakah_clash() -> Event:
    """An admin1-level place; the source actor is absent, the id is derived from content."""
    return Event(
        article_ids=["ar-20231118-0003"],
        sentence="واندلعت اشتباكات عنيفة في محافظة الحسكة أسفرت عن مقتل اثنين من المسلحين.",
        event_date=dt.date(2023, 11, 18), cameo_code="190", cameo_root="19", quad_class=4,
        goldstein=-10.0, target_actor_code="IRQREB",
        acled_event_type="Battles", acled_sub_event_type="Armed clash",
        disorder_type="Political violence", actor1="Unidentified Armed Group (Syria)",
        inter1="Political militia", actor2="Islamic Resistance in Iraq",
        inter2="Political militia", interaction="Political militia-Political militia",
        country_iso3="SYR", admin1="Al Hasakeh", location="Al Hasakeh", latitude=36.5024,
        longitude=40.7477, geo_precision=3, fatalities=2, source="Nahrain Net",
        source_scale="Subnational", place=HASAKAH_GOV, target_actor=IRQ_MILITIA,
    )


def all_events() -> list[Event]:
    return [rocket_attack(), baghdad_arrest(), appeal_without_place(), sweida_protest(),
            drone_strike_country(), hasakah_clash()]


def rejects() -> list[Reject]:
    return [
        Reject(file="in/articles.jsonl", location="line 12", reason="missing field 'text'",
               record={"id": "ar-x12", "published": "2023-11-19"}, id="ar-x12"),
        Reject(file="in/articles.jsonl", location="line 3", reason="unparseable date 'أمس'",
               record={"id": "ar-x3", "published": "أمس", "text": "خبر"}, id="ar-x3"),
        Reject(file="in/more.csv", location="row 2", reason="empty text",
               record={"id": "", "text": ""}),
        Reject(file="in/articles.jsonl", location="line 40", reason="not JSON",
               record='{"id": "ar-x40", "text": "نص غير مكتمل'),
    ]


def test_fixture_events_are_distinct() -> None:
    events = all_events()
    assert len({(e.sentence, e.event_date) for e in events}) == len(events)
