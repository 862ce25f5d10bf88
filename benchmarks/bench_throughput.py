"""Throughput of the check engine per CPU-second, against stock spaCy tokenising the same essays.

Run:  python benchmarks/bench_throughput.py [--essays 3000] [--rounds 3] [--profile]

Issue 13, point 4: ``check`` >= 0.6x the speed of a stock ``spacy.blank("id")`` tokenizer,
per core. Both sides read the same class-like essays (``corpus.make_class``: many essays on
one topic, sharing its phrasing). Each round runs both sides in fresh processes, one after
the other (the order alternates between rounds, as this machine's speed wanders), and each
process reports the words of the essays (``str.split``) per CPU-second (``time.process_time``)
of its loop alone, start-up excluded:

- baseline: ``nlp = spacy.blank("id")`` then ``nlp(text)`` for each essay (``--baseline pipe``:
  ``nlp.pipe(texts)``);
- check: ``Checker()`` (built-in rubric) then ``Checker.check(Essay(text))`` for each essay,
  the whole per-essay engine (layout, pipeline, matching, scoring, references, strength,
  advisories, copy check), without turning results into records.

The medians of the rounds and their ratio are printed. ``--profile`` runs the check side
once more under cProfile (in this process) and prints the top functions by cumulative and
by own ("total") time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_class  # noqa: E402

GOAL = 0.6


def _essays(count: int) -> list[str]:
    return make_class(count)


def _run_check(essays: list[str]) -> float:
    from rubrika.api import Checker
    from rubrika.readers.essay import Essay

    checker = Checker()
    check = checker.check
    start = time.process_time()
    for i, text in enumerate(essays):
        check(Essay(text=text, path=f"esai-{i}.txt", id=f"esai-{i}"))
    return time.process_time() - start


def _run_baseline(essays: list[str], mode: str) -> float:
    import spacy

    nlp = spacy.blank("id")
    start = time.process_time()
    if mode == "pipe":
        for _ in nlp.pipe(essays):
            pass
    else:
        for text in essays:
            nlp(text)
    return time.process_time() - start


def _worker(kind: str, count: int, baseline: str) -> None:
    """Words per CPU-second of one pass in this fresh process; printed for the parent."""
    essays = _essays(count)
    words = sum(len(e.split()) for e in essays)
    cpu = _run_check(essays) if kind == "check" else _run_baseline(essays, baseline)
    print(words / cpu, words, cpu)


def throughput(count: int, rounds: int, baseline: str) -> tuple[dict[str, list[float]], int]:
    results: dict[str, list[float]] = {"baseline": [], "check": []}
    words = 0
    for r in range(rounds):
        order = ("baseline", "check") if r % 2 == 0 else ("check", "baseline")
        for kind in order:
            out = subprocess.run([sys.executable, __file__, "--worker", kind, "--essays", str(count),
                                  "--baseline", baseline], check=True, capture_output=True, text=True).stdout.split()
            results[kind].append(float(out[0]))
            words = int(out[1])
            print(f"  round {r + 1}: {kind:8s} {float(out[0]):9.0f} words/CPU-s  ({float(out[2]):.1f} CPU-s)",
                  flush=True)
    return results, words


def profile(count: int, top: int) -> None:
    import cProfile
    import pstats

    essays = _essays(count)
    from rubrika.api import Checker
    from rubrika.readers.essay import Essay

    checker = Checker()
    profiler = cProfile.Profile()
    profiler.enable()
    for i, text in enumerate(essays):
        checker.check(Essay(text=text, path=f"esai-{i}.txt", id=f"esai-{i}"))
    profiler.disable()
    for order in ("cumulative", "tottime"):
        print(f"\n--- cProfile of Checker.check over {count} essays, top {top} by {order} ---")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", choices=["call", "pipe"], default="call",
                        help="nlp(text) per essay (default) or nlp.pipe(texts)")
    parser.add_argument("--profile", action="store_true", help="also print the top of cProfile of the check side")
    parser.add_argument("--profile-essays", type=int, default=None, help="essays to profile (default: --essays)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--worker", choices=["baseline", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.essays, args.baseline)
        return
    if args.rounds > 0:
        print(f"throughput over {args.essays} class-like essays, {args.rounds} rounds of fresh processes")
        results, words = throughput(args.essays, args.rounds, args.baseline)
        base, mine = statistics.median(results["baseline"]), statistics.median(results["check"])
        ratio = mine / base
        label = "nlp(text)" if args.baseline == "call" else "nlp.pipe(texts)"
        print(f"{words} words; medians:")
        print(f"  baseline  spacy.blank('id') {label:16s} {base:9.0f} words/CPU-s")
        print(f"  check     Checker.check                  {mine:9.0f} words/CPU-s")
        print(f"  ratio {ratio:.2f}  (goal >= {GOAL}: {'met' if ratio >= GOAL else 'NOT met'})")
    if args.profile:
        profile(args.profile_essays or args.essays, args.top)


if __name__ == "__main__":
    main()
