"""When an event happened: the date mention of its sentence that governs one trigger.

:mod:`coder.dates` finds and resolves date mentions; this module picks the one that dates a
trigger (in its own clause, after it first), never a report's date ("قال البيان الذي صدر اليوم")
unless nothing else dates the event, and dates an event named relative to another ("غداة X").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from .lexicon import Trigger, load_reporting
from .model import DateMention


def is_reporting_date(text: str, clause: tuple[int, int], start: int) -> bool:
    rep = load_reporting()
    if rep.regex is None:
        return False
    before = " ".join(text[clause[0]:start].split()[-rep.window:])
    return bool(rep.regex.search(before))



def reporting_date(text: str, cands: list[tuple[int, int, DateMention]],
                    clauses: list[tuple[int, int]]) -> DateMention | None:
    """The day a sentence's report was made: the event happened then at the latest."""
    for c in sorted(cands, key=lambda c: c[0]):
        own = next((cl for cl in clauses if cl[0] <= c[0] < cl[1]), (0, len(text)))
        if c[2].anchored and c[2].precision == 1 and is_reporting_date(text, own, c[0]):
            return c[2]
    return None



def pick_date(text: str, cands: list[tuple[int, int, DateMention]], trig: Trigger,
               clause: tuple[int, int], clauses: list[tuple[int, int]],
               owners: Sequence[int] = ()) -> DateMention | None:
    """The date mention that governs a trigger, in its own clause (after it first); dates of
    reports ("قال البيان الذي صدر اليوم") never govern events."""
    usable = []
    for c in cands:
        if not c[2].anchored or c[2].precision > 3:
            continue
        own = next((cl for cl in clauses if cl[0] <= c[0] < cl[1]), clause)
        if is_reporting_date(text, own, c[0]):
            continue
        usable.append(c)
    if not usable:
        return None
    in_clause = [c for c in usable if clause[0] <= c[0] < clause[1]]
    after = [c for c in in_clause if c[0] >= trig.end]
    owned = [c for c in after if any(trig.end <= o < c[0] for o in owners)]
    if owned:
        in_clause = [c for c in in_clause if c not in owned]
        after = [c for c in after if c not in owned]
    if after:
        return min(after, key=lambda c: c[0])[2]
    if in_clause:
        return min(in_clause, key=lambda c: abs(c[0] - trig.start))[2]
    return None



def shifted(ref: DateMention, base: dt.date) -> DateMention:
    """The date of an event named as "غداة X" / "بعد يومين من X": the governing date minus
    the offset."""
    day = base - dt.timedelta(days=ref.offset_days or 0)
    return replace(ref, date=day, earliest=day, latest=day, anchored=True,
                   warnings=(*ref.warnings, f"dated {ref.offset_days} day(s) before {base}"))
