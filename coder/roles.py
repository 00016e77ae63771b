"""Source and target assignment for a trigger, from agent markers and word order.

Works in the coordinates of one normalised sentence.  Actor mentions of the trigger's clause are
first filtered (a country after "في" is a place; an actor after "قال"/"بحسب" reports the event; an
actor across "إن/أن" belongs to another clause) and coordinated mentions ("قوات النظام وحزب الله")
are grouped, the first conjunct standing for the group.  Rules, in order:

1. a mention that contains the trigger ("غارة روسية", "قصف الطيران الروسي") is the source;
2. an actor right after a source marker (من قبل, على يد, بنيران, نفذها …) is the source;
3. "بين X و Y" (or "بين X من جهة و Y") names both sides, X the source;
4. the victims of a killing/passive word before the trigger ("قتل 5 مدنيين في غارة") are the
   target;
5. an actor after a target marker (على, ضد, استهدف …) near the trigger is the target;
6. a passive or killing-headline trigger ("تعرض X لقصف", "مقتل X") makes the nearby actor the
   target, and a weapon-headed mention ("بغارة لطيران التحالف") the source;
   a verb takes the actor just before it (SVO) or just after it (VSO) as source and the next
   actor after it as target; a noun takes the actor joined to it (idafa, ل, من) or else the
   subject of its support verb ("شنت تركيا ضربات", "الطيران نفذ غارات") as source;
7. with no target yet, the victims of a killing word after the trigger ("أدى إلى مقتل شخصين").
A side stays empty rather than being guessed.  Civilians are never a source (they become the
target), weapons ("البراميل المتفجرة") never a target, and a bare country never a target.
The marker lists are in ``codebooks/ar/events/agents.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .actor_book import load_book
from .actors import state_organ
from .codebooks import CodebookError, LineDict, read_yaml
from .lexicon import Trigger
from .model import Actor
from .normalise import fold

FILE = "ar/events/agents.yaml"
NEAR = 3  # characters of gap allowed between a marker and the actor it governs
TARGET_NEAR = 11  # gap between a target marker and its actor ("على مواقع ...")
VERB_REACH = 14  # characters between a verb and the actor that is its subject after it
SUBJECT_REACH = 25  # characters between a subject before a verb and the verb
SUPPORT_REACH = 40  # between the subject of a support verb and the event noun after it
TARGET_REACH = 45  # a target marker this far after the trigger still governs it
NEAR_REACH = 15  # the same for the markers that must stand right after the trigger
BETWEEN_REACH = 100  # "اشتباكات عنيفة ... بين": the between marker after the trigger
CHAIN_GAP = 12  # "بين X مدعمة بـ Y و Z": gap between the mentions of one list
OBJECT_REACH = 50  # the object of a verb starts this close to the verb or its subject
SUPPORT_WORDS = 3  # words between a support verb's subject and the event noun
VICTIM_REACH = 25  # a killing word and the victims after it
REPORT_WORDS = 1  # words allowed between a reporting word and its speaker
SOURCE_GAP = 8  # "تبنى بعضها تنظيم …": gap between a source marker and its actor

FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})  # CAMEO roots of the use of force
_WORD_START = r"(?<![\w])"
_WORD_END = r"(?![\w])"
_SUFFIX = r"(?:ه|ها|هم|هما)?"
_WORD_RE = re.compile(r"[^\W_]+")

_LISTS = {  # key -> may the term take an attached pronoun
    "source_after": True,
    "source_before": False,
    "target_after": True,
    "target_near": False,
    "pair_between": False,
    "pair_side": False,
    "passive_markers": True,
    "reporting": False,
    "complementiser": False,
    "place_prepositions": False,
    "instrument_words": False,
    "object_heads": False,
    "instrument_actors": False,
    "never_source_roles": False,
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    actor: Actor


@dataclass(frozen=True)
class RoleMarkers:
    source_after: re.Pattern[str] | None
    source_before: re.Pattern[str] | None  # "أعلن X مسؤوليته": the actor before it
    target_after: re.Pattern[str] | None
    target_near: re.Pattern[str] | None
    pair_between: re.Pattern[str] | None
    pair_side: re.Pattern[str] | None
    passive: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    complementiser: re.Pattern[str] | None
    place_before: re.Pattern[str] | None  # a place preposition ending the text before a name
    instrument: re.Pattern[str] | None  # a mention whose text starts with a weapon word
    object_head: re.Pattern[str] | None  # a mention whose text starts with a site word
    country_source_organ: str  # a bare country as source stands for this organ
    instrument_actors: frozenset[str]
    never_source_roles: frozenset[str]


def _alternation(terms: tuple[str, ...]) -> str:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in ordered)


def _regex(terms: tuple[str, ...], suffix: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile(_WORD_START + r"[وف]?(?:" + _alternation(terms) + ")"
                      + (_SUFFIX if suffix else "") + _WORD_END)


def _terms(data: LineDict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise data.error(f"{key!r} must be a list of non-empty strings")
    return tuple(str(v).strip() for v in value)


@functools.cache
def load_role_markers() -> RoleMarkers:
    """The validated marker lists of ``codebooks/ar/events/agents.yaml`` (cached)."""
    data = read_yaml(FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{FILE}", None, "expected a mapping")
    unknown = sorted(set(data) - set(_LISTS) - {"country_source_organ"})
    if unknown:
        raise data.error(f"unknown key(s) {unknown}")
    raw = {key: _terms(data, key) for key in _LISTS}
    words = {key: tuple(" ".join(fold(t).split()) for t in raw[key]) for key in _LISTS}
    book = load_book()
    for ident in raw["instrument_actors"]:
        if ident not in book.entries:
            raise data.error(f"instrument_actors: {ident!r} is not an actor id")
    for role in raw["never_source_roles"]:
        if role not in book.roles:
            raise data.error(f"never_source_roles: {role!r} is not a CAMEO role code")
    place = words["place_prepositions"]
    instrument = words["instrument_words"]
    heads = words["object_heads"]
    organ = str(data.get("country_source_organ") or "")
    if organ and (organ not in book.entries or book.entries[organ].kind != "organ"):
        raise data.error(f"country_source_organ: {organ!r} is not an organ id")
    return RoleMarkers(
        source_after=_regex(words["source_after"], True),
        source_before=_regex(words["source_before"], False),
        target_after=_regex(words["target_after"], True),
        target_near=_regex(words["target_near"], False),
        pair_between=_regex(words["pair_between"], False),
        pair_side=_regex(words["pair_side"], False),
        passive=_regex(words["passive_markers"], True),
        reporting=_regex(words["reporting"], False),
        complementiser=_regex(words["complementiser"], False),
        place_before=re.compile(_WORD_START + r"[وف]?(?:" + _alternation(place) + r")\s*$")
        if place else None,
        instrument=re.compile(r"^[وف]?(?:بال|لل|ال|ب|ل)?(?:" + _alternation(instrument) + ")"
                              + r"(?:ات|ه|ها)?" + _WORD_END) if instrument else None,
        object_head=re.compile(r"^[وف]?(?:بال|لل|ال|ب|ل)?(?:" + _alternation(heads) + ")"
                               + _WORD_END) if heads else None,
        country_source_organ=organ,
        instrument_actors=frozenset(raw["instrument_actors"]),
        never_source_roles=frozenset(raw["never_source_roles"]),
    )


@dataclass
class _Group:
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


class _Roles:
    """The working state of one assignment."""

    def __init__(self, sentence: str, trigger: Trigger, clause: tuple[int, int],
                 actors: list[Span], mk: RoleMarkers) -> None:
        self.text, self.trig, self.mk = sentence, trigger, mk
        self.lo, self.hi = clause
        inside = sorted((s for s in actors if self.lo <= s.start < self.hi),
                        key=lambda s: (s.start, -s.end))
        overlap = [s for s in inside if s.start < trigger.end and trigger.start < s.end]
        passive = trigger.entry.kind == "headline" or bool(
            mk.passive and mk.passive.search(trigger.text))
        # a mention inside the trigger is its own agent, but a passive trigger's is its victim
        self.own = [s for s in overlap if not passive or s.start <= trigger.start + NEAR]
        self.passive = passive
        self.spans = [s for s in inside if s not in self.own and not self._is_place(s)
                      and not self._other_clause(s)]
        self.groups = self._group(self.spans)
        self.source: Span | None = None
        self.target: Span | None = None
        self.used: set[int] = set()  # id() of spans taken
        self.rules: list[str] = []

    # --- filters ---------------------------------------------------------------------------

    def _is_place(self, s: Span) -> bool:
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

    def _speaker(self, s: Span) -> bool:
        """An actor a few words after "قال", "بحسب" …: it reports the event."""
        if self.mk.reporting is None:
            return False
        for m in self.mk.reporting.finditer(self.text, max(self.lo, s.start - 40), s.start):
            if len(_WORD_RE.findall(self.text[m.end():s.start])) <= REPORT_WORDS \
                    and not self._across(m.end(), s.start):
                return True
        return False

    def _instrument_actor(self, s: Span) -> bool:
        return s.actor.id.split("@", 1)[0] in self.mk.instrument_actors

    def _weapon_headed(self, s: Span) -> bool:
        return bool(self.mk.instrument and self.mk.instrument.search(self.text[s.start:s.end]))

    def can_target(self, s: Span) -> bool:
        # "بالمدفعية", "مدعومة بقوات …": a mention with the clitic ب is a means or a helper
        return not (s.actor.id.startswith("country@") or self.text[s.start] == "ب"
                    or self._speaker(s)
                    or self._instrument_actor(s) or self._weapon_headed(s))

    def can_source(self, s: Span) -> bool:
        head = self.mk.object_head
        return s.actor.role not in self.mk.never_source_roles and not (
            head and head.search(self.text[s.start:s.end]))

    def governed(self, g: _Group) -> bool:
        """Right after a target marker ("على X"): an object, not a subject."""
        if self.mk.target_after is None:
            return False
        before = self.text[max(self.lo, g.start - 16):g.start]
        return any(m.end() >= len(before) - 1 for m in self.mk.target_after.finditer(before))

    def _group(self, spans: list[Span]) -> list[_Group]:
        groups: list[_Group] = []
        for s in spans:
            joined = groups and not self.text[groups[-1].end:s.start].strip()
            if joined and self.text[s.start] == "و":
                groups[-1].spans.append(s)
            else:
                groups.append(_Group([s]))
        return groups

    # --- helpers ---------------------------------------------------------------------------

    def free(self, g: _Group) -> bool:
        return not any(id(s) in self.used for s in g.spans)

    def group_at(self, pos: int, reach: int) -> _Group | None:
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

    def before(self) -> list[_Group]:
        return [g for g in self.groups if self.free(g) and g.end <= self.trig.start]

    def after(self) -> list[_Group]:
        return [g for g in self.groups if self.free(g) and g.start >= self.trig.end]


# --- the rules, in order -------------------------------------------------------------------------


def _own_mention(r: _Roles) -> None:
    """A mention that contains the trigger: "غارة روسية", "قصف الطيران المروحي"."""
    for s in r.own:
        if r.can_source(s) and not r._speaker(s):
            r.set_source(s, "role:own-mention")
            return


def _source_markers(r: _Roles) -> None:
    for m in r.markers(r.mk.source_before, r.lo, r.hi):
        g = next((g for g in reversed(r.groups) if r.free(g) and g.end <= m.start()), None)
        if g is not None and m.start() - g.end <= NEAR + 1 and r.can_source(g.head):
            r.set_source(g.head, f"role:source-before:{m.group(0).strip()}")
            return
    for m in r.markers(r.mk.source_after, r.lo, r.hi):
        g = r.group_at(m.end(), SOURCE_GAP)
        if g is not None and r.can_source(g.head):
            r.set_source(g.head, f"role:source-after:{m.group(0).strip()}")
            return


def _between(r: _Roles) -> None:
    for m in r.markers(r.mk.pair_between, r.trig.end, r.trig.end + BETWEEN_REACH):
        first = next((s for s in r.spans if m.end() <= s.start <= m.end() + NEAR + 1
                      and id(s) not in r.used), None)
        if first is None:
            continue
        second: Span | None = None
        for side in r.markers(r.mk.pair_side, first.end, r.hi):
            second = next((s for s in r.spans if side.end() <= s.start <= side.end() + 8
                           and id(s) not in r.used), None)
            break
        if second is None:  # the last mention of the list that follows the first side
            end = first.end
            for s in r.spans:
                if s.start >= end and s.start - end <= CHAIN_GAP and id(s) not in r.used:
                    second, end = s, s.end
        if r.source is None:
            r.set_source(first, "role:between")
        if second is not None and r.target is None and r.can_target(second):
            r.set_target(second, "role:between")
        return


def _victims(r: _Roles, lo: int, hi: int, rule: str) -> None:
    """The actor just after a killing/passive word in ``[lo, hi)`` is the target."""
    for m in reversed(r.markers(r.mk.passive, lo, hi)):
        g = r.group_at(m.end(), VICTIM_REACH)
        if g is not None and r.can_target(g.head) and (g.end <= hi or hi >= r.hi) \
                and r.text[m.end():g.start].strip() != "من":  # "تعرض … من": an agent
            r.set_target(g.head, rule)
            return
        # "X قتلوا خلال اشتباكات": the victims stand before the killing word
        g = next((g for g in reversed(r.groups) if r.free(g) and g.end <= m.start()), None)
        if g is not None and m.start() - g.end <= NEAR + 1 and m.start() >= r.lo \
                and r.can_target(g.head) and hi <= r.trig.start:
            r.set_target(g.head, rule)
            return


def _target_markers(r: _Roles) -> None:
    for regex, reach, gap in ((r.mk.target_near, NEAR_REACH, NEAR + 1),
                              (r.mk.target_after, TARGET_REACH, TARGET_NEAR)):
        for m in r.markers(regex, r.trig.end, r.trig.end + reach):
            g = r.group_at(m.end(), gap)
            if g is None:
                continue
            if r.target is not None:
                # "X قتلوا خلال اشتباكات مع Y": X is the victim, so Y is the other side
                if regex is r.mk.target_near and r.source is None and r.can_source(g.head):
                    r.set_source(g.head, f"role:opponent-after:{m.group(0).strip()}")
                return
            if r.can_target(g.head):
                r.set_target(g.head, f"role:target-after:{m.group(0).strip()}")
                return


def _passive(r: _Roles) -> None:
    if r.target is None:
        after, before = r.after(), r.before()
        if after and after[0].start - r.trig.end <= VERB_REACH and r.can_target(after[0].head):
            r.set_target(after[0].head, "role:passive-target")
        elif before and r.can_target(before[-1].head):
            r.set_target(before[-1].head, "role:passive-target")
    _weapon_source(r)


def _weapon_source(r: _Roles) -> None:
    """ "بغارة لطيران التحالف", "في قصف من طيران حربي": the weapon's owner is the source."""
    if r.source is not None:
        return
    for g in r.groups:
        if r.free(g) and r._weapon_headed(g.head) and r.can_source(g.head):
            r.set_source(g.head, "role:weapon-owner")
            return


