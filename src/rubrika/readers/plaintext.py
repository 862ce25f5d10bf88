"""Plain-text essays: UTF-8 (with or without BOM), UTF-16/32 with a BOM, and legacy
encodings detected by charset-normalizer (never guessed as UTF-8). Mojibake such as
``â€™`` (UTF-8 read as Windows-1252 somewhere on the way) is repaired with ftfy."""

from __future__ import annotations

import codecs
import re

from rubrika.readers import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u20ac\u201a-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _has_binary_controls(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > max(2, 0.01 * len(sample))


def decode(raw: bytes) -> tuple[str, str]:
    """The text of ``raw`` and the encoding it was read with."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReaderError("encoding", "essay.encoding_broken", encoding=encoding) from None
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
        if best is None or b"\x00" in raw and not best.encoding.startswith("utf_16"):
            raise ReaderError("binary", "essay.binary") from None
        encoding = best.encoding
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ReaderError("encoding", "essay.encoding_unknown") from None
    if "\x00" in text or _has_binary_controls(text):
        raise ReaderError("binary", "essay.binary")
    if _MOJIBAKE.search(text):
        from ftfy import fix_encoding

        text = fix_encoding(text)
    return text, encoding
