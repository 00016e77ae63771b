"""Source and target assignment for a trigger, from agent markers and word order.

Works in the coordinates of one normalised sentence, on the trigger's clause as
:class:`coder.role_state.RoleState` filters and groups its actor mentions.  Rules, in order:

1. an actor right after a source marker (من قبل, على يد, بنيران, نفذها …) near the trigger, or
   right before "مسؤوليته", is the source;
2. a mention that contains the trigger ("غارة روسية", "قصف الطيران الروسي") is the source;
3. "بين X و Y" (or "بين X من جهة و Y") names both sides, X the source;
4. the victims of a killing/passive word before the trigger ("قتل 5 مدنيين في غارة", also
   "عناصر حزب الله بينهم قيادي قتلوا") are the target;
5. an actor after a target marker (على, ضد, استهدف, عند مرور …) near the trigger is the target;
6. an event noun after ب is the means of the verb before it ("استهدفوا X بتسع ضربات"); the owner
   of a site hit is the target ("مراكز تدريب لداعش") (:mod:`coder.role_objects`);
7. a passive or killing-headline trigger ("تعرض X لقصف", "مقتل X") makes the nearby actor the
   target, the subject of an agency verb ("تمكنت قوة من الجيش من قتل") or a weapon-headed mention
   ("بغارة لطيران التحالف") the source;
   a verb takes the actor just before it (SVO) or just after it (VSO) as source and the next
   actor after it as target; a noun takes the actor joined to it (idafa, ل, من) or else the
   subject of its support verb ("شنت تركيا ضربات", "الطيران نفذ غارات") as source;
8. with no target yet, the victims of a killing word after the trigger ("أدى إلى مقتل شخصين"),
   or, for a protest, the force that met it.
Then generic people said to belong to a group become that group, the people arrested in a
campaign against a group become it, a suicide bomber alone is no side, a source without a
country takes the trigger's nisba ("ضربة إسرائيلية نفذتها طائرة"), a bare country using force is
its army and a government making arrests its police.  Date phrases (``fillers``) do not part a
subject from its verb.  A side stays empty rather than being guessed.  Civilians are never a
source but in a protest (they become the target), weapons ("البراميل المتفجرة") never a target,
and a bare country never a target.  The marker lists are in ``codebooks/ar/events/agents.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .actors import as_organ, is_generic, localise, state_organ
from .lexicon import Trigger
from .model import Actor
from .role_markers import load_role_markers
from .role_objects import (
    agent_of_active,
    instrument_of_verb,
    member_target,
    possessed_object,
    protest_force,
)
from .role_state import (
    NEAR,
    OBJECT_REACH,
    SUBJECT_REACH,
    SUPPORT_WORDS,
    WORD_RE,
    RoleState,
    Span,
)

TARGET_NEAR = 11  # gap between a target marker and its actor ("على مواقع ...")
VERB_REACH = 14  # characters between a verb and the actor that is its subject after it
SUPPORT_REACH = 40  # between the subject of a support verb and the event noun after it
TARGET_REACH = 45  # a target marker this far after the trigger still governs it
NEAR_REACH = 15  # the same for the markers that must stand right after the trigger
BETWEEN_REACH = 100  # "اشتباكات عنيفة ... بين": the between marker after the trigger
CHAIN_GAP = 12  # "بين X مدعمة بـ Y و Z": gap between the mentions of one list
VICTIM_REACH = 25  # a killing word and the victims after it
SOURCE_GAP = 8  # "تبنى بعضها تنظيم …": gap between a source marker and its actor
INCLUSION_WORDS = 6  # "X بينهم قيادي في مجموعة النخبة قتلوا": words of the apposition
MARKER_REACH = 100  # a source marker ("تبناه", "من قبل") this far after the trigger governs it

FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})  # CAMEO roots of the use of force


# --- the rules, in order -------------------------------------------------------------------------


def _own_mention(r: RoleState) -> None:
    """A mention that contains the trigger: "غارة روسية", "قصف الطيران المروحي"."""
    for s in r.own:
        if r.anonymous(s):
            r.rules.append("role:anonymous-attacker")  # "هجوم انتحاري": a tactic, not a side
        elif r.can_source(s) and not r.speaker(s):
            r.set_source(s, "role:own-mention")
            return


def _source_markers(r: RoleState) -> None:
    for m in r.markers(r.mk.source_before, r.lo, r.hi):
        g = next((g for g in reversed(r.groups) if r.free(g) and g.end <= m.start()), None)
        if g is not None and m.start() - g.end <= NEAR + 1 and r.can_source(g.head):
            r.set_source(g.head, f"role:source-before:{m.group(0).strip()}")
            return
    # the marker nearest the trigger: after it (a claim further on is another event's), or just
    # before it ("قتل مدنيان على يد مسلحين في هجوم")
    after = [m for m in r.markers(r.mk.source_after, r.trig.start, r.hi)
             if len(r.gap(r.trig.end, m.start())) <= MARKER_REACH]
    before = [m for m in r.markers(r.mk.source_after, r.lo, r.trig.start)
              if len(r.gap(m.end(), r.trig.start)) <= SUPPORT_REACH]
    for m in [*after, *reversed(before)]:
        g = r.group_at(m.end(), SOURCE_GAP)
        if g is not None and r.can_source(g.head):
            r.set_source(g.head, f"role:source-after:{m.group(0).strip()}")
            return


def _between(r: RoleState) -> None:
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


def _victims(r: RoleState, lo: int, hi: int, rule: str) -> None:
    """The actor just after a killing/passive word in ``[lo, hi)`` is the target."""
    for m in reversed(r.markers(r.mk.passive, lo, hi)):
        g = r.group_at(m.end(), VICTIM_REACH)
        if g is not None and r.can_target(g.head) and (g.end <= hi or hi >= r.hi) \
                and r.text[m.end():g.start].strip() != "من":  # "تعرض … من": an agent
            r.set_target(g.head, rule)
            return
        # "X قتلوا خلال اشتباكات": the victims stand before the killing word
        g = next((g for g in reversed(r.groups) if r.free(g) and g.end <= m.start()), None)
        if g is not None and (m.start() - g.end <= NEAR + 1 or _inclusion(r, g.end, m.start())) \
                and m.start() >= r.lo and r.can_target(g.head) and hi <= r.trig.start:
            r.set_target(g.head, rule)
            return


def _inclusion(r: RoleState, lo: int, hi: int) -> bool:
    """ "عناصر حزب الله بينهم قيادي في مجموعة النخبة قتلوا": a short apposition."""
    gap = r.text[lo:hi]
    m = r.mk.inclusion.match(gap.lstrip()) if r.mk.inclusion else None
    return m is not None and not re.search(r"[,،.:؛]", gap) \
        and len(WORD_RE.findall(gap)) <= INCLUSION_WORDS


def _target_markers(r: RoleState) -> None:
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


def _passive(r: RoleState) -> None:
    agent_of_active(r)
    _active_killing(r)
    if r.target is None:
        after, before = r.after(), r.before()
        if after and after[0].start - r.trig.end <= VERB_REACH and r.can_target(after[0].head):
            r.set_target(after[0].head, "role:passive-target")
        elif before and r.can_target(before[-1].head):
            r.set_target(before[-1].head, "role:passive-target")
    _weapon_source(r)
    if r.source is None and r.trig.entry.kind == "noun":
        _support_subject(r)  # "تنفيذ الاستخبارات عمليات اعتقال"


def _active_killing(r: RoleState) -> None:
    """ "قتل مسلحون مجهولون خمسة مدنيين", "قتل انتحاري ينتمي لداعش 32 شخصا": a killing word
    followed by an armed actor and then by people is active: the first kills the others."""
    after = r.after()
    if r.source is not None or r.target is not None or not after or r.trig.entry.kind == "noun" \
            or len(r.gap(r.trig.end, after[0].start)) > VERB_REACH \
            or not r.can_source(after[0].head):
        return
    killer = after[0].head
    for g in after[1:]:
        if g.start - killer.end > VICTIM_REACH * 2:
            return
        if g.head.actor == killer.actor:
            continue  # the killer told again ("... ينتمي لتنظيم داعش")
        if g.head.actor.role in r.mk.never_source_roles and r.can_target(g.head):
            r.set_source(killer, "role:active-killing")
            r.set_target(g.head, "role:active-killing")
        return


def _weapon_source(r: RoleState) -> None:
    """ "بغارة لطيران التحالف", "في قصف من طيران حربي": the weapon's owner is the source."""
    if r.source is not None:
        return
    for g in r.groups:
        if r.free(g) and r.weapon_headed(g.head) and r.can_source(g.head):
            r.set_source(g.head, "role:weapon-owner")
            return


