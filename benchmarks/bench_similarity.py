"""Benchmark: finding similar essays in a batch grows linearly, not quadratically.

Run:  python benchmarks/bench_similarity.py

Builds N distinct essays from random Indonesian words (the corpus of sample essays shares
whole paragraphs by construction, so it is no test of this), plants 10 pairs that share a
passage, and times fingerprinting plus pair finding for N = 250, 500, 1000, 2000. Time per
essay staying flat means no essay is compared with every other; every planted pair must be
found and nothing else.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SAMPLES  # noqa: E402

from rubrika.engine import fingerprint, similarity  # noqa: E402


def vocabulary() -> list[str]:
    words = set()
    for path in SAMPLES.iterdir():
        if path.suffix in (".txt", ".md"):
            words.update(w.strip(".,;:()\"'").lower() for w in path.read_text(encoding="utf-8").split())
    return sorted(w for w in words if w.isalpha())


def essays(n: int, rng: random.Random, vocab: list[str]) -> list[str]:
    texts = [" ".join(rng.choice(vocab) for _ in range(300)) + "." for _ in range(n)]
    for k in range(10):  # planted pairs: essay 2k+1 copies 40 words of essay 2k
        a, b = 2 * k, 2 * k + 1
        passage = " ".join(texts[a].split()[100:140])
        texts[b] = " ".join(texts[b].split()[:150]) + " " + passage + " " + " ".join(texts[b].split()[150:])
    return texts


def main() -> None:
    rng = random.Random(7)
    vocab = vocabulary()
    print(f"{'essays':>7} {'seconds':>8} {'ms/essay':>9} {'pairs found':>12}")
    for n in (250, 500, 1000, 2000):
        texts = essays(n, rng, vocab)
        start = time.perf_counter()
        prints = [sorted(similarity.winnow(fingerprint.words_with_spans(t))) for t in texts]
        pairs = similarity.similar_pairs(prints)
        elapsed = time.perf_counter() - start
        planted = {(2 * k, 2 * k + 1) for k in range(10)}
        found = {(p.a, p.b) for p in pairs}
        status = "all planted, no others" if found == planted else f"MISMATCH {sorted(found ^ planted)[:5]}"
        print(f"{n:7d} {elapsed:8.2f} {1000 * elapsed / n:9.2f} {len(pairs):6d} ({status})")


if __name__ == "__main__":
    main()
