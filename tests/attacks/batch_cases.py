"""Attack cases for `rubrika grade`/`check` as a careless user, a prankster or a bad day brings
them: file names, output folders, links, permissions, signals, full disks, terminals.

Each case builds its input on the fly in ``tmp`` (small files only), runs one command and
states the exit code and a message that names the path. ``patch`` simulates what root
cannot see (EACCES, EROFS, ENOSPC, Ctrl-C); ``after`` checks the outputs.
Issue 11 numbers the items: "11.5-outdir-inside-folder" covers item 5.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import SAMPLES

STRONG = SAMPLES / "01-andi-kuat-lengkap.txt"
WEAK = SAMPLES / "06-fajar-lemah-singkat.txt"
OTHER = SAMPLES / "16-putri-kuat-berbeda.txt"


@dataclass
class Attack:
    id: str
    build: Callable[[Path], None]  # makes tmp/tugas (the essays) and whatever else the case needs
    argv: list[str]  # {folder} = tmp/tugas, {out} = tmp/laporan, {tmp} = tmp
    exit: int
    message: str  # in stdout or stderr; the same placeholders
    patch: Callable | None = None  # patch(monkeypatch, tmp) before the command
    after: Callable | None = None  # after(tmp, result) further checks
    absent: list[str] = field(default_factory=list)  # must not be printed


# --- building blocks ------------------------------------------------------------------------


def essays(tmp: Path, **files: Path | str | bytes) -> Path:
    """tmp/tugas with the given files: a sample essay (Path), a text (str) or bytes."""
    folder = tmp / "tugas"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        add(folder / name, content)
    return folder


def add(path: Path | bytes, content: Path | str | bytes = STRONG) -> None:
    """Write one file; ``path`` may be bytes (a file name that is not UTF-8)."""
    data = content.read_bytes() if isinstance(content, Path) else (
        content.encode("utf-8") if isinstance(content, str) else content)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def outputs(out: Path) -> dict[str, bytes]:
    """What a teacher gets: every file of OUTDIR but the result cache (a database whose bytes
    change with every write)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).as_posix().startswith(".rubrika-cache/")}


def records(out: Path) -> dict[str, dict]:
    import json

    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["essay"]["path"]: r for r in map(json.loads, lines)}


def refuse_paths(monkeypatch, under: Path, err: int, *, scandir: bool = False, create: bool = False,
                 read: bool = False) -> None:
    """Simulate a permission or file-system error (root reads and writes everything):
    os.scandir of ``under`` (a folder that cannot be opened), creating files below it (a
    read-only folder), or reading it (a file that cannot be read)."""
    under_s = os.fspath(under)

    def hit(path) -> bool:
        p = os.fsdecode(os.fspath(path)) if not isinstance(path, int) else ""
        return p == under_s or p.startswith(under_s + os.sep)

    def fail(path):
        raise OSError(err, os.strerror(err), os.fsdecode(os.fspath(path)))

    if scandir:
        real_scandir = os.scandir

        def scandir_(path="."):
            if hit(path):
                fail(path)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir_)
    if create:
        real_open = os.open

        def open_(path, flags, mode=0o777, *, dir_fd=None):
            if flags & os.O_CREAT and hit(path):
                fail(path)
            return real_open(path, flags, mode, dir_fd=dir_fd)

        monkeypatch.setattr(os, "open", open_)
    if read:
        real_read_bytes, real_access = Path.read_bytes, os.access

        def read_bytes(self):
            if hit(self):
                fail(self)
            return real_read_bytes(self)

        def access(path, mode, *args, **kwargs):
            return False if hit(path) else real_access(path, mode, *args, **kwargs)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(os, "access", access)


def interrupt_after(monkeypatch, essays_done: int) -> None:
    """Ctrl-C while the essay after ``essays_done`` is checked."""
    from rubrika.api import Checker

    original, calls = Checker.check, []

    def check(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > essays_done:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Checker, "check", check)


class CheckLog:
    """The essays checked, by this process or by a worker process (each appends a line to
    one file), compared as a sorted list: workers finish in any order."""

    def __init__(self, path: Path):
        self.path = path

    def items(self) -> list[str]:
        return sorted(self.path.read_text(encoding="utf-8").splitlines()) if self.path.exists() else []

    def __eq__(self, other) -> bool:
        return self.items() == sorted(other)

    def __len__(self) -> int:
        return len(self.items())

    def __iter__(self):
        return iter(self.items())

    def __repr__(self) -> str:
        return repr(self.items())


def count_checks(monkeypatch) -> CheckLog:
    """Record every essay actually checked (not taken from the cache), in any process."""
    import atexit
    import tempfile

    from rubrika.api import Checker

    original = Checker.check
    handle, name = tempfile.mkstemp(prefix="rubrika-checks-", suffix=".log")
    os.close(handle)
    os.unlink(name)
    log = CheckLog(Path(name))
    atexit.register(log.path.unlink, missing_ok=True)  # workers append to it until the batch ends

    def check(self, essay, *args, **kwargs):
        with open(log.path, "a", encoding="utf-8") as out:
            out.write(f"{essay.path}\n")
        return original(self, essay, *args, **kwargs)

    monkeypatch.setattr(Checker, "check", check)
    return log


def disk_full_at(monkeypatch, nth_report: int) -> None:
    """ENOSPC when the ``nth_report``-th report is written (by this process or, counted per
    process, by a worker: workers import write_text from rubrika.atomic when they write)."""
    import rubrika.atomic
    import rubrika.batch.run

    original, calls = rubrika.atomic.write_text, []

    def write_text(path, text):
        calls.append(path)
        if len(calls) == nth_report:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
        return original(path, text)

    monkeypatch.setattr(rubrika.batch.run, "write_text", write_text)
    monkeypatch.setattr(rubrika.atomic, "write_text", write_text)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


SHARED = ("Menurut pengamatan kami di pasar tradisional Kampung Melayu, para pedagang kecil sering bercerita "
          "tentang harga cabai yang naik turun karena cuaca buruk, dan mereka berharap pemerintah bekerja sama "
          "dengan negara tetangga agar pasokan pangan tetap stabil sepanjang tahun tanpa membuat petani lokal rugi.")


def similar_class(tmp: Path) -> Path:
    """Four essays, two of which share an unusual passage of 40 words (a similar pair)."""
    folder = essays(tmp, **{"c-citra.txt": SAMPLES / "03-citra-sedang-tanpa-definisi.txt",
                            "d-dedi.txt": SAMPLES / "04-dedi-hardwrap.txt"})
    for name, source in (("a-andi.txt", STRONG), ("b-bunga.txt", OTHER)):
        paragraphs = source.read_text(encoding="utf-8").split("\n\n")
        add(folder / name, "\n\n".join([*paragraphs[:2], SHARED, *paragraphs[2:]]))
    return folder


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
