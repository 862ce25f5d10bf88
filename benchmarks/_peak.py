"""Run the rubrika CLI in this process and print its peak resident memory (KiB) to stderr."""

import atexit
import resource
import sys

from rubrika.cli import main

atexit.register(lambda: print(f"PEAK_RSS_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr))
sys.argv = ["rubrika", *sys.argv[1:]]
main()
