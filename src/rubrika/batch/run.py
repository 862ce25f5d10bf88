"""Grade a folder of essays: a report per essay, a class overview, a gradebook, records.

Two passes. Pass 1 checks every essay (or takes it from the result cache) and keeps only
its cache key and fingerprint hashes (4 bytes each), so memory stays small. Once the pairs
of similar essays are known, pass 2 writes every output, each atomically, so the outputs
of the last complete run stay until the new ones are whole. Both passes run their essays
in this process, in worker processes (``rubrika.batch.parallel``) or on a Dask cluster
(``rubrika.batch.cluster``), in small ordered batches: the outputs are the same bytes wherever
they ran. Only this process reads and writes the cache store and the batch-wide files.
"""

from __future__ import annotations

import csv
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rubrika.api import Checked, Checker
from rubrika.atomic import atomic_file, write_text
from rubrika.batch.cache import CACHE, ResultCache, essay_bytes, hashes_of
from rubrika.batch.corrections import Plan, corrections_path, ensure_corrections_file, plan, read_corrections
from rubrika.engine.correct import concept_ids
from rubrika.engine.similarity import PrintIndex, partners_of
from rubrika.readers.essay import DEFAULT_LIMITS, Limits
from rubrika.batch.finder import Skipped, find_essays, scan_folder
from rubrika.batch.outdir import (ESSAYS, GROUPS, OutputDirError, check_outdir, prepare, remove_stale_reports,
                                  remove_temporaries, report_names)
from rubrika.batch.parallel import (CheckTask, Job, Partner, WriteTask, WrittenEssay, batches, check_batch,
                                    local_runner, set_state, write_batch)
from rubrika.reporters import csvfile, html, jsonl
from rubrika.reporters.html import GENERATOR
from rubrika.terminal import display_name


@dataclass
class GradeSummary:
    count: int
    failed: int
    average: float | None
    outdir: Path
    skipped: list[Skipped] = field(default_factory=list)  # files and folders not graded, with the reason
    # The overview's row of every essay, in order (``reporters.html.summary_row``: student, file,
    # href of its report under outdir, score, grade, points, statuses, advisories, warnings,
    # error), when ``grade_folder(keep_rows=True)`` asked for them; a batch holds one page of
    # rows at most otherwise, so an exam of 100,000 essays stays small.
    rows: list[dict] | None = None
    # The teacher's corrections (OUTDIR/koreksi.csv): how many rows applied, and a message for
    # every row that did not (malformed, or for an essay or concept that no longer exists),
    # each naming the file and line; the overview lists them too.
    corrections_applied: int = 0
    corrections_problems: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.outdir / "index.html"


def grade_folder(folder: Path, outdir: Path, checker: Checker, lang: str = "id",
                 progress: Callable[[Path], None] | None = None, limits: Limits = DEFAULT_LIMITS,
                 essays: list[Path] | None = None, skipped: list[Skipped] | None = None,
                 force: bool = False, jobs: int | None = 1, runner=None, keep_rows: bool = False) -> GradeSummary:
    """Grade every essay under ``folder`` into ``outdir``; see the module docstring.

    ``force``: write into a non-empty OUTDIR that Rubrika did not make (see outdir.py).
    ``keep_rows``: the summary carries every essay's overview row (``GradeSummary.rows``).
    ``jobs``: worker processes that check and write the essays (1: this process; None: every
    usable core). ``runner``: where to run them instead (e.g. ``rubrika.batch.cluster.DaskRunner``).
    The outputs are the same bytes whatever runs them.
    """
    folder, outdir = Path(folder), Path(outdir)
    check_outdir(folder, outdir, force)
    if essays is None:  # the caller may have listed them already (for a progress bar)
        scan = scan_folder(folder, outdir)
        essays, skipped = scan.essays, scan.skipped
    skipped = list(skipped or [])
    owned = prepare(outdir)  # fails here, before any essay is checked, if OUTDIR cannot be written
    rels = [display_name(p.relative_to(folder).as_posix()) for p in essays]
    names = report_names(rels)
    cache = ResultCache(outdir / CACHE, checker, lang, limits)  # held for the run (StoreBusy: another run's)
    try:
        ensure_corrections_file(outdir)
        corrections = read_corrections(corrections_path(outdir), lang)
        teacher = plan(corrections, rels, concept_ids(checker.rubric), checker.rubric.id, lang)
        teacher.stale[:0] = corrections.problems
        if owned:  # what a killed run left, now that no other run writes here
            remove_temporaries(outdir, CACHE, GROUPS)
        summary = _grade(_Batch(outdir, checker, lang, limits, essays, rels, names, cache, keep_rows, owned=owned,
                                teacher=teacher), progress, skipped, jobs, runner)
        if owned:  # reports of essays renamed or removed since the last run
            remove_stale_reports(outdir / ESSAYS, set(names.values()))
    finally:
        cache.close()
    return summary


