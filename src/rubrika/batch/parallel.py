"""Where a batch's essays are checked and written: in this process, in worker processes
(``grade --jobs N``) or on a Dask cluster (``rubrika.batch.cluster``).

Every place runs the same two task functions over small batches of essays, in order:

- ``check_batch``: ``CheckTask`` -> ``CheckedEntry``: read an essay from its path, check it
  with the worker's one compiled ``Checker``, and return its cache key, fingerprint hashes
  and cache entry (a compressed blob, see ``rubrika.batch.cache``);
- ``write_batch``: ``WriteTask`` -> ``WrittenEssay``: from a cache entry and the essay's
  similar partners, render its report and return its ``EssayOutputs``: its line of
  ``results.jsonl``, its gradebook row and its overview row.

The hand-offs are frozen dataclasses of plain values, so they pickle to worker processes
and Dask workers.

Results come back in submission order, so the outputs are the same bytes for every number
of workers. Only the process that runs the batch touches the cache store and the
batch-wide files; a worker holds one Checker (built once, by the pool's initializer) and
nothing of other essays.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rubrika.api import Checked, Checker
from rubrika.readers.essay import TEXT_SUFFIXES, Limits
from rubrika.result import TeacherStatus

if TYPE_CHECKING:
    from rubrika.batch.cache import EssayOutputs
    from rubrika.rubric.model import Rubric

BATCH = 8  # essays per task: few enough for an even spread, enough to amortise the round trip
WINDOW = 4  # tasks in flight per worker: bounded memory, workers never idle


@dataclass(frozen=True)
class Job:
    """What every worker needs besides its essays."""

    lang: str
    limits: Limits
    salt: str  # the cache salt (rubrika.batch.cache.salt_of)
    outdir: str | None  # write reports there (a local run), or return them (a cluster)
    back_link: str = "../index.html"


@dataclass(frozen=True)
class CheckerSpec:
    """A Checker rebuilt in another process (a spawned worker, a Dask worker): the rubric
    and the source fingerprints, not the compiled matcher."""

    rubric: Rubric
    source_hashes: frozenset[int]

    @classmethod
    def of(cls, checker: Checker) -> CheckerSpec:
        return cls(checker.rubric, checker.source_hashes)

    def build(self) -> Checker:
        checker = Checker(self.rubric)
        checker.source_hashes = self.source_hashes
        return checker


@dataclass(frozen=True, slots=True)
class CheckTask:
    """One essay for pass 1."""

    index: int  # its place in the batch
    path: str  # absolute: workers may run elsewhere
    rel: str  # the path its record shows


@dataclass(frozen=True, slots=True)
class CheckedEntry:
    """One essay as ``check_batch`` gives it back."""

    index: int
    key: str | None  # its cache key; None: nothing to key it by (unreadable, too large)
    hashes: bytes  # its fingerprint hashes (``rubrika.batch.cache.hashes_of`` reads them)
    blob: bytes | None  # its cache entry, when it has a key
    unreadable: Checked | None  # its small error result, when it has none (never cached)


@dataclass(frozen=True, slots=True)
class Partner:
    """An essay that shares passages with the one being written."""

    rel: str
    name: str  # its report's name
    shared: tuple[int, ...]  # the fingerprint hashes the two share


@dataclass(frozen=True, slots=True)
class WriteTask:
    """One essay for pass 2: its cache entry (or error result), its similar partners and the
    teacher's corrections (koreksi.csv, ``rubrika.batch.corrections``)."""

    rel: str
    name: str  # its report's name
    blob: bytes | None
    unreadable: Checked | None
    partners: tuple[Partner, ...]
    corrections: tuple[tuple[str, TeacherStatus], ...] = ()  # concept id -> the teacher's status
    reviewed: bool = False  # the teacher confirmed every status
    path: str = ""  # absolute: the essay is checked again when its cache entry cannot be read


@dataclass(frozen=True, slots=True)
class WrittenEssay:
    """One essay as ``write_batch`` gives it back."""

    outputs: EssayOutputs
    page: str | None  # its report, when the batch's process writes it (rendered on a cluster)
    stat: tuple[int, int] | None  # (size, mtime) of the report the worker wrote
    checked: CheckedEntry | None = None  # its new cache entry, when the stored one could not be read


