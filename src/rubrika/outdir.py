"""The output folder of ``rubrika grade``: what may be one, its marker, report names.

An OUTDIR is marked (``.rubrika-output``) so that a later run never reads its reports as
essays; it must not be the essay folder or hold it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from rubrika.atomic import write_text

MARKER = ".rubrika-output"
MARKER_TEXT = "Folder keluaran Rubrika: `rubrika grade` tidak membaca esai dari folder ini.\n"
ESSAYS = "essays"
_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME = 120


class OutputDirError(ValueError):
    """OUTDIR would overwrite or swallow the essays themselves."""


def real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve, never raises on a link loop."""
    return Path(os.path.realpath(path))


def check_outdir(folder: Path, outdir: Path) -> None:
    folder_r, out_r = real(folder), real(outdir)
    if out_r == folder_r or out_r in folder_r.parents:
        raise OutputDirError(str(outdir))


def prepare(outdir: Path, *folders: str) -> None:
    """Make OUTDIR (marked) and its sub-folders; remove temporary files of a killed run."""
    (outdir / ESSAYS).mkdir(parents=True, exist_ok=True)
    marker = outdir / MARKER
    if not marker.exists():
        write_text(marker, MARKER_TEXT)
    for sub in ("", ESSAYS, *folders):
        for stale in (outdir / sub).glob(".*.tmp"):
            stale.unlink(missing_ok=True)


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
