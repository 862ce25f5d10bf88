"""Issue 22, batch and command-line items: outputs named with -o/--into (7), --force (10),
signals and worker processes (12), the result cache store (13), stdout (14) and rubric
files that are not regular files (15). Each test failed before its fix.

Tests that need a real process (a FIFO's reader, a closed or full stdout, signals) run
``python -m rubrika`` in a subprocess, bounded in time; the others run in-process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))  # whether or not tests/attacks is a package
from batch_cases import OTHER, STRONG, WEAK, add, count_checks, essays, outputs, records  # noqa: E402
from cases import Case, check, rubric_text  # noqa: E402
from conftest import ROOT  # noqa: E402
from rubrika.batch.cache import CACHE, STORE  # noqa: E402
from rubrika.batch.outdir import MARKER  # noqa: E402
from rubrika.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, EXIT_WRITE  # noqa: E402
from rubrika.cli.main import main  # noqa: E402
from rubrika.reporters.html import GENERATOR  # noqa: E402

RUBRIKA = [sys.executable, "-m", "rubrika"]
LINUX = sys.platform == "linux"


def invoke(*argv: str):
    return CliRunner().invoke(main, [str(a) for a in argv], catch_exceptions=False)


def is_report(data: bytes) -> bool:
    return f'<meta name="generator" content="{GENERATOR}">'.encode() in data


# --- 7: -o / --into follow links, and write a device or a FIFO in place -------------------------


def test_22_7_output_through_a_link_updates_its_target_and_keeps_the_link(tmp_path):
    target, link = tmp_path / "laporan-asli.html", tmp_path / "laporan.html"
    target.write_text("lama", encoding="utf-8")
    link.symlink_to(target.name)
    result = invoke("check", STRONG, "-o", link)
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and os.readlink(link) == target.name
    assert is_report(target.read_bytes())


def test_22_7_output_through_a_dangling_link_creates_its_target(tmp_path):
    link = tmp_path / "laporan.html"
    link.symlink_to("laporan-baru.html")
    result = invoke("check", STRONG, "-o", link)
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and is_report((tmp_path / "laporan-baru.html").read_bytes())


def _device(tmp_path: Path) -> Path:
    """A character device like /dev/null: made in tmp_path when we may (root), so that a
    regression replaces a node of the test's own and never the machine's /dev/null."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node
    except PermissionError:
        if os.geteuid() == 0:  # root that may not make device nodes could still replace /dev/null
            pytest.skip("cannot make a device node of the test's own")
        return Path(os.devnull)  # not root: a regression cannot replace /dev/null (it fails with EACCES)


@pytest.mark.skipif(not LINUX, reason="device numbers of Linux")
@pytest.mark.parametrize("through_link", [False, True], ids=["device", "link-to-device"])
@pytest.mark.parametrize("argv", [["check", str(STRONG), "-o"], ["rubric", "export", "-o"]], ids=["check", "export"])
def test_22_7_output_to_a_device_writes_into_it(tmp_path, argv, through_link):
    device = _device(tmp_path)
    target = device
    if through_link:
        target = tmp_path / "keluaran.html"
        target.symlink_to(device)
    result = invoke(*argv, target)
    assert result.exit_code == EXIT_OK, result.output
    assert stat.S_ISCHR(os.stat(device).st_mode)  # still the device, not a file
    assert not through_link or target.is_symlink()
    assert not list(device.parent.glob(f".{device.name}.*.tmp"))


def _read_fifo(fifo: Path, into: Path) -> subprocess.Popen:
    """A reader of ``fifo`` (``cat``), started before the command that writes to it."""
    os.mkfifo(fifo)
    return subprocess.Popen(["sh", "-c", 'exec cat "$1" > "$2"', "sh", str(fifo), str(into)])


