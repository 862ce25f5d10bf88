"""Find the essay files of a folder to grade."""

from __future__ import annotations

import os
from pathlib import Path

from rubrika.essay import ESSAY_SUFFIXES
from rubrika.outdir import MARKER, real


def find_essays(folder: Path, outdir: Path | None = None) -> list[Path]:
    """Essay files under ``folder``, sorted; hidden files and Rubrika output folders are skipped.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk.
    """
    found: list[Path] = []
    out = real(outdir) if outdir is not None else None
    for root, dirs, files in os.walk(folder, followlinks=False):
        root_path = Path(root)
        if (root_path / MARKER).exists() or (out is not None and real(root_path) == out):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ESSAY_SUFFIXES:
                found.append(root_path / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())
