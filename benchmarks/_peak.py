"""Run the rubrika CLI in this process and print peak resident memory (KiB) to stderr: this
process's, and the largest of its finished child processes' (the --jobs workers)."""

import atexit
import resource
import sys

from rubrika.cli import main


def _report() -> None:
    print(f"PEAK_RSS_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
    print(f"PEAK_RSS_CHILDREN_KIB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)


atexit.register(_report)
sys.argv = ["rubrika", *sys.argv[1:]]
main()
