"""Checking and grading off the event loop, bounded.

``Engine`` runs one check at a time (the spaCy pipeline is shared by every rubric and is
not promised to be thread-safe; a check takes milliseconds) in one worker thread, with at
most ``max_waiting`` requests queued on the event loop, first come first served: one more
gets a clear "busy" answer at once, and a request that waits longer than ``wait_seconds``
gets it too. Nothing crashes, nothing queues without bound, and no thread is started per
waiting request.

``Jobs`` grades a teacher's upload with ``rubrika.batch.run.grade_folder`` in a background
thread (at most ``max_running`` at once), reports progress, and keeps the outputs in a
temporary folder for ``keep_seconds``, then deletes them. The uploaded essays are kept beside
the outputs for as long (the reports and the cache hold their text anyway): a teacher's
correction (issue 21) is written to the upload's own ``koreksi.csv`` under its file lock and
the class is graded again from the cache, so score, grade, feedback, class figures and the
zip follow at once; one job's regrades queue on its own lock, so two tabs never lose a change.
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
from typing import Any

import anyio
import anyio.to_thread

from rubrika.batch.corrections import corrections_path, set_correction, set_reviewed
from rubrika.batch.outdir import prepare
from rubrika.batch.run import grade_folder
from rubrika.readers.essay import ESSAY_SUFFIXES
from rubrika.messages import t
from rubrika.reporters.present import number

OUTPUTS = ("index.html", "grades.csv", "results.jsonl")
UPLOADED_CORRECTIONS = "koreksi-unggahan.csv"  # a koreksi.csv uploaded with the essays, in the job's folder


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
        except Exception as exc:  # reported to the teacher; the server goes on
            job.status = "failed"
            job.summary = {"error": type(exc).__name__}
            shutil.rmtree(essays_folder, ignore_errors=True)
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
        the class is graded again from the cache (queued on the job's own lock)."""
        if reviewed is not None:
            set_reviewed(job.outdir, file, reviewed, job.lang)
        else:
            set_correction(job.outdir, file, concept, status, note, show_note, job.lang)  # type: ignore[arg-type]
        assert job.essays is not None, "a job is corrected only once it has started"
        with job.regrade:
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
