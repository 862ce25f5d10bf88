"""Issue 11, batch/CLI/file-system items: one row per attack, each failing before its fix.

A row builds its input in tmp_path, runs `rubrika ...` in-process, and states the exit code
and a message naming the path. Cases that need a real process (a pipe that closes, a
terminal encoding, SIGINT, a small or read-only file system) are the subprocess tests below.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))  # whether or not tests/attacks is a package
from batch_cases import (OTHER, STRONG, WEAK, Attack, add, count_checks, disk_full_at,  # noqa: E402
                         essays, interrupt_after, mode, outputs, records, refuse_paths, similar_class)
from rubrika.batch.cache import CACHE, STORE, from_blob  # noqa: E402
from rubrika.cli.main import main  # noqa: E402
from rubrika.batch.outdir import MARKER  # noqa: E402

ESC = "\x1b]0;pwned\x07\x1b[2J"  # sets the terminal's title, clears the screen
RLO = "\u202e"  # right-to-left override: "budi\u202etxt.exe" shows as "budiexe.txt"


# --- the after-checks of some rows ------------------------------------------------------------


def names_fit(tmp, result):
    for path in (tmp / "laporan").rglob("*"):
        assert len(path.name.encode("utf-8")) <= 255, path.name
    reports = sorted(p.name for p in (tmp / "laporan" / "essays").iterdir())
    assert len(reports) == 2 and all(name.endswith(".txt.html") for name in reports), reports


def non_utf8_graded(tmp, result):
    got = records(tmp / "laporan")
    assert got["bud\\xe9.txt"]["score"] is not None and got["bud\\xe9.txt"]["essay"]["student"]["name"] == "bud\\xe9"
    assert got["sub\\xff/andi.txt"]["score"] is not None
    assert "bud-xe9.txt.html" in os.listdir(tmp / "laporan" / "essays")


def kelas_a_untouched(tmp, result):
    assert not (tmp / "tugas" / "kelas-a" / MARKER).exists()
    assert not (tmp / "tugas" / "kelas-a" / "index.html").exists()


def stray_marker_graded(tmp, result):
    assert "kelas-b/budi.txt" in records(tmp / "laporan")


def old_outdir_listed(tmp, result):
    index = (tmp / "laporan" / "index.html").read_text(encoding="utf-8")
    assert "laporan-lama" in index and "folder keluaran Rubrika" in index


def teacher_files_kept(tmp, result):
    assert (tmp / "laporan" / "index.html").read_text(encoding="utf-8") == "punya guru"
    assert (tmp / "laporan" / ".rekap.tmp").exists() and not (tmp / "laporan" / MARKER).exists()


def forced_keeps_teacher_tmp(tmp, result):
    assert (tmp / "laporan" / ".rekap.tmp").read_text(encoding="utf-8") == "catatan guru"
    assert (tmp / "laporan" / "essays" / "rapor-guru.html").exists()  # not Rubrika's: never deleted
    assert (tmp / "laporan" / MARKER).exists()


def rubrika_tmp_only(tmp, result):
    assert (tmp / "laporan" / ".rekap.tmp").exists()  # the teacher's own
    assert not (tmp / "laporan" / ".index.html.k1ll3d.tmp").exists()  # a killed run's


def nothing_written_no_check(tmp, result, checked):
    assert not (tmp / "laporan" / "index.html").exists()
    assert checked == []  # found before any essay was checked


def old_outputs_intact(tmp, result):
    assert (tmp / "laporan" / "index.html").read_text(encoding="utf-8") == "lama"
    assert not list((tmp / "laporan").rglob("*.tmp"))


def folder_listed(tmp, result):
    index = (tmp / "laporan" / "index.html").read_text(encoding="utf-8")
    assert "terkunci" in index and "tidak dapat dibuka" in index
    assert "budi.txt" in records(tmp / "laporan")


def every_path_a_record(tmp, result):
    assert "ok.txt — Skor " in result.stdout  # checked
    assert "terkunci.txt: " in result.stdout and "Permission denied" in result.stdout  # a named error


def no_secret(tmp, result):
    for name, data in outputs(tmp / "laporan").items():
        assert b"RAHASIA" not in data, name
    assert set(records(tmp / "laporan")) == {"budi.txt", "salinan.txt"}  # a link inside FOLDER is followed


def hidden_listed_lock_skipped(tmp, result):
    assert set(records(tmp / "laporan")) == {"budi.txt"}
    index = (tmp / "laporan" / "index.html").read_text(encoding="utf-8")
    assert ".budi.txt" in index and "~$" not in index


def umask_modes(tmp, result):
    for path in (tmp / "laporan").rglob("*"):
        if path.is_file():
            assert mode(path) & 0o777 == 0o640, (path, oct(mode(path)))


def no_escape_reaches_terminal(tmp, result):
    printed = result.stdout + result.stderr
    assert not any(ch in printed for ch in ("\x1b", "\x07", "\x9b", RLO)), printed


# --- the table ---------------------------------------------------------------------------------


def _forced(tmp):
    essays(tmp, **{"budi.txt": STRONG})
    add(tmp / "laporan" / "index.html", "punya guru")
    add(tmp / "laporan" / ".rekap.tmp", "catatan guru")
    add(tmp / "laporan" / "essays" / "rapor-guru.html", "<p>rapor</p>")


def _rubrika_outdir_with_tmp(tmp):
    essays(tmp, **{"budi.txt": STRONG})
    add(tmp / "laporan" / MARKER, "Folder keluaran Rubrika\n")
    add(tmp / "laporan" / ".rekap.tmp", "catatan guru")
    add(tmp / "laporan" / ".index.html.k1ll3d.tmp", "setengah")


def _old_outputs(tmp):
    essays(tmp, **{"budi.txt": STRONG, "siti.txt": WEAK, "putri.txt": OTHER})
    add(tmp / "laporan" / MARKER, "Folder keluaran Rubrika\n")
    add(tmp / "laporan" / "index.html", "lama")


def _links(tmp):
    folder = essays(tmp, **{"budi.txt": STRONG})
    add(tmp / "rumah" / "rahasia.txt", "RAHASIA-123 " + WEAK.read_text(encoding="utf-8"))
    os.symlink(tmp / "rumah" / "rahasia.txt", folder / "curang.txt")
    os.symlink(folder / "budi.txt", folder / "salinan.txt")


def _readonly(monkeypatch, tmp):
    refuse_paths(monkeypatch, tmp / "laporan", errno.EROFS, create=True)
    return count_checks(monkeypatch)


CASES = [
    Attack("11.2-non-utf8-file-name",
           lambda tmp: (essays(tmp, **{"ok.txt": WEAK}), add(os.fsencode(tmp / "tugas") + b"/bud\xe9.txt"),
                        add(os.fsencode(tmp / "tugas") + b"/sub\xff/andi.txt")),
           ["grade", "{folder}", "-o", "{out}"], 0, "3 esai: 3 dinilai", after=non_utf8_graded),
    Attack("11.2-non-utf8-name-check",
           lambda tmp: add(os.fsencode(tmp / "tugas") + b"/bud\xe9.txt"),
           ["check", os.fsdecode(b"{folder}/bud\xe9.txt")], 0, "bud\\xe9.txt — Skor "),
    Attack("11.3-long-accented-name",
           lambda tmp: essays(tmp, **{"é" * 120 + ".txt": STRONG, "é" * 119 + "x.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}"], 0, "2 esai: 2 dinilai", after=names_fit),
    Attack("11.3-long-cjk-name-in-long-folder",
           lambda tmp: (add(tmp / "tugas" / ("漢" * 78) / ("字" * 78 + ".txt"), STRONG),
                        add(tmp / "tugas" / ("漢" * 78) / ("字" * 77 + "x.txt"), WEAK)),
           ["grade", "{folder}", "-o", "{out}"], 0, "2 esai: 2 dinilai", after=names_fit),
    Attack("11.5-outdir-inside-folder",
           lambda tmp: essays(tmp, **{"kelas-a/andi.txt": STRONG, "kelas-b/budi.txt": WEAK}),
           ["grade", "{folder}", "-o", "{folder}/kelas-a"], 2,
           "folder keluaran {folder}/kelas-a berada di dalam folder esai dan berisi esai ({folder}/kelas-a/andi.txt)",
           after=kelas_a_untouched),
    Attack("11.5-stray-marker-in-student-folder",
           lambda tmp: (essays(tmp, **{"kelas-a/andi.txt": STRONG, "kelas-b/budi.txt": WEAK}),
                        add(tmp / "tugas" / "kelas-b" / MARKER, "")),
           ["grade", "{folder}", "-o", "{out}"], 0, "2 esai: 2 dinilai", after=stray_marker_graded),
    Attack("11.5-old-outdir-listed",
           lambda tmp: (essays(tmp, **{"budi.txt": STRONG}), add(tmp / "tugas" / "laporan-lama" / MARKER, ""),
                        add(tmp / "tugas" / "laporan-lama" / "index.html", "lama")),
           ["grade", "{folder}", "-o", "{out}"], 0, "laporan-lama: folder keluaran Rubrika", after=old_outdir_listed),
    Attack("11.6-outdir-not-rubrika",
           lambda tmp: (essays(tmp, **{"budi.txt": STRONG}), add(tmp / "laporan" / "index.html", "punya guru"),
                        add(tmp / "laporan" / ".rekap.tmp", "catatan guru")),
           ["grade", "{folder}", "-o", "{out}"], 2,
           "folder keluaran {out} sudah berisi berkas yang bukan buatan Rubrika ({out}/.rekap.tmp)",
           after=teacher_files_kept),
    Attack("11.6-outdir-not-rubrika-en",
           lambda tmp: (essays(tmp, **{"budi.txt": STRONG}), add(tmp / "laporan" / "grades.csv", "a,b")),
           ["grade", "{folder}", "-o", "{out}", "--lang", "en"], 2,
           "output folder {out} already holds files Rubrika did not write ({out}/grades.csv)"),
    Attack("11.6-force-keeps-teacher-tmp", _forced,
           ["grade", "{folder}", "-o", "{out}", "--force"], 0, "1 esai: 1 dinilai", after=forced_keeps_teacher_tmp),
    Attack("11.6-rubrika-outdir-removes-only-its-tmp", _rubrika_outdir_with_tmp,
           ["grade", "{folder}", "-o", "{out}"], 0, "1 esai: 1 dinilai", after=rubrika_tmp_only),
    Attack("11.7-ctrl-c-grade", lambda tmp: essays(tmp, **{"a.txt": STRONG, "b.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}"], 130, "Jalankan ulang perintah yang sama untuk melanjutkan",
           patch=lambda mp, tmp: interrupt_after(mp, 1), absent=["Aborted", "internal"]),
    Attack("11.7-ctrl-c-grade-en", lambda tmp: essays(tmp, **{"a.txt": STRONG, "b.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}", "--lang", "en"], 130, "Run the same command again to resume",
           patch=lambda mp, tmp: interrupt_after(mp, 0), absent=["Aborted"]),
    Attack("11.7-ctrl-c-check", lambda tmp: essays(tmp, **{"a.txt": STRONG}),
           ["check", "{folder}/a.txt"], 130, "Dihentikan (Ctrl-C)",
           patch=lambda mp, tmp: interrupt_after(mp, 0), absent=["Aborted"]),
    Attack("11.8-read-only-outdir", lambda tmp: essays(tmp, **{"a.txt": STRONG, "b.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}"], 4, "tidak dapat menulis {out}: folder hanya dapat dibaca",
           patch=_readonly, after=nothing_written_no_check,
           absent=["internal"]),
    Attack("11.8-disk-full-mid-run", _old_outputs,
           ["grade", "{folder}", "-o", "{out}"], 4,
           "tidak dapat menulis {out}/essays/putri.txt.html: disk penuh (No space left on device)",
           patch=lambda mp, tmp: disk_full_at(mp, 2), after=old_outputs_intact, absent=["internal"]),
    Attack("11.9-unreadable-sub-folder",
           lambda tmp: essays(tmp, **{"budi.txt": STRONG, "terkunci/siti.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}"], 1, "terkunci: folder tidak dapat dibuka (Permission denied)",
           patch=lambda mp, tmp: refuse_paths(mp, tmp / "tugas" / "terkunci", errno.EACCES, scandir=True),
           after=folder_listed),
    Attack("11.9-check-ok-and-locked",
           lambda tmp: essays(tmp, **{"ok.txt": STRONG, "terkunci.txt": WEAK}),
           ["check", "{folder}/ok.txt", "{folder}/terkunci.txt"], 1, "{folder}/terkunci.txt",
           patch=lambda mp, tmp: refuse_paths(mp, tmp / "tugas" / "terkunci.txt", errno.EACCES, read=True),
           after=every_path_a_record),
    Attack("11.17-link-outside-folder", _links,
           ["grade", "{folder}", "-o", "{out}"], 0, "curang.txt: tautan simbolik", after=no_secret),
    Attack("11.hidden-listed-lock-skipped",
           lambda tmp: essays(tmp, **{"budi.txt": STRONG, ".budi.txt": WEAK, "~$budi.docx": b"\x05Budi"}),
           ["grade", "{folder}", "-o", "{out}"], 0, ".budi.txt: berkas tersembunyi",
           after=hidden_listed_lock_skipped, absent=["~$"]),
    Attack("11.23-escape-in-name-check",
           lambda tmp: essays(tmp, **{f"budi{ESC}.txt": WEAK, f"siti{RLO}txt.md": WEAK}),
           ["check", f"{{folder}}/budi{ESC}.txt", f"{{folder}}/siti{RLO}txt.md", f"{{folder}}/hilang{ESC}.txt"],
           1, "hilang\\x1b]0;pwned\\x07\\x1b[2J.txt", after=no_escape_reaches_terminal),
    Attack("11.23-escape-in-name-json",
           lambda tmp: essays(tmp, **{f"budi\x9b31m{RLO}.txt": WEAK}),
           ["check", "--format", "json", f"{{folder}}/budi\x9b31m{RLO}.txt"], 0, "budi\\u009b31m\\u202e.txt",
           after=no_escape_reaches_terminal),
    Attack("11.23-escape-in-name-grade",
           lambda tmp: essays(tmp, **{"budi.txt": WEAK, f".{ESC}x.txt": WEAK}),
           ["grade", "{folder}", "-o", "{out}"], 0, "\\x1b]0;pwned", after=no_escape_reaches_terminal),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_batch_attack(case: Attack, tmp_path: Path, monkeypatch):
    case.build(tmp_path)
    places = {"folder": str(tmp_path / "tugas"), "out": str(tmp_path / "laporan"), "tmp": str(tmp_path)}
    argv = [arg.format(**places) for arg in case.argv]
    state = case.patch(monkeypatch, tmp_path) if case.patch is not None else None
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    monkeypatch.undo()
    printed = result.stdout + result.stderr
    assert result.exit_code == case.exit, printed
    assert case.message.format(**places) in printed, printed
    for text in case.absent:
        assert text not in printed, printed
    if case.after is not None:
        case.after(tmp_path, result, *([state] if state is not None else []))


# --- attacks that take more than one run ---------------------------------------------------------


def grade(folder: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["grade", str(folder), "-o", str(out), *extra], catch_exceptions=False)


def test_11_4_rerun_with_a_similar_pair_is_byte_identical_from_the_cache(tmp_path, monkeypatch):
    folder, out = similar_class(tmp_path), tmp_path / "laporan"
    assert grade(folder, out).exit_code == 0
    first = outputs(out)
    flagged = {path for path, r in records(out).items() if any(a["code"] == "similar-essays" for a in r["advisories"])}
    assert flagged == {"a-andi.txt", "b-bunga.txt"}

    calls = count_checks(monkeypatch)
    assert grade(folder, out).exit_code == 0
    assert calls == []  # every essay came from the cache
    assert outputs(out) == first

    with sqlite3.connect(out / CACHE / STORE) as store:  # one of the pair fresh, the other cached
        keys = [key for key, blob in store.execute("SELECT key, entry FROM entries")
                if from_blob(blob).result.essay.path == "b-bunga.txt"]
        assert len(keys) == 1
        store.execute("DELETE FROM entries WHERE key = ?", keys)
    store.close()
    assert grade(folder, out).exit_code == 0
    assert calls == ["b-bunga.txt"]
    assert outputs(out) == first


def test_11_18_reports_of_renamed_essays_are_removed(tmp_path):
    folder, out = essays(tmp_path, **{"budi.txt": STRONG, "siti.txt": WEAK}), tmp_path / "laporan"
    grade(folder, out)
    add(out / "essays" / "catatan-guru.html", "<p>bukan laporan Rubrika</p>")
    (folder / "budi.txt").rename(folder / "budi-revisi.txt")
    (folder / "siti.txt").unlink()
    assert grade(folder, out).exit_code == 0
    assert sorted(os.listdir(out / "essays")) == ["budi-revisi.txt.html", "catatan-guru.html"]
    assert set(records(out)) == {"budi-revisi.txt"}


@pytest.mark.parametrize("umask,expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)],
                         ids=["umask-022", "umask-027", "umask-002"])
def test_11_19_outputs_follow_the_umask(tmp_path, umask, expected):
    folder, out = essays(tmp_path, **{"budi.txt": STRONG}), tmp_path / "laporan"
    old = os.umask(umask)
    try:
        assert grade(folder, out).exit_code == 0
    finally:
        os.umask(old)
    modes = {p.relative_to(out).as_posix(): oct(mode(p)) for p in out.rglob("*") if p.is_file()}
    assert set(modes.values()) == {oct(expected)}, modes


@pytest.mark.parametrize("rubric_mode", [0o644, 0o664, 0o600], ids=["0644", "0664", "0600"])
def test_11_19_fingerprint_into_keeps_the_rubric_mode(tmp_path, rubric_mode):
    from conftest import ROOT

    rubric = tmp_path / "rubrik.yaml"
    rubric.write_bytes((ROOT / "rubrics" / "globalisasi.yaml").read_bytes())
    rubric.chmod(rubric_mode)
    result = CliRunner().invoke(main, ["rubric", "fingerprint", str(ROOT / "tests" / "fixtures" / "sumber-artikel.txt"),
                                       "--into", str(rubric)])
    assert result.exit_code == 0, result.output
    assert "sources:" in rubric.read_text(encoding="utf-8") and mode(rubric) == rubric_mode


# --- attacks that need a real process --------------------------------------------------------------

RUBRIKA = [sys.executable, "-m", "rubrika"]


def test_11_20_check_when_stdout_cannot_encode_the_symbols(tmp_path):
    done = subprocess.run([*RUBRIKA, "check", str(STRONG)], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    stdout = done.stdout.decode("cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert "Skor 100 dari 100" in stdout and "? Multilateralisme (ada)" in stdout


def test_11_20_json_on_a_cp1252_stdout_keeps_the_data(tmp_path):
    import json

    essay = tmp_path / "漢字 — ✓.txt"
    essay.write_bytes(STRONG.read_bytes())
    done = subprocess.run([*RUBRIKA, "check", "--format", "json", str(essay)], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert json.loads(done.stdout)["essay"]["path"] == str(essay)  # escaped, not replaced by "?"


def test_11_20_check_into_a_closed_pipe_is_quiet(tmp_path):
    """`rubrika check ... | head -1`: the reader goes away; no traceback, no "internal error"."""
    proc = subprocess.Popen([*RUBRIKA, "check", str(STRONG), str(WEAK), str(OTHER)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before anything was written
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141, err.decode("utf-8", "replace")
    assert err == b""


def test_11_20_head_in_a_shell_pipeline(tmp_path):
    done = subprocess.run(["bash", "-c", 'set -o pipefail; "$@" | head -1; echo "rc=${PIPESTATUS[0]}"', "sh",
                           *RUBRIKA, "check", str(STRONG), str(WEAK), str(OTHER), str(STRONG), str(WEAK)],
                          capture_output=True, timeout=120)
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[0].endswith("Skor 100 dari 100 · Predikat A") and lines[-1] in ("rc=141", "rc=0")
    assert b"internal" not in done.stderr and b"Traceback" not in done.stderr and b"Exception" not in done.stderr


# A grade whose checks from the 20th on (two tasks of parallel.BATCH essays are done by then)
# write a marker, then wait for a "go" file: the test sends Ctrl-C at a point it controls, whatever
# the machine's speed, and lets the running checks finish after it (workers leave Ctrl-C to the
# batch, which waits for the checks under way).
_PAUSING_GRADE = """
import signal, sys, time
# Ctrl-C as a terminal delivers it: a shell that starts a job in the background (CI, `cmd &`)
# leaves SIGINT ignored, and Python then keeps it ignored; a terminal's foreground job never has.
signal.signal(signal.SIGINT, signal.default_int_handler)
from pathlib import Path
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


