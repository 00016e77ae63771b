"""The CAMEO -> ACLED crosswalk (``codebooks/acled/crosswalk.yaml``), loaded and validated.

:func:`clause_tags` finds the crosswalk's tags (tactic, target and actor-hint words) in a
normalised clause; at each position the longest word wins, so a phrase hides the words inside
it ("وقف إطلاق النار" is an agreement, "شرطة مكافحة الشغب" is not a riot).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .casualty_lexicon import Term, TermSet
from .codebooks import CodebookError, LineDict, read_yaml, require_keys
from .normalise import fold

FILE = "acled/crosswalk.yaml"
WHERE = f"codebooks/{FILE}"
TAXONOMY = "export/acled_taxonomy.yaml"
TARGETING = {"always", "never", "if_civilian_target"}
SIDES = {"state", "nonstate", "civilian", "armed"}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True)
class SubEvent:
    sub_event_type: str
    event_type: str
    disorder_type: str
    civilian_targeting: str
    notes: str
    notes_alone: str


@dataclass(frozen=True)
class Rule:
    id: str
    cameo: tuple[str, ...]
    all: frozenset[str]
    any: frozenset[str]
    none: frozenset[str]
    source: str
    target: str
    source_actor: str
    sub_event: str

    def applies(self, code: str, tags: set[str], source: str, target: str,
                source_actor: str = "") -> bool:
        return (
            any(code.startswith(p) for p in self.cameo)
            and self.all <= tags
            and (not self.any or bool(self.any & tags))
            and not (self.none & tags)
            and (not self.source or self.source == source)
            and (not self.target or self.target == target)
            and (not self.source_actor or self.source_actor == source_actor)
        )


@dataclass(frozen=True)
class Crosswalk:
    sub_events: dict[str, SubEvent]
    generic: dict[str, tuple[str, str]]  # key -> (name template, inter)
    state_inters: frozenset[str]
    civilian_inters: frozenset[str]
    tags: dict[str, TermSet]
    rules: tuple[Rule, ...]


def _strings(entry: LineDict, key: str, required: bool = False) -> list[str]:
    raw = entry.get(key)
    if raw is None and not required:
        return []
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str | int) for x in raw):
        raise entry.error(f"{key!r} must be a non-empty list of strings")
    return [str(x) for x in raw]


def _taxonomy() -> tuple[dict[str, str], set[str]]:
    data = read_yaml(TAXONOMY)
    types = {str(sub): str(et) for et, subs in data["event_types"].items() for sub in subs}
    return types, {str(d) for d in data["disorder_types"]}


def _sub_events(data: LineDict) -> dict[str, SubEvent]:
    table = data.get("sub_event_types")
    if not isinstance(table, LineDict):
        raise data.error("'sub_event_types' must be a mapping")
    acled_types, disorders = _taxonomy()
    out: dict[str, SubEvent] = {}
    for name, spec in table.items():
        if not isinstance(spec, LineDict):
            raise table.error(f"{name!r} must be a mapping")
        require_keys(spec, ["event_type", "disorder_type", "civilian_targeting", "notes",
                            "notes_alone"], WHERE)
        if acled_types.get(name) != spec["event_type"]:
            raise spec.error(f"{name!r} is not an ACLED sub-event type of {spec['event_type']!r}")
        if spec["disorder_type"] not in disorders:
            raise spec.error(f"unknown disorder_type {spec['disorder_type']!r}")
        if spec["civilian_targeting"] not in TARGETING:
            raise spec.error(f"civilian_targeting must be one of {sorted(TARGETING)}")
        for key in ("notes", "notes_alone"):
            if "{actor1}" not in spec[key]:
                raise spec.error(f"{key!r} must contain {{actor1}}")
        out[str(name)] = SubEvent(str(name), str(spec["event_type"]), str(spec["disorder_type"]),
                                  str(spec["civilian_targeting"]), str(spec["notes"]),
                                  str(spec["notes_alone"]))
    missing = sorted(set(acled_types) - set(out))
    if missing:
        raise table.error(f"sub-event types missing: {missing}")
    return out


def _tags(data: LineDict) -> dict[str, TermSet]:
    table = data.get("tags")
    if not isinstance(table, LineDict):
        raise data.error("'tags' must be a mapping")
    out: dict[str, TermSet] = {}
    for name in table:
        words = _strings(table, str(name), required=True)
        terms = []
        for word in words:
            tokens = tuple(fold(word).split())
            if not tokens:
                raise table.error(f"tag {name!r} has an empty word")
            terms.append(Term(f"tag.{name}", tokens, str(name)))
        out[str(name)] = TermSet(terms)
    return out


def _rules(data: LineDict, tags: dict[str, TermSet], subs: dict[str, SubEvent]) -> tuple[Rule, ...]:
    raw = data.get("rules")
    if not isinstance(raw, list) or not raw:
        raise data.error("'rules' must be a non-empty list")
    out: list[Rule] = []
    seen: set[str] = set()
    for entry in raw:
        require_keys(entry, ["id", "cameo", "sub_event"], WHERE)
        rid = str(entry["id"])
        if rid in seen:
            raise entry.error(f"duplicate rule id {rid!r}")
        seen.add(rid)
        cameo = _strings(entry, "cameo", required=True)
        if not all(c.isdigit() for c in cameo):
            raise entry.error("cameo prefixes must be digit strings (quote them)")
        sets = {}
        for key in ("all", "any", "none"):
            names = _strings(entry, key)
            unknown = [n for n in names if n not in tags]
            if unknown:
                raise entry.error(f"unknown tag(s) {unknown}")
            sets[key] = frozenset(names)
        sides = {k: str(entry.get(k, "")) for k in ("source", "target", "source_actor")}
        for key, side in sides.items():
            if side and side not in SIDES:
                raise entry.error(f"{key} must be one of {sorted(SIDES)}")
        if entry["sub_event"] not in subs:
            raise entry.error(f"unknown sub_event {entry['sub_event']!r}")
        out.append(Rule(rid, tuple(cameo), sets["all"], sets["any"], sets["none"],
                        sides["source"], sides["target"], sides["source_actor"],
                        str(entry["sub_event"])))
    return tuple(out)


@functools.cache
def load_crosswalk() -> Crosswalk:
    data = read_yaml(FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(WHERE, None, "expected a mapping")
    subs = _sub_events(data)
    tags = _tags(data)
    generic_raw = data.get("generic_actors")
    if not isinstance(generic_raw, LineDict):
        raise data.error("'generic_actors' must be a mapping")
    generic = {}
    for key in ("unidentified", "civilians", "protesters", "rioters", "unknown_in_notes"):
        spec = generic_raw.get(key)
        if not isinstance(spec, LineDict) or not spec.get("name") or "inter" not in spec:
            raise generic_raw.error(f"generic actor {key!r} needs 'name' and 'inter'")
        generic[key] = (str(spec["name"]), str(spec["inter"] or ""))
    for key in ("state_hint", "nonstate_hint", "civilians", "armed", "mask"):
        if key not in tags:
            raise data.error(f"tags lack {key!r}")
    return Crosswalk(subs, generic, frozenset(_strings(data, "state_inters", True)),
                     frozenset(_strings(data, "civilian_inters", True)), tags,
                     _rules(data, tags, subs))


def clause_tags(normalised: str) -> list[tuple[int, int, str]]:
    """``(start, end, tag)`` for each tag found in a normalised clause, in order (offsets are
    into ``normalised``)."""
    cw = load_crosswalk()
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(normalised)]
    words = [normalised[a:b] for a, b in spans]
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(words):
        best, names = 0, []
        for name, terms in cw.tags.items():
            hit = terms.match(words, k)
            if hit is None:
                continue
            length = hit[1] - k
            if length > best:
                best, names = length, [name]
            elif length == best:
                names.append(name)
        if best:
            out += [(spans[k][0], spans[k + best - 1][1], n) for n in names if n != "mask"]
        k += max(best, 1)
    return out
