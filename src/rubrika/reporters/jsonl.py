"""Result records as JSON Lines: one object per essay, stable key order."""

from __future__ import annotations

import json


def render(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