def test_11_7_real_ctrl_c_during_grade(tmp_path):
    folder, out = essays(tmp_path, **{f"esai-{i:02d}.txt": (STRONG, WEAK, OTHER)[i % 3] for i in range(60)}), \
        tmp_path / "laporan"
    marker = tmp_path / "checking"
    # a session of its own, so the Ctrl-C goes to the grade and its workers, as a terminal's does
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING_GRADE, str(marker), "grade", str(folder), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), proc.communicate()[1].decode("utf-8", "replace")
    os.killpg(proc.pid, signal.SIGINT)
    (tmp_path / "checking.go").touch()  # the signal is already pending in the batch
    _, err = proc.communicate(timeout=60)
    text = err.decode("utf-8")
    assert proc.returncode == 130, text
    assert "Jalankan ulang perintah yang sama untuk melanjutkan" in text
    assert "Aborted" not in text and "Traceback" not in text
    assert not list(out.rglob("*.tmp"))
    with closing(sqlite3.connect(out / CACHE / STORE)) as db:  # closed: a run holds the store alone
        kept = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert kept < 60  # stopped part way (how many finished first depends on the machine: not asserted)
    done = subprocess.run([*RUBRIKA, "grade", str(folder), "-o", str(out)], capture_output=True, timeout=300)
    assert done.returncode == 0 and b"60 esai: 60 dinilai" in done.stderr  # the rerun resumes


def _unshare_works() -> bool:
    """A user and mount namespace in which a tmpfs can be mounted (Linux, not every container)."""
    try:
        return subprocess.run(["unshare", "-rm", "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs "$d"'],
                              capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(sys.platform != "linux" or not _unshare_works(),
                    reason="needs `unshare -rm` (a user namespace) to mount a small file system")
@pytest.mark.parametrize("options,message", [("size=48k", "No space left on device"),
                                             ("ro", "Read-only file system")])
def test_11_8_real_full_disk_and_read_only_file_system(tmp_path, options, message):
    folder = essays(tmp_path, **{"budi.txt": STRONG, "siti.txt": WEAK, "putri.txt": OTHER})
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", options, str(mnt),
                           *RUBRIKA, "grade", str(folder), "-o", str(mnt / "laporan")],
                          capture_output=True, timeout=300)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 4, err
    assert message in err and str(mnt / "laporan") in err and "internal" not in err
