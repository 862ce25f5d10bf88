"""Token patterns that start with a given word, found as spaCy's ``Matcher`` finds them, faster.

spaCy's ``Matcher`` tries every pattern at every token: with the ~200 words-apart patterns of
a rubric (``kerja`` + up to 3 other words + ``sama``) that was half the time of a check. A
pattern whose first token must be one given word can only start at that word, so here the
patterns are indexed by that word and tried only where it occurs; patterns that begin alike
share the work (a trie of token specs, a next word looked up rather than tried in turn). The
result is the same set of ``(label, start, end)`` as the ``Matcher`` gives (all matches,
every length, not greedy).

Only a plain subset of the pattern language is taken (``accepts``): string equality, ``IN``
and ``NOT_IN`` on ``ORTH``/``TEXT``/``LOWER``/``NORM``, the flags ``IS_PUNCT``/``IS_SPACE``/
``IS_ALPHA``, and the bounded operators ``?``, ``{n}``, ``{n,m}``, ``{,m}`` on a token that is
neither the first nor the last; the first token must require a word, or one of a list of words
(``{"LOWER": {"IN": [...]}}``: indexed by each). Any other pattern stays with spaCy's ``Matcher``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, NORM, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM}
_FLAG_ATTRS = {"IS_PUNCT": IS_PUNCT, "IS_SPACE": IS_SPACE, "IS_ALPHA": IS_ALPHA}
COLUMNS = (ORTH, LOWER, NORM, IS_PUNCT, IS_SPACE, IS_ALPHA)  # the token attributes a spec can test
_COLUMN = {attr: i for i, attr in enumerate(COLUMNS)}
_BOUNDED = re.compile(r"^\{(\d*)(,?)(\d*)\}$")

# A token spec: (tests, min, max); a test is (column, kind, value), kind "eq" (value: an int),
# "in" or "not_in" (value: a frozenset of ints).
Test = tuple[int, str, Any]
Spec = tuple[tuple[Test, ...], int, int]
Rows = Sequence[Sequence[int]]  # per token, the values of COLUMNS


def _repeat(op: object) -> tuple[int, int] | None:
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    m = _BOUNDED.match(op) if isinstance(op, str) else None
    if not m:
        return None
    low, comma, high = m.groups()
    if not comma:
        return (int(low), int(low)) if low else None
    if not high:
        return None  # "{n,}": unbounded
    return int(low or 0), int(high)


def _spec(token: object) -> Spec | None:
    if not isinstance(token, dict):
        return None
    tests: list[Test] = []
    repeat = (1, 1)
    for key, value in token.items():
        key_u = key.upper() if isinstance(key, str) else None
        if key_u == "OP":
            op = _repeat(value)
            if op is None:
                return None
            repeat = op
        elif key_u in _STRING_ATTRS:
            column = _COLUMN[_STRING_ATTRS[key_u]]
            if isinstance(value, str):
                tests.append((column, "eq", get_string_id(value)))
            elif (isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN")
                  and isinstance(next(iter(value.values())), list)
                  and all(isinstance(v, str) for v in next(iter(value.values())))):
                kind, values = next(iter(value.items()))
                tests.append((column, kind.lower(), frozenset(get_string_id(v) for v in values)))
            else:
                return None
        elif key_u in _FLAG_ATTRS and isinstance(value, bool):
            tests.append((_COLUMN[_FLAG_ATTRS[key_u]], "eq", int(value)))
        else:
            return None
    return tuple(tests), repeat[0], repeat[1]


def accepts(pattern: object) -> list[Spec] | None:
    """The pattern as specs when this module can match it, else None."""
    if not isinstance(pattern, list) or not pattern:
        return None
    specs = [spec for spec in map(_spec, pattern) if spec is not None]
    if len(specs) < len(pattern):
        return None
    first, last = specs[0], specs[-1]
    if first[1:] != (1, 1) or last[1:] != (1, 1):
        return None
    if _anchor(first[0]) is None:
        return None
    return specs


def _anchor(tests: tuple[Test, ...]) -> tuple[int, frozenset[int]] | None:
    """The column and the words a first token requires: one word (``eq``) if it names one, else
    the words of an ``IN`` list; None if it requires no word."""
    words = [t for t in tests if t[0] in (0, 1, 2) and t[1] == "eq"] or \
        [t for t in tests if t[0] in (0, 1, 2) and t[1] == "in"]
    if not words:
        return None
    column, kind, value = words[0]
    return column, frozenset((value,)) if kind == "eq" else value


def _holds(tests: tuple[Test, ...], rows: Rows, i: int) -> bool:
    row = rows[i]
    for column, kind, value in tests:
        got = row[column]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif got in value:  # not_in
            return False
    return True


class _Node:
    """Patterns that share their first token specs share a path: each is tried once per start.
    A child that is one given word is found by that word, not tried in turn."""

    __slots__ = ("labels", "words", "word_columns", "others")

    def __init__(self) -> None:
        self.labels: list[int] = []  # patterns that end here
        self.words: tuple[dict[int, _Node], ...] = ({}, {}, {})  # per column, value -> child for a one-word spec
        self.word_columns: tuple[tuple[int, dict[int, _Node]], ...] = ()  # the columns of words that have any
        self.others: dict[Spec, _Node] = {}  # every other child

    def child(self, spec: Spec) -> _Node:
        tests, low, high = spec
        if (low, high) == (1, 1) and len(tests) == 1 and tests[0][1] == "eq" and tests[0][0] < 3:
            column = tests[0][0]
            self.word_columns = tuple((c, w) for c, w in enumerate(self.words) if w or c == column)
            return self.words[column].setdefault(tests[0][2], _Node())
        return self.others.setdefault(spec, _Node())


class AnchoredPatterns:
    """Token patterns indexed by the word their first token requires, in a trie of token specs."""

    def __init__(self) -> None:
        # per column (ORTH, LOWER, NORM), the word a first token requires -> its first specs
        self._index: tuple[dict[int, dict[Spec, _Node]], ...] = ({}, {}, {})
        self._firsts: dict[Spec, _Node] = {}  # one node per first spec, under every word it is indexed by
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add(self, label: int, specs: list[Spec]) -> None:
        anchor = _anchor(specs[0][0])
        assert anchor is not None, "add() takes what accepts() returned"
        column, values = anchor
        node = self._firsts.setdefault(specs[0], _Node())
        for value in values:
            self._index[column].setdefault(value, {})[specs[0]] = node
        for spec in specs[1:]:
            node = node.child(spec)
        node.labels.append(label)
        self.count += 1

    def __call__(self, doc: Doc, rows: Rows | None = None) -> set[tuple[int, int, int]]:
        """Every (label, start, end) that spaCy's Matcher would give for these patterns;
        ``rows``: the doc's ``COLUMNS`` per token, when already read."""
        found: set[tuple[int, int, int]] = set()
        if not self.count or not len(doc):
            return found
        if rows is None:
            rows = doc.to_array(list(COLUMNS)).tolist()
        columns = [(column, index) for column, index in enumerate(self._index) if index]
        for i, row in enumerate(rows):
            for column, index in columns:
                firsts = index.get(row[column])
                if firsts is None:
                    continue
                for (tests, _, _), node in firsts.items():
                    # a first spec of one test is the word it was found by
                    if len(tests) == 1 or _holds(tests, rows, i):
                        _walk(node, i, {i + 1}, rows, found)
        return found


def _walk(node: _Node, start: int, frontier: set[int], rows: Rows, found: set[tuple[int, int, int]]) -> None:
    """Add the matches of the patterns under ``node``, whose specs so far can end at any
    position of ``frontier`` (every way of matching them, as a set)."""
    for label in node.labels:
        found.update((label, start, end) for end in frontier)
    n = len(rows)
    if node.word_columns:
        word_columns = node.word_columns
        reached_by: dict[_Node, set[int]] = {}
        for p in frontier:
            if p < n:
                row = rows[p]
                for column, words in word_columns:
                    child = words.get(row[column])
                    if child is not None:
                        reached_by.setdefault(child, set()).add(p + 1)
        for child, after in reached_by.items():
            _walk(child, start, after, rows, found)
    for (tests, low, high), child in node.others.items():
        reached: set[int] = set()
        for p in frontier:
            taken = 0
            while True:
                if taken >= low:
                    reached.add(p + taken)
                if taken == high or p + taken >= n or not _holds(tests, rows, p + taken):
                    break
                taken += 1
        if reached:
            _walk(child, start, reached, rows, found)
