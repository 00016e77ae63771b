"""Loading the date codebooks: word classes and the regular expressions built from them.

The words live in ``codebooks/ar/dates/{calendar,numbers,relative}.yaml``; the patterns that
combine them live in ``codebooks/ar/dates/patterns.yaml``.  Every form is folded with
:func:`coder.normalise.fold`; each word class becomes a trie-shaped regular expression (longest
form first, no nested quantifiers), and each pattern is compiled once, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .codebooks import CodebookError, LineDict, read_yaml, require_keys
from .date_dispatch import keys_regex, pattern_keys
from .normalise import fold

DIR = "ar/dates"
LEXICON_FILES = ("calendar.yaml", "numbers.yaml", "relative.yaml")
PATTERN_FILE = "patterns.yaml"

#: Resolver kinds a pattern may name (implemented in :mod:`coder.dates`).
KINDS = frozenset({
    "relative", "weekday", "night_pair", "day_month", "month", "span", "period", "ago",
    "unanchored", "unanchored_word", "numeric", "hijri", "holiday", "year",
})

#: Sections holding forms in keys other than ``forms`` (the regional month sets).
_FORM_KEYS: Mapping[str, tuple[str, ...]] = {
    "months": ("levantine", "egyptian", "maghrebi", "moroccan"),
}
#: Sections whose value must be an int within a range.
_INT_RANGES: Mapping[str, tuple[int, int]] = {
    "weekdays": (0, 6), "months": (1, 12), "hijri_months": (1, 12), "cardinals": (1, 1000),
    "ordinals": (1, 31), "relative_days": (-7, 7), "unanchored": (-7, 7),
}
#: Sections whose value must be one of a set of words.
_CHOICES: Mapping[str, frozenset[str]] = {
    "modifiers": frozenset({"past", "current", "next"}),
    "this": frozenset({"current"}),
    "periods": frozenset({"week", "month", "year"}),
    "units": frozenset({"hour", "day", "week", "month", "year"}),
    "ago": frozenset({"before", "since"}),
    "relative_to": frozenset({"after", "before"}),
}
_ARABIC_RUN = re.compile(r"[\u0600-\u06FF\u0750-\u077F]+")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z_0-9]*)(?::([a-z_][a-z_0-9]*))?\}")
PROCLITICS = "وفبل"
_PROCLITIC = "(?:[وف]?[بل]?)"
_Trie = dict[str, "_Trie"]


@dataclass(frozen=True)
class Entry:
    """One codebook entry of a word class."""

    id: str
    ref: str  # "ar/dates/relative.yaml#yesterday"
    value: int | str
    attrs: Mapping[str, object]
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()

    def int_attr(self, key: str, default: int = 0) -> int:
        value = self.attrs.get(key, default)
        return value if isinstance(value, int) else default


@dataclass
class WordClass:
    """The folded forms of one section, each mapped to its entry."""

    name: str
    by_form: dict[str, Entry] = field(default_factory=dict)

    def lookup(self, text: str) -> Entry | None:
        return self.by_form.get(" ".join(text.split()))

    def regex(self) -> str:
        """A trie-shaped alternation of the forms; a space matches 1-3 whitespace characters."""
        trie: _Trie = {}
        for form in self.by_form:
            node = trie
            for ch in form:
                node = node.setdefault(ch, {})
            node[""] = {}
        return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    ends = "" in node
    branches = []
    for ch in sorted((c for c in node if c), key=lambda c: (-_depth(node[c]), c)):
        atom = r"\s{1,3}" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _depth(node: _Trie) -> int:
    return max((1 + _depth(child) for key, child in node.items() if key), default=0)


@dataclass(frozen=True)
class Pattern:
    """A compiled date pattern: ``groups`` maps each class group name to its class name."""

    id: str
    ref: str
    kind: str
    regex: re.Pattern[str]
    groups: Mapping[str, str]
    has_m: bool
    keys: frozenset[str] | None  # see coder.date_dispatch.pattern_keys; None: try everywhere


@dataclass(frozen=True)
class DateBook:
    classes: Mapping[str, WordClass]
    patterns: tuple[Pattern, ...]
    week_start: int
    weekday_wins: bool  # settings.weekday_disagreement == "weekday"
    dispatch: Mapping[str, tuple[int, ...]]  # first characters -> indexes of patterns
    always: tuple[int, ...]  # patterns tried at every word start
    finder: re.Pattern[str] | None  # word starts where a dispatch key fits (None: every word)
    key_lengths: tuple[int, ...]  # the lengths of the dispatch keys


def _load_section(rel: str, name: str, items: object, out: dict[str, WordClass],
                  ids: dict[str, int], top: LineDict) -> None:
    if not isinstance(items, list):
        raise top.error(f"section {name!r} must be a list of entries")
    wc = out.setdefault(name, WordClass(name))
    for item in items:
        require_keys(item, ["id", "value"], f"codebooks/{rel}")
        entry_id = str(item["id"])
        if entry_id in ids:
            raise item.error(f"duplicate id {entry_id!r} (first on line {ids[entry_id]})")
        ids[entry_id] = item.line
        value = item["value"]
        if name in _INT_RANGES:
            lo, hi = _INT_RANGES[name]
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                raise item.error(f"value must be an integer in {lo}..{hi}, found {value!r}")
        elif name in _CHOICES and value not in _CHOICES[name]:
            raise item.error(f"value must be one of {sorted(_CHOICES[name])}, found {value!r}")
        elif not isinstance(value, int | str):
            raise item.error(f"value must be a string or integer, found {value!r}")
        forms: list[object] = []
        for key in ("forms", *_FORM_KEYS.get(name, ())):
            got = item.get(key, [])
            if not isinstance(got, list):
                raise item.error(f"{key!r} must be a list of words")
            forms.extend(got)
        if not forms:
            raise item.error("entry has no forms")
        vetoes: dict[str, frozenset[str]] = {}
        for key in ("not_before", "not_after"):
            words = item.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise item.error(f"{key!r} must be a list of words")
            vetoes[key] = frozenset(fold(w) for w in words)
        skip = {"id", "value", "forms", "not_before", "not_after", *_FORM_KEYS.get(name, ())}
        entry = Entry(entry_id, f"{DIR}/{rel}#{entry_id}", value,
                      {k: v for k, v in item.items() if k not in skip},
                      vetoes["not_before"], vetoes["not_after"])
        _check_attrs(name, entry, item)
        for form in forms:
            if not isinstance(form, str | int) or not str(form).strip():
                raise item.error(f"bad form {form!r}")
            folded = " ".join(fold(str(form)).split())
            if not folded or "\\" in folded:
                raise item.error(f"form {form!r} is empty after folding or holds a backslash")
            other = wc.by_form.get(folded)
            if other is not None and other.id != entry.id:
                raise item.error(f"form {form!r} is already listed under {other.ref}")
            wc.by_form[folded] = entry


def _check_attrs(name: str, entry: Entry, item: LineDict) -> None:
    attrs = entry.attrs
    if name == "units":
        if entry.int_attr("count", -1) not in (0, 1, 2):
            raise item.error("units need count 0 (plural), 1 or 2")
        few = attrs.get("few")
        if entry.int_attr("count") == 0 and not (
            isinstance(few, list) and len(few) == 2 and all(isinstance(x, int) for x in few)
            and 0 <= few[0] <= few[1]
        ):
            raise item.error("a plural unit needs few: [low, high]")
    elif name == "spans":
        for key in ("from_day", "to_day", "date_day"):
            v = attrs.get(key)
            if not (v == "last" or (isinstance(v, int) and 1 <= v <= 31)):
                raise item.error(f"{key} must be a day 1..31 or 'last', found {v!r}")
        for key, lo, hi in (("week", 0, 6), ("year", 1, 12)):
            v = attrs.get(key)
            if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v)
                    and lo <= v[0] <= v[1] <= hi):
                raise item.error(f"{key} must be [first, last] within {lo}..{hi}, found {v!r}")
    elif name == "holidays":
        parts = str(entry.value).split("-")
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or not (
            1 <= int(parts[0]) <= 12 and 1 <= int(parts[1]) <= 30
        ):
            raise item.error(f"holiday value must be 'month-day' in Hijri, found {entry.value!r}")
        if not 1 <= entry.int_attr("days") <= 30:
            raise item.error("holiday needs days: 1..30")


def _fold_arabic(template: str) -> str:
    return _ARABIC_RUN.sub(lambda m: fold(m.group(0)), template)


def _expand(template: str, macros: Mapping[str, str], classes: Mapping[str, WordClass],
            class_re: dict[str, str], groups: dict[str, str], where: LineDict,
            depth: int = 0) -> str:
    if depth > 8:
        raise where.error("macros nest too deeply (a macro refers to itself?)")

    def sub(m: re.Match[str]) -> str:
        name, alias = m.group(1), m.group(2)
        if name in macros and alias is None:
            return _expand(macros[name], macros, classes, class_re, groups, where, depth + 1)
        if name in classes:
            group = alias or name
            if group in groups:
                raise where.error(f"group {group!r} is used twice; give one an alias")
            groups[group] = name
            if name not in class_re:
                class_re[name] = classes[name].regex()
            return f"(?P<{group}>{class_re[name]})(?!\\w)"
        raise where.error(f"unknown placeholder {{{m.group(0)[1:-1]}}}")

    return _PLACEHOLDER.sub(sub, template)


@functools.cache
def load_datebook() -> DateBook:
    """Load and compile the date codebooks (cached)."""
    classes: dict[str, WordClass] = {}
    for rel in LEXICON_FILES:
        data = read_yaml(f"{DIR}/{rel}")
        if not isinstance(data, LineDict):
            raise CodebookError(f"codebooks/{DIR}/{rel}", None, "expected a mapping of sections")
        ids: dict[str, int] = {}
        for name, items in data.items():
            if name in classes:
                raise data.error(f"section {name!r} is defined in two files")
            _load_section(rel, str(name), items, classes, ids, data)
    data = read_yaml(f"{DIR}/{PATTERN_FILE}")
    where = f"codebooks/{DIR}/{PATTERN_FILE}"
    if not isinstance(data, LineDict):
        raise CodebookError(where, None, "expected a mapping")
    settings = data.get("settings")
    if not isinstance(settings, LineDict):
        raise data.error("missing 'settings' mapping")
    week_start = settings.get("week_start")
    if not isinstance(week_start, int) or not 0 <= week_start <= 6:
        raise settings.error("week_start must be a weekday number 0..6")
    policy = settings.get("weekday_disagreement")
    if policy not in ("relative", "weekday"):
        raise settings.error("weekday_disagreement must be 'relative' or 'weekday'")
    macros = data.get("macros")
    if not isinstance(macros, LineDict):
        raise data.error("missing 'macros' mapping")
    for key, value in macros.items():
        if not isinstance(value, str) or key in classes:
            raise macros.error(f"macro {key!r} must be a string and not a class name")
    folded_macros = {k: _fold_arabic(v) for k, v in macros.items()}
    entries = data.get("patterns")
    if not isinstance(entries, list) or not entries:
        raise data.error("missing 'patterns' list")
    class_re: dict[str, str] = {}
    patterns: list[Pattern] = []
    seen: dict[str, int] = {}
    for item in entries:
        require_keys(item, ["id", "kind", "regex"], where)
        pid = str(item["id"])
        if pid in seen:
            raise item.error(f"duplicate pattern id {pid!r} (first on line {seen[pid]})")
        seen[pid] = item.line
        if item["kind"] not in KINDS:
            raise item.error(f"unknown kind {item['kind']!r}; known: {sorted(KINDS)}")
        groups: dict[str, str] = {}
        body = _expand(_fold_arabic(str(item["regex"])), folded_macros, classes, class_re,
                       groups, item)
        try:
            regex = re.compile(f"(?<!\\w){_PROCLITIC}(?P<body>{body})(?!\\w)")
        except re.error as exc:
            raise item.error(f"bad regular expression: {exc}") from exc
        patterns.append(Pattern(pid, f"{DIR}/{PATTERN_FILE}#{pid}", str(item["kind"]), regex,
                                groups, "m" in regex.groupindex, pattern_keys(body)))
    dispatch: dict[str, list[int]] = {}
    for i, pattern in enumerate(patterns):
        for key in pattern.keys or ():
            dispatch.setdefault(key, []).append(i)
    always = tuple(i for i, pattern in enumerate(patterns) if pattern.keys is None)
    finder = None if always else keys_regex(dispatch, PROCLITICS)
    return DateBook(classes, tuple(patterns), week_start, policy == "weekday",
                    {k: tuple(v) for k, v in dispatch.items()}, always, finder,
                    tuple(sorted({len(k) for k in dispatch}, reverse=True)))
