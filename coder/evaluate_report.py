"""Rendering an evaluation :class:`~coder.evaluate.Report` as plain text or JSON data.

The per-article diagnostics (``verbose``) list, for every gold article, each matched pair with
the attributes the coder got wrong, each missed gold event with its evidence and the closest
prediction's reason for not matching, each false positive with its sentence and the codebook
rules that fired, and the verbal (non-conflict) events kept apart from scoring.
"""

from __future__ import annotations

from .evaluate import ArticleResult, Ratio, Report, attribute_checks
from .gold import GoldActor, GoldEvent
from .model import Actor, Event

ATTRIBUTE_LABELS = {
    "date": "date (exact gold date)",
    "time_precision": "time precision",
    "acled_event_type": "ACLED event type",
    "acled_sub_event_type": "ACLED sub-event type",
    "fatalities": "fatalities (exact)",
    "source_role": "source entity+role",
    "target_role": "target entity+role",
    "both_roles": "source and target",
    "admin1": "admin1 (gold has one)",
    "country": "country",
    "cameo_exact": "CAMEO exact code",
}


def _num(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _ratio(r: Ratio) -> str:
    return f"{_num(r.value)} ({r.correct}/{r.total})"


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    who = actor.country or actor.cameo_code[:3] or "?"
    return f"{who}/{actor.role or '?'}"


def _gold_actor(actor: GoldActor) -> str:
    return f"{actor.entity or '?'}/{actor.role or '?'}" if not actor.empty else "-"


def _wrong(gold: GoldEvent, event: Event) -> list[str]:
    """The attributes of a matched pair that disagree, shown as ``name pred≠gold``."""
    shown = {
        "date": (event.event_date, gold.date),
        "time_precision": (event.time_precision, gold.time_precision),
        "acled_event_type": (event.acled_event_type or "-", gold.acled_event_type),
        "acled_sub_event_type": (event.acled_sub_event_type or "-", gold.acled_sub_event_type),
        "fatalities": (event.fatalities, gold.fatalities),
        "source_role": (_actor(event.source_actor), _gold_actor(gold.source)),
        "target_role": (_actor(event.target_actor), _gold_actor(gold.target)),
        "country": (event.country_iso3 or "-", gold.country),
        "cameo_exact": (event.cameo_code or "-", gold.cameo_code),
    }
    checks = attribute_checks(gold, event)
    return [f"{name} {shown[name][0]}≠{shown[name][1]}" for name in shown if checks[name] is False]


def _gold_line(g: GoldEvent) -> str:
    place = g.admin1 or g.country or "-"
    return (f"{g.id} [{g.salience}] {g.date.isoformat()} {g.cameo_code} "
            f"{g.acled_event_type}/{g.acled_sub_event_type} @ {place} ({g.location}) "
            f"fat={g.fatalities} {_gold_actor(g.source)} -> {_gold_actor(g.target)}")


def _event_line(e: Event) -> str:
    place = e.admin1 or e.country_iso3 or "-"
    kind = f"{e.acled_event_type}/{e.acled_sub_event_type}" if e.acled_event_type else "-"
    return (f"{e.event_date.isoformat()} {e.cameo_code or '-'} {kind} @ {place} "
            f"({e.location or '-'}) fat={e.fatalities} "
            f"{_actor(e.source_actor)} -> {_actor(e.target_actor)}")


def _article_text(result: ArticleResult) -> list[str]:
    a = result
    lines = [f"== {a.article_id}: gold {len(a.matched) + len(a.missed)}, "
             f"predicted {len(a.predicted)}, matched {len(a.matched)}, "
             f"missed {len(a.missed)}, false positives {len(a.false_positives)}, "
             f"verbal {len(a.verbal)}"]
    if a.error:
        lines.append(f"  ERROR {a.error}")
    for g, e in a.matched:
        wrong = _wrong(g, e)
        lines.append(f"  MATCH {_gold_line(g)}")
        lines.append(f"        wrong: {'; '.join(wrong)}" if wrong else "        all right")
    for g in a.missed:
        lines.append(f"  MISS  {_gold_line(g)}")
        lines.append(f"        evidence: {_short(g.evidence)}")
        if g.date_evidence:
            lines.append(f"        date evidence: {g.date_evidence}")
        lines.append(f"        why: {a.near_miss(g)}")
    for e in a.false_positives:
        lines.append(f"  FP    {_event_line(e)}")
        lines.append(f"        sentence: {_short(e.sentence)}")
        if e.rules:
            lines.append(f"        rules: {', '.join(e.rules)}")
    if a.verbal:
        codes = ", ".join(sorted({e.cameo_code or "-" for e in a.verbal}))
        lines.append(f"  VERBAL {len(a.verbal)} not scored (codes {codes})")
    return lines


def render_text(report: Report, verbose: bool = False) -> str:
    p, r, f = report.scores
    lines = [
        f"coder evaluation: {len(report.articles)} gold articles, {report.gold_events} gold "
        f"events, {report.predicted_events} predicted conflict events, "
        f"{report.matched_events} matched",
        f"  precision {p:.3f}   recall {r:.3f}   F1 {f:.3f}",
        f"  headline recall {_ratio(report.headline_recall())}",
        "  recall by salience: " + "   ".join(
            f"{name} {_ratio(ratio)}" for name, ratio in report.recall_by_salience().items()
        ),
        f"  verbal (non-conflict) predictions, not scored: {report.verbal_events}",
        f"  coder errors: {len(report.errors)}"
        + (f"   coding time {report.seconds:.1f} s" if report.seconds is not None else ""),
    ]
    reasons = report.miss_reasons()
    if reasons:
        lines.append("  missed gold events by reason: "
                     + ", ".join(f"{k} {v}" for k, v in reasons.items()))
    if report.unscored_articles:
        lines.append(f"  predictions for {len(report.unscored_articles)} article(s) without gold")
    lines += ["", f"Attribute accuracy on {report.matched_events} matched events:"]
    for name, ratio in report.attributes().items():
        lines.append(f"  {ATTRIBUTE_LABELS.get(name, name):<26}{_ratio(ratio)}")
    lines += ["", f"  {'ACLED event type':<30}{'gold':>5}{'pred':>6}{'match':>7}"
                  f"{'P':>8}{'R':>7}{'F1':>7}"]
    for row in report.by_type():
        tp, tr, tf = row.scores
        lines.append(f"  {row.event_type:<30}{row.gold:>5}{row.predicted:>6}{row.matched:>7}"
                     f"{tp:>8.3f}{tr:>7.3f}{tf:>7.3f}")
    for article_id, error in report.errors:
        lines.append(f"  error in {article_id}: {error}")
    if verbose:
        for result in report.articles:
            lines += [""] + _article_text(result)
    return "\n".join(lines) + "\n"


def _ratio_json(r: Ratio) -> dict[str, object]:
    return {"correct": r.correct, "total": r.total, "value": r.value}


def _event_json(e: Event) -> dict[str, object]:
    return {
        "event_date": e.event_date.isoformat(), "cameo_code": e.cameo_code,
        "acled_event_type": e.acled_event_type, "acled_sub_event_type": e.acled_sub_event_type,
        "country": e.country_iso3, "admin1": e.admin1, "location": e.location,
        "fatalities": e.fatalities, "source": _actor(e.source_actor),
        "target": _actor(e.target_actor), "sentence": e.sentence, "rules": list(e.rules),
    }


def _article_json(a: ArticleResult) -> dict[str, object]:
    return {
        "article_id": a.article_id,
        "error": a.error,
        "matched": [{"gold_id": g.id, "salience": g.salience, "wrong": _wrong(g, e),
                     "predicted": _event_json(e)} for g, e in a.matched],
        "missed": [{"gold_id": g.id, "salience": g.salience, "date": g.date.isoformat(),
                    "cameo_code": g.cameo_code, "acled_event_type": g.acled_event_type,
                    "acled_sub_event_type": g.acled_sub_event_type, "admin1": g.admin1,
                    "evidence": g.evidence, "why_kind": a.diagnose(g)[0],
                    "why": a.diagnose(g)[1]} for g in a.missed],
        "false_positives": [_event_json(e) for e in a.false_positives],
        "verbal": [_event_json(e) for e in a.verbal],
    }


def render_json(report: Report, verbose: bool = True) -> dict[str, object]:
    p, r, f = report.scores
    out: dict[str, object] = {
        "articles_scored": len(report.articles),
        "gold_events": report.gold_events,
        "predicted_events": report.predicted_events,
        "matched_events": report.matched_events,
        "verbal_events": report.verbal_events,
        "precision": p,
        "recall": r,
        "f1": f,
        "headline_recall": report.headline_recall().value,
        "miss_reasons": report.miss_reasons(),
        "recall_by_salience": {k: _ratio_json(v) for k, v in report.recall_by_salience().items()},
        "attributes": {k: _ratio_json(v) for k, v in report.attributes().items()},
        "by_event_type": [
            {"event_type": row.event_type, "gold": row.gold, "predicted": row.predicted,
             "matched": row.matched, "precision": row.scores[0], "recall": row.scores[1],
             "f1": row.scores[2]} for row in report.by_type()
        ],
        "errors": [{"article_id": k, "error": v} for k, v in report.errors],
        "unscored_articles": list(report.unscored_articles),
        "seconds": report.seconds,
    }
    if verbose:
        out["articles"] = [_article_json(a) for a in report.articles]
    return out
