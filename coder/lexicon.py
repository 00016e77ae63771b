"""The Arabic CAMEO event lexicon: loading ``codebooks/ar/events/`` and finding triggers.

Entries are verbs, verbal/event nouns and verbless headline forms (see the folder's README).
Forms are folded at load time and compiled into two alternations (verb-like and noun-like) with
the clitics each kind allows, so one pass over a sentence finds every trigger.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .codebooks import CodebookError, LineDict, codebook_dir, display_path, read_yaml
from .normalise import Normalised, fold

EVENTS_DIR = "ar/events"
KINDS = ("verb", "noun", "headline")
VERB_PREFIX = r"(?P<pre>[وف]?[لس]?)"
VERB_SUFFIX = r"(?P<suf>ه|ها|هم|هما|هن|نا|كم)?"
NOUN_PREFIX = r"(?P<pre>[وف]?(?:بال|لل|كال|وال|ال|ب|ل|ك)?)"
NOUN_SUFFIX = r"(?:ا|ه|ها|هم|هما|ات|ين|ان)?"
WORD_START = r"(?<![\w])"
WORD_END = r"(?![\w])"


@dataclass(frozen=True)
class LexEntry:
    id: str
    code: str
    kind: str
    forms: tuple[str, ...]
    priority: int
    material: bool
    generic: bool
    requires_any: tuple[str, ...]
    excludes: tuple[str, ...]
    file: str
    line: int

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}#{self.id}"


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry found in a normalised sentence; offsets are into that sentence."""

    entry: LexEntry
    start: int
    end: int
    text: str
    future: bool = False  # present-tense verb with the future prefix س
    present: bool = False  # imperfect (present-tense) verb form
    prefix: str = ""  # the proclitics matched before the form


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexEntry, ...]
    by_form: dict[tuple[str, str], tuple[LexEntry, ...]]  # (kind group, form) -> entries
    verb_re: re.Pattern[str]
    noun_re: re.Pattern[str]


