"""References: the article's own reference list and its in-text citations, found by the engine's
reference reader with the built-in rubric's headings, as a references criterion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rubrika.engine.analysis import analyse
from rubrika.engine.matcher import compile_rubric
from rubrika.engine.references import find_references
from rubrika.rubric import load_rubric
from rubrika.rubric.model import ReferencesCriterion, Rubric

_AUTHOR_YEAR = re.compile(r"^\s*(?P<author>[A-Z][\w'’.-]+(?:\s*(?:&|dan)\s*[A-Z][\w'’.-]+)?)[^()\n]{0,60}?\(?(?P<year>(?:19|20)\d\d)\)?")


@dataclass
class ReferenceList:
    heading: str | None  # as the article writes it
    heading_start: int | None  # character offset of the heading in the original text
    entries: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # sources named without a year
    line: int | None = None

    def example_citation(self) -> tuple[str, str] | None:
        """(author, year) for a sentence starter: a citation of the article, else its first entry."""
        for text in self.citations + self.entries:
            m = _AUTHOR_YEAR.search(text.strip("() "))
            if m:
                return m.group("author").split()[0].rstrip(",."), m.group("year")
        return None


def builtin_references() -> ReferencesCriterion:
    """The built-in rubric's references criterion: its headings are the ones drafted."""
    for criterion in load_rubric(None).criteria:
        if isinstance(criterion, ReferencesCriterion):
            return criterion
    raise LookupError("the built-in rubric has no references criterion")


def find_reference_list(text: str) -> ReferenceList:
    """The reference list (its heading and entries) and citations of ``text``."""
    criterion = builtin_references()
    rubric = Rubric(id="draf", title="draf", version="0", grades=[{"min": 0, "grade": "-"}], criteria=[criterion])
    compiled = compile_rubric(rubric)
    analysis = analyse(text, compiled.nlp)
    found = find_references(compiled, analysis)

    def texts(spans: list[tuple[int, int]]) -> list[str]:
        out = []
        for start, end in spans:
            a, b = analysis.span(start, end)
            out.append(" ".join(text[a:b].split()))
        return out

    heading = heading_start = line = None
    if found.heading is not None:
        heading_start, end = analysis.span(*found.heading)
        heading = text[heading_start:end]
        line = text.count("\n", 0, heading_start) + 1
    return ReferenceList(heading, heading_start, texts(found.entries), texts(found.citations), texts(found.named), line)
