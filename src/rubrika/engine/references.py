"""Find the reference list and in-text citations of an essay."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import LIKE_URL, LOWER, ORTH
from spacy.strings import StringStore, get_string_id

from rubrika.engine.analysis import Analysis
from rubrika.engine.matcher import NAMED_STARTS, YEAR, CompiledRubric
from rubrika.nlp import language_data

_HEADING_MAX_TOKENS = 6
_NAMED_MAX_TOKENS = 8  # the longest "named" pattern of matcher.compile_rubric is 6 tokens
_YEAR = re.compile(YEAR)
_NO_YEAR = language_data.get().no_year


@dataclass
class ReferenceFindings:
    heading: tuple[int, int] | None = None  # token span of the heading
    entries: list[tuple[int, int]] = field(default_factory=list)  # token spans, one per entry line
    citations: list[tuple[int, int]] = field(default_factory=list)
    named: list[tuple[int, int]] = field(default_factory=list)  # sources named without a year


def find_references(compiled: CompiledRubric, analysis: Analysis) -> ReferenceFindings:
    """The last heading-only line naming a reference list, its entries, and citations.

    An entry is a line of the reference section with a year (or ``n.d.``) or a URL.
    Citations ("(Ruggie, 1992)", "Haris (2022)") are looked for in the essay body, in
    the sentences that hold a year.
    """
    doc = analysis.doc
    findings = ReferenceFindings()
    for phrases in compiled.headings.values():
        for _, start, end in phrases(doc):
            s_start, s_end = analysis.sentences[analysis.sent_of[start]]
            if s_end - s_start > 3 * _HEADING_MAX_TOKENS:
                continue  # a long sentence is no heading ("sumber daya alam ...")
            words = [t for t in doc[s_start:s_end] if not (t.is_punct or t.is_space)]
            if len(words) > _HEADING_MAX_TOKENS or any(t.i < start or t.i >= end for t in words):
                continue
            if findings.heading is None or start > findings.heading[0]:
                findings.heading = (start, end)

    strings = doc.vocab.strings
    orths, like_url, lowers = analysis.column(ORTH), analysis.column(LIKE_URL), analysis.column(LOWER)
    # Each distinct word is asked once whether it is a year; the tokens are then one set test each.
    yearish = _YEARISH
    year_words = {orth for orth in set(orths) if (yearish[orth] if orth in yearish else _yearish(orth, strings))}
    urls = {i for i, url in enumerate(like_url) if url}
    years = {i for i, (orth, url) in enumerate(zip(orths, like_url)) if orth in year_words and not url}

    body_end = len(doc)
    if findings.heading is not None:
        body_end = analysis.sentences[analysis.sent_of[findings.heading[0]]][1]
        findings.entries = _entries(analysis, body_end, years, urls)
    if compiled.references is not None:
        citation = doc.vocab.strings["citation"]
        for sentence in sorted({analysis.sent_of[i] for i in years if i < body_end}):
            s_start, s_end = analysis.sentences[sentence]
            span = doc[s_start:s_end]
            findings.citations += [(s_start + s, s_start + e) for m, s, e in compiled.references(span)
                                   if m == citation]
        if not findings.citations:
            # A source named without a year starts with a cue word ("dalam", "menurut", "ujarnya"):
            # the matcher reads a few words from each cue, not the rest of the essay (which made
            # find_references 8% of a check; it is about 5% now, mostly the citations).
            named = doc.vocab.strings["named"]
            for first in (i for i, lower in enumerate(lowers[:body_end]) if lower in _SOURCE_CUES):
                window = doc[first:min(first + _NAMED_MAX_TOKENS, body_end)]
                findings.named += [(first + s, first + e) for m, s, e in compiled.references(window)
                                   if m == named and s == 0]
    return findings


_YEARISH: dict[int, bool] = {}  # ORTH -> whether the word is a year (or "n.d."), per process
_DATA = language_data.get()
_SOURCE_CUES = frozenset(get_string_id(cue) for cue in (*_DATA.source_cues, *NAMED_STARTS, *_DATA.said_cues,
                                                         *_DATA.said_self))


def _yearish(orth: int, strings: StringStore) -> bool:
    if len(_YEARISH) > 500_000:
        _YEARISH.clear()
    text = strings[orth]
    _YEARISH[orth] = year = bool(text[:1].isdigit() and _YEAR.match(text) or text.lower() in _NO_YEAR)
    return year


def _entries(analysis: Analysis, start_token: int, years: set[int], urls: set[int]) -> list[tuple[int, int]]:
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
    entries = []
    for begin, end in lines:
        positions = range(begin, end)
        if any(i in years for i in positions):
            entries.append((begin, end))
        elif any(i in urls for i in positions) and sum(1 for t in doc[begin:end] if t.is_alpha) >= 2:
            entries.append((begin, end))
    return entries
