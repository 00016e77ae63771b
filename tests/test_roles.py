"""Source and target roles on hand-written news sentences, one per Arabic structure."""

from __future__ import annotations

import shutil
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path

import pytest

from coder import codebooks
from coder.actors import find_actors
from coder.codebooks import CodebookError
from coder.lexicon import find_triggers
from coder.model import Actor
from coder.normalise import normalise
from coder.roles import Span, assign_roles, load_role_markers
from coder.sentences import clause_bounds

FORCE = ("15", "17", "18", "19", "20")


def roles(sentence: str, country: str = "SYR", root: tuple[str, ...] = FORCE, word: str = ""
          ) -> tuple[Actor | None, Actor | None, list[str]]:
    """Roles of the first use-of-force trigger of ``sentence`` (whose text holds ``word``), as
    the event coder runs it."""
    norm = normalise(sentence)
    spans = [Span(bisect_left(norm.offsets, m.start), bisect_left(norm.offsets, m.end), m.actor)
             for m in find_actors(sentence, country=country)]
    trig = next(t for t in find_triggers(norm)
                if t.entry.code[:2] in root and normalise(word).text in t.text)
    clause = next((c for c in clause_bounds(norm.text) if c[0] <= trig.start < c[1]),
                  (0, len(norm.text)))
    return assign_roles(norm.text, trig, clause, spans)


def side(actor: Actor | None) -> str:
    """"ISO3/ROLE" as gold writes it, IMG/IGO for transnational groups, "-" for none."""
    if actor is None:
        return "-"
    entity = actor.country or actor.cameo_code[:3]
    return f"{entity}/{actor.role}"


def test_vso_source_after_the_verb_and_target_after_it() -> None:
    src, tgt, rules = roles("قصفت طائرات روسية فجر اليوم مواقع للمعارضة المسلحة في ريف إدلب.")
    assert side(src) == "RUS/MIL" and side(tgt) == "SYR/REB"
    assert "role:subject-after-verb" in rules


def test_svo_subject_before_the_verb() -> None:
    src, tgt, rules = roles("القوات العراقية قصفت مقرات لتنظيم داعش غرب مدينة الرمادي.",
                            country="IRQ")
    assert side(src) == "IRQ/MIL" and tgt is not None and tgt.cameo_code == "IMGINS"
    assert "role:subject-before-verb" in rules


def test_passive_with_agent_marker() -> None:
    src, _, rules = roles("تعرضت بلدة كفرنبل صباح اليوم لقصف مدفعي من قبل قوات النظام.")
    assert side(src) == "SYR/MIL" and "role:source-after:من قبل" in rules


def test_killed_at_the_hands_of_unknown_gunmen() -> None:
    src, tgt, _ = roles("قتل ثلاثة مدنيين على يد مسلحين مجهولين في حي الزهراء بمدينة حمص.")
    assert side(src) == "SYR/UAF" and side(tgt) == "SYR/CVL"


def test_by_fire_of_marks_the_shooter() -> None:
    src, tgt, _ = roles("قتل جنديان تركيان بنيران مسلحين من حزب العمال الكردستاني قرب الحدود.",
                        country="TUR")
    assert src is not None and src.cameo_code.startswith("TURREB")
    assert side(tgt) == "TUR/MIL"


def test_idafa_after_a_noun_is_the_source_and_victims_before_are_the_target() -> None:
    src, tgt, rules = roles("قتل طفلان جراء قصف قوات النظام على بلدة تلبيسة في ريف حمص.",
                            word="قصف")
    assert side(src) == "SYR/MIL" and side(tgt) == "SYR/CVL"
    assert "role:victims-before" in rules


def test_noun_with_lam_agent_and_target_after_ala() -> None:
    src, tgt, _ = roles("نفذت غارة للتحالف الدولي على مواقع لتنظيم داعش في ريف دير الزور.")
    assert src is not None and src.cameo_code == "IMGMIL"
    assert tgt is not None and tgt.cameo_code == "IMGINS"


def test_strike_noun_with_a_nisba_names_its_owner() -> None:
    src, tgt, rules = roles("أدى قصف الطيران الروسي على بلدة كفرزيتا إلى مقتل أربعة مدنيين.")
    assert side(src) == "RUS/MIL" and "role:own-mention" in rules
    assert side(tgt) == "SYR/CVL"


