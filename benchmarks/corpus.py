"""Deterministic corpus of distinct essays for benchmarks, built from the sample essays.

Each essay takes paragraphs from several sample essays, in a shuffled order, with the
sentences inside each paragraph rotated, so no two essays share their text.
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
