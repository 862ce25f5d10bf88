"""The teacher's corrections file, ``OUTDIR/koreksi.csv``: read, checked, written, updated.

One row per corrected concept::

    file,concept,status,note,tampilkan_ke_siswa
    kelas-a/budi.txt,multilateralisme,ada,Definisinya ada di paragraf kedua.,ya
    kelas-a/budi.txt,*,,,

``file`` is the essay's path as the gradebook and ``results.jsonl`` show it; ``concept`` a
concept id of the rubric (the overview's legend names them), or ``*``: the teacher reviewed the
whole essay, so its statuses are confirmed (``status`` left empty, or ``diperiksa``);
``status`` is written as a teacher writes it (``ada``, ``sebagian``, ``belum ada``, or
``found``, ``partial``, ``missing``); ``note`` is optional, for the teacher unless
``tampilkan_ke_siswa`` is ticked (``ya``/``yes``/``x``/``1``), when the student's report shows it.
Column names may be English or Indonesian (``berkas``, ``konsep``, ``catatan``, ``show_student``),
in any order.

A teacher edits it in a spreadsheet: UTF-8 with or without a byte-order mark (a file Excel
saved in the Windows code page is read too), comma, semicolon or tab as separator (the
header's), quoted cells with line breaks. A malformed row never stops a grade: every problem is
collected with the file and line, the valid rows still apply. Rubrika writes the file as UTF-8
with a byte-order mark, CRLF, commas, and a ``'`` before a cell a spreadsheet would run as a
formula (taken off again on reading), atomically; ``update_corrections`` changes rows under a
file lock, so two writers (two tabs of the teacher page) never lose each other's change.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, cast

from filelock import FileLock

from rubrika.atomic import write_text
from rubrika.messages import t
from rubrika.result import Status, TeacherStatus
from rubrika.terminal import display_name

CORRECTIONS: Final = "koreksi.csv"
LOCK: Final = ".koreksi.csv.lock"
REVIEWED: Final = "*"  # the concept of a row that marks the whole essay as reviewed
HEADER: Final = ("file", "concept", "status", "note", "tampilkan_ke_siswa")
MAX_BYTES: Final = 5 * 1024 * 1024
LOCK_TIMEOUT: Final = 30.0  # seconds a writer waits for another
_COLUMNS: Final = {  # column name as written (lower case) -> canonical column
    "file": "file", "berkas": "file", "concept": "concept", "konsep": "concept", "status": "status",
    "note": "note", "catatan": "note", "tampilkan_ke_siswa": "show", "tampilkan ke siswa": "show",
    "show_student": "show", "show_to_student": "show", "show to student": "show",
}
STATUS_WORDS: Final[dict[str, Status]] = {
    "ada": "found", "found": "found", "sebagian": "partial", "partial": "partial",
    "belum ada": "missing", "belum": "missing", "tidak ada": "missing", "missing": "missing",
}
STATUS_WRITTEN: Final[dict[Status, str]] = {"found": "ada", "partial": "sebagian", "missing": "belum ada"}
REVIEWED_WORDS: Final = ("", "diperiksa", "reviewed", "ya", "yes")
YES: Final = ("ya", "yes", "y", "x", "1", "true", "benar", "✓", "v")
NO: Final = ("", "tidak", "no", "n", "0", "false", "salah", "-")
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Correction:
    """One row of koreksi.csv. ``status`` is None for a ``*`` row (the essay reviewed)."""

    file: str
    concept: str
    status: Status | None
    note: str = ""
    show_note: bool = False
    line: int = 0  # where it stands in the file (0: not read from one)

    @property
    def reviewed(self) -> bool:
        return self.concept == REVIEWED

    def cells(self) -> list[str]:
        return [self.file, self.concept, STATUS_WRITTEN[self.status] if self.status else "", self.note,
                "ya" if self.show_note else ""]


@dataclass
class Corrections:
    """What koreksi.csv holds: its valid rows (one per file and concept, the last one written
    wins) and a message for every problem, each naming the file and line."""

    path: Path
    rows: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    kept: list[tuple[int, list[str]]] = field(default_factory=list)  # malformed rows as written (line, cells)

    def words(self) -> dict[str, dict[str, TeacherStatus]]:
        """file -> concept id -> the teacher's status (``*`` rows left out)."""
        out: dict[str, dict[str, TeacherStatus]] = {}
        for row in self.rows:
            if row.status is not None:
                out.setdefault(row.file, {})[row.concept] = TeacherStatus(row.status, row.note, row.show_note)
        return out

    def reviewed(self) -> set[str]:
        return {row.file for row in self.rows if row.reviewed}


def corrections_path(outdir: Path) -> Path:
    return Path(outdir) / CORRECTIONS