def _words(value: object, entry: LineDict, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry.error(f"{key!r} must be a list of non-empty strings")
    return tuple(" ".join(fold(v).split()) for v in value)


def _entry(raw: object, file: str, root: str, known_codes: set[str] | None) -> LexEntry:
    if not isinstance(raw, LineDict):
        raise CodebookError(file, None, "each entry must be a mapping")
    for key in ("id", "code", "kind", "forms"):
        if key not in raw or raw[key] in (None, "", []):
            raise raw.error(f"entry lacks {key!r}")
    code = str(raw["code"])
    if not code.isdigit() or len(code) not in (2, 3, 4):
        raise raw.error(f"bad CAMEO code {code!r} (write it as a quoted string with leading zeros)")
    if code[:2] != root:
        raise raw.error(f"code {code} does not belong to this file's root {root}")
    if known_codes is not None and code not in known_codes:
        raise raw.error(f"code {code} is not in codebooks/cameo/event_codes.csv")
    kind = str(raw["kind"])
    if kind not in KINDS:
        raise raw.error(f"kind must be one of {KINDS}, found {kind!r}")
    forms = _words(raw["forms"], raw, "forms")
    if len(set(forms)) != len(forms):
        raise raw.error("a form is listed twice")
    root_int = int(root)
    default_material = root_int >= 14 or 6 <= root_int <= 8
    try:
        priority = int(raw.get("priority", 50))
    except (TypeError, ValueError) as exc:
        raise raw.error("priority must be an integer") from exc
    return LexEntry(
        id=str(raw["id"]),
        code=code,
        kind=kind,
        forms=forms,
        priority=priority,
        material=bool(raw.get("material", default_material)),
        generic=bool(raw.get("generic", False)),
        requires_any=_words(raw.get("requires_any"), raw, "requires_any"),
        excludes=_words(raw.get("excludes"), raw, "excludes"),
        file=file,
        line=raw.line,
    )


def _known_codes() -> set[str] | None:
    try:
        from .cameo import all_codes
    except ImportError:  # pragma: no cover - cameo tables are part of every install
        return None
    return set(all_codes())


def lexicon_files() -> list[str]:
    folder = codebook_dir() / EVENTS_DIR
    return sorted(f"{EVENTS_DIR}/{p.name}" for p in folder.glob("[0-9][0-9]_*.yaml"))


def _alternation(forms: set[str]) -> str:
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def canonical(form: str, group: str) -> str:
    """A form with the article taken off its words: "الهجوم الصاروخي" -> "هجوم صاروخي".

    A verb keeps its first word ("القى" is a verb, not ال + قى).  Matching puts the article back
    as an option on every word, so "هجوم صاروخي" also matches "بالهجوم الصاروخي"."""
    words = form.split()
    for i in range(0 if group == "noun" else 1, len(words)):
        if words[i].startswith("ال") and len(words[i]) > 4:
            words[i] = words[i][2:]
    return " ".join(words)


def _form_alternation(forms: set[str]) -> str:
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return "|".join(r"\s+(?:ال)?".join(re.escape(w) for w in f.split()) for f in ordered)


@functools.cache
def load_lexicon() -> Lexicon:
    known = _known_codes()
    entries: list[LexEntry] = []
    seen: dict[str, str] = {}
    for rel in lexicon_files():
        data = read_yaml(rel)
        shown = display_path(codebook_dir() / rel)
        if not isinstance(data, LineDict) or "root" not in data or "entries" not in data:
            raise CodebookError(shown, None, "expected a mapping with 'root' and 'entries'")
        root = str(data["root"]).zfill(2)
        for raw in data["entries"] or []:
            entry = _entry(raw, shown, root, known)
            if entry.id in seen:
                raise CodebookError(shown, entry.line, f"duplicate entry id {entry.id!r} "
                                    f"(first in {seen[entry.id]})")
            seen[entry.id] = f"{shown}:{entry.line}"
            entries.append(entry)
    by_form: dict[tuple[str, str], list[LexEntry]] = {}
    verb_forms: set[str] = set()
    noun_forms: set[str] = set()
    for entry in entries:
        group = "verb" if entry.kind == "verb" else "noun"
        for form in entry.forms:
            key = canonical(form, group)
            bucket = by_form.setdefault((group, key), [])
            if entry not in bucket:
                bucket.append(entry)
            (verb_forms if group == "verb" else noun_forms).add(key)
    verb_re = re.compile(
        WORD_START + VERB_PREFIX + "(?P<stem>" + _form_alternation(verb_forms) + ")"
        + VERB_SUFFIX + WORD_END)
    noun_re = re.compile(
        WORD_START + NOUN_PREFIX + "(?P<stem>" + _form_alternation(noun_forms) + ")"
        + NOUN_SUFFIX + WORD_END)
    return Lexicon(tuple(entries), {k: tuple(v) for k, v in by_form.items()}, verb_re, noun_re)


def _is_present(form: str, entry: LexEntry) -> bool:
    """An imperfect verb form: ي-initial, or ت-initial beside a listed past form (تقصف/قصف)."""
    head = form.split(" ")[0]
    if head.startswith("ي") and len(head) > 2:
        return True
    if head.startswith("ت") and len(head) > 3:
        past = {f.split(" ")[0] for f in entry.forms}
        return head[1:] in past or "ا" + head[1:] in past
    return False


def find_triggers(norm: Normalised | str) -> list[Trigger]:
    """Every lexicon trigger in a normalised sentence (overlaps resolved by priority/length).

    With a :class:`Normalised` text, a verb whose "pronoun" ه was a ta marbuta (ة) in the
    original is no verb: وزارة is not و + زار + ه.
    """
    lex = load_lexicon()
    normalised = norm.text if isinstance(norm, Normalised) else norm
    original = norm if isinstance(norm, Normalised) else None
    found: list[Trigger] = []
    for group, regex in (("verb", lex.verb_re), ("noun", lex.noun_re)):
        pos = 0
        while pos <= len(normalised):
            m = regex.search(normalised, pos)
            if not m:
                break
            stem = canonical(" ".join(m.group("stem").split()), group)
            future = group == "verb" and "س" in m.group("pre")
            if group == "verb" and original is not None and m.group("suf") == "ه" and \
                    original.original[original.offsets[m.end() - 1]] == "ة":
                pos = m.start() + 1
                continue
            for entry in lex.by_form.get((group, stem), ()):
                present = group == "verb" and _is_present(stem, entry)
                found.append(Trigger(entry, m.start(), m.end(), m.group(0), future, present,
                                     m.group("pre")))
            pos = m.end() if m.end() > m.start() else m.end() + 1
    found.sort(key=lambda t: (-(t.entry.priority), -(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for trig in found:
        # a longer form that contains another ("الضربة الصاروخية" over "الضربة") is more specific
        if any(trig.start <= k.start and k.end <= trig.end and (k.end - k.start) <
               (trig.end - trig.start) for k in kept):
            kept = [k for k in kept if not (trig.start <= k.start and k.end <= trig.end)]
        if any(trig.start < k.end and k.start < trig.end for k in kept):
            continue
        kept.append(trig)
    kept.sort(key=lambda t: t.start)
    return kept


# --- the other lexicon files: modality, tactics, tallies, agent markers ---------------------


def _phrase_regex(phrases: tuple[str, ...], nouns: bool = False) -> re.Pattern[str] | None:
    """Phrases with an optional و/ف before and an optional attached pronoun after; a definite
    phrase ("السماح") may also carry ب, ل or ك ("بالسماح", "للسماح").  With ``nouns`` every
    phrase may also take the article ("صواريخ": "بالصواريخ", "الصواريخ")."""
    if not phrases:
        return None
    if nouns:
        phrases = tuple(sorted(set(phrases) | {"ال" + p for p in phrases
                                               if not p.startswith("ال")}))
    definite = {p for p in phrases if p.startswith("ال")}
    forms = [r"(?:[وف]?)(?:" + _alternation(set(phrases)) + ")"]
    if definite:
        forms.append(r"(?:[وف]?)[بك](?:" + _alternation(definite) + ")")
        forms.append(r"(?:[وف]?)ل(?:" + _alternation({p[1:] for p in definite}) + ")")
    return re.compile(WORD_START + "(?:" + "|".join(forms) + ")"
                      + r"(?:ه|ها|هم|هما)?" + WORD_END)


@dataclass(frozen=True)
class Modality:
    window: int
    before: dict[str, re.Pattern[str]]
    clause: dict[str, re.Pattern[str]]
    windows: dict[str, int]


@functools.cache
def load_modality() -> Modality:
    data = read_yaml(f"{EVENTS_DIR}/modality.yaml")
    if not isinstance(data, LineDict) or not isinstance(data.get("classes"), LineDict):
        raise CodebookError(f"codebooks/{EVENTS_DIR}/modality.yaml", None, "expected 'classes'")
    before: dict[str, re.Pattern[str]] = {}
    clause: dict[str, re.Pattern[str]] = {}
    windows: dict[str, int] = {}
    for name, spec in data["classes"].items():
        if not isinstance(spec, LineDict) or spec.get("scope") not in ("before", "clause"):
            raise data["classes"].error(f"class {name!r} needs scope 'before' or 'clause'")
        regex = _phrase_regex(_words(spec.get("markers"), spec, "markers"))
        if regex is not None:
            (before if spec["scope"] == "before" else clause)[str(name)] = regex
        if "window" in spec:
            windows[str(name)] = int(spec["window"])
    return Modality(int(data.get("window", 4)), before, clause, windows)


@dataclass(frozen=True)
class Tactic:
    name: str
    rank: int
    code: str
    regex: re.Pattern[str]


@functools.cache
def load_tactics() -> tuple[Tactic, ...]:
    data = read_yaml(f"{EVENTS_DIR}/weapons.yaml")
    if not isinstance(data, LineDict) or not isinstance(data.get("tactics"), LineDict):
        raise CodebookError(f"codebooks/{EVENTS_DIR}/weapons.yaml", None, "expected 'tactics'")
    out: list[Tactic] = []
    for name, spec in data["tactics"].items():
        if not isinstance(spec, LineDict):
            raise data["tactics"].error(f"tactic {name!r} must be a mapping")
        for key in ("rank", "code", "words"):
            if key not in spec:
                raise spec.error(f"tactic {name!r} lacks {key!r}")
        regex = _phrase_regex(_words(spec["words"], spec, "words"), nouns=True)
        if regex is None:
            raise spec.error(f"tactic {name!r} has no words")
        out.append(Tactic(str(name), int(spec["rank"]), str(spec["code"]), regex))
    return tuple(sorted(out, key=lambda t: -t.rank))


@functools.lru_cache(maxsize=4096)
def tactics_in(text: str) -> tuple[Tactic, ...]:
    """Tactics whose words occur in a normalised text, strongest first (memoised: every
    trigger of a clause asks about the same clause)."""
    return tuple(t for t in load_tactics() if t.regex.search(text))


@dataclass(frozen=True)
class Tallies:
    regex: re.Pattern[str] | None
    patterns: tuple[re.Pattern[str], ...]
    since: re.Pattern[str] | None
    since_days: int
    max_event_toll: int


@functools.cache
def load_tallies() -> Tallies:
    data = read_yaml(f"{EVENTS_DIR}/tallies.yaml")
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{EVENTS_DIR}/tallies.yaml", None, "expected a mapping")
    patterns = []
    for raw in data.get("patterns") or []:
        try:
            patterns.append(re.compile(str(raw)))
        except re.error as exc:
            raise data.error(f"bad tally pattern {raw!r}: {exc}") from exc
    return Tallies(
        _phrase_regex(_words(data.get("markers"), data, "markers")),
        tuple(patterns),
        _phrase_regex(_words(data.get("since_words"), data, "since_words")),
        int(data.get("since_days", 7)),
        int(data.get("max_event_toll", 0)),
    )


def _phrase_file(name: str) -> LineDict:
    """One of the phrase-list files of ``codebooks/ar/events/`` (a mapping)."""
    data = read_yaml(f"{EVENTS_DIR}/{name}")
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{EVENTS_DIR}/{name}", None, "expected a mapping")
    return data


def _phrases(data: LineDict, key: str) -> re.Pattern[str] | None:
    return _phrase_regex(_words(data.get(key), data, key))


@dataclass(frozen=True)
class Reporting:
    window: int
    regex: re.Pattern[str] | None


@functools.cache
def load_reporting() -> Reporting:
    data = _phrase_file("reporting.yaml")
    return Reporting(int(data.get("window", 4)), _phrases(data, "words"))


@dataclass(frozen=True)
class Anaphora:
    window: int
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    origin: re.Pattern[str] | None
    base: re.Pattern[str] | None  # a base aircraft took off from: up to base_window words before
    base_window: int
    grievance: re.Pattern[str] | None  # after a protest: what it is against, not where it is
    grievance_roots: frozenset[str]  # CAMEO roots whose events the grievance words apply to
    detail: re.Pattern[str] | None  # a sentence that says where an event's targets were


@functools.cache
def load_anaphora() -> Anaphora:
    data = _phrase_file("anaphora.yaml")
    return Anaphora(int(data.get("window", 2)), _phrases(data, "before"),
                    _phrases(data, "after"), _phrases(data, "origin_before"),
                    _phrases(data, "base_before"), int(data.get("base_window", 7)),
                    _phrases(data, "grievance"),
                    frozenset(str(r) for r in _words(data.get("grievance_roots"), data,
                                                     "grievance_roots")),
                    _phrases(data, "detail"))


@dataclass(frozen=True)
class Occupants:
    window: int
    regex: re.Pattern[str] | None


@functools.cache
def load_occupants() -> Occupants:
    data = _phrase_file("occupants.yaml")
    return Occupants(int(data.get("window", 8)), _phrases(data, "words"))
