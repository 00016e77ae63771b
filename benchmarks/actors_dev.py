"""Score coder.actors.find_actors on the dev gold's source/target texts.

Usage: python benchmarks/actors_dev.py [GOLD_JSONL] [-v]

For every gold side with a non-empty text, the first mention found is compared with the gold
entity (ISO3, or IMG/IGO for transnational actors: the first three letters of the CAMEO code)
and role.  The event's country is passed as the default country of unqualified organs/agents.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from coder.actors import find_actors


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv
    default = Path(__file__).resolve().parents[2] / "shared/dev/gold.jsonl"
    gold = Path(args[0]) if args else default
    n = found = entity_ok = role_ok = both_ok = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        for ev in art["events"]:
            on = dt.date.fromisoformat(ev["date"])
            for side in ("source", "target"):
                g = ev[side]
                if not g["text"]:
                    continue
                n += 1
                ms = find_actors(g["text"], on=on, country=ev["country"])
                if not ms:
                    if verbose:
                        print(f"MISS  {g['text']!r} gold={g['entity']}/{g['role']}")
                    continue
                found += 1
                a = ms[0].actor
                entity = a.country or a.cameo_code[:3]
                e_ok, r_ok = entity == g["entity"], a.role == g["role"]
                entity_ok += e_ok
                role_ok += r_ok
                both_ok += e_ok and r_ok
                if verbose and not (e_ok and r_ok):
                    print(f"WRONG {g['text']!r} -> {ms[0].text!r} {entity}/{a.role} "
                          f"gold={g['entity']}/{g['role']}")
    print(f"sides with text: {n}; with a mention: {found} ({found / n:.1%})")
    print(f"entity match: {entity_ok / n:.1%}; role match: {role_ok / n:.1%}; "
          f"both: {both_ok / n:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