def _verb(r: _Roles) -> None:
    if r.source is None:
        before, after = r.before(), r.after()
        near_before = before[-1] if before and r.trig.start - before[-1].end <= SUBJECT_REACH \
            and not re.search(r"[,،]", r.text[before[-1].end:r.trig.start]) else None
        if near_before is not None and not r.can_source(near_before.head):
            near_before = None
        if after and not r.can_source(after[0].head):
            after = []
        near_after = after[0] if after and after[0].start - r.trig.end <= VERB_REACH else None
        if near_before is not None and not r._speaker(near_before.head):
            r.set_source(near_before.head, "role:subject-before-verb")
        elif near_after is not None and not r._speaker(near_after.head):
            r.set_source(near_after.head, "role:subject-after-verb")
        elif before and not r._speaker(before[-1].head) and r.can_source(before[-1].head) \
                and not r.governed(before[-1]):
            r.set_source(before[-1].head, "role:subject-before-verb")
    if r.target is None:
        start = max(r.trig.end, r.source.end if r.source is not None else 0)
        for g in r.after():
            if g.start - start > OBJECT_REACH:
                break
            if g.start >= start and r.can_target(g.head):
                r.set_target(g.head, "role:object-after-verb")
                break


def _noun(r: _Roles) -> None:
    if r.source is None:
        after = r.after()
        if after:
            gap = r.text[r.trig.end:after[0].start].strip()
            words = gap.split()
            joined = r.text[after[0].start] == "ل" or (words and words[-1] == "من")
            if len(gap) <= 2 or gap in ("من", "ل") or (len(words) <= 2 and joined):
                if r.can_source(after[0].head):
                    r.set_source(after[0].head, "role:noun-agent")
    _weapon_source(r)
    if r.source is None:
        before = [g for g in r.before() if r.can_source(g.head)]
        if before and r.trig.start - before[-1].end <= SUPPORT_REACH \
                and len(_WORD_RE.findall(r.text[before[-1].end:r.trig.start])) <= SUPPORT_WORDS \
                and not r._speaker(before[-1].head) and not r.governed(before[-1]):
            r.set_source(before[-1].head, "role:noun-support-verb")


