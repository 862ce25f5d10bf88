"""Checking and grading off the event loop, bounded and shared fairly.

``Engine`` runs one check at a time (the spaCy pipeline is shared by every rubric and is
not promised to be thread-safe) in one worker thread. Requests wait on the event loop, at
most ``max_waiting`` of them and ``max_client_waiting`` per client; one more gets a clear
"busy" answer at once, and so does a request that waits longer than ``wait_seconds``.
Nothing crashes, nothing queues without bound, and no thread is started per waiting request.

Whose check runs next is decided by cost, not by arrival: start-time fair queuing
(Goyal, Vin and Cheng, 1996) over clients, where a check costs the characters of its text.
Each check is tagged with a virtual start time, the later of "now" (the tag of the check
running) and the end of the same client's previous check; the smallest tag runs next. A
student who sends 199,000-character essays as fast as the rate limit allows therefore waits
behind the short drafts of everyone else instead of making them wait behind each of his.
A waiting request whose client has gone (a closed tab) leaves the queue, and a check is
looked at once more just before it runs: nobody's abandoned essay is checked.

``Jobs`` grades a teacher's upload with ``rubrika.batch.run.grade_folder`` in a background
thread (at most ``max_running`` at once, counted from the moment an upload is accepted, so
two uploads sent at once never both run), reports progress, and keeps the outputs in a
temporary folder for ``keep_seconds``, then deletes them. The uploaded essays are kept beside
the outputs for as long (the reports and the cache hold their text anyway; a failed job's are
deleted at once): a teacher's correction (issue 21) is written to the upload's own
``koreksi.csv`` under its file lock and the class is graded again from the cache, so score,
grade, feedback, class figures and the zip follow at once; one job's regrades queue on its own
lock, so two tabs never lose a change. Nothing is deleted earlier to make room: a client may
keep ``max_client_jobs`` results and the server ``max_kept``; past that a new upload is
refused with the time to wait.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

import anyio
import anyio.to_thread

from rubrika.batch.corrections import corrections_path, set_correction, set_reviewed
from rubrika.batch.outdir import prepare
from rubrika.batch.run import grade_folder
from rubrika.readers.essay import ESSAY_SUFFIXES
from rubrika.messages import t
from rubrika.reporters.present import number

log = logging.getLogger("rubrika.serve")
OUTPUTS = ("index.html", "grades.csv", "results.jsonl")
UPLOADED_CORRECTIONS = "koreksi-unggahan.csv"  # a koreksi.csv uploaded with the essays, in the job's folder
CHECK_COST = 500  # what a check costs besides its characters (the pipeline's fixed part, roughly)


class Busy(Exception):
    """No room to check now; the client should try again shortly."""


class Gone(Exception):
    """The client went away before its check ran; the check was not run."""


@dataclass(eq=False)
class Ticket:
    """One request waiting for the checker."""

    client: str
    cost: float
    start: float = 0.0  # virtual start time
    state: str = "queued"  # queued | running | left
    turn: anyio.Event = field(default_factory=anyio.Event)
    gone: threading.Event = field(default_factory=threading.Event)


class FairQueue:
    """Start-time fair queuing over clients: the waiting ticket with the smallest virtual start
    time goes next. Only touched on the event loop."""

    def __init__(self) -> None:
        self.heap: list[tuple[float, int, Ticket]] = []
        self.order = itertools.count()
        self.virtual = 0.0  # the start tag of the check that ran last
        self.finish: dict[str, float] = {}  # the end tag of each client's last check
        self.per_client: Counter[str] = Counter()
        self.size = 0

    def push(self, ticket: Ticket) -> None:
        ticket.start = max(self.virtual, self.finish.get(ticket.client, 0.0))
        self.finish[ticket.client] = ticket.start + ticket.cost
        heapq.heappush(self.heap, (ticket.start, next(self.order), ticket))
        self.per_client[ticket.client] += 1
        self.size += 1

    def pop(self) -> Ticket | None:
        while self.heap:
            _, _, ticket = heapq.heappop(self.heap)
            if ticket.state == "queued":
                self.virtual = ticket.start
                self._leave(ticket, "running")
                self._forget_idle()
                return ticket
        return None

    def remove(self, ticket: Ticket) -> None:
        if ticket.state == "queued":  # left lazily in the heap; pop skips it
            self._leave(ticket, "left")

    def _leave(self, ticket: Ticket, state: str) -> None:
        ticket.state = state
        self.size -= 1
        self.per_client[ticket.client] -= 1
        if not self.per_client[ticket.client]:
            del self.per_client[ticket.client]

    def _forget_idle(self) -> None:
        """A client with nothing waiting whose last check ended before now starts at now anyway."""
        if len(self.finish) > 2 * len(self.per_client) + 64:
            self.finish = {c: end for c, end in self.finish.items() if c in self.per_client or end > self.virtual}


class Engine:
    def __init__(self, max_waiting: int = 64, wait_seconds: float = 10.0, max_client_waiting: int = 4):
        self.lock = threading.Lock()  # also taken, essay by essay, by a class being graded
        self.max_waiting = max_waiting
        self.max_client_waiting = max_client_waiting
        self.wait_seconds = wait_seconds
        self.queue = FairQueue()
        self.running: Ticket | None = None  # only touched on the event loop
        self.thread = anyio.CapacityLimiter(1)  # so one worker thread does every check

    @property
    def waiting(self) -> int:
        """Requests waiting for their turn (not the one being checked)."""
        return self.queue.size

    async def run(self, fn, *args, client: str = "?", cost: int = 0,
                  gone: Callable[[], Awaitable[None]] | None = None):
        """``fn(*args)`` in the worker thread when this client's turn comes. Raises ``Busy``
        when there is no room or the turn does not come within ``wait_seconds``, and ``Gone``
        when ``gone()`` returns (the client disconnected) before the check started."""
        if self.queue.size >= self.max_waiting or self.queue.per_client[client] >= self.max_client_waiting:
            raise Busy()
        ticket = Ticket(client, cost + CHECK_COST)
        self.queue.push(ticket)
        self._next()
        outcome: BaseException | None = None
        result = None
        try:
            async with anyio.create_task_group() as group:
                if gone is not None:
                    group.start_soon(self._watch, gone, ticket)
                with anyio.move_on_after(self.wait_seconds):
                    await ticket.turn.wait()
                if ticket.gone.is_set():
                    outcome = Gone()
                elif ticket.state != "running":
                    outcome = Busy()
                else:
                    try:
                        result = await anyio.to_thread.run_sync(self._locked, fn, args, ticket, limiter=self.thread)
                    except Exception as exc:
                        outcome = exc
                group.cancel_scope.cancel()  # stop watching
        finally:
            if ticket is self.running:
                self.running = None
            self.queue.remove(ticket)
            self._next()
        if outcome is not None:
            raise outcome
        return result

    def _next(self) -> None:
        if self.running is None:
            ticket = self.queue.pop()
            if ticket is not None:
                self.running = ticket
                ticket.turn.set()

    async def _watch(self, gone, ticket: Ticket) -> None:
        await gone()
        ticket.gone.set()
        self.queue.remove(ticket)  # no longer counted as waiting
        ticket.turn.set()

    def _locked(self, fn, args, ticket: Ticket):
        if not self.lock.acquire(timeout=self.wait_seconds):
            raise Busy()
        try:
            if ticket.gone.is_set():  # went away while a class was being graded
                raise Gone()
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
    client: str  # who uploaded it (rubrika.serve.guard.client_key)
    total: int
    refused: list[dict] = field(default_factory=list)
    status: str = "running"  # running | done | failed
    done: int = 0
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None
    summary: dict | None = None
    rows: list[dict] = field(default_factory=list)
    essays: Path | None = None  # the uploaded essays, kept for regrades after a correction
    checker: Any = None  # the job's LockedChecker, kept for regrades
    concepts: list[dict] = field(default_factory=list)  # the grid's columns: {id, label}
    corrections: list[str] = field(default_factory=list)  # rows of koreksi.csv that did not apply
    regrade: threading.Lock = field(default_factory=threading.Lock, repr=False)
    learned: str | None = None  # the rubric version "Pelajari dari koreksi" proposed last

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
                "rows": self.rows if self.status == "done" else [],
                "concepts": self.concepts if self.status == "done" else [],
                "corrections_problems": self.corrections if self.status == "done" else []}


class JobRefused(Exception):
    """No room for another upload now: ``code`` is ``busy`` (a class is being graded),
    ``job-limit`` (this client keeps ``count`` results already) or ``jobs-full``; ``retry``
    is the seconds until there may be room."""

    def __init__(self, code: str, retry: float, count: int = 0):
        super().__init__(code)
        self.code, self.retry, self.count = code, retry, count


class Jobs:
    def __init__(self, root: Path, max_running: int = 1, keep_seconds: float = 7200, max_client_jobs: int = 5,
                 max_kept: int = 100):
        self.root = root
        self.max_running = max_running
        self.keep_seconds = keep_seconds
        self.max_client_jobs = max_client_jobs
        self.max_kept = max_kept
        self.jobs: dict[str, Job] = {}
        self.reserved: Counter[str] = Counter()  # uploads accepted and not yet started, per client
        self.guard = threading.Lock()

    def new_folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="job-", dir=self.root))

    def running(self) -> int:
        """Classes being graded, and uploads accepted to be graded next."""
        return sum(1 for j in self.jobs.values() if j.status == "running") + sum(self.reserved.values())

    def reserve(self, client: str) -> None:
        """Room for one upload of ``client``, taken before its body is read; ``release`` it, or
        ``start`` the job. Raises ``JobRefused`` when there is none (nothing kept is evicted)."""
        self.expire()
        now = time.monotonic()
        with self.guard:
            if self.running() >= self.max_running:
                raise JobRefused("busy", 10)
            kept = [j for j in self.jobs.values() if j.client == client]
            if len(kept) + self.reserved[client] >= self.max_client_jobs:
                raise JobRefused("job-limit", self._room_in(kept, now), count=len(kept) + self.reserved[client])
            if len(self.jobs) + sum(self.reserved.values()) >= self.max_kept:
                raise JobRefused("jobs-full", self._room_in(list(self.jobs.values()), now))
            self.reserved[client] += 1

    def _room_in(self, jobs: list[Job], now: float) -> float:
        ends = [j.finished + self.keep_seconds - now for j in jobs if j.finished is not None]
        return max(1.0, min(ends)) if ends else self.keep_seconds

    def release(self, client: str) -> None:
        with self.guard:
            self.reserved[client] -= 1
            if self.reserved[client] <= 0:
                del self.reserved[client]

    def get(self, job_id: str) -> Job | None:
        self.expire()
        return self.jobs.get(job_id)

    def start(self, client: str, folder: Path, essays_folder: Path, checker, lock: threading.Lock, rubric_id: str,
              lang: str, refused: list[dict]) -> Job:
        """Start the upload ``client`` reserved room for."""
        total = sum(1 for p in essays_folder.rglob("*") if p.is_file() and p.suffix.lower() in ESSAY_SUFFIXES)
        job = Job(id=secrets.token_urlsafe(16), lang=lang, rubric=rubric_id, folder=folder, client=client,
                  total=total, refused=refused)
        with self.guard:
            self.reserved[client] -= 1
            if self.reserved[client] <= 0:
                del self.reserved[client]
            self.jobs[job.id] = job
        job.essays, job.checker = essays_folder, LockedChecker(checker, lock)
        job.concepts = _columns(checker.rubric, lang)
        threading.Thread(target=self._run, args=(job, essays_folder, job.checker),
                         name=f"rubrika-job-{job.id[:6]}", daemon=True).start()
        return job

    def _run(self, job: Job, essays_folder: Path, checker) -> None:
        def progress(_path) -> None:
            job.done = min(job.done + 1, job.total)

        try:
            uploaded = job.folder / UPLOADED_CORRECTIONS
            if uploaded.is_file():  # an earlier upload's corrections: they apply to this one
                prepare(job.outdir)
                uploaded.replace(corrections_path(job.outdir))
            summary = grade_folder(essays_folder, job.outdir, checker, job.lang, progress=progress, keep_rows=True)
            self._finish(job, summary)
            job.done = job.total
            job.status = "done"
        except Exception:  # the teacher reads that it failed; the server log says why; the server goes on
            log.exception("grading job %s failed", job.id)
            job.status = "failed"
            job.summary = {"message": t("api.job_failed", job.lang)}
            shutil.rmtree(essays_folder, ignore_errors=True)  # no correction can regrade a failed job
        finally:
            job.finished = time.monotonic()

    def _finish(self, job: Job, summary) -> None:
        """The job's zip, rows and summary after a grade (the first, or one after a correction)."""
        self._pack(job)
        statuses = _statuses(job.outdir / "results.jsonl")
        job.rows = [self._row(row, job.lang, statuses.get(row["file"])) for row in summary.rows or ()]
        job.corrections = list(summary.corrections_problems)
        job.summary = {"count": summary.count, "failed": summary.failed, "average": summary.average,
                       "message": t("page.teacher.done", job.lang, count=number(summary.count, job.lang),
                                    failed=number(summary.failed, job.lang),
                                    average=number(summary.average, job.lang))}

    def correct(self, job: Job, file: str, concept: str, status: str | None, note: str = "",
                show_note: bool = False, reviewed: bool | None = None) -> None:
        """The teacher's word on one concept of one essay (``status`` None: taken back), or on a
        whole essay (``reviewed``), written to the upload's koreksi.csv under its file lock; then
        the class is graded again from the cache (queued on the job's own lock). The write is
        under that lock too: a grade clears the atomic writer's stray ``.*.tmp`` files from the
        output folder, and one of them would be this write's, half done."""
        assert job.essays is not None, "a job is corrected only once it has started"
        with job.regrade:
            if reviewed is not None:
                set_reviewed(job.outdir, file, reviewed, job.lang)
            else:
                set_correction(job.outdir, file, concept, status, note, show_note, job.lang)  # type: ignore[arg-type]
            summary = grade_folder(job.essays, job.outdir, job.checker, job.lang, keep_rows=True)
            self._finish(job, summary)

    @staticmethod
    def _pack(job: Job) -> None:
        """Exactly what ``rubrika grade`` writes: overview, reports, grades.csv, results.jsonl, and
        the teacher's koreksi.csv (so a corrected class graded again keeps its corrections)."""
        tmp = job.zip_path.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in OUTPUTS + ("koreksi.csv",):
                if (job.outdir / name).is_file():
                    zf.write(job.outdir / name, f"laporan-rubrika/{name}")
            for report in sorted((job.outdir / "essays").glob("*.html")):
                zf.write(report, f"laporan-rubrika/essays/{report.name}")
        tmp.replace(job.zip_path)

    @staticmethod
    def _row(row: dict, lang: str, statuses: dict | None = None) -> dict:
        """A row of the teacher page's table: the overview's row as the batch built it
        (``GradeSummary.rows``), the score also written for people, and the essay's concept
        statuses (the teacher's and the engine's) for the correction grid."""
        statuses = statuses or {}
        return {"student": row["student"], "file": row["file"], "score": row["score"],
                "score_text": number(row["score"], lang), "grade": row["grade"], "error": row["error"],
                "advisories": list(row["advisories"]), "report": row["href"],
                # what questions the score (off topic, copying, similar essays, ...), in words
                "warnings": [t(f"advisory.label.{code}", lang) for code in row.get("warnings", ())],
                "reviewed": statuses.get("reviewed", False), "concepts": statuses.get("concepts", {})}

    def delete(self, job_id: str) -> bool:
        with self.guard:
            job = self.jobs.get(job_id)
            if job is None or job.status == "running":
                return False
            del self.jobs[job_id]
        shutil.rmtree(job.folder, ignore_errors=True)
        return True

    def expire(self) -> None:
        """Delete the results kept ``keep_seconds`` since they were finished, and only those."""
        now = time.monotonic()
        with self.guard:
            old = [j for j in self.jobs.values() if j.finished is not None and now - j.finished > self.keep_seconds]
            for job in old:
                del self.jobs[job.id]
        for job in old:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _columns(rubric, lang: str) -> list[dict]:
    """The concepts a teacher may correct, in rubric order, with their labels (as
    ``engine.correct.concept_ids`` lists them: concepts, then a references criterion's checks)."""
    from rubrika.rubric.model import ConceptsCriterion, localize
    from rubrika.rubric.outline import reference_labels

    out: list[dict] = []
    for criterion in rubric.criteria:
        if isinstance(criterion, ConceptsCriterion):
            out += [{"id": k.id, "label": localize(k.label, lang)} for k in criterion.concepts]
        else:
            out += [{"id": cid, "label": label} for cid, label in reference_labels(criterion, lang)]
    return out