_STATE: dict[str, Any] = {}


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def set_state(checker: Checker | CheckerSpec, job: Job) -> None:
    _STATE["checker"] = checker.build() if isinstance(checker, CheckerSpec) else checker
    _STATE["job"] = job
    _STATE["outline"] = _STATE["checker"].outline(job.lang)


def init_worker(checker: Checker | CheckerSpec, job: Job, parent: int | None = None) -> None:
    """Pool initializer: Ctrl-C is the batch's to handle (it stops the pool); SIGTERM ends a
    worker (the pool terminates a broken one with it), whatever handler the batch installed
    before the fork; and the worker dies with the batch's process ``parent``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is not None:
        die_with_parent(parent)
    set_state(checker, job)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """End this worker when the process ``parent`` ends, however it ends (``kill -9`` too):
    a worker left behind would wait for work for ever, holding a compiled rubric (~110 MB).

    Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (prctl(2)): the kernel kills the worker when
    its parent ends, even while the worker is busy in spaCy's C code, with no thread of our
    own. It is tied to the thread that forked the worker, which in a pool is the thread that
    runs the batch for the pool's whole life. Elsewhere (macOS, Windows): a thread that
    waits on the parent's sentinel (``multiprocessing.parent_process()``), a pipe that
    closes when the parent ends.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it ended before the line above: no signal will come
                os._exit(1)
            return
    watch_parent()