def assign_roles(
    sentence: str, trigger: Trigger, clause: tuple[int, int], actors: list[Span]
) -> tuple[Actor | None, Actor | None, list[str]]:
    """Return (source, target, rules that fired) for ``trigger`` in ``sentence``.

    ``sentence`` is normalised text, ``clause`` the trigger's clause and ``actors`` the actor
    mentions of the sentence, all in the same coordinates.
    """
    mk = load_role_markers()
    r = _Roles(sentence, trigger, clause, actors, mk)
    _source_markers(r)
    if r.source is None:
        _own_mention(r)
    _between(r)
    if r.target is None:
        _victims(r, r.lo, r.trig.start, "role:victims-before")
    _target_markers(r)
    kind = trigger.entry.kind
    if r.passive:
        _passive(r)
    elif kind == "verb":
        _verb(r)
    else:
        _noun(r)
    if r.target is None:
        _victims(r, r.trig.end, r.hi, "role:victims-after")
    source, target = r.source, r.target
    if source is not None and not r.can_source(source):
        if target is None:
            target = source
        source = None
        r.rules.append("role:civilians-not-source")
    if target is not None and source is not None and target.actor == source.actor:
        target = None
    src = source.actor if source else None
    if src is not None and mk.country_source_organ and src.id.startswith("country@") \
            and trigger.entry.root in FORCE_ROOTS:
        src = state_organ(src, mk.country_source_organ)
        r.rules.append("role:country-as-forces")
    return (src, target.actor if target else None, r.rules)
