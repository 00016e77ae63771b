"""Resolution rules for date expressions: one resolver per pattern ``kind``.

Each resolver takes a :class:`Hit` (a pattern match with its codebook entries) and the
publication date and returns a :class:`Res` (date, earliest, latest, precision, warnings) or
None when the match is not a date after all.  Conventions (ACLED): a day has precision 1; a
week or span of days 2, coded on its middle day (the first/last day for "beginning"/"end of");
a month 3, coded on the 15th; a year alone 4.  Without an explicit year the most recent
occurrence on or before publication is chosen; a future date needs المقبل/القادم.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from hijridate import Gregorian, Hijri

from .date_patterns import KINDS, DateBook, Entry, Pattern
from .normalise import Normalised

W_CURRENT = "الجاري but the month is not the publication month"
W_HIJRI = "Hijri conversion ±1 day"
W_FUTURE = "date is after the publication date"
W_UNANCHORED = "relative to another event, not to the publication date; dated to publication"
W_EVE = "ليلة may mean the eve of the named day"



@dataclass
class Res:
    """A resolved date before it becomes a :class:`DateMention`."""

    date: dt.date
    earliest: dt.date
    latest: dt.date
    precision: int
    warnings: list[str] = field(default_factory=list)
    anchored: bool = True
    rule: str | None = None
    offset_days: int | None = None  # unanchored: days from the event it names to this one


def _day(d: dt.date, *warnings: str) -> Res:
    return Res(d, d, d, 1, list(warnings))


class Hit:
    """A pattern match with access to its groups' text and codebook entries."""

    def __init__(self, m: re.Match[str], pattern: Pattern, book: DateBook,
                 norm: Normalised) -> None:
        self.m, self.pattern, self.book, self.norm = m, pattern, book, norm

    def original(self, group: str) -> str:
        """The group's text as written in the original (for messages)."""
        return self.norm.original_span(*self.m.span(group))

    def text(self, group: str) -> str | None:
        if group not in self.m.re.groupindex:
            return None
        return self.m.group(group)

    def entry(self, group: str) -> Entry | None:
        text = self.text(group)
        if text is None:
            return None
        return self.book.classes[self.pattern.groups[group]].lookup(text)

    def value(self, group: str) -> int | str | None:
        e = self.entry(group)
        return None if e is None else e.value

    def integer(self, group: str) -> int | None:
        text = self.text(group)
        return None if text is None else int(text)

    def number(self, digits: str, words: str) -> int | None:
        n = self.integer(digits)
        word = self.value(words)
        return n if n is not None else (word if isinstance(word, int) else None)


# ---------------------------------------------------------------- calendar helpers

def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift(mod: object) -> int:
    return {"past": -1, "next": 1}.get(str(mod), 0)


def _clamp(res: Res, pub: dt.date) -> Res:
    """A span that runs past publication ends at publication (the event has happened)."""
    if res.earliest <= pub < res.latest:
        res.latest = pub
        res.date = min(res.date, pub)
    return res


def _weekday_date(pub: dt.date, weekday: int, mod: object) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    if mod == "past":
        return pub - dt.timedelta(days=back or 7)
    if mod == "next":
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    return pub - dt.timedelta(days=back)


def _check_weekday(hit: Hit, group: str, d: dt.date, res: Res) -> None:
    wd = hit.value(group)
    if isinstance(wd, int) and wd != d.weekday():
        res.warnings.append(
            f"weekday {hit.original(group)} disagrees with {d.isoformat()} "
            f"({calendar.day_name[d.weekday()]}); kept {d.isoformat()}")


def _month_year(hit: Hit, pub: dt.date, month: int, day: int | None) -> tuple[int, list[str]]:
    """The year of a named month (and optional day) by its year, modifiers or publication."""
    warnings: list[str] = []
    year = hit.integer("year")
    if year is not None:
        return year, warnings
    ymod = hit.value("ymod") or hit.value("ythis")
    if ymod is not None:
        return pub.year + _shift(ymod), warnings
    mod = hit.value("mmod")
    if mod == "current":
        if month != pub.month:
            warnings.append(W_CURRENT)
        return pub.year, warnings
    if mod == "past":
        return (pub.year if month < pub.month else pub.year - 1), warnings
    if mod == "next":
        return (pub.year if month > pub.month else pub.year + 1), warnings
    if (month, day or 1) > (pub.month, pub.day):
        return pub.year - 1, warnings
    return pub.year, warnings


