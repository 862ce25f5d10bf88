"""Plain-text essays: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one
(ASCII-range text is easy to recognise), and legacy encodings.

UTF-8 comes first. A few bytes that are not UTF-8 in a UTF-8 file (a stray byte, a
paragraph pasted from a Windows-1252 file) are repaired one by one as Windows-1252, the
encoding they almost always come from; the rest of the text stays UTF-8. Only when UTF-8
clearly fails (many bad bytes and next to no valid UTF-8 letters) is a legacy encoding
detected with charset-normalizer; when its guess reads as Latin letters anyway (Mac Roman,
Windows-1250, ISO 8859-x) Windows-1252 is taken if it can read the bytes, since an
Indonesian essay from an old Mac or a Central European Windows is far rarer than a
detector's wrong guess. A guess of another script (Cyrillic, CJK ...) stands. Mojibake such as ``â€™`` (UTF-8 read as Windows-1252 somewhere on
the way) is repaired with ftfy.
"""

from __future__ import annotations

import codecs
import re

from rubrika.readers import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u20ac\u201a-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]")
_ESCAPED = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
# Control characters that writing never holds. Tab, line feed, carriage return and form feed
# (a page break in old text files and PDF text layers) are writing; the others mean binary data.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_SAMPLE = 20_000  # characters looked at: binary data shows at once


def looks_binary(text: str) -> bool:
    """Binary data rather than writing: a NUL anywhere, or control characters in more than 1%
    of the first 20,000 characters (at least 3). One rule for every door (``essay.check_text``)."""
    if "\x00" in text:
        return True
    sample = text[:_BINARY_SAMPLE]
    return len(CONTROL.findall(sample)) > max(2, 0.01 * len(sample))


def _utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is zero, as in UTF-16 text of Latin letters."""
    sample = raw[:8192]
    pairs = len(sample) // 2
    if pairs < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.7 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _cp1252_byte(match: re.Match) -> str:
    return bytes(ord(c) - 0xDC00 for c in match.group()).decode("cp1252", errors="replace")


def _legacy(raw: bytes) -> tuple[str, str]:
    """A whole file in a legacy 8-bit or multi-byte encoding, as charset-normalizer reads it."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None:
        raise ReaderError("binary", "essay.binary")
    try:
        text = raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReaderError("encoding", "essay.encoding_unknown") from None
    if best.encoding != "cp1252" and _latin_only(text):
        try:  # Latin letters either way (mac_roman, cp1250, latin_1 ...): Windows-1252 is the likely one
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return text, best.encoding


def _latin_only(text: str) -> bool:
    """No letters of scripts other than Latin (a guess of Cyrillic or CJK stands)."""
    import unicodedata

    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in set(_NON_ASCII.findall(text)))


def _utf8_or_legacy(raw: bytes, encoding: str = "utf-8", bom: bool = False) -> tuple[str, str]:
    """UTF-8, its bad bytes repaired; a legacy encoding when UTF-8 clearly fails (never after a BOM)."""
    try:
        return raw.decode("utf-8"), encoding
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape")  # a bad byte b becomes U+DC00+b
    bad = sum(1 for _ in _ESCAPED.finditer(escaped))  # runs of bad bytes
    letters = sum(1 for _ in _NON_ASCII.finditer(escaped))  # valid UTF-8 beyond ASCII
    if bom or bad <= 4 or letters * 10 >= bad:  # UTF-8 with a few foreign bytes: repair those only
        return _ESCAPED.sub(_cp1252_byte, escaped), encoding
    if b"\x00" in raw:
        raise ReaderError("binary", "essay.binary")
    return _legacy(raw)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of ``raw`` and the encoding it was read with."""
    if raw.startswith(codecs.BOM_UTF8):  # Notepad's UTF-8: repaired like UTF-8 without a BOM
        text, encoding = _utf8_or_legacy(raw[len(codecs.BOM_UTF8):], "utf-8-sig", bom=True)
        return _checked(text), encoding
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReaderError("encoding", "essay.encoding_broken", encoding=encoding) from None
    wide = _utf16_without_bom(raw) if b"\x00" in raw[:8192] else None
    if wide:
        try:
            text, encoding = raw.decode(wide), wide
        except UnicodeDecodeError:
            raise ReaderError("binary", "essay.binary") from None
    else:
        text, encoding = _utf8_or_legacy(raw)
    return _checked(text), encoding


def _checked(text: str) -> str:
    """Binary data refused, mojibake repaired."""
    if looks_binary(text):
        raise ReaderError("binary", "essay.binary")
    if _MOJIBAKE.search(text):
        from ftfy import fix_encoding

        text = fix_encoding(text)
    return text
