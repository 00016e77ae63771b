"""Finding places in Arabic text: gazetteer matching with ACLED geo precision.

Matching runs on ``normalise(text).text`` word by word.  At each word the longest gazetteer
alias starting there wins; the first word may carry a proclitic (و ف ب ل and combinations, and
لل for ال), which is not part of the reported span.  Before a match the matcher looks back over
filler words (مدينة، بلدة، حي …) for a context word (``codebooks/ar/places_context.yaml``):
"ريف X" is X's countryside and "قرب X", "شمال X" … are near X, both ``geo_precision`` 2.  A
governorate-only mention ("محافظة حمص", "الأنبار") gives ``geo_precision`` 3 at the capital, a
country mention 3 at the country's centroid.  Names that are also ordinary words ("الباب") match
only after a filler or context word.

An alias that names several places is resolved with ``country_hint`` (the ISO3 of the article's
country context): candidates in that country are preferred; otherwise the place with the
highest ``priority`` wins; a tie is skipped, so an ambiguous name never resolves silently to a
far country.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from .gazetteer import (
    _TOKEN,
    Candidate,
    ContextRule,
    Gazetteer,
    Tokens,
    load_gazetteer,
)
from .model import Place, PlaceMention
from .normalise import normalise

__all__ = [
    "admin1_capital",
    "country_place",
    "find_places",
    "gdelt_geo",
    "load_gazetteer",
    "place_by_id",
    "place_json",
]

# GDELT ActionGeo_Type: 1 country, 4 world city, 5 world state (ADM1).
_GDELT_TYPE = {"country": 1, "admin1": 5}


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Context:
    rule: ContextRule | None
    start: int  # normalised offset where the context phrase starts
    licensed: bool  # a filler or context word precedes the name


def _variants(gaz: Gazetteer, word: str) -> tuple[tuple[str, int], ...]:
    """The word and its proclitic-stripped forms, with how many characters were stripped."""
    found = gaz.forms.get(word)
    if found is not None:
        return found
    out = [(word, 0)]
    for strip, add in gaz.proclitics:
        if word.startswith(strip) and len(word) - len(strip) >= 2:
            rest = word[len(strip):]
            out.append((add + rest, len(strip) - 1 if add else len(strip)))
    if len(gaz.forms) < 500_000:
        gaz.forms[word] = tuple(out)
    return tuple(out)


def _starts(gaz: Gazetteer, word: str) -> tuple[tuple[str, int], ...]:
    """The forms of ``word`` that begin some alias (memoised: most words begin none)."""
    found = gaz.starts.get(word)
    if found is None:
        found = tuple(v for v in _variants(gaz, word) if v[0] in gaz.by_first)
        if len(gaz.starts) < 500_000:
            gaz.starts[word] = found
    return found


def _match_at(gaz: Gazetteer, toks: list[_Tok], i: int) -> tuple[Tokens, int] | None:
    """The longest alias starting at token ``i``: (alias key, characters of proclitic)."""
    best: tuple[Tokens, int] | None = None
    for variant, skip in _starts(gaz, toks[i].text):
        for key in gaz.by_first[variant]:
            n = len(key)
            if i + n > len(toks):
                continue
            if all(toks[i + k].text == key[k] for k in range(1, n)):
                if best is None or n > len(best[0]):
                    best = (key, skip)
                break  # keys are sorted longest first
    return best


def _phrase_before(gaz: Gazetteer, toks: list[_Tok], end: int, phrase: Tokens) -> int | None:
    """Token index where ``phrase`` starts if it ends just before token ``end``."""
    start = end - len(phrase)
    if start < 0:
        return None
    if any(toks[start + k].text != phrase[k] for k in range(1, len(phrase))):
        return None
    if any(v == phrase[0] for v, _ in _variants(gaz, toks[start].text)):
        return start
    return None


def _last_words(gaz: Gazetteer, toks: list[_Tok], end: int) -> list[str]:
    """Forms the word before token ``end`` can take as the last word of a phrase."""
    if end <= 0:
        return []
    return [v for v, _ in _variants(gaz, toks[end - 1].text)]


def _context(gaz: Gazetteer, toks: list[_Tok], i: int) -> _Context:
    end, licensed = i, False
    for _ in range(3):  # skip up to three fillers: "ريف مدينة X", "أطراف حي X"
        start = None
        for word in _last_words(gaz, toks, end):
            for filler in gaz.fillers_by_last.get(word, ()):
                start = _phrase_before(gaz, toks, end, filler)
                if start is not None:
                    break
            if start is not None:
                break
        if start is None:
            break
        end, licensed = start, True
    best: tuple[int, ContextRule] | None = None
    for word in _last_words(gaz, toks, end):
        for rule in gaz.contexts_by_last.get(word, ()):
            start = _phrase_before(gaz, toks, end, rule.words)
            if start is not None and (best is None or start < best[0]):
                best = (start, rule)
    if best is not None:
        return _Context(best[1], toks[best[0]].start, True)
    return _Context(None, toks[i].start, licensed)


def _not_a_place_after(gaz: Gazetteer, toks: list[_Tok], i: int) -> bool:
    return any(_phrase_before(gaz, toks, i, phrase) is not None
               for word in _last_words(gaz, toks, i)
               for phrase in gaz.not_after_by_last.get(word, ()))


def _resolve(cands: list[Candidate], hint: str | None) -> Candidate | None:
    if len(cands) == 1:
        return cands[0]
    pool = [c for c in cands if c.place.iso3 == hint] if hint else []
    if not pool:
        pool = cands
    top = max(c.priority for c in pool)
    best = [c for c in pool if c.priority == top]
    return best[0] if len(best) == 1 else None


def _trailing(gaz: Gazetteer, toks: list[_Tok], j: int) -> int:
    for words in gaz.trailing:
        n = len(words)
        if j + n <= len(toks) and all(toks[j + k].text == words[k] for k in range(n)):
            return j + n
    return j


def find_places(text: str, country_hint: str | None = None) -> list[PlaceMention]:
    """Places named in ``text``, in text order, with offsets into ``text``."""
    gaz = load_gazetteer()
    norm = normalise(text)
    toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm.text)]
    out: list[PlaceMention] = []
    i = 0
    last_j = -1  # token after the last place found
    while i < len(toks):
        hit = _match_at(gaz, toks, i)
        if hit is None:
            i += 1
            continue
        key, skip = hit
        ctx = _context(gaz, toks, i)
        # a name that is also a word needs a place word before it, or to be joined by و to the
        # place just named ("بلدتي نبل والزهراء")
        coordinated = i == last_j and toks[i].text.startswith("و")
        if (key in gaz.guarded and not ctx.licensed and not coordinated) or \
                _not_a_place_after(gaz, toks, i):
            i += 1
            continue
        cand = _resolve(gaz.aliases[key], country_hint)
        j = i + len(key)
        if cand is None or (cand.place.feature_type == "neighbourhood" and country_hint
                            and cand.place.iso3 != country_hint):
            # a quarter's name ("النبي يونس") in an article about another country is not it
            i = j
            continue
        j = _trailing(gaz, toks, j)
        start, end = norm.to_original(toks[i].start + skip, toks[j - 1].end)
        precision = max(cand.precision, ctx.rule.precision if ctx.rule else 1)
        mention = PlaceMention(text[start:end], start, end, cand.place, precision,
                               ctx.rule.written if ctx.rule else "")
        if ctx.rule is not None and ctx.rule.kind == "facing":
            mention = _facing(gaz, text, norm.to_original(ctx.start, ctx.start)[0], out,
                              mention)
        out.append(mention)
        i = last_j = j
    return out


FACING_GAP = 40  # characters between a country's name and "المقابلة لـ X" that qualifies it


def _facing(gaz: Gazetteer, text: str, ctx_start: int, out: list[PlaceMention],
            mention: PlaceMention) -> PlaceMention:
    """"في سوريا المقابلة لكيليس": the named country's nearest place to the facing town.

    The country mention just before is replaced by one mention spanning the phrase; without a
    different country just before, the mention stays "near" the town."""
    if not out:
        return mention
    prev = out[-1]
    if prev.place.feature_type != "country" or prev.place.iso3 == mention.place.iso3 or \
            not 0 <= ctx_start - prev.end <= FACING_GAP:
        return mention
    spot = _nearest(gaz, prev.place.iso3, mention.place.latitude, mention.place.longitude)
    if spot is None:
        return mention
    out.pop()
    return PlaceMention(text[prev.start:mention.end], prev.start, mention.end, spot,
                        max(2, mention.geo_precision), mention.context)


_POINT_TYPES = frozenset({"city", "town", "village"})


def _nearest(gaz: Gazetteer, iso3: str, lat: float, lon: float) -> Place | None:
    """The populated place of ``iso3`` nearest to a point (with an admin1)."""
    scale = math.cos(math.radians(lat))
    best: tuple[float, str] | None = None
    for place in gaz.places.values():
        if place.iso3 != iso3 or place.feature_type not in _POINT_TYPES or not place.admin1:
            continue
        d = (place.latitude - lat) ** 2 + ((place.longitude - lon) * scale) ** 2
        if best is None or (d, place.id) < best:
            best = (d, place.id)
    return gaz.places[best[1]] if best else None


def place_by_id(place_id: str) -> Place:
    """A gazetteer place by id (``syr-koniko``, ``gn-170063``, ``adm1-SY07``, ``cty-SYR``)."""
    try:
        return load_gazetteer().places[place_id]
    except KeyError:
        raise KeyError(f"no place with id {place_id!r}") from None


def admin1_capital(iso3: str, admin1: str) -> Place | None:
    """The admin1 unit as a place at its capital (feature_type ``admin1``, geo_precision 3)."""
    return load_gazetteer().admin1.get((iso3, admin1))


def country_place(iso3: str) -> Place | None:
    """The country as a place at its centroid (feature_type ``country``, geo_precision 3)."""
    country = load_gazetteer().countries.get(iso3)
    return country.place if country else None


def gdelt_geo(place: Place) -> dict[str, object]:
    """GDELT ActionGeo fields for ``place`` (ADM2Code is left empty: no GAUL codes here)."""
    gtype = _GDELT_TYPE.get(place.feature_type, 4)
    if gtype == 1:
        full, feature = place.country, place.fips
    elif gtype == 5:
        full, feature = f"{place.admin1}, {place.country}", place.adm1_code
    else:
        full = ", ".join(p for p in (place.name_en, place.admin1, place.country) if p)
        feature = place.id[3:] if place.id.startswith("gn-") else place.id
    return {"Type": gtype, "FullName": full, "CountryCode": place.fips,
            "ADM1Code": place.adm1_code, "ADM2Code": "", "Lat": place.latitude,
            "Long": place.longitude, "FeatureID": feature}


def place_json(m: PlaceMention) -> dict[str, object]:
    """A mention with its ACLED and GDELT geo fields (for ``coder places "TEXT"``)."""
    p = m.place
    return {
        "text": m.text, "start": m.start, "end": m.end, "context": m.context, "id": p.id,
        "name_ar": p.name_ar, "feature_type": p.feature_type, "source": p.source,
        "acled": {"location": p.name_en, "country": p.country, "iso": p.iso_num,
                  "iso3": p.iso3, "admin1": p.admin1, "admin2": p.admin2, "admin3": p.admin3,
                  "latitude": p.latitude, "longitude": p.longitude,
                  "geo_precision": m.geo_precision},
        "gdelt": gdelt_geo(p),
    }
