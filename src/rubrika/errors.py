"""User errors (bad rubric, unreadable essay) as values, kept apart from bugs.

A problem keeps a message key and its arguments, so the same problem can be shown
in Indonesian or English at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rubrika.messages import t


# The likely fix for each kind of problem, unless a problem names its own.
HINTS = {
    "rubric.unknown_key": "hint.unknown_key",
    "rubric.number": "hint.number",
    "rubric.integer": "hint.number",
    "rubric.duplicate_id": "hint.duplicate_id",
    "rubric.levels_order": "hint.order",
    "rubric.levels_floor": "hint.order",
    "rubric.grades_order": "hint.order",
    "rubric.grades_floor": "hint.order",
    "rubric.no_terms": "hint.terms",
    "rubric.example_failed": "hint.example",
    "rubric.placeholder": "hint.placeholder",
    "rubric.template_syntax": "hint.placeholder",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rubric file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    key: str
    args: dict = field(default_factory=dict)
    suggestion: str | None = None
    allowed: tuple[str, ...] = ()
    source_line: str | None = None
    hint: str | None = None  # message key of a likely fix

    def format(self, lang: str = "id") -> str:
        args = self.args
        if self.key == "rubric.yaml":  # the YAML parser's own words, translated
            from rubrika.messages.yaml_messages import translate

            args = {**args, "problem": translate(str(args.get("problem", "")), lang)}
        head = f"{self.file}:{self.line}:{self.column}: {t(self.key, lang, **args)}"
        if self.suggestion:
            head += f" ({t('rubric.did_you_mean', lang, suggestion=self.suggestion)})"
        lines = [head]
        if self.source_line is not None:
            gutter = f"{self.line:>5} | "
            lines.append(gutter + self.source_line)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (self.column - 1) + "^")
        if self.allowed:
            lines.append("      " + t("rubric.allowed", lang, allowed=", ".join(self.allowed)))
        hint = self.hint or HINTS.get(self.key)
        if hint:
            lines.append("      " + t("rubric.hint", lang, hint=t(hint, lang)))
        return "\n".join(lines)


class RubrikaError(Exception):
    """Base class of errors caused by user input, never by a bug."""


class RubricError(RubrikaError):
    """A rubric that cannot be used; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__(self.format("en"))

    def format(self, lang: str = "id") -> str:
        return "\n".join(p.format(lang) for p in self.problems)
