"""Dev-set check of the ACLED layer on gold evidence sentences.

For each gold event: ``classify(gold cameo_code, evidence, None, None)`` against the gold
sub-event type, and ``fatalities_for_trigger`` (trigger: the first tactic word of the crosswalk
found in the evidence, else the whole sentence) against the gold fatalities (``None`` = 0).

    python benchmarks/acled_dev.py [gold.jsonl] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coder.acled import classify  # noqa: E402
from coder.acled_crosswalk import clause_tags  # noqa: E402
from coder.casualties import fatalities_for_trigger  # noqa: E402
from coder.normalise import normalise  # noqa: E402

TRIGGER_TAGS = {"air", "shelling", "ied", "explosion", "suicide", "grenade", "chemical", "clash",
                "capture", "abduction", "arrest", "protest", "riot", "shootdown", "neutralise",
                "loot", "casualty"}
DEFAULT_GOLD = "/work/shared/dev/gold.jsonl"


def trigger_of(text: str) -> tuple[int, int]:
    norm = normalise(text)
    for start, end, tag in clause_tags(norm.text):
        if tag in TRIGGER_TAGS:
            return norm.to_original(start, end)
    return 0, len(text)


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    gold = Path(paths[0] if paths else DEFAULT_GOLD)
    total = sub_ok = fat_ok = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line)["events"]:
            total += 1
            text, code = ev["evidence"], ev["cameo_code"]
            kind = classify(code, text, None, None)
            got = kind.sub_event_type if kind else None
            toll = fatalities_for_trigger(text, trigger_of(text), suicide=code == "1831") or 0
            sub_ok += got == ev["acled_sub_event_type"]
            fat_ok += toll == ev["fatalities"]
            if verbose and (got != ev["acled_sub_event_type"] or toll != ev["fatalities"]):
                print(f"{code} gold={ev['acled_sub_event_type']}/{ev['fatalities']} "
                      f"got={got}/{toll} [{kind.rule if kind else '-'}] {text}")
    print(f"events {total}  sub_event_type {sub_ok / total:.3f}  fatalities {fat_ok / total:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
