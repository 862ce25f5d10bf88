"""Deterministic corpora of distinct essays for benchmarks, built from the sample essays.

``make_corpus``: each essay takes whole paragraphs from several sample essays, shuffled,
with the sentences inside each paragraph rotated, so no two essays share their text (but
many share paragraphs: fine for throughput, unlike a class for similarity).
``make_class``: a class writing on one topic (shared stock sentences and phrases, each
student's own sentences) with planted copied pairs and near-copies (``make_class_with_pairs``).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_essays" / "kerja-sama-internasional"


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 25]
    return paragraphs


def _sentences() -> list[str]:
    return [s for p in _paragraphs() for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 5]


STOCK = 60  # sentences a whole class shares: the prompt restated, the textbook's definitions


def make_class(count: int, seed: int = 2027) -> list[str]:
    """Distinct essays written like a real class on one topic; see ``make_class_with_pairs``."""
    return make_class_with_pairs(count, seed)[0]


def make_class_with_pairs(count: int, seed: int = 2027, plant: int | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """Essays that share topic phrasing the way a class does, and the planted similar pairs.

    - Stock sentences: every essay restates 4-8 of ``STOCK`` sentences (the prompt, the
      textbook's definitions), picked with Zipf-like popularity: the most common in most
      essays, the rarest in a few percent. Text a whole class shares, no sign of copying.
    - The student's own sentences: 3-5 phrases of 2-4 words, taken from the samples and
      recombined, so essays share the topic's vocabulary and phrases (``kerja sama
      internasional``, ``dalam bidang ekonomi``) but rarely six words in a row.
    - Planted pairs (``plant``, default one per 100 essays, at least 10), each between two
      essays of their own: half copy a paragraph of the other essay word for word (~70
      words), half are near-copies of two paragraphs (~140 words) with one word in ten
      replaced, as a student disguising a copy would.
    """
    rng = random.Random(seed)
    sentences = _sentences()
    rng.shuffle(sentences)
    stock, rest = sentences[:STOCK], sentences[STOCK:]
    weights = [1 / (k + 1) for k in range(STOCK)]
    phrases = []
    for sentence in rest:
        words = sentence.rstrip(".!?").split()
        i = 0
        while i < len(words):
            n = rng.randint(2, 4)
            phrases.append(" ".join(words[i:i + n]).lower())
            i += n
    vocabulary = sorted({w for p in phrases for w in p.split() if w.isalpha()})

    def own_sentence() -> str:
        text = " ".join(rng.choice(phrases) for _ in range(rng.randint(3, 5)))
        return text[0].upper() + text[1:] + "."

    owns: list[list[list[str]]] = []  # essay -> own paragraphs -> sentences
    essays_parts: list[list[str]] = []
    for _ in range(count):
        own_paragraphs = [[own_sentence() for _ in range(6)] for _ in range(rng.randint(3, 4))]
        mixed = [rng.choices(stock, weights)[0] for _ in range(rng.randint(4, 8))]
        mixed += [own_sentence() for _ in range(rng.randint(2, 4))]
        rng.shuffle(mixed)
        paragraphs = [" ".join(p) for p in own_paragraphs] + [" ".join(mixed[j:j + 4]) for j in range(0, len(mixed), 4)]
        rng.shuffle(paragraphs)
        owns.append(own_paragraphs)
        essays_parts.append(paragraphs)

    plant = max(10, count // 100) if plant is None else plant
    chosen = rng.sample(range(count), k=min(2 * plant, count - count % 2))
    planted = []
    for k in range(0, len(chosen) - 1, 2):
        a, b = sorted(chosen[k:k + 2])
        source, copier = (a, b) if rng.random() < 0.5 else (b, a)
        if k // 2 % 2 == 0:  # a paragraph copied word for word
            passage = " ".join(owns[source][0])
        else:  # two paragraphs, one word in ten replaced
            words = " ".join(owns[source][0] + owns[source][1]).split()
            for j in range(rng.randint(3, 9), len(words), 10):
                words[j] = rng.choice(vocabulary)
            passage = " ".join(words)
        essays_parts[copier].insert(rng.randint(0, len(essays_parts[copier])), passage)
        planted.append((a, b))
    essays = [f"Esai siswa {i + 1}\n\n" + "\n\n".join(parts) + "\n" for i, parts in enumerate(essays_parts)]
    return essays, sorted(planted)


def make_corpus(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    pool = _paragraphs()
    essays: list[str] = []
    seen: set[str] = set()
    while len(essays) < count:
        chosen = rng.sample(pool, k=rng.randint(6, 10))
        parts = []
        for paragraph in chosen:
            sentences = re.split(r"(?<=[.!?])\s+", paragraph)
            k = rng.randrange(len(sentences))
            parts.append(" ".join(sentences[k:] + sentences[:k]))
        essay = f"Esai nomor {len(essays) + 1}\n\n" + "\n\n".join(parts) + "\n"
        if essay not in seen:
            seen.add(essay)
            essays.append(essay)
    return essays