@pytest.mark.parametrize("argv", [["check", str(STRONG), "-o"], ["rubric", "export", "-o"]], ids=["check", "export"])
def test_22_7_output_to_a_fifo_reaches_its_reader(tmp_path, argv):
    fifo, got = tmp_path / "laporan.fifo", tmp_path / "diterima"
    reader = _read_fifo(fifo, got)
    try:
        result = invoke(*argv, fifo)
        assert result.exit_code == EXIT_OK, result.output
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not replaced by a file
        assert reader.wait(timeout=60) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    data = got.read_bytes()
    assert is_report(data) if argv[0] == "check" else data.startswith(b"\xef\xbb\xbf")  # the CSV's BOM


def test_22_7_fingerprint_into_a_link_updates_the_rubric_it_points_to(tmp_path):
    rubric, link = tmp_path / "rubrik-asli.yaml", tmp_path / "rubrik.yaml"
    rubric.write_bytes((ROOT / "rubrics" / "globalisasi.yaml").read_bytes())
    link.symlink_to(rubric.name)
    result = invoke("rubric", "fingerprint", ROOT / "tests" / "fixtures" / "sumber-artikel.txt", "--into", link)
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and "sources:" in rubric.read_text(encoding="utf-8")


def test_22_7_init_over_a_link_updates_its_target(tmp_path):
    target, link = tmp_path / "rubrik-kelas.yaml", tmp_path / "rubrik.yaml"
    target.write_text("# lama\n", encoding="utf-8")
    link.symlink_to(target.name)
    result = invoke("rubric", "init", link, "--force")
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and "criteria:" in target.read_text(encoding="utf-8")


def test_22_7_draft_over_a_link_updates_its_target(tmp_path):
    target, link = tmp_path / "rubrik-koperasi.yaml", tmp_path / "rubrik.yaml"
    target.write_text("# lama\n", encoding="utf-8")
    link.symlink_to(target.name)
    result = invoke("rubric", "draft", ROOT / "tests" / "fixtures" / "draft" / "koperasi.txt", "-o", link, "--force")
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and "criteria:" in target.read_text(encoding="utf-8")


def test_22_7_a_regular_file_is_still_replaced_whole(tmp_path):
    """A regular file is written atomically, as before: a new file renamed over the old one, so
    a second name of the old file (a hard link) keeps the old content."""
    report, other_name = tmp_path / "laporan.html", tmp_path / "salinan-lama.html"
    report.write_text("lama", encoding="utf-8")
    os.link(report, other_name)
    assert invoke("check", STRONG, "-o", report).exit_code == EXIT_OK
    assert is_report(report.read_bytes()) and other_name.read_text(encoding="utf-8") == "lama"


# --- 10: --force deletes nothing Rubrika did not write -------------------------------------------


def test_22_10_force_keeps_a_teachers_own_group_pages(tmp_path):
    folder, out = essays(tmp_path, **{"budi.txt": STRONG, "siti.txt": WEAK}), tmp_path / "laporan"
    add(out / "groups" / "kelas-a.html", "<p>rekap nilai kelas A buatan guru</p>")
    add(out / "groups" / "catatan.txt", "catatan")
    result = invoke("grade", folder, "-o", out, "--force")
    assert result.exit_code == EXIT_OK, result.output
    assert (out / "groups" / "kelas-a.html").read_text(encoding="utf-8") == "<p>rekap nilai kelas A buatan guru</p>"
    assert (out / "groups" / "catatan.txt").exists()


def test_22_10_a_rubrika_folder_loses_only_its_own_stale_group_pages(tmp_path):
    folder, out = essays(tmp_path, **{"budi.txt": STRONG}), tmp_path / "laporan"
    assert invoke("grade", folder, "-o", out).exit_code == EXIT_OK
    add(out / "groups" / "0001-kelas-a.html", (out / "index.html").read_text(encoding="utf-8"))  # an earlier run's
    add(out / "groups" / "rekap-guru.html", "<p>rekap buatan guru</p>")
    assert invoke("grade", folder, "-o", out).exit_code == EXIT_OK
    assert sorted(p.name for p in (out / "groups").iterdir()) == ["rekap-guru.html"]


