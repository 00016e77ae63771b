"""Throughput of coder's date tagger against dateparser's ``search_dates`` on real news.

    python benchmarks/dates.py [--corpus PATH] [--limit 2000] [--dateparser-limit 200]

Both run on the same articles (dateparser on the first ``--dateparser-limit`` of them, as it is
slow; coder on all ``--limit`` and again on dateparser's sample, best of ``--repeat`` runs); the
script prints mentions per second and articles per second for each, and the ratios of
per-article throughput: over the whole run, and on identical texts (the fair comparison).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coder.dates import parse_published, tag_dates  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / (
    "saudinewsnet-2015.jsonl.gz")


def read_corpus(path: Path, limit: int) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if isinstance(rec.get("text"), str):
                out.append((rec["text"], rec.get("published")))
            if len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=2000, help="articles for coder (default 2000)")
    ap.add_argument("--dateparser-limit", type=int, default=200,
                    help="articles for dateparser (default 200)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="coder runs per measurement; the best time is kept (default 3)")
    args = ap.parse_args(argv)
    docs = read_corpus(args.corpus, args.limit)
    chars = sum(len(t) for t, _ in docs)
    tag_dates("أمس", parse_published("2015-01-01"))  # load and compile the codebooks first

    def run_ours(items: list[tuple[str, object]]) -> tuple[int, float]:
        """Mentions found and the best of ``--repeat`` wall times."""
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            count = sum(len(tag_dates(text, parse_published(pub))) for text, pub in items)
            best = min(best, time.perf_counter() - t0)
        return count, best

    ours, t_ours = run_ours(docs)

    from dateparser.search import search_dates

    sample = docs[: args.dateparser_limit]
    search_dates("أمس", languages=["ar"])  # warm up dateparser's language data
    t0 = time.perf_counter()
    theirs = 0
    for text, _ in sample:
        found = search_dates(text, languages=["ar"])
        theirs += len(found or [])
    t_theirs = time.perf_counter() - t0

    same, t_same = run_ours(sample)

    ours_aps, theirs_aps = len(docs) / t_ours, len(sample) / t_theirs
    print(f"corpus: {args.corpus.name}, {len(docs)} articles, {chars / 1e6:.1f} M characters")
    print(f"coder.dates     : {len(docs):5d} articles {t_ours:8.2f} s  {ours:6d} mentions  "
          f"{ours / t_ours:9.1f} mentions/s  {ours_aps:8.1f} articles/s")
    print(f"dateparser      : {len(sample):5d} articles {t_theirs:8.2f} s  {theirs:6d} mentions  "
          f"{theirs / t_theirs:9.1f} mentions/s  {theirs_aps:8.1f} articles/s")
    print(f"coder.dates     : {len(sample):5d} articles {t_same:8.2f} s  {same:6d} mentions  "
          f"{same / t_same:9.1f} mentions/s  {len(sample) / t_same:8.1f} articles/s"
          "  (dateparser's articles)")
    print(f"ratio (articles/s, coder / dateparser): {ours_aps / theirs_aps:.1f}x; "
          f"on the same {len(sample)} articles: {len(sample) / t_same / theirs_aps:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
