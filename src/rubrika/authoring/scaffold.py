"""What ``rubric schema`` and ``rubric init`` write: the rubric file's JSON Schema, generated
from the model, and the built-in rubric as an editable copy with its comments in the user's language."""

from __future__ import annotations

import json
import re
import textwrap
from importlib import resources

from rubrika.messages import t
from rubrika.rubric.loader import BUILTIN_NAME, load_rubric_text
from rubrika.rubric.model import Rubric, localize

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


_SECTION_LINE = re.compile(r"^(\s*# -+ )(.+?)\s*$")
_CRITERION_LINE = re.compile(r"^\s*- id: *([\w-]+)\s*$")


def builtin_copy(lang: str = "id") -> str:
    """The built-in rubric as ``rubric init`` writes it, its comments in ``lang``: a header saying
    what the copy is (the rubric's own description in ``lang`` says what it is about), and each
    criterion's section line (``# ---- ...``) naming the criterion by its title in ``lang``."""
    text = builtin_text()
    rubric = load_rubric_text(text, BUILTIN_NAME)
    titles = {c.id: localize(c.title, lang) for c in rubric.criteria}
    lines = text.splitlines()
    start = 1 if lines and lines[0].startswith(SCHEMA_COMMENT) else 0
    end = start
    while end < len(lines) and lines[end].startswith("#"):
        end += 1
    body = lines[end:]
    for i, line in enumerate(body):
        match = _SECTION_LINE.match(line)
        if not match:
            continue
        following = next((b for b in body[i + 1:] if b.strip() and not b.lstrip().startswith("#")), "")
        criterion = _CRITERION_LINE.match(following)
        if criterion and criterion.group(1) in titles:
            body[i] = match.group(1) + titles[criterion.group(1)]
    about = localize(rubric.description or rubric.title, lang)
    description = textwrap.fill(about, width=96, initial_indent="# ", subsequent_indent="# ")
    return "\n".join([SCHEMA_COMMENT, t("init.header", lang, description=description), *body]) + "\n"
