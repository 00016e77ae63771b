"""Arabic date tagging and resolution against the publication date.

:func:`tag_dates` finds every date expression in a text ("أمس السبت", "13 تشرين الأول الجاري",
"قبل ثلاثة أيام", "مطلع الشهر الجاري", "5 ربيع الآخر 1445 هـ" ...) and resolves it against
the publication date by ACLED's conventions: a day has precision 1; a week or a span of days
precision 2, coded on its middle day (the first/last day for "beginning"/"end of"); a month
precision 3, coded on the 15th; a year alone precision 4.  With no explicit year the most
recent occurrence on or before publication is chosen; a future date needs المقبل/القادم.

The words and patterns live in ``codebooks/ar/dates/`` (loaded by :mod:`coder.date_patterns`);
:mod:`coder.date_dispatch` picks the word starts where a pattern can match; the resolution rules
are in :mod:`coder.date_resolve`.  This module finds, resolves and selects the mentions.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from .date_dispatch import word_starts
from .date_patterns import PROCLITICS, DateBook, Pattern, load_datebook
from .date_resolve import RESOLVERS, W_CURRENT, W_FUTURE, W_HIJRI, W_UNANCHORED, Hit, Res
from .model import DateMention
from .normalise import Normalised, fold, normalise

_NEXT_WORD = re.compile(r"\s{0,3}(\w+)")
_PREV_WORD = re.compile(r"(\w+)\s{0,3}$")



# ---------------------------------------------------------------- tagging

def _vetoed(hit: Hit, text: str, start: int, end: int) -> bool:
    """A codebook context veto (not_before / not_after) on the match's first or last word."""
    for group in hit.pattern.groups:
        entry = hit.entry(group)
        if entry is None:
            continue
        if entry.not_before and hit.m.end(group) == end:
            nxt = _NEXT_WORD.match(text, end)
            if nxt and nxt.group(1) in entry.not_before:
                return True
        if entry.not_after and hit.m.start(group) == start:
            prev = _PREV_WORD.search(text, max(0, start - 40), start)
            if prev and prev.group(1) in entry.not_after:
                return True
    return False


@functools.cache
def _deleted_re() -> re.Pattern[str]:
    """The characters folding deletes (tashkeel, tatweel, bidi marks ...), found once by
    folding every Basic Multilingual Plane character."""
    gone = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and not fold(chr(c))]
    if not gone:
        return re.compile(r"(?!)")
    return re.compile("[" + "".join(re.escape(c) for c in gone) + "]")


def normalised(text: str, folded: str | None = None) -> Normalised:
    """``normalise(text)``, computed fast.

    Folding maps characters one for one or deletes them, so the offset map is the original
    positions minus the deleted ones; it is built from ranges between the (rare) deleted
    characters instead of character by character.
    """
    s = fold(text) if folded is None else folded
    n = len(text)
    if len(s) == n:
        return Normalised(text, s, tuple(range(n + 1)))
    gone = [m.start() for m in _deleted_re().finditer(text)]
    pieces, prev = [], 0
    for i in gone:
        pieces.append(range(prev, i))
        prev = i + 1
    pieces.append(range(prev, n + 1))
    offsets = tuple(itertools.chain.from_iterable(pieces))
    if len(offsets) != len(s) + 1:  # pragma: no cover - fold is not one-for-one after all
        return normalise(text)
    return Normalised(text, s, offsets)


def _candidates(s: str, book: DateBook, exhaustive: bool) -> Iterator[tuple[int, re.Match[str]]]:
    """(pattern index, match) for every pattern matching at the start of a word of ``s``.

    The fast path tries only the patterns whose first characters fit (coder.date_dispatch);
    ``exhaustive`` tries every pattern at every word start (the reference the tests compare).
    """
    everything = tuple(range(len(book.patterns)))
    tried: set[tuple[int, int]] = set()
    finder = None if exhaustive else book.finder
    for pos, key in word_starts(s, PROCLITICS, finder, book.key_lengths):
        todo = everything if exhaustive else book.dispatch.get(key, ()) + book.always
        for i in todo:
            if (pos, i) in tried:
                continue
            tried.add((pos, i))
            m = book.patterns[i].regex.match(s, pos)
            if m is not None:
                yield i, m