def grade(paths: str | Path | Sequence[str | Path], outdir: str | Path, rubric=None, *, lang: str = "id",
          sources: Iterable[str] = (), jobs: int | None = None, client=None, progress=None):
    """Grade essays into ``outdir`` as ``rubrika grade`` does; returns a ``GradeSummary``.

    ``paths``: a folder, or essay files (reports are named by their path under the files'
    common folder). ``client``: a ``dask.distributed.Client`` to run the checks on (the
    essays must be on a path its workers share); without one, ``jobs`` local processes.
    """
    checker = rubric if isinstance(rubric, Checker) else Checker(rubric, sources=sources)
    if isinstance(paths, (str, Path)):
        folder, essays = Path(paths), None
    else:
        essays = [Path(os.path.abspath(p)) for p in paths]
        folder = Path(os.path.commonpath([str(p.parent) for p in essays]))
        essays.sort(key=lambda p: p.relative_to(folder).as_posix())
    runner = None
    if client is not None:
        from rubrika.batch.cluster import DaskRunner  # distributed is imported only when asked for

        runner = DaskRunner(client)
    return grade_folder(folder, Path(outdir), checker, lang, progress=progress, essays=essays, jobs=jobs,
                        runner=runner)


@dataclass(frozen=True, slots=True)
class _Batch:
    """One grading run: what both passes share."""

    outdir: Path
    checker: Checker
    lang: str
    limits: Limits
    essays: list[Path]
    rels: list[str]  # each essay's path under the folder, as its record shows it
    names: dict[str, str]  # rel -> its report's name
    cache: ResultCache
    keep_rows: bool = False  # give the overview rows back in the summary (serve's teacher page)
    owned: bool = False  # OUTDIR was Rubrika's before this run: stale pages of its own may be removed
    teacher: Plan = field(default_factory=lambda: Plan({}, set(), [], {}))  # the corrections of koreksi.csv


@dataclass(frozen=True, slots=True)
class _Checked:
    """Pass 1's outcome: what pass 2 needs of every essay."""

    keys: list[str | None]  # each essay's cache key (None: nothing to key it by)
    unreadable: dict[int, Checked]  # results of essays without a key
    partners: dict[int, list[tuple[int, tuple[int, ...]]]]  # similar essays: (other, shared hashes)


def _grade(batch: _Batch, progress: Callable[[Path], None] | None, skipped: list[Skipped], jobs: int | None,
           runner: Any) -> GradeSummary:
    outdir, checker, names = batch.outdir, batch.checker, batch.names
    inputs = _real_paths(batch.essays)
    if not inputs.isdisjoint(_real_paths(outdir / ESSAYS / names[rel] for rel in batch.rels)):
        raise OutputDirError(str(outdir))  # never overwrite an essay with its report
    del inputs
    local = runner is None
    job = Job(batch.lang, batch.limits, batch.cache.salt, str(outdir) if local else None)
    run = _Lazy(lambda: local_runner(checker, job, jobs) if local else runner.start(checker, job))
    try:
        summary = _write_all(batch, _check_all(batch, run, progress), run, job, skipped)
    finally:
        run.close()
    batch.cache.prune()
    return summary


def _real_paths(paths) -> set[str]:
    """``os.path.realpath`` of every path, each folder resolved once (a file stat'ed once):
    realpath alone stats every component of every path."""
    folders: dict[str, str] = {}
    out = set()
    for path in paths:
        parent, name = os.path.split(os.fspath(path))
        real_parent = folders.get(parent)
        if real_parent is None:
            real_parent = folders[parent] = os.path.realpath(parent)
        full = os.path.join(real_parent, name)
        out.add(os.path.realpath(full) if os.path.islink(full) else full)
    return out


T = TypeVar("T")
R = TypeVar("R")


class _Lazy:
    """The runner, started when first needed (a fully cached re-run may never need it)."""

    def __init__(self, start: Callable[[], Any]):
        self.start = start
        self.runner: Any = None

    def map(self, func: Callable[[list[T]], list[R]], tasks: Iterable[list[T]]) -> Iterator[list[R]]:
        if self.runner is None:
            self.runner = self.start()
        return self.runner.map(func, tasks)

    def close(self) -> None:
        if self.runner is not None:
            self.runner.close()


