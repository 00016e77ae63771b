"""Sentence and clause splitting with offsets into the article text.

Sentence ends are . ! ? ؟ and line breaks; decimal points ("94.9") and abbreviations with a
digit on both sides do not end a sentence.  Clause boundaries (for the event stage) come from
``codebooks/ar/clauses.yaml``.
"""

from __future__ import annotations

import functools
import re

from .codebooks import read_yaml
from .model import Sentence
from .normalise import fold

_SENT_END = re.compile(r"(?:(?<!\d)[.!?؟…]+|(?<=\d)[.!?؟…]+(?!\d))[\"'”»)]*\s*|\n\s*")


MAX_SENTENCE = 1500  # characters; longer runs (lists, scraped text without stops) are cut


def split_sentences(text: str, first_index: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are into ``text``; empty pieces are dropped.

    A "sentence" longer than ``MAX_SENTENCE`` characters is cut at its last space before the
    limit, so that the work per sentence stays bounded on text without punctuation."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        piece_end = m.start() + len(m.group(0).rstrip())
        _append_bounded(out, text, start, piece_end, first_index)
        start = end
    _append_bounded(out, text, start, len(text), first_index)
    return out


def _append_bounded(out: list[Sentence], text: str, start: int, end: int, first: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append(out, text, start, cut, first)
        start = cut
    _append(out, text, start, end, first)


def _append(out: list[Sentence], text: str, start: int, end: int, first: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(first + len(out), start, end, text[start:end]))


@functools.cache
def _clause_regex() -> re.Pattern[str]:
    data = read_yaml("ar/clauses.yaml")
    words = [fold(str(w)) for w in data.get("boundary_words", [])]
    punct = "".join(re.escape(str(p)) for p in data.get("boundary_punctuation", []))
    alts = [f"[{punct}]"] if punct else []
    if words:
        alts.append(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len,
                                                                          reverse=True))
                    + r")(?!\w)")
    return re.compile("|".join(alts))


def clause_bounds(normalised: str) -> list[tuple[int, int]]:
    """Clause spans ``[start, end)`` covering a normalised sentence, in order."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _clause_regex().finditer(normalised):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.start() if m.group(0)[0].isalpha() else m.end()
    if start < len(normalised):
        bounds.append((start, len(normalised)))
    return bounds or [(0, len(normalised))]
