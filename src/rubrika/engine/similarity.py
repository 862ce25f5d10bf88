"""Essays of one batch that share passages: winnowed fingerprints and an inverted index.

Winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of every window
of ``WINDOW`` n-grams, so two essays sharing a passage of at least ``BATCH_N + WINDOW - 1``
words share a fingerprint; an inverted index finds the pairs without comparing every essay
with every other. What is not the student's own (cited quotations, passages copied from a
known source, the reference list) is fingerprinted by nobody.
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Union

import numpy as np

from rubrika.engine.analysis import merge_spans
from rubrika.engine.fingerprint import PASSAGE_GAP, inside_any
from rubrika.messages import t
from rubrika.result import Advisory, AdvisoryCode, Span

CODE: AdvisoryCode = "similar-essays"  # the advisory this search makes (by a batch)
BATCH_N = 6
WINDOW = 4


def winnow(words: list[tuple[str, int, int]], excluded: Sequence[tuple[int, int]] = ()) -> dict[int, tuple[int, int]]:
    """The winnowed fingerprints of an essay: hash -> (start, end) of its first n-gram.

    N-grams inside ``excluded`` spans are left out: sharing those is not two students
    sharing work. The hashes are ``fingerprint.shingles``' (CRC-32 of the n words joined by
    a space); the smallest of each window (the first, on a tie) is kept.
    """
    count = len(words) - BATCH_N + 1
    if count <= 0:
        return {}
    encoded = [w.encode("utf-8") for w, _, _ in words]
    join, crc = b" ".join, zlib.crc32
    hashes = np.fromiter((crc(join(encoded[i:i + BATCH_N])) for i in range(count)), dtype=np.int64, count=count)
    starts = np.fromiter((w[1] for w in words[:count]), dtype=np.int64, count=count)
    ends = np.fromiter((w[2] for w in words[BATCH_N - 1:]), dtype=np.int64, count=count)
    if excluded:
        # inside an excluded span = some span starting at or before the n-gram reaches its end
        # (sorted spans and their running reach: logarithmic per n-gram, as fingerprint.inside_any)
        ordered = sorted(excluded)
        span_starts = np.fromiter((a for a, _ in ordered), dtype=np.int64, count=len(ordered))
        reach = np.maximum.accumulate(np.fromiter((b for _, b in ordered), dtype=np.int64, count=len(ordered)))
        after = np.searchsorted(span_starts, starts, side="right")
        inside = (after > 0) & (reach[np.maximum(after - 1, 0)] >= ends)
        keep = ~inside
        hashes, starts, ends = hashes[keep], starts[keep], ends[keep]
    if len(hashes) == 0:
        return {}
    chosen: list[int]
    if len(hashes) <= WINDOW:
        chosen = [int(np.argmin(hashes))]
    else:
        windows = np.lib.stride_tricks.sliding_window_view(hashes, WINDOW)
        chosen = (windows.argmin(axis=1) + np.arange(len(windows))).tolist()
    hash_of, start_of, end_of = hashes.tolist(), starts.tolist(), ends.tolist()
    picked: dict[int, tuple[int, int]] = {}
    for i in chosen:
        if hash_of[i] not in picked:
            picked[hash_of[i]] = (start_of[i], end_of[i])
    return picked


class Fingerprints:
    """One essay's winnowed fingerprints in three compact arrays (hash-sorted)."""

    __slots__ = ("hashes", "starts", "ends")

    def __init__(self, prints: dict[int, tuple[int, int]] | None = None):
        prints = prints or {}
        order = sorted(prints)
        self.hashes = array("I", order)
        self.starts = array("I", (prints[h][0] for h in order))
        self.ends = array("I", (prints[h][1] for h in order))

    @classmethod
    def of_essay(cls, body_words: list[tuple[str, int, int]], excluded: Sequence[tuple[int, int]]) -> Fingerprints:
        return cls(winnow(body_words, excluded))

    def to_lists(self) -> list[list[int]]:
        """For the result cache (JSON)."""
        return [self.hashes.tolist(), self.starts.tolist(), self.ends.tolist()]

    @classmethod
    def from_lists(cls, lists: list[list[int]]) -> Fingerprints:
        made = cls()
        made.hashes, made.starts, made.ends = (array("I", values) for values in lists)
        return made

    def __iter__(self) -> Iterator[int]:
        return iter(self.hashes)

    def __len__(self) -> int:
        return len(self.hashes)

    def spans(self, shared: Iterable[int]) -> list[tuple[int, int]]:
        out = []
        for h in shared:
            i = bisect_left(self.hashes, h)
            if i < len(self.hashes) and self.hashes[i] == h:
                out.append((self.starts[i], self.ends[i]))
        return out


