"""ACLED fields of a coded event: types, actors, inter codes, interaction and notes.

:func:`classify` maps a CAMEO code, the tactic words of the event's clause and the actors' types
to ACLED's event_type / sub_event_type / disorder_type / civilian_targeting through the ordered
rules of ``codebooks/acled/crosswalk.yaml`` (the first rule that matches wins).  The rule order
carries ACLED's hierarchy: a territory capture before a clash, a ground clash before the air or
artillery fire that supports it, an air strike before shelling in the same clause.

:func:`apply_acled` fills an :class:`~coder.model.Event`'s ACLED columns; :func:`make_notes`
writes ACLED-style English notes from the coded fields.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from . import actors
from .acled_crosswalk import Crosswalk, SubEvent, clause_tags, load_crosswalk
from .codebooks import read_csv
from .model import Actor, Event
from .normalise import normalise

CIVILIAN_TARGETING = "Civilian targeting"
DEMONSTRATION_TYPES = {"Protests", "Riots"}
POLITICAL_VIOLENCE = "Political violence"
_PERIOD = re.compile(r"\s*\(\d{4}-\d{0,4}\)")


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    civilian_targeting: str
    rule: str


def _side(actor: Actor | None, cw: Crosswalk) -> str:
    if actor is None:
        return ""
    if actor.inter in cw.civilian_inters or actor.role == "CVL":
        return "civilian"
    return "state" if actor.inter in cw.state_inters else "nonstate"


def _hinted_source(tags: list[tuple[int, int, str]]) -> str:
    for _, _, tag in tags:
        if tag == "state_hint":
            return "state"
        if tag == "nonstate_hint":
            return "nonstate"
    return ""


def _hinted_target(found: set[str]) -> str:
    if "civilians" in found:
        return "civilian"
    return "armed" if "armed" in found else ""


def classify(cameo_code: str, clause_text: str, source: Actor | None,
             target: Actor | None) -> AcledType | None:
    """ACLED types for a CAMEO-coded event; ``None`` when the event is outside ACLED's scope.

    ``clause_text`` is the original text of the event's clause; tactic words anywhere in it
    refine the type.  Without actors, the clause's actor hints stand in for their types.
    """
    cw = load_crosswalk()
    tags = clause_tags(normalise(clause_text).text)
    found = {t for _, _, t in tags}
    src_actor = _side(source, cw)
    src = src_actor or _hinted_source(tags)
    tgt = _side(target, cw) if target is not None else _hinted_target(found)
    if tgt == "state" or tgt == "nonstate":
        tgt = "armed"
    code = cameo_code.strip()
    for rule in cw.rules:
        if rule.applies(code, found, src, tgt, src_actor):
            sub = cw.sub_events[rule.sub_event]
            targeting = sub.civilian_targeting == "always" or (
                sub.civilian_targeting == "if_civilian_target" and tgt == "civilian")
            return AcledType(sub.event_type, sub.sub_event_type, sub.disorder_type,
                             CIVILIAN_TARGETING if targeting else "", rule.id)
    return None


@functools.cache
def _country_names() -> dict[str, str]:
    rows = read_csv("places/countries.csv", ["iso3", "name"], allow_extra=True)
    return {r["iso3"]: r["name"] for r in rows}


def country_name(event: Event) -> str:
    """ACLED's English name of the event's country ("" when unknown)."""
    if event.place is not None and event.place.country:
        return event.place.country
    return _country_names().get(event.country_iso3, "")


def _generic(key: str, country: str) -> tuple[str, str]:
    name, inter = load_crosswalk().generic[key]
    return name.format(country=country or "International"), inter


def _named(actor: Actor, event: Event) -> tuple[str, str]:
    on = event.event_date
    return (actors.acled_actor_name(actor, event.country_iso3, on),
            actors.acled_inter(actor, event.country_iso3, on))


def _is_civilian(actor: Actor | None) -> bool:
    return _side(actor, load_crosswalk()) == "civilian"


def _demonstration(event: Event, kind: AcledType, country: str) -> None:
    src, tgt = event.source_actor, event.target_actor
    if src is not None and not _is_civilian(src) and (tgt is None or _is_civilian(tgt)):
        src, tgt = tgt, src  # the force that intervened is the second actor
    key = "rioters" if kind.event_type == "Riots" else "protesters"
    event.actor1, event.inter1 = _generic(key, country)
    if src is not None:
        name = _named(src, event)[0]
        if name != event.actor1:
            event.assoc_actor_1 = name
    if kind.sub_event_type != "Peaceful protest" and tgt is not None:
        event.actor2, event.inter2 = _named(tgt, event)


def _violence_against_civilians(event: Event, country: str) -> None:
    src, tgt = event.source_actor, event.target_actor
    if _is_civilian(src) and tgt is not None and not _is_civilian(tgt):
        src, tgt = tgt, src  # civilians always go to actor2
    if src is not None:
        event.actor1, event.inter1 = _named(src, event)
    else:
        event.actor1, event.inter1 = _generic("unidentified", country)
    event.actor2, event.inter2 = _generic("civilians", country)
    if tgt is not None:
        name = _named(tgt, event)[0]
        if _is_civilian(tgt) and name.startswith(event.actor2.split(" (")[0]):
            event.actor2 = name
        else:
            event.assoc_actor_2 = name


def _other(event: Event, kind: AcledType, country: str) -> None:
    src, tgt = event.source_actor, event.target_actor
    if src is not None:
        event.actor1, event.inter1 = _named(src, event)
    elif kind.disorder_type == POLITICAL_VIOLENCE:
        event.actor1, event.inter1 = _generic("unidentified", country)
    if tgt is not None:
        event.actor2, event.inter2 = _named(tgt, event)
    elif kind.civilian_targeting:
        event.actor2, event.inter2 = _generic("civilians", country)
    if not event.actor1 and event.actor2:
        event.actor1, event.inter1, event.actor2, event.inter2 = (
            event.actor2, event.inter2, "", "")


def apply_acled(event: Event, clause_text: str) -> None:
    """Fill ``event``'s ACLED columns and notes; events outside ACLED's scope are left blank."""
    kind = classify(event.cameo_code, clause_text, event.source_actor, event.target_actor)
    if kind is None:
        return
    event.acled_event_type = kind.event_type
    event.acled_sub_event_type = kind.sub_event_type
    event.disorder_type = kind.disorder_type
    event.civilian_targeting = kind.civilian_targeting
    event.rules.append(f"acled:{kind.rule}")
    for name in ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2"):
        setattr(event, name, "")
    country = country_name(event)
    if kind.event_type in DEMONSTRATION_TYPES and kind.sub_event_type != "Mob violence":
        _demonstration(event, kind, country)
    elif kind.event_type == "Violence against civilians":
        _violence_against_civilians(event, country)
    else:
        _other(event, kind, country)
    event.interaction = (actors.interaction_text(event.inter1, event.inter2)
                         if event.inter1 else "")
    event.notes = make_notes(event)


def _date_phrase(day: dt.date, precision: int) -> str:
    text = f"{day.day} {day:%B %Y}"
    if precision == 2:
        return f"Around {text} (week of)"
    if precision >= 3:
        return f"In {day:%B %Y}"
    return f"On {text}"


def _fatalities(n: int) -> str:
    if n <= 0:
        return "No fatalities."
    return "1 fatality." if n == 1 else f"{n} fatalities."


def _place(event: Event, country: str) -> str:
    if event.location and event.admin1 and event.admin1 != event.location:
        return f"{event.location} ({event.admin1})"
    return event.location or event.admin1 or country


def _plain(name: str) -> str:
    """An ACLED name without its government period: "Military Forces of Syria"."""
    return _PERIOD.sub("", name)


def _sub_event(event: Event) -> SubEvent | None:
    return load_crosswalk().sub_events.get(event.acled_sub_event_type)


def make_notes(event: Event) -> str:
    """English notes in ACLED's style:
    "On 18 November 2023, <actor1> fired rockets/shells at <actor2> in <place>. No fatalities."
    """
    sub = _sub_event(event)
    country = country_name(event)
    unknown = load_crosswalk().generic["unknown_in_notes"][0]
    actor1 = _plain(event.actor1 or event.source_actor_name or unknown)
    actor2 = _plain(event.actor2 or event.target_actor_name)
    if sub is None:
        body = f"{actor1} was involved in an event"
    elif actor2:
        body = sub.notes.format(actor1=actor1, actor2=actor2)
    else:
        body = sub.notes_alone.format(actor1=actor1, actor2="")
    place = _place(event, country)
    where = f" in {place}" if place else ""
    return (f"{_date_phrase(event.event_date, event.time_precision)}, {body}{where}. "
            f"{_fatalities(event.fatalities)}")
