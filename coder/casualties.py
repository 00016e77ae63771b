"""Killed counts by ACLED's rules.

:func:`find_fatalities` reads every reported toll in a text: killed words (``codebooks/ar/
casualties.yaml``) with the number that goes with them (digits, number words, vague quantities,
dual and singular nouns), explicit "no casualties" phrases (0) and "ارتفاع حصيلة ... إلى N"
updates.  Wounded counts are recognised only so that they are never taken for a toll; numbers
of things, times and distances ("15 صاروخا", "3 كيلومتر"), labels ("الفرقة 30"), years and
subsets ("بينهم 5 أطفال") are not tolls either.

:func:`trigger_toll` (and :func:`fatalities_for_trigger`, its figure alone) gives one event its
toll: the lowest of the figures that belong to it (a toll belongs to the trigger closest to it in
its clause; a figure with a number before a conventional one), the latest update if there is
one, ``0`` for an explicit "no casualties", ``None`` when the sentence says nothing about deaths.
A killed word that is an event trigger of its own ("مقتل 27 شخصا") shares its toll with the event
that caused the deaths ("... في انفجار").  :attr:`Toll.exact` tells a counted figure from a
conventional one, so that merging reports of one event can prefer the count.

:func:`apply_article_updates` gives each "ارتفاع حصيلة ... إلى N" of an article to the event it
revises (:mod:`coder.casualty_updates`).  The text reader itself is :mod:`coder.casualty_reader`.

A joint killed-and-wounded figure ("مقتل وإصابة 12", "66 قتيلا وجريحا") says that people died
without saying how many: it counts as ACLED's "deaths without a number", 3, never more than the
joint figure itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .casualty_lexicon import load_lexicon
from .casualty_reader import JOINT_CAP, read_tolls, tokens
from .model import Event, FatalityMention, Sentence
from .normalise import normalise
from .sentences import clause_bounds

_find = read_tolls  # cached: ``_find.cache_clear()`` after a codebook change


def find_fatalities(text: str) -> list[FatalityMention]:
    """Every reported toll in ``text``, in order; offsets are in ``text``.

    ``rule`` names the codebook entries that fired (``killed.event+number.digits``,
    ``zero.no_human_losses``, ``update.toll``, ``suicide.self_killed`` ...).  A
    ``suicide.self_killed`` mention ("فجر الانتحاري نفسه") counts the attacker only.
    """
    return list(_find(text))


def toll_updates(text: str) -> list[FatalityMention]:
    """The "ارتفاع حصيلة ... إلى N" updates in ``text`` (``is_update=True``)."""
    folded = normalise(text).text
    if not any(core in folded for core in load_lexicon().rise.cores):
        return []  # no rise word: no update (a cheap test, run on every sentence)
    return [m for m in _find(text) if m.is_update]


def apply_update(toll: int | None, updates: Sequence[FatalityMention]) -> int | None:
    """An event's toll once the article's later updates are applied: the last update wins."""
    values = [m.killed for m in updates if m.is_update]
    return values[-1] if values else toll


def split_total(total: int, n: int) -> list[int]:
    """A total reported for ``n`` events, split evenly; the remainder goes to the first."""
    if n <= 0:
        raise ValueError("n must be positive")
    if total < 0:
        raise ValueError("total must not be negative")
    share, rest = divmod(total, n)
    return [share + rest] + [share] * (n - 1)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _owner(span: tuple[int, int], triggers: Sequence[tuple[int, int]],
           clauses: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The trigger a toll belongs to: the closest in its clause(s), else the closest overall.

    Ties go to the trigger before the toll ("قصف ... ما أدى إلى مقتل")."""
    touched = [c for c in clauses if _gap(c, span) == 0 and c[0] < span[1] and span[0] < c[1]]
    near = [t for t in triggers if any(c[0] <= t[0] < c[1] for c in touched)]
    pool = near or list(triggers)
    return min(pool, key=lambda t: (_gap(t, span), t[0] > span[0], t[0]))


def _inside(t: tuple[int, int], span: tuple[int, int]) -> bool:
    return span[0] <= t[0] and t[1] <= span[1]


def _caused(text: str, t: tuple[int, int]) -> bool:
    """A trigger introduced as a cause: "في انفجار", "جراء القصف", "بغارة"."""
    lex = load_lexicon()
    before = normalise(text[:t[0]]).text
    word_start = len(before) - len(before.split()[-1]) if before and not before[-1].isspace() \
        else len(before)
    glued = before[word_start:]
    if glued in ("ب", "وب", "فب", "بال", "وبال", "فبال"):
        return True
    words = [w.text for w in tokens(before[:word_start])]
    return bool(words) and lex.cause.word(words[-1])


