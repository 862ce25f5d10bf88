"""Word-processor essays: .docx (python-docx) and .odt (odfdo).

Both are zip packages of XML; each is measured from the zip's directory before it is
parsed (``_measure_package``), so a small file that unpacks to gigabytes or holds
100,000 paragraphs is refused with a message instead of stalling a batch.

Paragraphs, list items and table cells come out in document order; paragraphs are
separated by a blank line, list items and table rows start a line of their own with
a bullet, so the layout step keeps them apart.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from rubrika.readers import ReaderError

BULLET = "• "


# A .docx is a zip of XML parts, and every XML part is parsed when it is opened: a few
# hundred KB on disk can unpack to gigabytes. The zip's directory says how big each part
# is (zipfile never unpacks more than that), so the package is measured before parsing.
# A 900-word essay's document.xml is ~100-300 KB with ~20,000 XML tags and ~50 paragraphs.
MAX_PARTS = 1_000  # files in the package
MAX_UNPACKED_BYTES = 80_000_000  # all parts together, photos included
MAX_XML_PART_BYTES = 8_000_000  # one XML part
MAX_XML_TAGS = 1_000_000  # tags in all XML parts
MAX_PARAGRAPHS = 20_000  # paragraphs in all XML parts
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_DOCX = "Word (.docx)"


def _measure_package(path: Path, kind: str) -> None:
    """Refuse a package whose parts unpack to more than an essay could need, before parsing it."""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS:
                raise ReaderError("too-large", "essay.package_parts", kind=kind, count=len(infos), limit=MAX_PARTS)
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise ReaderError("too-large", "essay.package_unpacked", kind=kind, size=unpacked,
                                  limit=MAX_UNPACKED_BYTES)
            tags = paragraphs = 0
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_XML_PART_BYTES:
                    raise ReaderError("too-large", "essay.package_part", kind=kind, part=info.filename,
                                      size=info.file_size, limit=MAX_XML_PART_BYTES)
                data = package.read(info)  # at most MAX_XML_PART_BYTES, whatever the header claims
                tags += data.count(b"<")
                paragraphs += sum(1 for _ in _PARAGRAPH_TAG.finditer(data))
                if paragraphs > MAX_PARAGRAPHS:
                    raise ReaderError("too-large", "essay.package_paragraphs", kind=kind, limit=MAX_PARAGRAPHS)
                if tags > MAX_XML_TAGS:
                    raise ReaderError("too-large", "essay.package_tags", kind=kind, limit=MAX_XML_TAGS)
    except ReaderError:
        raise
    except Exception:  # not a zip, a damaged stream (zlib.error), an encrypted or unknown compression
        raise ReaderError("corrupt", "essay.corrupt", kind=kind) from None


def read_docx(path: Path) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - installed with rubrika
        raise ReaderError("unsupported-format", "essay.format", suffix=".docx") from None
    _measure_package(path, _DOCX)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReaderError("corrupt", "essay.corrupt", kind=_DOCX) from None
    except Exception:  # lxml errors inside a damaged package
        raise ReaderError("corrupt", "essay.corrupt", kind=_DOCX) from None
    try:
        return _docx_text(document)
    except RecursionError:
        raise ReaderError("corrupt", "essay.corrupt", kind=_DOCX) from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN, _LINK, _TEXT, _BREAK = _W + "r", _W + "hyperlink", _W + "t", _W + "br"
_RUN_MARKS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _run_text(run) -> str:
    parts = []
    for e in run.iterchildren():
        if e.tag == _TEXT:
            parts.append(e.text or "")
        elif e.tag == _BREAK:
            parts.append("\n" if e.get(_W + "type", "textWrapping") == "textWrapping" else "")
        elif e.tag in _RUN_MARKS:
            parts.append(_RUN_MARKS[e.tag])
    return "".join(parts)


def _paragraph_text(paragraph) -> str:
    """What python-docx's ``Paragraph.text`` gives (runs and hyperlinks), by walking the XML once
    instead of an XPath query per paragraph and per run."""
    parts = []
    for e in paragraph.iterchildren(_RUN, _LINK):
        if e.tag == _RUN:
            parts.append(_run_text(e))
        else:
            parts.extend(_run_text(run) for run in e.iterchildren(_RUN))
    return "".join(parts)


def _docx_text(document) -> str:
    """Body paragraphs, list items and table rows in order; linear in the size of the body.

    Style names are looked up once (python-docx looks each paragraph's style up with an
    XPath query), and table cells are read from the XML, not through python-docx's
    layout grid, which repeats a cell once per spanned column (a span can claim a billion)
    and follows vertical merges upwards row by row.
    """
    w = _W
    style_names = {}
    for style in document.styles.element.iterchildren(w + "style"):
        name = style.find(w + "name")
        style_names[style.get(w + "styleId")] = (name.get(w + "val") if name is not None else "") or ""
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            text = _paragraph_text(child).strip()
            if not text:
                continue
            ppr = child.find(w + "pPr")
            style = ppr.find(w + "pStyle") if ppr is not None else None
            numbered = ppr is not None and ppr.find(w + "numPr") is not None
            is_item = numbered or style_names.get(style.get(w + "val") if style is not None else None,
                                                  "").lower().startswith("list")
            blocks.append(("\n" + BULLET + text) if is_item else "\n\n" + text)
        elif tag == "tbl":
            for row in child.iterchildren(w + "tr"):
                cells: list[str] = []
                seen: set[str] = set()
                for cell in row.iterchildren(w + "tc"):
                    tcpr = cell.find(w + "tcPr")
                    merge = tcpr.find(w + "vMerge") if tcpr is not None else None
                    if merge is not None and merge.get(w + "val", "continue") == "continue":
                        continue  # the text stands in the first row of the merged cell
                    text = " ".join("\n".join(_paragraph_text(p) for p in cell.iterchildren(w + "p")).split())
                    if text and text not in seen:  # the same text twice in a row: once
                        seen.add(text)
                        cells.append(text)
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
    _measure_package(path, "OpenDocument (.odt)")
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
