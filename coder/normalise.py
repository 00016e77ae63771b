"""Text normalisation shared by every stage.

:func:`normalise` removes tashkeel, tatweel and bidi marks, folds alef, hamza, yeh and
teh-marbuta variants, maps Arabic-Indic and Persian digits to ASCII and lower-cases Latin
letters.  The result keeps an offset map so a span found in the normalised text maps back to
the original text.  The character tables live in ``codebooks/ar/normalisation.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .codebooks import CodebookError, LineDict, read_yaml

_FILE = "ar/normalisation.yaml"


def _codepoint(value: object, entry: LineDict | None) -> int:
    text = str(value)
    if not text.upper().startswith("U+"):
        raise CodebookError(f"codebooks/{_FILE}", entry.line if entry else None,
                            f"expected a code point like U+0640, found {text!r}")
    try:
        return int(text[2:], 16)
    except ValueError as exc:
        raise CodebookError(f"codebooks/{_FILE}", entry.line if entry else None,
                            f"bad code point {text!r}") from exc


@functools.cache
def _table() -> dict[int, str]:
    """``str.translate``-style table: code point -> replacement ('' deletes)."""
    data = read_yaml(_FILE)
    if not isinstance(data, LineDict):
        raise CodebookError(f"codebooks/{_FILE}", None, "expected a mapping")
    table: dict[int, str] = {}
    for entry in data.get("remove", []):
        lo, hi = _codepoint(entry["from"], entry), _codepoint(entry["to"], entry)
        if hi < lo:
            raise entry.error("range ends before it starts")
        for cp in range(lo, hi + 1):
            table[cp] = ""
    fold = data.get("fold", {})
    for src, dst in fold.items():
        table[_codepoint(src, fold)] = chr(_codepoint(dst, fold))
    for entry in data.get("digits", []):
        zero = _codepoint(entry["from"], entry)
        for i in range(10):
            table[zero + i] = str(i)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


@dataclass(frozen=True)
class Normalised:
    """Normalised text with a map back to the original.

    ``offsets[i]`` is the index in ``original`` of normalised character ``i``; ``offsets`` has
    one extra entry, ``len(original)``, so that an end offset maps too.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text's span."""
        if start >= end:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_span(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to the original offsets.

    Memoised: every stage normalises the same sentences.  The fast path (no character to
    delete, the usual case) is one ``str.translate`` call."""
    table = _table()
    folded = text.translate(table)
    if len(folded) == len(text):  # every mapping is one-for-one or a deletion
        return Normalised(text, folded, tuple(range(len(text) + 1)))
    deleted = _deleted()
    offsets = [i for i, ch in enumerate(text) if ord(ch) not in deleted]
    offsets.append(len(text))
    return Normalised(text, folded, tuple(offsets))


@functools.cache
def _deleted() -> frozenset[int]:
    return frozenset(cp for cp, rep in _table().items() if rep == "")


def fold(text: str) -> str:
    """The normalised string alone (for codebook terms and lookups)."""
    return text.translate(_table())
