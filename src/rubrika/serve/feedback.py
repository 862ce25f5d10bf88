"""What the student page shows beside the record: the next steps and the grade's label.

The same helpers as the reports (``rubrika.reporters.present``), fed the record and the
rubric outline, so the page and the downloaded report always agree.
"""

from __future__ import annotations

from rubrika.reporters.present import grade_labels as _labels
from rubrika.reporters.present import next_steps

__all__ = ["grade_labels", "next_steps"]


def grade_labels(checker, lang: str) -> dict[str, str]:
    return _labels(checker.outline(lang))
