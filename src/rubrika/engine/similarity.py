"""Essays of one batch that share passages: winnowed fingerprints and an inverted index.

Winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of every window
of ``WINDOW`` n-grams, so two essays sharing a passage of at least ``BATCH_N + WINDOW - 1``
words share a fingerprint; an inverted index finds the pairs without comparing every essay
with every other. What is not the student's own (cited quotations, passages copied from a
known source, the reference list) is fingerprinted by nobody.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rubrika.engine.fingerprint import inside_any, merge, shingles
from rubrika.i18n import t
from rubrika.result import Advisory, Span

BATCH_N = 6
WINDOW = 4


def winnow(words: list[tuple[str, int, int]], excluded: list[tuple[int, int]] = ()) -> dict[int, tuple[int, int]]:
    """The winnowed fingerprints of an essay: hash -> (start, end) of its first n-gram.

    N-grams inside ``excluded`` spans are left out: sharing those is not two students
    sharing work.
    """
    left_out = inside_any(excluded)
    grams = [g for g in shingles(words, BATCH_N) if not left_out(g[1], g[2])]
    picked: dict[int, tuple[int, int]] = {}
    for i in range(max(len(grams) - WINDOW + 1, 1 if grams else 0)):
        h, s, e = min(grams[i:i + WINDOW], key=lambda g: g[0])
        picked.setdefault(h, (s, e))
    return picked


class Fingerprints:
    """One essay's winnowed fingerprints in three compact arrays (hash-sorted)."""

    __slots__ = ("hashes", "starts", "ends")

    def __init__(self, prints: dict[int, tuple[int, int]] | None = None):
        order = sorted(prints or {})
        self.hashes = array("I", order)
        self.starts = array("I", (prints[h][0] for h in order))
        self.ends = array("I", (prints[h][1] for h in order))

    @classmethod
    def of_essay(cls, body_words: list[tuple[str, int, int]], excluded: list[tuple[int, int]]) -> Fingerprints:
        return cls(winnow(body_words, excluded))

    def to_lists(self) -> list[list[int]]:
        """For the result cache (JSON)."""
        return [self.hashes.tolist(), self.starts.tolist(), self.ends.tolist()]

    @classmethod
    def from_lists(cls, lists: list[list[int]]) -> Fingerprints:
        made = cls()
        made.hashes, made.starts, made.ends = (array("I", values) for values in lists)
        return made

    def __iter__(self):
        return iter(self.hashes)

    def __len__(self) -> int:
        return len(self.hashes)

    def spans(self, shared) -> list[tuple[int, int]]:
        out = []
        for h in shared:
            i = bisect_left(self.hashes, h)
            if i < len(self.hashes) and self.hashes[i] == h:
                out.append((self.starts[i], self.ends[i]))
        return out


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


def partners_of(prints: list[Fingerprints]) -> dict[int, list[tuple[int, tuple[int, ...]]]]:
    """For each essay in a similar pair: (other essay, shared fingerprints) of each partner."""
    partners: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for pair in similar_pairs(prints):
        partners.setdefault(pair.a, []).append((pair.b, pair.shared))
        partners.setdefault(pair.b, []).append((pair.a, pair.shared))
    return partners


_WORD = re.compile(r"\w+")


def shared_percent(spans, text: str) -> int:
    """How much of the essay (% of its words) lies in the shared passages ``spans``."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    inside = sum(1 for s, e in words if any(span.start <= s and e <= span.end for span in spans))
    return round(100 * inside / len(words)) if words else 0


def similarity_advisory(prints: Fingerprints, partners: list[tuple[int, tuple[int, ...]]], names: list[str],
                        text: str, lang: str) -> Advisory:
    """The similar-essays advisory of one essay, naming its partners, the shared passages and
    their share of the essay ("93% ... sama dengan ...")."""
    spans = merge([span for _, shared in partners for span in prints.spans(shared)])
    others = tuple(names[o] for o, _ in partners)
    share = shared_percent([Span(a, b, "") for a, b in spans], text)
    return Advisory("similar-essays", "warning",
                    t("advisory.similar_share", lang, share=share, shared=len(spans), others=", ".join(others)),
                    others=others, spans=tuple(Span(a, b, text[a:b]) for a, b in spans))
