"""Throughput and memory of the whole pipeline (``coder.pipeline.run_export``) on real news.

    python benchmarks/export.py [--corpus PATH] [--limit 2000] [--scale 4] [--no-scale]

Runs the full export (read, code, merge, write a release) on the first ``--limit`` articles of
the corpus, then on ``--scale`` times as many, each in a fresh Python process so that each peak
RSS (``resource.getrusage(...).ru_maxrss``) belongs to one run.  Prints articles/s, events,
elapsed seconds and peak RSS for both runs, then times ``coder export`` of the bundled sample
(the quickstart command, including interpreter start-up and codebook loading).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet-2015.jsonl.gz"
RELEASE_DATE = dt.date(2023, 11, 20)


def peak_rss_mib() -> float:
    """This process's peak resident set size in MiB (ru_maxrss is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def copy_records(corpus: Path, limit: int, dest: Path) -> int:
    """Copy the first ``limit`` records of a .jsonl(.gz) corpus to ``dest``; return the count."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    n = 0
    with opener(corpus, "rt", encoding="utf-8") as src, dest.open("w", encoding="utf-8") as out:
        for line in src:
            if n >= limit:
                break
            if line.strip():
                out.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return n


def worker(corpus: Path, limit: int) -> dict[str, object]:
    """One measured export, run inside a child process."""
    sys.path.insert(0, str(ROOT))
    from coder.pipeline import run_export

    with tempfile.TemporaryDirectory(prefix="coder-bench-") as tmp:
        src = Path(tmp) / "articles.jsonl"
        records = copy_records(corpus, limit, src)
        rss_before = peak_rss_mib()
        started = time.perf_counter()
        try:
            summary = run_export([src], Path(tmp) / "exports", "bench", RELEASE_DATE)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, not hidden
            return {"records": records, "error": f"{type(exc).__name__}: {exc}",
                    "elapsed": time.perf_counter() - started, "peak_rss_mib": peak_rss_mib()}
        elapsed = time.perf_counter() - started
        return {
            "records": records,
            "articles": summary.articles_read,
            "coded": summary.coded,
            "rejected": summary.rejected,
            "events": summary.events,
            "elapsed": elapsed,
            "articles_per_s": summary.articles_read / elapsed if elapsed else 0.0,
            "peak_rss_mib_before": rss_before,
            "peak_rss_mib": peak_rss_mib(),
        }


def measure(corpus: Path, limit: int) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", "--corpus", str(corpus), "--limit", str(limit)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(label: str, r: dict[str, object]) -> bool:
    if "error" in r:
        print(f"{label}: export FAILED after {r['elapsed']:.1f} s on {r['records']} records: "
              f"{r['error']}")
        return False
    print(f"{label}: {r['articles']} articles ({r['records']} records, {r['rejected']} rejected), "
          f"{r['coded']} coded, {r['events']} events")
    print(f"  elapsed {r['elapsed']:.1f} s   {r['articles_per_s']:.1f} articles/s   "
          f"peak RSS {r['peak_rss_mib']:.0f} MiB (before coding: "
          f"{r['peak_rss_mib_before']:.0f} MiB)")
    return True


def time_sample_export() -> float:
    with tempfile.TemporaryDirectory(prefix="coder-bench-sample-") as tmp:
        cmd = [sys.executable, "-m", "coder.cli", "export", "--out", tmp,
               "--release-date", RELEASE_DATE.isoformat()]
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=2000, help="articles in the first run")
    ap.add_argument("--scale", type=int, default=4, help="the second run codes scale × limit")
    ap.add_argument("--no-scale", action="store_true", help="skip the second, larger run")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.corpus, args.limit)))
        return 0
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    first = measure(args.corpus, args.limit)
    ok = report(f"N = {args.limit}", first)
    if not args.no_scale:
        big = args.limit * args.scale
        second = measure(args.corpus, big)
        ok = report(f"{args.scale}N = {big}", second) and ok
        growth = float(str(second["peak_rss_mib"])) / float(str(first["peak_rss_mib"]))
        print(f"peak RSS: {first['peak_rss_mib']:.0f} MiB at N, {second['peak_rss_mib']:.0f} MiB "
              f"at {args.scale}N (x{growth:.2f} for x{args.scale} articles)")
    print(f"coder export of the bundled sample: {time_sample_export():.2f} s wall "
          f"(including start-up)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