def _verb(r: RoleState) -> None:
    if r.source is None:
        before, after = r.before(), r.after()
        near_before = before[-1] if before and \
            len(r.gap(before[-1].end, r.trig.start)) <= SUBJECT_REACH \
            and not re.search(r"[,،]", r.text[before[-1].end:r.trig.start]) else None
        if near_before is not None and not r.can_source(near_before.head):
            near_before = None
        if after and not r.can_source(after[0].head):
            after = []
        near_after = after[0] if after and len(r.gap(r.trig.end, after[0].start)) <= VERB_REACH \
            else None
        if near_before is not None and not r.speaker(near_before.head):
            r.set_source(near_before.head, "role:subject-before-verb")
        elif near_after is not None and not r.speaker(near_after.head):
            r.set_source(near_after.head, "role:subject-after-verb")
        elif before and not r.speaker(before[-1].head) and r.can_source(before[-1].head) \
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


def _noun(r: RoleState) -> None:
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
        _support_subject(r)


def _support_subject(r: RoleState) -> None:
    """ "شنت تركيا ضربات", "الطيران نفذ غارات": the subject of an event noun's support verb."""
    before = [g for g in r.before() if r.can_source(g.head)]
    gap = r.gap(before[-1].end, r.trig.start) if before else ""
    # "X في سوريا وكثفت هجومها": a verb after و opens a clause of its own; X is not its subject
    joined = any(w.startswith("و") for w in WORD_RE.findall(gap))
    if before and len(gap) <= SUPPORT_REACH and len(WORD_RE.findall(gap)) <= SUPPORT_WORDS \
            and not joined \
            and not r.speaker(before[-1].head) and not r.governed(before[-1]):
        r.set_source(before[-1].head, "role:noun-support-verb")


