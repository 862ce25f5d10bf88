"""Benchmark of `rubrika grade`: time against `check --format json`, memory against batch size.

Run:  python benchmarks/bench_grade.py [--essays 500] [--small 100]

Essays come from corpus.make_class: a class on one topic (shared vocabulary and sentences,
rarely a shared passage).

1. Time: `rubrika grade FOLDER -o OUT` (every report, overview, CSV, JSONL) against
   `rubrika check FILES... --format json` on the same essays, each in a fresh process,
   in the same run (goal: ratio <= 1.5).
2. Memory: peak resident memory of `grade` over N essays against over a smaller batch
   (goal: it does not grow with the number of essays; ratio close to 1).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_class  # noqa: E402

PEAK = [sys.executable, str(Path(__file__).resolve().parent / "_peak.py")]


def run(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(PEAK + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args[0]} failed:\n{done.stderr}")
    peak = int(re.search(r"PEAK_RSS_KIB (\d+)", done.stderr).group(1))
    return elapsed, peak


def write_folder(root: Path, count: int) -> Path:
    folder = root / f"essays-{count}"
    folder.mkdir()
    for i, essay in enumerate(make_class(count)):
        (folder / f"siswa-{i:04d}.txt").write_text(essay, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=500)
    parser.add_argument("--small", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big, small = write_folder(root, args.essays), write_folder(root, args.small)
        files = [str(p) for p in sorted(big.iterdir())]
        check_time, check_peak = run(["check", *files, "--format", "json"])
        grade_time, grade_peak = run(["grade", str(big), "-o", str(root / "out-big"), "--quiet"])
        _, small_peak = run(["grade", str(small), "-o", str(root / "out-small"), "--quiet"])
        reports = len(list((root / "out-big" / "essays").iterdir()))
        flagged = (root / "out-big" / "results.jsonl").read_text(encoding="utf-8").count('"similar-essays"')
    ratio = grade_time / check_time
    print(f"time over {args.essays} distinct essays ({reports} reports written, {flagged} flagged similar-essays)")
    print(f"  baseline  check --format json     {check_time:6.2f} s  {args.essays / check_time:6.1f} essays/s")
    print(f"  rubrika   grade (all outputs)     {grade_time:6.2f} s  {args.essays / grade_time:6.1f} essays/s")
    print(f"  ratio {ratio:.2f}  (goal <= 1.50: {'met' if ratio <= 1.5 else 'NOT met'})")
    growth = grade_peak / small_peak
    print("peak memory of grade")
    print(f"  {args.small:4d} essays  {small_peak / 1024:7.1f} MiB")
    print(f"  {args.essays:4d} essays  {grade_peak / 1024:7.1f} MiB   (check --format json: {check_peak / 1024:.1f} MiB)")
    print(f"  ratio {growth:.2f}  (goal: no growth with batch size, <= 1.10: {'met' if growth <= 1.10 else 'NOT met'})")


if __name__ == "__main__":
    main()