def _month_of(hit: Hit, pub: dt.date, day: int | None) -> tuple[int, int, list[str]] | None:
    """(year, month, warnings) of a month name or of الشهر الجاري/الماضي/المقبل."""
    month = hit.value("months")
    if isinstance(month, int):
        warnings = []
        other = hit.value("month2")
        if isinstance(other, int) and other != month:
            warnings.append(
                f"combined month names disagree ({hit.original('month2')}); kept the first")
        year, more = _month_year(hit, pub, month, day)
        return year, month, warnings + more
    if "mrel" in hit.m.re.groupindex:  # the الشهر branch matched
        year, month = _add_months(pub.year, pub.month, _shift(hit.value("mrel")))
        return year, month, []
    return None


def _future_check(res: Res, pub: dt.date, explicit_future: bool) -> Res:
    if res.date > pub and not explicit_future:
        res.warnings.append(W_FUTURE)
    return res


# ---------------------------------------------------------------- resolvers (one per kind)

def _relative(hit: Hit, pub: dt.date) -> Res | None:
    entry = hit.entry("relative_days")
    if entry is None or not isinstance(entry.value, int):
        return None
    d = pub + dt.timedelta(days=entry.value)
    res = _day(d)
    res.rule = entry.ref
    night = bool(entry.attrs.get("night")) or _part_flag(hit, "night")
    if night:
        res.latest = d + dt.timedelta(days=1)
    wd = hit.value("weekdays")
    if isinstance(wd, int) and wd != d.weekday():
        _check_weekday(hit, "weekdays", d, res)
        named = _weekday_date(d, wd, None)
        res.earliest = min(res.earliest, named)
        if hit.book.weekday_wins:
            res.date = named
            res.warnings[-1] = res.warnings[-1].rsplit(";", 1)[0] + f"; kept {named.isoformat()}"
    return res


def _part_flag(hit: Hit, flag: str) -> bool:
    part = hit.entry("parts_of_day")
    return part is not None and bool(part.attrs.get(flag))


def _weekday(hit: Hit, pub: dt.date) -> Res | None:
    wd = hit.value("weekdays")
    if not isinstance(wd, int):
        return None
    mod = hit.value("wmod")
    d = _weekday_date(pub, wd, mod)
    if _part_flag(hit, "after_midnight"):
        return Res(d + dt.timedelta(days=1), d, d + dt.timedelta(days=1), 1)
    res = _day(d)
    if _part_flag(hit, "eve"):
        res.earliest = d - dt.timedelta(days=1)
        res.warnings.append(W_EVE)
    return res


def _night_pair(hit: Hit, pub: dt.date) -> Res | None:
    first, second = hit.value("weekdays"), hit.value("weekday2")
    if not (isinstance(first, int) and second == (first + 1) % 7 and _part_flag(hit, "night")):
        return None
    d = _weekday_date(pub, first, None)
    nxt = d + dt.timedelta(days=1)
    return Res(nxt if _part_flag(hit, "after_midnight") else d, d, nxt, 1)


def _day_month(hit: Hit, pub: dt.date) -> Res | None:
    day = hit.number("day", "ordinals")
    if day is None:
        return None
    got = _month_of(hit, pub, day)
    if got is None:
        return None
    year, month, warnings = got
    res = _day(dt.date(year, month, day), *warnings)
    _check_weekday(hit, "weekdays", res.date, res)
    return _future_check(res, pub, hit.value("mmod") == "next" or hit.value("mrel") == "next")


def _month_range(year: int, month: int) -> Res:
    first = dt.date(year, month, 1)
    return Res(dt.date(year, month, 15), first, _month_end(year, month), 3)


def _month(hit: Hit, pub: dt.date) -> Res | None:
    got = _month_of(hit, pub, None)
    if got is None:
        return None
    year, month, warnings = got
    res = _month_range(year, month)
    res.warnings.extend(warnings)
    if hit.value("mmod") == "next" or hit.value("ymod") == "next":
        return res
    return _future_check(_clamp(res, pub), pub, False)