class PrintIndex:
    """The fingerprint hashes of every essay of a batch, in two flat arrays (4 bytes a
    fingerprint, 4 an essay): what the pair search needs, and nothing else."""

    def __init__(self) -> None:
        self.flat = array("I")
        self.lengths = array("I")

    def add(self, hashes: Iterable[int]) -> None:
        """The next essay's hashes (any collection of 32-bit ints; an ``array("I")`` is fastest)."""
        before = len(self.flat)
        self.flat.extend(hashes)
        self.lengths.append(len(self.flat) - before)

    def __len__(self) -> int:
        return len(self.lengths)


# Each essay's fingerprint hashes: a batch's index, or any collections of them (tests, benchmarks).
Prints = Union[PrintIndex, Sequence[Collection[int]]]


@dataclass(frozen=True)
class SimilarPair:
    a: int
    b: int
    shared: tuple[int, ...]  # the fingerprints the two essays share


# A fingerprint found in more essays than this is phrasing the class shares (the prompt, a
# textbook definition, a stock phrase of the topic), however large the batch: it is no
# evidence that two of them copied from each other, and ignoring it is what keeps the
# search linear (every fingerprint yields at most MAX_SHARERS * (MAX_SHARERS - 1) / 2 pairs).
MAX_SHARERS = 10


def sharer_limit(essays: int, common: float = 0.05) -> int:
    """How many essays may share a fingerprint for it to count: 5% of a small class (at
    least 5 essays), never more than ``MAX_SHARERS``."""
    return max(5, min(int(common * essays), MAX_SHARERS))


PART_BITS = 4  # the index is sorted a sixteenth of the hash range at a time (memory)
PARTS = 1 << PART_BITS


def _flat_arrays(prints: Prints) -> tuple[np.ndarray, np.ndarray]:
    """Every fingerprint hash in one uint32 array, and each essay's number of them."""
    if isinstance(prints, PrintIndex):
        flat = np.frombuffer(prints.flat, dtype=np.uint32) if len(prints.flat) else np.zeros(0, np.uint32)
        lengths = np.frombuffer(prints.lengths, dtype=np.uint32) if len(prints) else np.zeros(0, np.uint32)
        return flat, lengths.astype(np.int64)
    lengths = np.fromiter((len(fp) for fp in prints), dtype=np.int64, count=len(prints))
    return np.fromiter((h for fp in prints for h in fp), dtype=np.uint32, count=int(lengths.sum())), lengths


def _kept_fingerprints(prints: Prints, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, essay) sorted by hash, of the fingerprints shared by 2..limit essays, and
    every essay's number of fingerprints.

    Built a slice of the hash range at a time, so that besides the hashes themselves (4
    bytes a fingerprint) only a sixteenth of the index is ever sorted in memory at once.
    """
    flat, lengths = _flat_arrays(prints)
    offsets = np.cumsum(lengths) if len(lengths) else np.zeros(0, np.int64)
    kept_h, kept_e = [], []
    shift = np.uint32(32 - PART_BITS)
    for part in range(PARTS):
        positions = np.flatnonzero((flat >> shift) == part)
        if len(positions) == 0:
            continue
        owners = np.searchsorted(offsets, positions, side="right").astype(np.uint64)
        keys = (flat[positions].astype(np.uint64) << np.uint64(32)) | owners
        del positions, owners
        keys.sort()
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # an essay counts a fingerprint once
        h = keys >> np.uint64(32)
        starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
        sizes = np.diff(np.append(starts, len(h)))
        size_of = np.repeat(sizes, sizes)
        keep = (size_of >= 2) & (size_of <= limit)
        kept_h.append(h[keep].astype(np.uint32))
        kept_e.append((keys[keep] & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    if not kept_h:
        return np.zeros(0, np.uint32), np.zeros(0, np.uint32), lengths
    return np.concatenate(kept_h), np.concatenate(kept_e), lengths


def _pair_codes(kh: np.ndarray, ke: np.ndarray, limit: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(a << 32 | b, hash) of every two essays sharing a kept fingerprint, a < b, one
    block per distance d inside a group of sharers."""
    for d in range(1, limit):
        if d >= len(kh):
            break
        same = kh[:-d] == kh[d:]
        yield (ke[:-d][same].astype(np.uint64) << np.uint64(32)) | ke[d:][same], kh[:-d][same]


