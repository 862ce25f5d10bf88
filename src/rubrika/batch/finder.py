"""Find the essay files of a folder to grade, and say what was skipped and why.

Nothing is dropped silently: hidden files and folders, other Rubrika output folders,
symbolic links that leave the folder (or lead to folders) and folders that cannot be
opened are listed as skipped. Only Word's lock files (``~$esai.docx``) are not essays.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.readers.essay import ESSAY_SUFFIXES
from rubrika.messages import t
from rubrika.batch.outdir import ESSAYS, MARKER, real
from rubrika.terminal import display_name


@dataclass(frozen=True)
class Skipped:
    """A file or folder under FOLDER that is not graded: ``path`` relative to FOLDER, ``code``
    one of hidden, hidden-folder, output-folder, link-outside, link-folder, unreadable-folder."""

    path: str
    code: str
    reason: str = ""  # the system's reason, for unreadable-folder

    @property
    def lost(self) -> bool:
        """Essays may be in it and were not read: the run is not complete."""
        return self.code in ("unreadable-folder", "zip-refused")

    def message(self, lang: str = "id") -> str:
        return t(f"skip.{self.code}", lang, reason=self.reason)


@dataclass
class Scan:
    essays: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _is_lock_file(name: str) -> bool:
    return name.startswith("~$")  # Word's owner file while a document is open


def _holds_essays(folder: Path) -> bool:
    for root, dirs, files in os.walk(folder):
        if root == str(folder):
            dirs[:] = [d for d in dirs if d != ESSAYS]
        if any(Path(name).suffix.lower() in ESSAY_SUFFIXES for name in files):
            return True
    return False


def scan_folder(folder: Path, outdir: Path | None = None) -> Scan:
    """The essay files under ``folder``, sorted, and what was skipped.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk; a link
    to a file is followed only when the file is inside ``folder``. A folder with a Rubrika
    marker is another run's output and is skipped, unless it holds essays (a stray marker).
    """
    folder = Path(folder)
    scan = Scan()
    out = real(outdir) if outdir is not None else None
    top = real(folder)

    def rel(path: Path) -> str:
        return display_name(path.relative_to(folder).as_posix())

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        scan.skipped.append(Skipped(rel(where) if where != folder else ".", "unreadable-folder",
                                    exc.strerror or type(exc).__name__))

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable):
        root_path = Path(root)
        if out is not None and real(root_path) == out:
            dirs[:] = []
            continue
        if root_path != folder and os.path.exists(root_path / MARKER) and not _holds_essays(root_path):
            scan.skipped.append(Skipped(rel(root_path), "output-folder"))
            dirs[:] = []
            continue
        kept = []
        for name in sorted(dirs):
            path = root_path / name
            if os.path.islink(path):
                scan.skipped.append(Skipped(rel(path), "link-folder"))
            elif name.startswith("."):
                scan.skipped.append(Skipped(rel(path), "hidden-folder"))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if Path(name).suffix.lower() not in ESSAY_SUFFIXES or _is_lock_file(name):
                continue
            path = root_path / name
            if name.startswith("."):
                scan.skipped.append(Skipped(rel(path), "hidden"))
            elif os.path.islink(path) and not real(path).is_relative_to(top):
                scan.skipped.append(Skipped(rel(path), "link-outside"))
            else:
                scan.essays.append(path)
    scan.essays.sort(key=lambda p: p.relative_to(folder).as_posix())
    scan.skipped.sort(key=lambda s: s.path)
    return scan


def find_essays(folder: Path, outdir: Path | None = None) -> list[Path]:
    """Essay files under ``folder``, sorted (what ``scan_folder`` finds, without the skipped)."""
    return scan_folder(folder, outdir).essays