# --- 12: SIGTERM is Ctrl-C; workers die with the batch --------------------------------------------

# A grade whose checks from the PAUSE_AT-th on (in any process) write a marker, then wait for a
# "go" file: the test signals at a point it controls, whatever the machine's speed.
_PAUSING_GRADE = """
import faulthandler, signal, sys, time
from pathlib import Path
faulthandler.register(signal.SIGUSR1, all_threads=True)  # a batch that hangs shows where (finish())
from rubrika.api import Checker
marker = Path(sys.argv[1])
checked, go = Path(sys.argv[1] + ".count"), Path(sys.argv[1] + ".go")
original = Checker.check
def check(self, *args, **kwargs):
    with checked.open("a") as log:
        log.write("x")
    if len(checked.read_text()) >= 20:
        marker.touch()
        deadline = time.monotonic() + 120
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    return original(self, *args, **kwargs)
Checker.check = check
from rubrika.cli.main import main
main(sys.argv[2:], prog_name="rubrika")
"""


def _proc_stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a process, from /proc; None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], int(fields[19])


def _children(pid: int) -> dict[int, int]:
    """The processes whose parent is ``pid``: pid -> start time."""
    kids = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = _proc_stat(int(entry))
            if info is not None and info[0] == pid:
                kids[int(entry)] = info[2]
    return kids


def _alive(kids: dict[int, int]) -> list[int]:
    """Those of ``kids`` still running (a zombie is dead; a pid reused by another process too)."""
    alive = []
    for pid, started in kids.items():
        info = _proc_stat(pid)
        if info is not None and info[1] not in ("Z", "X") and info[2] == started:
            alive.append(pid)
    return alive


