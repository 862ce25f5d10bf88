"""PyYAML's (libyaml's) parser messages in Indonesian.

The parser reports in English ("mapping values are not allowed in this context"); a
teacher reading ``rubrika rubric validate`` in Indonesian gets the same message in
Indonesian. Messages are matched by their fixed wording (the table is ``yaml_parser.yaml``,
patterns in order); one that is not known there is shown as the parser wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rubrika.messages.i18n import CatalogueError, read_data

DATA = "yaml_parser.yaml"


@lru_cache(maxsize=None)
def table() -> list[tuple[re.Pattern, str]]:
    """(compiled pattern, Indonesian replacement) in the order of the data file."""
    data = read_data(DATA)
    entries = data.get("id") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and set(e) == {"pattern", "text"} and all(isinstance(v, str) for v in e.values())
            for e in entries):
        raise CatalogueError(f"{DATA}: 'id' must be a list of {{pattern, text}} entries")
    return [(re.compile(e["pattern"]), e["text"]) for e in entries]


def translate(problem: str, lang: str) -> str:
    """The parser's ``problem`` in ``lang`` (Indonesian or as written)."""
    if lang != "id":
        return problem
    for pattern, text in table():
        match = pattern.search(problem)
        if match:
            return " ".join(match.expand(text).split())
    return problem
