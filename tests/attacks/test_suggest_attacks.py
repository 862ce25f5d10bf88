"""Issue 22, ``rubric suggest``: the labels file is read with limits (15). Each case failed
before its fix (see cases.py for the row format); every run is bounded in time and memory, so a
read that blocks or never ends fails its row instead of hanging the suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cases import DEFINITION, ESSAY_ID, Case, check
from rubrika.authoring.suggest.labels import MAX_CELL, MAX_LABELS_BYTES

LABELS = "file,label\nesai/a.txt,1\nesai/b.txt,0\n"  # paths from the folder the command runs in
SUGGEST = ["rubric", "suggest", "builtin", "."]


def essays(folder: Path) -> None:
    (folder / "esai").mkdir()
    (folder / "esai" / "a.txt").write_text(ESSAY_ID, encoding="utf-8")
    (folder / "esai" / "b.txt").write_text(DEFINITION, encoding="utf-8")


def labels_file(content: str | bytes, *extra: str):
    """``rubric suggest builtin . --labels nilai.csv`` with ``content`` in nilai.csv."""

    def build(folder: Path) -> list[str]:
        essays(folder)
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / "nilai.csv").write_bytes(data)
        return [*SUGGEST, "--labels", "nilai.csv", *extra]

    return build


def labels_fifo(folder: Path) -> list[str]:
    """nilai.csv is a FIFO nobody writes to: reading it would wait for ever."""
    essays(folder)
    os.mkfifo(folder / "nilai.csv")
    return [*SUGGEST, "--labels", "nilai.csv"]


def labels_device(folder: Path) -> list[str]:
    essays(folder)
    return [*SUGGEST, "--labels", "/dev/zero"]


# --- 15: the labels file is read with limits ------------------------------------------------------

ONE_ROW_CELL = "file,label\nesai/a.txt,{cell}\nesai/b.txt,0\n"
OPEN_QUOTE = "file,label\nesai/a.txt,\"1\n" + "".join(f"esai/{i:04d}.txt,0\n" for i in range(100))
QUOTED_NEWLINE = 'file,label\nesai/a.txt,"1\n"\nesai/b.txt,nol\n'  # row 2 spans lines 2-3; row 3 is on line 4

LABEL_CASES = [
    Case("22.15.s1-labels-fifo", labels_fifo, 2, says=("nilai.csv", "bukan berkas biasa"), seconds=60),
    Case("22.15.s2-labels-dev-zero", labels_device, 2, says=("/dev/zero", "bukan berkas biasa"), seconds=60,
         memory_mb=1500),
    Case("22.15.s3-a-cell-over-the-file-cap", labels_file(ONE_ROW_CELL.format(cell="1" * (MAX_LABELS_BYTES + 1))),
         2, says=("nilai.csv", "terlalu besar"), seconds=60, memory_mb=1500),
    Case("22.15.s4-a-huge-cell", labels_file(ONE_ROW_CELL.format(cell="1" * 200_000)), 2,
         says=("nilai.csv:2:", f"lebih panjang dari {MAX_CELL} karakter"), seconds=60),
    Case("22.15.s5-a-quote-left-open", labels_file(OPEN_QUOTE), 2,
         says=("nilai.csv:2:", "tanda petik"), seconds=60),
    Case("22.15.s6-quoted-newline-keeps-line-numbers", labels_file(QUOTED_NEWLINE), 2,
         says=("nilai.csv:4:", "'nol'"), denies=("nilai.csv:3:", "Traceback"), seconds=60),
    Case("22.15.s7-nan-is-not-a-label", labels_file("file,label\nesai/a.txt,nan\nesai/b.txt,0\n"), 2,
         says=("nilai.csv:2:", "'nan'"), seconds=60),
    Case("22.15.s8-inf-is-not-a-label", labels_file("file;label\nesai/a.txt;inf\nesai/b.txt;-Infinity\n"), 2,
         says=("nilai.csv:2:", "'inf'", "nilai.csv:3:", "'-Infinity'"), seconds=60),
    Case("22.15.s9-one-essay-two-spellings", labels_file("file,label\nesai/a.txt,1\n./esai/a.txt,0\nesai/b.txt,0\n"),
         2, says=("nilai.csv:3:", "sudah dinilai di baris 2"), seconds=60),
    Case("22.15.s10-over-the-cap-en", labels_file("file,label\n" + "esai/a.txt,1\n" * (MAX_LABELS_BYTES // 13 + 1)),
         2, says=("nilai.csv", f"over {MAX_LABELS_BYTES} bytes"), lang="en", seconds=60),
]


@pytest.mark.parametrize("case", LABEL_CASES, ids=str)
def test_22_15_suggest_labels_attack(case, tmp_path):
    check(case, tmp_path)
