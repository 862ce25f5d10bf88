"""Benchmark: a run-on essay (one sentence of thousands of words) costs what the same words
cost in normal sentences.

Run:  python benchmarks/bench_runon.py

The sample essays' defining sentences ("X adalah ...") are strung into essays of 25,000 to
198,000 characters in three forms: the sentences as written (the baseline), one sentence held
together by commas, and one sentence with no punctuation at all (no clause breaks either,
the worst case for anything that walks back to the start of a clause). Each is checked with
the built-in rubric in this process; the ratio to the baseline of the same size staying
near 1 as the essay grows means every per-sentence step is linear in the sentence's length.
Before the fix (issue 11, item 15) the ratios grew with the size: at 198 KB, 2.7 for the
comma form and 13.9 for the bare form (49 s), as definition, subject and negation checks
walked back over the sentence and counted its words for every term and cue.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SAMPLES  # noqa: E402

from rubrika.api import Checker  # noqa: E402
from rubrika.readers.essay import Essay  # noqa: E402

SIZES = (25_000, 50_000, 100_000, 198_000)
REPEATS = 2  # best of, against noise


def defining_sentences() -> list[str]:
    """The sample essays' sentences that define something ("X adalah ..."): the most work for
    the definition and subject checks, so the worst case for a run-on essay."""
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SAMPLES.glob("*.txt")))
    return [s.rstrip(".!?") for s in re.split(r"(?<=[.!?])\s+", text)
            if re.search(r"\b(adalah|merupakan|yaitu|ialah)\b", s)]


def forms(sentences: list[str], chars: int) -> dict[str, str]:
    chosen, size = [], 0
    while size < chars - 300:
        chosen.append(sentences[len(chosen) % len(sentences)])
        size += len(chosen[-1]) + 2
    return {
        "sentences": ". ".join(chosen) + ".",  # the baseline: the same words, sentences as written
        "commas": ", ".join(chosen) + ".",  # one sentence held together by commas
        "bare": re.sub(r"[^\w\s]", "", " ".join(chosen)) + ".",  # one sentence, no clause breaks at all
    }


def seconds(checker: Checker, text: str) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        checker.check(Essay(text=text, path="esai.txt", id="esai"))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    checker = Checker()
    sentences = defining_sentences()
    seconds(checker, ". ".join(sentences[:10]) + ".")  # warm-up: pipeline, lexicon, lookups
    print(f"{'chars':>8} {'words':>7} {'sentences s':>12} {'commas s':>9} {'ratio':>6} {'bare s':>7} {'ratio':>6}"
          f" {'commas ms/1k words':>19}")
    for size in SIZES:
        texts = forms(sentences, size)
        words = len(texts["commas"].split())
        base = seconds(checker, texts["sentences"])
        commas = seconds(checker, texts["commas"])
        bare = seconds(checker, texts["bare"])
        print(f"{len(texts['commas']):8d} {words:7d} {base:12.2f} {commas:9.2f} {commas / base:6.2f} "
              f"{bare:7.2f} {bare / base:6.2f} {1e6 * commas / words:19.1f}")


if __name__ == "__main__":
    main()
