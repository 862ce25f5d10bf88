"""Bounds on hand-written token patterns, checked when a rubric loads.

spaCy's Matcher runs a pattern's ``REGEX`` with Python's backtracking ``re`` on every
token it reaches, so one regular expression can hang every check (``^(a|a)*b$`` on a
40-letter word), and an ``OP`` such as ``{99999999999}`` is expanded into that many
token specs. Neither can be interrupted from inside the Matcher, and a REGEX cannot be
handed to another engine without leaving spaCy's pattern language, so the bound is
enforced on the pattern itself: a safe subset of regular expressions, judged on the
parse tree ``re`` itself builds:

* no repeat of something that can match in more than one way: a repeated group must
  have a fixed width (``(ab)+``, not ``(a+)+``, ``(a|aa)*`` or ``(.*a){12}``), and an
  alternation inside a repeat must be decided by its first letter (``(ab|cd)+``,
  not ``(a|ab)+``);
* at most ``MAX_DEGREE`` open-ended repeats that the engine may try one against another,
  counting the search from every start position unless the REGEX starts with ``^``, and
  a repeated group as two (it is several times slower per step than one letter class):
  ``\\w+an``, ``^a*b*c$``, ``^(ab|cd)+$`` pass; ``.*.*x``, ``^a*a*a*b$``, ``(a|b)*c`` do
  not. Backtracking then costs at most (token length)^2 steps, and a token is at most
  2,000 characters (``Limits.max_word``);
* no counted repeat over ``MAX_COUNT``, no back-references, no repeats inside lookarounds,
  at most ``MAX_LENGTH`` characters;
* ``OP`` repeats a token at most ``MAX_OP_REPEAT`` times.

Each check returns a problem as (message key, arguments) or None; the keys are in i18n.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# The regex parser's own modules (private, so untyped): re._parser from Python 3.11 on,
# sre_parse before (which 3.11 deprecates).
try:  # Python 3.11+
    sre_c: Any = importlib.import_module("re._constants")
    sre_parse: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    sre_c = importlib.import_module("sre_constants")
    sre_parse = importlib.import_module("sre_parse")

MAX_LENGTH = 300  # characters of one REGEX
MAX_COUNT = 100  # {n} / {n,m} inside a REGEX
MAX_DEGREE = 2  # open-ended repeats tried against each other, the search's start included
SMALL_RANGE = 10  # a{2,5} tries a handful of lengths: a constant, not a degree
MAX_OP_REPEAT = 20  # OP: '{n,m}' on a token

_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT} | ({sre_c.POSSESSIVE_REPEAT} if hasattr(sre_c, "POSSESSIVE_REPEAT")
                                                  else set())
_ATOMIC = getattr(sre_c, "ATOMIC_GROUP", None)
_SIMPLE = {sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.ANY, sre_c.IN, sre_c.AT, sre_c.CATEGORY}
_OP = re.compile(r"^\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}$")

Problem = tuple[str, dict[str, Any]]


class _Unsafe(Exception):
    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key, self.args_ = key, args


def _first_letter(branch: Any, ignore_case: bool) -> str | None:
    items = list(branch)
    if not items or items[0][0] is not sre_c.LITERAL:
        return None
    char = chr(items[0][1])
    return char.lower() if ignore_case else char


def _walk(items: Any, in_repeat: bool, ignore_case: bool) -> int:
    """The number of open-ended repeats along the worst path; _Unsafe for a nested one."""
    degree = 0
    for op, av in items:
        if op in _SIMPLE:
            continue
        if op is sre_c.SUBPATTERN:
            degree += _walk(av[-1], in_repeat, ignore_case)
        elif _ATOMIC is not None and op is _ATOMIC:
            degree += _walk(av, in_repeat, ignore_case)
        elif op is sre_c.BRANCH:
            branches = av[1]
            if in_repeat:
                firsts = [_first_letter(b, ignore_case) for b in branches]
                if None in firsts or len(set(firsts)) < len(firsts):
                    raise _Unsafe("rubric.regex_nested")
            degree += max(_walk(b, in_repeat, ignore_case) for b in branches)
        elif op in _REPEATS:
            low, high, body = av
            unbounded = high == sre_c.MAXREPEAT
            if low > MAX_COUNT or (not unbounded and high > MAX_COUNT):
                raise _Unsafe("rubric.regex_count", count=high if not unbounded and high > MAX_COUNT else low,
                              limit=MAX_COUNT)
            repeats = unbounded or high > 1
            if repeats:
                width = body.getwidth()
                if width[0] != width[1]:  # the repeated part itself can match in several lengths
                    raise _Unsafe("rubric.regex_nested")
            degree += _walk(body, in_repeat or repeats, ignore_case)
            if unbounded or high - low > SMALL_RANGE:
                single = len(body) == 1 and body[0][0] in _SIMPLE
                degree += 1 if single else 2  # a repeated group costs a capture and a branch per step
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if _walk(av[1], in_repeat, ignore_case):
                raise _Unsafe("rubric.regex_lookaround")
        elif str(op).startswith("GROUPREF"):
            raise _Unsafe("rubric.regex_backref")
        else:  # anything not known to be cheap
            raise _Unsafe("rubric.regex_unsupported", what=str(op).lower())
    return degree


def regex_problem(regex: str) -> Problem | None:
    """Why ``regex`` may not be run on students' words, or None when it is safe."""
    if len(regex) > MAX_LENGTH:
        return "rubric.regex_long", {"value": regex[:60] + "…", "limit": MAX_LENGTH}
    try:
        parsed = sre_parse.parse(regex)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        return "rubric.regex_invalid", {"value": regex, "detail": str(exc)}
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    items = list(parsed)
    anchored = bool(items) and items[0][0] is sre_c.AT and items[0][1] in (sre_c.AT_BEGINNING,
                                                                             sre_c.AT_BEGINNING_STRING)
    try:
        degree = _walk(items, False, ignore_case) + (0 if anchored else 1)
    except _Unsafe as exc:
        return exc.key, {"value": regex, **exc.args_}
    except RecursionError:
        return "rubric.regex_nested", {"value": regex}
    if degree > MAX_DEGREE:
        return "rubric.regex_overlap", {"value": regex}
    return None


def op_problem(op: object) -> Problem | None:
    """Why a token's ``OP`` repeats it too often, or None."""
    m = _OP.match(op) if isinstance(op, str) else None
    if not m:
        return None
    counts = [int(n) for n in m.groups() if n]
    if any(n > MAX_OP_REPEAT for n in counts):
        return "rubric.op_repeat", {"value": op, "limit": MAX_OP_REPEAT}
    return None


def regexes(spec: object, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], object]]:
    """Every REGEX in one token spec, with its path inside the spec."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "REGEX" and path:
                yield path + (key,), value
            else:
                yield from regexes(value, path + (key,))


def token_problems(spec: object) -> list[tuple[tuple[Any, ...], str, dict[str, Any]]]:
    """(path inside the token spec, key, args) for each unsafe part of one token spec."""
    found: list[tuple[tuple[Any, ...], str, dict[str, Any]]] = []
    if not isinstance(spec, dict):
        return found
    problem = op_problem(spec.get("OP"))
    if problem:
        found.append((("OP",), *problem))
    for path, regex in regexes(spec):
        problem = regex_problem(str(regex))
        if problem:
            found.append((path, *problem))
    return found
