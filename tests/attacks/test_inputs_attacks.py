"""Attacks through essay files: a prankster student, a careless one, a bad day (see cases.py for the rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from cases import ESSAY_ID, Case, check, docx_with_body, encrypted_pdf, fixture, text_file

UTF8_PARAGRAPH = "Kerja sama “internasional” adalah hubungan antarnegara, kata Pak André.\n\n"
CP1252_PARAGRAPH = "Perdamaian adalah keadaan “tanpa perang” — café, résumé, naïve.\n"


def reads_as(expected: str, name: str = "esai.txt") -> Callable:
    """A ``then`` check: the file reads as exactly ``expected``."""

    def then(folder: Path, outcome) -> None:
        from rubrika.essay import read_essay

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


CASES = [
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
    # 22: invisible-only text is empty; UTF-16 without a BOM is read
    Case("22.1-zero-width-only", text_file("esai.txt", ("\u200b\u200c\u200d\u2060\ufeff\u00ad" * 300).encode()), 1,
         says=("esai.txt", "berkas kosong")),
    Case("22.2-zero-width-and-spaces-docx", text_file("esai.docx", docx_with_body(
        lambda: "<w:p><w:r><w:t xml:space=\"preserve\">\u200b \u200d\u2060 \u200b</w:t></w:r></w:p>".encode(),
        paragraphs=[])), 1, says=("esai.docx", "berkas kosong")),
    Case("22.3-utf16le-without-bom", text_file("esai.txt", ESSAY_ID.encode("utf-16-le")), 0,
         says=("esai.txt", "Skor total"), then=reads_as(ESSAY_ID)),
    Case("22.4-utf16be-without-bom", text_file("esai.txt", UTF8_PARAGRAPH.encode("utf-16-be")), 0,
         then=reads_as(UTF8_PARAGRAPH)),
    # 21: AES-encrypted PDFs: an owner password only restricts, the text is read; a user password locks
    Case("21.1-aes256-owner-password-only", fixture("aes256-owner-password-only.pdf", as_name="esai.pdf"), 0,
         says=("esai.pdf", "Skor total")),
    Case("21.2-aes128-owner-password-only", fixture("aes128-owner-password-only.pdf", as_name="esai.pdf"), 0,
         says=("esai.pdf", "Skor total")),
    Case("21.3-aes256-user-password", fixture("aes256-user-password.pdf", as_name="esai.pdf"), 1,
         says=("esai.pdf", "dikunci dengan kata sandi")),
    Case("21.4-rc4-owner-password-only", text_file("esai.pdf", encrypted_pdf("", "pemilik", "RC4-128")), 0,
         says=("esai.pdf", "Skor total")),
    # already held
    Case("held.3-docx-xml-entity-bomb", text_file("esai.docx", docx_entity_bomb), (0, 1), says=("esai.docx",),
         seconds=30, memory_mb=1500),
    Case("held.4-random-bytes-are-binary", text_file("esai.txt", bytes(range(256)) * 64), 1,
         says=("esai.txt", "biner")),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_input_attack(case, tmp_path):
    check(case, tmp_path)
