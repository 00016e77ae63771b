"""Sides of an event that its own sentence leaves unnamed, from the rest of the report.

:func:`coder.roles.assign_roles` reads one sentence.  A news report often names a side once and
then goes on: "شنت طائرات التحالف 20 غارة ... وأصابت الغارات أهدافا قرب الموصل".  This module keeps
what the report has said so far (:class:`ReportSides`) and fills the gaps of an event from it,
and holds the event-level role conventions that need more than the sentence: the places of a
strike on two sides ("على معسكرات الحزب في العراق ومقاتلي داعش في سوريا"), the unnamed dead of a
bombing, the country of people arrested where no place is named, and protesters as the source of
their protest.  Word and code lists are in ``codebooks/ar/events/agents.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .actors import generic_actor, is_state, localise
from .dedup import CURRENT_DAYS
from .model import Actor, Event
from .role_markers import load_role_markers
from .roles import Span


@dataclass
class ReportSides:
    """The sides a report published on ``pub`` has named so far."""

    pub: dt.date = dt.date.min
    last_source: Actor | None = None  # the source of the last violent event coded
    last_target: Actor | None = None  # and its target
    last_code: str = ""  # and its CAMEO code
    last_date: dt.date | None = None  # and its date
    enemies: dict[str, Actor] = field(default_factory=dict)  # CAMEO code -> its armed enemy

    def current(self, day: dt.date | None) -> bool:
        return day is not None and (self.pub - day).days <= CURRENT_DAYS

    def remember(self, source: Actor, target: Actor | None, code: str, day: dt.date) -> None:
        """Keep the sides of a violent event (or of a summary of strikes)."""
        self.last_source, self.last_target, self.last_code, self.last_date = (
            source, target, code, day)

    def enemy(self, source: Actor, target: Actor, day: dt.date) -> None:
        """Two armed sides named fighting each other in current news are each other's enemy
        (both as localised to the event's country); two organs of one state are not."""
        never = load_role_markers().never_source_roles
        one_state = is_state(source) and is_state(target) and source.country == target.country
        if self.current(day) and target.role not in never and source.role not in never \
                and source.cameo_code != target.cameo_code and not one_state:
            self.enemies[source.cameo_code] = target
            self.enemies[target.cameo_code] = source

    def carried(self, code: str, anaphoric: bool, source: Actor | None, target: Actor | None,
                day: dt.date, home: str, rules: list[str]
                ) -> tuple[Actor | None, Actor | None]:
        """Fill an event's unnamed sides.

        The side and enemy of the last violent event carry to an event told again with a
        definite noun ("الغارات", ``anaphoric``) or to one more strike of a series
        (``series_codes``), between events of one CAMEO root, both current news or of the same
        day; its enemy only to the same side.  Failing that, a side's target is the armed enemy it
        fought in an earlier current event of the report, for a use of force (``enemy_roots``).
        """
        last = self.last_source
        same = self.last_date == day or (self.current(day) and self.current(self.last_date))
        if last is not None and code[:2] == self.last_code[:2] and same:
            series = load_role_markers().series_codes
            if source is None and (anaphoric or (
                    code[:3] == self.last_code[:3] and code[:3] in series)):
                source = last
                rules.append("role:source-from-previous-report")
            if target is None and source is not None and self.last_target is not None and \
                    source.cameo_code == last.cameo_code:
                target = self.last_target  # the same side's further strikes: the same enemy
                rules.append("role:target-from-previous-report")
        side = localise(source, home, self.pub).cameo_code if source is not None else ""
        fights = code[:2] in load_role_markers().enemy_roots
        if target is None and fights and self.current(day) and side in self.enemies:
            target = self.enemies[side]  # the side it fights in this report
            rules.append("role:target-enemy-in-report")
        return source, target


def unnamed_dead(code: str, killed: int | None, target: Actor | None,
                 rules: list[str]) -> Actor | None:
    """ "تفجير سيارة مفخخة أسفر عن مقتل 20": the dead of a bombing whom the text does not name
    are civilians (``casualty_codes``, ``casualty_agent``)."""
    mk = load_role_markers()
    if target is not None or not killed or not mk.casualty_agent or \
            not any(code.startswith(c) for c in mk.casualty_codes):
        return target
    rules.append("role:unnamed-dead-are-civilians")
    return generic_actor(mk.casualty_agent)


def home_country(code: str, source: Actor | None, hint: str) -> str:
    """The country of an event that names no place: police work (``police_codes``) is done at
    home, so the people it arrests are of the police's country; else the report's country."""
    if source is not None and source.country and code in load_role_markers().police_codes:
        return source.country
    return hint


def per_place_targets(spots: Sequence[tuple[int, object]], actors: Sequence[Span],
                      trigger_end: int, source: Actor | None, target: Actor | None
                      ) -> list[Actor | None]:
    """ "ضربات على معسكرات الحزب في العراق ومقاتلي داعش في سوريا": with coordinated places, each
    place's target is the actor named right before it, when the places split the sentence's
    targets between them.  ``spots`` are (start, place) in the actors' coordinates, in order."""
    plain = [target] * len(spots)
    if target is None or len(spots) < 2:
        return plain
    starts = [s for s, _ in spots]
    found: list[Actor | None] = []
    lo = trigger_end
    for start in starts:
        near = [a for a in actors if lo <= a.start and a.end <= start
                and not a.actor.id.startswith("country@") and a.actor != source]
        found.append(near[-1].actor if near else None)
        lo = start
    if any(a is None for a in found) or len({a.cameo_code for a in found if a}) < 2 or \
            target not in found:
        return plain
    return found


def protesters_first(event: Event) -> None:
    """A protest is the protesters' event (``protest_roots``): the force that met them is its
    target, as ACLED makes the protesters its first actor."""
    mk = load_role_markers()
    src, tgt = event.source_actor, event.target_actor
    if event.cameo_root in mk.protest_roots and src is not None and tgt is not None and \
            tgt.role in mk.never_source_roles and src.role not in mk.never_source_roles:
        event.source_actor, event.target_actor = tgt, src
        event.source_actor_code, event.target_actor_code = tgt.cameo_code, src.cameo_code
        event.source_actor_name, event.target_actor_name = tgt.name, src.name
        event.rules.append("role:protesters-first")
