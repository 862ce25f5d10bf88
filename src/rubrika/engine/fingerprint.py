"""Fingerprints of word n-grams, shared by the copy check (``copying``) and the
similar-essays search (``similarity``).

Words are spaCy tokens, lowercased, punctuation dropped, so an essay and a source are cut
the same way. A fingerprint is the CRC-32 of n consecutive words (fast, stable across runs,
and one-way enough: a rubric stores only these numbers, never the source's text).
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from rubrika.engine.analysis import word_spans
from rubrika.nlp.layout import lay_out
from rubrika.nlp.pipeline import get_nlp

SOURCE_N = 8  # words per fingerprint of a source
PASSAGE_GAP = 2  # passages (character spans) that touch or have one character between them are one


def ngram_hashes(words: list[str], n: int) -> list[int]:
    """The fingerprint of every n words in a row: CRC-32 of the words joined by a space (UTF-8),
    each word encoded once, not n times."""
    encoded = [w.encode("utf-8") for w in words]
    crc32, join = zlib.crc32, b" ".join
    return [crc32(join(encoded[i:i + n])) for i in range(len(words) - n + 1)]


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) in ``text`` for every word token (tokenizer only, read as arrays)."""
    layout = lay_out(text)
    return word_spans(get_nlp().make_doc(layout.text), layout)


def shingles(words: list[tuple[str, int, int]], n: int) -> list[tuple[int, int, int]]:
    """(hash, start char, end char) of every n-gram."""
    hashes = ngram_hashes([w for w, _, _ in words], n)
    return [(h, words[i][1], words[i + n - 1][2]) for i, h in enumerate(hashes)]


def source_hashes(text: str) -> list[int]:
    return sorted({h for h, _, _ in shingles(words_with_spans(text), SOURCE_N)})


def encode(hashes: list[int]) -> str:
    return " ".join(f"{h:08x}" for h in hashes)


def decode(text: str) -> frozenset[int]:
    return frozenset(int(part, 16) for part in text.split())


def inside_any(spans: Iterable[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end] lies inside one of ``spans``, in logarithmic time (a
    linear scan per word or n-gram is quadratic on an essay copied in many passages)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def test(start: int, end: int) -> bool:
        i = bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return test
