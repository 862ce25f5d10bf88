"""Result records as JSON Lines: one object per essay, stable key order."""

from __future__ import annotations

import json

# JSON escapes only C0 controls; these reach a terminal raw otherwise (`check --format json`):
# DEL, C1 controls (0x9b is a CSI), bidirectional overrides, and the line separators
_ESCAPE = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
                                                *range(0x2028, 0x202F), *range(0x2066, 0x206A))}


def render(record: dict, ascii: bool = False) -> str:
    """One line of JSON; control and bidi characters in strings are \\u-escaped (same data).
    ``ascii``: every non-ASCII character escaped, for an output that is not UTF-8."""
    return json.dumps(record, ensure_ascii=ascii, separators=(",", ":")).translate(_ESCAPE)
