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


def test_22_7_a_regular_file_is_still_replaced_whole(tmp_path):
    """A regular file is written atomically, as before: a new file renamed over the old one, so
    a second name of the old file (a hard link) keeps the old content."""
    report, other_name = tmp_path / "laporan.html", tmp_path / "salinan-lama.html"
    report.write_text("lama", encoding="utf-8")
    os.link(report, other_name)
    assert invoke("check", STRONG, "-o", report).exit_code == EXIT_OK
    assert is_report(report.read_bytes()) and other_name.read_text(encoding="utf-8") == "lama"


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
