"""Source and target assignment for a trigger, from agent markers and word order.

Works in the coordinates of one normalised sentence.  Rules, in order:
1. an actor right after a source marker (من قبل, على يد, بنيران …) is the source;
2. "بين X و Y" names both sides;
3. an actor after a target marker (على, ضد, استهدف …) is the target;
4. a passive ("X تعرض لقصف") or a killing headline ("مقتل X") makes the nearby actor the target;
5. a verb takes the nearest actor before it in its clause (nominal sentence) or the first actor
   right after it (verbal sentence) as source, and the next actor after that as target;
6. a noun takes the actor joined to it (idafa, or after ل / من) as source.
A side stays empty rather than being guessed.  Civilians are never a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Trigger, load_agent_markers
from .model import Actor

NEAR = 3  # characters of gap allowed between a marker and the actor it governs
VERB_REACH = 14  # characters between a verb and the actor that is its subject


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    actor: Actor


def _after(spans: list[Span], pos: int, reach: int, exclude: set[int]) -> Span | None:
    best = None
    for i, s in enumerate(spans):
        if i in exclude or s.start < pos or s.start - pos > reach:
            continue
        if best is None or s.start < best.start:
            best = s
    return best


def _markers(regex: re.Pattern[str] | None, text: str, lo: int, hi: int) -> list[re.Match[str]]:
    if regex is None:
        return []
    return [m for m in regex.finditer(text, lo, hi)]


def assign_roles(
    sentence: str, trigger: Trigger, clause: tuple[int, int], actors: list[Span]
) -> tuple[Actor | None, Actor | None, list[str]]:
    """Return (source, target, rules that fired) for ``trigger`` in ``sentence``."""
    marks = load_agent_markers()
    lo, hi = clause
    spans = sorted(
        (s for s in actors if lo <= s.start < hi
         and not (s.start < trigger.end and trigger.start < s.end)),
        key=lambda s: s.start,
    )
    index = {id(s): i for i, s in enumerate(spans)}
    used: set[int] = set()
    source: Span | None = None
    target: Span | None = None
    rules: list[str] = []

    for m in _markers(marks.source_after, sentence, lo, hi):
        cand = _after(spans, m.end(), NEAR + 1, used)
        if cand is not None and source is None:
            source = cand
            used.add(index[id(cand)])
            rules.append(f"role:source-after:{m.group(0).strip()}")
    for m in _markers(marks.pair_between, sentence, lo, hi):
        first = _after(spans, m.end(), NEAR + 1, used)
        if first is not None:
            second = _after(spans, first.end, 8, used | {index[id(first)]})
            if source is None:
                source = first
                used.add(index[id(first)])
            if second is not None and target is None:
                target = second
                used.add(index[id(second)])
            rules.append("role:between")
    for m in _markers(marks.target_after, sentence, trigger.start, hi):
        cand = _after(spans, m.end(), NEAR + 8, used)
        if cand is not None and target is None:
            target = cand
            used.add(index[id(cand)])
            rules.append(f"role:target-after:{m.group(0).strip()}")

    kind = trigger.entry.kind
    passive = bool(marks.passive and marks.passive.search(trigger.text))
    before = [s for i, s in enumerate(spans) if i not in used and s.end <= trigger.start]
    after = [s for i, s in enumerate(spans) if i not in used and s.start >= trigger.end]
    if kind == "headline" or passive:
        if target is None:
            cand = after[0] if after and after[0].start - trigger.end <= VERB_REACH else (
                before[-1] if before else None)
            if cand is not None:
                target = cand
                used.add(index[id(cand)])
                rules.append("role:passive-target")
    elif kind == "verb":
        if source is None and before:
            source = before[-1]
            used.add(index[id(source)])
            rules.append("role:subject-before-verb")
            after = [s for s in after if index[id(s)] not in used]
        elif source is None and after and after[0].start - trigger.end <= VERB_REACH:
            source = after[0]
            used.add(index[id(source)])
            rules.append("role:subject-after-verb")
            after = after[1:]
        if target is None and after:
            target = after[0]
            rules.append("role:object-after-verb")
    else:  # noun
        if source is None and after:
            gap = sentence[trigger.end:after[0].start]
            if len(gap.strip()) <= 2 or gap.strip() in ("من", "ل"):
                source = after[0]
                rules.append("role:noun-agent")
                after = after[1:]
    if source is not None and source.actor.role == "CVL":
        if target is None:
            target = source
        source = None
        rules.append("role:civilians-not-source")
    return (source.actor if source else None, target.actor if target else None, rules)
