"""Grade a folder of essays: a report per essay, a class overview, a gradebook, records.

Results are streamed: each essay is read, checked, and its report written before the
next one is read; the overview keeps only a small summary per essay. Every file is
written atomically (a temporary file in the same folder, then a rename), so an
interrupted run never leaves a half-written report in place of a good one.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rubrika.api import Checker
from rubrika.essay import EssayReadError, read_essay
from rubrika.reporters import csvfile, html, jsonl
from rubrika.rubric.model import localize

ESSAY_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".docx", ".doc", ".odt", ".pdf", ".rtf"})
MARKER = ".rubrika-output"
MARKER_TEXT = "Folder keluaran Rubrika: `rubrika grade` tidak membaca esai dari folder ini.\n"
_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME = 120


class OutputDirError(ValueError):
    """OUTDIR would overwrite or swallow the essays themselves."""


@dataclass
class GradeSummary:
    count: int
    failed: int
    average: float | None
    outdir: Path

    @property
    def index(self) -> Path:
        return self.outdir / "index.html"


def find_essays(folder: Path, outdir: Path | None = None) -> list[Path]:
    """Essay files under ``folder``, sorted; hidden files and Rubrika output folders are skipped.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk.
    """
    found: list[Path] = []
    out = outdir.resolve() if outdir is not None else None
    for root, dirs, files in os.walk(folder, followlinks=False):
        root_path = Path(root)
        if (root_path / MARKER).exists() or (out is not None and root_path.resolve() == out):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ESSAY_SUFFIXES:
                found.append(root_path / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def report_names(relative_paths: list[str]) -> dict[str, str]:
    """A stable, unique, safe file name for each essay's report.

    The name keeps the essay's relative path and extension (``kelas-a__budi.txt.html``), so
    ``budi.txt`` and ``budi.md`` differ; anything but letters, digits, ``.``, ``-``
    and ``_`` becomes ``-``; names equal but for case get a short hash of their path.
    """
    names: dict[str, str] = {}
    used: set[str] = set()
    for rel in sorted(relative_paths):
        base = unicodedata.normalize("NFC", rel).replace("/", "__")
        base = _UNSAFE.sub("-", base).strip(".-") or "esai"
        base = base[:MAX_NAME]
        name = base + ".html"
        if name.casefold() in used:
            name = f"{base}-{hashlib.sha1(rel.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}.html"
        used.add(name.casefold())
        names[rel] = name
    return names


@contextmanager
def atomic_file(path: Path, mode: str = "w"):
    """Write ``path`` through a temporary file in the same folder, renamed into place at the end."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_file(path) as fh:
        fh.write(text)


def check_outdir(folder: Path, outdir: Path) -> None:
    folder_r, out_r = folder.resolve(), outdir.resolve()
    if out_r == folder_r or out_r in folder_r.parents:
        raise OutputDirError(str(outdir))


def grade_folder(folder: Path, outdir: Path, checker: Checker, lang: str = "id",
                 progress: Callable[[Path], None] | None = None) -> GradeSummary:
    """Grade every essay under ``folder`` into ``outdir``; see the module docstring."""
    folder, outdir = Path(folder), Path(outdir)
    check_outdir(folder, outdir)
    essays = find_essays(folder, outdir)
    (outdir / "essays").mkdir(parents=True, exist_ok=True)
    marker = outdir / MARKER
    if not marker.exists():
        write_text(marker, MARKER_TEXT)
    relative = {p: p.relative_to(folder).as_posix() for p in essays}
    names = report_names(list(relative.values()))
    rubric = checker.rubric
    criteria_ids = [c.id for c in rubric.criteria]
    grade_labels = {b.grade: localize(b.label, lang) for b in rubric.grades if b.label}
    inputs = {p.resolve() for p in essays}
    rows: list[dict] = []
    scores: list[float] = []
    with atomic_file(outdir / "results.jsonl") as results, atomic_file(outdir / "grades.csv") as grades:
        gradebook = csv.writer(grades, lineterminator="\r\n")
        grades.write("\ufeff")
        gradebook.writerow(csvfile.header(criteria_ids))
        for path in essays:
            rel = relative[path]
            text = None
            try:
                essay = read_essay(path)
                essay = type(essay)(text=essay.text, path=rel, id=essay.id)
                text = essay.text
                record = checker.check_essay(essay, lang)
            except EssayReadError as exc:
                exc.path = rel
                record = checker.error_record(exc, lang)
            report = outdir / "essays" / names[rel]
            if report.resolve() in inputs:  # never overwrite an essay with its report
                raise OutputDirError(str(outdir))
            write_text(report, html.render_essay(record, text, lang, back_link="../index.html",
                                                 grade_labels=grade_labels))
            results.write(jsonl.render(record) + "\n")
            gradebook.writerow(csvfile.row(record, criteria_ids))
            rows.append(html.summary_row(record, "essays/" + html.href(names[rel])))
            if record["score"] is not None:
                scores.append(record["score"])
            if progress is not None:
                progress(path)
    with atomic_file(outdir / "index.html") as index:
        index.writelines(html.stream_index(rows, rubric, checker.rubric_info, lang))
    average = round(sum(scores) / len(scores), 1) if scores else None
    return GradeSummary(count=len(rows), failed=len(rows) - len(scores), average=average, outdir=outdir)


__all__ = ["GradeSummary", "OutputDirError", "find_essays", "grade_folder", "report_names"]