def test_killed_headline_victims_are_the_target_weapon_owner_the_source() -> None:
    src, tgt, rules = roles("مقتل خمسة من عناصر داعش بغارة لطيران التحالف الدولي جنوب الموصل",
                            country="IRQ")
    assert tgt is not None and tgt.cameo_code == "IMGINS"
    assert src is not None and src.cameo_code == "IMGMIL"


def test_clashes_between_two_sides() -> None:
    src, tgt, rules = roles("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في حي جوبر.")
    assert side(src) == "SYR/MIL" and side(tgt) == "SYR/REB" and "role:between" in rules


def test_between_with_sides_marked_min_jiha() -> None:
    src, tgt, _ = roles("تدور معارك بين الجيش السوري وحزب الله من جهة وجبهة النصرة من جهة أخرى "
                        "في جرود القلمون.")
    assert side(src) == "SYR/MIL" and tgt is not None and tgt.cameo_code == "IMGINS"


def test_between_list_ends_with_the_other_side() -> None:
    src, tgt, _ = roles("جرت اشتباكات بين قوات النظام مدعمة بميليشيات موالية وعناصر من حزب الله "
                        "والفصائل المقاتلة عند أطراف حي الراشدين.")
    assert side(src) == "SYR/MIL" and side(tgt) == "SYR/REB"


def test_killed_in_clashes_with_the_other_side() -> None:
    src, tgt, rules = roles("قتل ستة من عناصر حزب الله خلال اشتباكات مع فصائل المعارضة "
                            "في الزبداني.", word="اشتباكات")
    assert tgt is not None and tgt.cameo_code.startswith("LBNREB")
    assert side(src) == "SYR/REB" and "role:opponent-after:مع" in rules


def test_istahdafa_subject_and_object() -> None:
    src, tgt, _ = roles("استهدف تنظيم داعش بسيارة مفخخة تجمعا لقوات الحشد الشعبي شمال سامراء.",
                        country="IRQ")
    assert src is not None and src.cameo_code == "IMGINS"
    assert side(tgt) == "IRQ/MIL"


def test_site_words_are_objects_not_subjects() -> None:
    # no named attacker: "مواقع لقوات النظام" after the verb is what was hit
    src, tgt, _ = roles("استهدفت مواقع لقوات النظام بصواريخ غراد في ريف اللاذقية.")
    assert src is None and side(tgt) == "SYR/MIL"


def test_civilians_are_never_the_source() -> None:
    src, tgt, rules = roles("قتل مدنيان وأصيب خمسة آخرون في قصف مدفعي على بلدة الهبيط.")
    assert src is None and side(tgt) == "SYR/CVL"
    src, tgt, rules = roles("المدنيون قصفوا بالحجارة دورية للشرطة في البلدة القديمة.")
    assert src is None or src.role != "CVL"


def test_unnamed_aircraft_in_syria_are_the_syrian_air_force() -> None:
    src, tgt, _ = roles("ألقى الطيران المروحي أربعة براميل متفجرة على مدينة داريا بريف دمشق.")
    assert side(src) == "SYR/MIL"
    assert tgt is None  # the barrels are the weapon, not the target


def test_barrel_bombs_alone_name_the_air_force_of_the_country() -> None:
    src, _, _ = roles("تعرضت أحياء في مدينة دوما لقصف بالبراميل المتفجرة مساء أمس.")
    assert side(src) == "SYR/MIL"


def test_bare_country_as_source_is_its_armed_forces() -> None:
    src, tgt, rules = roles("شنت تركيا غارات جوية على معسكرات لحزب العمال الكردستاني في شمال "
                            "العراق.", country="IRQ")
    assert side(src) == "TUR/MIL" and "role:country-as-forces" in rules
    assert tgt is not None and tgt.cameo_code.startswith("TURREB")


def test_country_after_a_preposition_is_a_place() -> None:
    src, tgt, _ = roles("سقطت قذائف هاون على بلدة حدودية في تركيا دون وقوع إصابات.", country="TUR")
    assert src is None and tgt is None


