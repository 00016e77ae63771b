"""Mentions that refer back to an armed group named earlier in the article.

``codebooks/ar/actors/coreference.yaml`` lists three kinds of words:

* ``words`` ("الجماعة", "الحركة") name the nearest armed group (``roles``) named before them;
* ``organisation_words`` ("التنظيم") name the nearest one of ``organisation_roles`` (in this
  region's news "التنظيم" is a jihadist organisation, never a party such as Hezbollah);
* ``generic_words`` ("المسلحين", "للمتطرفين") are fighters the dictionary knows only as generic
  agents; in a report about a named group they stand for the nearest group named before them.

Antecedents are named groups (not generic agents such as "الفصائل") for the first two kinds; a
generic fighter may also stand for a generic armed side ("الإرهابيين" after "كتائب المعارضة").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .actor_book import load_book
from .actors import is_generic
from .codebooks import CodebookError, LineDict, read_yaml
from .normalise import fold, normalise
from .roles import Span

FILE = "ar/actors/coreference.yaml"


@dataclass(frozen=True)
class Coreference:
    words: re.Pattern[str] | None
    roles: frozenset[str]
    organisation_words: re.Pattern[str] | None
    organisation_roles: frozenset[str]
    generic: re.Pattern[str] | None  # a mention ending with a generic word for fighters


def _list(data: LineDict, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise data.error(f"{key!r} must be a list of non-empty strings")
    return [str(v).strip() for v in value]


def _words(terms: list[str]) -> re.Pattern[str] | None:
    words = sorted({" ".join(fold(w).split()) for w in terms}, key=len, reverse=True)
    return re.compile(r"(?<!\w)[وف]?(?:" + "|".join(re.escape(w) for w in words)
                      + r")(?!\w)") if words else None


@functools.cache
def load_coreference() -> Coreference:
    """The validated word lists of ``codebooks/ar/actors/coreference.yaml`` (cached)."""
    data = read_yaml(FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{FILE}", None, "expected a mapping")
    known = {"words", "roles", "organisation_words", "organisation_roles", "generic_words"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise data.error(f"unknown key(s) {unknown}")
    roles = load_book().roles
    for key in ("roles", "organisation_roles"):
        for role in _list(data, key):
            if role not in roles:
                raise data.error(f"{key}: {role!r} is not a CAMEO role code")
    forms: set[str] = set()
    for w in _list(data, "generic_words"):
        w = fold(w)  # a definite word also with the clitics that swallow its article
        forms |= {w, "ل" + w[1:], "ب" + w} if w.startswith("ال") else {w}
    generic = re.compile(r"(?<!\w)[وف]?(?:" + "|".join(re.escape(f) for f in sorted(forms))
                         + r")$") if forms else None
    return Coreference(_words(_list(data, "words")), frozenset(_list(data, "roles")),
                       _words(_list(data, "organisation_words")),
                       frozenset(_list(data, "organisation_roles")), generic)


def resolve(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (actor mentions in ``text``) with generic fighters re-pointed to the group they
    stand for, plus a mention for every word that refers back to a group."""
    co = load_coreference()
    everyone = co.roles | co.organisation_roles
    groups = sorted((s for s in spans if s.actor.role in everyone and "@" not in s.actor.id),
                    key=lambda s: s.start)
    fighters = {id(s) for s in spans if co.generic is not None and is_generic(s.actor)
                and co.generic.search(normalise(text[s.start:s.end]).text)}
    sides = [g for g in groups if id(g) not in fighters and g.actor.role in co.roles]
    out: list[Span] = []
    for s in spans:  # "مواقع للمتطرفين": the group the report is about
        before = [g for g in sides if g.end <= s.start]
        out.append(Span(s.start, s.end, before[-1].actor) if id(s) in fighters and before else s)
    norm = normalise(text)
    for regex, roles in ((co.words, co.roles), (co.organisation_words, co.organisation_roles)):
        for m in regex.finditer(norm.text) if regex is not None else ():
            start, end = norm.to_original(m.start(), m.end())
            if any(s.start < end and start < s.end for s in spans):
                continue  # part of a name already ("تنظيم داعش")
            named = [g for g in groups if g.end <= start and g.actor.role in roles
                     and not is_generic(g.actor)]
            if named:
                out.append(Span(start, end, named[-1].actor))
    return sorted(out, key=lambda s: s.start)
