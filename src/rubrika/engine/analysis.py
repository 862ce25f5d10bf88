"""One pass of the pipeline over an essay, and the structure the matchers need."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, LOWER, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from rubrika.nlp.layout import Layout, lay_out
from rubrika.nlp.pipeline import get_nlp
from rubrika.result import Evidence, EvidenceKind, Weak


_COLUMNS = "columns"  # Analysis.memo key: attribute -> its value per token (Analysis.column)
HEADING_MAX_WORDS = 14
HEADING_CAPITAL_SHARE = 0.6  # of a heading's words, capitalised at least ("Peluang dan Hambatan Kerja Sama")


@dataclass
class Analysis:
    original: str
    layout: Layout
    doc: Doc
    sent_of: list[int]  # token index -> sentence index
    para_of_sent: list[int]  # sentence index -> paragraph index
    sentences: list[tuple[int, int]]  # token [start, end) of each sentence
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # per-essay indexes other modules build

    def last_before(self, name: str, hits: Callable[[], Sequence[bool]]) -> list[int]:
        """Per token ``i``: the last token ``j < i`` whose flag in ``hits()`` is set, or -1 (and
        one more entry: the last of all); built once per ``name``, so a question about "the
        clause before this word" costs nothing per word however long the sentence (a run-on
        essay is one sentence of thousands of words)."""
        if name not in self.memo:
            flags = numpy.asarray(hits(), dtype=bool)
            marks = numpy.where(flags, numpy.arange(len(flags)), -1)
            self.memo[name] = [-1, *numpy.maximum.accumulate(marks).tolist()]
        found: list[int] = self.memo[name]
        return found

    def column(self, attr: int) -> list[int]:
        """One attribute (``spacy.attrs``) of every token, read as one array once per essay and
        shared by every module that asks (a wide read per module was 6% of a check). NORM is
        asked for only after ``CompiledRubric.repair_typos``, which rewrites it (and drops,
        with ``forget_norms``, a copy read before)."""
        columns: dict[int, list[int]] = self.memo.setdefault(_COLUMNS, {})
        found = columns.get(attr)
        if found is None:
            found = columns[attr] = self.doc.to_array(attr).tolist() if len(self.doc) else []
        return found

    def forget_norms(self) -> None:
        """Drop what was read of NORM (the typo repair has just rewritten it)."""
        self.memo.get(_COLUMNS, {}).pop(NORM, None)
        self.__dict__.pop("token_table", None)

    def span(self, start_token: int, end_token: int) -> tuple[int, int]:
        """Character span in the original text of tokens [start, end)."""
        doc = self.doc
        begin = doc[start_token].idx
        last = doc[end_token - 1]
        return self.layout.to_original(begin, last.idx + len(last.text))

    @cached_property
    def token_table(self) -> tuple[list[str], list[str], list[int]]:
        """Per token, read once as arrays: lowercase form, normal form, whether alphabetic."""
        strings = self.doc.vocab.strings
        return ([strings[o] for o in self.column(LOWER)], [strings[o] for o in self.column(NORM)],
                self.column(IS_ALPHA))

    @cached_property
    def headings(self) -> frozenset[int]:
        """Sentences that are headings or titles: a line of their own with no closing punctuation,
        at most ``HEADING_MAX_WORDS`` words, most of them capitalised (or all in capitals). A
        heading names a part of the essay; it is not the student's argument."""
        doc = self.doc
        lower, _, alpha = self.token_table
        out = set()
        for i, (start, end) in enumerate(self.sentences):
            last = end - 1
            while last > start and doc[last].is_space:
                last -= 1
            if doc[last].text[-1:] in ".!?:;,”\"'":
                continue
            if end < len(doc) and "\n" not in doc[end - 1].text_with_ws and not doc[end - 1].is_space:
                continue  # the sentence runs on into the next one on the same line
            words = [doc[j].text for j in range(start, end) if alpha[j]]
            if not words or len(words) > HEADING_MAX_WORDS:
                continue
            capital = sum(1 for w in words if w[:1].isupper())
            if all(w.isupper() for w in words) or capital >= HEADING_CAPITAL_SHARE * len(words):
                out.add(i)
        return frozenset(out)

    @cached_property
    def non_words(self) -> list[int]:
        """Per token: 1 for punctuation or white space."""
        return [p or s for p, s in zip(self.column(IS_PUNCT), self.column(IS_SPACE))]

    @cached_property
    def word_prefix(self) -> list[int]:
        """``word_prefix[i]``: how many word tokens (not punctuation or space) precede token ``i``."""
        prefix = [0]
        for non_word in self.non_words:
            prefix.append(prefix[-1] + (not non_word))
        return prefix

    def words_between(self, start: int, end: int) -> int:
        """Word tokens in [start, end), in constant time."""
        prefix = self.word_prefix
        return prefix[end] - prefix[start]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts in the original text."""
        idx = self.column(IDX)
        return [self.layout.offsets[idx[s]] for s, _ in self.sentences]

    def words(self, end_token: int | None = None) -> list[tuple[str, int, int]]:
        """(lowercase word, start, end in the original) of every word token before ``end_token``."""
        return _word_spans(self.doc, self.layout, self.column(LOWER)[:end_token], self.column(IDX),
                           self.column(LENGTH), self.non_words)

    def sentence_span(self, token: int) -> tuple[int, int]:
        """Character span in the original text of the sentence holding ``token``."""
        s_start, s_end = self.sentences[self.sent_of[token]]
        while s_end > s_start + 1 and self.doc[s_end - 1].is_space:
            s_end -= 1
        return self.span(s_start, s_end)

    def evidence(self, start_token: int, end_token: int, kind: EvidenceKind, weak: Weak | None = None) -> Evidence:
        start, end = self.span(start_token, end_token)
        return Evidence(start, end, self.original[start:end], kind, self.sentence_span(start_token), weak)


def merge_spans(spans: Iterable[tuple[int, int]], closer_than: int = 0) -> list[tuple[int, int]]:
    """``spans`` sorted, those that overlap merged into one, and those whose gap is less than
    ``closer_than`` too. Token spans of one concept (``closer_than=0``): "hak asasi" within
    "hak asasi manusia" is one piece of evidence, and so are "menjaga perdamaian" and
    "perdamaian dunia", while two terms side by side stay two. Character spans of copied or
    shared passages (``closer_than=2``): passages that touch, or have only a space between
    them, are one passage."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start - merged[-1][1] < closer_than:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def word_spans(doc: Doc, layout: Layout, end_token: int | None = None) -> list[tuple[str, int, int]]:
    """(lowercase word, start, end in the original text) of the doc's word tokens, read as arrays."""
    if not len(doc):
        return []
    lowers, idxs, lengths, punct, space = doc.to_array([LOWER, IDX, LENGTH, IS_PUNCT, IS_SPACE]).T.tolist()
    return _word_spans(doc, layout, lowers[:end_token], idxs, lengths, [p or s for p, s in zip(punct, space)])


