"""Dev-set coverage of place matching: does coder find each gold event's admin1?

Usage::

    python scripts/eval_places_dev.py [DEV_DIR] [--misses]

For every gold event with a non-null ``admin1`` in ``DEV_DIR/gold.jsonl`` (default
``../shared/dev`` beside the project root), :func:`coder.places.find_places` runs on the
article's text with the article's most-mentioned country as ``country_hint``; the event counts
as covered when a place of the gold country and admin1 is found in the sentence holding the
event's ``evidence`` or in the sentence before or after it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.model import PlaceMention  # noqa: E402
from coder.normalise import normalise  # noqa: E402
from coder.places import find_places  # noqa: E402
from coder.sentences import split_sentences  # noqa: E402


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Offsets of ``evidence`` in ``text`` (exact, else on normalised text, else its start)."""
    pos = text.find(evidence)
    if pos >= 0:
        return pos, pos + len(evidence)
    norm, ev = normalise(text), normalise(evidence).text
    for probe in (ev, " ".join(ev.split()[:6])):
        pos = norm.text.find(probe) if probe else -1
        if pos >= 0:
            return norm.to_original(pos, pos + len(probe))
    return None


def most_mentioned_country(mentions: list[PlaceMention]) -> str | None:
    counts = Counter(m.place.iso3 for m in mentions)
    return counts.most_common(1)[0][0] if counts else None


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    dev = Path(args[0]) if args else ROOT.parent / "shared" / "dev"
    show = "--misses" in argv
    articles = {}
    for line in (dev / "articles.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        articles[rec["id"]] = rec
    total = found = no_evidence = 0
    for line in (dev / "gold.jsonl").open(encoding="utf-8"):
        gold = json.loads(line)
        art = articles.get(gold["article_id"])
        if art is None:
            continue
        text = art["text"]
        hint = most_mentioned_country(find_places(text))
        mentions = find_places(text, hint)
        sents = split_sentences(text)
        for ev in gold["events"]:
            if not ev.get("admin1"):
                continue
            total += 1
            span = evidence_span(text, ev["evidence"])
            if span is None:
                no_evidence += 1
                continue
            idx = [k for k, s in enumerate(sents) if s.start < span[1] and s.end > span[0]]
            lo = sents[max(min(idx) - 1, 0)].start if idx else span[0]
            hi = sents[min(max(idx) + 1, len(sents) - 1)].end if idx else span[1]
            near = [m for m in mentions if lo <= m.start < hi]
            ok = any(m.place.iso3 == ev["country"] and m.place.admin1 == ev["admin1"]
                     for m in near)
            found += ok
            if show and not ok:
                got = sorted({f"{m.place.iso3}/{m.place.admin1}:{m.text}" for m in near})
                print(f"MISS {gold['article_id']} {ev['id']} {ev['country']}/{ev['admin1']} "
                      f"{ev['location_ar']!r} hint={hint} found={got}")
    share = found / total if total else 0.0
    print(f"gold events with admin1: {total}; admin1 found near the evidence: {found} "
          f"({share:.1%}); evidence not located: {no_evidence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