def _gone_within(kids: dict[int, int], seconds: float) -> list[int]:
    """Wait (bounded) for ``kids`` to end; those still alive at the end."""
    deadline = time.monotonic() + seconds
    while _alive(kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _alive(kids)


class PausedGrade:
    """``rubrika grade FOLDER -o OUT --jobs 2`` in its own session, paused inside a check."""

    def __init__(self, tmp_path: Path, *extra: str):
        self.folder = essays(tmp_path, **{f"esai-{i:02d}.txt": (STRONG, WEAK, OTHER)[i % 3] for i in range(60)})
        self.out, self.marker = tmp_path / "laporan", tmp_path / "checking"
        self.proc = subprocess.Popen([sys.executable, "-c", _PAUSING_GRADE, str(self.marker), "grade",
                                      str(self.folder), "-o", str(self.out), "--jobs", "2", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        self.workers: dict[int, int] = {}

    def wait_paused(self) -> None:
        deadline = time.monotonic() + 120
        while not self.marker.exists() and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.marker.exists(), self.proc.communicate()[1].decode("utf-8", "replace")
        self.workers = _children(self.proc.pid)
        assert len(self.workers) >= 2, self.workers

    def go(self) -> None:
        Path(str(self.marker) + ".go").touch()

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:  # hung: fail with every thread's stack, not a bare timeout
            os.kill(self.proc.pid, signal.SIGUSR1)
            time.sleep(2)
            self.proc.kill()
            _, err = self.proc.communicate(timeout=30)
            raise AssertionError(f"the batch did not end within {timeout} s:\n" + err.decode("utf-8", "replace"))
        return self.proc.returncode, err.decode("utf-8", "replace")

    def cleanup(self) -> None:
        """Whatever a failed test left running: the batch and its workers, by pid."""
        self.go()
        for pid in [self.proc.pid, *_alive(self.workers)] if self.proc.poll() is None else _alive(self.workers):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()


pytestmark_linux = pytest.mark.skipif(not LINUX, reason="reads /proc to find the worker processes")


@pytestmark_linux
@pytest.mark.parametrize("lang,says", [("id", "Jalankan ulang perintah yang sama untuk melanjutkan"),
                                       ("en", "Run the same command again to resume")])
@pytest.mark.parametrize("to_group", [False, True], ids=["to-the-batch", "to-its-process-group"])
def test_22_12_sigterm_is_treated_like_ctrl_c(tmp_path, to_group, lang, says):
    grade = PausedGrade(tmp_path, "--lang", lang)
    try:
        grade.wait_paused()
        if to_group:  # a service manager or `kill -- -PGID`: the workers get it too
            os.killpg(grade.proc.pid, signal.SIGTERM)
        else:
            os.kill(grade.proc.pid, signal.SIGTERM)
        grade.go()  # the signal is already pending in the batch
        code, err = grade.finish()
        assert code == EXIT_INTERRUPTED, err
        assert says in err and "SIGTERM" in err
        assert "Traceback" not in err and "Aborted" not in err and "internal" not in err
        assert _gone_within(grade.workers, 60) == []
        assert not list(grade.out.rglob("*.tmp"))
    finally:
        grade.cleanup()
    done = subprocess.run([*RUBRIKA, "grade", str(grade.folder), "-o", str(grade.out)], capture_output=True,
                          timeout=300)
    assert done.returncode == 0 and b"60 esai: 60 dinilai" in done.stderr  # the rerun resumes


@pytestmark_linux
def test_22_12_workers_die_with_a_killed_batch(tmp_path):
    grade = PausedGrade(tmp_path)
    try:
        grade.wait_paused()
        os.kill(grade.proc.pid, signal.SIGKILL)
        grade.proc.wait(timeout=60)
        assert _gone_within(grade.workers, 60) == []  # not left running, each holding a compiled rubric
    finally:
        grade.cleanup()


# The way workers die with the batch where the kernel has no PR_SET_PDEATHSIG (macOS, Windows),
# run here on Linux: a pool whose initializer is only that watch.
_WATCHED_POOL = """
import multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
from rubrika.batch.parallel import watch_parent
pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(sys.argv[1]), initializer=watch_parent)
futures = [pool.submit(os.getpid) for _ in range(2)]
print("ready", {f.result() for f in futures}, flush=True)
sys.stdin.read()  # until the test kills this process
"""


@pytestmark_linux
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_22_12_the_portable_watch_ends_workers_too(method):
    proc = subprocess.Popen([sys.executable, "-c", _WATCHED_POOL, method], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, start_new_session=True)
    workers: dict[int, int] = {}
    try:
        assert proc.stdout.readline().startswith(b"ready")
        workers = _children(proc.pid)
        assert len(workers) >= 2, workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert _gone_within(workers, 60) == []
    finally:
        for pid in [proc.pid, *_alive(workers)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()


# --- 13: the cache store only holds copies; a store in use is another run's ----------------------


def _class(tmp_path: Path) -> tuple[Path, Path]:
    folder = essays(tmp_path, **{"a-andi.txt": STRONG, "b-bunga.txt": WEAK, "c-citra.txt": OTHER})
    out = tmp_path / "laporan"
    result = invoke("grade", folder, "-o", out)
    assert result.exit_code == EXIT_OK, result.output
    return folder, out


def _damage(out: Path, *statements: tuple) -> None:
    with sqlite3.connect(out / CACHE / STORE) as store:
        for sql, *args in statements:
            store.execute(sql, args)
    store.close()


FOREIGN = zlib.compress(b'{"format": "lain", "rows": []}')  # a sound blob that is not an entry
DAMAGE = {  # (sql, args...) run on the store; "DELETE FROM outputs": every report is rendered again
    "entry-blob": [("UPDATE entries SET entry = x'deadbeef'",), ("DELETE FROM outputs",)],
    "entry-of-another-shape": [("UPDATE entries SET entry = ?", FOREIGN), ("DELETE FROM outputs",)],
    "hashes": [("UPDATE entries SET hashes = x'deadbe'",)],
    "outputs-blob": [("UPDATE outputs SET outputs = x'00'",)],
    "outputs-of-another-shape": [("UPDATE outputs SET outputs = ?", FOREIGN)],
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_22_13_a_damaged_cache_entry_is_checked_again(tmp_path, monkeypatch, damage):
    folder, out = _class(tmp_path)
    first = outputs(out)
    _damage(out, *DAMAGE[damage])
    checked = count_checks(monkeypatch)
    result = invoke("grade", folder, "-o", out)
    assert result.exit_code == EXIT_OK, result.output
    assert outputs(out) == first
    if damage.startswith(("entry", "hashes")):  # its record was lost: checked again
        assert len(checked) == 3
    checked_again = len(checked)
    assert invoke("grade", folder, "-o", out).exit_code == EXIT_OK
    assert len(checked) == checked_again  # the store was mended: every essay from it now
    assert outputs(out) == first


@pytest.mark.parametrize("schema", [
    "CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB)",
    "CREATE TABLE outputs (okey TEXT PRIMARY KEY, data TEXT)",
], ids=["entries", "outputs"])
def test_22_13_a_store_of_a_foreign_schema_is_replaced(tmp_path, monkeypatch, schema):
    folder = essays(tmp_path, **{"a-andi.txt": STRONG, "b-bunga.txt": WEAK})
    out = tmp_path / "laporan"
    add(out / MARKER, "Folder keluaran Rubrika\n")
    (out / CACHE).mkdir()
    with sqlite3.connect(out / CACHE / STORE) as store:
        store.execute(schema)
    store.close()
    checked = count_checks(monkeypatch)
    result = invoke("grade", folder, "-o", out)
    assert result.exit_code == EXIT_OK, result.output
    assert len(checked) == 2 and set(records(out)) == {"a-andi.txt", "b-bunga.txt"}
    assert invoke("grade", folder, "-o", out).exit_code == EXIT_OK
    assert len(checked) == 2  # cached this time


@pytest.mark.parametrize("lang,says", [
    ("id", "folder keluaran {out} sedang dipakai oleh penilaian lain"),
    ("en", "another run is using the output folder {out}"),
])
def test_22_13_a_store_in_use_is_another_run(tmp_path, monkeypatch, lang, says):
    folder, out = _class(tmp_path)
    first = outputs(out)
    (folder / "d-dedi.txt").write_bytes(WEAK.read_bytes())
    holder = sqlite3.connect(out / CACHE / STORE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a run that is writing its records holds it
    checked = count_checks(monkeypatch)
    try:
        result = invoke("grade", folder, "-o", out, "--lang", lang)
    finally:
        holder.close()
    assert result.exit_code == EXIT_WRITE, result.output
    assert says.format(out=out) in result.output
    assert "Input/output" not in result.output and "disk" not in result.output
    assert checked == [] and outputs(out) == first  # found before any essay was checked; nothing touched


@pytestmark_linux
def test_22_13_a_second_grade_into_the_same_folder_is_refused(tmp_path):
    grade = PausedGrade(tmp_path)
    try:
        grade.wait_paused()
        second = subprocess.run([*RUBRIKA, "grade", str(grade.folder), "-o", str(grade.out)], capture_output=True,
                                timeout=300)
        err = second.stderr.decode("utf-8", "replace")
        assert second.returncode == EXIT_WRITE, err
        assert f"folder keluaran {grade.out} sedang dipakai oleh penilaian lain" in err
        assert not list(grade.out.rglob("*.html"))  # the first run's outputs are its own to write
        grade.go()
        code, err = grade.finish(timeout=300)
        assert code == EXIT_OK, err
    finally:
        grade.cleanup()
    assert len(records(grade.out)) == 60


# --- 14: a stdout that cannot be written is an I/O failure (4), not a bug (3) ---------------------


def _closed_stdout() -> None:  # in the child, before exec
    os.close(1)


STDOUT_CASES = {
    "check-full": (["check", str(STRONG)], "full", EXIT_WRITE, "stdout"),
    "check-json-full": (["check", "--format", "json", str(STRONG)], "full", EXIT_WRITE, "stdout"),
    "schema-full": (["schema", "result"], "full", EXIT_WRITE, "stdout"),
    "check-closed": (["check", str(STRONG)], "closed", EXIT_WRITE, "stdout"),
    "validate-closed-en": (["rubric", "validate", "--lang", "en"], "closed", EXIT_WRITE, "stdout"),
    "grade-closed": (["grade", "{tmp}/tugas", "-o", "{tmp}/laporan"], "closed", EXIT_OK, "Laporan"),
}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("case", list(STDOUT_CASES), ids=list(STDOUT_CASES))
def test_22_14_stdout_that_cannot_be_written(tmp_path, case):
    argv, how, code, says = STDOUT_CASES[case]
    essays(tmp_path, **{"budi.txt": STRONG})
    argv = [a.format(tmp=tmp_path) for a in argv]
    with open("/dev/full", "w") as full:
        done = subprocess.run([*RUBRIKA, *argv], stdout=full if how == "full" else None, stderr=subprocess.PIPE,
                              timeout=120, preexec_fn=_closed_stdout if how == "closed" else None)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == code, err
    assert says in err
    assert "Traceback" not in err and "internal" not in err and "Exception ignored" not in err


# --- 15: a rubric that is not a regular file is refused at once -----------------------------------


def fifo_rubric(*argv: str):
    """A FIFO at rubrik.yaml that nobody writes to (reading it would wait for ever), and a good
    essay at esai.txt."""

    def build(folder: Path) -> list[str]:
        os.mkfifo(folder / "rubrik.yaml")
        (folder / "esai.txt").write_text("Perdamaian adalah keadaan tanpa perang.", encoding="utf-8")
        (folder / "asli.yaml").write_text(rubric_text(), encoding="utf-8")
        return list(argv)

    return build


def nothing_written(folder: Path, outcome) -> None:
    assert not (folder / "baru.yaml").exists()


def copied(folder: Path, outcome) -> None:
    assert (folder / "baru.yaml").read_text(encoding="utf-8").endswith(rubric_text())


FIFO = dict(seconds=60)
NOT_REGULAR = ("rubrik.yaml:1:1", "bukan berkas biasa")
CASES = [
    Case("22.15.1-validate-fifo", fifo_rubric("rubric", "validate", "rubrik.yaml"), EXIT_USAGE, says=NOT_REGULAR,
         **FIFO),
    Case("22.15.2-check-r-fifo", fifo_rubric("check", "-r", "rubrik.yaml", "esai.txt"), EXIT_USAGE, says=NOT_REGULAR,
         **FIFO),
    Case("22.15.3-init-from-fifo", fifo_rubric("rubric", "init", "baru.yaml", "--from", "rubrik.yaml"), EXIT_USAGE,
         says=NOT_REGULAR, then=nothing_written, **FIFO),
    Case("22.15.4-explain-fifo", fifo_rubric("rubric", "explain", "rubrik.yaml", "esai.txt"), EXIT_USAGE,
         says=NOT_REGULAR, **FIFO),
    Case("22.15.5-fingerprint-into-fifo", fifo_rubric("rubric", "fingerprint", "esai.txt", "--into", "rubrik.yaml"),
         EXIT_USAGE, says=NOT_REGULAR, **FIFO),
    Case("22.15.6-validate-fifo-en", fifo_rubric("rubric", "validate", "rubrik.yaml"), EXIT_USAGE,
         says=("rubrik.yaml:1:1", "not a regular file"), lang="en", **FIFO),
    Case("22.15.7-init-from-a-regular-file-still-works", fifo_rubric("rubric", "init", "baru.yaml", "--from",
                                                                     "asli.yaml"), EXIT_OK,
         then=copied),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_22_15_rubric_attack(case, tmp_path):
    check(case, tmp_path)