def tag_dates(text: str, published: dt.date, *, exhaustive: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, resolved against the publication date.

    Mentions are sorted, do not overlap, and carry offsets into the original ``text``; where
    expressions overlap the longest wins.  ``exhaustive`` (for tests) tries every pattern at
    every word instead of only where its first characters fit; the result must be the same.
    """
    pub = published.date() if isinstance(published, dt.datetime) else published
    book = load_datebook()
    s = fold(text)  # the matching text; the offset map is built only if mentions are found
    norm: Normalised | None = None
    found: list[tuple[int, int, int, Res, Pattern]] = []
    for order, m in _candidates(s, book, exhaustive):
        if norm is None:
            norm = normalised(text, s)
        pattern = book.patterns[order]
        group = "m" if pattern.has_m and m.start("m") >= 0 else "body"
        start, end = m.span(group)
        if end <= start:
            continue
        hit = Hit(m, pattern, book, norm)
        if _vetoed(hit, s, m.start("body"), m.end("body")):
            continue
        try:
            res = RESOLVERS[pattern.kind](hit, pub)
        except (ValueError, OverflowError):
            continue  # no such day (31 February, Hijri year out of range, ...)
        if res is not None:
            found.append((start, end, order, res, pattern))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    chosen: list[tuple[int, int, int, Res, Pattern]] = []
    for cand in found:
        if not chosen or cand[0] >= chosen[-1][1]:
            chosen.append(cand)
        elif cand[1] - cand[0] > chosen[-1][1] - chosen[-1][0]:
            chosen[-1] = cand
    out: list[DateMention] = []
    for start, end, _order, res, pattern in chosen:
        assert norm is not None
        a, b = norm.to_original(start, end)
        while b < len(text) and (text[b] == "\u0640" or unicodedata.category(text[b]) == "Mn"):
            b += 1  # keep trailing tanween / shadda / tatweel ("غداً", "هـ") in the mention
        out.append(DateMention(
            text=text[a:b], start=a, end=b, date=res.date, earliest=min(res.earliest, res.date),
            latest=max(res.latest, res.date), precision=res.precision,
            rule=res.rule or pattern.ref, warnings=tuple(dict.fromkeys(res.warnings)),
            anchored=res.anchored, offset_days=res.offset_days))
    return out


def parse_published(value: object) -> dt.date:
    """A publication date from a date, datetime or ISO string ("2015-07-24T12:55:12")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        v = value.strip()
        try:
            return dt.datetime.fromisoformat(v).date()
        except ValueError:
            return dt.date.fromisoformat(v[:10])
    raise ValueError(f"published must be an ISO date or datetime, found {value!r}")


def tag_records(records: Iterable[Mapping[str, object]]) -> Iterator[dict[str, object]]:
    """``{id, published, text}`` records -> ``{"id": ..., "mentions": [...]}``.

    A record whose ``published`` or ``text`` is unusable yields ``{"id", "mentions": [],
    "error": message}`` so one bad line does not stop a batch.
    """
    for record in records:
        rid = record.get("id")
        text = record.get("text")
        try:
            pub = parse_published(record.get("published"))
            if not isinstance(text, str):
                raise ValueError(f"text must be a string, found {type(text).__name__}")
        except ValueError as exc:
            yield {"id": rid, "mentions": [], "error": str(exc)}
            continue
        yield {"id": rid, "mentions": [m.as_json() for m in tag_dates(text, pub)]}


__all__ = [
    "W_CURRENT", "W_FUTURE", "W_HIJRI", "W_UNANCHORED", "normalised", "parse_published",
    "tag_dates", "tag_records",
]
