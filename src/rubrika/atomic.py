"""Atomic file writes: a temporary file in the same folder, renamed into place at the end.

An interrupted run never leaves a half-written file in place of a good one. The file gets
the mode an ordinary write would give it: the mode of the file it replaces, or else what the
umask allows (``mkstemp`` alone would make every output 0600).

A file a person names (``-o``, ``--into``, ``rubric init DEST``) is written as a shell's
``>`` would write it (``output_file``): through a symbolic link to the file it points to,
and into a device (``/dev/null``) or a FIFO in place, so its reader gets the bytes; only a
regular file is replaced. The files Rubrika keeps in its own folders (``grade``'s OUTDIR)
are always replaced: a link there is never followed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_file(path: Path, mode: str = "w"):
    """Write ``path`` through a temporary file in the same folder, renamed into place at the end."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The mode of the file at ``path`` if there is one, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_text(path: Path, text: str) -> None:
    with atomic_file(path) as fh:
        fh.write(text)


@contextmanager
def output_file(path: Path):
    """Write a file someone named: a link is followed (the link stays, its target is
    updated), a device or FIFO is written in place, a regular file is replaced atomically."""
    path = Path(path)
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        regular = True  # a new file
    if regular:
        with atomic_file(path) as fh:
            yield fh
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh


def write_output(path: Path, text: str) -> None:
    with output_file(path) as fh:
        fh.write(text)
