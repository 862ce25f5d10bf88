"""PDF essays: the text layer, read with pypdf. A scanned PDF has none, and says so."""

from __future__ import annotations

import logging
from pathlib import Path

from rubrika.readers import ReaderError


def read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - installed with rubrika
        raise ReaderError("unsupported-format", "essay.format", suffix=".pdf") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files warn on stderr otherwise
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # PasswordType.NOT_DECRYPTED is 0
            except Exception:
                opened = False
            if not opened:
                raise ReaderError("encrypted", "essay.pdf_encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReaderError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise ReaderError("corrupt", "essay.corrupt", kind="PDF") from None
    except Exception:
        raise ReaderError("corrupt", "essay.corrupt", kind="PDF") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReaderError("no-text", "essay.pdf_no_text")
    return text
