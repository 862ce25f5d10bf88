"""Checks a schema cannot express, run on the raw data so they report alongside it.

Each check tolerates malformed data (the schema reports that); it only looks at
values of the right shape.
"""

from __future__ import annotations

import string
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from rubrika.errors import Problem
from rubrika.nlp.language_data import word_classes
from rubrika.rubric.patterns import token_problems

if TYPE_CHECKING:
    from rubrika.rubric.loader import Path_, Positions

# Placeholders a feedback text may hold, filled in for each essay. In level texts, {found},
# {partial} and {missing} list concepts by status (see rubrika.messages.feedback).
CONCEPT_PLACEHOLDERS = ("label", "evidence")
LEVEL_PLACEHOLDERS = ("title", "score", "points", "weight", "missing", "partial", "found")


def _items(value: Any) -> list[tuple[int, dict[Any, Any]]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _check_ids(items: list[tuple[Path_, Any]], positions: Positions, problems: list[Problem]) -> None:
    seen: dict[str, Path_] = {}
    for path, value in items:
        if not isinstance(value, str):
            continue
        if value in seen:
            line = positions.locate(seen[value])[0]
            problems.append(positions.problem(path, "rubric.duplicate_id", args={"value": value, "line": line}))
        else:
            seen[value] = path


def _check_descending(entries: list[tuple[int, dict[Any, Any]]], base: Path_, order_key: str, floor_key: str,
                      positions: Positions, problems: list[Problem]) -> None:
    previous = None
    last_path: Path_ | None = None
    last_value: float | None = None
    for i, entry in entries:
        value = _number(entry.get("min"))
        if value is None:
            continue
        if previous is not None and value >= previous:
            problems.append(positions.problem(base + (i, "min"), order_key, args={"value": value, "previous": previous}))
        previous = value
        last_path, last_value = base + (i, "min"), value
    if last_path is not None and last_value != 0:
        problems.append(positions.problem(last_path, floor_key))


def _check_placeholders(value: Any, path: Path_, allowed: tuple[str, ...], positions: Positions,
                        problems: list[Problem]) -> None:
    texts = value.items() if isinstance(value, dict) else [(None, value)]
    for lang, text in texts:
        if not isinstance(text, str):
            continue
        where = path + ((lang,) if lang else ())
        try:
            parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            problems.append(positions.problem(where, "rubric.template_syntax", args={"detail": str(exc)}))
            continue
        fields = []
        for name, spec, conversion in parsed:
            if spec or conversion:  # "{points:.1f}", "{x!r}", "{label:{label}}", "{label:>1500000000}"
                written = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
                problems.append(positions.problem(where, "rubric.placeholder_format",
                                                  args={"value": written, "name": name}))
                continue
            fields.append(name)
        for name in fields:
            if name not in allowed:
                import difflib

                close = difflib.get_close_matches(name, allowed, n=1)
                problems.append(positions.problem(where, "rubric.placeholder", args={"value": name},
                                                  allowed=tuple("{" + a + "}" for a in allowed),
                                                  suggestion="{" + close[0] + "}" if close else None))


def _known_classes(data: dict[Any, Any]) -> set[str]:
    own = data.get("classes")
    return set(word_classes()) | (set(own) if isinstance(own, dict) else set())


def check(data: dict[Any, Any], positions: Positions) -> list[Problem]:
    problems: list[Problem] = []
    grades = _items(data.get("grades"))
    _check_descending(grades, ("grades",), "rubric.grades_order", "rubric.grades_floor", positions, problems)

    length = data.get("length")
    if isinstance(length, dict):
        low, high = _number(length.get("min_words")), _number(length.get("max_words"))
        if low is not None and high is not None and high < low:
            problems.append(positions.problem(("length", "max_words"), "rubric.length_order"))

    criteria = _items(data.get("criteria"))
    _check_ids([(("criteria", i, "id"), c.get("id")) for i, c in criteria], positions, problems)
    concept_ids: list[tuple[Path_, Any]] = []
    for i, criterion in criteria:
        base = ("criteria", i)
        _check_descending(_items(criterion.get("levels")), base + ("levels",), "rubric.levels_order",
                          "rubric.levels_floor", positions, problems)
        for li, level in _items(criterion.get("levels")):
            _check_placeholders(level.get("feedback"), base + ("levels", li, "feedback"), LEVEL_PLACEHOLDERS,
                                positions, problems)
        feedbacks: list[tuple[Path_, Any]] = [(("concepts", j, "feedback"), c.get("feedback"))
                                              for j, c in _items(criterion.get("concepts"))]
        checks_ = criterion.get("checks")
        if isinstance(checks_, dict):
            feedbacks += [(("checks", k), v) for k, v in checks_.items() if k != "labels"]
        for fpath, feedback in feedbacks:
            if isinstance(feedback, dict):
                for status in ("missing", "partial", "found"):
                    _check_placeholders(feedback.get(status), base + fpath + (status,), CONCEPT_PLACEHOLDERS,
                                        positions, problems)
        for j, concept in _items(criterion.get("concepts")):
            cpath = base + ("concepts", j)
            concept_ids.append((cpath + ("id",), concept.get("id")))
            _check_concept(concept, cpath, positions, problems, data)
    _check_ids(concept_ids, positions, problems)
    return problems


def _check_patterns(patterns: Any, path: Path_, positions: Positions, problems: list[Problem]) -> None:
    """REGEX and OP values that could hang a check or exhaust memory (rubrika.rubric.patterns)."""
    for k, pattern in enumerate(patterns) if isinstance(patterns, list) else ():
        for i, spec in enumerate(pattern) if isinstance(pattern, list) else ():
            for where, key, args in token_problems(spec):
                problems.append(positions.problem(path + ("patterns", k, i) + where, key, args=args))


def _suggest(name: str, known: Collection[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return close[0] if close else None


def _check_rules(concept: dict[Any, Any], path: Path_, positions: Positions, problems: list[Problem]) -> None:
    """Rules name groups of the concept, say found or partial (one of them), and never give credit
    for context groups alone."""
    groups = {g.get("name"): g for _, g in _items(concept.get("groups"))}
    for r, rule in _items(concept.get("rules")):
        rpath = path + ("rules", r)
        kinds = [k for k in ("found", "partial") if rule.get(k) is not None]
        if len(kinds) != 1:
            problems.append(positions.problem(rpath, "rubric.rule_kind"))
            continue
        names = rule.get(kinds[0])
        if not isinstance(names, list):
            continue
        unless = rule.get("unless")
        named = [(kinds[0], n, name) for n, name in enumerate(names)]
        named += [("unless", n, name) for n, name in enumerate(unless if isinstance(unless, list) else [])]
        for key, n, name in named:
            if isinstance(name, str) and name not in groups:
                problems.append(positions.problem(rpath + (key, n), "rubric.rule_group", args={"value": name},
                                                  allowed=tuple(str(g) for g in groups),
                                                  suggestion=_suggest(name, [str(g) for g in groups])))
        if names and all(isinstance(groups.get(n), dict) and groups[n].get("context") is True for n in names):
            problems.append(positions.problem(rpath + (kinds[0],), "rubric.rule_context_alone"))


def _check_concept(concept: dict[Any, Any], path: Path_, positions: Positions, problems: list[Problem],
                   data: dict[Any, Any] | None = None) -> None:
    _check_patterns(concept.get("patterns"), path, positions, problems)
    for k, group in _items(concept.get("groups")):
        _check_patterns(group.get("patterns"), path + ("groups", k), positions, problems)
    groups = concept.get("groups")
    if not isinstance(groups, list):
        groups = []
    has_groups = len(groups) > 0
    if not concept.get("terms") and not concept.get("patterns") and not has_groups:
        if "terms" not in concept or concept.get("terms") == []:
            where = path + ("terms",) if "terms" in concept else path
            problems.append(positions.problem(where, "rubric.no_terms", args={"value": concept.get("id", "?")}))
    if has_groups:
        if len(groups) < 2:
            problems.append(positions.problem(path + ("groups",), "rubric.one_group"))
        _check_ids([(path + ("groups", k, "name"), g.get("name")) for k, g in _items(groups)], positions, problems)
        known = _known_classes(data or {})
        for k, group in _items(groups):
            if not group.get("terms") and not group.get("patterns") and not group.get("classes"):
                problems.append(positions.problem(path + ("groups", k), "rubric.group_no_terms",
                                                  args={"value": group.get("name", "?")}))
            if group.get("context") is True and group.get("partial") is True:
                problems.append(positions.problem(path + ("groups", k, "partial"), "rubric.group_context_partial",
                                                  args={"value": group.get("name", "?")}))
            classes = group.get("classes")
            for c, name in enumerate(classes) if isinstance(classes, list) else ():
                if isinstance(name, str) and name not in known:
                    problems.append(positions.problem(path + ("groups", k, "classes", c), "rubric.class_unknown",
                                                      args={"value": name}, allowed=tuple(sorted(known)),
                                                      suggestion=_suggest(name, known)))
    if concept.get("rules") and not has_groups:
        problems.append(positions.problem(path + ("rules",), "rubric.rules_without_groups"))
    _check_rules(concept, path, positions, problems)
