"""The output folder of ``rubrika grade``: what may be one, its marker, report names.

An OUTDIR is marked (``.rubrika-output``) so that a later run never reads its reports as
essays; it must not be the essay folder or hold it, nor hold essays itself. A folder that
is not empty and has no marker is someone else's: Rubrika writes into it only with
``--force``, and deletes files only in a folder that was already its own.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from rubrika.atomic import write_text
from rubrika.readers.essay import ESSAY_SUFFIXES

MARKER = ".rubrika-output"
MARKER_TEXT = "Folder keluaran Rubrika: `rubrika grade` tidak membaca esai dari folder ini.\n"
ESSAYS = "essays"
GROUPS = "groups"  # the overview pages of a large batch
_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME = 120  # characters of a report name's base
MAX_NAME_BYTES = 200  # bytes of it: a file name has at most 255, and the temporary file adds ~15
# what Rubrika writes at OUTDIR's top (koreksi.csv: batch.corrections, only when absent or asked to)
OUTPUTS = ("index.html", "grades.csv", "results.jsonl", MARKER, "koreksi.csv")


class OutputDirError(ValueError):
    """OUTDIR would overwrite or swallow the essays, or files Rubrika did not write.

    ``reason``: ``is-input`` (OUTDIR is FOLDER or holds it), ``holds-essays`` (OUTDIR is
    inside FOLDER and holds essays, which would never be graded), ``not-rubrika`` (OUTDIR
    is not empty and has no marker; ``--force`` writes anyway). ``example``: a file in it.
    """

    def __init__(self, outdir: str, reason: str = "is-input", example: str = ""):
        super().__init__(outdir)
        self.outdir, self.reason, self.example = outdir, reason, example


def real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve, never raises on a link loop."""
    return Path(os.path.realpath(path))


def is_rubrika_outdir(outdir: Path) -> bool:
    return os.path.isfile(Path(outdir) / MARKER)


def _essay_in(folder: Path, skip: tuple[str, ...] = ()) -> Path | None:
    """The first essay file under ``folder`` (sub-folders ``skip`` left out), or None."""
    for root, dirs, files in os.walk(folder):
        if root == str(folder):
            dirs[:] = [d for d in dirs if d not in skip]
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in ESSAY_SUFFIXES:
                return Path(root) / name
    return None


def check_outdir(folder: Path, outdir: Path, force: bool = False) -> None:
    """Refuse an OUTDIR that would overwrite or swallow essays, or (unless ``force``) the
    files of a folder that Rubrika did not make."""
    folder_r, out_r = real(folder), real(outdir)
    if out_r == folder_r or out_r in folder_r.parents:
        raise OutputDirError(str(outdir))
    if not os.path.isdir(out_r):
        return
    if folder_r in out_r.parents:
        essay = _essay_in(out_r, skip=(ESSAYS,) if is_rubrika_outdir(out_r) else ())
        if essay is not None:
            raise OutputDirError(str(outdir), "holds-essays", str(Path(outdir) / essay.relative_to(out_r)))
    if not force and not is_rubrika_outdir(out_r):
        entries = sorted(os.listdir(out_r))
        if entries:
            raise OutputDirError(str(outdir), "not-rubrika", str(Path(outdir) / entries[0]))


def _ours(name: str, sub: str) -> bool:
    """A temporary file that Rubrika's atomic writer left (``.index.html.k2j3x9.tmp``)."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return False
    if name.startswith(".rubrika-probe."):
        return True
    if sub in (ESSAYS, GROUPS):
        return ".html." in name
    if sub:
        return True  # the cache folder is Rubrika's own
    return any(name.startswith(f".{output}.") for output in OUTPUTS)


def prepare(outdir: Path) -> bool:
    """Make OUTDIR (marked) and its sub-folders, and make sure it can be written before
    any essay is checked (OSError if not). True if it already was a Rubrika OUTDIR."""
    owned = is_rubrika_outdir(outdir)
    (outdir / ESSAYS).mkdir(parents=True, exist_ok=True)
    for sub in ("", ESSAYS):
        fd, probe = tempfile.mkstemp(dir=outdir / sub, prefix=".rubrika-probe.", suffix=".tmp")
        try:
            os.write(fd, b"rubrika")
        finally:
            os.close(fd)
            os.unlink(probe)
    if not owned:
        write_text(outdir / MARKER, MARKER_TEXT)
    return owned


def remove_temporaries(outdir: Path, *folders: str) -> None:
    """The temporary files a killed run left (call it only for a folder that already was a
    Rubrika OUTDIR, and only while this run holds it: another run's are in use)."""
    for sub in ("", ESSAYS, *folders):
        if (outdir / sub).is_dir():
            for stale in (outdir / sub).glob(".*.tmp"):
                if _ours(stale.name, sub):
                    stale.unlink(missing_ok=True)


_GENERATED = b'<meta name="generator" content="Rubrika '


def _rubrika_report(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return _GENERATED in fh.read(2048)
    except OSError:
        return False


def remove_stale_reports(folder: Path, written: set[str]) -> None:
    """Remove the pages in ``folder`` (OUTDIR's ``essays`` or ``groups``) that this run did not
    write: the reports of essays renamed or removed since the last run, the group pages of an
    earlier, larger run. Only pages Rubrika wrote, never another page someone put there; call
    it only for a folder that was a Rubrika OUTDIR before this run."""
    for entry in folder.glob("*.html"):
        if entry.name not in written and entry.is_file() and not entry.is_symlink() and _rubrika_report(entry):
            entry.unlink(missing_ok=True)


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
        digest = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()[:8]
        if len(base) > MAX_NAME or len(base.encode("utf-8")) > MAX_NAME_BYTES:
            base = _shorten(base, digest)
        name = base + ".html"
        if name.casefold() in used:
            name = f"{base}-{digest}.html"
        used.add(name.casefold())
        names[rel] = name
    return names


def _shorten(base: str, digest: str) -> str:
    """``base`` cut to fit ``MAX_NAME`` characters and ``MAX_NAME_BYTES`` bytes: its head, a
    hash, its extension (``.txt``)."""
    head, dot, ext = base.rpartition(".")
    ext = f".{ext}" if dot and head and len(ext) <= 8 else ""
    head = base[: len(base) - len(ext)]
    room = min(MAX_NAME, MAX_NAME_BYTES) - len(ext.encode("utf-8")) - len(digest) - 1
    cut = head.encode("utf-8")[:room].decode("utf-8", "ignore")[: room]
    return f"{cut.rstrip('.-')}-{digest}{ext}"
