"""Credit-weighted precision and recall of concept detection against human labels.

A concept labelled ``found`` is worth 1, ``partial`` 0.5, ``missing`` 0. Where Rubrika gives
more credit than the label, the surplus counts as a false positive; where it gives less, the
shortfall counts as a false negative. Shared by ``tests/test_accuracy.py`` (own samples) and
``benchmarks/bench_accuracy.py`` (own samples and the real-writing corpus).
"""

from __future__ import annotations

from dataclasses import dataclass

CREDIT = {"f": 1.0, "p": 0.5, "m": 0.0}
CODE = {"found": "f", "partial": "p", "missing": "m"}


@dataclass
class Tally:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, want: str, got: str) -> None:
        """Count one concept: ``want`` is the label, ``got`` Rubrika's status (codes f/p/m)."""
        g, p = CREDIT[want], CREDIT[got]
        self.tp += min(g, p)
        self.fp += max(0.0, p - g)
        self.fn += max(0.0, g - p)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Binary:
    """Precision and recall of "the text expresses this idea": a label or status of found or
    partial counts as yes (issue 20's measure; the readers' agreement is measured the same way)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, want: str, got: str) -> None:
        """``want``, ``got``: status codes f/p/m."""
        w, g = want != "m", got != "m"
        self.tp += w and g
        self.fp += g and not w
        self.fn += w and not g

    def update(self, other: Binary) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else (1.0 if not self.fp + self.fn else 0.0)


def overlaps(span: tuple[int, int], spans) -> bool:
    """Whether a character span shares a character with any of ``spans``."""
    return any(start < span[1] and span[0] < end for start, end in spans)
