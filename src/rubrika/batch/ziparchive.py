"""Unpack a ``.zip`` of essays (e.g. an LMS "download all submissions" archive) safely.

``extract_essays(archive)`` extracts the essay files of an archive into a new temporary
folder and returns an :class:`Extraction`: the folder, the essay paths extracted (sorted,
with the archive's sub-folders kept, so Moodle's ``Name_123_assignsubmission_file_/``
folders still name the student), and the entries that were refused, each with a code and
a message naming the entry. One bad entry never stops the others::

    with extract_essays("tugas.zip", lang="id") as unpacked:
        grade_folder(unpacked.folder, outdir, checker)
        for refusal in unpacked.refused:
            print(refusal)                  # "../../etc/passwd: ..."

What is refused, per entry: names that would escape the folder (``..`` parts, absolute
names, drive letters, backslash tricks), links (symbolic links, or anything that is not a
regular file), encrypted entries, nested archives, duplicates, names too long for a file
system, non-essay files (what a folder holds as essays is extracted, ``rubrika.readers.essay.ESSAY_SUFFIXES``:
``.txt .md .docx .odt .pdf``, and ``.doc .rtf .pages .wps`` too, so that the grader can ask for
them as ``.docx`` exactly as it does for a folder), and entries over the limits of
:class:`ZipLimits`: one entry's size, the total uncompressed size, and the compression
ratio (a zip bomb). Entries beyond the entry-count limit are refused together in one
refusal. The limits are enforced on the bytes actually inflated, not on the sizes the
archive declares. Nothing is dropped silently: a hidden file (its name starts with a dot) is
refused with a message, as are a hidden folder and macOS's ``__MACOSX`` folder, once each.
Messages name the entry and never an exception class (a teacher reads them).

A file that is not a readable zip at all raises :class:`ZipArchiveError` (a
``RubrikaError``, with ``message(lang)``). Nothing outside the temporary folder is ever
written; ``Extraction.cleanup()`` (or leaving the ``with`` block) removes it.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from rubrika.errors import RubrikaError
from rubrika.messages import t
from rubrika.readers.essay import ESSAY_SUFFIXES

__all__ = ["Extraction", "Refusal", "ZipArchiveError", "ZipLimits", "extract_essays"]

ARCHIVE_SUFFIXES = frozenset({".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"})
_CHUNK = 64 * 1024
_MAX_COMPONENT = 200  # bytes of one path part (file systems allow 255)
_MAX_DEPTH = 16
# The message of each refusal code is zip.<code> in the catalogue (rubrika/messages/teacher.yaml).


@dataclass(frozen=True)
class ZipLimits:
    """How much an archive may hold; beyond it entries are refused with a message."""

    max_entries: int = 2_000  # entries in the archive (files and folders)
    max_file_bytes: int = 20_000_000  # one entry, uncompressed (as rubrika's --max-size)
    max_total_bytes: int = 300_000_000  # all extracted entries together
    max_ratio: int = 200  # uncompressed / compressed, for entries over ratio_floor bytes
    ratio_floor: int = 1_000_000  # small entries may compress well (a text of spaces)


@dataclass(frozen=True)
class Refusal:
    """One entry not extracted: its name in the archive, a code, and a message naming it."""

    name: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class Extraction:
    """What ``extract_essays`` gives: a temporary folder and what is (not) in it."""

    folder: Path
    essays: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Extraction:
        return self

    def __exit__(self, *exc) -> None:
        self.cleanup()


class ZipArchiveError(RubrikaError):
    """The archive as a whole cannot be read (not a zip, damaged central directory)."""

    def __init__(self, archive: str, reason: str | None = None):
        self.archive, self.reason = archive, reason
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        return f"{self.archive}: {t('zip.not-zip', lang)}"


def _safe_parts(name: str) -> tuple[list[str], str | None]:
    """The path parts of an entry name, or ([], refusal code)."""
    if "\x00" in name:
        return [], "bad-name"
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) >= 2 and unified[1] == ":"):
        return [], "absolute"
    parts = [p for p in PurePosixPath(unified).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return [], "path-escape"
    if not parts or len(parts) > _MAX_DEPTH or any(len(p.encode("utf-8", "surrogateescape")) > _MAX_COMPONENT
                                                   for p in parts):
        return [], "bad-name"
    if any(":" in p for p in parts):  # drive-relative or alternate data stream names
        return [], "absolute"
    return parts, None


def _is_link_or_special(info: zipfile.ZipInfo) -> bool:
    kind = stat.S_IFMT(info.external_attr >> 16)  # Unix file type bits, when the zip has them
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def extract_essays(archive: str | Path, dest: str | Path | None = None, limits: ZipLimits = ZipLimits(),
                   lang: str = "id") -> Extraction:
    """Extract the essays of ``archive`` into a new temporary folder (inside ``dest`` if given).

    Returns an :class:`Extraction` with the folder, the extracted essay paths and the
    refused entries; raises :class:`ZipArchiveError` when the file is not a readable zip.
    See the module docstring for what is refused and why.
    """
    archive = Path(archive)
    if dest is not None:
        Path(dest).mkdir(parents=True, exist_ok=True)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ZipArchiveError(archive.name, type(exc).__name__) from None
    folder = Path(tempfile.mkdtemp(prefix="rubrika-zip-", dir=dest))
    result = Extraction(folder=folder)
    refuse = lambda name, code, **kw: result.refused.append(Refusal(name, code, t(f"zip.{code}", lang, **kw)))  # noqa: E731
    try:
        with zf:
            entries = zf.infolist()
            if len(entries) > limits.max_entries:
                refuse(f"{archive.name}", "count", count=len(entries) - limits.max_entries, limit=limits.max_entries)
                entries = entries[:limits.max_entries]
            seen: set[str] = set()
            skipped_folders: set[str] = set()
            total = 0
            over_total = False
            for info in entries:
                name = info.filename
                parts, problem = _safe_parts(name)
                if problem:
                    refuse(name, problem)
                    continue
                folders = parts if info.is_dir() else parts[:-1]
                hidden = next((i for i, p in enumerate(folders) if p.startswith(".") or p == "__MACOSX"), None)
                if hidden is not None:  # the folder once, not each of its entries
                    folder_name = "/".join(parts[:hidden + 1]) + "/"
                    if folder_name not in skipped_folders:
                        skipped_folders.add(folder_name)
                        refuse(folder_name, "macos" if parts[hidden] == "__MACOSX" else "hidden-folder")
                    continue
                if info.is_dir():
                    continue
                if parts[-1].startswith("."):
                    refuse(name, "hidden")
                    continue
                if _is_link_or_special(info):
                    refuse(name, "link")
                    continue
                suffix = PurePosixPath(parts[-1]).suffix.lower()
                if suffix in ARCHIVE_SUFFIXES:
                    refuse(name, "nested-archive")
                    continue
                if suffix not in ESSAY_SUFFIXES:
                    refuse(name, "not-essay")
                    continue
                key = "/".join(parts).casefold()
                if key in seen:
                    refuse(name, "duplicate")
                    continue
                seen.add(key)
                if info.flag_bits & 0x1:
                    refuse(name, "encrypted")
                    continue
                if over_total:
                    refuse(name, "total", limit=limits.max_total_bytes)
                    continue
                if info.file_size > limits.max_file_bytes:
                    refuse(name, "too-large", size=info.file_size, limit=limits.max_file_bytes)
                    continue
                if _ratio_exceeded(info.file_size, info.compress_size, limits):
                    refuse(name, "ratio", ratio=_ratio(info.file_size, info.compress_size), limit=limits.max_ratio)
                    continue
                if total + info.file_size > limits.max_total_bytes:
                    over_total = True
                    refuse(name, "total", limit=limits.max_total_bytes)
                    continue
                target = folder.joinpath(*parts)
                code, written, detail = _extract_one(zf, info, target, limits, limits.max_total_bytes - total)
                total += written
                if code == "total":
                    over_total = True
                if code:
                    details: dict[str, dict[str, Any]] = {
                        "total": {"limit": limits.max_total_bytes},
                        "too-large": {"size": written, "limit": limits.max_file_bytes},
                        "ratio": {"ratio": _ratio(written, info.compress_size), "limit": limits.max_ratio},
                        "damaged": {"reason": detail},
                    }
                    refuse(name, code, **details.get(code, {}))
                    continue
                result.essays.append(target)
    except BaseException:
        result.cleanup()
        raise
    result.essays.sort(key=lambda p: p.relative_to(folder).as_posix())
    return result


def _ratio(size: int, compressed: int) -> int:
    return round(size / max(compressed, 1))


def _ratio_exceeded(size: int, compressed: int, limits: ZipLimits) -> bool:
    return size > limits.ratio_floor and size > limits.max_ratio * max(compressed, 1)


def _extract_one(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: ZipLimits,
                 room: int) -> tuple[str | None, int, str]:
    """Inflate one entry into ``target`` (a new file), counting the bytes actually produced.

    Returns (None, bytes, "") or (refusal code, bytes so far, detail); a refused entry
    leaves no file.
    """
    written = 0
    code: str | None = None
    detail = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return "bad-name", 0, ""
    try:
        with os.fdopen(fd, "wb") as out, zf.open(info) as src:
            while True:
                chunk = src.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > limits.max_file_bytes:
                    code = "too-large"
                elif written > room:
                    code = "total"
                elif _ratio_exceeded(written, info.compress_size, limits):
                    code = "ratio"
                if code:
                    break
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        code, detail = "damaged", type(exc).__name__
    if code:
        target.unlink(missing_ok=True)
    return code, written, detail if code == "damaged" else ""
