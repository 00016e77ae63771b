"""The marker lists of source/target assignment (``codebooks/ar/events/agents.yaml``).

Terms are folded at load time and compiled into word-bounded regexes; actor ids, roles and
CAMEO codes named by the file are checked against the actor dictionary and the CAMEO table, so a
broken entry raises :class:`~coder.codebooks.CodebookError` naming the file and line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .actor_book import load_book
from .cameo import is_known
from .codebooks import CodebookError, LineDict, read_yaml
from .normalise import fold

FILE = "ar/events/agents.yaml"
_WORD_START = r"(?<![\w])"
_WORD_END = r"(?![\w])"
_SUFFIX = r"(?:ه|ها|هم|هما)?"

_LISTS = {  # key -> may the term take an attached pronoun
    "source_after": True,
    "source_before": False,
    "target_after": True,
    "target_near": False,
    "pair_between": False,
    "pair_side": False,
    "passive_markers": True,
    "agency_verbs": False,
    "agency_links": False,
    "reporting": False,
    "complementiser": False,
    "place_prepositions": False,
    "place_nouns": False,
    "instrument_words": False,
    "object_heads": False,
    "possessed_heads": False,
    "possession_links": False,
    "inclusion_words": False,
    "affiliation_words": True,
    "instrument_actors": False,
    "anonymous_agents": False,
    "never_source_roles": False,
    "police_codes": False,
    "police_from_roles": False,
    "membership_codes": False,
    "membership_roles": False,
    "series_codes": False,
    "protest_roots": False,
    "enemy_roots": False,
    "casualty_codes": False,
}
_SCALARS = ("country_source_organ", "police_organ", "casualty_agent")


@dataclass(frozen=True)
class RoleMarkers:
    source_after: re.Pattern[str] | None
    source_before: re.Pattern[str] | None  # "أعلن X مسؤوليته": the actor before it
    target_after: re.Pattern[str] | None
    target_near: re.Pattern[str] | None
    pair_between: re.Pattern[str] | None
    pair_side: re.Pattern[str] | None
    passive: re.Pattern[str] | None
    agency: re.Pattern[str] | None  # "تمكنت": a verb whose subject does the killing after it
    agency_link: re.Pattern[str] | None  # "من" ending the text before that killing word
    reporting: re.Pattern[str] | None
    complementiser: re.Pattern[str] | None
    place_before: re.Pattern[str] | None  # a place preposition ending the text before a name
    place_noun: re.Pattern[str] | None  # "حي", "منطقة" ending the text before a name
    instrument: re.Pattern[str] | None  # a mention whose text starts with a weapon word
    object_head: re.Pattern[str] | None  # a mention whose text starts with a site word
    possessed: re.Pattern[str] | None  # a site or asset word whose owner follows with ل
    possession_link: re.Pattern[str] | None  # "التابعة", "تعود" ending the text before an owner
    inclusion: re.Pattern[str] | None  # "بينهم": an apposition after a list of people
    affiliation: re.Pattern[str] | None  # "ينتمي", "لانتمائهم": the group people belong to
    country_source_organ: str  # a bare country as source stands for this organ
    instrument_actors: frozenset[str]
    anonymous_agents: frozenset[str]  # attackers named by their tactic only ("انتحاري")
    never_source_roles: frozenset[str]
    police_codes: frozenset[str]  # CAMEO codes of police work (arrests, raids)
    police_from_roles: frozenset[str]  # a source with one of these roles does it as police
    police_organ: str  # the organ id it becomes
    membership_codes: frozenset[str]  # codes whose generic target gives way to its group
    membership_roles: frozenset[str]  # roles of the groups people are said to belong to
    series_codes: frozenset[str]  # strikes told as a series: an unnamed one is the same side's
    protest_roots: frozenset[str]  # roots of events civilians make: they are the source there
    enemy_roots: frozenset[str]  # roots whose unnamed target is the source's enemy in the report
    casualty_codes: tuple[str, ...]  # bombings (code prefixes) whose unnamed dead are ...
    casualty_agent: str  # ... this generic agent


def _alternation(terms: tuple[str, ...]) -> str:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in ordered)


def _regex(terms: tuple[str, ...], suffix: bool, clitic: str = "") -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile(_WORD_START + r"[وف]?" + clitic + "(?:" + _alternation(terms) + ")"
                      + (_SUFFIX if suffix else "") + _WORD_END)


def _ending(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The term as the last word of a text ("... في", "... حي")."""
    if not terms:
        return None
    return re.compile(_WORD_START + r"[وف]?(?:" + _alternation(terms) + r")\s*$")


