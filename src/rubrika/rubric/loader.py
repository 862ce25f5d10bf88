"""Load a rubric YAML file into the frozen model, reporting every problem at once.

PyYAML composes a node tree (which carries line and column marks); the tree is
turned into plain data while recording where each value and key stands. pydantic
validates the structure; ``rubrika.rubric.checks`` adds what a schema cannot say
(duplicate ids, level order, concepts with nothing to match). Each pydantic error
is mapped back to ``file:line:col`` through the recorded positions.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import types
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rubrika.errors import Problem, RubricError
from rubrika.rubric import checks
from rubrika.rubric.model import Rubric

BUILTIN_NAME = "kerja-sama-internasional.yaml"
BUILTIN_RUBRIC = "builtin:" + BUILTIN_NAME
MAX_NODES = 50_000
# libyaml's loader when PyYAML was built with it (it is, in PyYAML's wheels): 5x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_RUBRIC_BYTES = 2_000_000

Path_ = tuple[Any, ...]  # a location inside the data: keys and list indices


@dataclass
class Positions:
    """Where each value (and each mapping key) of the loaded data stands."""

    file: str
    lines: list[str]
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]

    def problem(self, path: Path_, key: str, *, at_key: bool = False, **kw: Any) -> Problem:
        line, col = self.locate(path, at_key=at_key)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return Problem(self.file, line, col, key, source_line=source, **kw)

    def locate(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        while path:
            table = self.keys if at_key else self.values
            if path in table:
                return table[path]
            if at_key and path in self.values:
                return self.values[path]
            path = path[:-1]
            at_key = False
        return self.values.get((), (1, 1))


class _Builder:
    """Turn a composed YAML node tree into data, recording positions."""

    def __init__(self, loader: Any, positions: Positions) -> None:
        self.loader = loader
        self.pos = positions
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig()
        mark = node.start_mark
        self.pos.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    key = str(key)
                if key in result:
                    kmark = key_node.start_mark
                    self.pos.keys[path + (key, "#dup")] = (kmark.line + 1, kmark.column + 1)
                    self.problems.append(
                        self.pos.problem(path + (key, "#dup"), "rubric.duplicate_key", at_key=True, args={"key": key})
                    )
                    continue
                kmark = key_node.start_mark
                self.pos.keys[path + (key,)] = (kmark.line + 1, kmark.column + 1)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


class _TooBig(Exception):
    pass


def _read_yaml(text: str, file: str) -> tuple[Any, Positions, list[Problem]]:
    positions = Positions(file, text.splitlines(), {}, {})
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, positions, [positions.problem((), "rubric.not_mapping")]
        builder = _Builder(loader, positions)
        data = builder.build(node, ())
        return data, positions, builder.problems
    except _TooBig:
        return None, positions, [positions.problem((), "rubric.too_big", args={"limit": MAX_NODES})]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and exc.context and ("flow" in exc.context or "quoted" in exc.context):
            mark = exc.context_mark  # point at the bracket or quote that was never closed
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem_text = exc.problem or str(exc)
        source = positions.lines[line - 1] if 0 < line <= len(positions.lines) else None
        return None, positions, [Problem(file, line, col, "rubric.yaml", {"problem": problem_text}, source_line=source,
                                         hint=_yaml_hint(problem_text, source or "", positions.lines[:line]))]
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no problem_mark
        return None, positions, [positions.problem((), "rubric.yaml", args={"problem": str(exc)})]
    finally:
        loader.dispose()


def _yaml_hint(problem: str, line: str, before: list[str]) -> str:
    """The likely fix of a YAML syntax error, as a message key."""
    if "\t" in line or "\t" in problem or "tab" in problem:
        return "hint.tabs"
    if "mapping values are not allowed" in problem:
        return "hint.colon"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem or "flow" in problem:
        return "hint.brackets"
    if "quoted scalar" in problem or "unexpected end of stream" in problem:
        return "hint.quotes"
    return "hint.indent"


# --- mapping pydantic errors -------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _members(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _walk(data: Any, loc: tuple[int | str, ...]) -> tuple[Path_, type[BaseModel] | None]:
    """Follow a pydantic error location through the model and the data.

    Returns the path of the data the error is about (union tags, which pydantic puts
    in the location, are dropped) and the model class of the innermost mapping.
    """
    annotation: Any = Rubric
    node: Any = data
    path: list[Any] = []
    model: type[BaseModel] | None = Rubric
    parts = list(loc)
    while parts:
        members = _members(_unwrap(annotation))
        models = [m for m in members if _is_model(m)]
        if len(models) > 1:  # a discriminated union: the next part is the tag
            tag = parts.pop(0)
            annotation = next((m for m in models if tag in typing.get_args(m.model_fields["kind"].annotation)), None)
            if annotation is None:
                break
            continue
        annotation = models[0] if models else members[0]
        part = parts.pop(0)
        if _is_model(annotation):
            model = annotation
            field = annotation.model_fields.get(part) if isinstance(part, str) else None
            path.append(part)
            if field is None or not isinstance(node, dict) or part not in node:
                break
            annotation, node = field.annotation, node[part]
        elif typing.get_origin(annotation) is list and isinstance(part, int):
            path.append(part)
            annotation = typing.get_args(annotation)[0]
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif typing.get_origin(annotation) is dict:
            path.append(part)
            break
        else:
            break
    members = [m for m in _members(_unwrap(annotation)) if _is_model(m)]
    if len(members) == 1 and isinstance(node, dict):
        model = members[0]
    return tuple(path), model


_TYPE_MESSAGES = {
    "float_parsing": "rubric.number",
    "float_type": "rubric.number",
    "int_parsing": "rubric.integer",
    "int_type": "rubric.integer",
    "int_from_float": "rubric.integer",
    "bool_parsing": "rubric.boolean",
    "bool_type": "rubric.boolean",
    "string_type": "rubric.string",
    "list_type": "rubric.list",
    "model_type": "rubric.mapping",
    "model_attributes_type": "rubric.mapping",
    "dict_type": "rubric.mapping",
    "text_type": "rubric.text_type",
    "text_empty": "rubric.empty_text",
}
_RANGE = {"greater_than": "> {gt}", "greater_than_equal": ">= {ge}", "less_than": "< {lt}", "less_than_equal": "<= {le}"}


def _describe(error: ErrorDetails, data: Any, positions: Positions) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    path, model = _walk(data, loc)
    key = str(next((p for p in reversed(path) if isinstance(p, str)), "rubric"))
    if kind == "extra_forbidden":
        parent_model = _walk(data, loc[:-1])[1]
        allowed = tuple(parent_model.model_fields) if parent_model else ()
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        return positions.problem(
            path, "rubric.unknown_key", at_key=True, args={"key": key},
            suggestion=close[0] if close else None, allowed=allowed,
        )
    if kind == "missing":
        return positions.problem(path[:-1], "rubric.missing", args={"key": key})
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        allowed = ("concepts", "references")
        tag = ctx.get("tag", "")
        close = difflib.get_close_matches(str(tag), allowed, n=1, cutoff=0.5)
        if kind == "union_tag_not_found":
            return positions.problem(path, "rubric.missing", args={"key": "kind"}, allowed=allowed)
        return positions.problem(
            path + ("kind",), "rubric.choice", args={"key": "kind", "value": tag, "allowed": ", ".join(allowed)},
            suggestion=close[0] if close else None,
        )
    if kind == "literal_error":
        allowed = tuple(a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ",").split(","))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        return positions.problem(
            path, "rubric.choice", args={"key": key, "value": value, "allowed": ", ".join(allowed)},
            suggestion=close[0] if close else None,
        )
    if kind == "text_language":
        spaced = " " in str(ctx.get("key"))  # "{id: a, b, c}": an unquoted comma split the text
        return positions.problem(path + (ctx.get("key"),), "rubric.text_language", at_key=True,
                                 args={"value": ctx.get("key")}, allowed=tuple(ctx.get("allowed", ())),
                                 hint="hint.brackets" if spaced else None)
    if kind == "string_pattern_mismatch":
        return positions.problem(path, "rubric.slug", args={"key": key, "value": value})
    if kind in _RANGE:
        bounds = {k: f"{v:g}" if isinstance(v, (int, float)) else v for k, v in ctx.items()}
        return positions.problem(path, "rubric.range",
                                 args={"key": key, "value": value, "constraint": _RANGE[kind].format(**bounds)})
    if kind == "too_short":
        if isinstance(value, str):
            return positions.problem(path, "rubric.empty_text", args={"key": key})
        return positions.problem(path, "rubric.too_short", args={"key": key, "min": ctx.get("min_length", 1)})
    if kind in _TYPE_MESSAGES:
        return positions.problem(path, _TYPE_MESSAGES[kind], args={"key": key, "value": value})
    return positions.problem(path, "rubric.invalid", args={"key": key, "detail": error.get("msg", kind)})


# --- public API --------------------------------------------------------------------


def load_rubric_text(text: str, file: str = "<rubric>") -> Rubric:
    """Parse and validate rubric YAML; raise RubricError listing every problem.

    Text over ``MAX_RUBRIC_BYTES`` (UTF-8) is refused as a file of that size would be, so
    nothing (``rubric fingerprint --into``) can write a rubric that no longer loads.
    """
    if len(text) > MAX_RUBRIC_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_RUBRIC_BYTES:
        raise RubricError([Problem(file, 1, 1, "rubric.too_large", {"limit": MAX_RUBRIC_BYTES})])
    data, positions, problems = _read_yaml(text, file)
    if (problems or not isinstance(data, dict)) and _looks_like_essay(text):
        raise RubricError([Problem(file, 1, 1, "rubric.essay")])
    if data is not None and not isinstance(data, dict):
        problems.append(positions.problem((), "rubric.not_mapping"))
    if problems or data is None:
        raise RubricError(problems)
    problems = checks.check(data, positions)
    rubric: Rubric | None = None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems.extend(_describe(e, data, positions) for e in exc.errors())
    if problems or rubric is None:
        raise RubricError(_unique(problems))
    rubric._positions = positions  # for compile-time errors
    return rubric


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w.-]+\s*:(?:\s|$)")
ESSAY_MIN_WORDS = 40  # prose of this many words, hardly a line of it "key: value", is an essay


def _looks_like_essay(text: str) -> bool:
    """Text a student wrote rather than a rubric: prose, few of its lines YAML keys. (A rubric
    that does not load because of a typo still has most of its lines as "key: value".)"""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    keys = sum(1 for line in lines if _KEY_LINE.match(line))
    return len(text.split()) >= ESSAY_MIN_WORDS and keys <= 0.2 * len(lines)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.column, p.key, str(p.args)), p)
    return list(seen.values())


class NotRegularFile(Exception):
    """A FIFO, a device or a socket where a file was expected: it is never read."""


def read_capped(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than ``limit`` (st_size is not trusted).

    Only a regular file is read (``NotRegularFile`` otherwise): a FIFO nobody writes to would
    block for ever, a device never ends. It is opened without blocking, so a FIFO is seen for
    what it is before anything waits on it. Used for every file a person names as input
    besides essays (a rubric, ``rubric suggest``'s labels).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(str(path))
        raw = fh.read(limit + 1)
    return None if len(raw) > limit else raw


def read_rubric_text(source: str | Path, keep_bom: bool = False) -> str:
    """The text of a rubric file (UTF-8; a BOM dropped unless ``keep_bom``, for an edit that keeps
    every byte), read with a byte cap; RubricError naming the file when it is missing, not a
    regular file, too large, an essay (.docx, .pdf), unreadable or not UTF-8."""
    path = Path(source)
    name = str(source)
    try:
        raw = read_capped(path, MAX_RUBRIC_BYTES)
    except FileNotFoundError:
        raise RubricError([Problem(name, 1, 1, "rubric.not_found")]) from None
    except NotRegularFile:
        raise RubricError([Problem(name, 1, 1, "rubric.not_file")]) from None
    except OSError as exc:
        raise RubricError([Problem(name, 1, 1, "rubric.read", {"reason": exc.strerror or str(exc)})]) from None
    if raw is None:  # a huge file: never read past the limit
        raise RubricError([Problem(name, 1, 1, "rubric.too_large", {"limit": MAX_RUBRIC_BYTES})])
    if raw.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):  # a .docx/.odt, a PDF, a .doc: an essay
        raise RubricError([Problem(name, 1, 1, "rubric.essay")])
    try:
        return raw.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RubricError([Problem(name, line, col, "rubric.read", {"reason": "not UTF-8"})]) from None


def load_rubric(source: str | Path | None = None) -> Rubric:
    """Load a rubric file; ``None`` or ``BUILTIN_RUBRIC`` loads the built-in one."""
    if source is None or str(source) == BUILTIN_RUBRIC:
        resource = resources.files("rubrika.rubrics") / BUILTIN_NAME
        return load_rubric_text(resource.read_text(encoding="utf-8"), f"rubrics/{BUILTIN_NAME}")
    return load_rubric_text(read_rubric_text(source), str(source))