def _pair(entry: Entry, key: str) -> tuple[int, int]:
    v = entry.attrs.get(key)
    return (int(v[0]), int(v[1])) if isinstance(v, list) else (0, 0)


def _period_span(hit: Hit, pub: dt.date, span: Entry) -> Res | None:
    kind, mod = hit.value("periods"), hit.value("pmod") or hit.value("pthis")
    delta = _shift(mod)
    lo, hi = _pair(span, kind if kind in ("week", "year") else "")
    if kind == "week":
        start = pub - dt.timedelta(days=(pub.weekday() - hit.book.week_start) % 7 - 7 * delta)
        first, last = start + dt.timedelta(days=lo), start + dt.timedelta(days=hi)
        res = Res(first + (last - first) // 2, first, last, 2)
    elif kind == "year":
        year = pub.year + delta
        first, last = dt.date(year, lo, 1), _month_end(year, hi)
        res = Res(first + (last - first) // 2, first, last, 3)
    else:
        return None  # month spans are the month_span pattern's
    return res if delta > 0 else _future_check(_clamp(res, pub), pub, False)


def _span(hit: Hit, pub: dt.date) -> Res | None:
    span = hit.entry("spans")
    if span is None:
        return None
    if hit.text("periods") is not None:
        return _period_span(hit, pub, span)
    got = _month_of(hit, pub, None)
    if got is None:
        return None
    year, month, warnings = got
    last = _month_end(year, month).day

    def day_of(key: str) -> int:
        v = span.attrs.get(key)
        return last if v == "last" else min(int(str(v)), last)

    res = Res(dt.date(year, month, day_of("date_day")), dt.date(year, month, day_of("from_day")),
              dt.date(year, month, day_of("to_day")), 2, warnings)
    if "next" in (hit.value("mmod"), hit.value("mrel")):
        return res
    return _future_check(_clamp(res, pub), pub, False)


def _period(hit: Hit, pub: dt.date) -> Res | None:
    kind, mod = hit.value("periods"), hit.value("pmod") or hit.value("pthis")
    if mod is None:
        return None
    delta = _shift(mod)
    if kind == "week":
        start = pub - dt.timedelta(days=(pub.weekday() - hit.book.week_start) % 7)
        start += dt.timedelta(days=7 * delta)
        res = Res(start + dt.timedelta(days=3), start, start + dt.timedelta(days=6), 2)
    elif kind == "month":
        res = _month_range(*_add_months(pub.year, pub.month, delta))
    else:
        year = pub.year + delta
        res = Res(dt.date(year, 7, 1), dt.date(year, 1, 1), dt.date(year, 12, 31), 4)
    return res if delta > 0 else _clamp(res, pub)


_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
_UNIT_PRECISION = {"hour": 1, "day": 1, "week": 2, "month": 3, "year": 4}


def _back(pub: dt.date, unit: str, n: int) -> dt.date:
    if unit == "hour":
        return pub - dt.timedelta(days=n // 24)
    if unit == "month":
        year, month = _add_months(pub.year, pub.month, -n)
        return dt.date(year, month, min(pub.day, _month_end(year, month).day))
    if unit == "year":
        return dt.date(pub.year - n, pub.month, min(pub.day, 28 if pub.month == 2 else 31))
    return pub - dt.timedelta(days=n * _UNIT_DAYS[unit])


def _ago(hit: Hit, pub: dt.date) -> Res | None:
    unit = hit.entry("units")
    if unit is None:
        return None
    name = str(unit.value)
    n = hit.number("n", "cardinals")
    count = unit.int_attr("count")
    if n is None and count:
        n = count
    if n is None:
        few = unit.attrs.get("few")
        lo, hi = few if isinstance(few, list) else (2, 9)
        latest, earliest = _back(pub, name, int(lo)), _back(pub, name, int(hi))
        mid = earliest + (latest - earliest) // 2
        return Res(mid, earliest, latest, min(4, _UNIT_PRECISION[name] + (name == "day")))
    d = _back(pub, name, n)
    half = {"week": 3, "month": 15, "year": 182}.get(name, 0)
    res = Res(d, d - dt.timedelta(days=half), d + dt.timedelta(days=half),
              _UNIT_PRECISION[name])
    return _clamp(res, pub)


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _unanchored(hit: Hit, pub: dt.date) -> Res | None:
    unit = hit.entry("units")
    precision = _UNIT_PRECISION[str(unit.value)] if unit is not None else 1
    offset = None
    if unit is not None and str(unit.value) in _UNIT_DAYS:
        n = hit.number("n", "cardinals") or unit.int_attr("count")
        if n:  # "بعد أيام من" (a few days) gives no offset
            sign = -1 if hit.pattern.id == "before_event" else 1  # "قبل يومين من X": X later
            offset = sign * n * _UNIT_DAYS[str(unit.value)]
    return Res(pub, pub, pub, precision, [W_UNANCHORED], anchored=False, offset_days=offset)


def _unanchored_word(hit: Hit, pub: dt.date) -> Res | None:
    entry = hit.entry("unanchored")
    if entry is None:
        return None
    value = entry.value
    return Res(pub, pub, pub, 1, [W_UNANCHORED], anchored=False, rule=entry.ref,
               offset_days=value if isinstance(value, int) else None)


def _hijri_to_date(year: int, month: int, day: int) -> dt.date:
    g = Hijri(year, month, day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def _numeric(hit: Hit, pub: dt.date) -> Res | None:
    y, m, d = hit.integer("ny"), hit.integer("nm"), hit.integer("nd")
    if y is None or m is None or d is None:
        return None
    if hit.text("hijri_markers") is not None:
        return _day(_hijri_to_date(y, m, d), W_HIJRI)
    if not 1900 <= y <= 2100:
        return None
    return _future_check(_day(dt.date(y, m, d)), pub, False)


def _hijri(hit: Hit, pub: dt.date) -> Res | None:
    month = hit.value("hijri_months")
    if not isinstance(month, int):
        return None
    day = hit.number("day", "ordinals")
    year = hit.integer("year")
    if year is None:
        year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year + _shift(
            hit.value("hmod"))
        if hit.value("hmod") is None and _hijri_to_date(year, month, day or 1) > pub:
            year -= 1
    if day is not None:
        return _future_check(_day(_hijri_to_date(year, month, day), W_HIJRI), pub,
                             hit.value("hmod") == "next")
    first = _hijri_to_date(year, month, 1)
    length = Hijri(year, month, 1).month_length()
    res = Res(_hijri_to_date(year, month, 15), first, first + dt.timedelta(days=length - 1), 3,
              [W_HIJRI])
    return res if hit.value("hmod") == "next" else _clamp(res, pub)


def _holiday(hit: Hit, pub: dt.date) -> Res | None:
    entry = hit.entry("holidays")
    if entry is None:
        return None
    month, day = (int(x) for x in str(entry.value).split("-"))
    mod = hit.value("hmod")
    year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
    start = _hijri_to_date(year, month, day)
    if mod == "next":
        if start <= pub:
            start = _hijri_to_date(year + 1, month, day)
    elif start > pub or (mod == "past" and start + dt.timedelta(days=entry.int_attr("days")) > pub):
        start = _hijri_to_date(year - 1, month, day)
    end = start + dt.timedelta(days=entry.int_attr("days", 1) - 1)
    return Res(start, start, end, 2, [W_HIJRI], rule=entry.ref)


def _year(hit: Hit, pub: dt.date) -> Res | None:
    year = hit.integer("year")
    if year is None:
        return None
    res = Res(dt.date(year, 7, 1), dt.date(year, 1, 1), dt.date(year, 12, 31), 4)
    return _clamp(res, pub)


RESOLVERS: Mapping[str, Callable[[Hit, dt.date], Res | None]] = {
    "relative": _relative, "weekday": _weekday, "night_pair": _night_pair,
    "day_month": _day_month, "month": _month, "span": _span, "period": _period, "ago": _ago,
    "unanchored": _unanchored, "unanchored_word": _unanchored_word, "numeric": _numeric,
    "hijri": _hijri, "holiday": _holiday, "year": _year,
}
assert set(RESOLVERS) == KINDS, "every pattern kind needs a resolver"
