"""Grading on a Dask cluster (``pip install rubrika[dask]``).

``rubrika grade FOLDER --scheduler tcp://HOST:8786`` and ``rubrika.grade(..., client=...)``
(``rubrika.batch.run.grade``)
run the same two task functions as a local run (``rubrika.batch.parallel``) on Dask workers:
each worker builds one Checker from the rubric (once per rubric and options) and reads the
essays from the path they share with the machine that runs the batch (an NFS or SMB
mount, the same absolute path everywhere). The batch itself (the cache store, the pair
search, the batch-wide files) stays on that machine, and results come back in order, so
the outputs are the bytes a local run writes.

For programs that only want records: ``check_partition`` maps over a ``dask.bag`` of paths.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rubrika.batch import parallel
from rubrika.api import Checker
from rubrika.batch.parallel import WINDOW, CheckerSpec, Job


class DaskUnavailable(RuntimeError):
    """The optional extra rubrika[dask] is not installed."""


def _client_class():
    try:
        from distributed import Client
    except ImportError:  # the extra is not installed
        raise DaskUnavailable("Dask is not installed: pip install 'rubrika[dask]'") from None
    return Client


def _run(name: str, spec_job, batch: list):
    """On a worker: (re)build its Checker when the rubric or options change, run one task."""
    spec, job = spec_job
    if parallel._STATE.get("job") != job:
        parallel.set_state(spec, job)
    return getattr(parallel, name)(batch)


class DaskRunner:
    """Runs a batch's tasks on the workers of a Dask client, results in submission order."""

    def __init__(self, client, own: bool = False):
        self.client, self.own = client, own
        self.spec = None

    @classmethod
    def connect(cls, address: str, timeout: float = 20) -> DaskRunner:
        return cls(_client_class()(address, timeout=timeout), own=True)

    @property
    def workers(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def start(self, checker: Checker, job: Job) -> DaskRunner:
        [self.spec] = self.client.scatter([(CheckerSpec.of(checker), job)], broadcast=True, hash=False)
        return self

    def map(self, func: Callable, tasks: Iterable) -> Iterator:
        pending: deque = deque()
        window = WINDOW * self.workers
        try:
            for task in tasks:
                pending.append(self.client.submit(_run, func.__name__, self.spec, task, pure=False))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self.own:
            self.client.close()


@lru_cache(maxsize=4)
def _checker(rubric) -> Checker:
    return Checker(rubric)


def check_partition(paths: Iterable[str], rubric: str | None = None, lang: str = "id") -> list[dict]:
    """Records of essay files, for ``dask.bag.from_sequence(paths).map_partitions(check_partition)``;
    each worker process compiles the rubric (a path, or None for the built-in one) once."""
    checker = _checker(rubric)
    return [checker.check_file(path, lang) for path in paths]
