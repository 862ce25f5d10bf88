"""Word-processor essays: .docx (python-docx) and .odt (odfdo).

Paragraphs, list items and table cells come out in document order; paragraphs are
separated by a blank line, list items and table rows start a line of their own with
a bullet, so the layout step keeps them apart.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from rubrika.readers import ReaderError

BULLET = "• "


def read_docx(path: Path) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - installed with rubrika
        raise ReaderError("unsupported-format", "essay.format", suffix=".docx") from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReaderError("corrupt", "essay.corrupt", kind="Word (.docx)") from None
    except Exception:  # lxml errors inside a damaged package
        raise ReaderError("corrupt", "essay.corrupt", kind="Word (.docx)") from None
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            is_item = child.pPr is not None and child.pPr.numPr is not None or style.lower().startswith("list")
            blocks.append(("\n" + BULLET + text) if is_item else "\n\n" + text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]  # merged cells repeat
                if cells:
                    blocks.append("\n" + BULLET + " | ".join(cells))
    return "".join(blocks).strip("\n")


def _odt_blocks(element, blocks: list[str], in_list: bool = False) -> None:
    for child in element.children:
        tag = child.tag
        if tag in ("text:p", "text:h"):
            text = " ".join((child.text_recursive or "").split())
            if text:
                blocks.append(("\n" + BULLET + text) if in_list else "\n\n" + text)
        elif tag == "text:list":
            _odt_blocks(child, blocks, in_list=True)
        elif tag == "table:table-row":
            cells = [" ".join((c.text_recursive or "").split()) for c in child.children if c.tag == "table:table-cell"]
            cells = [c for c in cells if c]
            if cells:
                blocks.append("\n" + BULLET + " | ".join(cells))
        elif tag.startswith(("text:", "table:")) and tag not in ("text:tracked-changes", "text:sequence-decls"):
            _odt_blocks(child, blocks, in_list)


def read_odt(path: Path) -> str:
    try:
        from odfdo import Document
    except ImportError:  # pragma: no cover - installed with rubrika
        raise ReaderError("unsupported-format", "essay.format", suffix=".odt") from None
    try:
        document = Document(str(path))
        if document.get_type() not in ("text", "text-template"):
            raise ReaderError("corrupt", "essay.corrupt", kind="OpenDocument (.odt)")
        blocks: list[str] = []
        _odt_blocks(document.body, blocks)
    except ReaderError:
        raise
    except Exception:
        raise ReaderError("corrupt", "essay.corrupt", kind="OpenDocument (.odt)") from None
    return "".join(blocks).strip("\n")