def test_reporters_are_neither_side() -> None:
    src, tgt, _ = roles("قصفت قوات النظام حي الوعر بالمدفعية الثقيلة بحسب ما ذكره ناشطون.")
    assert side(src) == "SYR/MIL" and tgt is None


def test_speaker_before_an_clause_is_not_the_subject() -> None:
    src, _, _ = roles("قال الجيش التركي إن مسلحين أطلقوا النار على دورية حدودية قرب كيليس.",
                      country="TUR")
    assert side(src) == "TUR/UAF"


def test_claim_of_responsibility_names_the_source() -> None:
    src, tgt, rules = roles("انفجرت سيارة مفخخة في سوق شعبي ببغداد وأعلن تنظيم داعش مسؤوليته عن "
                            "التفجير.", country="IRQ")
    assert src is not None and src.cameo_code == "IMGINS"


def test_owner_of_a_site_named_a_few_words_after_it_is_the_target() -> None:
    src, tgt, rules = roles("نفذ الطيران الحربي خمس غارات استهدفت مراكز تدريب لتنظيم داعش قرب "
                            "دير الزور.", word="غارات")
    assert side(src) == "SYR/MIL" and tgt is not None and tgt.cameo_code == "IMGINS"
    assert "role:owner-of-site" in rules
    src, tgt, rules = roles("دمرت القوات العراقية خمس عجلات مفخخة وأسلحة تعود لتنظيم داعش جنوب "
                            "الموصل.", country="IRQ", word="دمرت")
    assert side(src) == "IRQ/MIL" and tgt is not None and tgt.cameo_code == "IMGINS"
    assert "role:owner-of-site" in rules


def test_strikes_on_a_groups_sites_are_not_the_groups_strikes() -> None:
    src, tgt, rules = roles("أسفر قصف ثلاث غارات لمراكز تجمع تابعة لتنظيم داعش عن تدميرها "
                            "بالكامل.", country="IRQ", word="غارات")
    assert src is None and tgt is not None and tgt.cameo_code == "IMGINS"
    assert "role:site-of-owner" in rules


def test_sites_of_a_pronoun_belong_to_the_group_named_before() -> None:
    src, tgt, rules = roles("دخلت أنقرة الحملة ضد داعش بشن أولى غاراتها على مواقع له في ريف "
                            "حلب.", word="غاراتها")
    assert tgt is not None and tgt.cameo_code == "IMGINS" and "role:owner-of-site" in rules


@pytest.mark.parametrize("sentence,word,country,source", [
    ("استهدفت القوات التركية مواقع حزب العمال الكردستاني بغارات جوية في جبال قنديل.", "غارات",
     "IRQ", "TUR/MIL"),
    ("الجيش العراقي استهدف تجمعات لداعش بقصف مدفعي غرب الموصل.", "قصف", "IRQ", "IRQ/MIL"),
])
def test_event_noun_after_bi_is_the_means_of_the_verb_before(sentence: str, word: str,
                                                               country: str, source: str) -> None:
    src, tgt, rules = roles(sentence, country=country, word=word)
    assert side(src) == source and tgt is not None and tgt.role in ("REB", "INS")
    assert "role:subject-of-instrument" in rules and "role:object-of-instrument" in rules


def test_killed_people_with_an_apposition_before_the_killing_word() -> None:
    src, tgt, rules = roles("أكد ناشطون أن عناصر من حزب الله بينهم قائد ميداني قتلوا أمس خلال "
                            "اشتباكات مع فصائل المعارضة في القلمون.", word="اشتباكات")
    assert tgt is not None and tgt.cameo_code.startswith("LBNREB") and side(src) == "SYR/REB"
    assert "role:victims-before" in rules


def test_victims_after_a_killing_word_with_a_clitic_are_not_the_source() -> None:
    src, tgt, _ = roles("أفاد ناشطون بمقتل 12 مسلحا من جبهة النصرة بانفجار سيارة مفخخة في "
                        "إدلب.", word="انفجار")
    assert src is None and tgt is not None and tgt.cameo_code == "IMGINS"


