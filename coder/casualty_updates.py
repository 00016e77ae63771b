"""Article-level toll updates: "ارتفاع حصيلة ... إلى N" applied to the event it revises.

A revised toll often stands in a sentence of its own, far from the report it revises ("وارتفعت
حصيلة ضحايا التفجير إلى 32 قتيلا").  After the events of an article are merged,
:func:`apply_article_updates` finds every update in the article and gives its figure to the
event it belongs to: a violent event (CAMEO roots 18, 19, 20) in the update's own sentence, else
the nearest earlier one, else the nearest later one (a headline update announces the lead).  An
event whose place the update sentence names is preferred.  A figure lower than an event's
toll is not a rise of that toll; a cumulative count ("العدد الإجمالي للقتلى") revises no event.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cameo import root_groups
from .casualties import split_total, toll_updates
from .model import Event, Sentence
from .normalise import fold, normalise

RULE = "casualties:article-update"


def _names_place(event: Event, folded_sentence: str) -> bool:
    place = event.place
    if place is None or not place.name_ar:
        return False
    name = fold(place.name_ar)
    return bool(name) and name in folded_sentence


def _siblings(event: Event, events: Sequence[Event]) -> list[Event]:
    """The events one trigger with coordinated places became (``event`` first)."""
    if "place:coordinated" not in event.rules:
        return [event]
    group = [e for e in events if e.sentence_start == event.sentence_start
             and e.cameo_code == event.cameo_code and "place:coordinated" in e.rules]
    return [event] + [e for e in group if e is not event]


def _target(events: Sequence[Event], sentence: Sentence, value: int,
            folded: str) -> tuple[Event, bool] | None:
    """The event an update in ``sentence`` revises, and whether the sentence names its place."""
    pool = [e for e in events if e.cameo_root in root_groups().violent and e.fatalities <= value]
    if not pool:
        return None
    here = [e for e in pool if e.sentence_start < sentence.end and sentence.start < e.sentence_end]
    earlier = sorted((e for e in pool if e.sentence_end <= sentence.start and e not in here),
                     key=lambda e: -e.sentence_start)
    later = sorted((e for e in pool if e.sentence_start >= sentence.end and e not in here),
                   key=lambda e: e.sentence_start)
    if len(here) > 1:
        return None  # its own sentence's triggers have shared its tolls out already
    for group in (here, earlier, later):
        named = [e for e in group if _names_place(e, folded)]
        if named:
            return named[0], True
    for group in (here, earlier, later):
        if group:
            return group[0], False
    return None


def apply_updates(events: list[Event], text: str, sentences: Sequence[Sentence]) -> None:
    """Give each "ارتفاع حصيلة ... إلى N" update of the article to the event it revises.

    ``events`` are the article's merged events (offsets ``sentence_start``/``sentence_end``
    into ``text``); ``sentences`` are the article's sentences with offsets into ``text``.  The
    events are changed in place: the revised event's ``fatalities`` becomes N (split evenly
    when one trigger was coded at several coordinated places and the update names none of
    them) and ``fatalities_reported`` becomes true.  Later updates win over earlier ones.
    """
    for sentence in sentences:
        ups = toll_updates(sentence.text)
        if not ups:
            continue
        folded = normalise(text[sentence.start:sentence.end]).text
        for m in ups:
            found = _target(events, sentence, m.killed, folded)
            if found is None:
                continue
            event, named = found
            group = [event] if named else _siblings(event, events)
            for e, share in zip(group, split_total(m.killed, len(group)), strict=True):
                e.fatalities = share
                e.fatalities_reported = True
                if RULE not in e.rules:
                    e.rules.append(RULE)
