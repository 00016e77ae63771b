"""The text reader behind :mod:`coder.casualties`: one pass over a normalised text.

It tokenises the text, finds killed and wounded words, numbers (digits, number words, vague
quantities), "no casualties" phrases, suicide attackers and "ارتفاع حصيلة ... إلى N" updates, and
pairs each killed word with its count.  :func:`read_tolls` returns every toll as a
:class:`coder.model.FatalityMention`; the rules are described in ``codebooks/ar/casualties.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .casualty_lexicon import CasualtyLexicon, Term, load_lexicon
from .model import FatalityMention
from .normalise import normalise
from .sentences import clause_bounds

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_STOP = set(".;:!?؟؛")
JOINT_CAP = 3  # deaths reported without a number
SUBJECT_REACH = 10  # tokens from a subject's number to its killed verb ("خمسة مدنيين ... قتلوا")
SUBJECT_REACH_PEOPLE = 14  # when the number counts people ("ثمانية عناصر من ... قتلوا")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class _Num:
    i: int  # first token
    j: int  # token after the number (and after its head noun's "من" if any)
    value: int
    rule: str
    waw: bool  # joined to the previous number by "و"
    head: int | None  # token index of the head noun
    used: bool = False


@dataclass
class _Cue:
    term: Term
    i: int
    j: int
    joint: bool = False  # "مقتل وإصابة": killed and wounded together
    used: bool = False


def tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


class _Reader:
    """One pass over a normalised text."""

    def __init__(self, text: str, lex: CasualtyLexicon) -> None:
        self.lex = lex
        self.toks = tokens(text)
        self.words = [t.text for t in self.toks]
        bounds = clause_bounds(text) if text else [(0, 0)]
        self.clause = [next((n for n, (a, b) in enumerate(bounds) if a <= t.start < b),
                            len(bounds)) for t in self.toks]
        self.consumed: set[int] = set()
        self.cues: list[_Cue] = []
        self.nums: list[_Num] = []

    # -- helpers ---------------------------------------------------------------------------
    def stop(self, k: int) -> bool:
        return self.words[k] in _STOP

    def is_cue_at(self, k: int) -> bool:
        return any(c.i <= k < c.j for c in self.cues)

    def num_at(self, k: int) -> _Num | None:
        for n in self.nums:
            if n.i == k:
                return n
        return None

    def skip_between(self, k: int, limit: int = 5) -> int:
        steps = 0
        while k < len(self.words) and steps < limit and (
                self.lex.between.at(self.words, k) or self.words[k] in self.lex.lone_proclitics):
            k += 1
            steps += 1
        return k

    def preliminary(self, i: int, j: int) -> bool:
        """A toll said to be preliminary ("حصيلة القتلى الأولية هي 10")."""
        lo = i
        while lo > 0 and i - lo < self.lex.preliminary_window and not self.stop(lo - 1) \
                and self.clause[lo - 1] == self.clause[i]:
            lo -= 1
        hi = min(len(self.words), j + 2)
        return any(self.lex.preliminary.at(self.words, k) for k in range(lo, hi)
                   if self.clause[k] == self.clause[i])

    # -- number parsing --------------------------------------------------------------------
    def parse_number(self, i: int) -> tuple[int, int, str, bool] | None:
        """``(end, value, rule, waw)`` for a number starting at token ``i``."""
        w = self.words
        waw = i > 0 and w[i - 1] == "و"
        if w[i].isdigit() or re.fullmatch(r"\d+(?:,\d{3})+", w[i]):
            value = int(w[i].replace(",", ""))
            end = i + 1
            rule = "number.digits"
            if end < len(w) and self.lex.thousand_at(w, end):
                value *= 1000
                end += 1
            return end, value, rule, waw
        vague = self.lex.vague.match(w, i)
        if vague is not None:
            term, end = vague
            return end, term.value, term.id, waw or self.lex.waw_prefixed(w[i])
        total, group, end, last_kind = 0, 0, i, ""
        rules: list[str] = []
        while end < len(w):
            first = end == i
            hit = self.lex.number_word(w[end], first or last_kind == "")
            if hit is None and not first and w[end] == "و" and end + 1 < len(w):
                hit = self.lex.number_word(w[end + 1], True)
                if hit is not None:
                    end += 1
            if hit is None:
                break
            term, had_waw = hit
            if first and had_waw:
                waw = True
            if term.kind == "ten" and term.value == 10 and last_kind == "unit" and not had_waw:
                group += 10  # خمسة عشر
            elif term.kind == "hundred" and last_kind == "unit" and not had_waw:
                group = group * 100 if group < 10 else group + term.value
            elif term.kind == "thousand":
                total += max(group, 1) * 1000
                group = 0
            else:
                group += term.value
            rules.append(term.id)
            last_kind = term.kind
            end += 1
        if end == i:
            return None
        return end, total + group, rules[0], waw

    # -- passes ----------------------------------------------------------------------------
    def zero_at(self, k: int) -> int | None:
        """End of an explicit "no casualties" statement starting at token ``k``."""
        lex, w = self.lex, self.words
        hit = lex.zero_phrases.match(w, k)
        if hit is not None:
            return hit[1]
        neg = lex.zero_negators.match(w, k)
        if neg is None:
            return None
        for m in range(neg[1], min(len(w), neg[1] + lex.zero_window + 1)):
            if self.stop(m) or lex.zero_unknown.at(w, m):
                return None
            loss = lex.zero_losses.match(w, m)
            if loss is not None:
                return loss[1]
        return None

    def find_zero(self) -> list[tuple[str, int, int]]:
        out = []
        k = 0
        while k < len(self.words):
            end = self.zero_at(k)
            if end is None:
                k += 1
                continue
            out.append(("zero.no_casualties", k, end))
            self.consumed.update(range(k, end))
            k = end
        return out

    def find_self_killed(self) -> list[tuple[str, int, int]]:
        out = []
        for k in range(len(self.words)):
            hit = self.lex.self_killed.match(self.words, k)
            if hit is not None and k not in self.consumed:
                out.append((hit[0].id, k, hit[1]))
                self.consumed.update(range(k, hit[1]))
        return out

    def find_cues(self) -> None:
        k = 0
        while k < len(self.words):
            if k in self.consumed:
                k += 1
                continue
            hit = self.lex.cues.match(self.words, k)
            if hit is None:
                k += 1
                continue
            term, end = hit
            self.cues.append(_Cue(term, k, end))
            k = end
        for a, b in zip(self.cues, self.cues[1:], strict=False):
            joined = b.i == a.j and self.lex.waw_prefixed(self.words[b.i])
            joined = joined or (b.i == a.j + 1 and self.words[a.j] == "و")
            if a.term.category == "killed" and b.term.category == "wounded" and joined:
                a.joint = True

    def find_numbers(self) -> None:
        k = 0
        w = self.words
        while k < len(w):
            if k in self.consumed or self.is_cue_at(k):
                k += 1
                continue
            parsed = self.parse_number(k)
            if parsed is None:
                k += 1
                continue
            end, value, rule, waw = parsed
            head_k = end + 1 if end < len(w) and w[end] == "من" else end
            head = head_k if head_k < len(w) else None
            num = _Num(k, end, value, rule, waw, head)
            if not self.rejected(num):
                self.nums.append(num)
            k = end

    def rejected(self, n: _Num) -> bool:
        w, lex = self.words, self.lex
        if n.head is not None and lex.not_people.at(w, n.head):
            return True
        if any(lex.subset.at(w, p) for p in range(max(0, n.i - 2), n.i)):
            return True
        digits = w[n.i].isdigit()
        if digits and len(w[n.i]) == 4 and 1900 <= n.value <= 2100:
            return n.head is None or not (lex.people.at(w, n.head) or self.is_cue_at(n.head))
        counts_people = n.head is not None and (lex.people.at(w, n.head)
                                                or self.head_cue(n) is not None)
        if digits and n.i > 0 and not counts_people:
            prev = w[n.i - 1]
            label = lex.definite(prev) and not self.is_cue_at(n.i - 1)
            label = label and not lex.between.at(w, n.i - 1) and not lex.update_toll(prev)
            if label or lex.not_people.at(w, n.i - 1):
                return True
        return False

    def cue_of(self, k: int | None) -> _Cue | None:
        if k is None:
            return None
        for c in self.cues:
            if c.i == k:
                return c
        return None

    def head_cue(self, n: _Num) -> _Cue | None:
        """The killed or wounded count noun a number counts ("32 قتيلا", "100 جريح")."""
        c = self.cue_of(n.head)
        if c is None or c.term.kind != "noun" or self.words[c.i].startswith("و"):
            return None
        return c

    def in_range(self, n: _Num) -> bool:
        return n.i > 0 and self.lex.range_.at(self.words, n.i - 1)

    def end_of(self, n: _Num) -> int:
        """The token after ``n`` and its head noun when the head counts people or the dead."""
        w = self.words
        if n.head is not None and (self.lex.people.at(w, n.head) or self.head_cue(n)):
            return n.head + 1
        return n.i + 1 if n.j > n.i + 1 and w[n.j - 1] == "من" else n.j

    def chain_forward(self, n: _Num) -> tuple[int, int]:
        """``n`` plus the numbers joined to it by "و" ("5 أطفال و3 نساء"); a range: the lowest.

        Returns the value and the token after the last number."""
        values = [n.value]
        cur = n
        while True:
            nxt = next((m for m in self.nums if m.i >= cur.j and not m.used), None)
            if nxt is None or not nxt.waw or nxt.i - cur.j > 6 or self.head_cue(nxt) is not None:
                break
            if any(self.is_cue_at(k) or self.stop(k) for k in range(cur.j, nxt.i)):
                break
            nxt.used = True
            values.append(nxt.value)
            cur = nxt
        return (min(values) if self.in_range(n) else sum(values)), self.end_of(cur)

    def chain_backward(self, n: _Num) -> int:
        values = [n.value]
        cur = n
        while cur.waw:
            prev = [m for m in self.nums if m.j <= cur.i and not m.used]
            if not prev:
                break
            p = prev[-1]
            if cur.i - p.j > 8 or any(self.is_cue_at(k) or self.stop(k) for k in range(p.j, cur.i)):
                break
            p.used = True
            values.append(p.value)
            cur = p
        return min(values) if self.in_range(cur) else sum(values)

    def people_count(self, k: int) -> tuple[int, str] | None:
        hit = self.lex.people.match(self.words, k) if k < len(self.words) else None
        return (hit[0].value, hit[0].id) if hit else None

    # -- assignment ------------------------------------------------------------------------
    def find_updates(self) -> list[tuple[int, int, int, str]]:
        out = []
        w, lex = self.words, self.lex
        for n in self.nums:
            k = n.i - 1
            while k >= 0 and not lex.to.at(w, k) and lex.between.at(w, k) and n.i - k < 4:
                k -= 1
            if k < 0 or not lex.to.at(w, k):
                continue
            span = self.update_span(k, n)
            if span is None:
                continue
            lo, hi = span
            head = self.head_cue(n)
            if head is not None and (head.term.category == "wounded" or head.joint):
                continue  # a wounded or a joint killed-and-wounded figure is not a death toll
            inner = [c for c in self.cues if lo <= c.i < n.i]
            if any(c.joint for c in inner) or (
                    any(c.term.category == "wounded" for c in inner)
                    and not any(c.term.category == "killed" for c in inner)):
                continue  # "ارتفاع حصيلة القتلى والجرحى إلى 40", "ارتفع عدد الجرحى إلى 40"
            n.used = True
            end = max(hi, head.j if head is not None else n.j)
            for c in self.cues:
                if lo <= c.i < end or c is head:
                    c.used = True
            if any(lex.aggregate.at(w, p) for p in range(lo, end)):
                continue  # a cumulative count over many events: no event's toll
            out.append((lo, end, n.value, "update.toll"))
        return out

    def update_span(self, k: int, n: _Num) -> tuple[int, int] | None:
        """``(first, end)`` tokens of "ارتفاع حصيلة ... إلى N" whose preposition is at ``k``."""
        w, lex = self.words, self.lex
        window = lex.update_window
        lo = k
        rise_at: int | None = None
        while lo > 0 and k - lo < window and not self.stop(lo - 1):
            lo -= 1
            if lex.rise.at(w, lo):
                rise_at = lo
        if rise_at is None:
            return None
        first = rise_at
        for p in range(rise_at - 1, max(-1, rise_at - window - 1), -1):
            if self.stop(p):
                break
            if lex.toll.at(w, p):
                first = p  # "حصيلة التفجير ... ارتفعت إلى"
        if first < rise_at or any(lex.toll.at(w, p) for p in range(rise_at, k)):
            return first, n.j
        after = next((p for p in range(n.j, min(len(w), n.j + 2)) if lex.toll.at(w, p)), None)
        cue = self.cue_of(after + 1) if after is not None else None
        if cue is None or cue.term.category != "killed":
            return None  # "ليرتفع إلى 37 عدد المواطنين الذين ..." counts people, not a toll
        return first, cue.j  # "ارتفع إلى 5 عدد القتلى"

    def mark_wounded(self) -> None:
        for c in self.cues:
            if c.term.category == "wounded":
                n = self.num_at(self.skip_between(c.j))
                if n is not None and not n.used:
                    n.used = True
        for n in self.nums:
            head = self.head_cue(n)
            if head is not None and head.term.category == "wounded" and not n.used:
                n.used = True
                head.used = True

    def headed(self) -> list[tuple[int, int, int, str]]:
        """Numbers whose head noun is a killed noun: "ثلاثة قتلى", "32 قتيلا"."""
        out = []
        for n in self.nums:
            head = self.head_cue(n)
            if n.used or head is None or head.term.category != "killed":
                continue
            n.used = head.used = True
            value = min(n.value, JOINT_CAP) if head.joint else n.value
            out.append((n.i, head.j, value, f"{head.term.id}+{n.rule}"))
        return out

    def backward(self, c: _Cue) -> tuple[int, int, str] | None:
        """A number (or counted noun) before a verb: "خمسة مدنيين قتلوا"."""
        for m in reversed(self.nums):
            if m.j > c.i:
                continue
            between = range(m.j, c.i)
            people = m.head is not None and self.lex.people.at(self.words, m.head)
            reach = SUBJECT_REACH_PEOPLE if people else SUBJECT_REACH
            if c.i - m.j > reach or any(self.stop(k) or self.is_cue_at(k) for k in between):
                break
            if self.clause[m.i] != self.clause[c.i]:
                break
            if m.used:
                return None
            m.used = True
            start = m.i
            value = self.chain_backward(m)
            start = min([start] + [x.i for x in self.nums if x.used and start - x.j <= 8
                                   and x.i < start])
            return start, value, m.rule
        for k in range(c.i - 1, max(-1, c.i - 4), -1):
            if self.stop(k) or self.is_cue_at(k) or self.clause[k] != self.clause[c.i]:
                break
            counted = self.people_count(k)
            if counted is not None:
                return k, counted[0], counted[1]
        return None

    def joint(self, c: _Cue) -> tuple[int, int, int, str]:
        """"مقتل وإصابة 12": deaths without their own number (3, at most the joint figure)."""
        if c.term.kind == "verb" and (back := self.backward(c)) is not None:
            return back[0], c.j, back[1], f"{c.term.id}+{back[2]}"  # "خمسة قتلوا وأصيب آخرون"
        wounded = next((x for x in self.cues if x.i >= c.j and x.term.category == "wounded"), None)
        n = self.num_at(self.skip_between(wounded.j)) if wounded is not None else None
        if n is None:
            return c.i, c.j, JOINT_CAP, f"{c.term.id}+joint"
        n.used = True
        return c.i, self.end_of(n), min(JOINT_CAP, n.value), f"{c.term.id}+joint+{n.rule}"

    def forward(self, c: _Cue) -> tuple[int, int, str] | None:
        """The count after a killed word: "مقتل 25", "قتل طفلان", "قتل مع ثلاثة آخرين"."""
        w = self.words
        k = self.skip_between(c.j)
        if c.term.value == 1:  # "قتل القيادي مع ثلاثة من مرافقيه"
            for m in range(c.j, min(len(w), c.j + 5)):
                if self.stop(m) or self.num_at(m) is not None or self.is_cue_at(m):
                    break
                if self.lex.companion.at(w, m):
                    n = self.num_at(self.skip_between(m + 1))
                    if n is not None and not n.used:
                        n.used = True
                        return self.end_of(n), n.value + 1, f"companion+{n.rule}"
                    break
        n = self.num_at(k)
        if n is not None:
            if n.used:
                return n.j, -1, ""  # already a toll or a wounded count
            n.used = True
            value, end = self.chain_forward(n)
            return end, value, n.rule
        counted = self.people_count(k)
        if counted is None:
            return None
        value, end = counted[0], k + 1
        after = self.num_at(end)
        if after is not None and not after.waw and not after.used:
            after.used = True  # "مقتل مدنيين اثنين": the number follows its noun
            value, end = after.value, after.j
        nxt = self.num_at(end) or self.num_at(end + 1)
        if nxt is not None and nxt.waw and not nxt.used and self.head_cue(nxt) is None:
            nxt.used = True  # "قتلت سيدة وثلاثة من أطفالها"
            more, end = self.chain_forward(nxt)
            value += more
        return end, value, counted[1]

    def killed(self) -> list[tuple[int, int, int, str]]:
        out = []
        for c in self.cues:
            if c.used or c.term.category != "killed":
                continue
            c.used = True
            if c.joint:
                if c.term.kind == "noun" and self.lex.definite(self.words[c.i]) \
                        and self.num_at(self.skip_between(c.j + 1)) is None:
                    continue  # "القتلى والجرحى نقلوا": the people of a toll already given
                out.append(self.joint(c))
                continue
            fwd = self.forward(c)
            if fwd is not None:
                if fwd[1] >= 0:
                    out.append((c.i, fwd[0], fwd[1], f"{c.term.id}+{fwd[2]}"))
                continue
            if c.term.kind == "verb" and (back := self.backward(c)) is not None:
                out.append((back[0], c.j, back[1], f"{c.term.id}+{back[2]}"))
                continue
            if c.term.kind == "noun" and self.lex.definite(self.words[c.i]):
                continue  # "القتلى" without a number refers back to a toll already given
            out.append((c.i, c.j, c.term.value, f"{c.term.id}+default"))
        return out


@functools.lru_cache(maxsize=256)
def read_tolls(text: str) -> tuple[FatalityMention, ...]:
    norm = normalise(text)
    r = _Reader(norm.text, load_lexicon())
    found: list[tuple[int, int, int, str, bool]] = []
    for rule, i, j in r.find_zero():
        found.append((i, j, 0, rule, False))
    for rule, i, j in r.find_self_killed():
        found.append((i, j, 1, rule, False))
    r.find_cues()
    r.find_numbers()
    found += [(i, j, v, rule, True) for i, j, v, rule in r.find_updates()]
    r.mark_wounded()
    found += [(i, j, v, rule, False) for i, j, v, rule in r.headed()]
    found += [(i, j, v, rule, False) for i, j, v, rule in r.killed()]
    out = []
    for i, j, value, rule, is_update in sorted(found):
        if not is_update and value and r.preliminary(i, j):
            rule += "+preliminary"
        a, b = norm.to_original(r.toks[i].start, r.toks[j - 1].end)
        out.append(FatalityMention(text[a:b], a, b, value, rule, is_update))
    return tuple(out)