def _statuses(results: Path) -> dict[str, dict]:
    """essay path -> {"reviewed", "concepts": {id: {status, engine_status, corrected, confidence,
    note, show_note}}}, from the batch's results.jsonl."""
    import json

    out: dict[str, dict] = {}
    with open(results, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            concepts = {k["id"]: {"status": k["status"], "engine_status": k.get("engine_status", k["status"]),
                                  "corrected": bool(k.get("corrected")), "confidence": k.get("confidence"),
                                  "note": k.get("note") or "", "show_note": bool(k.get("show_note"))}
                        for c in record.get("criteria") or () for k in c.get("concepts") or ()}
            out[record["essay"]["path"]] = {"reviewed": bool(record.get("reviewed")), "concepts": concepts}
    return out


def learn_from(job: Job, rubric_path: Path | None) -> tuple[dict, str | None]:
    """"Pelajari dari koreksi": what ``rubric suggest RUBRIC OUTDIR -o`` proposes from this
    upload's corrections, for the teacher page, and the new rubric text (None when nothing is
    proposed or the rubric's file is unknown). Per proposal: its counts, example sentences, the
    corrections it would have made unnecessary (``gain``: essays the teacher credited that the
    rubric missed), and how many other essays of the class (not labelled) it would change."""
    from rubrika.api import Checker
    from rubrika.authoring.suggest import learn
    from rubrika.authoring.suggest.graded import graded_labels
    from rubrika.authoring.suggest.learn import MIN_NEGATIVES
    from rubrika.authoring.suggest.write import checked_rubric_text
    from rubrika.readers.essay import Essay
    from rubrika.rubric import load_rubric_text

    checker = getattr(job.checker, "_checker", job.checker)  # the caller holds the engine lock
    graded = graded_labels(job.outdir, checker.rubric, job.lang)  # SuggestInputError: nothing to learn yet
    found = learn(checker, None, graded.labels, texts=graded.texts, lang=job.lang)
    out: dict = {"essays": len(found.facts), "min_labelled": found.min_labelled, "min_negatives": MIN_NEGATIVES,
                 "warnings": graded.warnings, "concepts": [], "version": None}
    new_text = None
    if rubric_path is not None and any(c.selected for cs in found.candidates.values() for c in cs):
        new_text, summary = checked_rubric_text(found, rubric_path.read_bytes().decode("utf-8-sig"),
                                                rubric_path.name, job.lang)
        out["version"] = summary.version
        held = set(summary.held_back)
        for cid, cs in found.candidates.items():
            for c in cs:
                if (cid, c.text) in held:
                    c.selected = False
    changed: dict[str, int] = {}
    if new_text is not None:  # what the new version would change in the essays not labelled
        new = Checker(load_rubric_text(new_text, rubric_path.name if rubric_path else "rubrik.yaml"))
        labelled = set(graded.labels.files)
        for path, text_ in graded.texts.items():
            if path in labelled:
                continue
            old_r = checker.check(Essay(text=text_, path=path)).result
            new_r = new.check(Essay(text=text_, path=path)).result
            old_s = {k.id: k.status for crit in old_r.criteria for k in crit.concepts}
            for crit in new_r.criteria:
                for k in crit.concepts:
                    if old_s.get(k.id) != k.status:
                        changed[k.id] = changed.get(k.id, 0) + 1
    for _, concept in checker.rubric.concepts():
        cid = concept.id
        pos, neg = len(found.positives(cid)), len(found.negatives(cid))
        if not pos and not neg:
            continue
        out["concepts"].append({
            "id": cid, "positive": pos, "negative": neg, "thin": cid in found.thin,
            "changed_elsewhere": changed.get(cid, 0),
            "proposals": [{"text": c.text, "positive": c.pos, "negative": c.neg, "gain": c.gain, "cost": c.cost,
                           "examples": c.examples} for c in found.candidates.get(cid, []) if c.selected]})
    return out, new_text
