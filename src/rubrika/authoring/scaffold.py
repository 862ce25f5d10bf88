"""What ``rubric schema`` and ``rubric init`` write: the rubric file's JSON Schema, generated
from the model, and the built-in rubric as an editable copy with its comments in the user's language."""

from __future__ import annotations

import json
import re
from importlib import resources

from rubrika.messages.i18n import t
from rubrika.rubric.loader import BUILTIN_NAME
from rubrika.rubric.model import Rubric

SCHEMA_FILE = "rubric.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def schema() -> dict:
    """The JSON Schema of a rubric file, generated from the model (the one source of truth)."""
    body = Rubric.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rubrika.invalid/" + SCHEMA_FILE,
        **body,
        "title": "Rubrika rubric",
        "description": "A rubric for rubrika (rubrika rubric validate FILE checks one).",
    }


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def builtin_text() -> str:
    return (resources.files("rubrika.rubrics") / BUILTIN_NAME).read_text(encoding="utf-8")


_SECTIONS = {"definitions": "init.section.definitions", "opportunities": "init.section.opportunities",
             "obstacles": "init.section.obstacles", "IPS perspective": "init.section.ips",
             "references": "init.section.references"}
_SECTION_LINE = re.compile(r"^(\s*# -+ )(.+?)\s*$")


def builtin_copy(lang: str = "id") -> str:
    """The built-in rubric as ``rubric init`` writes it: its comments in ``lang``."""
    lines = builtin_text().splitlines()
    start = 1 if lines and lines[0].startswith(SCHEMA_COMMENT) else 0
    end = start
    while end < len(lines) and lines[end].startswith("#"):
        end += 1
    body = []
    for line in lines[end:]:
        match = _SECTION_LINE.match(line)
        if match and match.group(2) in _SECTIONS:
            line = match.group(1) + t(_SECTIONS[match.group(2)], lang)
        body.append(line)
    return "\n".join([SCHEMA_COMMENT, t("init.header", lang), *body]) + "\n"
