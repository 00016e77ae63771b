"""Dev-set scoring: coded events against gold annotations.

A predicted event matches a gold event of the same article when its ``event_date`` is the gold
date or one of its alternatives, its CAMEO root is the root of the gold code or of one of its
alternatives, and -- when gold names an admin1 -- its ``admin1`` is the same.  Each gold event
matches at most one prediction: an optimal assignment maximises the number of matches, then the
number of attributes that agree.  Precision, recall and F1 count conflict events only (CAMEO
roots in ``codebooks/eval/scoring.yaml`` or any event with an ACLED type); other (verbal) events
are counted apart.  Text and JSON rendering live in :mod:`coder.evaluate_report`.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .gold import GoldActor, GoldArticle, GoldEvent, load_gold, scoring
from .model import Actor, Article, Event

__all__ = [
    "ArticleResult", "Ratio", "Report", "TypeRow", "evaluate", "evaluate_files",
    "format_report", "load_gold", "match_events", "report_json",
]

Pair = tuple[GoldEvent | None, Event | None]


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def event_root(event: Event) -> str:
    return (event.cameo_code or event.cameo_root)[:2]


def is_conflict(event: Event) -> bool:
    """A conflict event: a conflict CAMEO root or any ACLED event type."""
    return bool(event.acled_event_type) or event_root(event) in scoring().conflict_roots


def role_right(gold: GoldActor, actor: Actor | None) -> bool:
    """Gold entity and role agree with the coded actor; no gold actor and no actor is right."""
    if gold.empty:
        return actor is None or (not actor.country and not actor.role and not actor.cameo_code)
    if actor is None:
        return False
    if gold.entity in scoring().group_entities:
        entity_ok = actor.cameo_code[:3].upper() == gold.entity
    else:
        entity_ok = not gold.entity or actor.country.upper() == gold.entity
    return entity_ok and (not gold.role or actor.role.upper() == gold.role)


def mismatches(gold: GoldEvent, event: Event) -> list[str]:
    """Why ``event`` cannot match ``gold`` (empty when it can)."""
    reasons = []
    if _day(event.event_date) not in gold.dates:
        wanted = "|".join(d.isoformat() for d in gold.dates)
        reasons.append(f"date {_day(event.event_date).isoformat()} not in {wanted}")
    if event_root(event) not in gold.roots:
        reasons.append(f"root {event_root(event) or '-'} not in {'|'.join(sorted(gold.roots))}")
    if gold.admin1 is not None and event.admin1 != gold.admin1:
        reasons.append(f"admin1 {event.admin1 or '-'!r} != {gold.admin1!r}")
    return reasons


def attribute_checks(gold: GoldEvent, event: Event) -> dict[str, bool | None]:
    """Per-attribute agreement of a matched pair; ``None`` where the attribute is not scored."""
    src = role_right(gold.source, event.source_actor)
    tgt = role_right(gold.target, event.target_actor)
    return {
        "date": _day(event.event_date) == gold.date,
        "time_precision": event.time_precision == gold.time_precision,
        "acled_event_type": event.acled_event_type == gold.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type == gold.acled_sub_event_type,
        "fatalities": event.fatalities == gold.fatalities,
        "source_role": src,
        "target_role": tgt,
        "both_roles": src and tgt,
        "admin1": None if gold.admin1 is None else event.admin1 == gold.admin1,
        "country": None if not gold.country else event.country_iso3 == gold.country,
        "cameo_exact": event.cameo_code == gold.cameo_code,
    }


ATTRIBUTES = (
    "date", "time_precision", "acled_event_type", "acled_sub_event_type", "fatalities",
    "source_role", "target_role", "both_roles", "admin1", "country", "cameo_exact",
)


def _agreement(gold: GoldEvent, event: Event) -> int:
    return sum(1 for k, ok in attribute_checks(gold, event).items() if ok and k != "both_roles")


def _assign(weight: list[list[int]]) -> list[int]:
    """Maximum-weight assignment (Hungarian method with potentials) for ``n <= m``.

    Returns, for each row, the column assigned to it.
    """
    n = len(weight)
    m = len(weight[0]) if n else 0
    if n > m:
        raise ValueError("rows must not outnumber columns")
    big = 1 + sum(max(row) for row in weight) if n else 1
    u, v = [0] * (n + 1), [0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # owner[j]: row (1-based) holding column j
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [big * 4] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], big * 4, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -weight[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result = [-1] * n
    for j in range(1, m + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[Pair]:
    """Pair the gold events of one article with predicted events.

    Returns matched pairs ``(gold, event)`` first (in gold order), then missed gold events
    ``(gold, None)``, then unmatched predictions ``(None, event)`` (in prediction order).
    """
    if not gold or not predicted:
        return [(g, None) for g in gold] + [(None, p) for p in predicted]
    scores = [[_agreement(g, p) if not mismatches(g, p) else -1 for p in predicted] for g in gold]
    # one more match outweighs any sum of tie-break scores
    bonus = (len(ATTRIBUTES) + 1) * (min(len(gold), len(predicted)) + 1)
    weight = [[bonus + s if s >= 0 else 0 for s in row] for row in scores]
    transpose = len(gold) > len(predicted)
    if transpose:
        cols = _assign([list(col) for col in zip(*weight, strict=True)])
        by_gold = {c: r for r, c in enumerate(cols) if c >= 0}
    else:
        by_gold = dict(enumerate(_assign(weight)))
    matched: list[Pair] = []
    used: set[int] = set()
    missed: list[Pair] = []
    for gi, g in enumerate(gold):
        pi = by_gold.get(gi, -1)
        if pi >= 0 and scores[gi][pi] >= 0:
            matched.append((g, predicted[pi]))
            used.add(pi)
        else:
            missed.append((g, None))
    extra: list[Pair] = [(None, p) for i, p in enumerate(predicted) if i not in used]
    return matched + missed + extra


@dataclass(frozen=True)
class Ratio:
    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ArticleResult:
    """Scoring of one gold article."""

    article_id: str
    pairs: list[Pair]
    verbal: list[Event] = field(default_factory=list)
    error: str = ""  # the coder's exception, when it failed on this article

    @property
    def matched(self) -> list[tuple[GoldEvent, Event]]:
        return [(g, p) for g, p in self.pairs if g is not None and p is not None]

    @property
    def missed(self) -> list[GoldEvent]:
        return [g for g, p in self.pairs if g is not None and p is None]

    @property
    def false_positives(self) -> list[Event]:
        return [p for g, p in self.pairs if g is None and p is not None]

    @property
    def predicted(self) -> list[Event]:
        return [p for _, p in self.pairs if p is not None]

    def near_miss(self, gold: GoldEvent) -> str:
        """For a missed gold event: the closest prediction and what kept it from matching."""
        return self.diagnose(gold)[1]

    def diagnose(self, gold: GoldEvent) -> tuple[str, str]:
        """``(category, explanation)`` for a missed gold event.

        Categories: ``no prediction``, ``taken`` (a compatible prediction went to another gold
        event), ``date``, ``root``, ``admin1`` (the closest prediction failed only that test)
        or ``several``.
        """
        best: tuple[int, int, str, str] | None = None
        for rank, event in enumerate(self.predicted):
            reasons = mismatches(gold, event)
            holder = next((g.id for g, p in self.pairs if p is event and g is not None), "")
            if not reasons:
                key = (0, rank, "taken", f"compatible prediction went to gold {holder}")
            else:
                taken = f" (matched {holder})" if holder else ""
                label = f"{event.cameo_code or '-'} {_day(event.event_date).isoformat()}"
                text = f"closest prediction [{label}]{taken}: " + "; ".join(reasons)
                kind = reasons[0].split()[0] if len(reasons) == 1 else "several"
                key = (len(reasons), rank, kind, text)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is None:
            return "no prediction", "no conflict prediction in this article"
        return best[2], best[3]


@dataclass
class TypeRow:
    event_type: str
    gold: int
    predicted: int
    matched: int

    @property
    def scores(self) -> tuple[float, float, float]:
        return prf(self.matched, self.predicted, self.gold)


@dataclass
class Report:
    articles: list[ArticleResult]
    unscored_articles: list[str] = field(default_factory=list)  # predictions without gold
    seconds: float | None = None  # time spent coding, when evaluate_files ran the coder

    @property
    def gold_events(self) -> int:
        return sum(len([g for g, _ in a.pairs if g is not None]) for a in self.articles)

    @property
    def predicted_events(self) -> int:
        return sum(len(a.predicted) for a in self.articles)

    @property
    def matched_events(self) -> int:
        return sum(len(a.matched) for a in self.articles)

    @property
    def verbal_events(self) -> int:
        return sum(len(a.verbal) for a in self.articles)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(a.article_id, a.error) for a in self.articles if a.error]

    @property
    def scores(self) -> tuple[float, float, float]:
        return prf(self.matched_events, self.predicted_events, self.gold_events)

    def recall_by_salience(self) -> dict[str, Ratio]:
        out: dict[str, Ratio] = {}
        for salience in scoring().saliences:
            pairs = [(g, p) for a in self.articles for g, p in a.pairs
                     if g is not None and g.salience == salience]
            out[salience] = Ratio(sum(p is not None for _, p in pairs), len(pairs))
        return out

    def headline_recall(self) -> Ratio:
        return self.recall_by_salience().get("headline", Ratio(0, 0))

    def attributes(self) -> dict[str, Ratio]:
        """Accuracy of each attribute over matched pairs where gold scores it."""
        totals: dict[str, list[int]] = {name: [0, 0] for name in ATTRIBUTES}
        for article in self.articles:
            for g, p in article.matched:
                for name, ok in attribute_checks(g, p).items():
                    slot = totals[name]
                    if ok is not None:
                        slot[0] += int(ok)
                        slot[1] += 1
        return {name: Ratio(c, t) for name, (c, t) in totals.items()}

    def miss_reasons(self) -> dict[str, int]:
        """How many gold events were missed for each :meth:`ArticleResult.diagnose` category."""
        counts: dict[str, int] = {}
        for article in self.articles:
            for g in article.missed:
                kind = article.diagnose(g)[0]
                counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def by_type(self) -> list[TypeRow]:
        rows: dict[str, TypeRow] = {}

        def row(name: str) -> TypeRow:
            return rows.setdefault(name or "(none)", TypeRow(name or "(none)", 0, 0, 0))

        for article in self.articles:
            for g, p in article.pairs:
                if g is not None:
                    row(g.acled_event_type).gold += 1
                if p is not None:
                    row(p.acled_event_type).predicted += 1
                if g is not None and p is not None and g.acled_event_type == p.acled_event_type:
                    row(g.acled_event_type).matched += 1
        return sorted(rows.values(), key=lambda r: (-r.gold, r.event_type))


def evaluate(gold: Mapping[str, GoldArticle], predictions: Mapping[str, Sequence[Event]]) -> Report:
    """Score predictions (``{article_id: events}``) against gold, article by article."""
    results = []
    for article_id, article in gold.items():
        events = list(predictions.get(article_id, ()))
        conflict = [e for e in events if is_conflict(e)]
        verbal = [e for e in events if not is_conflict(e)]
        results.append(ArticleResult(article_id, match_events(article.events, conflict), verbal))
    unscored = sorted(k for k in predictions if k not in gold)
    return Report(results, unscored)


def _read_jsonl_articles(path: Path) -> list[Article]:
    """Minimal JSON Lines reader (id, published, text, title, source, url)."""
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                out.append(Article(
                    id=str(rec["id"]),
                    published=dt.datetime.fromisoformat(str(rec["published"])),
                    text=str(rec["text"]),
                    title=str(rec.get("title") or ""),
                    source=str(rec.get("source") or ""),
                    url=str(rec.get("url") or ""),
                    origin=f"{path}:{line_no}",
                ))
            except (KeyError, ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{line_no}: unusable article record: {exc}") from exc
    return out


def _flatten(items: Iterable[object]) -> Iterable[Article]:
    for item in items:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, list | tuple):
            yield from _flatten(item)


def read_articles(path: Path) -> list[Article]:
    """Articles via :func:`coder.ingest.read_articles` when present, else the minimal reader."""
    try:
        from .ingest import read_articles as ingest_read  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return _read_jsonl_articles(path)
    return list(_flatten(ingest_read([Path(path)])))


def evaluate_files(
    gold_path: Path,
    articles_path: Path,
    coder: Callable[[Article], list[Event]] | None = None,
) -> Report:
    """Code every gold article of ``articles_path`` and score it against ``gold_path``.

    ``coder=None`` uses :func:`coder.events.code_article`.  An exception raised by the coder on
    one article is recorded on that article's result (its gold events count as missed).
    """
    if coder is None:
        from .events import code_article  # type: ignore[import-not-found,unused-ignore]

        coder = code_article
    gold = load_gold(Path(gold_path))
    predictions: dict[str, list[Event]] = {}
    errors: dict[str, str] = {}
    start = time.perf_counter()
    for article in read_articles(Path(articles_path)):
        if article.id not in gold:
            continue
        try:
            predictions[article.id] = list(coder(article))
        except Exception as exc:  # noqa: BLE001 - reported per article, scoring continues
            errors[article.id] = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    report = evaluate(gold, predictions)
    report.seconds = seconds
    for result in report.articles:
        if result.article_id in errors:
            result.error = errors[result.article_id]
        elif result.article_id not in predictions:
            result.error = "article not found in the articles file"
    return report


def format_report(report: Report, verbose: bool = False) -> str:
    """Plain-text report; ``verbose`` adds per-article diagnostics."""
    from .evaluate_report import render_text

    return render_text(report, verbose)


def report_json(report: Report, verbose: bool = True) -> dict[str, object]:
    """The report as JSON-ready data; ``verbose`` (default) includes per-article diagnostics."""
    from .evaluate_report import render_json

    return render_json(report, verbose)
