"""Atomic file writes: a temporary file in the same folder, renamed into place at the end.

An interrupted run never leaves a half-written file in place of a good one. The file gets
the mode an ordinary write would give it: the mode of the file it replaces, or else what the
umask allows (``mkstemp`` alone would make every output 0600).
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