def _word_spans(doc: Doc, layout: Layout, lowers: list[int], idxs: list[int], lengths: list[int],
                non_words: list[int]) -> list[tuple[str, int, int]]:
    strings, to_original = doc.vocab.strings, layout.to_original
    return [(strings[lower], *to_original(idx, idx + length))
            for lower, idx, length, non_word in zip(lowers, idxs, lengths, non_words) if not non_word]


def analyse(text: str, nlp: Language | None = None) -> Analysis:
    """Lay out and read ``text`` with ``nlp`` (a compiled rubric's pipeline; default: the
    shared tables' pipeline, which knows no rubric's words)."""
    layout = lay_out(text)
    doc = (nlp or get_nlp())(layout.text)
    sent_of = [0] * len(doc)
    sentences: list[tuple[int, int]] = []
    para_of_sent: list[int] = []
    paragraph = 0
    # The sentences of doc.sents, read from the sentence starts as one array
    n = len(doc)
    starts = doc.to_array(SENT_START).tolist() if n else []
    orths = doc.to_array(ORTH).tolist() if n else []
    bounds = [0] + [i for i in range(1, n) if starts[i] == 1] + [n] if n else [0]
    strings = doc.vocab.strings
    for i in range(len(bounds) - 1):
        start, end = bounds[i], bounds[i + 1]
        sentences.append((start, end))
        para_of_sent.append(paragraph)
        sent_of[start:end] = [i] * (end - start)
        if "\n\n" in strings[orths[end - 1]]:
            paragraph += 1
    return Analysis(text, layout, doc, sent_of, para_of_sent, sentences, {_COLUMNS: {ORTH: orths}})
