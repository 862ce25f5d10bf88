"""Benchmark of `rubrika serve`: a class typing at once, on this machine only.

Run:  python benchmarks/bench_serve.py [--students 40] [--every 2] [--seconds 60]

Starts the real `rubrika serve` command on 127.0.0.1 (a free port; loopback only, nothing
else is contacted) with the per-client rate limit raised, since every simulated student
comes from 127.0.0.1. Then N simulated students each send their draft to POST /api/check
every 2 s for 60 s (the page's debounced update), over their own keep-alive connection.
Each draft has 300-1,000 words (built from the sample essays by corpus.make_corpus) and
grows by a few words per update, as a student types. The run is bounded: it stops after
--seconds plus at most one request timeout (10 s), then stops the server.

Reports: requests, p50/p95/max latency, errors (any non-200 or failed request; goal 0),
the server's CPU time per request (independent of what else the machine runs; the latency
is not), and the server's resident memory (VmRSS) after warm-up, half-way and at the end
(goal: it does not grow with the number of requests).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post(conn: http.client.HTTPConnection, text: str) -> int:
    body = json.dumps({"text": text}).encode("utf-8")
    conn.request("POST", "/api/check", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def drafts(count: int, seed: int = 7) -> list[list[str]]:
    """Word lists of 300-1,000 words, one per student."""
    rng = random.Random(seed)
    words = " ".join(make_corpus(60, seed=seed)).split()
    out = []
    for _ in range(count):
        length = rng.randint(300, 1000)
        start = rng.randrange(0, len(words) - length)
        out.append(words[start:start + length])
    return out


def student(port: int, words: list[str], every: float, until: float, start_delay: float,
            latencies: list[float], errors: list[str], seed: int) -> None:
    rng = random.Random(seed)
    typed = max(300, len(words) - 150)  # the draft grows towards its full length as the student types
    time.sleep(start_delay)
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    next_at = time.monotonic()
    while next_at < until:
        text = " ".join(words[:typed])
        started = time.perf_counter()
        try:
            status = post(conn, text)
            if status != 200:
                errors.append(f"HTTP {status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
        latencies.append(time.perf_counter() - started)
        typed = min(len(words), typed + rng.randint(2, 8))
        next_at += every
        time.sleep(max(0.0, next_at - time.monotonic()))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between one student's updates")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "rubrika", "serve", "--host", HOST, "--port", str(port),
                               "--rate-limit", "100000"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=2)
                conn.request("GET", "/api/rubrics")
                conn.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start:\n" + server.stderr.read().decode()) from None
                time.sleep(0.2)
        words = drafts(args.students)
        warm = http.client.HTTPConnection(HOST, port, timeout=10)
        for w in words[:5]:
            post(warm, " ".join(w))
        warm.close()
        rss_start = rss_mib(server.pid)
        cpu_start = cpu_seconds(server.pid)

        latencies: list[float] = []
        errors: list[str] = []
        until = time.monotonic() + args.seconds
        offsets = [args.every * i / args.students for i in range(args.students)]  # students not in step
        threads = [threading.Thread(target=student, args=(port, words[i], args.every, until + offsets[i], offsets[i],
                                                          latencies, errors, i))
                   for i in range(args.students)]
        started = time.monotonic()
        for th in threads:
            th.start()
        rss_mid = None
        while any(th.is_alive() for th in threads):
            time.sleep(1)
            if rss_mid is None and time.monotonic() - started > args.seconds / 2:
                rss_mid = rss_mib(server.pid)
        for th in threads:
            th.join()
        elapsed = time.monotonic() - started
        rss_end = rss_mib(server.pid)
        cpu = cpu_seconds(server.pid) - cpu_start
        load = os.getloadavg()[0]
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    ordered = sorted(latencies)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    sizes = [len(w) for w in words]
    print(f"rubrika serve: {args.students} students, an update every {args.every:g} s for {args.seconds:g} s "
          f"({min(sizes)}-{max(sizes)} words), loopback")
    print(f"requests {len(latencies)} in {elapsed:.1f} s ({len(latencies) / elapsed:.1f}/s)")
    print(f"latency p50 {p(0.50):.1f} ms, p95 {p(0.95):.1f} ms, max {ordered[-1] * 1000:.1f} ms, "
          f"mean {statistics.fmean(latencies) * 1000:.1f} ms")
    print(f"server CPU {cpu * 1000 / max(1, len(latencies)):.1f} ms per request "
          f"({100 * cpu / elapsed:.0f}% of one core); "
          f"machine load average {load:.1f} on {os.cpu_count()} cores")
    print(f"errors {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"server RSS: start {rss_start:.1f} MiB, middle {rss_mid or float('nan'):.1f} MiB, end {rss_end:.1f} MiB "
          f"(growth {rss_end - rss_start:+.1f} MiB)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
