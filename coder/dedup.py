"""Merging reports of one event: within an article, and across articles of a release.

One event = one (date, place, actor pair, type).  Within an article a lead and its later detail
are one event; across articles, reports with the same date, CAMEO root, ACLED sub-event type and
place are one event whose ``article_ids`` lists every report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence

from .model import Event


def _place_key(e: Event) -> str:
    return e.location or e.admin1 or ""


def is_weak(e: Event) -> bool:
    """A title report or an event whose date was inherited: its date may be merged away."""
    return e.from_title or e.weak_date


def _contains(a: Event, b: Event) -> bool:
    """``a``'s place is a coarser name for where ``b`` happened: a governorate or a district
    ("ريف حلب" and Azaz), or a city and one of its quarters ("Aleppo" and "Aleppo - Old City")."""
    if not a.admin1 or a.admin1 != b.admin1:
        return False
    if a.geo_precision == 3 and (b.geo_precision or 1) < 3:
        return True
    if a.place is not None and a.place.feature_type in ("admin1", "admin2"):
        return a.place.feature_type == "admin1" or a.admin2 == b.admin2
    return bool(a.location) and b.location.startswith(a.location + " - ")


def _country_level(e: Event) -> bool:
    return e.place is not None and e.place.feature_type == "country"


def _compatible(a: Event, b: Event, ignore_date: bool = False) -> bool:
    if a.cameo_root != b.cameo_root:
        return False
    if a.event_date != b.event_date and not ignore_date:
        return False
    if a.acled_sub_event_type and b.acled_sub_event_type and \
            a.acled_sub_event_type != b.acled_sub_event_type and not (
            (a.code_generic or b.code_generic)
            and a.acled_event_type in VIOLENT and b.acled_event_type in VIOLENT):
        return False
    pa, pb = _place_key(a), _place_key(b)
    if (_country_level(a) or _country_level(b)) and a.country_iso3 == b.country_iso3:
        pa = pb = ""
    if ignore_date and b.from_title and (
            not a.country_iso3 or not b.country_iso3 or a.country_iso3 == b.country_iso3):
        pa = pb = ""  # a headline summarises the lead: its place is the lead's
    if pa and pb and pa != pb and not _contains(a, b) and not _contains(b, a):
        return False
    for x, y in ((a.source_actor_code, b.source_actor_code),
                 (a.target_actor_code, b.target_actor_code)):
        if x and y and x[:3] != y[:3] and not (x.endswith("UAF") or y.endswith("UAF")):
            return False  # "TUR"/"TURMIL" are one side, and "gunmen" may be anyone named later
    return True


ACLED_TYPE_FIELDS = ("acled_event_type", "acled_sub_event_type", "disorder_type",
                     "civilian_targeting")


def _absorb(keep: Event, other: Event) -> None:
    """Fill ``keep``'s gaps from ``other`` (a second report of the same event)."""
    telling = other.place is not None and not _country_level(other) or (
        keep.place is None or _country_level(keep))  # a vaguer report does not recode
    if (keep.code_generic and not other.code_generic and telling) or (
            len(other.cameo_code) > len(keep.cameo_code)
            and other.cameo_code.startswith(keep.cameo_code)):
        # the other report says how (a drone, rockets): its code and ACLED type are the better
        keep.cameo_code, keep.cameo_root = other.cameo_code, other.cameo_root
        keep.goldstein, keep.quad_class = other.goldstein, other.quad_class
        keep.code_generic = other.code_generic
        if other.acled_sub_event_type:
            for name in ACLED_TYPE_FIELDS:
                setattr(keep, name, getattr(other, name))
    for name in ("source_actor_code", "source_actor_name", "target_actor_code",
                 "target_actor_name", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "interaction", "civilian_targeting"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if keep.source_actor is None:
        keep.source_actor = other.source_actor
    if keep.target_actor is None:
        keep.target_actor = other.target_actor
    if (keep.geo_precision or 9) > (other.geo_precision or 9) and other.place is not None:
        for name in ("place", "country_iso3", "admin1", "admin2", "admin3", "location",
                     "latitude", "longitude", "geo_precision"):
            setattr(keep, name, getattr(other, name))
    if other.fatalities_reported:
        if not keep.fatalities_reported or (keep.fatalities_estimate
                                            and not other.fatalities_estimate):
            keep.fatalities = other.fatalities  # a counted number beats "قتلى" (3)
            keep.fatalities_estimate = other.fatalities_estimate
        elif other.fatalities_estimate and not keep.fatalities_estimate:
            pass
        elif other.fatalities and (not keep.fatalities or other.fatalities < keep.fatalities):
            keep.fatalities = other.fatalities  # ACLED: the lowest of conflicting reports
        keep.fatalities_reported = True
    keep.num_mentions += other.num_mentions
    keep.rules = sorted(set(keep.rules) | set(other.rules) | {"dedup:merged-report"})
    for aid in other.article_ids:
        if aid not in keep.article_ids:
            keep.article_ids.append(aid)


CURRENT_DAYS = 7  # days within which a date is current news: it carries forward, and only such
# an event may absorb a report whose date was inherited
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _referent(kept: Sequence[Event], event: Event) -> Event | None:
    """The event a back-reference points at: an earlier report of the same CAMEO root, at the
    same place when the reference names one, else the nearest one before it."""
    vague = event.back_reference and (event.place is None or _country_level(event))
    earlier = [k for k in kept if k.sentence_start < event.sentence_start
               and (k.cameo_root == event.cameo_root or event.code_generic and (
                   k.acled_event_type in VIOLENT and event.acled_event_type in VIOLENT))
               and (vague or not k.country_iso3 or not event.country_iso3
                    or k.country_iso3 == event.country_iso3)]
    if event.place is not None and not _country_level(event):
        same = [k for k in earlier if k.location == event.location
                or (k.admin1 and k.admin1 == event.admin1)]
        if same:
            return max(same, key=lambda k: k.sentence_start)
        if not event.back_reference:
            return None  # "الانفجار في X": a new place may be a new event
    return max(earlier, key=lambda k: k.sentence_start) if earlier else None


def merge_article_events(events: Sequence[Event], published: dt.date | None = None
                         ) -> list[Event]:
    """Merge the reports of one event inside an article.

    Reports with their own date are merged first (the earliest is kept); then a title report or
    a report whose date was inherited joins a compatible report whatever its date, taking that
    report's date, or stands alone.
    """
    kept: list[Event] = []
    refs = [e for e in events if e.back_reference]
    events = [e for e in events if not e.back_reference]
    weak = [e for e in events if is_weak(e)]
    for event in [e for e in events if not is_weak(e)]:
        for k in kept:
            if _compatible(k, event):
                _absorb(k, event)
                break
        else:
            kept.append(event)
    for event in weak:
        if event.anaphoric:
            ref = _referent(kept, event)
            if ref is not None and (published is None or 0 <= (published - ref.event_date).days
                                    <= CURRENT_DAYS):
                _absorb(ref, event)
                continue
        for k in kept:
            current = published is None or 0 <= (published - k.event_date).days <= CURRENT_DAYS
            if (current or k.event_date == event.event_date) and _compatible(
                    k, event, ignore_date=True):
                _absorb(k, event)
                break
        else:
            kept.append(event)
    for event in refs:
        ref = _referent(kept, event)
        if ref is not None:
            _absorb(ref, event)
        else:
            kept.append(event)
    return sorted(kept, key=lambda e: e.sentence_start)


def merge_across_articles(events: Iterable[Event]) -> list[Event]:
    """Merge reports of one event from several articles, then give every event its id."""
    buckets: dict[tuple[object, ...], list[Event]] = {}
    for event in events:
        key = (event.event_date, event.cameo_root, event.acled_sub_event_type, _place_key(event))
        group = buckets.setdefault(key, [])
        for k in group:
            if _place_key(k) and k.article_ids != event.article_ids and _compatible(k, event):
                sources = {s for s in (k.source, event.source) if s}
                _absorb(k, event)
                k.source = "; ".join(sorted(set(k.source.split("; ")) | sources - {""}))
                k.num_sources = len(set(k.source.split("; "))) if k.source else 1
                break
        else:
            group.append(event)
    by_id: dict[str, Event] = {}
    for event in (e for group in buckets.values() for e in group):
        event.article_ids.sort()
        event.event_id = event_id(event)
        if event.event_id in by_id:  # the same content twice (one sentence, two triggers)
            _absorb(by_id[event.event_id], event)
        else:
            by_id[event.event_id] = event
    return sorted(by_id.values(), key=lambda e: (e.event_date, e.country_iso3, e.event_id))


def event_id(event: Event) -> str:
    """A stable id from the event's content (not from run order)."""
    parts = [
        ",".join(sorted(event.article_ids)), event.event_date.isoformat(), event.cameo_code,
        event.location, event.admin1, event.source_actor_code, event.target_actor_code,
        event.acled_sub_event_type, str(event.sentence_start), event.sentence[:200],
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