def _heading(terms: tuple[str, ...], tail: str = "") -> re.Pattern[str] | None:
    """The term as the first word of a mention, after its clitics ("بالغارات", "لمواقع")."""
    if not terms:
        return None
    return re.compile(r"^[وف]?(?:بال|لل|ال|ب|ل)?(?:" + _alternation(terms) + ")" + tail
                      + _WORD_END)


def _terms(data: LineDict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise data.error(f"{key!r} must be a list of non-empty strings")
    return tuple(str(v).strip() for v in value)


def _organ(data: LineDict, key: str) -> str:
    organ = str(data.get(key) or "")
    book = load_book()
    if organ and (organ not in book.entries or book.entries[organ].kind != "organ"):
        raise data.error(f"{key}: {organ!r} is not an organ id")
    return organ


@functools.cache
def load_role_markers() -> RoleMarkers:
    """The validated marker lists of ``codebooks/ar/events/agents.yaml`` (cached)."""
    data = read_yaml(FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{FILE}", None, "expected a mapping")
    unknown = sorted(set(data) - set(_LISTS) - set(_SCALARS))
    if unknown:
        raise data.error(f"unknown key(s) {unknown}")
    raw = {key: _terms(data, key) for key in _LISTS}
    words = {key: tuple(" ".join(fold(t).split()) for t in raw[key]) for key in _LISTS}
    book = load_book()
    for key in ("instrument_actors", "anonymous_agents"):
        for ident in raw[key]:
            if ident not in book.entries:
                raise data.error(f"{key}: {ident!r} is not an actor id")
    for key in ("never_source_roles", "police_from_roles", "membership_roles"):
        for role in raw[key]:
            if role not in book.roles:
                raise data.error(f"{key}: {role!r} is not a CAMEO role code")
    for key in ("police_codes", "membership_codes", "series_codes", "casualty_codes"):
        for code in raw[key]:
            if not is_known(code):
                raise data.error(f"{key}: {code!r} is not a CAMEO event code")
    for key in ("protest_roots", "enemy_roots"):
        for root in raw[key]:
            if not (len(root) == 2 and root.isdigit() and is_known(root + "0")):
                raise data.error(f"{key}: {root!r} is not a CAMEO root")
    casualty_agent = str(data.get("casualty_agent") or "")
    if casualty_agent and (casualty_agent not in book.entries
                           or book.entries[casualty_agent].kind != "agent"):
        raise data.error(f"casualty_agent: {casualty_agent!r} is not a generic agent id")
    police_organ = _organ(data, "police_organ")
    if raw["police_codes"] and not police_organ:
        raise data.error("police_codes needs police_organ")
    return RoleMarkers(
        source_after=_regex(words["source_after"], True),
        source_before=_regex(words["source_before"], False),
        target_after=_regex(words["target_after"], True),
        target_near=_regex(words["target_near"], False),
        pair_between=_regex(words["pair_between"], False),
        pair_side=_regex(words["pair_side"], False),
        passive=_regex(words["passive_markers"], True, "(?:ب|ل)?"),  # "بمقتل", "لمقتل"
        agency=_regex(words["agency_verbs"], False),
        agency_link=_ending(words["agency_links"]),
        reporting=_regex(words["reporting"], False),
        complementiser=_regex(words["complementiser"], False),
        place_before=_ending(words["place_prepositions"]),
        place_noun=_ending(words["place_nouns"]),
        instrument=_heading(words["instrument_words"], r"(?:ات|ه|ها)?"),
        object_head=_heading(words["object_heads"]),
        possessed=_regex(words["possessed_heads"], False),
        possession_link=_ending(words["possession_links"]),
        inclusion=_regex(words["inclusion_words"], False),
        affiliation=_regex(words["affiliation_words"], True),
        country_source_organ=_organ(data, "country_source_organ"),
        instrument_actors=frozenset(raw["instrument_actors"]),
        anonymous_agents=frozenset(raw["anonymous_agents"]),
        never_source_roles=frozenset(raw["never_source_roles"]),
        police_codes=frozenset(raw["police_codes"]),
        police_from_roles=frozenset(raw["police_from_roles"]),
        police_organ=police_organ,
        membership_codes=frozenset(raw["membership_codes"]),
        membership_roles=frozenset(raw["membership_roles"]),
        series_codes=frozenset(raw["series_codes"]),
        protest_roots=frozenset(raw["protest_roots"]),
        enemy_roots=frozenset(raw["enemy_roots"]),
        casualty_codes=raw["casualty_codes"],
        casualty_agent=casualty_agent,
    )
