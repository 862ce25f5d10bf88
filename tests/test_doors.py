"""One contract for every door: the same input check, the same answer.

An essay refused by ``rubrika check`` is refused with the same code by ``POST /api/check``
and by the student page's ``POST /api/feedback``, whether it comes as a file or as text; an
essay one door checks, every door checks to the same record. The hostile files of
``tests/attacks`` go through every door in ``attacks/test_inputs_attacks.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT, door_answers, door_codes
from rubrika.readers.essay import DEFAULT_LIMITS, EssayReadError, check_text

LIMITS = DEFAULT_LIMITS
PROSE = "Perdamaian adalah keadaan tanpa perang dan kekerasan di antara bangsa-bangsa. "

# text -> the code every door gives it (None: checked)
TEXTS = {
    "nothing": ("", "empty"),
    "white space": (" \n\t \r\n", "empty"),
    "zero-width spaces": ("\u200b" * 40, "empty"),
    "invisible characters": ("\u200b\u200c\u200d\u2060\ufeff\u00ad \u3000\u2800" * 30, "empty"),
    "NUL bytes": ("\x00\x01\x02\x03" * 200, "binary"),
    "control characters in prose": (PROSE + "\x01\x02\x03\x04" * 3, "binary"),
    "a run without spaces": ("a" * (LIMITS.max_word + 1000), "not-prose"),
    "too long": ("kata " * (LIMITS.max_chars // 5 + 1), "too-large"),
    "a page break is writing": (PROSE + "\x0c" + PROSE, None),
    "a few stray controls are not binary": (PROSE * 4 + "\x0b\x1b", None),
    "prose": (PROSE * 3, None),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_text_gets_the_same_code_at_every_door(serve_api, tmp_path, name):
    text, expected = TEXTS[name]
    path = tmp_path / "esai.txt"
    path.write_text(text, encoding="utf-8", newline="")
    answers = door_answers(serve_api, path, text)
    assert set(door_codes(answers).values()) == {expected}, door_codes(answers)
    if expected is None:  # the same record, whichever door it came through
        records = [{**r, "essay": {**r["essay"], "path": None}} for _, r in answers.values() if r is not None]
        assert len(records) == 3 and all(r == records[0] for r in records)


def test_zero_width_text_is_empty_everywhere(serve_api, tmp_path):
    """The review's case: the page used to accept a text of zero-width spaces that `check` refused."""
    path = tmp_path / "esai.txt"
    path.write_text("\u200b\u200b", encoding="utf-8")
    assert set(door_codes(door_answers(serve_api, path, "\u200b\u200b")).values()) == {"empty"}
    response = serve_api.post("/api/check", json={"text": "\u200b\u200b"})
    assert response.status_code == 422 and response.json()["error"]["message"] == "Teks esai kosong."


@pytest.mark.parametrize("name", sorted(n for n in TEXTS if TEXTS[n][1]))
def test_check_text_names_the_reason(name):
    text, expected = TEXTS[name]
    with pytest.raises(EssayReadError) as info:
        check_text(text, LIMITS, "esai.txt")
    assert info.value.code == expected and info.value.path == "esai.txt" and info.value.message("id")


def test_every_reason_a_reader_gives_has_an_http_status():
    """serve answers each essay code with the status the one table of codes gives (none falls to a default)."""
    from rubrika.messages.codes import ERRORS

    status = {code: error.status for code, error in ERRORS.items()}

    codes = set()
    for path in (ROOT / "src" / "rubrika" / "readers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("EssayReadError", "ReaderError"):
                code = node.args[0 if node.func.id == "ReaderError" else 1]  # (code, ...) / (path, code, ...)
                if isinstance(code, ast.Constant):
                    codes.add(code.value)
    assert {"empty", "binary", "not-prose", "too-large", "corrupt"} <= codes
    assert codes <= set(status), codes - set(status)
    assert status["too-large"] == 413 and status["unsupported-format"] == 415 and status["empty"] == 422


def test_one_list_of_essay_files_for_a_folder_and_a_zip(tmp_path):
    """A .pages file is an essay in a folder (its record asks for a .docx) and in a .zip alike."""
    import zipfile

    from rubrika.batch.finder import find_essays
    from rubrika.batch.ziparchive import extract_essays
    from rubrika.readers.essay import ESSAY_SUFFIXES, LEGACY_SUFFIXES

    folder = tmp_path / "tugas"
    folder.mkdir()
    archive = tmp_path / "tugas.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for suffix in sorted(ESSAY_SUFFIXES | {".jpg"}):
            (folder / f"esai{suffix}").write_bytes(b"x")
            zf.writestr(f"esai{suffix}", b"x")
    found = {p.suffix for p in find_essays(folder)}
    with extract_essays(archive) as unpacked:
        extracted = {Path(p).suffix for p in unpacked.essays}
        assert {r.name for r in unpacked.refused} == {"esai.jpg"}
    assert found == extracted == set(ESSAY_SUFFIXES) and LEGACY_SUFFIXES <= extracted


def test_serve_offers_the_builtin_rubric_by_the_loaders_name():
    from importlib import resources

    from rubrika.rubric.loader import BUILTIN_NAME
    from rubrika.serve.rubrics import load_registry

    registry = load_registry(None)
    assert registry.default == "kerja-sama-internasional"
    assert (resources.files("rubrika.rubrics") / BUILTIN_NAME).is_file()
    assert len(registry.rubrics) == len([e for e in resources.files("rubrika.rubrics").iterdir()
                                         if e.name.endswith(".yaml")])  # the built-in one is not offered twice
