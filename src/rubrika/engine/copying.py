"""Copying from a source: passages of the essay found in a source's 8-word fingerprints.

Sources are the rubric's own (``sources:``, hashes only) and any text given at run time
(``--source``). Quotations followed by a citation are the student saying whose words they
are, so they never count as copied; nor does the reference list (it is not in the body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rubrika.engine.analysis import merge_spans
from rubrika.engine.fingerprint import PASSAGE_GAP, SOURCE_N, inside_any, ngram_hashes
from rubrika.messages import t
from rubrika.messages.numbers import format_number
from rubrika.result import Advisory, AdvisoryCode, Span

_QUOTED = re.compile(r'["“”„«»](?:[^"“”„«»\n]){20,1500}?["“”„«»]')
CITATION_GAP = 80  # characters between a closing quote and its citation
CODE: AdvisoryCode = "copied-source"  # the advisory this check makes


def quoted_with_citation(text: str, citations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of quotations followed by a citation: the student says whose words they are."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)
            if any(0 <= c_start - m.end() <= CITATION_GAP for c_start, _ in citations)]


def copied_passages(words: list[tuple[str, int, int]], hashes: frozenset[int],
                    excluded: Sequence[tuple[int, int]] = ()) -> tuple[list[tuple[int, int]], int]:
    """Passages of the essay found in a source, and how many of its words they cover."""
    n = SOURCE_N
    hits = [i for i, h in enumerate(ngram_hashes([w for w, _, _ in words], n)) if h in hashes]
    if not hits:
        return [], 0
    spans = [(words[i][1], words[i + n - 1][2]) for i in hits]
    quoted = inside_any(excluded)
    spans = [(s, e) for s, e in spans if not quoted(s, e)]
    passages = merge_spans(spans, PASSAGE_GAP)
    in_passage = inside_any(passages)
    copied = sum(1 for _, s, e in words if in_passage(s, e))
    return passages, copied


@dataclass(frozen=True)
class Copying:
    """What the copy check found in one essay body."""

    share: float  # of the body's words, in copied passages
    passages: list[tuple[int, int]]  # character spans, cited quotations excepted
    flagged: bool  # the share reaches the rubric's threshold: the passages earn nothing

    def advisory(self, text: str, withheld: float, lang: str) -> Advisory:
        """``copied-source``, saying how many points the copied passages did not earn."""
        return Advisory(CODE, "warning",
                        t("advisory.copied_withheld", lang, share=round(100 * self.share),
                          points=format_number(withheld, lang)),
                        spans=tuple(Span(s, e, text[s:e]) for s, e in self.passages))


def check_copying(text: str, body_words: list[tuple[str, int, int]], citations: list[tuple[int, int]],
                  hashes: frozenset[int], threshold: float) -> Copying:
    """How much of the essay body (``body_words``) comes from a source with ``hashes``."""
    body_chars = body_words[-1][2] if body_words else 0
    quoted = quoted_with_citation(text[:body_chars], citations)
    passages, copied = copied_passages(body_words, hashes, quoted)
    share = copied / len(body_words) if body_words else 0.0
    return Copying(round(share, 3), passages, bool(passages) and share >= threshold)
