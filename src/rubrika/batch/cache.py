"""The result cache of ``rubrika grade``: records of essays already checked.

Keyed by the essay's bytes, its path, the rubric, the options and the sources, so a rerun
after an interruption, or after a few late essays were added, re-checks only the essays
whose key is new. An entry holds the record, the essay text as read and its fingerprints
for the similar-essays search, so a cached essay is never tokenised again.

One SQLite file (``.rubrika-cache/results.sqlite``, standard library): a lookup costs the
same with 30 entries or 300,000, and the folder does not fill with one file per essay. The
store only holds copies: an entry that cannot be read back (a damaged blob, a store of
another shape) counts as absent, and its essay is checked again. A run holds the store
locked from start to end (SQLite's exclusive locking mode), so a second run into the same
OUTDIR is refused at once (``StoreBusy``) instead of interleaving its outputs with the first.
Each entry is stored twice over: its fingerprint hashes alone (pass 1 of a batch needs
nothing else) and the whole entry, zlib-compressed JSON (``entry_blob``), which a batch
hands as it is to the process that writes the essay's outputs. Only the process that runs
the batch writes to the store; worker processes (local or on a Dask cluster) get and
return blobs.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import zlib
from array import array
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rubrika import __version__
from rubrika.api import Checked, Checker
from rubrika.engine.similarity import Fingerprints
from rubrika.readers.essay import Limits
from rubrika.result import EssayResult

CACHE = ".rubrika-cache"
STORE = "results.sqlite"
FORMAT = "4"  # bump when an entry's shape or meaning changes
COMMIT_EVERY = 256  # entries; an interrupted run keeps what it committed
BUSY_SECONDS = 5.0  # how long to wait for a store another process holds (one that is just closing it)
TABLES = {"entries": ("key", "hashes", "entry"), "outputs": ("okey", "size", "mtime", "outputs")}
# What reading back a blob the store holds can raise when the blob is damaged or of another shape.
DAMAGED = (zlib.error, ValueError, KeyError, TypeError, AttributeError, IndexError)


class StoreBusy(OSError):
    """Another process holds the store: a second ``rubrika grade`` into the same OUTDIR."""

    def __init__(self, path: Path):
        super().__init__(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(path))


@dataclass(frozen=True, slots=True)
class EssayOutputs:
    """An essay's share of the batch-wide outputs, kept beside its report so that a re-run
    need not render an unchanged report again (stored as a JSON list, in this order)."""

    line: str  # its line of results.jsonl
    csv_row: list[str]  # its gradebook row
    row: dict[str, Any]  # its overview row
    pairs: list[dict[str, Any]]  # the similar pairs it opens (the other essay's path sorts after its own)

    def to_json(self) -> list[Any]:
        return [self.line, self.csv_row, self.row, self.pairs]

    @classmethod
    def from_json(cls, value: list[Any]) -> EssayOutputs:
        line, csv_row, row, pairs = value
        if not (isinstance(line, str) and isinstance(csv_row, list) and isinstance(row, dict)
                and isinstance(pairs, list)):
            raise ValueError("not an essay's outputs")
        return cls(line, csv_row, row, pairs)


def salt_of(checker: Checker, lang: str, limits: Limits) -> str:
    """What, besides the essay's path and bytes, decides its result."""
    sources = hashlib.sha256(" ".join(map(str, sorted(checker.source_hashes))).encode()).hexdigest()
    learned = checker.compiled.learned  # the model learned from real writing, when the rubric has one
    return "|".join([__version__, FORMAT, checker.rubric_info.sha256, lang, repr(limits), sources,
                     learned.digest if learned is not None else "-"])


