"""The working state of one source/target assignment (:mod:`coder.roles`).

The trigger's clause of one normalised sentence, its actor mentions (filtered: a country after
"في" is a place, an actor after "قال" reports the event, an actor across "إن/أن" belongs to
another clause) and grouped ("قوات النظام وحزب الله": the first conjunct stands for the group),
and the sides the rules have taken so far.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .actors import is_generic
from .lexicon import Trigger
from .model import Actor
from .role_markers import RoleMarkers

NEAR = 3  # characters of gap allowed between a marker and the actor it governs
REPORT_WORDS = 1  # words allowed between a reporting word and its speaker
SUBJECT_REACH = 25  # characters between a subject before a verb and the verb
SUPPORT_WORDS = 3  # words between a support verb's subject and the event noun
OBJECT_REACH = 50  # the object of a verb starts this close to the verb or its subject
AFFILIATION_REACH = 30  # a person and the word saying which group he belongs to
MEMBER_GAP = 8  # that word and the group's name
WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    actor: Actor


@dataclass
class Group:
    """Coordinated mentions ("قوات النظام وحزب الله"); the first one stands for the group."""

    spans: list[Span] = field(default_factory=list)

    @property
    def head(self) -> Span:
        return self.spans[0]

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


class RoleState:
    """The working state of one assignment."""

    def __init__(self, sentence: str, trigger: Trigger, clause: tuple[int, int],
                 actors: list[Span], mk: RoleMarkers,
                 fillers: Sequence[tuple[int, int]] = ()) -> None:
        self.text, self.trig, self.mk = sentence, trigger, mk
        self.fillers = sorted(fillers, reverse=True)
        self.lo, self.hi = clause
        actors, self.affiliated = _affiliate(sentence, actors, mk)
        self.all = sorted(actors, key=lambda s: (s.start, -s.end))
        inside = sorted((s for s in actors if self.lo <= s.start < self.hi),
                        key=lambda s: (s.start, -s.end))
        overlap = [s for s in inside if s.start < trigger.end and trigger.start < s.end]
        passive = trigger.entry.kind == "headline" or bool(
            mk.passive and mk.passive.search(trigger.text))
        # a mention inside the trigger is its own agent, but a passive trigger's is its victim
        self.own = [s for s in overlap if not passive or s.start <= trigger.start + NEAR]
        self.passive = passive
        self.spans = [s for s in inside if s not in self.own and not self.is_place(s)
                      and not self._other_clause(s)]
        self.groups = self._group(self.spans)
        self.source: Span | None = None
        self.target: Span | None = None
        self.used: set[int] = set()  # id() of spans taken
        self.rules: list[str] = []

    # --- filters ---------------------------------------------------------------------------

    def is_place(self, s: Span) -> bool:
        before = self.text[max(0, s.start - 20):s.start]
        if self.mk.place_noun and self.mk.place_noun.search(before):
            return True  # "حي الشرطة", "مخيم اليرموك": part of a place name
        if not s.actor.id.startswith("country@"):
            return False
        if self.text[s.start] in "بل":
            return True
        before = self.text[max(0, s.start - 20):s.start]
        return bool(self.mk.place_before and self.mk.place_before.search(before))

    def _other_clause(self, s: Span) -> bool:
        """Across "أن/إن" from the trigger: the actor belongs to another clause."""
        if s.end <= self.trig.start:
            return self._across(s.end, self.trig.start)
        return self._across(self.trig.end, s.start)

    def _across(self, lo: int, hi: int) -> bool:
        comp = self.mk.complementiser
        return comp is not None and lo < hi and comp.search(self.text, lo, hi) is not None

    def speaker(self, s: Span) -> bool:
        """An actor a few words after "قال", "بحسب" …: it reports the event."""
        if self.mk.reporting is None:
            return False
        for m in self.mk.reporting.finditer(self.text, max(self.lo, s.start - 40), s.start):
            if len(WORD_RE.findall(self.text[m.end():s.start])) <= REPORT_WORDS \
                    and not self._across(m.end(), s.start):
                return True
        return False

    def _instrument_actor(self, s: Span) -> bool:
        return s.actor.id.split("@", 1)[0] in self.mk.instrument_actors

    def weapon_headed(self, s: Span) -> bool:
        return bool(self.mk.instrument and self.mk.instrument.search(self.text[s.start:s.end]))

    def can_target(self, s: Span) -> bool:
        # "بالمدفعية", "مدعومة بقوات …": a mention with the clitic ب is a means or a helper
        return not (s.actor.id.startswith("country@") or self.text[s.start] == "ب"
                    or self.speaker(s)
                    or self._instrument_actor(s) or self.weapon_headed(s))

    def anonymous(self, s: Span) -> bool:
        """ "انتحاري": an attacker named only by his tactic is no side."""
        return s.actor.id.split("@", 1)[0] in self.mk.anonymous_agents

    def can_source(self, s: Span) -> bool:
        if self.anonymous(s):
            return False
        head = self.mk.object_head
        civil = self.trig.entry.root in self.mk.protest_roots  # protesters make a protest
        return (civil or s.actor.role not in self.mk.never_source_roles) and not (
            head and head.search(self.text[s.start:s.end]))

    def governed(self, g: Group) -> bool:
        """Right after a target marker ("على X") or a killing word ("بمقتل X"): an object or a
        victim, not a subject."""
        before = self.text[max(self.lo, g.start - 16):g.start]
        return any(m.end() >= len(before) - 1 for regex in (self.mk.target_after, self.mk.passive)
                   if regex is not None for m in regex.finditer(before))

    def _group(self, spans: list[Span]) -> list[Group]:
        groups: list[Group] = []
        for s in spans:
            joined = groups and not self.text[groups[-1].end:s.start].strip()
            if joined and self.text[s.start] == "و":
                groups[-1].spans.append(s)
            else:
                groups.append(Group([s]))
        return groups

    # --- helpers ---------------------------------------------------------------------------

    def gap(self, lo: int, hi: int) -> str:
        """The text between two positions without the date phrases in it ("شنت الشرطة لليوم
        الثاني على التوالي حملة"): a date does not part a subject from its verb."""
        out = self.text[lo:hi]
        for a, b in self.fillers:
            if lo <= a and b <= hi:
                out = out[:a - lo] + " " + out[b - lo:]
        return out

    def free(self, g: Group) -> bool:
        return not any(id(s) in self.used for s in g.spans)

    def group_at(self, pos: int, reach: int) -> Group | None:
        """The first free group starting within ``reach`` characters after ``pos``."""
        for g in self.groups:
            if self.free(g) and pos <= g.start <= pos + reach:
                return g
        return None

    def markers(self, regex: re.Pattern[str] | None, lo: int, hi: int) -> list[re.Match[str]]:
        if regex is None or lo >= hi:
            return []
        return list(regex.finditer(self.text, max(lo, self.lo), min(hi, self.hi)))

    def set_source(self, s: Span, rule: str) -> None:
        self.source = s
        self.used.add(id(s))
        self.rules.append(rule)

    def set_target(self, s: Span, rule: str) -> None:
        self.target = s
        self.used.add(id(s))
        self.rules.append(rule)

    def before(self) -> list[Group]:
        return [g for g in self.groups if self.free(g) and g.end <= self.trig.start]

    def after(self) -> list[Group]:
        return [g for g in self.groups if self.free(g) and g.start >= self.trig.end]


def _affiliate(text: str, actors: Sequence[Span], mk: RoleMarkers
               ) -> tuple[list[Span], set[tuple[int, int]]]:
    """ "انتحاري، يشتبه بأنه ينتمي لتنظيم داعش", "251 شخصا لانتمائهم إلى جماعة": generic people
    said to belong to a named group (``membership_roles``) are that group.  Returns the mentions
    with theirs replaced, and the positions replaced."""
    if mk.affiliation is None:
        return list(actors), set()
    out: list[Span] = []
    done: set[tuple[int, int]] = set()
    for s in actors:
        group = None
        if is_generic(s.actor):
            for m in mk.affiliation.finditer(text, s.end, s.end + AFFILIATION_REACH):
                if re.search(r"[.:؛]", text[s.end:m.start()]):
                    break
                group = next((x for x in actors if m.end() <= x.start <= m.end() + MEMBER_GAP
                              and x.actor.role in mk.membership_roles
                              and not is_generic(x.actor)), None)
                if group is not None:
                    break
        if group is not None:
            out.append(Span(s.start, s.end, group.actor))
            done.add((s.start, s.end))
        else:
            out.append(s)
    return out, done
