"""The folder layout shows the architecture: each package imports only what its docstring
allows (the engine never a door or a reporter), and the README's module map is the code's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "rubrika"

# What each part of rubrika may import of rubrika (besides itself and ``rubrika.__version__``).
# The package docstrings say the same in words.
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "nlp": set(),
    "result": set(),
    "atomic": set(),
    "terminal": set(),
    "errors": {"messages"},
    "rubric": {"errors", "messages", "nlp"},  # nlp: the shipped word classes rules may name
    "readers": {"errors", "messages", "terminal"},
    "engine": {"nlp", "rubric", "result", "errors", "messages"},
    "reporters": {"messages", "terminal"},
    "api": {"engine", "nlp", "rubric", "readers", "result", "errors", "messages"},
    "batch": {"api", "engine", "readers", "reporters", "messages", "result", "errors", "atomic", "terminal",
              "rubric"},  # the rubric model's type, for what a worker is sent
    "authoring": {"api", "engine", "nlp", "rubric", "readers", "reporters", "messages", "result", "errors",
                  "atomic", "terminal",
                  "batch"},  # suggest learns from a graded folder: its koreksi.csv and the texts its cache keeps
    "serve": {"api", "batch", "authoring", "readers", "reporters", "messages", "errors", "rubric", "result",
              "atomic", "terminal"},
    "cli": {"api", "batch", "authoring", "serve", "engine", "nlp", "rubric", "readers", "reporters", "messages",
            "result", "errors", "atomic", "terminal"},
    "__main__": {"cli"},
    "__init__": {"batch"},  # rubrika.grade, imported when first used (start-up of check)
}


def part_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported(path: Path) -> set[str]:
    """The rubrika parts a module imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module + "." + a.name for a in node.names] if node.module == "rubrika" else [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "rubrika" and len(parts) > 1 and parts[1] != "__version__":
                out.add(parts[1])
    return out


def test_every_module_imports_only_what_its_part_may():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        part = part_of(path)
        assert part in ALLOWED, f"{path.relative_to(SRC)}: a new part of rubrika; give it import rules here"
        for other in imported(path) - {part} - ALLOWED[part]:
            wrong.append(f"{path.relative_to(SRC)} imports rubrika.{other}")
    assert not wrong, "\n".join(wrong)


def test_the_engine_never_imports_a_door_a_reporter_or_a_template_library():
    for path in sorted((SRC / "engine").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from) (click|jinja2|starlette)\b", text, re.M), path.name
        assert not imported(path) & {"cli", "serve", "batch", "reporters", "authoring", "api"}, path.name


def test_every_package_says_what_it_may_import():
    for init in sorted(SRC.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert re.search(r"\b(may import|imports nothing|a leaf|a door)\b", doc, re.I), init.parent.name


def readme_modules() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("<!-- module-map -->"):text.index("<!-- /module-map -->")]
    return set(re.findall(r"`(rubrika/[\w/]+\.py)`", block))


def test_the_readme_module_map_is_the_code():
    code = {p.relative_to(SRC.parent).as_posix() for p in SRC.rglob("*.py")}
    listed = readme_modules()
    assert not code - listed, f"modules missing from the README's map: {sorted(code - listed)}"
    assert not listed - code, f"the README's map names modules that do not exist: {sorted(listed - code)}"