def _unguard(cell: str) -> str:
    """A cell as the teacher meant it: outer spaces gone, the ``'`` Rubrika put before a
    formula-like cell taken off."""
    cell = cell.strip()
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _guard(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # saved by Excel as "CSV (comma delimited)": the Windows code page
        return raw.decode("cp1252", errors="replace")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_corrections(path: Path, lang: str = "id") -> Corrections:
    """Read koreksi.csv (absent: no corrections). Never raises for what the file holds."""
    out = Corrections(Path(path))
    name = display_name(str(path))
    try:
        if not out.path.is_file():
            return out
        if out.path.stat().st_size > MAX_BYTES:
            out.problems.append(t("corrections.too_large", lang, file=name, limit=MAX_BYTES // (1024 * 1024)))
            return out
        text = _decode(out.path.read_bytes())
    except OSError as exc:
        out.problems.append(t("corrections.unreadable", lang, file=name, reason=exc.strerror or str(exc)))
        return out
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return out
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[first]))
    header: list[str] | None = None
    start = 1
    seen: dict[tuple[str, str], int] = {}
    chosen: dict[tuple[str, str], Correction] = {}
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [_COLUMNS.get(c.strip().lstrip("\ufeff").lower(), "") for c in cells]
                missing = [c for c in ("file", "concept", "status") if c not in header]
                if missing:
                    out.problems.append(t("corrections.bad_header", lang, file=name, line=line,
                                          missing=", ".join(missing), columns=", ".join(HEADER)))
                    return out
                continue
            row = {col: _unguard(cell) for col, cell in zip(header, cells) if col}
            correction = _row(row, line, name, out.problems, lang)
            if correction is None:
                out.kept.append((line, [row.get(c, "") for c in ("file", "concept", "status", "note", "show")]))
                continue
            key = (correction.file, correction.concept)
            if key in seen:
                out.problems.append(t("corrections.duplicate", lang, file=name, line=seen[key], later=line,
                                      essay=correction.file, concept=correction.concept))
            seen[key] = line
            chosen[key] = correction
    except csv.Error as exc:  # an unclosed quote: the rows before it still apply
        out.problems.append(t("corrections.csv_error", lang, file=name, line=start, reason=str(exc)))
    out.rows = sorted(chosen.values(), key=lambda c: c.line)
    return out


def _row(row: dict[str, str], line: int, name: str, problems: list[str], lang: str) -> Correction | None:
    essay = row.get("file", "").replace("\\", "/")
    concept = row.get("concept", "")
    status_text = " ".join(row.get("status", "").lower().split())
    show_text = row.get("show", "").lower()
    note = row.get("note", "").strip()
    if not essay or not concept:
        problems.append(t("corrections.no_file" if not essay else "corrections.no_concept", lang, file=name, line=line))
        return None
    show = show_text in YES
    if show_text not in YES and show_text not in NO:
        problems.append(t("corrections.bad_show", lang, file=name, line=line, value=row.get("show", ""),
                          yes=", ".join(YES[:4])))
    if concept == REVIEWED:
        if status_text not in REVIEWED_WORDS:
            problems.append(t("corrections.bad_reviewed", lang, file=name, line=line, value=row.get("status", "")))
            return None
        return Correction(essay, concept, None, note, False, line)
    status = STATUS_WORDS.get(status_text)
    if status is None:
        problems.append(t("corrections.bad_status", lang, file=name, line=line, value=row.get("status", ""),
                          allowed="ada, sebagian, belum ada, found, partial, missing"))
        return None
    return Correction(essay, concept, status, note, show, line)


def corrections_text(rows: Iterable[Correction], kept: Iterable[tuple[int, list[str]]] = ()) -> str:
    """koreksi.csv's text: UTF-8 byte-order mark, the header, ``rows`` and the malformed rows
    ``kept`` as they were written, in line order; formula-like cells guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    ordered = sorted([(r.line or 1 << 30, r.cells()) for r in rows] + list(kept), key=lambda item: item[0])
    for _, cells in ordered:
        writer.writerow([_guard(c) for c in cells])
    return "\ufeff" + buffer.getvalue()


def write_corrections(path: Path, rows: Iterable[Correction], kept: Iterable[tuple[int, list[str]]] = ()) -> None:
    """Write koreksi.csv atomically (callers that may race use ``update_corrections``)."""
    write_text(Path(path), corrections_text(rows, kept))


def ensure_corrections_file(outdir: Path) -> None:
    """An empty koreksi.csv (its header only) for the teacher to fill, unless one is there."""
    path = corrections_path(outdir)
    if not path.exists():
        with FileLock(str(Path(outdir) / LOCK), timeout=LOCK_TIMEOUT):
            if not path.exists():
                write_corrections(path, [])


def update_corrections(path: Path, changes: Sequence[Correction] = (),
                       remove: Sequence[tuple[str, str]] = (), lang: str = "id") -> Corrections:
    """Set rows (one per file and concept: a change replaces the row it matches) and remove rows
    (``(file, concept)``), under a file lock: concurrent writers queue, none loses the other's
    change. Every other row, malformed ones included, is kept as written. Returns the file as
    it now reads."""
    path = Path(path)
    with FileLock(str(path.parent / LOCK), timeout=LOCK_TIMEOUT):
        current = read_corrections(path, lang)
        dropped = {(c.file, c.concept) for c in changes} | set(remove)
        rows = [r for r in current.rows if (r.file, r.concept) not in dropped]
        rows += [Correction(c.file, c.concept, c.status, c.note, c.show_note, 0) for c in changes]
        write_corrections(path, rows, current.kept)
        return read_corrections(path, lang)


def set_correction(outdir: Path, file: str, concept: str, status: Status | None, note: str = "",
                   show_note: bool = False, lang: str = "id") -> Corrections:
    """One concept of one essay: the teacher's status (None: the correction taken back)."""
    path = corrections_path(outdir)
    if status is None:
        return update_corrections(path, remove=[(file, concept)], lang=lang)
    return update_corrections(path, [Correction(file, concept, status, note, show_note)], lang=lang)


def set_reviewed(outdir: Path, file: str, reviewed: bool = True, lang: str = "id") -> Corrections:
    """Mark an essay as reviewed by the teacher (every status confirmed), or take the mark back."""
    path = corrections_path(outdir)
    if not reviewed:
        return update_corrections(path, remove=[(file, REVIEWED)], lang=lang)
    return update_corrections(path, [Correction(file, REVIEWED, None)], lang=lang)


@dataclass
class Plan:
    """The corrections of one batch, per essay, and the rows that cannot apply."""

    words: dict[str, dict[str, TeacherStatus]]  # essay path -> concept id -> the teacher's status
    reviewed: set[str]
    stale: list[str]  # messages, each naming the file and line
    lines: dict[str, list[int]]  # essay path -> its rows' lines (for an essay found unreadable later)
    source: str = CORRECTIONS  # the corrections file, as messages name it
    unapplied: int = 0  # rows of essays that could not be read this time

    def key(self, rel: str) -> str:
        """What of the corrections decides an essay's outputs (part of its output key)."""
        words = self.words.get(rel, {})
        if not words and rel not in self.reviewed:
            return ""
        return json.dumps([sorted([k, w.status, w.note, w.show_note] for k, w in words.items()),
                           rel in self.reviewed], ensure_ascii=False)

    def for_essay(self, rel: str) -> tuple[tuple[tuple[str, TeacherStatus], ...], bool]:
        return tuple(sorted(self.words.get(rel, {}).items())), rel in self.reviewed

    def unreadable(self, rel: str, lang: str) -> None:
        """The essay's corrections cannot apply: it could not be read this time."""
        if rel in self.words or rel in self.reviewed:
            self.unapplied += len(self.lines.get(rel, []))
            lines = ", ".join(map(str, self.lines.get(rel, [])))
            self.stale.append(t("corrections.unreadable_essay", lang, file=self.source, lines=lines, essay=rel))


def plan(corrections: Corrections, rels: Sequence[str], concepts: Sequence[str], rubric_id: str,
         lang: str = "id") -> Plan:
    """Which rows apply to which essay of the batch (``rels``, the paths the records show) and
    which cannot: an essay no longer in the batch, a concept the rubric does not have."""
    known, ids = set(rels), set(concepts)
    name = display_name(str(corrections.path))
    out = Plan({}, set(), [], {}, name)
    for row in corrections.rows:
        if row.file not in known:
            close = difflib.get_close_matches(row.file, list(known), n=1, cutoff=0.8)
            out.stale.append(t("corrections.no_essay", lang, file=name, line=row.line, essay=row.file)
                             + (f" ({t('rubric.did_you_mean', lang, suggestion=close[0])})" if close else ""))
            continue
        if not row.reviewed and row.concept not in ids:
            close = difflib.get_close_matches(row.concept, list(concepts), n=1, cutoff=0.6)
            out.stale.append(t("corrections.no_concept_in_rubric", lang, file=name, line=row.line,
                               concept=row.concept, rubric=rubric_id)
                             + (f" ({t('rubric.did_you_mean', lang, suggestion=close[0])})" if close else ""))
            continue
        out.lines.setdefault(row.file, []).append(row.line)
        if row.reviewed:
            out.reviewed.add(row.file)
        else:
            out.words.setdefault(row.file, {})[row.concept] = TeacherStatus(cast(Status, row.status), row.note,
                                                                          row.show_note)
    return out


__all__ = ["CORRECTIONS", "Correction", "Corrections", "HEADER", "Plan", "REVIEWED", "corrections_path",
           "corrections_text", "ensure_corrections_file", "plan", "read_corrections", "set_correction",
           "set_reviewed", "update_corrections", "write_corrections"]
