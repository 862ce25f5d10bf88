"""Numbers as people read them: EYD V for Indonesian, plain English otherwise.

Indonesian (EYD V) writes a decimal comma and a thousands dot: ``8,3``, ``1.200``,
``1.234,5``. English writes ``8.3``, ``1,200``. Trailing zeros go: ``8,0`` is ``8``.
Only text a person reads goes through here; JSON keeps real numbers.
"""

from __future__ import annotations

__all__ = ["format_number", "format_range"]


def format_number(value: float | int, lang: str = "id", decimals: int = 1, *, fixed: bool = False) -> str:
    """``value`` rounded to ``decimals`` places, trailing zeros dropped (kept with ``fixed``,
    for a column of shares such as ``0,60``), in ``lang``'s notation."""
    text = f"{abs(value):,.{decimals}f}"  # "1,234.5" (Python's English notation)
    if "." in text and not fixed:
        text = text.rstrip("0").rstrip(".")
    if text in ("0", ""):
        return "0"
    sign = "-" if value < 0 else ""
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return sign + text


def format_range(low: float | int, high: float | int, lang: str = "id", decimals: int = 1) -> str:
    """A range with an unspaced en dash, as EYD V writes it: ``250–1.200``."""
    return f"{format_number(low, lang, decimals)}–{format_number(high, lang, decimals)}"
