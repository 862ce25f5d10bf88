"""Checking and grading off the event loop, bounded.

``Engine`` runs one check at a time (the spaCy pipeline is shared by every rubric and is
not promised to be thread-safe; a check takes milliseconds) in one worker thread, with at
most ``max_waiting`` requests queued on the event loop, first come first served: one more
gets a clear "busy" answer at once, and a request that waits longer than ``wait_seconds``
gets it too. Nothing crashes, nothing queues without bound, and no thread is started per
waiting request.

``Jobs`` grades a teacher's upload with ``rubrika.batch.run.grade_folder`` in a background
thread (at most ``max_running`` at once), reports progress, and keeps the outputs (never
the uploaded essays, deleted as soon as they are graded) in a temporary folder for
``keep_seconds``, then deletes them.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import anyio.to_thread

from rubrika.batch.run import grade_folder
from rubrika.readers.essay import ESSAY_SUFFIXES
from rubrika.messages import t
from rubrika.reporters.present import number

OUTPUTS = ("index.html", "grades.csv", "results.jsonl")


class Busy(Exception):
    """No room to check now; the client should try again shortly."""


class Engine:
    def __init__(self, max_waiting: int = 64, wait_seconds: float = 10.0):
        self.lock = threading.Lock()  # also taken, essay by essay, by a class being graded
        self.max_waiting = max_waiting
        self.wait_seconds = wait_seconds
        self.waiting = 0  # only touched on the event loop
        self.slot = anyio.CapacityLimiter(1)  # requests queue here, first come first served
        self.thread = anyio.CapacityLimiter(1)  # so one worker thread does every check

    async def run(self, fn, *args):
        if self.waiting >= self.max_waiting:
            raise Busy()
        self.waiting += 1
        acquired = False
        try:
            with anyio.move_on_after(self.wait_seconds):
                await self.slot.acquire()
                acquired = True
            if not acquired:
                raise Busy()
        finally:
            self.waiting -= 1
        try:
            return await anyio.to_thread.run_sync(self._locked, fn, args, limiter=self.thread)
        finally:
            self.slot.release()

    def _locked(self, fn, args):
        if not self.lock.acquire(timeout=self.wait_seconds):
            raise Busy()
        try:
            return fn(*args)
        finally:
            self.lock.release()


class LockedChecker:
    """A Checker whose checks take the engine lock one essay at a time, so that a class being
    graded and students typing share the pipeline fairly."""

    _CHECKS = ("check_essay", "check_text", "check_file", "check_file_with_text")

    def __init__(self, checker, lock: threading.Lock):
        self._checker, self._lock = checker, lock

    def __getattr__(self, name):
        attr = getattr(self._checker, name)
        if name not in self._CHECKS:
            return attr

        def locked(*args, **kwargs):
            with self._lock:
                return attr(*args, **kwargs)

        return locked


@dataclass
class Job:
    id: str
    lang: str
    rubric: str
    folder: Path  # the job's own temporary folder
    total: int
    refused: list[dict] = field(default_factory=list)
    status: str = "running"  # running | done | failed
    done: int = 0
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None
    summary: dict | None = None
    rows: list[dict] = field(default_factory=list)

    @property
    def outdir(self) -> Path:
        return self.folder / "laporan"

    @property
    def zip_path(self) -> Path:
        return self.folder / "laporan-rubrika.zip"

    def view(self) -> dict:
        progress = t("page.teacher.progress", self.lang, done=number(self.done, self.lang), total=number(self.total, self.lang))
        return {"id": self.id, "status": self.status, "done": self.done, "total": self.total, "progress": progress,
                "rubric": self.rubric, "refused": self.refused, "summary": self.summary,
                "rows": self.rows if self.status == "done" else []}


class Jobs:
    def __init__(self, root: Path, max_running: int = 1, keep_seconds: float = 7200, max_kept: int = 20):
        self.root = root
        self.max_running = max_running
        self.keep_seconds = keep_seconds
        self.max_kept = max_kept
        self.jobs: dict[str, Job] = {}
        self.guard = threading.Lock()

    def new_folder(self) -> Path:
        self.expire()
        return Path(tempfile.mkdtemp(prefix="job-", dir=self.root))

    def running(self) -> int:
        return sum(1 for j in self.jobs.values() if j.status == "running")

    def get(self, job_id: str) -> Job | None:
        self.expire()
        return self.jobs.get(job_id)

    def start(self, folder: Path, essays_folder: Path, checker, lock: threading.Lock, rubric_id: str,
              lang: str, refused: list[dict]) -> Job:
        total = sum(1 for p in essays_folder.rglob("*") if p.is_file() and p.suffix.lower() in ESSAY_SUFFIXES)
        job = Job(id=secrets.token_urlsafe(16), lang=lang, rubric=rubric_id, folder=folder, total=total,
                  refused=refused)
        with self.guard:
            self.jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, essays_folder, LockedChecker(checker, lock)),
                         name=f"rubrika-job-{job.id[:6]}", daemon=True).start()
        return job

    def _run(self, job: Job, essays_folder: Path, checker) -> None:
        def progress(_path) -> None:
            job.done = min(job.done + 1, job.total)

        try:
            summary = grade_folder(essays_folder, job.outdir, checker, job.lang, progress=progress, keep_rows=True)
            shutil.rmtree(essays_folder, ignore_errors=True)  # the essays themselves are not kept
            self._pack(job)
            job.rows = [self._row(row, job.lang) for row in summary.rows or ()]
            job.summary = {"count": summary.count, "failed": summary.failed, "average": summary.average,
                           "message": t("page.teacher.done", job.lang, count=number(summary.count, job.lang),
                                           failed=number(summary.failed, job.lang),
                                           average=number(summary.average, job.lang))}
            job.done = job.total
            job.status = "done"
        except Exception as exc:  # reported to the teacher; the server goes on
            job.status = "failed"
            job.summary = {"error": type(exc).__name__}
        finally:
            shutil.rmtree(essays_folder, ignore_errors=True)
            job.finished = time.monotonic()

    @staticmethod
    def _pack(job: Job) -> None:
        """Exactly what ``rubrika grade`` writes: overview, reports, grades.csv, results.jsonl."""
        tmp = job.zip_path.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in OUTPUTS:
                zf.write(job.outdir / name, f"laporan-rubrika/{name}")
            for report in sorted((job.outdir / "essays").glob("*.html")):
                zf.write(report, f"laporan-rubrika/essays/{report.name}")
        tmp.replace(job.zip_path)

    @staticmethod
    def _row(row: dict, lang: str) -> dict:
        """A row of the teacher page's table: the overview's row as the batch built it
        (``GradeSummary.rows``), the score also written for people."""
        return {"student": row["student"], "file": row["file"], "score": row["score"],
                "score_text": number(row["score"], lang), "grade": row["grade"], "error": row["error"],
                "advisories": list(row["advisories"]), "report": row["href"],
                # what questions the score (off topic, copying, similar essays, ...), in words
                "warnings": [t(f"advisory.label.{code}", lang) for code in row.get("warnings", ())]}

    def delete(self, job_id: str) -> bool:
        with self.guard:
            job = self.jobs.get(job_id)
            if job is None or job.status == "running":
                return False
            del self.jobs[job_id]
        shutil.rmtree(job.folder, ignore_errors=True)
        return True

    def expire(self) -> None:
        now = time.monotonic()
        with self.guard:
            ended = sorted(((j, j.finished) for j in self.jobs.values() if j.finished is not None),
                           key=lambda pair: pair[1])
            finished = [j for j, _ in ended]
            old = [j for j, at in ended if now - at > self.keep_seconds]
            old += [j for j in finished[:max(0, len(finished) - self.max_kept)] if j not in old]
            for job in old:
                del self.jobs[job.id]
        for job in old:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