def similar_pairs(prints: Prints, min_shared: int = 8, min_share: float = 0.05,
                  common: float = 0.05) -> list[SimilarPair]:
    """Pairs of essays that share unusual passages; linear in the number of fingerprints.

    ``prints`` holds each essay's fingerprint hashes (a ``PrintIndex``, or a list of any
    collections). A fingerprint shared by more than ``sharer_limit`` essays is phrasing the
    class shares and is ignored; a pair needs ``min_shared`` shared fingerprints, and at
    least ``min_share`` of the smaller essay's. Memory: 8 bytes per candidate (two essays
    sharing a kept fingerprint), sorted in place.
    """
    limit = sharer_limit(len(prints), common)
    kh, ke, lengths = _kept_fingerprints(prints, limit)
    blocks = [codes for codes, _ in _pair_codes(kh, ke, limit)]
    if not blocks:
        return []
    codes = np.concatenate(blocks)
    del blocks
    codes.sort()
    if len(codes) == 0:
        return []
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    counts = np.diff(np.append(starts, len(codes)))
    enough = counts >= min_shared
    codes, counts = codes[starts[enough]], counts[enough]
    del starts, enough
    a, b = (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(np.int64)
    smaller = np.maximum(np.minimum(lengths[a], lengths[b]), 1)
    found = codes[counts >= min_share * smaller]
    if len(found) == 0:
        return []
    shared: dict[int, list[int]] = {int(c): [] for c in found}
    for codes_d, hashes_d in _pair_codes(kh, ke, limit):
        hit = np.isin(codes_d, found)
        for code, h in zip(codes_d[hit].tolist(), hashes_d[hit].tolist()):
            shared[code].append(h)
    return [SimilarPair(code >> 32, code & 0xFFFFFFFF, tuple(sorted(hs))) for code, hs in sorted(shared.items())]


def partners_of(prints: Prints) -> dict[int, list[tuple[int, tuple[int, ...]]]]:
    """For each essay in a similar pair: (other essay, shared fingerprints) of each partner."""
    partners: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for pair in similar_pairs(prints):
        partners.setdefault(pair.a, []).append((pair.b, pair.shared))
        partners.setdefault(pair.b, []).append((pair.a, pair.shared))
    return partners


_WORD = re.compile(r"\w+")


def shared_percent(spans: Iterable[Span], text: str) -> int:
    """How much of the essay (% of its words) lies in the shared passages ``spans``."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    within = inside_any((span.start, span.end) for span in spans)
    inside = sum(1 for s, e in words if within(s, e))
    return round(100 * inside / len(words)) if words else 0


def similarity_advisory(prints: Fingerprints, partners: list[tuple[int, tuple[int, ...]]], names: list[str],
                        text: str, lang: str) -> Advisory:
    """The similar-essays advisory of one essay, naming its partners, the shared passages and
    their share of the essay ("93% ... sama dengan ...")."""
    spans = merge_spans([span for _, shared in partners for span in prints.spans(shared)], PASSAGE_GAP)
    others = tuple(names[o] for o, _ in partners)
    share = shared_percent([Span(a, b, "") for a, b in spans], text)
    return Advisory(CODE, "warning",
                    t("advisory.similar_share", lang, share=share, shared=len(spans), others=", ".join(others)),
                    others=others, spans=tuple(Span(a, b, text[a:b]) for a, b in spans))
