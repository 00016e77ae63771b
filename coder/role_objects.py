"""Source/target rules about what an attack hits and whom people belong to (:mod:`coder.roles`).

* the owner of a site or asset hit is the target ("مراكز تدريب لداعش", "مواقع له");
* an event noun after ب is the means of the verb before it ("استهدفوا X بتسع ضربات");
* after an agency verb a killing word is active ("تمكنت قوة من الجيش من قتل");
* the force that met a protest is its target;
* the people arrested in a campaign against a group are that group (and, in
  :mod:`coder.role_state`, generic people said to belong to a group are that group).
"""

from __future__ import annotations

import re

from .actors import is_generic
from .role_state import OBJECT_REACH, SUBJECT_REACH, SUPPORT_WORDS, WORD_RE, Group, RoleState, Span

POSSESSOR_REACH = 60  # a site word and its owner after a link word ("... تابعة للتنظيم")
POSSESSOR_WORDS = 2  # words between a site word and an owner that follows with ل alone
INSTRUMENT_WORDS = 3  # "استهدفوا X بتسع ضربات": words between the object and the event noun
AGENCY_REACH = 60  # "تمكنت قوة من الجيش العراقي من قتل": an agency verb and the killing word
_PRONOUN_OWNER = re.compile(r"\s+(?:له|لها|لهم|لهما)(?!\w)")


def possessed_object(r: RoleState) -> None:
    """The owner of a site or asset hit is the target: a mention that opens with a site word
    ("لمراكز تجمع تابعة لتنظيم داعش"), or an owner after ل a few words from the site word
    ("مركز تدريب لداعش", "وحدات تكتيكية ودبابات ... تابعة للتنظيم")."""
    if r.target is not None:
        return
    hi = min(r.hi, r.trig.end + OBJECT_REACH)
    head = r.mk.object_head
    for g in r.after():
        if g.start <= hi and r.can_target(g.head) and head is not None \
                and head.search(r.text[g.head.start:g.head.end]):
            r.set_target(g.head, "role:site-of-owner")
            return
    if r.mk.possessed is None:
        return
    for m in r.mk.possessed.finditer(r.text, r.trig.end, hi):
        if any(s.start <= m.start() < s.end for s in r.all):
            continue  # a site word inside a name ("وحدات حماية الشعب")
        if _PRONOUN_OWNER.match(r.text, m.end()):  # "على مواقع له": the group named before
            owner = next((s for s in reversed(r.all) if s.end <= r.trig.start
                          and s.actor.role in r.mk.membership_roles and not is_generic(s.actor)
                          and (r.source is None or s.actor != r.source.actor)), None)
            if owner is not None:
                r.target = owner
                r.rules.append("role:owner-of-site")
                return
        for g in r.after():
            gap = r.text[m.end():g.start]
            if g.start < m.end() or r.text[g.start] != "ل" or not r.can_target(g.head):
                continue
            if g.start - m.end() > POSSESSOR_REACH or re.search(r"[,،.:؛]", gap):
                break
            linked = bool(r.mk.possession_link and r.mk.possession_link.search(gap))
            if linked or len(WORD_RE.findall(gap)) <= POSSESSOR_WORDS:
                r.set_target(g.head, "role:owner-of-site")
                return


def instrument_of_verb(r: RoleState) -> None:
    """ "استهدفوا مسلحي داعش بتسع ضربات جوية", "رد الجيش على المسلحين بقصف مدفعي": an event
    noun after ب is the means of the verb before it; the verb's object is the target and its
    subject the source."""
    if r.source is not None or r.mk.target_after is None:
        return
    before = [g for g in r.before() if g.end > r.lo]
    if not before:
        return
    obj = before[-1]
    gap = r.text[obj.end:r.trig.start]
    words = WORD_RE.findall(gap)
    if len(words) > INSTRUMENT_WORDS or re.search(r"[,،.:؛]", gap) or not (
            "ب" in r.trig.prefix or (words and words[0].startswith("ب"))):
        return
    marker = next((m for m in reversed(r.markers(r.mk.target_after, r.lo, obj.start))
                   if len(WORD_RE.findall(r.text[m.end():obj.start])) <= SUPPORT_WORDS), None)
    if marker is None:
        return
    inner = [g for g in before if marker.end() <= g.start and g.end <= obj.start]
    if inner:  # VSO: "استهدفت القوات التركية مواقع الحزب بغارات"
        subject: Group | None = inner[0]
    else:
        subject = next((g for g in reversed(before) if g.end <= marker.start()), None)
        if subject is not None and (marker.start() - subject.end > SUBJECT_REACH or re.search(
                r"[,،]", r.text[subject.end:marker.start()])):
            subject = None
    if subject is None or not r.can_source(subject.head) or r.speaker(subject.head):
        return
    r.set_source(subject.head, "role:subject-of-instrument")
    if r.target is None and r.can_target(obj.head):
        r.set_target(obj.head, "role:object-of-instrument")


def agent_of_active(r: RoleState) -> None:
    """ "قوة أمنية ... تمكنت من قتل 19 مسلحا", "تمكنت قوة من الجيش من قتل": after an agency verb
    and its preposition the killing word is active; its agent is the verb's subject, after the
    verb (VSO) or before it."""
    mk = r.mk
    if r.source is not None or mk.agency is None or mk.agency_link is None \
            or not mk.agency_link.search(r.text, max(r.lo, r.trig.start - 8), r.trig.start):
        return
    verbs = list(mk.agency.finditer(r.text, max(r.lo, r.trig.start - AGENCY_REACH),
                                    r.trig.start))
    if not verbs:
        return
    m = verbs[-1]
    inner = [g for g in r.before() if g.start >= m.end()]
    g = inner[0] if len(inner) == 1 else None
    if g is None and not inner:
        g = next((g for g in reversed(r.before()) if g.end <= m.start()), None)
        if g is not None and len(r.gap(g.end, m.start())) > SUBJECT_REACH:
            g = None
    if g is not None and r.can_source(g.head) and not r.speaker(g.head) \
            and not r.governed(g):
        r.set_source(g.head, "role:subject-of-agency-verb")


def protest_force(r: RoleState) -> None:
    """ "الشرطة تطلق الغاز على متظاهرين": the force that met a protest is its target."""
    if r.source is None or r.source.actor.role not in r.mk.never_source_roles:
        return
    for g in r.groups:
        if r.free(g) and g.head.actor.role not in r.mk.never_source_roles \
                and r.can_target(g.head) and not is_generic(g.head.actor):
            r.set_target(g.head, "role:force-at-protest")
            return


def member_target(r: RoleState, source: Span | None, target: Span | None) -> Span | None:
    """An arrest of generic people ("251 شخصا") in a campaign against a named group is an
    arrest of that group: the first such group named after the trigger in its clause (also
    when the arrested are not named: "حملة مداهمات ... ضد ناشطين مفترضين من تنظيم داعش")."""
    if target is not None and not is_generic(target.actor):
        return target
    for s in r.all:
        if r.trig.end <= s.start < r.hi and s is not source and not is_generic(s.actor) \
                and s.actor.role in r.mk.membership_roles and not r.is_place(s):
            r.rules.append("role:members-of-group")
            return s
    return target
