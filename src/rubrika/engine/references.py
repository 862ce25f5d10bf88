"""Find the reference list and in-text citations of an essay."""

from __future__ import annotations

from dataclasses import dataclass, field

from rubrika.engine.analysis import Analysis
from rubrika.engine.matcher import CompiledRubric

_HEADING_MAX_TOKENS = 6


@dataclass
class ReferenceFindings:
    heading: tuple[int, int] | None = None  # token span of the heading
    section_start_char: int | None = None  # laid-out char where the reference list starts
    entries: list[tuple[int, int]] = field(default_factory=list)  # token spans, one per entry line
    citations: list[tuple[int, int]] = field(default_factory=list)


def find_references(compiled: CompiledRubric, analysis: Analysis) -> ReferenceFindings:
    """The last heading-only line naming a reference list, its entries, and citations.

    An entry is a line of the reference section with a year (or ``n.d.``) or a URL.
    Citations are looked for in the essay body only.
    """
    doc = analysis.doc
    findings = ReferenceFindings()
    heading_matchers = list(compiled.headings.values())
    for phrases in heading_matchers:
        for _, start, end in phrases(doc):
            s_start, s_end = analysis.sentences[analysis.sent_of[start]]
            words = [t for t in doc[s_start:s_end] if not (t.is_punct or t.is_space)]
            if len(words) > _HEADING_MAX_TOKENS or any(t.i < start or t.i >= end for t in words):
                continue
            if findings.heading is None or start > findings.heading[0]:
                findings.heading = (start, end)
    body_end = len(doc)
    matches = [(doc.vocab.strings[m], s, e) for m, s, e in compiled.references(doc)]
    if findings.heading is not None:
        h_end = analysis.sentences[analysis.sent_of[findings.heading[0]]][1]
        body_end = h_end
        findings.section_start_char = doc[findings.heading[0]].idx
        findings.entries = _entries(analysis, h_end, [(k, s) for k, s, _ in matches if s >= h_end])
    findings.citations = [(s, e) for k, s, e in matches if k == "citation" and e <= body_end]
    return findings


def _entries(analysis: Analysis, start_token: int, marks_at: list[tuple[str, int]]) -> list[tuple[int, int]]:
    doc = analysis.doc
    lines: list[tuple[int, int]] = []
    line_start = start_token
    for token in doc[start_token:]:
        if token.is_space and "\n" in token.text:
            if token.i > line_start:
                lines.append((line_start, token.i))
            line_start = token.i + 1
    if line_start < len(doc):
        lines.append((line_start, len(doc)))
    marks: dict[int, set[str]] = {}
    for kind, start in marks_at:
        marks.setdefault(start, set()).add(kind)
    entries = []
    for begin, end in lines:
        kinds = set().union(*(marks.get(i, set()) for i in range(begin, end)))
        alpha = sum(1 for t in doc[begin:end] if t.is_alpha)
        if "year" in kinds or ("url" in kinds and alpha >= 2):
            entries.append((begin, end))
    return entries