def _check_all(batch: _Batch, run: _Lazy, progress: Callable[[Path], None] | None) -> _Checked:
    """Pass 1: every essay's cache key (checked, or from the cache) and the similar pairs."""
    essays, cache = batch.essays, batch.cache
    count = len(essays)
    keys: list[str | None] = [None] * count
    unreadable: dict[int, Checked] = {}
    hashes: list[array[int] | None] = [None] * count
    misses = []
    for i, (path, rel) in enumerate(zip(essays, batch.rels)):
        raw = essay_bytes(path, batch.limits)
        if raw:
            key = cache.key(rel, raw)
            found = cache.hashes(key)
            if found is not None:
                keys[i], hashes[i] = key, found
                if progress is not None:
                    progress(path)
                continue
        misses.append(CheckTask(i, os.path.abspath(path), rel))  # workers may run elsewhere
    try:
        for done in run.map(check_batch, batches(misses)):
            for entry in done:
                i = entry.index
                if entry.key is not None and entry.blob is not None:
                    cache.put_blob(entry.key, entry.hashes, entry.blob)
                    keys[i] = entry.key
                elif entry.unreadable is not None:
                    unreadable[i] = entry.unreadable
                hashes[i] = hashes_of(entry.hashes)
                if progress is not None:
                    progress(essays[i])
    finally:
        cache.commit()  # an interrupted run keeps every essay it checked
    index = PrintIndex()
    for i in range(count):
        index.add(hashes[i] or ())  # every essay has its hashes by now
        hashes[i] = None
    return _Checked(keys, unreadable, partners_of(index))


def _write_all(batch: _Batch, checked: _Checked, run: _Lazy, job: Job, skipped: list[Skipped]) -> GradeSummary:
    """Pass 2: every output, each written atomically."""
    outdir, rels, names, cache, lang = batch.outdir, batch.rels, batch.names, batch.cache, batch.lang
    keys, partners = checked.keys, checked.partners
    outline = batch.checker.outline(lang)
    criteria_ids = [c["id"] for c in outline["criteria"]]
    overview = Overview(outdir, len(rels), outline, lang, batch.owned)
    pairs_view: list[dict[str, Any]] = []

    def mates(i: int) -> tuple[Partner, ...]:
        return tuple(Partner(rels[j], names[rels[j]], shared) for j, shared in partners.get(i, ()))
    rows: list[dict[str, Any]] | None = [] if batch.keep_rows else None

    teacher = batch.teacher
    okeys: list[str | None] = [None] * len(rels)
    reuse = bytearray(len(rels))  # 1: the report on disk is this run's; its other outputs are cached
    for i, rel in enumerate(rels):
        key = keys[i]
        if key is not None:
            made = okeys[i] = cache.output_key(key, names[rel], [(p.rel, p.name, p.shared) for p in mates(i)],
                                               f"{GENERATOR}|{OUTPUTS_FORMAT}|{teacher.key(rel)}")
            reuse[i] = cache.report_unchanged(made, outdir / ESSAYS / names[rel])

    def task(i: int) -> WriteTask:
        rel, key = rels[i], keys[i]
        words, reviewed = teacher.for_essay(rel)
        return WriteTask(rel, names[rel], cache.blob(key) if key is not None else None, checked.unreadable.get(i),
                         mates(i), words, reviewed, path=os.path.abspath(batch.essays[i]))

    def here(i: int) -> WrittenEssay:
        """An essay whose stored outputs could not be read back (a damaged store): written in
        this process, so the other essays keep their order."""
        set_state(batch.checker, job)
        return write_batch([task(i)])[0]

    tasks = (task(i) for i in range(len(rels)) if not reuse[i])
    written: Iterator[WrittenEssay] = (one for done in run.map(write_batch, batches(tasks)) for one in done)
    with atomic_file(outdir / "results.jsonl") as results, atomic_file(outdir / "grades.csv") as grades:
        gradebook = csv.writer(grades, lineterminator="\r\n")
        grades.write("\ufeff")
        gradebook.writerow(csvfile.header(criteria_ids))
        for i, rel in enumerate(rels):
            okey = okeys[i]
            outputs = cache.outputs(okey) if reuse[i] and okey is not None else None
            if outputs is None:
                essay = here(i) if reuse[i] else next(written)
                outputs, stat = essay.outputs, essay.stat
                report = outdir / ESSAYS / names[rel]
                if essay.page is not None:  # rendered on a cluster: written here
                    write_text(report, essay.page)
                    stat = (report.stat().st_size, report.stat().st_mtime_ns)
                fresh = essay.checked  # its cache entry could not be read back: checked again
                if fresh is not None and fresh.key is not None and fresh.blob is not None:
                    cache.put_blob(fresh.key, fresh.hashes, fresh.blob)
                if okey is not None and stat is not None:
                    cache.put_outputs(okey, stat, outputs)
            if outputs.row["error"]:
                teacher.unreadable(rel, lang)
            results.write(outputs.line + "\n")
            gradebook.writerow(outputs.csv_row)
            overview.add(rel, outputs.row)
            if rows is not None:
                rows.append(outputs.row)
            pairs_view += outputs.pairs
        overview.finish(pairs_view, [{"path": s.path, "reason": s.message(lang)} for s in skipped], teacher.stale)
    scores = overview.scores
    average = round(sum(scores) / len(scores), 1) if scores else None
    applied = sum(len(teacher.words.get(rel, {})) + (rel in teacher.reviewed) for rel in rels)
    return GradeSummary(count=overview.count, failed=overview.count - len(scores), average=average, outdir=outdir,
                        skipped=skipped, rows=rows, corrections_applied=applied - teacher.unapplied,
                        corrections_problems=teacher.stale)


