"""A rubric's self-tests: every concept's example sentences, checked one by one
(``rubric test``, and ``rubric validate`` as positioned problems).

An example tests how a concept's terms read a sentence, not the copy check: it is checked
without the rubric's source fingerprints, so a sentence taken from the article the rubric was
drafted from (``rubric draft``) gives the status its terms give."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from rubrika.api import Checker
from rubrika.errors import Problem
from rubrika.messages import t
from rubrika.readers.essay import Essay

STATUS_OF_EXAMPLE = {"match": "found", "partial": "partial", "no_match": "missing"}


@dataclass(frozen=True)
class ExampleResult:
    criterion: str
    concept: str
    kind: str  # match | partial | no_match
    index: int
    sentence: str
    expected: str
    got: str

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def example_checker(checker: Checker) -> Checker:
    """``checker`` without source fingerprints: the same compiled rubric, no copy check."""
    plain = copy.copy(checker)
    plain.source_hashes = frozenset()
    return plain


def run_examples(checker: Checker) -> list[ExampleResult]:
    """Check every example sentence of every concept on its own."""
    checker = example_checker(checker)
    results = []
    for criterion, concept in checker.rubric.concepts():
        for kind, expected in STATUS_OF_EXAMPLE.items():
            for i, sentence in enumerate(getattr(concept.examples, kind)):
                result = checker.check(Essay(text=sentence)).result
                crit = next(c for c in result.criteria if c.id == criterion.id)
                got = next(k.status for k in crit.concepts if k.id == concept.id)
                results.append(ExampleResult(criterion.id, concept.id, kind, i, sentence, expected, got))
    return results


def example_problems(checker: Checker, lang: str = "id") -> list[Problem]:
    """Failing examples as positioned problems, for ``rubric validate``."""
    positions = getattr(checker.rubric, "_positions", None)
    problems = []
    index = {(c.id, k.id): (ci, ki) for ci, c in enumerate(checker.rubric.criteria)
             for ki, k in enumerate(getattr(c, "concepts", []))}
    for r in run_examples(checker):
        if r.ok:
            continue
        ci, ki = index[(r.criterion, r.concept)]
        args = {"concept": r.concept, "expected": t(f"status.{r.expected}", lang), "got": t(f"status.{r.got}", lang),
                "sentence": r.sentence}
        path = ("criteria", ci, "concepts", ki, "examples", r.kind, r.index)
        if positions is not None:
            problems.append(positions.problem(path, "rubric.example_failed", args=args))
        else:
            problems.append(Problem("<rubric>", 1, 1, "rubric.example_failed", args))
    return problems
