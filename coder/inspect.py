"""Inspection helpers behind ``coder code`` and ``coder explain``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from .events import analyse, code_article
from .ingest import parse_published
from .model import Actor, Article, Event

EVENT_FIELDS = (
    "event_date", "time_precision", "date_text", "cameo_code", "cameo_root", "quad_class",
    "goldstein", "source_actor_code", "source_actor_name", "target_actor_code",
    "target_actor_name", "acled_event_type", "acled_sub_event_type", "disorder_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "country_iso3", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "fatalities", "salience", "notes", "sentence", "rules",
)


def text_article(text: str, published: dt.date | dt.datetime | str, id: str = "text") -> Article:
    pub = parse_published(published if not isinstance(published, dt.date) or isinstance(
        published, dt.datetime) else published.isoformat())
    return Article(id=id, published=pub, text=text)


def event_json(event: Event) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in EVENT_FIELDS:
        value = getattr(event, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def code_json(article: Article) -> list[dict[str, object]]:
    return [event_json(e) for e in code_article(article)]


def code_records(records: Iterable[Mapping[str, object]]) -> Iterator[dict[str, object]]:
    """``{id, published, text[, title]}`` records -> ``{"id": ..., "events": [...]}``."""
    for rec in records:
        rid = str(rec.get("id", ""))
        try:
            art = Article(id=rid, published=parse_published(rec.get("published")),
                          text=str(rec.get("text") or ""), title=str(rec.get("title") or ""))
        except ValueError as exc:
            yield {"id": rid, "error": str(exc)}
            continue
        yield {"id": rid, "events": code_json(art)}


def _actor(a: Actor | None) -> str:
    return f"{a.cameo_code} ({a.name})" if a else "-"


def explain(article: Article) -> str:
    """A readable account of which codebook entries fired and why others were rejected."""
    doc, analyses = analyse(article)
    events = code_article(article)
    lines = [f"article {article.id} published {article.pub_date.isoformat()}",
             f"country hint: {doc.hint or '-'}", ""]
    for sa in analyses:
        if not sa.kept and not sa.rejected:
            continue
        lines.append(f"[sentence {sa.sentence.index}] {sa.sentence.text}")
        for cand in sa.kept:
            e = cand.trigger.entry
            lines.append(f"  FIRED  {cand.trigger.text!r} -> {cand.code}  ({e.where})")
            lines.append(f"         rules: {', '.join(cand.rules)}")
        for rej in sa.rejected:
            e = rej.trigger.entry
            lines.append(f"  REJECT {rej.trigger.text!r} ({e.where}): {rej.reason}")
        lines.append("")
    lines.append(f"{len(events)} event(s) after merging:")
    for ev in events:
        lines.append(
            f"- {ev.event_date} (precision {ev.time_precision}, from {ev.date_text!r}) "
            f"CAMEO {ev.cameo_code} | {ev.acled_event_type} / {ev.acled_sub_event_type} | "
            f"source {_actor(ev.source_actor)} target {_actor(ev.target_actor)} | "
            f"{ev.location or '-'} ({ev.admin1 or '-'}, {ev.country_iso3 or '-'}) | "
            f"fatalities {ev.fatalities}")
        lines.append(f"  rules: {', '.join(ev.rules)}")
    return "\n".join(lines)