OUTPUTS_FORMAT = "2"  # bump when an essay's outputs change shape (2: the gradebook's corrected column)
GROUP_OVER = 1000  # essays; a larger batch gets an overview page per group
PAGE = 1000  # essays at most on one group page
_UNSAFE = re.compile(r"[^\w.-]+")


class Overview:
    """``index.html``: one page for a class; for a larger batch, a page per group of essays
    (each sub-folder, ``PAGE`` essays at most a page, in ``groups/``) written as soon as the
    group is complete, and an index of the groups. Rows of one page at most are held."""

    def __init__(self, outdir: Path, total: int, outline: dict, lang: str, owned: bool = False):
        self.outdir, self.outline, self.lang, self.owned = outdir, outline, lang, owned
        self.grouped = total > GROUP_OVER
        self.rows: list[dict] = []
        self.scores: list[float] = []
        self.count = 0
        self.key = ""  # the group of the page being filled
        self.part = 0
        self.groups: list[dict] = []
        self.written: set[str] = set()

    def add(self, rel: str, row: dict) -> None:
        self.count += 1
        if row["score"] is not None:
            self.scores.append(row["score"])
        if self.grouped:
            key = rel.split("/", 1)[0] if "/" in rel else "."
            if self.rows and (key != self.key or len(self.rows) >= PAGE):
                self._page()
            if not self.rows:  # a new page begins
                self.part = self.part + 1 if key == self.key else 1
            self.key = key
            row = {**row, "href": "../" + row["href"]}
        self.rows.append(row)

    def _page(self) -> None:
        number = len(self.groups) + 1
        name = self.key if self.part == 1 else f"{self.key} ({self.part})"
        file = f"{number:04d}-{_UNSAFE.sub('-', self.key).strip('.-') or 'folder'}.html"
        (self.outdir / GROUPS).mkdir(exist_ok=True)
        with atomic_file(self.outdir / GROUPS / file) as page:
            page.writelines(html.stream_index(self.rows, self.outline, self.lang, group=name,
                                              group_back="../index.html"))
        scores = [r["score"] for r in self.rows if r["score"] is not None]
        self.groups.append({"name": name, "href": f"{GROUPS}/{html.href(file)}", "count": len(self.rows),
                            "failed": len(self.rows) - len(scores),
                            "average": round(sum(scores) / len(scores), 1) if scores else None})
        self.written.add(file)
        self.rows = []

    def finish(self, pairs: list[dict], skipped: list[dict], corrections: list[str] | None = None) -> None:
        """``skipped``: files and folders not graded ({path, reason}); ``corrections``: the rows
        of koreksi.csv that did not apply; both listed on the first page."""
        if self.grouped:
            if self.rows:
                self._page()
            write_text(self.outdir / "index.html", html.render_groups(
                self.groups, self.scores, self.count, self.outline, self.lang, pairs, PAGE, skipped=skipped,
                corrections=corrections))
        else:
            with atomic_file(self.outdir / "index.html") as index:
                index.writelines(html.stream_index(self.rows, self.outline, self.lang, pairs, skipped=skipped,
                                                   corrections=corrections))
        if self.owned:  # group pages of an earlier, larger run (Rubrika's own only)
            remove_stale_reports(self.outdir / GROUPS, self.written)


__all__ = ["GradeSummary", "OutputDirError", "Skipped", "find_essays", "grade_folder", "report_names", "scan_folder"]
