"""The fatality codebook (``codebooks/ar/casualties.yaml``), loaded and validated.

Terms are folded with :func:`coder.normalise.fold`; a multi-word term matches token by token.
Every token of a term may carry the proclitics و ف ب ل ك, the article ال and the attached
pronouns ها هم هما هن (numbers: only و ب ل, no article, no pronoun).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .codebooks import CodebookError, LineDict, read_yaml, require_keys
from .normalise import fold

FILE = "ar/casualties.yaml"
WHERE = f"codebooks/{FILE}"
_BASE = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
PREFIXES = tuple(sorted({*_BASE, *(p + "ال" for p in _BASE), "لل", "ولل", "فلل"}, key=len))
SUFFIXES = ("", "ها", "هم", "هما", "هن")  # not "ه": it folds together with ة
NUMBER_KINDS = {"unit", "ten", "hundred", "thousand"}
CUE_KINDS = {"verb", "event", "noun"}


@dataclass(frozen=True)
class Term:
    id: str
    tokens: tuple[str, ...]
    category: str = ""  # killed | wounded | zero | ...
    kind: str = ""
    value: int = 0


def variants(token: str) -> Iterator[str]:
    """The token and its possible cores once clitics are removed."""
    return iter(core_variants(token))


@functools.lru_cache(maxsize=1 << 16)
def core_variants(token: str) -> tuple[str, ...]:
    """:func:`variants` as a tuple without repeats, memoised (it runs for every word)."""
    return tuple(dict.fromkeys(_variants(token)))


def _variants(token: str) -> Iterator[str]:
    for p in PREFIXES:
        if not token.startswith(p):
            continue
        body = token[len(p):]
        for s in SUFFIXES:
            if s and not body.endswith(s):
                continue
            core = body[: len(body) - len(s)] if s else body
            if len(core) >= 2:
                yield core


class TermSet:
    """Terms indexed by their first token, longest first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.index: dict[str, list[Term]] = {}
        for t in terms:
            self.index.setdefault(t.tokens[0], []).append(t)
        for lst in self.index.values():
            lst.sort(key=lambda t: -len(t.tokens))
        self.cores = {tok for t in terms for tok in t.tokens}

    def token_match(self, token: str, core: str) -> bool:
        return core in core_variants(token)

    def match(self, words: Sequence[str], k: int) -> tuple[Term, int] | None:
        if k >= len(words):
            return None
        for core in core_variants(words[k]):
            for term in self.index.get(core, ()):
                end = k + len(term.tokens)
                if end <= len(words) and all(
                    self.token_match(words[k + n], term.tokens[n])
                    for n in range(1, len(term.tokens))
                ):
                    return term, end
        return None

    def at(self, words: Sequence[str], k: int) -> bool:
        return self.match(words, k) is not None

    def word(self, token: str) -> bool:
        return self.match([token], 0) is not None


@dataclass(frozen=True)
class CasualtyLexicon:
    cues: TermSet  # killed and wounded words
    zero_negators: TermSet
    zero_losses: TermSet
    zero_unknown: TermSet
    zero_phrases: TermSet
    zero_window: int
    self_killed: TermSet
    self_counted: TermSet
    numbers: dict[str, Term]
    vague: TermSet
    people: TermSet
    not_people: TermSet
    between: TermSet
    subset: TermSet
    companion: TermSet
    lone_proclitics: frozenset[str]  # "لـ 27": a proclitic cut off its number by a tatweel
    preliminary: TermSet  # "الحصيلة الأولية": a toll a later report supersedes
    preliminary_window: int
    cause: TermSet  # "قتل 5 في انفجار": the word before the event a toll was caused by
    range_: TermSet
    rise: TermSet
    toll: TermSet
    to: TermSet
    update_window: int
    aggregate: TermSet  # "العدد الإجمالي": a cumulative count, not one event's revised toll

    def number_word(self, token: str, allow_prefix: bool) -> tuple[Term, bool] | None:
        if token in self.numbers:
            return self.numbers[token], False
        if token.startswith("و") and token[1:] in self.numbers:
            return self.numbers[token[1:]], True
        if allow_prefix and token[:1] in ("ب", "ل") and token[1:] in self.numbers:
            return self.numbers[token[1:]], False
        return None

    def is_vague(self, rule_id: str) -> bool:
        return any(t.id == rule_id for ts in self.vague.index.values() for t in ts)

    def people_count(self, rule_id: str) -> int:
        """The count of the people entry ``rule_id`` (0 when there is none)."""
        return max((t.value for ts in self.people.index.values() for t in ts
                    if t.id == rule_id), default=0)

    def plural_people(self, rule_id: str) -> bool:
        return self.people_count(rule_id) >= 3

    def cue_default(self, rule_id: str) -> int:
        """The default toll of the killed entry ``rule_id`` (0 when there is none)."""
        return max((t.value for ts in self.cues.index.values() for t in ts
                    if t.id == rule_id and t.category == "killed"), default=0)

    def thousand_at(self, words: Sequence[str], k: int) -> bool:
        hit = self.number_word(words[k], False)
        return hit is not None and hit[0].kind == "thousand"

    def waw_prefixed(self, token: str) -> bool:
        return token.startswith("و") and len(token) > 2

    def definite(self, token: str) -> bool:
        for p in ("", "و", "ف", "ب"):
            rest = token[len(p):] if token.startswith(p) else ""
            if rest.startswith("ال") and len(rest) > 3:
                return True
        return token.startswith("لل") and len(token) > 3

    def update_toll(self, token: str) -> bool:
        return self.toll.word(token)


