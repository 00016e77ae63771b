"""The whole job behind ``coder export``: read, code, merge, write a release."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from .dedup import merge_across_articles
from .events import code_article
from .export.release import write_release
from .ingest import read_articles
from .model import Article, Event, Reject


@dataclass
class ExportSummary:
    release_path: Path | None = None
    articles_read: int = 0
    coded: int = 0
    no_event: int = 0
    rejected: int = 0
    events: int = 0
    events_by_type: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "release": str(self.release_path) if self.release_path else None,
            "records_read": self.articles_read + self.rejected,
            "articles_read": self.articles_read,
            "coded": self.coded,
            "no_event": self.no_event,
            "rejected": self.rejected,
            "events": self.events,
            "events_by_type": dict(sorted(self.events_by_type.items())),
            "elapsed_seconds": round(self.elapsed, 3),
        }


SAMPLE_NAME = "coder/sample/articles.jsonl"


def sample_corpus() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("coder") / "sample" / "articles.jsonl"))


def code_records(
    inputs: Sequence[Path | str],
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Event], list[Reject], ExportSummary]:
    """Code every article of the inputs; every record ends coded, with no event, or rejected."""
    summary = ExportSummary()
    events: list[Event] = []
    rejects: list[Reject] = []
    for item in read_articles(inputs, mapping):
        if isinstance(item, Reject):
            rejects.append(item)
            summary.rejected += 1
        else:
            outcome = _code_one(item)
            if isinstance(outcome, Reject):
                rejects.append(outcome)
                summary.rejected += 1
            else:
                summary.articles_read += 1
                if outcome:
                    summary.coded += 1
                    events.extend(outcome)
                else:
                    summary.no_event += 1
        if progress is not None:
            progress(summary.articles_read + summary.rejected)
    return events, rejects, summary


def _code_one(article: Article) -> list[Event] | Reject:
    """Code one article; a failure of the coder itself becomes a reject, never a crash."""
    try:
        return code_article(article)
    except Exception as exc:  # noqa: BLE001 - a coding failure must not lose the record
        file, _, location = article.origin.rpartition(":")
        record = {"id": article.id, "published": article.published.isoformat(),
                  "title": article.title, "text": article.text, "source": article.source,
                  "url": article.url, "language": article.language}
        return Reject(file, location, f"coder error: {type(exc).__name__}: {exc}", record,
                      article.id)


def run_export(
    inputs: Sequence[Path | str],
    out_dir: Path,
    release: str | None,
    release_date: dt.date,
    *,
    mapping: Mapping[str, str] | None = None,
    force: bool = False,
    acled_date_style: str = "iso",
    numeric_inter: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Code ``inputs`` (the bundled sample when empty) and write the release."""
    started = time.perf_counter()
    sources = list(inputs) or [sample_corpus()]
    events, rejects, summary = code_records(sources, mapping, progress)
    if not inputs:  # name the bundled sample the same way wherever coder is installed
        shown = str(sample_corpus())
        rejects = [replace(r, file=SAMPLE_NAME) if r.file == shown else r for r in rejects]
    merged = merge_across_articles(events)
    summary.events = len(merged)
    summary.events_by_type = Counter(e.acled_event_type or f"CAMEO {e.cameo_root}"
                                     for e in merged)
    name = release or f"release-{release_date.isoformat()}"
    run_info = {
        "inputs": [Path(s).name for s in sources],
        "articles_read": summary.articles_read,
        "coded": summary.coded,
        "no_event": summary.no_event,
        "rejected": summary.rejected,
    }
    summary.release_path = write_release(
        merged, rejects, out_dir, name, release_date, force=force,
        acled_date_style=acled_date_style,  # type: ignore[arg-type]
        numeric_inter=numeric_inter, run_info=run_info,
    )
    summary.elapsed = time.perf_counter() - started
    return summary
