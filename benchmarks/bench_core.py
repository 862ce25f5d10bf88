"""Benchmark of issue "Rubrika core": cold start and throughput, with same-run baselines.

Run:  python benchmarks/bench_core.py [--essays 240] [--repeat 5] [--before PYTHON]

1. Cold start: a fresh ``python -m rubrika check ESSAY --format json`` against a fresh
   ``python -c "import spacy; spacy.blank('id')"`` (goal: ratio <= 0.5).
2. Throughput: words per CPU second of ``Checker.check_text`` over N distinct essays in
   one process (one core), against tokenising the same essays with a stock
   ``spacy.blank("id")`` (goal: ratio >= 0.6; ``--essays 3000`` for the issue's size). Each side runs a first pass in a fresh process, several rounds
   interleaved (this machine's speed wanders), and the medians are compared.
3. With ``--before PYTHON`` (the interpreter of an environment where an earlier commit is
   installed: ``git worktree add /tmp/old b8eb2cb && python -m venv /tmp/old-env &&
   /tmp/old-env/bin/pip install /tmp/old``), the same first pass with that code in the same
   rounds: how many times slower per essay the current code is (issue 20: at most 1.3 against
   b8eb2cb).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SAMPLES, make_corpus  # noqa: E402

BASELINE_COLD = [sys.executable, "-c", "import spacy; spacy.blank('id')"]


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_start(repeat: int) -> tuple[float, float]:
    essay = SAMPLES / "01-andi-kuat-lengkap.txt"
    ours = [sys.executable, "-m", "rubrika", "check", str(essay), "--format", "json"]
    _time(BASELINE_COLD), _time(ours)  # warm the file cache for both
    base, mine = [], []
    for _ in range(repeat):  # interleave so that machine load hits both alike
        base.append(_time(BASELINE_COLD))
        mine.append(_time(ours))
    return statistics.median(base), statistics.median(mine)


def _worker(kind: str, count: int) -> None:
    """Words per second of one first pass, in this fresh process; printed for the parent."""
    essays = make_corpus(count)
    words = sum(len(e.split()) for e in essays)
    if kind == "baseline":
        import spacy

        process = spacy.blank("id")
    else:
        from rubrika.api import Checker

        process = Checker().check_text
    start = time.process_time()  # CPU seconds: what other processes on a shared machine do not distort
    for essay in essays:
        process(essay)
    print(words / (time.process_time() - start), words)


def throughput(count: int, rounds: int, before: Path | None = None) -> tuple[dict[str, float], int]:
    """Median words/s of each side over ``rounds`` interleaved fresh processes (``before``: also
    the checker installed for that interpreter)."""
    results: dict[str, list[float]] = {"baseline": [], "rubrika": [], **({"before": []} if before else {})}
    words = 0
    for _ in range(rounds):
        for kind in results:
            python = str(before) if kind == "before" and before else sys.executable
            worker = "baseline" if kind == "baseline" else "rubrika"
            out = subprocess.run([python, __file__, "--worker", worker, "--essays", str(count)],
                                 check=True, capture_output=True, text=True).stdout.split()
            results[kind].append(float(out[0]))
            words = int(out[1])
    return {kind: statistics.median(values) for kind, values in results.items()}, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", type=Path, default=None,
                        help="python of an environment with an earlier commit installed: its first pass, same rounds")
    parser.add_argument("--worker", choices=["baseline", "rubrika"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.essays)
        return

    base, mine = cold_start(args.repeat)
    ratio = mine / base
    print(f"cold start (median of {args.repeat})")
    print(f"  baseline  import spacy; spacy.blank('id')      {base:6.2f} s")
    print(f"  rubrika   check ESSAY --format json            {mine:6.2f} s")
    print(f"  ratio {ratio:.2f}  (goal <= 0.50: {'met' if ratio <= 0.5 else 'NOT met'})")

    rounds = max(3, args.repeat // 2 * 2 + 1)
    medians, words = throughput(args.essays, rounds, args.before)
    base_wps, mine_wps = medians["baseline"], medians["rubrika"]
    ratio = mine_wps / base_wps
    print(f"throughput over {args.essays} distinct essays ({words} words), first pass, median of {rounds} fresh processes")
    print(f"  baseline  spacy.blank('id') tokenizer          {base_wps:9.0f} words/CPU s")
    print(f"  rubrika   Checker.check_text                   {mine_wps:9.0f} words/CPU s")
    print(f"  ratio {ratio:.2f}  (goal >= 0.60: {'met' if ratio >= 0.6 else 'NOT met'})")
    if args.before:
        slower = medians["before"] / mine_wps
        print(f"  before    {str(args.before):34s} {medians['before']:9.0f} words/CPU s")
        print(f"  per essay, this code against {args.before}: {slower:.2f}x the time"
              f"  (issue 20 against b8eb2cb: <= 1.30: {'met' if slower <= 1.3 else 'NOT met'})")
    whole_base, whole_mine = base + words / base_wps, mine + words / mine_wps
    print(f"whole processes (cold start + first pass over the {args.essays} essays, from the medians above)")
    print(f"  baseline {whole_base:6.1f} s   rubrika {whole_mine:6.1f} s   speed ratio {whole_base / whole_mine:.2f}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
