"""Benchmark: an exam-sized run of `rubrika grade` on one machine, end to end.

Run:  python benchmarks/bench_exam.py                      # 3,000 essays, a few minutes
      python benchmarks/bench_exam.py --essays 100000 --timeout 7200   # the exam-sized run

Writes N class-like essays (corpus.make_class_with_pairs: one planted similar pair per 100
essays) into sub-folders of --per-folder essays (schools, classes), then runs, each in a
fresh process:

1. a fresh `rubrika grade FOLDER -o OUT` (every usable core): wall time, peak memory of the
   batch process and of its largest worker, size of the outputs (reports, overview pages,
   gradebook, records; the cache store apart), the overview's largest page, and whether
   every planted pair was flagged and nothing else;
2. the same command again with every essay cached: wall time and its ratio to the fresh
   run (goal <= 0.15).

Each run is stopped after --timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _peak import run  # noqa: E402
from corpus import make_class_with_pairs  # noqa: E402


def write_folder(root: Path, count: int, per_folder: int) -> tuple[Path, list[tuple[str, str]]]:
    folder = root / "ujian"
    essays, planted = make_class_with_pairs(count)
    rels = []
    for i, essay in enumerate(essays):
        rel = f"sekolah-{i // per_folder:04d}/siswa-{i:06d}.txt"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(essay, encoding="utf-8")
        rels.append(rel)
    return folder, [(rels[a], rels[b]) for a, b in planted]


def size_of(out: Path) -> tuple[int, int, int]:
    """(bytes of every output but the cache, bytes of the cache, the largest overview page)."""
    total = cache = largest = 0
    for path in out.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            if ".rubrika-cache" in path.parts:
                cache += size
            else:
                total += size
            if path.name == "index.html" or path.parent.name == "groups":
                largest = max(largest, size)
    return total, cache, largest


def flagged_pairs(out: Path) -> set[tuple[str, str]]:
    pairs = set()
    with open(out / "results.jsonl", encoding="utf-8") as lines:
        for line in lines:
            if '"similar-essays"' in line:
                record = json.loads(line)
                for advisory in record["advisories"]:
                    for other in advisory.get("others") or ():
                        pairs.add(tuple(sorted((record["essay"]["path"], other))))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=3000)
    parser.add_argument("--per-folder", type=int, default=300)
    parser.add_argument("--jobs", default=None, help="--jobs for grade (default: every usable core)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="rubrika-exam-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        folder, planted = write_folder(root, args.essays, args.per_folder)
        print(f"{args.essays} essays in {args.essays // args.per_folder + 1} folders written in "
              f"{time.perf_counter() - start:.0f} s; {len(planted)} planted similar pairs", flush=True)
        out = root / "out"
        cmd = ["grade", str(folder), "-o", str(out), "--quiet"] + (["--jobs", args.jobs] if args.jobs else [])
        fresh, own, children = run(cmd, args.timeout)
        total, cache, largest = size_of(out)
        found = flagged_pairs(out)
        wanted = set(tuple(sorted(p)) for p in planted)
        print(f"fresh run        {fresh:8.1f} s  {args.essays / fresh:6.1f} essays/s  peak RSS: batch "
              f"{own / 1024:.0f} MiB, largest worker {children / 1024:.0f} MiB", flush=True)
        print(f"outputs          {total / 2**20:8.1f} MiB ({total / args.essays / 1024:.1f} KiB an essay), "
              f"cache {cache / 2**20:.1f} MiB, largest overview page {largest / 1024:.0f} KiB", flush=True)
        print(f"similar pairs    {len(found & wanted)} of {len(wanted)} planted flagged, "
              f"{len(found - wanted)} others", flush=True)
        cached, own2, _ = run(cmd, args.timeout)
        ratio = cached / fresh
        print(f"cached re-run    {cached:8.1f} s  peak RSS {own2 / 1024:.0f} MiB  ratio {ratio:.2f}  "
              f"(goal <= 0.15: {'met' if ratio <= 0.15 else 'NOT met'})", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
