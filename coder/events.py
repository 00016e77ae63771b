"""The event coder: from an article's sentences to coded events.

For each sentence it finds lexicon triggers (:mod:`coder.lexicon`), drops those governed by
negation, modality or tallies, keeps the strongest trigger of each clause, refines generic codes
with tactic words, and gives each event its actors (:mod:`coder.roles`), date
(:mod:`coder.dates`), place (:mod:`coder.places`), toll (:mod:`coder.casualties`) and ACLED
fields (:mod:`coder.acled`).  Reports of one event inside the article are merged
(:mod:`coder.dedup`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from . import acled, casualties, coreference, dates, places
from .actors import find_actors, localise
from .cameo import cameo_code, root_groups
from .codebooks import read_yaml
from .dedup import CURRENT_DAYS, merge_article_events
from .event_dates import is_reporting_date, pick_date, reporting_date, shifted
from .event_places import (
    coordinated_places,
    grievance_start,
    origin_place,
    pick_place,
    set_place,
)
from .lexicon import (
    Modality,
    Tallies,
    Trigger,
    find_triggers,
    load_anaphora,
    load_modality,
    load_occupants,
    load_tallies,
    tactics_in,
)
from .model import Actor, Article, DateMention, Event, PlaceMention, Sentence
from .normalise import Normalised, fold, normalise
from .report_sides import (
    ReportSides,
    home_country,
    per_place_targets,
    protesters_first,
    unnamed_dead,
)
from .roles import Span, assign_roles, load_role_markers
from .sentences import clause_bounds, split_sentences

REFERENCE_GAP = 12  # characters between "غداة"/"بعد يومين من" and the event it refers to
FALLBACK_DATE_TEXT = "(publication date: no date in the text)"


@dataclass
class Candidate:
    """A trigger that survived the filters, with the reasons other triggers were dropped."""

    trigger: Trigger
    code: str
    clause: tuple[int, int]
    rules: list[str] = field(default_factory=list)
    reference: DateMention | None = None  # "غداة X", "بعد يومين من X": X dated from the other


@dataclass
class Rejected:
    trigger: Trigger
    reason: str


@dataclass
class SentenceAnalysis:
    sentence: Sentence
    norm: Normalised
    kept: list[Candidate]
    rejected: list[Rejected]


@dataclass
class Document:
    article: Article
    text: str
    title_end: int  # offset where the body starts (0 without a title)
    sentences: list[Sentence]
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[Span]  # original-text offsets
    hint: str | None
    sides: ReportSides = field(default_factory=ReportSides)  # sides named so far


def build_document(article: Article) -> Document:
    title = article.title.strip()
    text = f"{title}\n{article.text}" if title else article.text
    title_end = len(title) + 1 if title else 0
    sentences = split_sentences(text)
    if title:
        sentences = [
            Sentence(s.index, s.start, s.end, s.text, is_title=s.end <= title_end)
            for s in sentences
        ]
    pub = article.pub_date
    mentions = dates.tag_dates(text, pub)
    first = places.find_places(text)
    counts = Counter(m.place.iso3 for m in first if m.place.iso3)
    hint = counts.most_common(1)[0][0] if counts else None
    found = places.find_places(text, hint) if hint else first
    actor_spans = _with_coreference(text, [Span(m.start, m.end, m.actor)
                                           for m in find_actors(text, on=pub)])
    return Document(article, text, title_end, sentences, mentions, found, actor_spans, hint)


def _with_coreference(text: str, spans: list[Span]) -> list[Span]:
    """Add "التنظيم" and the like as mentions of the group they refer back to, and let generic
    fighters ("المتطرفين") stand for the group the report is about (:mod:`coder.coreference`)."""
    return coreference.resolve(text, spans)


def _to_norm(norm: Normalised, pos: int) -> int:
    return bisect_left(norm.offsets, pos)


def _within(start: int, end: int, lo: int, hi: int) -> bool:
    return lo <= start and end <= hi


def analyse_sentence(doc: Document, sent: Sentence) -> SentenceAnalysis:
    """Find, filter and choose the triggers of one sentence."""
    norm = normalise(sent.text)
    text = norm.text
    clauses = clause_bounds(text)
    modality = load_modality()
    tallies = load_tallies()
    pub = doc.article.pub_date
    kept: list[Candidate] = []
    rejected: list[Rejected] = []
    best: dict[tuple[int, int], Candidate] = {}
    passed: list[Candidate] = []
    if text.lstrip().startswith(boilerplate_prefixes()):
        return SentenceAnalysis(sent, norm, [], [])
    for trig in find_triggers(norm):
        entry = trig.entry
        clause = next((c for c in clauses if c[0] <= trig.start < c[1]), (0, len(text)))
        ctext = text[clause[0]:clause[1]]
        if entry.requires_any and not any(w in ctext for w in entry.requires_any):
            rejected.append(Rejected(trig, "requires_any: none of its context words in clause"))
            continue
        if entry.excludes and any(w in ctext for w in entry.excludes):
            rejected.append(Rejected(trig, "excludes: an excluded phrase is in the clause"))
            continue
        if entry.material or entry.root in root_groups().conflict:
            reason = _modality_reason(text, trig, clause, modality.window, modality)
            if reason is None and trig.future:
                reason = "future: verb with the future prefix س"
            if reason is None:
                reason = _tally_reason(doc, sent, norm, trig, clause, ctext, tallies, pub)
            if reason:
                rejected.append(Rejected(trig, reason))
                continue
        reason = _form_reason(doc, sent, norm, trig, clause)
        if reason:
            rejected.append(Rejected(trig, reason))
            continue
        code, rules = _refine(entry.code, entry.generic, ctext)
        reference = next((d[2] for d in _sentence_dates(doc, sent, norm)
                          if clause[0] <= d[0] < clause[1] and not d[2].anchored
                          and 0 <= trig.start - d[1] <= REFERENCE_GAP), None)
        passed.append(Candidate(trig, code, clause, [entry.id, *rules], reference))
    places_at = [p[0] for p in _sentence_places(doc, sent, norm)]
    segment: tuple[int, int] | None = None
    last_end = -1
    for cand in passed:  # in text order
        trig = cand.trigger
        prev_code = best[segment].code if segment in best else ""
        new_segment = segment is None or segment[0] != cand.clause[0] or (
            any(last_end <= p < trig.start for p in places_at)
            and re.search(r"(?:^|\s)و|[،,]", text[last_end:trig.start]) is not None) or \
            _apart(prev_code, cand.code)
        if new_segment:
            segment = (cand.clause[0], trig.start)
        assert segment is not None
        last_end = trig.end
        prev = best.get(segment)
        if prev is None or _rank(cand) > _rank(prev):
            if prev is not None:
                rejected.append(Rejected(prev.trigger,
                                         f"weaker than {trig.entry.id} in its clause"))
            best[segment] = cand
        else:
            rejected.append(Rejected(trig, f"weaker than {prev.trigger.entry.id} in its clause"))
    kept = sorted(best.values(), key=lambda c: c.trigger.start)
    violent = root_groups().violent
    if any(c.trigger.entry.kind != "headline" and c.code[:2] in violent for c in kept):
        for c in [c for c in kept if c.trigger.entry.kind == "headline"]:
            rejected.append(Rejected(c.trigger, "a bare toll beside an act in the same sentence"))
        kept = [c for c in kept if c.trigger.entry.kind != "headline"]
    return SentenceAnalysis(sent, norm, kept, rejected)


def _form_reason(doc: Document, sent: Sentence, norm: Normalised, trig: Trigger,
                 clause: tuple[int, int]) -> str | None:
    """Reasons that come from the trigger's form and its clause's dates."""
    if trig.entry.kind != "verb" and trig.prefix in ("ل", "ول", "فل"):
        before = norm.text[clause[0]:trig.start]  # "تعرضت بلدة X ... لقصف": a passive
        passive = load_role_markers().passive
        if not (passive and passive.search(before)):
            return "purpose: a verbal noun after ل names an aim, not an act"
    sdates = _sentence_dates(doc, sent, norm)
    in_clause = [d for d in sdates if clause[0] <= d[0] < clause[1]]
    if any(d[2].precision >= 4 for d in in_clause) and not any(
            d[2].precision <= 3 for d in in_clause):
        return "historic: the clause is dated by a year only"
    for d in in_clause:
        if not d[2].anchored and 0 <= trig.start - d[1] <= REFERENCE_GAP and \
                d[2].offset_days is None:
            return f"reference event: dated only relative to another event ('{d[2].text}')"
    if trig.present and not sent.is_title and not any(
            d[2].anchored and not is_reporting_date(norm.text, clause, d[0]) for d in in_clause):
        return "present tense with no date of its own: habitual or ongoing, not an event"
    return None


def _is_apart(code: str) -> bool:
    return any(code.startswith(c) for c in root_groups().apart)


def _apart(a: str, b: str) -> bool:
    """One code stands apart from violence and the other is violent: two events, not one."""
    violent = root_groups().violent
    return any(x[:2] in violent and _is_apart(y) for x, y in ((a, b), (b, a)) if x and y)


def _rank(c: Candidate) -> tuple[int, int, int]:
    conflict = 1 if c.code[:2] in root_groups().conflict else 0
    return (conflict, c.trigger.entry.priority, len(c.code))


def _modality_reason(text: str, trig: Trigger, clause: tuple[int, int], window: int,
                     modality: Modality) -> str | None:
    words = text[clause[0]:trig.start].split()
    for name, regex in modality.before.items():
        before = " ".join(words[-modality.windows.get(name, window):])
        m = regex.search(before)
        if m:
            return f"{name}: '{m.group(0).strip()}' governs the trigger"
    ctext = text[clause[0]:clause[1]]
    for name, regex in modality.clause.items():
        m = regex.search(ctext)
        if m:
            return f"{name}: '{m.group(0).strip()}' in the clause"
    return None


def _tally_reason(doc: Document, sent: Sentence, norm: Normalised, trig: Trigger,
                  clause: tuple[int, int], ctext: str, tallies: Tallies,
                  pub: dt.date) -> str | None:
    if tallies.regex is not None:
        m = tallies.regex.search(ctext)
        if m:
            return f"tally: '{m.group(0).strip()}' marks an aggregate count"
    for pattern in tallies.patterns:
        m = pattern.search(ctext)
        if m:
            return f"tally: '{m.group(0).strip()}' counts over a period"
    if tallies.max_event_toll:
        c0, c1 = norm.to_original(*clause)
        for f in casualties.find_fatalities(sent.text[c0:c1]):
            if f.killed > tallies.max_event_toll:
                return f"tally: a toll of {f.killed} is an aggregate, not one event"
    if tallies.since is not None:
        for m in tallies.since.finditer(ctext):
            at = clause[0] + m.end()
            for d in _sentence_dates(doc, sent, norm):
                if clause[0] + m.start() - 1 <= d[0] <= at + 3 and \
                        (pub - d[2].date).days >= tallies.since_days:
                    return f"tally: counted since {d[2].text}"
    return None


def _refine(code: str, generic: bool, ctext: str) -> tuple[str, list[str]]:
    found = tactics_in(ctext)
    if not found:
        return code, []
    top = found[0]
    if generic or (top.code[:2] == code[:2] and len(top.code) > len(code)
                   and top.code.startswith(code)):
        if top.code != code:
            return top.code, [f"tactic:{top.name}"]
    return code, [f"tactic:{top.name}"]


_M = TypeVar("_M", DateMention, PlaceMention)


def _in_sentence(mentions: Sequence[_M], sent: Sentence, norm: Normalised
                 ) -> list[tuple[int, int, _M]]:
    """The mentions inside a sentence, with their offsets in its normalised text."""
    return [(_to_norm(norm, m.start - sent.start), _to_norm(norm, m.end - sent.start), m)
            for m in mentions if _within(m.start, m.end, sent.start, sent.end)]


def _sentence_dates(doc: Document, sent: Sentence, norm: Normalised
                    ) -> list[tuple[int, int, DateMention]]:
    return _in_sentence(doc.dates, sent, norm)


def _sentence_places(doc: Document, sent: Sentence, norm: Normalised
                     ) -> list[tuple[int, int, PlaceMention]]:
    return _in_sentence(doc.places, sent, norm)


def _sentence_actors(doc: Document, sent: Sentence, norm: Normalised) -> list[Span]:
    return [
        Span(_to_norm(norm, a.start - sent.start), _to_norm(norm, a.end - sent.start), a.actor)
        for a in doc.actors if _within(a.start, a.end, sent.start, sent.end)
    ]


COUNTRY_SUMMARY_MIN = 5  # this many strikes placed only in a country are a summary, not an event
_COUNT = re.compile(r"(\d+)\s*$")
def _counted(text: str, trig: Trigger) -> int:
    """The number written right before a trigger noun ("41 ضربة"), 0 when there is none."""
    m = _COUNT.search(text[max(0, trig.start - 12):trig.start])
    return int(m.group(1)) if m else 0


def analyse(article: Article) -> tuple[Document, list[SentenceAnalysis]]:
    doc = build_document(article)
    return doc, [analyse_sentence(doc, s) for s in doc.sentences]


DATELINE_CHARS = 60  # a first line this short ("عين اليوم – واشنطن") is a dateline, not the lead


def code_article(article: Article) -> list[Event]:
    """Code one article: every event it reports, merged within the article."""
    doc, analyses = analyse(article)
    pub = article.pub_date
    lead = _lead_date(doc)
    events: list[Event] = []
    vague: list[tuple[int, Event]] = []  # events placed only in a country, by sentence index
    previous: DateMention | None = None  # the date of the last sentence's own events
    for sa in analyses:
        context = previous or lead
        previous = None
        sent, norm = sa.sentence, sa.norm
        sdates = _sentence_dates(doc, sent, norm)
        splaces = [p for p in _sentence_places(doc, sent, norm)
                   if not origin_place(norm.text, p[0])]
        sactors = _sentence_actors(doc, sent, norm)
        clauses = clause_bounds(norm.text)
        others = [norm.to_original(c.trigger.start, c.trigger.end) for c in sa.kept]
        starts = [c.trigger.start for c in sa.kept]
        for i, cand in enumerate(sa.kept):
            if cand.code[:2] not in root_groups().conflict and not cand.trigger.entry.material:
                continue  # verbal events are not part of the conflict dataset
            # an event noun of another root between the trigger and a date owns that date
            # ("اشتبكت الشرطة مع متظاهرين … خلال مداهمات قامت بها الشرطة الجمعة")
            owners = [t.start for t in [*(c.trigger for c in sa.kept),
                                        *(r.trigger for r in sa.rejected
                                          if r.reason.startswith("weaker than"))]
                      if t.entry.code[:2] != cand.code[:2]
                      and t.entry.code[:2] in root_groups().conflict
                      and (_is_apart(t.entry.code) or _is_apart(cand.code))]
            date_m = pick_date(norm.text, sdates, cand.trigger, cand.clause, clauses, owners)
            other_clause = pick_date(norm.text, sdates, cand.trigger, (0, len(norm.text)),
                                      [(0, len(norm.text))], owners)
            if cand.reference is not None and cand.reference.offset_days is not None:
                base = other_clause or date_m or context
                date_m = shifted(cand.reference, base.date if base else pub)
                # "غداة X" in a sentence with no date of its own: X's day is a guess
                date_rule = "date:relative-to-event" if base else "date:relative-to-publication"
            elif date_m is not None:
                date_rule = "date:sentence"
            elif other_clause is not None:
                date_m, date_rule = other_clause, "date:other-clause"
            elif context is not None:
                date_m, date_rule = context, "date:context"
            elif (reported := reporting_date(norm.text, sdates, clauses)) is not None:
                date_m, date_rule = reported, "date:reported"  # "أعلنت، أمس، عن إسقاط طائرة"
            else:
                date_rule = "date:publication-fallback"
            limit = min(cand.clause[1], starts[i + 1] if i + 1 < len(starts) else len(norm.text))
            cplaces = splaces
            cut = grievance_start(norm.text, cand.trigger, cand.clause, cand.code)
            if cut is not None:
                # "تجمعوا في أنقرة للاحتجاج على الضربات في سوريا": where the protest is held
                cplaces = [p for p in splaces if p[0] < cut]
                limit = min(limit, cut)
            spots = coordinated_places(norm.text, cplaces, cand.trigger, limit)
            if not spots:  # no place of its own: none (the lead's place would merge events)
                one = pick_place(cplaces, cand.trigger, cand.clause)
                spots, place_rule = ([one] if one else []), "place:sentence"
            else:
                place_rule = "place:coordinated" if len(spots) > 1 else "place:sentence"
            if spots and all(p.place.feature_type == "country" for p in spots):
                # "قتل في ضربة جوية في سوريا بينما كان يتنقل قرب بلدة سرمدا": a later clause
                # with no event of its own says where in the country
                nxt = starts[i + 1] if i + 1 < len(starts) else len(norm.text)
                later = [p[2] for p in cplaces if cand.trigger.end <= p[0] < nxt
                         and p[2].place.iso3 == spots[0].place.iso3
                         and p[2].place.feature_type != "country"]
                if later and len(spots) == 1:
                    spots, place_rule = later[:1], "place:later-clause"
            if not spots and not sent.is_title and (
                    cand.trigger.entry.kind == "headline" or cand.trigger.entry.generic):
                continue  # a bare toll or a generic "attack" with no place: not a codable event
            if spots and all(p.place.feature_type == "country" for p in spots) and \
                    _counted(norm.text, cand.trigger) >= COUNTRY_SUMMARY_MIN:
                # "41 ضربة جوية في سوريا والعراق": a summary over whole countries, not an event;
                # its side still carries to the strikes the report then details
                src, tgt, _ = assign_roles(norm.text, cand.trigger, cand.clause, sactors)
                if src is not None:
                    doc.sides.remember(src, tgt, cand.code, date_m.date if date_m else pub)
                continue
            made = _make_events(doc, sa, cand, sactors, others, date_m, date_rule, spots,
                                place_rule)
            events.extend(made)
            vague.extend((sent.index, e) for e in made if e.place is not None
                         and e.place.feature_type == "country")
            if date_m is not None and date_rule == "date:sentence" and \
                    0 <= (pub - date_m.date).days <= CURRENT_DAYS:
                previous = date_m  # a recalled date ("بدأت في 4 يوليو") does not carry on
    _detail_places(doc, analyses, vague, {e.sentence_start for e in events})
    merged = merge_article_events(events, pub)
    casualties.apply_article_updates(merged, doc.text, doc.sentences)
    for event in merged:
        event.notes = acled.make_notes(event)
    return merged


DETAIL_SENTENCES = 2  # sentences after a country-level event that may say where in the country


def _detail_places(doc: Document, analyses: list[SentenceAnalysis],
                   vague: list[tuple[int, Event]], coded: set[int]) -> None:
    """"قصفت طائرات تركية مواقع في سوريا. وأفادت الوكالة أن الأهداف حددت حول بلدة X": a
    following sentence that codes no event of its own but names where the targets were gives
    the country-level event its place."""
    detail = load_anaphora().detail
    if detail is None:
        return
    for index, event in vague:
        for sa in analyses[index + 1:index + 1 + DETAIL_SENTENCES]:
            if sa.sentence.start in coded or sa.sentence.is_title:
                break  # the report has moved on to another event
            if not detail.search(sa.norm.text):
                continue
            spots = [p[2] for p in _sentence_places(doc, sa.sentence, sa.norm)
                     if p[2].place.iso3 == event.country_iso3
                     and p[2].place.feature_type != "country"]
            if spots:
                set_place(event, spots[0])
                event.rules.append("place:detail-sentence")
                break


def _lead_date(doc: Document) -> DateMention | None:
    body = [s for s in doc.sentences if not s.is_title]
    first = 2 if body and len(body[0].text) < DATELINE_CHARS else 1  # skip a dateline
    lead = [s for s in doc.sentences if s.is_title] + body[:first]
    pub = doc.article.pub_date
    for s in lead:
        for d in doc.dates:
            if _within(d.start, d.end, s.start, s.end) and d.anchored and d.precision == 1 \
                    and 0 <= (pub - d.date).days <= CURRENT_DAYS:
                return d
    return None


def _make_events(doc: Document, sa: SentenceAnalysis, cand: Candidate, sactors: list[Span],
                 others: list[tuple[int, int]], date_m: DateMention | None, date_rule: str,
                 spots: list[PlaceMention], place_rule: str) -> list[Event]:
    """One event per place of a trigger (one event when it has no place)."""
    article, sent, norm, trig = doc.article, sa.sentence, sa.norm, cand.trigger
    pub = article.pub_date
    info = cameo_code(cand.code)
    rules = list(cand.rules)
    if sent.is_title:
        rules.append("sentence:title")
    fillers = [(d[0], d[1]) for d in _sentence_dates(doc, sent, norm)]
    source, target, role_rules = assign_roles(norm.text, trig, cand.clause, sactors, fillers)
    rules += role_rules
    if target is None:
        target = _occupant(norm.text, cand.clause, sactors, source)
        if target is not None:
            rules.append("role:occupant-of-attacked-site")
    if date_m is not None:
        event_date, precision, date_text = date_m.date, min(date_m.precision, 3), date_m.text
        rules += [date_rule, f"date:{date_m.rule}"]
    else:
        event_date, precision, date_text = pub, 1, FALLBACK_DATE_TEXT
        rules.append(date_rule)
    sides, home = doc.sides, spots[0].place.iso3 if spots else (doc.hint or "")
    sides.pub = pub
    if source is not None and target is not None:
        sides.enemy(localise(source, home, pub), localise(target, home, pub), event_date)
    source, target = sides.carried(cand.code, _anaphoric(trig), source, target, event_date,
                                   home, rules)
    trig_orig = norm.to_original(trig.start, trig.end)
    clause_orig = norm.to_original(*cand.clause)
    clause_text = sent.text[clause_orig[0]:clause_orig[1]]
    toll_info = casualties.trigger_toll(
        sent.text, trig_orig, [o for o in others if o != trig_orig],
        suicide=cand.code == "1831")
    toll = toll_info.killed if toll_info is not None else None
    estimate = toll_info is not None and (not toll_info.exact or len(spots) > 1)
    shares = casualties.split_total(toll or 0, max(1, len(spots)))
    target = unnamed_dead(cand.code, toll, target, rules)
    out: list[Event] = []
    if source is not None and info.root in root_groups().violent:
        sides.remember(source, target, info.code, event_date)
    at = {id(p[2]): p[0] for p in _sentence_places(doc, sent, norm)}
    targets = per_place_targets([(at.get(id(p), 0), p) for p in spots], sactors, trig.end,
                                source, target)
    if any(t is not target for t in targets):
        rules.append("role:target-of-each-place")
    for n, place_m in enumerate(spots or [None]):
        country = place_m.place.iso3 if place_m is not None else \
            home_country(cand.code, source, doc.hint or "")
        src = localise(source, country, pub) if source is not None else None
        place_target = targets[n] if spots else target
        tgt = localise(place_target, country, pub) if place_target is not None else None
        event = Event(
            article_ids=[article.id],
            sentence=sent.text,
            event_date=event_date,
            time_precision=precision,
            date_text=date_text,
            cameo_code=info.code,
            cameo_root=info.root,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            source_actor_code=src.cameo_code if src else "",
            source_actor_name=src.name if src else "",
            target_actor_code=tgt.cameo_code if tgt else "",
            target_actor_name=tgt.name if tgt else "",
            fatalities=shares[n] if spots else (toll or 0),
            fatalities_reported=toll is not None,
            fatalities_estimate=estimate,
            from_title=sent.is_title,
            weak_date=date_rule not in ("date:sentence", "date:relative-to-event"),
            anaphoric=_anaphoric(trig) and date_rule != "date:sentence" and not sent.is_title,
            back_reference=_back_reference(norm.text, trig) and not sent.is_title,
            code_generic=trig.entry.generic and not any(
                r.startswith("tactic:") for r in cand.rules),
            source=article.source,
            source_scale=article.source_scale,
            url=article.url,
            published=article.published.isoformat(),
            salience=_salience(sent, event_date, pub),
            rules=[*rules, place_rule] if place_m is not None else list(rules),
            source_actor=src,
            target_actor=tgt,
            sentence_start=sent.start,
            sentence_end=sent.end,
        )
        if place_m is not None:
            set_place(event, place_m)
        acled.apply_acled(event, clause_text)
        recode = root_groups().acled_type_codes.get(event.acled_event_type)
        if recode and event.cameo_root != recode[:2]:  # police dispersing a march: a protest
            _set_code(event, recode)
        protesters_first(event)
        out.append(event)
    return out


def _back_reference(text: str, trig: Trigger) -> bool:
    """A definite event noun framed as a reference: "وجاءت الضربات", "الغارات التي شنتها"."""
    if trig.entry.kind == "verb" or not _anaphoric(trig):
        return False
    ana = load_anaphora()
    before = " ".join(text[:trig.start].split()[-ana.window:])
    after = " ".join(text[trig.end:].split()[:ana.window])
    return bool((ana.before and ana.before.search(before))
                or (ana.after and ana.after.search(after)))


@functools.cache
def boilerplate_prefixes() -> tuple[str, ...]:
    """Page-furniture prefixes (``codebooks/ar/boilerplate.yaml``)."""
    data = read_yaml("ar/boilerplate.yaml")
    return tuple(" ".join(fold(str(p)).split()) for p in data.get("prefixes", []))


def _anaphoric(trig: Trigger) -> bool:
    """A definite verbal noun ("الانفجار", "وبالغارات") refers back to an event already told."""
    if trig.entry.kind == "verb":
        return False
    stem_definite = trig.text.lstrip("وف").startswith(("ال", "بال", "لل", "كال"))
    return stem_definite or "ال" in trig.prefix


def _occupant(text: str, clause: tuple[int, int], actors: list[Span],
              source: Actor | None) -> Actor | None:
    """The actor that holds an attacked site: right after an occupancy word in the clause."""
    occ = load_occupants()
    if occ.regex is None:
        return None
    for m in occ.regex.finditer(text, clause[0], clause[1]):
        near = [a for a in actors if m.end() <= a.start <= m.end() + occ.window * 6
                or (a.end <= m.start() and m.start() - a.end <= 3)]
        for a in sorted(near, key=lambda a: abs(a.start - m.end())):
            if a.actor is not source and a.actor.role not in ("CVL", ""):
                return a.actor
    return None


def _set_code(event: Event, code: str) -> None:
    info = cameo_code(code)
    event.rules.append(f"cameo:{event.cameo_code}->{info.code} (ACLED {event.acled_event_type})")
    event.cameo_code, event.cameo_root = info.code, info.root
    event.quad_class, event.goldstein = info.quad_class, info.goldstein


def _salience(sent: Sentence, event_date: dt.date, pub: dt.date) -> str:
    if (pub - event_date).days > 3:
        return "background"
    if sent.is_title or sent.index <= 1:
        return "headline"
    return "secondary"