def test_attacker_said_to_belong_to_a_group_is_that_group() -> None:
    src, tgt, rules = roles("فجر انتحاري يشتبه بانتمائه إلى تنظيم داعش حزامه الناسف في سوق "
                            "مزدحم وسط المدينة.", country="IRQ", word="فجر")
    assert src is not None and src.cameo_code == "IMGINS" and tgt is None
    assert "role:source-affiliation" in rules


def test_suicide_bomber_alone_is_no_side() -> None:
    src, _, rules = roles("أوقع هجوم انتحاري عشرات القتلى في مسجد بالمدينة.", country="IRQ",
                          word="هجوم")
    assert src is None and "role:anonymous-attacker" in rules


def test_people_arrested_in_a_campaign_against_a_group_are_that_group() -> None:
    src, tgt, rules = roles("ألقت الشرطة التركية القبض على 40 شخصا في مداهمات بمدينة أضنة "
                            "استهدفت خلايا لتنظيم داعش.", country="TUR", word="القبض")
    assert side(src) == "TUR/COP" and tgt is not None and tgt.cameo_code == "IMGINS"


def test_authorities_making_arrests_are_the_police() -> None:
    src, _, rules = roles("أطلقت السلطات التركية حملة اعتقالات واسعة في ديار بكر.",
                          country="TUR", word="اعتقالات")
    assert side(src) == "TUR/COP" and "role:authority-as-police" in rules


def test_an_actor_word_in_a_place_name_is_no_actor() -> None:
    src, tgt, _ = roles("انفجرت عبوة ناسفة في حي الشرطة جنوب بغداد.", country="IRQ",
                        word="عبوه")
    assert src is None and tgt is None


def test_the_source_marker_nearest_the_trigger_names_its_source() -> None:
    src, _, rules = roles("سقطت قذائف أطلقتها فصائل المعارضة على حي سكني، عقبه قصف من قبل "
                          "قوات النظام على بلدة مجاورة.", word="قصف")
    assert side(src) == "SYR/MIL" and "role:source-after:من قبل" in rules


def test_subject_of_an_agency_verb_does_the_killing() -> None:
    src, tgt, rules = roles("تمكنت قوة من الجيش العراقي من قتل خمسة مسلحين من داعش شمال تكريت.",
                            country="IRQ", word="قتل")
    assert side(src) == "IRQ/MIL" and tgt is not None and tgt.cameo_code == "IMGINS"
    assert "role:subject-of-agency-verb" in rules


def test_passive_noun_takes_the_subject_of_its_support_verb() -> None:
    src, tgt, _ = roles("نفذت المخابرات العراقية عمليات اعتقال بحق 20 عنصرا من داعش في الأنبار.",
                        country="IRQ", word="اعتقال")
    assert side(src) == "IRQ/SPY" and tgt is not None and tgt.cameo_code == "IMGINS"


def test_nisba_of_the_trigger_gives_its_agent_a_country() -> None:
    src, _, rules = roles("قتل قيادي في حزب الله بضربة إسرائيلية نفذتها طائرة مسيرة قرب "
                          "القنيطرة.", country="", word="ضربه")
    assert side(src) == "ISR/MIL" and "role:nisba-of-trigger" in rules


def test_protesters_make_the_protest_and_the_force_meets_it() -> None:
    src, tgt, rules = roles("أطلقت قوات الأمن الغاز المسيل للدموع على متظاهرين في البصرة.",
                            country="IRQ", root=("14",), word="متظاهرين")
    assert side(src) == "IRQ/CVL" and side(tgt) == "IRQ/COP"
    assert "role:force-at-protest" in rules


def test_bodies_found_are_the_victims() -> None:
    src, tgt, _ = roles("عثر على جثث ثلاثة عناصر من الصحوة في بستان شمال بغداد.", country="IRQ")
    assert src is None and side(tgt) == "IRQ/REB"


def test_a_bomb_going_off_as_a_convoy_passes_targets_the_convoy() -> None:
    src, tgt, rules = roles("انفجرت عبوة ناسفة عند مرور رتل للجيش العراقي قرب بيجي.",
                            country="IRQ", word="انفجرت")
    assert src is None and side(tgt) == "IRQ/MIL"


