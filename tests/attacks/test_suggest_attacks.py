"""Issue 22, ``rubric suggest``: the labels file is read with limits (15), and ``-o`` never
writes over one of the command's inputs (8). Each case failed before its fix (see cases.py for
the row format); every run is bounded in time and memory, so a read that blocks or never ends
fails its row instead of hanging the suite."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pytest

from cases import DEFINITION, ESSAY_ID, Case, check
from rubrika.authoring.suggest.labels import MAX_CELL, MAX_LABELS_BYTES
from rubrika.rubric.loader import BUILTIN_NAME

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


# --- 8: -o never writes over an input ---------------------------------------------------------------


def unchanged(name: str, content: bytes):
    def then(folder: Path, outcome) -> None:
        assert (folder / name).read_bytes() == content

    return then


def builtin_rubric() -> bytes:
    return (resources.files("rubrika.rubrics") / BUILTIN_NAME).read_bytes()


def output_over(target: str, *, rubric: str = "builtin", link: bool = False):
    """``rubric suggest RUBRIC . --labels nilai.csv -o TARGET`` (or -o a link to TARGET)."""

    def build(folder: Path) -> list[str]:
        essays(folder)
        (folder / "nilai.csv").write_text(LABELS, encoding="utf-8")
        (folder / "rubrik.yaml").write_bytes(builtin_rubric())
        out = target
        if link:
            (folder / "tautan.yaml").symlink_to(target)
            out = "tautan.yaml"
        return ["rubric", "suggest", rubric, ".", "--labels", "nilai.csv", "-o", out]

    return build


def labels_in_folder(target: str):
    """Labels named relative to the essays' folder ``esai`` (file,label / a.txt,...), -o TARGET."""

    def build(folder: Path) -> list[str]:
        essays(folder)
        (folder / "nilai.csv").write_text("file,label\na.txt,1\nb.txt,0\n", encoding="utf-8")
        return ["rubric", "suggest", "builtin", "esai", "--labels", "nilai.csv", "-o", target]

    return build


OUTPUT_CASES = [
    Case("22.8.1-output-is-the-labels-file", output_over("nilai.csv"), 2, says=("-o nilai.csv", "berkas label"),
         then=unchanged("nilai.csv", LABELS.encode()), seconds=120),
    Case("22.8.2-output-is-the-rubric-spelled-otherwise", output_over("esai/../rubrik.yaml", rubric="rubrik.yaml"), 2,
         says=("-o esai/../rubrik.yaml", "rubrik yang dibaca"), then=unchanged("rubrik.yaml", builtin_rubric()),
         seconds=120),
    Case("22.8.3-output-is-a-link-to-the-labels", output_over("nilai.csv", link=True), 2,
         says=("-o tautan.yaml", "berkas label"), then=unchanged("nilai.csv", LABELS.encode()), seconds=120),
    Case("22.8.4-output-is-an-essay", labels_in_folder("esai/a.txt"), 2, says=("-o esai/a.txt", "ada di folder esai yang dibaca"),
         then=unchanged("esai/a.txt", ESSAY_ID.encode()), seconds=120),
    Case("22.8.5-output-is-the-labels-en", output_over("nilai.csv"), 2,
         says=("-o nilai.csv", "labels file the command reads"), then=unchanged("nilai.csv", LABELS.encode()),
         lang="en", seconds=120),
]


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=str)
def test_22_8_suggest_output_over_an_input(case, tmp_path):
    check(case, tmp_path)