def watch_parent() -> None:
    """End this process (a worker) when the process that started it ends: a daemon thread
    waits on the parent's sentinel."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def wait() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=wait, name="rubrika-parent-watch", daemon=True).start()


# --- the two tasks ---------------------------------------------------------------------------


def check_batch(batch: list[CheckTask]) -> list[CheckedEntry]:
    """Check each essay: its cache key, fingerprint hashes and cache entry."""
    return [_check(task) for task in batch]


def _check(task: CheckTask) -> CheckedEntry:
    from rubrika.batch.cache import entry_blob, essay_bytes, hashes_blob, key_of

    checker, job = _STATE["checker"], _STATE["job"]
    p = Path(task.path)
    raw = essay_bytes(p, job.limits)
    checked = checker.check_path(p, job.lang, job.limits, name=task.rel, fingerprints=True,
                                 raw=raw if raw and p.suffix.lower() in TEXT_SUFFIXES else None)
    if raw:
        return CheckedEntry(task.index, key_of(job.salt, task.rel, raw), hashes_blob(checked), entry_blob(checked),
                            None)
    # nothing to key it by (unreadable, too large): a small error result, never cached
    return CheckedEntry(task.index, None, hashes_blob(checked), None, checked)


def _entry(task: WriteTask) -> tuple[Checked, CheckedEntry | None]:
    """The essay as its cache entry holds it. An entry that cannot be read back (a damaged
    store: it only holds copies) is made again from the essay's file, and given back for the
    store."""
    from rubrika.batch.cache import DAMAGED, from_blob

    if task.blob is None:
        assert task.unreadable is not None, "a write task holds a cache entry or an error result"
        return task.unreadable, None
    try:
        return from_blob(task.blob), None
    except DAMAGED:
        entry = _check(CheckTask(-1, task.path, task.rel))
        if entry.blob is None:  # the file is gone or unreadable now: its error result
            assert entry.unreadable is not None
            return entry.unreadable, None
        return from_blob(entry.blob), entry  # read back as every cached essay is: the same outputs


def write_batch(batch: list[WriteTask]) -> list[WrittenEssay]:
    """Each essay's report (written here when the job has an outdir, else given back) and
    outputs: its results line, gradebook row, overview row and the similar pairs it opens."""
    from rubrika.atomic import write_text
    from rubrika.batch.cache import EssayOutputs
    from rubrika.engine.similarity import shared_percent, similarity_advisory
    from rubrika.batch.outdir import ESSAYS
    from rubrika.engine.correct import correct
    from rubrika.reporters import csvfile, html, jsonl
    from rubrika.reporters.present import cut

    job, outline = _STATE["job"], _STATE["outline"]
    criteria_ids = [c["id"] for c in outline["criteria"]]
    out = []
    for task in batch:
        checked, fresh = _entry(task)
        result, text, prints = checked.result, checked.text, checked.prints
        result = correct(result, _STATE["checker"].rubric, dict(task.corrections), job.lang, task.reviewed)
        rel, partners = task.rel, task.partners
        pairs_view = []
        if partners and result.error is None and text is not None and prints is not None:  # (a readable essay)
            advisory = similarity_advisory(prints, [(k, p.shared) for k, p in enumerate(partners)],
                                           [p.rel for p in partners], text, job.lang)
            result = result.with_advisories([advisory])
            names = {p.rel: p.name for p in partners}
            spans = advisory.spans or ()
            pairs_view = [{"a": rel, "b": other, "href_a": f"{ESSAYS}/" + html.href(task.name),
                           "href_b": f"{ESSAYS}/" + html.href(names[other]),
                           "passage": cut(spans[0].text, 240),
                           "share": shared_percent(spans, text)}
                          for other in advisory.others or () if rel < other]
        record = result.to_record()
        page = html.render_essay(record, text, job.lang, outline, back_link=job.back_link)
        outputs = EssayOutputs(jsonl.render(record), csvfile.row(record, criteria_ids),
                               html.summary_row(record, f"{ESSAYS}/" + html.href(task.name)), pairs_view)
        if job.outdir is None:  # a cluster: the batch's process writes the report
            out.append(WrittenEssay(outputs, page, None, fresh))
        else:
            report = Path(job.outdir) / ESSAYS / task.name
            write_text(report, page)
            out.append(WrittenEssay(outputs, None, _stat(report), fresh))
    return out


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


# --- where they run --------------------------------------------------------------------------


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class InProcess:
    """jobs=1: this process, this Checker."""

    workers = 1

    def __init__(self, checker: Checker, job: Job):
        set_state(checker, job)

    def map(self, func: Callable, tasks: Iterable) -> Iterator:
        return map(func, tasks)

    def close(self) -> None:
        return None


CLOSE_POLL = 0.2  # seconds between looks at a closing pool's workers
CLOSE_GRACE = 2.0  # seconds a manager has to read what dead workers wrote before its pipe is closed


class ProcessPool:
    """A pool of worker processes, each initialised with one compiled Checker.

    Workers are forked where the system allows it (they inherit the compiled Checker, no
    second start-up), spawned elsewhere (they rebuild it from a ``CheckerSpec``).
    ``concurrent.futures`` rather than ``multiprocessing.Pool``: an exception a task raises,
    even a ``KeyboardInterrupt`` or ``SystemExit``, comes back to this process, and a worker
    that dies (killed, out of memory) fails the batch with ``BrokenProcessPool`` instead of
    leaving it waiting for ever.
    """

    def __init__(self, checker: Checker, job: Job, workers: int):
        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        spec = checker if context.get_start_method() == "fork" else CheckerSpec.of(checker)
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                        initargs=(spec, job, os.getpid()))

    def map(self, func: Callable, tasks: Iterable) -> Iterator:
        """Results in task order; at most WINDOW tasks per worker in flight."""
        pending: deque = deque()
        for task in tasks:
            pending.append(self.pool.submit(func, task))
            if len(pending) >= WINDOW * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        """Tasks not started are dropped; the ones running finish (workers ignore Ctrl-C).

        A worker killed while it wrote its result (SIGTERM to the batch's process group, which
        a worker does not ignore) can leave half a message in the result pipe, and the pool's
        manager thread would wait for the rest of it for ever (CPython 3.11 keeps this process's
        own end of that pipe open). So once every worker has ended and the manager still waits,
        that end is closed: the wait ends with end-of-file, as a broken pool."""
        pool = self.pool
        # shutdown(wait=False) forgets these: take them first (private, hence the getattr)
        manager = getattr(pool, "_executor_manager_thread", None)
        processes = getattr(pool, "_processes", None)
        results = getattr(pool, "_result_queue", None)
        pool.shutdown(wait=False, cancel_futures=True)
        if manager is None or processes is None or results is None:
            pool.shutdown(wait=True)
            return
        while manager.is_alive():
            manager.join(CLOSE_POLL)
            if manager.is_alive() and not any(p.is_alive() for p in list(processes.values())):
                manager.join(CLOSE_GRACE)  # the last results already in the pipe are read first
                writer = getattr(results, "_writer", None)  # private too: without it, wait as before
                if manager.is_alive() and writer is not None:
                    writer.close()
        results.close()


def local_runner(checker: Checker, job: Job, jobs: int | None) -> InProcess | ProcessPool:
    jobs = usable_cores() if jobs is None else jobs
    return InProcess(checker, job) if jobs <= 1 else ProcessPool(checker, job, jobs)
