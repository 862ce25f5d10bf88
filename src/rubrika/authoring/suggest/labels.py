"""The teacher's labels (LABELS.csv): read, checked against the rubric and the essay folder,
and turned into positive/negative per essay; every problem is collected and named at once."""

from __future__ import annotations

import csv
import difflib
import io
import math
import posixpath
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.messages import t
from rubrika.rubric.loader import NotRegularFile, read_capped
from rubrika.rubric.model import Rubric

MAX_LABELS_BYTES = 4_000_000  # a labels file of 50,000 essays with a dozen concept columns fits
MAX_CELL = 1_000  # characters in one cell: a file name with its folders, or a label


class SuggestInputError(Exception):
    """Bad labels or essays; ``messages`` are ready to print, each naming the file."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Labels:
    kind: str  # "essay" (one label per essay) or "concept" (one 0/1 column per concept id)
    files: list[str]  # in CSV order
    lines: dict[str, int]  # file -> CSV line
    values: dict[str, dict[str, bool]]  # file -> concept id (or "label") -> positive
    rule: dict = field(default_factory=dict)  # how an essay-level value became positive


def concept_ids(rubric: Rubric) -> list[str]:
    return [k.id for _, k in rubric.concepts()]


def read_labels(path: Path, folder: Path, rubric: Rubric, threshold: float | None = None,
                lang: str = "id") -> Labels:
    """Read LABELS.csv; every problem is collected and raised at once, each naming the file."""
    name = str(path)
    rows = _read_rows(path, lang)
    header = [h.strip() for h in rows[0][1]]
    kind, file_col, columns = _columns(header, name, rubric, lang)
    problems: list[str] = []
    files, lines, raw_values = _essay_rows(rows[1:], len(header), file_col, columns, folder, name, problems, lang)
    if not files and not problems:
        problems.append(t("suggest.err.no_rows", lang, file=name))
    if kind == "concept":
        values, rule = _concept_values(files, lines, raw_values, name, problems, lang)
    else:
        values, rule = _essay_values(files, lines, raw_values, threshold, name, problems, lang)
    if problems:
        raise SuggestInputError(problems)
    return Labels(kind, files, lines, values, rule)


class _CellTooLong(Exception):
    pass


def _read_rows(path: Path, lang: str) -> list[tuple[int, list[str]]]:
    """The file's CSV rows (comma, semicolon or tab) from the first that is not empty, each with
    the line it starts on. Only a regular file of at most MAX_LABELS_BYTES is read (a FIFO or a
    device is refused at once); a quoted cell may hold a line break; a cell holds at most MAX_CELL
    characters (a longer one is most often a quote left open)."""
    name = str(path)
    try:
        raw = read_capped(path, MAX_LABELS_BYTES)
    except NotRegularFile:
        raise SuggestInputError([t("suggest.err.not_file", lang, file=name)]) from None
    except OSError as exc:
        raise SuggestInputError([t("suggest.err.read", lang, file=name, reason=exc.strerror or str(exc))]) from None
    if raw is None:
        raise SuggestInputError([t("suggest.err.too_large", lang, file=name, limit=MAX_LABELS_BYTES)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SuggestInputError([t("suggest.err.read", lang, file=name, reason="not UTF-8")]) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    start = 1  # the line the next row starts on
    try:
        for row in reader:
            if any(len(cell) > MAX_CELL for cell in row):
                raise _CellTooLong
            rows.append((start, row))
            start = reader.line_num + 1
    except (_CellTooLong, csv.Error) as exc:  # csv's own limit on a cell is far above MAX_CELL
        if isinstance(exc, csv.Error) and "field larger than field limit" not in str(exc):
            raise SuggestInputError([t("suggest.err.read", lang, file=name, reason=str(exc))]) from None
        raise SuggestInputError([t("suggest.err.cell_too_long", lang, file=name, line=start,
                                   limit=MAX_CELL)]) from None
    while rows and not any(cell.strip() for cell in rows[0][1]):
        rows.pop(0)
    if not rows:
        raise SuggestInputError([t("suggest.err.empty", lang, file=name)])
    return rows


def _columns(header: list[str], name: str, rubric: Rubric, lang: str) -> tuple[str, int, list[tuple[int, str]]]:
    """The kind of labels, the 'file' column, and the label columns: one 'label', or concept ids."""
    lowered = [h.lower() for h in header]
    if "file" not in lowered:
        raise SuggestInputError([t("suggest.err.no_file_column", lang, file=name, columns=", ".join(header) or "-")])
    file_col = lowered.index("file")
    known = concept_ids(rubric)
    others = [(i, h) for i, h in enumerate(header) if i != file_col and h]
    label_cols = [(i, h) for i, h in others if h.lower() == "label"]
    concept_cols = [(i, h) for i, h in others if h.lower() != "label"]
    problems = []
    for _, h in concept_cols:
        if h not in known:
            close = difflib.get_close_matches(h, known, n=1, cutoff=0.6)
            problems.append(t("suggest.err.unknown_concept", lang, file=name, column=h, known=", ".join(known))
                            + (" " + t("rubric.did_you_mean", lang, suggestion=close[0]) if close else ""))
    if label_cols and concept_cols:
        problems.append(t("suggest.err.both", lang, file=name))
    if not label_cols and not concept_cols:
        problems.append(t("suggest.err.no_label_columns", lang, file=name))
    if problems:
        raise SuggestInputError(problems)
    return ("essay", file_col, label_cols) if label_cols else ("concept", file_col, concept_cols)


def _essay_rows(rows: list[tuple[int, list[str]]], width: int, file_col: int, columns: list[tuple[int, str]],
                folder: Path, name: str, problems: list[str],
                lang: str) -> tuple[list[str], dict[str, int], dict[str, dict[str, str]]]:
    """The essays listed (in order), their CSV lines and their label cells, as written. An essay
    is named as the folder holds it: ``./a.txt``, ``a.txt`` and ``x/../a.txt`` are one essay."""
    files: list[str] = []
    lines: dict[str, int] = {}
    raw_values: dict[str, dict[str, str]] = {}
    for line_no, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (width - len(row))
        essay = cells[file_col].strip().replace("\\", "/")
        if essay:
            essay = posixpath.normpath(essay)
        if not essay:
            problems.append(t("suggest.err.no_file_cell", lang, file=name, line=line_no))
            continue
        if essay in lines:
            problems.append(t("suggest.err.duplicate", lang, file=name, line=line_no, essay=essay, first=lines[essay]))
            continue
        lines[essay] = line_no
        files.append(essay)
        if not (folder / essay).is_file():
            problems.append(t("suggest.err.missing_essay", lang, file=name, line=line_no, essay=essay,
                              folder=str(folder)))
        raw_values[essay] = {h: cells[i].strip() for i, h in columns}
    return files, lines, raw_values


def _concept_values(files: list[str], lines: dict[str, int], raw_values: dict[str, dict[str, str]], name: str,
                    problems: list[str], lang: str) -> tuple[dict[str, dict[str, bool]], dict]:
    """One 0/1 cell per concept column."""
    values: dict[str, dict[str, bool]] = {f: {} for f in files}
    for essay in files:
        for h, value in raw_values[essay].items():
            if value not in ("0", "1"):
                problems.append(t("suggest.err.not_binary", lang, file=name, line=lines[essay], column=h, value=value))
            else:
                values[essay][h] = value == "1"
    return values, {"kind": "concept"}


def _number(value: str) -> float | None:
    """A score as written (a decimal comma too); None for what is not a finite number ('nan', 'inf')."""
    try:
        number = float(value.strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _essay_values(files: list[str], lines: dict[str, int], raw_values: dict[str, dict[str, str]],
                  threshold: float | None, name: str, problems: list[str],
                  lang: str) -> tuple[dict[str, dict[str, bool]], dict]:
    """One 'label' per essay: 0/1, or a score made positive from ``threshold`` (else the median) up."""
    values: dict[str, dict[str, bool]] = {f: {} for f in files}
    scores: dict[str, float] = {}
    for essay in files:
        value = next(iter(raw_values[essay].values()))  # the one label column, whatever its case
        number = _number(value)
        if number is None:
            problems.append(t("suggest.err.not_number", lang, file=name, line=lines[essay], value=value))
        else:
            scores[essay] = number
    if not scores:
        return values, {}
    if threshold is not None:
        cut, rule = threshold, {"kind": "score", "threshold": threshold, "by": "threshold"}
    elif set(scores.values()) <= {0.0, 1.0}:
        cut, rule = 1.0, {"kind": "binary", "threshold": 1.0}
    else:
        cut = statistics.median(scores.values())
        rule = {"kind": "score", "threshold": cut, "by": "median"}
    for essay, number in scores.items():
        values[essay]["label"] = number >= cut
    if not problems and len({v["label"] for v in values.values()}) < 2:
        problems.append(t("suggest.err.one_class", lang, file=name))
    return values, rule
