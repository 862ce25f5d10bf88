"""Run the rubrika CLI and measure its peak resident memory.

As a script (``python _peak.py ARGS...``): run ``rubrika ARGS...`` in this process and print
the peak resident memory (KiB) to stderr: this process's, and the largest of its finished
child processes' (the --jobs workers). ``run`` does that in a fresh process and times it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

PEAK = [sys.executable, str(Path(__file__).resolve())]


def run(args: list[str], timeout: float) -> tuple[float, int, int]:
    """(wall seconds, peak RSS KiB of the batch process, of its largest worker) of ``rubrika ARGS``."""
    start = time.perf_counter()
    done = subprocess.run(PEAK + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args[0]} failed:\n{done.stderr[-2000:]}")
    own = int(re.search(r"PEAK_RSS_KIB (\d+)", done.stderr).group(1))
    children = int(re.search(r"PEAK_RSS_CHILDREN_KIB (\d+)", done.stderr).group(1))
    return elapsed, own, children


def _report() -> None:
    import resource

    print(f"PEAK_RSS_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
    print(f"PEAK_RSS_CHILDREN_KIB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)


if __name__ == "__main__":
    import atexit

    from rubrika.cli.main import main

    atexit.register(_report)
    sys.argv = ["rubrika", *sys.argv[1:]]
    main()
