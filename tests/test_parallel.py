"""`grade --jobs N`: worker processes, the same bytes for every N; the cache store."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from conftest import SAMPLES
from rubrika.batch.run import grade_folder
from rubrika.batch.cache import CACHE, STORE


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and CACHE not in p.parts}


@pytest.fixture()
def essays(tmp_path: Path) -> Path:
    folder = tmp_path / "tugas"
    (folder / "kelas-b").mkdir(parents=True)
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    for i, path in enumerate(samples):
        shutil.copy(path, (folder / "kelas-b" if i % 3 == 0 else folder) / path.name)
    shutil.copy(samples[0], folder / "salinan.txt")  # a copied essay: a similar pair
    (folder / "kosong.txt").write_text("  \n", encoding="utf-8")  # unreadable: an error record
    return folder


def test_outputs_are_the_same_bytes_for_every_number_of_workers(checker, essays, tmp_path):
    outputs = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"out-{jobs}"
        summary = grade_folder(essays, out, checker, jobs=jobs)
        assert summary.failed == 1
        outputs[jobs] = snapshot(out)
    assert '"similar-essays"' in outputs[1]["results.jsonl"].decode("utf-8")
    assert outputs[1] == outputs[2] == outputs[3]


def test_workers_fill_the_cache_and_a_rerun_checks_nothing(checker, essays, tmp_path, monkeypatch):
    out = tmp_path / "out"
    grade_folder(essays, out, checker, jobs=2)
    first = snapshot(out)
    assert sorted(p.name for p in (out / CACHE).iterdir() if not p.name.startswith(STORE + "-")) == [STORE]
    with closing(sqlite3.connect(out / CACHE / STORE)) as db:  # closed: a run holds the store alone
        cached = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert cached == len([k for k in first if k.startswith("essays/")])  # one entry per essay

    def no_check(*args, **kwargs):
        raise AssertionError("a cached essay was checked again")

    monkeypatch.setattr(type(checker), "check", no_check)
    grade_folder(essays, out, checker, jobs=1)
    assert snapshot(out) == first


def test_progress_is_reported_for_every_essay_with_workers(checker, essays, tmp_path):
    seen = []
    grade_folder(essays, tmp_path / "out", checker, jobs=2, progress=seen.append)
    assert sorted(seen) == sorted(p for p in essays.rglob("*") if p.is_file())


def test_interrupt_with_workers_keeps_old_outputs(checker, essays, tmp_path):
    out = tmp_path / "out"
    grade_folder(essays, out, checker, jobs=2)
    before = snapshot(out)
    (essays / "baru.txt").write_text((SAMPLES / "01-andi-kuat-lengkap.txt").read_text(encoding="utf-8")
                                     + "\nTambahan kalimat.\n", encoding="utf-8")
    (out / CACHE / STORE).unlink()  # everything must be checked again

    def interrupt(path):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade_folder(essays, out, checker, jobs=2, progress=interrupt)
    assert {k: v for k, v in snapshot(out).items() if k in ("index.html", "grades.csv", "results.jsonl")} == \
        {k: before[k] for k in ("index.html", "grades.csv", "results.jsonl")}
    assert not list(out.rglob("*.tmp"))
    assert grade_folder(essays, out, checker, jobs=2).count == len([p for p in essays.rglob("*") if p.is_file()])


def test_a_large_batch_gets_a_page_per_group(checker, tmp_path, monkeypatch):
    from rubrika.batch import run as batch

    monkeypatch.setattr(batch, "GROUP_OVER", 4)
    monkeypatch.setattr(batch, "PAGE", 3)
    folder = tmp_path / "ujian"
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")[:8]
    for i, path in enumerate(samples):
        target = folder / ("sekolah-a" if i < 5 else "sekolah-b")
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.name)
    out = tmp_path / "out"
    grade_folder(folder, out, checker, jobs=2)
    pages = sorted(p.name for p in (out / "groups").iterdir())
    assert pages == ["0001-sekolah-a.html", "0002-sekolah-a.html", "0003-sekolah-b.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="groups/{page}"' in index
    assert "sekolah-a (2)" in index and 'href="grades.csv"' in index
    first = (out / "groups" / pages[0]).read_text(encoding="utf-8")
    assert first.count('href="../essays/') >= 3 and 'href="../index.html"' in first
    monkeypatch.setattr(batch, "GROUP_OVER", 1000)
    grade_folder(folder, out, checker, jobs=1)  # a small batch again: one page, no stale groups
    assert not list((out / "groups").iterdir())
    assert "groups/" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_damaged_cache_store_is_replaced_and_every_essay_checked(checker, essays, tmp_path):
    out = tmp_path / "out"
    first = grade_folder(essays, out, checker, jobs=2)
    before = snapshot(out)
    store = out / CACHE / STORE
    store.write_bytes(b"this is not a database" * 100)  # e.g. cut short by a full disk, or overwritten
    again = grade_folder(essays, out, checker, jobs=2)
    assert (again.count, again.failed) == (first.count, first.failed)
    after = snapshot(out)
    assert {k: v for k, v in after.items() if not k.startswith(CACHE)} == \
        {k: v for k, v in before.items() if not k.startswith(CACHE)}
    assert store.read_bytes().startswith(b"SQLite format 3")


def test_a_worker_killed_mid_batch_stops_grade_with_a_message_and_keeps_old_outputs(checker, essays, tmp_path,
                                                                                   monkeypatch):
    import os
    import signal

    from click.testing import CliRunner

    from rubrika.api import Checker
    from rubrika.cli.main import main

    out = tmp_path / "out"
    grade_folder(essays, out, checker, jobs=2)
    before = snapshot(out)
    (out / CACHE / STORE).unlink()  # everything must be checked again
    parent, original = os.getpid(), Checker.check

    def killed(self, *args, **kwargs):
        if os.getpid() != parent:  # in a worker: as the kernel's out-of-memory killer would
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Checker, "check", killed)
    result = CliRunner().invoke(main, ["grade", str(essays), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 3, result.output
    assert "worker process stopped" in result.output or "proses pekerja berhenti" in result.output
    assert "Traceback" not in result.output
    after = snapshot(out)
    for name in ("index.html", "grades.csv", "results.jsonl"):
        assert after[name] == before[name]
    assert not list(out.rglob("*.tmp"))


HALF_WRITTEN = """
import gc, os, struct, sys, time
from multiprocessing.queues import SimpleQueue
from rubrika.api import Checker
from rubrika.batch.parallel import Job, ProcessPool
from rubrika.readers.essay import Limits

def half_message(_):
    # What a worker killed between the two writes of a large result leaves: a length header
    # with no body after it, in the pool's result pipe.
    results = next(o for o in gc.get_objects() if isinstance(o, SimpleQueue))
    os.write(results._writer.fileno(), struct.pack("!i", 100_000))
    os._exit(1)

pool = ProcessPool(Checker(), Job("id", Limits(), "salt", None), 1)
future = pool.pool.submit(half_message, None)
workers = list(pool.pool._processes.values())
deadline = time.monotonic() + 60
while any(p.is_alive() for p in workers) and time.monotonic() < deadline:
    time.sleep(0.05)
pool.close()
print("closed", type(future.exception(timeout=5)).__name__)
"""


def test_a_pool_whose_worker_died_mid_result_closes(tmp_path):
    """SIGTERM to a batch's process group kills its workers; one killed while it wrote a result
    left half a message, and closing the pool then waited for the rest of it for ever."""
    import subprocess
    import sys

    script = tmp_path / "half.py"
    script.write_text(HALF_WRITTEN, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("closing the pool hung on a half-written result")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["closed", "BrokenProcessPool"]
