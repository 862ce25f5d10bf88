"""Deterministic corpora of distinct essays for benchmarks, built from the sample essays.

``make_corpus``: each essay takes whole paragraphs from several sample essays, shuffled,
with the sentences inside each paragraph rotated, so no two essays share their text (but
many share paragraphs: fine for throughput, unlike a class for similarity).
``make_class``: each essay draws sentences from all samples, like a class writing on one topic.
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


def make_class(count: int, seed: int = 2027) -> list[str]:
    """Distinct essays that, like a real class, share vocabulary and some sentences, but
    rarely a whole passage: each essay draws ~30 sentences from all the samples."""
    rng = random.Random(seed)
    sentences = [s for p in _paragraphs() for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 5]
    essays = []
    for i in range(count):
        chosen = rng.sample(sentences, k=rng.randint(25, 35))
        paragraphs = [" ".join(chosen[j:j + 5]) for j in range(0, len(chosen), 5)]
        essays.append(f"Esai siswa {i + 1}\n\n" + "\n\n".join(paragraphs) + "\n")
    return essays


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