def _forms(entry: LineDict, key: str = "forms") -> list[tuple[str, ...]]:
    raw = entry.get(key)
    if not isinstance(raw, list) or not raw:
        raise entry.error(f"{key!r} must be a non-empty list")
    out = []
    for form in raw:
        tokens = tuple(fold(str(form)).split())
        if not tokens:
            raise entry.error(f"empty form in {key!r}")
        out.append(tokens)
    return out


def _word_list(data: LineDict, key: str) -> list[Term]:
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        raise data.error(f"{key!r} must be a non-empty list")
    terms = []
    for form in raw:
        tokens = tuple(fold(str(form)).split())
        if not tokens:
            raise data.error(f"empty word in {key!r}")
        terms.append(Term(f"{key}:{' '.join(tokens)}", tokens, key))
    return terms


def _entries(data: LineDict, key: str, needs: Sequence[str]) -> list[LineDict]:
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        raise data.error(f"{key!r} must be a non-empty list")
    seen: dict[str, int] = {}
    for entry in raw:
        require_keys(entry, ["id", "forms", *needs], WHERE)
        if entry["id"] in seen:
            raise entry.error(f"duplicate id {entry['id']!r} (first on line {seen[entry['id']]})")
        seen[entry["id"]] = entry.line
    return raw


def _int(entry: LineDict, key: str, lo: int, hi: int) -> int:
    value = entry.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise entry.error(f"{key!r} must be an integer from {lo} to {hi}, found {value!r}")
    return value


def _cue_terms(data: LineDict) -> list[Term]:
    terms: list[Term] = []
    owner: dict[tuple[str, ...], str] = {}
    for category in ("killed", "wounded"):
        for entry in _entries(data, category, ["kind"]):
            kind = str(entry["kind"])
            if kind not in CUE_KINDS:
                raise entry.error(f"kind must be one of {sorted(CUE_KINDS)}, found {kind!r}")
            default = _int(entry, "default", 0, 1000) if category == "killed" else 0
            for tokens in _forms(entry):
                if tokens in owner and owner[tokens] != category:
                    raise entry.error(f"form {' '.join(tokens)!r} is both killed and wounded")
                owner[tokens] = category
                terms.append(Term(str(entry["id"]), tokens, category, kind, default))
    return terms


def _number_terms(data: LineDict) -> dict[str, Term]:
    out: dict[str, Term] = {}
    for entry in _entries(data, "numbers", ["kind", "value"]):
        kind = str(entry["kind"])
        if kind not in NUMBER_KINDS:
            raise entry.error(f"kind must be one of {sorted(NUMBER_KINDS)}, found {kind!r}")
        value = _int(entry, "value", 1, 1_000_000)
        for tokens in _forms(entry):
            if len(tokens) != 1:
                raise entry.error(f"number word {' '.join(tokens)!r} must be one word")
            if tokens[0] in out and out[tokens[0]].value != value:
                raise entry.error(f"number word {tokens[0]!r} has two values")
            out.setdefault(tokens[0], Term(str(entry["id"]), tokens, "number", kind, value))
    return out


def _valued(data: LineDict, key: str, value_key: str, hi: int) -> list[Term]:
    return [Term(str(e["id"]), tokens, key, "", _int(e, value_key, 1, hi))
            for e in _entries(data, key, [value_key]) for tokens in _forms(e)]


def _section(data: LineDict, key: str) -> LineDict:
    sub = data.get(key)
    if not isinstance(sub, LineDict):
        raise data.error(f"{key!r} must be a mapping")
    return sub


@functools.cache
def load_lexicon() -> CasualtyLexicon:
    data = read_yaml(FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(WHERE, None, "expected a mapping")
    update = _section(data, "update")
    zero = _section(data, "zero")
    suicide = _section(data, "suicide")
    return CasualtyLexicon(
        cues=TermSet(_cue_terms(data)),
        zero_negators=TermSet(_word_list(zero, "negators")),
        zero_losses=TermSet(_word_list(zero, "losses")),
        zero_unknown=TermSet(_word_list(zero, "unknown")),
        zero_phrases=TermSet(_word_list(zero, "phrases")),
        zero_window=_int(zero, "window", 1, 20),
        self_killed=TermSet(Term("suicide.self_killed", t.tokens)
                            for t in _word_list(suicide, "self_killed")),
        self_counted=TermSet(_word_list(suicide, "self_counted")),
        numbers=_number_terms(data),
        vague=TermSet(_valued(data, "vague", "value", 100_000)),
        people=TermSet(_valued(data, "people", "count", 3)),
        not_people=TermSet(_word_list(data, "not_people")),
        between=TermSet(_word_list(data, "between")),
        subset=TermSet(_word_list(data, "subset")),
        companion=TermSet(_word_list(data, "companion")),
        cause=TermSet(_word_list(data, "cause")),
        preliminary=TermSet(_word_list(_section(data, "preliminary"), "words")),
        preliminary_window=_int(_section(data, "preliminary"), "window", 1, 20),
        lone_proclitics=frozenset(t.tokens[0] for t in _word_list(data, "lone_proclitics")),
        range_=TermSet(_word_list(data, "range")),
        rise=TermSet(_word_list(update, "rise")),
        toll=TermSet(_word_list(update, "toll")),
        to=TermSet(_word_list(update, "to")),
        update_window=_int(update, "window", 1, 50),
        aggregate=TermSet(_word_list(update, "aggregate")),
    )