def _owners(text: str, span: tuple[int, int], triggers: Sequence[tuple[int, int]],
            clauses: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The triggers a toll belongs to.

    Normally one: the closest in its clause(s).  When a trigger lies inside the toll (a killed
    word that is an event trigger of its own, "مقتل 27 شخصا") the toll is shared with the event
    that caused the deaths: the closest other trigger in the toll's clause(s), else the next
    trigger after the toll that a cause word introduces ("قتلوا ... في انفجار")."""
    inside = [t for t in triggers if _inside(t, span)]
    rest = [t for t in triggers if not _inside(t, span)]
    if not inside or not rest:
        return {_owner(span, triggers, clauses)}
    touched = [c for c in clauses if c[0] < span[1] and span[0] < c[1]]
    near = [t for t in rest if any(c[0] <= t[0] < c[1] for c in touched)]
    if near:
        return {*inside, _owner(span, near, clauses)}
    after = sorted(t for t in rest if t[0] >= span[1])
    if after and _caused(text, after[0]):
        return {*inside, after[0]}
    return set(inside)


@dataclass(frozen=True)
class Toll:
    """An event's toll and how it was reported.

    ``exact`` is true when a number counted the dead ("مقتل 27 شخصا", "ثلاثة قتلى", an update,
    an explicit "no casualties"), false when the figure stands for deaths without a number: a
    convention (ACLED: 3 for "قتلى" or "عدد من", 12 for "عشرات", a joint killed-and-wounded
    figure), a preliminary toll, or the one victim a singular names ("مقتل قيادي", "قتل العجلاني"),
    whom a fuller count may include.  A dual ("قتل طفلان") counts two.
    When two reports of one event disagree, an exact figure should win over one that is not.
    """

    killed: int
    exact: bool
    rules: tuple[str, ...]


def estimated(rule: str) -> bool:
    """Whether a :class:`FatalityMention` rule gives a conventional figure, not a number."""
    lex = load_lexicon()
    parts = rule.split("+")
    if "joint" in parts or "preliminary" in parts or any(lex.is_vague(p) for p in parts):
        return True
    if any(lex.plural_people(p) for p in parts):
        return True
    return parts[-1] == "default" and lex.cue_default(parts[0]) >= JOINT_CAP


def is_counted(rule: str) -> bool:
    """Whether a :class:`FatalityMention` rule is a number of dead (see :attr:`Toll.exact`)."""
    if rule.startswith(("update.", "zero.")):
        return True
    lex = load_lexicon()
    parts = rule.split("+")
    numbered = any(p == "number.digits" or p.startswith(("num.", "companion"))
                   or (p.startswith("people.") and lex.people_count(p) == 2) for p in parts)
    return numbered and not estimated(rule)


def trigger_toll(text: str, trigger: tuple[int, int], others: Sequence[tuple[int, int]] = (),
                 suicide: bool = False) -> Toll | None:
    """The toll of the event whose trigger spans ``trigger`` (offsets in ``text``).

    ``others`` are the other events' triggers in the same text.  The toll is the lowest killed
    figure among the tolls that belong to this trigger (the latest update instead, if one
    belongs to it; a figure with a number before a conventional one), ``0`` for an explicit "no
    casualties"; ``None`` when nothing is said about deaths.  With ``suicide=True`` an attacker
    who blew himself up counts too, unless the toll says it includes him.
    """
    mentions = _find(text)
    if not mentions:
        return None
    norm = normalise(text)
    clauses = [norm.to_original(a, b) for a, b in clause_bounds(norm.text)]
    triggers = [trigger] + [o for o in dict.fromkeys(others) if o != trigger]
    own = [m for m in mentions if trigger in _owners(text, (m.start, m.end), triggers, clauses)]
    self_killed = [m for m in own if m.rule == "suicide.self_killed"]
    own = [m for m in own if m.rule != "suicide.self_killed"]
    updates = [m for m in own if m.is_update]
    exact = [m for m in own if not estimated(m.rule)]
    counted = [m for m in exact if not m.rule.endswith("+default")]
    chosen: list[FatalityMention]
    if updates:
        chosen = [updates[-1]]
    elif own:
        pool = counted or exact or own
        chosen = [min(pool, key=lambda m: m.killed)]
    else:
        chosen = []
    toll = Toll(chosen[0].killed, is_counted(chosen[0].rule), (chosen[0].rule,)) \
        if chosen else None
    if suicide and self_killed and not _counts_attacker(text):
        base = toll or Toll(0, True, ())
        toll = Toll(base.killed + 1, base.exact, (*base.rules, self_killed[0].rule))
    return toll


def fatalities_for_trigger(text: str, trigger: tuple[int, int],
                           others: Sequence[tuple[int, int]] = (),
                           suicide: bool = False) -> int | None:
    """:func:`trigger_toll`'s figure alone: killed count, ``0`` or ``None`` (not reported)."""
    toll = trigger_toll(text, trigger, others, suicide)
    return toll.killed if toll is not None else None


def _counts_attacker(text: str) -> bool:
    lex = load_lexicon()
    words = [t.text for t in tokens(normalise(text).text)]
    return any(lex.self_counted.at(words, k) for k in range(len(words)))


def apply_article_updates(events: list[Event], text: str, sentences: Sequence[Sentence]) -> None:
    """Apply the article's "ارتفاع حصيلة ... إلى N" updates to the events they revise.

    Called once an article's events are merged; see :mod:`coder.casualty_updates`.
    """
    from .casualty_updates import apply_updates  # it imports this module

    apply_updates(events, text, sentences)
