"""Benchmark: the similar-essays search on class-like corpora stays linear, finds every
planted pair and nothing else.

Run:  python benchmarks/bench_similarity.py                  # 1,000 / 3,000 / 10,000 essays
      python benchmarks/bench_similarity.py --sizes 1000,10000,100000   # the exam-sized run

Essays come from corpus.make_class_with_pairs: a class on one topic (stock sentences most
essays restate, shared phrases, each student's own sentences) with one planted pair per
100 essays, half copied paragraphs, half near-copies with one word in ten replaced. Each
size runs in a fresh process: fingerprints are made first (words cut by a regular
expression, winnowed as Rubrika does; not timed), then the pair search alone is timed
(``similarity.similar_pairs``; wall and CPU seconds, CPU time being what a shared machine
does not distort), and its memory measured in a second search: the Python heap peak
(tracemalloc, numpy included) and the process's peak RSS. Time per essay and bytes
per essay staying flat is the goal; a size that takes longer than --timeout is stopped.

Run it on an older checkout (PYTHONPATH=OLD/src) to get the "before" figures.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from array import array
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_class_with_pairs  # noqa: E402

WORD = re.compile(r"\w+(?:-\w+)*")


def _prints(text: str) -> array:
    from rubrika.engine import similarity

    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    return array("I", sorted(similarity.winnow(words)))


def _worker(count: int) -> None:
    from rubrika.engine import similarity

    essays, planted = make_class_with_pairs(count)
    with Pool(2) as pool:
        prints = pool.map(_prints, essays, chunksize=200)
    del essays
    if hasattr(similarity, "PrintIndex"):
        index = similarity.PrintIndex()
        for fp in prints:
            index.add(fp)
        prints = index
    fingerprints = len(index.flat) if hasattr(similarity, "PrintIndex") else sum(map(len, prints))
    start, cpu = time.perf_counter(), time.process_time()
    pairs = similarity.similar_pairs(prints)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()  # a second search, for its memory (tracemalloc slows it down)
    similarity.similar_pairs(prints)
    heap = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    found = {(p.a, p.b) for p in pairs}
    missed, extra = set(planted) - found, found - set(planted)
    print(count, fingerprints, elapsed, cpu, heap, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          len(planted), len(missed), len(extra))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per size")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker)
        return
    print(f"{'essays':>7} {'prints':>9} {'wall s':>8} {'CPU s':>8} {'CPU ms/essay':>9} {'heap MiB':>9} {'B/essay':>8} "
          f"{'RSS MiB':>8}  planted pairs")
    rows = []
    for count in map(int, args.sizes.split(",")):
        try:
            out = subprocess.run([sys.executable, __file__, "--worker", str(count)], capture_output=True, text=True,
                                 timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{count:7d}  stopped after {args.timeout:.0f} s")
            continue
        if out.returncode != 0:
            print(f"{count:7d}  failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
            continue
        n, prints, wall, seconds, heap, rss, planted, missed, extra = out.stdout.split()
        n, wall, seconds, heap = int(n), float(wall), float(seconds), int(heap)
        rows.append((n, seconds, heap))
        status = "all found, none other" if missed == extra == "0" else f"{missed} missed, {extra} unplanted"
        print(f"{n:7d} {int(prints):9d} {wall:8.2f} {seconds:8.2f} {1000 * seconds / n:9.3f} {heap / 2**20:9.1f} {heap / n:8.0f} "
              f"{int(rss) / 1024:8.1f}  {planted} ({status})")
    if len(rows) >= 2:
        (n0, s0, h0), (n1, s1, h1) = rows[0], rows[-1]
        print(f"growth {n0} -> {n1}: CPU time per essay x{(s1 / n1) / (s0 / n0):.2f}, "
              f"search memory per essay x{(h1 / n1) / (h0 / n0):.2f}  (goal: flat, about 1)")


if __name__ == "__main__":
    main()
