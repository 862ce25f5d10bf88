"""Labels from a graded output folder: the teacher's corrections (``OUTDIR/koreksi.csv``) and the
records (``OUTDIR/results.jsonl``), so no labels CSV is typed by hand.

- a corrected concept is labelled with the teacher's status (found or partial: positive;
  missing: negative);
- every concept of an essay the teacher marked as reviewed (a ``*`` row) is labelled with the
  status its record holds: the teacher confirmed them (corrected ones are the teacher's anyway).

Only the concepts of ``concepts`` criteria are labelled (reference checks have no terms to
learn). The essays' texts are the ones the batch graded (kept in ``OUTDIR/.rubrika-cache``),
or read from a folder the caller gives (``rubric suggest --essays``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.authoring.suggest.labels import Labels, SuggestInputError, concept_ids
from rubrika.batch.cache import CACHE, cached_texts
from rubrika.batch.corrections import CORRECTIONS, read_corrections
from rubrika.batch.outdir import is_rubrika_outdir
from rubrika.messages import t
from rubrika.result import CREDIT
from rubrika.rubric.model import Rubric
from rubrika.terminal import display_name

RECORDS = "results.jsonl"


@dataclass
class GradedLabels:
    """The labels a graded folder gives, the essays' texts as graded, and what could not be used
    (malformed rows of koreksi.csv, rows for essays no longer graded), each naming its line."""

    labels: Labels
    texts: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def is_graded_folder(folder: Path) -> bool:
    """Whether ``folder`` is an output folder of ``rubrika grade`` with corrections to learn from."""
    return is_rubrika_outdir(folder) and (folder / CORRECTIONS).is_file() and (folder / RECORDS).is_file()


def _records(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                if record["essay"]["path"] and record.get("error") is None:
                    out[record["essay"]["path"]] = record
    return out


def graded_labels(outdir: Path, rubric: Rubric, lang: str = "id") -> GradedLabels:
    """The labels of an output folder's corrections; SuggestInputError when there are none."""
    outdir = Path(outdir)
    if not is_graded_folder(outdir):
        raise SuggestInputError([t("suggest.err.not_outdir", lang, folder=display_name(str(outdir)))])
    corrections = read_corrections(outdir / CORRECTIONS, lang)
    name = display_name(str(outdir / CORRECTIONS))
    try:
        records = _records(outdir / RECORDS)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SuggestInputError([t("suggest.err.read", lang, file=display_name(str(outdir / RECORDS)),
                                   reason=str(exc))]) from None
    learnable = set(concept_ids(rubric))
    warnings = list(corrections.problems)
    values: dict[str, dict[str, bool]] = {}
    lines: dict[str, int] = {}
    corrected = reviewed = 0
    for row in corrections.rows:
        if row.file not in records:
            warnings.append(t("suggest.err.no_record", lang, file=name, line=row.line, essay=row.file,
                              records=RECORDS))
            continue
        lines.setdefault(row.file, row.line)
        essay = values.setdefault(row.file, {})
        if row.reviewed:
            reviewed += 1
            for criterion in records[row.file]["criteria"]:
                for concept in criterion["concepts"]:
                    if concept["id"] in learnable:
                        essay.setdefault(concept["id"], CREDIT[concept["status"]] > 0)
        elif row.concept in learnable and row.status is not None:
            corrected += 1
            essay[row.concept] = CREDIT[row.status] > 0  # the teacher's word wins over a confirmation
    files = [f for f in sorted(values, key=lambda f: lines[f]) if values[f]]
    if not files:
        raise SuggestInputError(warnings + [t("suggest.err.no_corrections", lang, file=name)])
    labels = Labels("concept", files, {f: lines[f] for f in files}, {f: values[f] for f in files},
                    {"kind": "corrections", "corrected": corrected, "reviewed": reviewed})
    return GradedLabels(labels, cached_texts(outdir / CACHE), warnings)


__all__ = ["CORRECTIONS", "GradedLabels", "graded_labels", "is_graded_folder"]