def test_a_date_between_a_subject_and_its_event_noun_does_not_part_them() -> None:
    sentence = "شنت الشرطة التركية لليوم الثاني على التوالي حملة اعتقالات في إسطنبول."
    norm = normalise(sentence)
    spans = [Span(bisect_left(norm.offsets, m.start), bisect_left(norm.offsets, m.end), m.actor)
             for m in find_actors(sentence, country="TUR")]
    trig = next(t for t in find_triggers(norm) if t.entry.code == "173")
    clause = (0, len(norm.text))
    date = norm.text.index("لليوم الثاني علي التوالي")
    filler = (date, date + len("لليوم الثاني علي التوالي"))
    assert assign_roles(norm.text, trig, clause, spans)[0] is None
    src, _, rules = assign_roles(norm.text, trig, clause, spans, [filler])
    assert side(src) == "TUR/COP" and "role:noun-support-verb" in rules


def test_a_group_making_a_suicide_attack_is_its_source() -> None:
    src, _, rules = roles("وشن تنظيم داعش أمس أولى هجماته الانتحارية في مدينة كركوك.",
                          country="IRQ", word="هجمات")
    assert src is not None and src.cameo_code == "IMGINS"
    assert "role:noun-support-verb" in rules


def test_killing_word_followed_by_gunmen_and_people_is_active() -> None:
    src, tgt, rules = roles("قتل مسلحون مجهولون خمسة مدنيين في قرية شمال بغداد.", country="IRQ")
    assert side(src) == "IRQ/UAF" and side(tgt) == "IRQ/CVL"
    assert "role:active-killing" in rules


# --- the codebook ------------------------------------------------------------------------------


@pytest.fixture
def book_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "codebooks"
    shutil.copytree(codebooks.codebook_dir(), root)
    monkeypatch.setenv("CODER_CODEBOOKS", str(root))
    codebooks.codebook_dir.cache_clear()
    load_role_markers.cache_clear()
    yield root / "ar" / "events" / "agents.yaml"
    monkeypatch.delenv("CODER_CODEBOOKS")
    codebooks.codebook_dir.cache_clear()
    load_role_markers.cache_clear()


def test_markers_load_and_fold() -> None:
    mk = load_role_markers()
    assert mk.source_after is not None and mk.source_after.search("علي يد مسلحين")
    assert mk.pair_between is not None and not mk.pair_between.search("بينهم اطفال")
    assert "CVL" in mk.never_source_roles and "barrel_bombs" in mk.instrument_actors


def test_unknown_instrument_actor_names_file_and_line(book_copy: Path) -> None:
    text = book_copy.read_text(encoding="utf-8")
    book_copy.write_text(text.replace("instrument_actors: [barrel_bombs,",
                                      "instrument_actors: [no_such_actor,"), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"agents\.yaml:\d+: instrument_actors"):
        load_role_markers()


def test_bad_list_and_unknown_key_are_errors(book_copy: Path) -> None:
    text = book_copy.read_text(encoding="utf-8")
    book_copy.write_text(text + "target_near_typo: [مع]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="unknown key"):
        load_role_markers()
    book_copy.write_text(text.replace("pair_between: [بين]", "pair_between: بين"),
                         encoding="utf-8")
    load_role_markers.cache_clear()
    with pytest.raises(CodebookError, match="pair_between"):
        load_role_markers()


def test_code_keyed_lists_are_checked(book_copy: Path) -> None:
    text = book_copy.read_text(encoding="utf-8")
    book_copy.write_text(text.replace("police_organ: police", "police_organ: civilians"),
                         encoding="utf-8")
    with pytest.raises(CodebookError, match=r"agents\.yaml:\d+: police_organ"):
        load_role_markers()
    book_copy.write_text(text.replace('membership_codes: ["173"]', 'membership_codes: ["999"]'),
                         encoding="utf-8")
    load_role_markers.cache_clear()
    with pytest.raises(CodebookError, match="membership_codes"):
        load_role_markers()
    book_copy.write_text(text.replace("casualty_agent: civilians", "casualty_agent: army"),
                         encoding="utf-8")
    load_role_markers.cache_clear()
    with pytest.raises(CodebookError, match="casualty_agent"):
        load_role_markers()
