"""The event lexicon codes realistic news clauses as intended.

A small reference matcher follows the rules of ``codebooks/ar/events/README.md`` (folded forms,
verb and noun clitics, attached pronouns, multi-word forms token by token, requires_any,
excludes, priority, headline fallback).  It is not the engine (``coder/events.py``); it checks
that the lexicon's forms, context words and priorities pick the right CAMEO code for one clause.
"""

from __future__ import annotations

import functools
import re

import pytest

from coder.codebooks import LineDict, codebook_dir, read_yaml
from coder.normalise import fold, normalise

VERB_PREFIXES = ("", "و", "ف", "ل", "س", "ول", "وس", "فل", "فس")
NOUN_PREFIXES = (
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وبال", "وب", "ول", "فب",
    "فل", "كال", "وك", "ولل", "فلل",
)
SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "كم")


@functools.cache
def lexicon() -> tuple[LineDict, ...]:
    folder = codebook_dir() / "ar" / "events"
    out: list[LineDict] = []
    for path in sorted(folder.glob("[0-9][0-9]_*.yaml")):
        out.extend(read_yaml(f"ar/events/{path.name}")["entries"])
    return tuple(out)


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w]+", normalise(text).text)


def _token_matches(token: str, word: str, prefixes: tuple[str, ...]) -> bool:
    for pre in prefixes:
        if not token.startswith(pre):
            continue
        rest = token[len(pre):]
        for suf in SUFFIXES:
            if rest == word + suf:
                return True
    return False


def _phrase_at(toks: list[str], i: int, phrase: str, prefixes: tuple[str, ...]) -> bool:
    words = fold(phrase).split()
    if i + len(words) > len(toks):
        return False
    if not _token_matches(toks[i], words[0], prefixes):
        return False
    return all(toks[i + k] == w for k, w in enumerate(words[1:], start=1))


def _contains(toks: list[str], phrases: list[str]) -> bool:
    return any(
        _phrase_at(toks, i, p, NOUN_PREFIXES) for p in phrases for i in range(len(toks))
    )


def triggers(clause: str) -> list[tuple[int, str, str]]:
    """``(priority, code, id)`` of every entry that fires in ``clause``."""
    toks = tokens(clause)
    fired: list[tuple[int, str, str, str]] = []
    for entry in lexicon():
        prefixes = VERB_PREFIXES if entry["kind"] == "verb" else NOUN_PREFIXES
        hit = any(
            _phrase_at(toks, i, form, prefixes)
            for form in entry["forms"]
            for i in range(len(toks))
        )
        if not hit:
            continue
        if entry.get("requires_any") and not _contains(toks, entry["requires_any"]):
            continue
        if entry.get("excludes") and _contains(toks, entry["excludes"]):
            continue
        fired.append((int(entry.get("priority", 50)), entry["code"], entry["id"], entry["kind"]))
    if any(kind != "headline" for *_, kind in fired):
        fired = [f for f in fired if f[3] != "headline"]
    return sorted(((p, c, i) for p, c, i, _ in fired), reverse=True)


def best_code(clause: str) -> str | None:
    fired = triggers(clause)
    if not fired:
        return None
    top = fired[0][0]
    codes = {code for prio, code, _ in fired if prio == top}
    assert len(codes) == 1, f"tie between {sorted(codes)} at priority {top}: {fired}"
    return codes.pop()