def assign_roles(
    sentence: str, trigger: Trigger, clause: tuple[int, int], actors: list[Span],
    fillers: Sequence[tuple[int, int]] = (),
) -> tuple[Actor | None, Actor | None, list[str]]:
    """Return (source, target, rules that fired) for ``trigger`` in ``sentence``.

    ``sentence`` is normalised text, ``clause`` the trigger's clause, ``actors`` the actor
    mentions of the sentence and ``fillers`` its date phrases, all in the same coordinates.
    """
    mk = load_role_markers()
    r = RoleState(sentence, trigger, clause, actors, mk, fillers)
    _source_markers(r)
    if r.source is None:
        _own_mention(r)
    _between(r)
    if r.target is None:
        _victims(r, r.lo, r.trig.start, "role:victims-before")
    _target_markers(r)
    kind = trigger.entry.kind
    if not r.passive and kind != "verb":
        instrument_of_verb(r)
    possessed_object(r)
    if r.passive:
        _passive(r)
    elif kind == "verb":
        _verb(r)
    else:
        _noun(r)
    if r.target is None:
        _victims(r, r.trig.end, r.hi, "role:victims-after")
    if r.target is None and trigger.entry.root in mk.protest_roots:
        protest_force(r)
    source, target = r.source, r.target
    if source is not None and r.anonymous(source):
        source = None  # "هجوم انتحاري": a tactic, not a side
        r.rules.append("role:anonymous-attacker")
    if source is not None and not r.can_source(source):
        if target is None:
            target = source
        source = None
        r.rules.append("role:civilians-not-source")
    for side, s in (("source", source), ("target", target)):
        if s is not None and (s.start, s.end) in r.affiliated:
            r.rules.append(f"role:{side}-affiliation")
    code = trigger.entry.code
    if code in mk.membership_codes:
        target = member_target(r, source, target)
    if target is not None and source is not None and target.actor == source.actor:
        target = None
    src = source.actor if source else None
    nation = next((s.actor.country for s in r.own if s.actor.country
                   and not is_generic(s.actor)), "")
    if src is not None and not src.country and nation:
        src = localise(src, nation)  # "ضربة إسرائيلية نفذتها طائرة بلا طيار"
        r.rules.append("role:nisba-of-trigger")
    if src is not None and mk.country_source_organ and src.id.startswith("country@") \
            and trigger.entry.root in FORCE_ROOTS:
        src = state_organ(src, mk.country_source_organ)
        r.rules.append("role:country-as-forces")
    if src is not None and code in mk.police_codes and src.role in mk.police_from_roles:
        src = as_organ(src, mk.police_organ)
        r.rules.append("role:authority-as-police")
    return (src, target.actor if target else None, r.rules)


