"""Actor dictionary matching, role + country composition, and ACLED actor names and inter types.

:func:`find_actors` matches the longest dictionary term at each word of ``normalise(text).text``
(clitics و ف ب ل ك and the article stripped), then folds a head into what qualifies it, right
to left: an organ plus a country or nisba ("القوات الأمريكية" -> USAMIL), an organ plus a state
name ("قوات النظام" -> SYRMIL), a head plus a named group ("مسلحي تنظيم داعش" -> Islamic State).
The dictionary is in ``codebooks/ar/actors/`` (see :mod:`coder.actor_book`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .actor_book import ActorBook, Entry, Node, Target, load_book
from .model import Actor, ActorMention
from .normalise import normalise

_TOKEN_RE = re.compile(r"[^\W_]+")
_BREAK_RE = re.compile(r"[.!?;:\n]")


def load_actors() -> ActorBook:
    """The validated actor dictionary (cached)."""
    return load_book()


@dataclass(frozen=True)
class _Tok:
    start: int  # offsets in the normalised text
    end: int
    text: str
    block: int  # tokens in different blocks (split by . ! ? ; : newline) never combine


@dataclass(frozen=True)
class _Cand:
    i: int  # first token
    j: int  # last token
    kind: str  # "country" | "nisba" | "entry"
    ref: str  # ISO3 or entry id
    country: str = ""  # country given by composition (or the entry's own)
    composed: bool = False  # a head word folded into a qualifier
    conj: bool = False  # the first word carries a conjunction ("وقوات"): never a qualifier
    site: bool = False  # opens with a site word ("مواقع لداعش"): an organ never absorbs it


def _tokenise(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    block, pos = 0, 0
    for m in _TOKEN_RE.finditer(text):
        if _BREAK_RE.search(text, pos, m.start()):
            block += 1
        out.append(_Tok(m.start(), m.end(), m.group(), block))
        pos = m.end()
    return out


def _ends(book: ActorBook, toks: list[_Tok], forms: list[list[tuple[str, str, int]]],
          i: int) -> dict[int, tuple[int, Target, str]]:
    """Every term starting at token ``i``: ``{last token: (cost, target, first prefix)}``."""
    out: dict[int, tuple[int, Target, str]] = {}
    frontier: list[tuple[Node, int, str]] = [(book.trie, 0, "")]
    j = i
    while frontier and j < len(toks) and toks[j].block == toks[i].block:
        nxt: dict[int, tuple[Node, int, str]] = {}
        for node, cost, prefix in frontier:
            for form, p, c in forms[j]:
                child = node.children.get(form)
                if child is not None and (id(child) not in nxt or nxt[id(child)][1] > cost + c):
                    nxt[id(child)] = (child, cost + c, p if j == i else prefix)
        frontier = list(nxt.values())
        for node, cost, prefix in frontier:
            if node.target is not None and (j not in out or out[j][0] > cost):
                out[j] = (cost, node.target, prefix)
        j += 1
    return out


def _match(book: ActorBook, toks: list[_Tok]) -> list[_Cand]:
    """Longest match left to right, shortened when a longer term starts inside it
    ("قوات | جيش الفتح", not "قوات جيش | الفتح")."""
    forms = [book.candidates(t.text) for t in toks]
    ends = [_ends(book, toks, forms, i) for i in range(len(toks))]
    cands: list[_Cand] = []
    i = 0
    while i < len(toks):
        if not ends[i]:
            i += 1
            continue
        j: int | None = max(ends[i])
        for k in range(i + 1, (j or i) + 1):
            if ends[k] and j is not None and max(ends[k]) > j:
                shorter = [e for e in ends[i] if e < k]
                j = max(shorter) if shorter else None
                break
        if j is None:
            i += 1
            continue
        _, target, prefix = ends[i][j]
        cands.append(_Cand(i, j, target[0], target[1], conj=book.is_conjunction(prefix),
                           site=target[1] in book.site_agents))
        i = j + 1
    return cands


def _gap_ok(book: ActorBook, toks: list[_Tok], head: _Cand, tail: _Cand, partitive: bool) -> bool:
    if toks[head.j].block != toks[tail.i].block:
        return False
    between = [book.canonical(t.text) for t in toks[head.j + 1 : tail.i]]
    if len(between) > book.max_linkers:
        return False
    allowed = book.linkers | (book.partitive_linkers if partitive else frozenset())
    return all(any(f in allowed for f, _, _ in book.candidates(w)) for w in between)


def _combine(book: ActorBook, head: _Cand, tail: _Cand) -> _Cand | None:
    if head.kind != "entry":
        return None
    h = book.entries[head.ref]
    t = book.entries[tail.ref] if tail.kind == "entry" else None
    if tail.kind in ("country", "nisba"):
        iso = tail.ref
        if h.kind == "group":
            if h.state:
                return _Cand(head.i, tail.j, "entry", h.id, iso)
            if h.country in ("", iso) and tail.kind == "nisba":
                return _Cand(head.i, tail.j, "entry", h.id, head.country)
            return None
        if not h.standalone and h.kind == "agent":
            return None
        if h.country and h.country != iso:
            return None
        return _Cand(head.i, tail.j, "entry", h.id, iso)
    assert t is not None
    if h.kind == "organ":
        if tail.site:
            return None  # "غارات لمراكز تابعة لداعش": strikes on the sites, not their owner's
        if t.kind == "group" and t.state:
            return _Cand(head.i, tail.j, "entry", h.id, tail.country)
        if t.kind in ("group", "organ"):
            return _Cand(head.i, tail.j, tail.kind, tail.ref, tail.country)
        return None
    if h.kind == "agent" and (not h.standalone or h.role in book.absorbing_roles):
        if t.kind in ("group", "organ") or (not h.standalone and t.kind == "agent"):
            return _Cand(head.i, tail.j, tail.kind, tail.ref, tail.country)
    return None


def _compose(book: ActorBook, toks: list[_Tok], cands: list[_Cand]) -> list[_Cand]:
    out = [c if c.kind != "entry" else _Cand(c.i, c.j, c.kind, c.ref,
                                              book.entries[c.ref].country, conj=c.conj,
                                              site=c.site)
           for c in cands]
    k = len(out) - 2
    while k >= 0:
        head, tail = out[k], out[k + 1]
        partitive = tail.kind == "entry"
        if not tail.conj and _gap_ok(book, toks, head, tail, partitive):
            merged = _combine(book, head, tail)
            if merged is not None:
                out[k : k + 2] = [_Cand(merged.i, merged.j, "entry", merged.ref, merged.country,
                                        True, head.conj, head.site)]
        k -= 1
    return out


def _actor(book: ActorBook, cand: _Cand, default_country: str, on: dt.date | None) -> Actor | None:
    if cand.kind == "nisba":
        return None
    if cand.kind == "country":
        c = book.countries[cand.ref]
        ca = book.country_actor
        return Actor(id=f"country@{c.iso3}", cameo_code=c.cameo_code,
                     name=ca["name_en"].replace("{country}", c.name_en),
                     acled_name=_render(book, ca["acled_name"], c.iso3, c.iso3, on),
                     inter=ca["inter"], country=c.iso3, role="")
    e = book.entries[cand.ref]
    if not e.standalone and not cand.composed:
        return None
    iso = cand.country or ("" if e.kind == "group" else default_country)
    recountried = bool(iso) and iso != e.country
    if e.cameo_code and not recountried:
        code, ident = e.cameo_code, e.id
    else:
        prefix = book.countries[iso].cameo_code if iso else ""
        code, ident = prefix + e.role, (f"{e.id}@{iso}" if iso else e.id)
    name = f"{e.name_en} of {book.countries[iso].name_en}" if recountried else e.name_en
    template, inter = _template(book, e, on)
    return Actor(id=ident, cameo_code=code, name=name,
                 acled_name=_render(book, template, iso, iso or default_country, on),
                 inter=inter, country=iso, role=e.role)


def find_actors(text: str, on: dt.date | None = None, country: str = "") -> list[ActorMention]:
    """Actor mentions in ``text`` with offsets in the original text.

    ``on`` (the event or publication date) picks date-dependent ACLED names; ``country`` (ISO3 of
    the event) is the country of state organs and generic agents that the text leaves unqualified.
    """
    book = load_book()
    norm = normalise(text)
    toks = _tokenise(norm.text)
    out: list[ActorMention] = []
    for cand in _compose(book, toks, _match(book, toks)):
        actor = _actor(book, cand, country, on)
        if actor is None:
            continue
        start, end = norm.to_original(toks[cand.i].start, toks[cand.j].end)
        while end < len(text) and not normalise(text[end]).text:  # trailing tashkeel
            end += 1
        out.append(ActorMention(text[start:end], start, end, actor))
    return out


def localise(actor: Actor, iso3: str, on: dt.date | None = None) -> Actor:
    """An organ or generic agent the text left without a country ("مسلحون", "الشرطة"), placed in
    the event's country.  Groups, countries and actors that already have a country are returned
    unchanged."""
    book = load_book()
    if actor.country or not iso3 or iso3 not in book.countries or actor.id not in book.entries:
        return actor
    entry = book.entries[actor.id]
    if entry.kind == "group":
        return actor
    made = _actor(book, _Cand(0, 0, "entry", entry.id, "", composed=True), iso3, on)
    return made or actor


def state_organ(actor: Actor, organ_id: str, on: dt.date | None = None) -> Actor:
    """A bare country actor ("تركيا قصفت ...") re-expressed as one of its organs (``army``).

    Any other actor is returned unchanged.  Raises ``KeyError`` for an unknown organ id.
    """
    book = load_book()
    if not actor.id.startswith("country@") or actor.country not in book.countries:
        return actor
    entry = book.entries[organ_id]
    cand = _Cand(0, 0, "entry", entry.id, actor.country, composed=True)
    made = _actor(book, cand, actor.country, on)
    assert made is not None
    return made


def as_organ(actor: Actor, organ_id: str, on: dt.date | None = None) -> Actor:
    """A state actor (a bare country or one of its organs) acting through another organ of the
    same state: "السلطات التركية" making arrests -> the police of Türkiye.

    Groups and generic agents are returned unchanged.  Raises ``KeyError`` for an unknown
    organ id.
    """
    book = load_book()
    entry = book.entries[organ_id]
    base = actor.id.split("@", 1)[0]
    if base != "country" and (base not in book.entries or book.entries[base].kind != "organ"):
        return actor
    cand = _Cand(0, 0, "entry", entry.id, actor.country, composed=True)
    return _actor(book, cand, actor.country, on) or actor


def generic_actor(agent_id: str, iso3: str = "", on: dt.date | None = None) -> Actor:
    """The actor of a generic agent ("civilians"), of ``iso3`` or yet without a country.

    Raises ``KeyError`` for an unknown id and ``ValueError`` for an id that is no agent."""
    book = load_book()
    entry = book.entries[agent_id]
    if entry.kind != "agent":
        raise ValueError(f"{agent_id!r} is not a generic agent")
    made = _actor(book, _Cand(0, 0, "entry", entry.id, iso3, composed=True), iso3, on)
    assert made is not None
    return made


def is_state(actor: Actor) -> bool:
    """A state actor: a bare country, one of its organs, or a group that stands for a state."""
    base = actor.id.split("@", 1)[0]
    entry = load_book().entries.get(base)
    return base == "country" or (entry is not None and (entry.kind == "organ" or entry.state))


def is_generic(actor: Actor) -> bool:
    """A generic agent ("مسلحون", "أشخاص", "انتحاري"): people named by what they are."""
    entry = load_book().entries.get(actor.id.split("@", 1)[0])
    return entry is not None and entry.kind == "agent"


# --- ACLED names and inter types -------------------------------------------------------------


def _template(book: ActorBook, entry: Entry, on: dt.date | None) -> tuple[str, str]:
    if on is not None:
        for d in book.dated_names.get(entry.id, []):
            if d.covers(on):
                return d.value, d.inter
    return entry.acled_name, entry.inter


def _render(book: ActorBook, template: str, own: str, country: str, on: dt.date | None) -> str:
    if "{own}" in template:
        if own not in book.countries:
            return "Unidentified Military Forces"
        c = book.countries[own]
        template = template.replace("{own}", c.acled_of or c.acled_name)
    if "{period}" in template:
        label = book.period(own, on) if on is not None and own else ""
        template = template.replace("{period}", label) if label else template.replace(
            " ({period})", "").replace("{period}", "")
    if "{country}" in template:
        name = book.countries[country].acled_name if country in book.countries else ""
        template = template.replace("{country}", name) if name else template.replace(
            " ({country})", "").replace("{country}", "")
    return template


def _lookup(book: ActorBook, actor: Actor) -> tuple[Entry | None, str]:
    base = actor.id.split("@", 1)[0]
    return book.entries.get(base), base


def acled_actor_name(actor: Actor, event_country: str, on: dt.date) -> str:
    """The ACLED actor name on ``on`` for an event in ``event_country`` (ISO3).

    State organs take their government period ("Military Forces of Iraq (2014-2018)"); generic
    agents and groups written per country take the actor's or else the event's country
    ("Civilians (Syria)", "Islamic State (Iraq)").
    """
    book = load_book()
    entry, base = _lookup(book, actor)
    if base == "country":
        template = book.country_actor["acled_name"]
    elif entry is not None:
        template = _template(book, entry, on)[0]
    else:
        template = actor.acled_name
    own = actor.country or event_country
    return _render(book, template, own, own, on)


def acled_inter(actor: Actor, event_country: str, on: dt.date | None = None) -> str:
    """ACLED inter type; state forces acting outside their own country are External/Other."""
    book = load_book()
    entry, _ = _lookup(book, actor)
    inter = _template(book, entry, on)[1] if entry is not None else actor.inter
    state = next(label for label, code in book.inter_codes.items() if code == 1)
    external = next(label for label, code in book.inter_codes.items() if code == 8)
    if inter == state and actor.country and event_country and actor.country != event_country:
        return external
    return inter


def inter_code(label: str) -> int:
    """The older numeric code of an ACLED inter type ("State forces" -> 1)."""
    codes = load_book().inter_codes
    if label not in codes:
        raise ValueError(f"unknown ACLED inter type {label!r}")
    return codes[label]


def inter_types() -> tuple[str, ...]:
    """ACLED's inter types in code order (``codebooks/acled/inter_types.csv``)."""
    codes = load_book().inter_codes
    return tuple(sorted(codes, key=codes.__getitem__))


_code = inter_code


def interaction_text(inter1: str, inter2: str) -> str:
    """ACLED 2024+ interaction: "State forces-Political militia" (lower code first), or
    "Protesters only" when there is no second actor."""
    if not inter2:
        _code(inter1)
        return f"{inter1} only"
    a, b = sorted((inter1, inter2), key=_code)
    return f"{a}-{b}"


def interaction_code(inter1: str, inter2: str) -> int:
    """Older numeric interaction: two digits, smaller first; a sole actor is its code x 10."""
    if not inter2:
        return _code(inter1) * 10
    a, b = sorted((_code(inter1), _code(inter2)))
    return a * 10 + b


def valid_interactions() -> set[str]:
    """Every ACLED 2024+ interaction text value."""
    labels = sorted(load_book().inter_codes, key=_code)
    out = {f"{a} only" for a in labels}
    out |= {f"{a}-{b}" for i, a in enumerate(labels) for b in labels[i:]}
    return out
