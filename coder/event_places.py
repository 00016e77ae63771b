"""Where an event happened: the place mentions of its sentence that belong to one trigger.

:mod:`coder.places` finds place mentions; this module decides which of them a trigger's events
are at: the places coordinated after it ("في الحسكة والرقة": one event each), a town rather than
the countryside it lies in, one event for several quarters of one city, not the base a strike
took off from, not the grievance a protest is about.  Word lists are in
``codebooks/ar/events/anaphora.yaml`` and ``codebooks/ar/clauses.yaml``.
"""

from __future__ import annotations

import functools
import re

from .codebooks import read_yaml
from .lexicon import Trigger, load_anaphora
from .model import Event, PlaceMention
from .normalise import fold, normalise


def pick_place(cands: list[tuple[int, int, PlaceMention]], trig: Trigger,
                clause: tuple[int, int]) -> PlaceMention | None:
    if not cands:
        return None
    in_clause = [c for c in cands if clause[0] <= c[0] < clause[1]]
    pool = in_clause or cands
    specific = [c for c in pool if c[2].place.feature_type != "country"]
    pool = specific or pool
    after = [c for c in pool if c[0] >= trig.end]
    if not in_clause:
        return None  # a place in another clause of the sentence is not this event's
    if after:
        return min(after, key=lambda c: c[0])[2]
    return min(pool, key=lambda c: c[0])[2]  # "X تعرض لهجوم": the clause's topic



MAX_PLACES_PER_TRIGGER = 10

NESTED_GAP = 30  # characters within which a country name qualifies the next place

COORDINATION_GAP = 40  # "في الحسكة والرقة في سوريا، وقرب الحديثة": short gaps only



def coordinated_places(text: str, cands: list[tuple[int, int, PlaceMention]], trig: Trigger,
                        limit: int) -> list[PlaceMention]:
    """Places after a trigger (up to ``limit``) that are coordinated ("X و Y", "X، Y"): each is
    a separate event.  A place nested in the one before ("حي X بمدينة Y") is not."""
    after = sorted((c for c in cands if trig.end <= c[0] < limit), key=lambda c: c[0])
    kept_after: list[tuple[int, int, PlaceMention]] = []
    for i, c in enumerate(after):
        nxt = after[i + 1] if i + 1 < len(after) else None
        if c[2].place.feature_type == "country" and (
                any(k[2].place.iso3 == c[2].place.iso3 for k in kept_after) or (
                nxt is not None and nxt[0] - c[1] <= NESTED_GAP
                and nxt[2].place.iso3 == c[2].place.iso3)):
            continue  # "دير الزور شرقي سوريا": the country only qualifies a nearer place
        kept_after.append(c)
    if any(k[2].place.feature_type != "country" for k in kept_after):
        kept_after = [k for k in kept_after if k[2].place.feature_type != "country"]
    after = kept_after
    groups: list[tuple[int, int, PlaceMention]] = []
    for c in after:
        if not groups:
            groups.append(c)
            continue
        gap = text[groups[-1][1]:c[0]]
        words = gap.split() + normalise(c[2].text).text.split()[:1]
        joined = "،" in gap or "," in gap or any(
            w.startswith("و") and w not in waw_words() for w in words)
        coordinated = len(gap) <= COORDINATION_GAP and joined
        if coordinated and all(g[2].place.id != c[2].place.id for g in groups):
            groups.append(c)
        elif not coordinated and finer(c[2], groups[-1][2]) and len(gap) <= NESTED_GAP:
            groups[-1] = c  # "في ريف حلب قريتي نبل": the town, not the countryside
    spots = [g[2] for g in groups[:MAX_PLACES_PER_TRIGGER]]
    if len(spots) > 1 and len({city_of(p) for p in spots}) == 1 and city_of(spots[0]):
        return spots[:1]  # "أحياء طريق الباب والصاخور وباب الحديد في حلب": one city, one event
    return spots



def city_of(m: PlaceMention) -> str:
    """The city a neighbourhood belongs to ("Aleppo - Sakhour" -> "Aleppo"), else ""."""
    p = m.place
    if p.feature_type != "neighbourhood" or " - " not in p.name_en:
        return ""
    return p.name_en.split(" - ", 1)[0]



def finer(place: PlaceMention, than: PlaceMention) -> bool:
    """``place`` names a spot inside ``than`` (a governorate, district or countryside)."""
    coarse = than.geo_precision >= 2 or than.place.feature_type in ("admin1", "admin2")
    return coarse and place.geo_precision < than.geo_precision and (
        place.place.admin1 == than.place.admin1)



def grievance_start(text: str, trig: Trigger, clause: tuple[int, int], code: str) -> int | None:
    """Where a protest's grievance begins ("ضد العمليات", "للاحتجاج على الضربات"): places
    after it are what the protest is about, not where it is held."""
    ana = load_anaphora()
    if ana.grievance is None or code[:2] not in ana.grievance_roots:
        return None
    m = ana.grievance.search(text, trig.start, clause[1])
    return max(m.start(), trig.end) if m else None



def origin_place(text: str, start: int) -> bool:
    """A place an attack came from, a distance reference, or the base aircraft took off from."""
    ana = load_anaphora()
    before = " ".join(text[:start].split()[-3:])
    if ana.origin and ana.origin.search(before):
        return True
    stretch = re.split(r"[،,.؛:()]", text[:start])[-1]
    return bool(ana.base and ana.base.search(" ".join(stretch.split()[-ana.base_window:])))



@functools.cache
def waw_words() -> frozenset[str]:
    """Words that begin with و without being و + word (``codebooks/ar/clauses.yaml``)."""
    data = read_yaml("ar/clauses.yaml")
    return frozenset(fold(str(w)) for w in data.get("waw_initial_words", []))



def set_place(event: Event, m: PlaceMention) -> None:
    p = m.place
    event.place = p
    event.country_iso3 = p.iso3
    event.admin1, event.admin2, event.admin3 = p.admin1, p.admin2, p.admin3
    event.location = p.name_en
    event.latitude, event.longitude = p.latitude, p.longitude
    event.geo_precision = m.geo_precision
