"""Attacks through essay files: a prankster student, a careless one, a bad day (see cases.py for the rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from conftest import door_answers, door_codes
from cases import (ESSAY_ID, Case, check, docx_with_big_part, docx_with_body, docx_with_parts, encrypted_pdf, fixture,
                   odt_bytes, text_file)

UTF8_PARAGRAPH = "Kerja sama “internasional” adalah hubungan antarnegara, kata Pak André.\n\n"
CP1252_PARAGRAPH = "Perdamaian adalah keadaan “tanpa perang” — café, résumé, naïve.\n"


def reads_as(expected: str, name: str = "esai.txt") -> Callable:
    """A ``then`` check: the file reads as exactly ``expected``."""

    def then(folder: Path, outcome) -> None:
        from rubrika.readers.essay import read_essay

        assert read_essay(folder / name).text == expected

    return then


def billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10))
    return f"<!DOCTYPE w:document [{entities}]>".encode()


def docx_entity_bomb() -> bytes:
    make = docx_with_body(lambda: b"<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>")
    data = make()
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, rest = part.partition(b"?>")
                part = head + b"?>" + billion_laughs() + rest
            target.writestr(info.filename, part)
    return out.getvalue()


STYLED = b'<w:p><w:pPr><w:pStyle w:val="Judul"/></w:pPr><w:r><w:t>kata</w:t></w:r></w:p>'
SPAN = (b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
        b'<w:p><w:r><w:t>HAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
MERGED = (b'<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>HAM</w:t></w:r></w:p>'
          b'</w:tc></w:tr>' + b'<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>' * 5_000 + b'</w:tbl>')
BOMB = dict(seconds=60, memory_mb=1500)

CASES = [
    # 1: .docx bombs: measured from the zip's directory before parsing; reading is linear
    Case("1.1-docx-100k-empty-paragraphs", text_file("esai.docx", docx_with_body(lambda: b"<w:p/>" * 100_000)), 1,
         says=("esai.docx", "terlalu banyak paragraf"), **BOMB),
    Case("1.2-docx-100k-styled-paragraphs", text_file("esai.docx", docx_with_body(lambda: STYLED * 100_000)), 1,
         says=("esai.docx", "terlalu banyak paragraf"), **BOMB),
    Case("1.3-docx-xml-part-unpacks-to-200mb", text_file("esai.docx", docx_with_big_part("word/document.xml",
                                                                                          200_000_000)), 1,
         says=("esai.docx", "terlalu besar setelah dibuka"), **BOMB),
    Case("1.4-docx-media-unpacks-to-300mb", text_file("esai.docx", docx_with_big_part("word/media/image1.png",
                                                                                       300_000_000, b"\0")), 1,
         says=("esai.docx", "terlalu besar setelah dibuka"), **BOMB),
    Case("1.5-docx-5000-parts", text_file("esai.docx", docx_with_parts(5_000)), 1,
         says=("esai.docx", "bagian (batas 1000)"), **BOMB),
    Case("1.6-docx-table-cell-spans-a-billion-columns", text_file("esai.docx", docx_with_body(lambda: SPAN)), 0,
         says=("esai.docx", "— Skor "), **BOMB),
    Case("1.7-docx-table-5000-merged-rows", text_file("esai.docx", docx_with_body(lambda: MERGED)), 0,
         says=("esai.docx", "— Skor "), **BOMB),
    Case("1.8-docx-15000-styled-paragraphs-read-linearly", text_file(
        "esai.docx", docx_with_body(lambda: STYLED * 15_000), "--format", "json"), (0, 1), says=("esai.docx",),
         seconds=60, memory_mb=1500),
    Case("1.9-odt-100k-empty-paragraphs", text_file("esai.odt", lambda: odt_bytes(100_000)), 1,
         says=("esai.odt", "terlalu banyak paragraf"), **BOMB),
    # 16: UTF-8 first, bad bytes repaired one by one; never Mac Roman for an Indonesian essay
    Case("16.1-utf8-one-stray-byte", text_file("esai.txt", ESSAY_ID.replace("Perdamaian", "“Perdamaian”").encode()
                                               .replace(b"PBB", b"PBB\x81", 1)), 0,
         then=reads_as(ESSAY_ID.replace("Perdamaian", "“Perdamaian”").replace("PBB", "PBB\ufffd", 1))),
    Case("16.2-utf8-then-cp1252-paragraph",
         text_file("esai.txt", UTF8_PARAGRAPH.encode("utf-8") + CP1252_PARAGRAPH.encode("cp1252")), 0,
         then=reads_as(UTF8_PARAGRAPH + CP1252_PARAGRAPH)),
    Case("16.3-ascii-with-one-latin1-letter", text_file("esai.txt", (ESSAY_ID + " Oleh Andr\xe9.").encode("latin-1")),
         0, then=reads_as(ESSAY_ID + " Oleh André.")),
    Case("16.4-cp1252-file-still-detected", text_file("esai.txt", (CP1252_PARAGRAPH * 3 + ESSAY_ID).encode("cp1252")),
         0, then=reads_as(CP1252_PARAGRAPH * 3 + ESSAY_ID)),
    Case("16.5-utf8-with-bom-one-stray-byte", text_file("esai.txt", b"\xef\xbb\xbf" + UTF8_PARAGRAPH.encode()
                                                       + b"Kata \x97 terakhir."), 0,
         then=reads_as(UTF8_PARAGRAPH + "Kata \u2014 terakhir.")),
    # 22: invisible-only text is empty; UTF-16 without a BOM is read
    Case("22.1-zero-width-only", text_file("esai.txt", ("\u200b\u200c\u200d\u2060\ufeff\u00ad" * 300).encode()), 1,
         says=("esai.txt", "berkas kosong")),
    Case("22.2-zero-width-and-spaces-docx", text_file("esai.docx", docx_with_body(
        lambda: "<w:p><w:r><w:t xml:space=\"preserve\">\u200b \u200d\u2060 \u200b</w:t></w:r></w:p>".encode(),
        paragraphs=[])), 1, says=("esai.docx", "berkas kosong")),
    Case("22.3-utf16le-without-bom", text_file("esai.txt", ESSAY_ID.encode("utf-16-le")), 0,
         says=("esai.txt", "— Skor "), then=reads_as(ESSAY_ID)),
    Case("22.4-utf16be-without-bom", text_file("esai.txt", UTF8_PARAGRAPH.encode("utf-16-be")), 0,
         then=reads_as(UTF8_PARAGRAPH)),
    # 21: AES-encrypted PDFs: an owner password only restricts, the text is read; a user password locks
    Case("21.1-aes256-owner-password-only", fixture("aes256-owner-password-only.pdf", as_name="esai.pdf"), 0,
         says=("esai.pdf", "— Skor ")),
    Case("21.2-aes128-owner-password-only", fixture("aes128-owner-password-only.pdf", as_name="esai.pdf"), 0,
         says=("esai.pdf", "— Skor ")),
    Case("21.3-aes256-user-password", fixture("aes256-user-password.pdf", as_name="esai.pdf"), 1,
         says=("esai.pdf", "dikunci dengan kata sandi")),
    Case("21.4-rc4-owner-password-only", text_file("esai.pdf", encrypted_pdf("", "pemilik", "RC4-128")), 0,
         says=("esai.pdf", "— Skor ")),
    # already held
    Case("held.3-docx-xml-entity-bomb", text_file("esai.docx", docx_entity_bomb), (0, 1), says=("esai.docx",),
         seconds=60, memory_mb=1500),
    Case("held.4-random-bytes-are-binary", text_file("esai.txt", bytes(range(256)) * 64), 1,
         says=("esai.txt", "biner")),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_input_attack(case, tmp_path):
    check(case, tmp_path)


def _reader_text(path: Path) -> str | None:
    """The text the file's reader gives before the essay check, if it gives any."""
    from rubrika.readers import ReaderError
    from rubrika.readers.essay import read_text_of

    try:
        return read_text_of(path, path.suffix.lower())
    except ReaderError:
        return None


@pytest.mark.parametrize("case", CASES, ids=str)
def test_input_attack_gets_the_same_answer_at_every_door(case, tmp_path, serve_api):
    """`rubrika check`, an upload to the API and to the student page, and (when the file's
    reader gives text) that text sent as text: one code, and when checked, one record."""
    path = tmp_path / case.build(tmp_path)[1]
    answers = door_answers(serve_api, path, _reader_text(path))
    codes = door_codes(answers)
    assert len(set(codes.values())) == 1, codes
    assert (1 if codes["rubrika check"] else 0) in (case.exit if isinstance(case.exit, tuple) else (case.exit,))
    records = [{**r, "essay": {**r["essay"], "path": None}} for _, r in answers.values() if r is not None]
    assert all(r == records[0] for r in records)
