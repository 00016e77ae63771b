"""Fast candidate positions for the date patterns.

Trying every date pattern at every character of a text is what made the tagger slow.  Instead,
each compiled pattern is analysed once (with the standard library's regex parser) for the set
of ``KEY``-character strings its match can begin with, non-word characters written as a space.
The tagger then looks at the start of each word only, and tries only the patterns whose keys
fit there.  A pattern that cannot be analysed is tried at every word start.
"""

from __future__ import annotations

import re
import re._constants as _c  # the standard library's regex parser (Python 3.11+)
import re._parser as _p
from collections.abc import Iterable, Sequence
from typing import Any

KEYS = (6, 4)  # key lengths tried, longest (most selective) first
KEY = max(KEYS)
MAX_KEYS = 20000
_WORDCH = re.compile(r"\w")
_NONWORD = re.compile(r"\W")
_WORDS = re.compile(r"\w+")


_Node = dict[str, "_Node"]


class _Unknown(Exception):
    """The pattern uses a construct the analysis does not follow."""


def _ch(code: int) -> str:
    c = chr(code)
    return c if _WORDCH.match(c) else " "


def _set_chars(items: Iterable[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL and isinstance(av, int):
            out.add(_ch(av))
        elif op is _c.RANGE and isinstance(av, tuple):
            lo, hi = av
            if hi - lo > 300:
                raise _Unknown("wide range")
            out.update(_ch(c) for c in range(lo, hi + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            out.add(" ")
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out.update("0123456789")
        else:
            raise _Unknown(f"set item {op}")
    return out


def _concat(left: set[str], right_of: Any, k: int) -> set[str]:
    """Extend each unfinished prefix in ``left`` with the strings the item can produce."""
    done = {s for s in left if len(s) >= k}
    todo = {s for s in left if len(s) < k}
    if not todo:
        return done
    shortest = min(len(s) for s in todo)
    right = _item(right_of, k - shortest)
    out = set(done)
    for s in todo:
        for r in right:
            out.add((s + r)[:k])
    if len(out) > MAX_KEYS:
        raise _Unknown("too many keys")
    return out


def _seq(items: Sequence[Any], k: int) -> set[str]:
    acc = {""}
    for item in items:
        acc = _concat(acc, item, k)
    return acc


def _item(item: Any, k: int) -> set[str]:
    op, av = item
    if op is _c.LITERAL:
        return {_ch(av)}
    if op is _c.IN:
        if any(o is _c.NEGATE for o, _ in av):
            raise _Unknown("negated set")
        return _set_chars(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _seq(alt, k)
        return out
    if op is _c.SUBPATTERN:
        return _seq(av[-1], k)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = av
        sub_item = (_c.SUBPATTERN, (None, 0, 0, sub))
        limit = min(hi, k)
        out = set()
        acc = {""}
        for n in range(limit + 1):
            if n:
                acc = _concat(acc, sub_item, k)
            if n >= min(lo, limit):
                out |= acc
        return out
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return {""}
    raise _Unknown(f"op {op}")


def pattern_keys(body: str) -> frozenset[str] | None:
    """The strings (non-word characters as spaces) that a match of ``body`` can begin with, or
    None if unknown: the first k characters, for the longest k in ``KEYS`` that stays under
    ``MAX_KEYS`` strings, or the whole match and the non-word character after it when the match
    is shorter than k."""
    for k in KEYS:
        try:
            keys = _seq(_p.parse(body).data, k)
        except (_Unknown, RecursionError, ValueError, TypeError):
            continue
        # a match that ends before k characters is followed by one non-word character
        return frozenset(key if len(key) == k else key + " " for key in keys)
    return None


def keys_regex(keys: Iterable[str], proclitics: str) -> re.Pattern[str]:
    """A regex finding each word start where some key fits (after optional proclitic letters;
    a space in a key stands for any non-word character): a zero-width match at the word start.
    """
    trie: _Node = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    alt = _trie(trie)
    procl = re.escape(proclitics)
    return re.compile(f"(?<!\\w)(?=[{procl}]{{0,2}}{alt})")


def _trie(node: _Node) -> str:
    if not node or "" in node:
        return ""  # a key ends here: the lookahead needs nothing more
    parts = [(r"(?:\W|\Z)" if ch == " " else re.escape(ch)) + _trie(child)
             for ch, child in sorted(node.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def word_starts(text: str, proclitics: str, finder: re.Pattern[str] | None = None,
                lengths: Sequence[int] = KEYS) -> Iterable[tuple[int, str]]:
    """(start of word, the key of each length after each possible proclitic) for each word,
    or only for the words ``finder`` (from :func:`keys_regex`) picks out."""
    top = max(lengths) + 2
    for m in (finder or _WORDS).finditer(text):
        p = m.start()
        k = _NONWORD.sub(" ", text[p:p + top]).ljust(top)
        q = 0
        while True:
            for n in lengths:
                yield p, k[q:q + n]
            if q >= 2 or k[q] not in proclitics:
                break
            q += 1
