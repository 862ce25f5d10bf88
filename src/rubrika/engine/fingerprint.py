"""Fingerprints of word n-grams: copying from a source, and essays that share passages.

Words are spaCy tokens, lowercased, punctuation dropped, so the essay and the source are cut
the same way. A fingerprint is the CRC-32 of n consecutive words (fast, stable across runs,
and one-way enough: a rubric stores only these numbers, never the source's text).

* Sources: every n-gram of the source is kept (``SOURCE_N`` words).
* Batches: winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of
  every window of ``WINDOW`` n-grams, so two essays sharing a passage of at least
  ``BATCH_N + WINDOW - 1`` words share a fingerprint; an inverted index finds the pairs
  without comparing every essay with every other.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass

from rubrika.engine.analysis import word_spans
from rubrika.nlp.layout import lay_out
from rubrika.nlp.pipeline import get_nlp

SOURCE_N = 8
BATCH_N = 6
WINDOW = 4


def _h(words: list[str]) -> int:
    return zlib.crc32(" ".join(words).encode("utf-8"))


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) in ``text`` for every word token (tokenizer only, read as arrays)."""
    layout = lay_out(text)
    return word_spans(get_nlp().make_doc(layout.text), layout)


def shingles(words: list[tuple[str, int, int]], n: int) -> list[tuple[int, int, int]]:
    """(hash, start char, end char) of every n-gram."""
    plain = [w for w, _, _ in words]
    return [(_h(plain[i:i + n]), words[i][1], words[i + n - 1][2]) for i in range(len(words) - n + 1)]


def source_hashes(text: str) -> list[int]:
    return sorted({h for h, _, _ in shingles(words_with_spans(text), SOURCE_N)})


def encode(hashes: list[int]) -> str:
    return " ".join(f"{h:08x}" for h in hashes)


def decode(text: str) -> frozenset[int]:
    return frozenset(int(part, 16) for part in text.split())


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def copied_passages(words: list[tuple[str, int, int]], hashes: frozenset[int],
                    excluded: list[tuple[int, int]] = ()) -> tuple[list[tuple[int, int]], int]:
    """Passages of the essay found in a source, and how many of its words they cover."""
    plain = [w for w, _, _ in words]
    n = SOURCE_N
    hits = [i for i in range(len(words) - n + 1) if _h(plain[i:i + n]) in hashes]
    if not hits:
        return [], 0
    spans = [(words[i][1], words[i + n - 1][2]) for i in hits]
    spans = [(s, e) for s, e in spans if not any(a <= s and e <= b for a, b in excluded)]
    passages = merge(spans)
    copied = sum(1 for _, s, e in words if any(a <= s and e <= b for a, b in passages))
    return passages, copied


def winnow(words: list[tuple[str, int, int]], excluded: list[tuple[int, int]] = ()) -> dict[int, tuple[int, int]]:
    """The winnowed fingerprints of an essay: hash -> (start, end) of its first n-gram.

    N-grams inside ``excluded`` spans (cited quotations, passages copied from a known
    source) are left out: sharing those is not two students sharing work.
    """
    grams = [g for g in shingles(words, BATCH_N) if not any(a <= g[1] and g[2] <= b for a, b in excluded)]
    picked: dict[int, tuple[int, int]] = {}
    for i in range(max(len(grams) - WINDOW + 1, 1 if grams else 0)):
        h, s, e = min(grams[i:i + WINDOW], key=lambda g: g[0])
        picked.setdefault(h, (s, e))
    return picked


@dataclass(frozen=True)
class SimilarPair:
    a: int
    b: int
    shared: tuple[int, ...]  # the fingerprints the two essays share


def similar_pairs(prints: list, min_shared: int = 8, min_share: float = 0.05,
                  common: float = 0.05) -> list[SimilarPair]:
    """Pairs of essays that share unusual passages; linear in the number of fingerprints.

    ``prints`` holds each essay's fingerprint hashes (any collection). A fingerprint found
    in more than ``common`` of the essays (at least 5 essays) is text the whole class
    shares (the prompt, a quotation) and is ignored.
    """
    # The inverted index as one sorted array of (hash << 32 | essay): 8 bytes a fingerprint.
    entries = array("Q", sorted((h << 32) | i for i, fp in enumerate(prints) for h in fp))
    limit = max(5, int(common * len(prints)))
    shared: dict[tuple[int, int], list[int]] = defaultdict(list)
    start = 0
    while start < len(entries):
        h = entries[start] >> 32
        end = start
        while end < len(entries) and entries[end] >> 32 == h:
            end += 1
        if 2 <= end - start <= limit:
            essays = [entries[k] & 0xFFFFFFFF for k in range(start, end)]
            for x in range(len(essays)):
                for y in range(x + 1, len(essays)):
                    shared[(essays[x], essays[y])].append(h)
        start = end
    pairs = []
    for (a, b), hs in sorted(shared.items()):
        smaller = min(len(prints[a]), len(prints[b])) or 1
        if len(hs) >= min_shared and len(hs) >= min_share * smaller:
            pairs.append(SimilarPair(a, b, tuple(sorted(hs))))
    return pairs


def passages(prints: dict[int, tuple[int, int]], shared) -> list[tuple[int, int]]:
    """The character spans of the shared fingerprints in one essay, merged."""
    return merge([prints[h] for h in shared if h in prints])