CASES = [
    ("قال وزير الخارجية الأردني إن بلاده تتابع التطورات عن كثب", "010"),
    ("رفض متحدث باسم الشرطة التعليق على التقارير المتداولة", "011"),
    ("وأعرب الأمين العام عن قلقه البالغ إزاء تدهور الأوضاع في المدينة", "012"),
    ("وعبرت الوزيرة عن أملها في أن تسفر المحادثات عن نتائج ملموسة", "013"),
    ("وتبنى التنظيم الهجوم في بيان نشره على حساباته", "015"),
    ("ونفت الحكومة السودانية الاتهامات الموجهة إليها جملة وتفصيلا", "016"),
    ("وأعلن الرئيس الحداد الوطني ثلاثة أيام على أرواح الضحايا", "017"),
    ("ودعا مجلس الأمن الأطراف المتحاربة إلى وقف فوري لإطلاق النار", "0256"),
    ("وناشدت المنظمة المجتمع الدولي تقديم مساعدات إنسانية عاجلة للنازحين", "0233"),
    ("وحث الاتحاد الأفريقي الطرفين على العودة إلى طاولة المفاوضات", "026"),
    ("وتعهد رئيس الوزراء بإرسال مساعدات إنسانية إلى المناطق المنكوبة", "0333"),
    ("وأكدت الحكومة استعدادها للتعاون مع اللجنة", "030"),
    ("واجتمع الرئيس الفرنسي مع نظيره اللبناني في قصر الإليزيه", "040"),
    ("وبحث وزير الدفاع مع نظيره العراقي سبل تعزيز التعاون العسكري بين البلدين", "040"),
    ("وأجرى الرئيس المصري اتصالا هاتفيا مع ولي العهد السعودي", "041"),
    ("ويزور وزير الخارجية التركي بغداد الأسبوع المقبل", "042"),
    ("واستقبل العاهل الأردني في عمان وزير الخارجية الأمريكي", "043"),
    ("ورحبت الجامعة العربية بقرار مجلس الأمن", "051"),
    ("ووقعت الحكومة وحركات مسلحة اتفاق سلام في جوبا", "057"),
    ("وأجرت القوات البحرية للبلدين مناورات مشتركة في البحر الأحمر", "062"),
    ("وتبادلت الأجهزة الأمنية في البلدين المعلومات حول الخلايا النائمة", "064"),
    ("وأرسلت الإمارات طائرة محملة بمساعدات طبية إلى الخرطوم", "073"),
    ("ومنحت ألمانيا اللجوء السياسي لصحفي معارض", "075"),
    ("وقدم رئيس الوزراء استقالته إلى رئيس الجمهورية", "0831"),
    ("وأطلقت قوات الأمن سراح عشرين معتقلا بعد التحقيق معهم", "0841"),
    ("وأفرجت السلطات عن ناقلة النفط المحتجزة منذ شهرين", "0842"),
    ("وأعلن الجيش وقف إطلاق النار لمدة 72 ساعة", "0871"),
    ("وانسحبت القوات من مواقعها في ريف المدينة", "0874"),
    ("وسلم عشرات المسلحين أسلحتهم إلى الجيش", "0873"),
    ("وفتحت النيابة العامة تحقيقا في ملابسات الحادث", "090"),
    ("وفتحت المحكمة الجنائية الدولية تحقيقا في جرائم حرب مزعومة", "094"),
    ("وطالب المحتجون بالإفراج عن المعتقلين السياسيين", "1053"),
    ("وطالبت الفصائل بانسحاب القوات الحكومية من محيط المدينة", "106"),
    ("واستنكرت الجامعة العربية تصريحات الوزير", "111"),
    ("واتهمت الحكومة اليمنية الحوثيين بارتكاب جرائم حرب", "1124"),
    ("وحملت الخارجية الفلسطينية الاحتلال المسؤولية الكاملة عن التصعيد", "112"),
    ("واستدعت وزارة الخارجية السفير الإيراني لديها", "114"),
    ("ورفضت الحركة المقترح المصري لوقف إطلاق النار", "127"),
    ("ورفض الرئيس دعوات التنحي عن السلطة", "1231"),
    ("وهددت واشنطن بفرض عقوبات جديدة على الشركات المتورطة", "1312"),
    ("وتوعد زعيم الجماعة بالانتقام", "138"),
    ("وهدد الوزير باجتياح المدينة إذا لم يسلم المسلحون أنفسهم", "1382"),
    ("وأمهل الجيش المسلحين 48 ساعة لمغادرة الحي", "139"),
    ("وقطعت البحرين علاقاتها الدبلوماسية مع قطر", "161"),
    ("واستدعت الرياض سفيرها لدى برلين", "161"),
    ("وانسحبت الولايات المتحدة من الاتفاق النووي مع إيران", "160"),
    ("وفرض الاتحاد الأوروبي عقوبات على مسؤولين روس", "163"),
    ("وعلقت الحكومة مشاركتها في المفاوضات", "164"),
]


@pytest.mark.parametrize(("clause", "code"), CASES)
def test_clause_is_coded(clause: str, code: str) -> None:
    assert best_code(clause) == code, triggers(clause)[:6]


@pytest.mark.parametrize(
    "clause",
    [
        "وبحثت فرق الإنقاذ عن ناجين تحت الأنقاض",
        "واستقبلت المستشفيات عشرات الجرحى",
        "ووقعت اشتباكات عنيفة في المدينة رغم الاتفاق",
        "وطالب جامعي يدرس الهندسة في العاصمة",
    ],
)
def test_misleading_clauses_get_no_cooperative_code(clause: str) -> None:
    mine = {f"{r:02d}" for r in (*range(1, 14), 16)}
    top = triggers(clause)
    if not top:
        return
    best_priority = top[0][0]
    wrong = [(p, c, i) for p, c, i in top if p == best_priority and c[:2] in mine]
    assert not wrong, top[:6]
