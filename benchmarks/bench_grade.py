"""Benchmark of `rubrika grade`: workers, time against `check --format json`, memory against size.

Run:  python benchmarks/bench_grade.py                                  # a few minutes
      python benchmarks/bench_grade.py --essays 3000 --memory 1000,10000 # the issue's sizes

Essays come from corpus.make_class (a class on one topic, with planted similar pairs).
Every command runs in a fresh process; this machine is shared, so the runs of each round
are interleaved and the medians of --rounds rounds compared.

1. Workers: `grade --jobs 1` against `grade --jobs N` (N: usable cores) on --essays essays
   (goal on 2 cores: speed-up >= 1.7).
2. Time: `grade` (every report, overview, CSV, JSONL; default --jobs) against
   `check FILES... --format json` (one process) on the same essays (goal: ratio <= 1.5); the
   ratio with --jobs 1 is printed too.
3. Memory: peak resident memory of `grade` (the batch process, and its largest worker) at
   the two sizes of --memory (goal: ratio <= 1.3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _peak import run  # noqa: E402
from corpus import make_class  # noqa: E402


def write_folder(root: Path, count: int) -> Path:
    folder = root / f"essays-{count}"
    folder.mkdir()
    for i, essay in enumerate(make_class(count)):
        (folder / f"siswa-{i:05d}.txt").write_text(essay, encoding="utf-8")
    return folder


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=600)
    parser.add_argument("--memory", default="200,1000", help="two sizes, small,large")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per command")
    parser.add_argument("--only", choices=["time", "memory"], default=None, help="run one part only")
    args = parser.parse_args()
    small_n, large_n = map(int, args.memory.split(","))
    n = cores()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = write_folder(root, args.essays)
        files = [str(p) for p in sorted(folder.iterdir())]
        times: dict[str, list[float]] = {"check": [], "grade1": [], "gradeN": []}
        for _ in range(args.rounds if args.only != "memory" else 0):
            for kind in times:
                out = root / f"out-{kind}"
                shutil.rmtree(out, ignore_errors=True)
                if kind == "check":
                    cmd = ["check", *files, "--format", "json"]
                else:
                    cmd = ["grade", str(folder), "-o", str(out), "--quiet", "--jobs", "1" if kind == "grade1" else str(n)]
                times[kind].append(run(cmd, args.timeout)[0])
        if args.only != "memory":
            same = all((root / "out-grade1" / f).read_bytes() == (root / "out-gradeN" / f).read_bytes()
                       for f in ("results.jsonl", "grades.csv", "index.html"))
            flagged = (root / "out-gradeN" / "results.jsonl").read_text(encoding="utf-8").count('"similar-essays"')
        memory = {}
        for count in (small_n, large_n) if args.only != "time" else ():
            big = write_folder(root, count) if count != args.essays else folder
            memory[count] = run(["grade", str(big), "-o", str(root / f"mem-{count}"), "--quiet"], args.timeout)[1:]
    if args.only != "memory":
        report_time(args.essays, args.rounds, n, times, same, flagged)
    if args.only != "time":
        report_memory(small_n, large_n, memory)


def report_time(essays: int, rounds: int, n: int, times: dict, same: bool, flagged: int) -> None:
    check, one, many = (statistics.median(times[k]) for k in ("check", "grade1", "gradeN"))
    print(f"{essays} class-like essays, median of {rounds} interleaved round(s), {n} usable cores")
    print(f"  check --format json      {check:7.1f} s  {essays / check:6.1f} essays/s")
    print(f"  grade --jobs 1           {one:7.1f} s  {essays / one:6.1f} essays/s")
    print(f"  grade --jobs {n}           {many:7.1f} s  {essays / many:6.1f} essays/s"
          f"   (outputs same bytes as --jobs 1: {'yes' if same else 'NO'}; {flagged} flagged similar)")
    print(f"  speed-up --jobs {n} / --jobs 1   {one / many:5.2f}  (goal >= 1.70 on 2 cores: "
          f"{'met' if one / many >= 1.7 else 'NOT met'})")
    print(f"  grade / check            {many / check:5.2f}  (goal <= 1.50: {'met' if many / check <= 1.5 else 'NOT met'});"
          f"  with --jobs 1: {one / check:.2f}")


def report_memory(small_n: int, large_n: int, memory: dict) -> None:
    (s_own, s_kids), (l_own, l_kids) = memory[small_n], memory[large_n]
    print("peak memory of grade (batch process / largest worker)")
    print(f"  {small_n:6d} essays  {s_own / 1024:7.1f} MiB / {s_kids / 1024:7.1f} MiB")
    print(f"  {large_n:6d} essays  {l_own / 1024:7.1f} MiB / {l_kids / 1024:7.1f} MiB")
    ratio = l_own / s_own
    print(f"  ratio {ratio:.2f} (workers {l_kids / max(s_kids, 1):.2f})  (goal <= 1.30: {'met' if ratio <= 1.3 else 'NOT met'})")


if __name__ == "__main__":
    main()