def essay_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes an essay's result is keyed by: the whole file, or b"" when it is not a
    regular file, is over ``limits.max_bytes`` or cannot be read (nothing to key it by: its
    error result is never cached). The batch looks up the cache with them, and a worker
    checks the same bytes it keys."""
    try:
        return path.read_bytes() if path.is_file() and path.stat().st_size <= limits.max_bytes else b""
    except OSError:
        return b""


def key_of(salt: str, rel: str, raw: bytes) -> str:
    digest = hashlib.sha256(salt.encode("utf-8"))
    digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def entry_blob(checked: Checked) -> bytes:
    """A checked essay as the cache stores it (and as batch processes pass it around)."""
    entry = {"record": checked.result.to_record(), "text": checked.text,
             "prints": checked.prints.to_lists() if checked.prints is not None else None}
    return zlib.compress(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def hashes_blob(checked: Checked) -> bytes:
    return checked.prints.hashes.tobytes() if checked.prints is not None else b""


def from_blob(blob: bytes) -> Checked:
    entry = json.loads(zlib.decompress(blob))
    prints = entry["prints"]
    return Checked(EssayResult.from_record(entry["record"]), entry["text"],
                   Fingerprints.from_lists(prints) if prints is not None else None)


def cached_texts(folder: Path) -> dict[str, str]:
    """Every essay text a batch's cache holds (``OUTDIR/.rubrika-cache``), by the path its
    record shows: the essays as they were graded, also when they came from a ``.zip`` that is
    gone (``rubric suggest`` on an output folder reads them). Read-only; empty without a store."""
    path = Path(folder) / STORE
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            for (blob,) in db.execute("SELECT entry FROM entries"):
                try:
                    entry = json.loads(zlib.decompress(blob))
                    essay_path, text = entry["record"]["essay"]["path"], entry["text"]
                except (ValueError, KeyError, TypeError, zlib.error):
                    continue
                if essay_path and text is not None:
                    out[essay_path] = text
        finally:
            db.close()
    except sqlite3.Error:
        return {}
    return out


def hashes_of(blob: bytes) -> array:
    values = array("I")
    values.frombytes(blob)
    return values


def outputs_of(blob: bytes) -> EssayOutputs:
    return EssayOutputs.from_json(json.loads(zlib.decompress(blob)))


def _os_error(exc: sqlite3.Error, path: Path) -> OSError:
    """A failed write to the store as the OSError it is (a full disk, a read-only file
    system), naming the store, so that it is reported like any other output that cannot be
    written."""
    text = str(exc).lower()
    code = errno.ENOSPC if "full" in text else errno.EROFS if "readonly" in text or "read-only" in text \
        else errno.EIO
    return OSError(code, os.strerror(code), os.fspath(path))


def _busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite says another connection holds the store (SQLITE_BUSY, SQLITE_LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (an extended code keeps them in its low byte)
    return "locked" in str(exc).lower()


@contextmanager
def _writing(path: Path):
    try:
        yield
    except sqlite3.OperationalError as exc:
        if _busy(exc):
            raise StoreBusy(path) from exc
        raise _os_error(exc, path) from exc


class _Foreign(sqlite3.DatabaseError):
    """A database whose tables are not the ones this version keeps (another program's, or a
    Rubrika of another store format)."""


def _open(path: Path) -> sqlite3.Connection:
    # Made here first, so the store gets the mode any output gets (what the umask allows;
    # SQLite would make it 0644); its -wal and -shm files take the store's mode.
    path.touch(exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS)
    try:
        # Held from the first read to close: no other run reads or writes it meanwhile.
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, hashes BLOB, entry BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS outputs (okey TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, "
                   "outputs BLOB)")
        db.execute("BEGIN IMMEDIATE")  # the write lock, now: a run that holds it is found before any check
        db.commit()
        for table, columns in TABLES.items():
            if tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})")) != columns:
                raise _Foreign(table)
    except sqlite3.DatabaseError as exc:
        db.close()
        if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
            raise StoreBusy(path) from exc
        raise
    return db


class ResultCache:
    def __init__(self, folder: Path, checker: Checker, lang: str, limits: Limits):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.salt = salt_of(checker, lang, limits)
        self.used: set[str] = set()
        self.path = folder / STORE
        try:
            with _writing(self.path):
                self.db = _open(self.path)
        except sqlite3.DatabaseError:  # not a database (cut short, overwritten) or not ours: it only held copies
            for name in (STORE, STORE + "-wal", STORE + "-shm"):
                (folder / name).unlink(missing_ok=True)
            with _writing(self.path):
                self.db = _open(self.path)
        self.pending = 0
        self.used_outputs: set[str] = set()

    def key(self, rel: str, raw: bytes) -> str:
        return key_of(self.salt, rel, raw)

    # --- what a batch uses ---------------------------------------------------------------

    def hashes(self, key: str) -> array | None:
        """The fingerprint hashes of a cached essay (None: not cached)."""
        row = self.db.execute("SELECT hashes FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None or not isinstance(row[0], bytes) or len(row[0]) % 4:  # a damaged entry: not cached
            return None
        self.used.add(key)
        return hashes_of(row[0])

    def blob(self, key: str) -> bytes | None:
        row = self.db.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
        return row[0] if row is not None else None

    def put_blob(self, key: str, hashes: bytes, blob: bytes) -> None:
        self.used.add(key)
        with _writing(self.path):
            self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, hashes, blob))
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    # --- an essay's outputs, so that a re-run need not render an unchanged report again -----

    def output_key(self, key: str, name: str, partners: Sequence[tuple[str, str, Sequence[int]]], extra: str) -> str:
        """What decides an essay's outputs: its entry, its report's name, its partners (rel,
        report name, shared hashes) and ``extra`` (the generator)."""
        digest = hashlib.sha256(f"{key}|{name}|{extra}|".encode("utf-8", "surrogateescape"))
        digest.update(json.dumps([[rel, other, list(shared)] for rel, other, shared in partners],
                                 ensure_ascii=False).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def report_unchanged(self, okey: str, report: Path) -> bool:
        """Whether the report this entry describes is still in place as it was written."""
        row = self.db.execute("SELECT size, mtime FROM outputs WHERE okey = ?", (okey,)).fetchone()
        if row is None:
            return False
        try:
            stat = report.stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == tuple(row)

    def outputs(self, okey: str) -> EssayOutputs | None:
        """An essay's stored outputs (None: gone or damaged, so its report is rendered again)."""
        row = self.db.execute("SELECT outputs FROM outputs WHERE okey = ?", (okey,)).fetchone()
        try:
            outputs = outputs_of(row[0]) if row is not None else None
        except DAMAGED:
            return None
        self.used_outputs.add(okey)
        return outputs

    def put_outputs(self, okey: str, stat: tuple[int, int], outputs: EssayOutputs) -> None:
        self.used_outputs.add(okey)
        blob = zlib.compress(json.dumps(outputs.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
        with _writing(self.path):
            self.db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", (okey, *stat, blob))
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        with _writing(self.path):
            self.db.commit()
        self.pending = 0

    # --- one entry at a time ---------------------------------------------------------------

    def get(self, key: str) -> Checked | None:
        self.used.add(key)
        blob = self.blob(key)
        try:
            return from_blob(blob) if blob is not None else None
        except DAMAGED:
            return None

    def put(self, key: str, checked: Checked) -> None:
        self.put_blob(key, hashes_blob(checked), entry_blob(checked))

    def prune(self) -> None:
        """Forget essays that are no longer in the folder (after a complete run)."""
        self.commit()
        with _writing(self.path):
            self._prune()
        for old in self.folder.glob("*.json"):  # the one-file-per-essay cache of Rubrika <= 0.1
            old.unlink(missing_ok=True)

    def _prune(self) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM used")
        self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
        self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
        self.db.execute("DELETE FROM used")
        self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used_outputs))
        self.db.execute("DELETE FROM outputs WHERE okey NOT IN (SELECT key FROM used)")
        self.db.commit()

    def close(self) -> None:
        try:
            with _writing(self.path):
                self.db.commit()
        finally:
            self.db.close()
