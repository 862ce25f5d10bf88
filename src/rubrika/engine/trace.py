"""What the engine saw in one essay on its way to the result: for tools that explain a result.

``Checker.check(essay, trace=True)`` returns it beside the result, so ``rubric explain`` and
``rubric suggest`` read the very analysis and matches the check used, instead of running the
pipeline and the matchers a second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from rubrika.engine.analysis import Analysis
from rubrika.engine.matcher import RULER_KEY
from rubrika.engine.scorer import Matches


@dataclass(frozen=True)
class Trace:
    """The intermediate results of one check."""

    analysis: Analysis  # the pipeline pass: doc (typo repairs applied), sentences, paragraphs
    matches: Matches  # reference list, hits per concept, definition cues, typo repairs, body end, raw matches

    @property
    def body_end(self) -> int:
        """The first token of the reference list (or the essay's end)."""
        return self.matches.body_end

    def body_matches(self) -> list[tuple[int, int, int]]:
        """Every term and pattern match (label, start, end) before the reference list, as the
        matcher gave them: before overlapping matches are merged into evidence."""
        return [m for m in self.matches.found if m[2] <= self.matches.body_end]

    def body_spans(self) -> list[Span]:
        """The same matches as spaCy spans (``doc.spans``), labelled with the compiled rubric's targets."""
        return [span for span in self.analysis.doc.spans.get(RULER_KEY, []) if span.end <= self.matches.body_end]
