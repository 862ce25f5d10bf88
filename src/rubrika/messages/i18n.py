"""The message catalogue and ``t()``: every text Rubrika shows a person, in Indonesian and English.

The texts are data, in YAML files beside this module, one file per audience (``student.yaml``,
``teacher.yaml``, ``author.yaml``, ``files.yaml``, ``api.yaml``); each file says whom it speaks
to, and the house-style lint applies that audience's rules to it. They are read once, on the
first lookup (so importing this module costs nothing), and their shape is checked then: a
broken file raises :class:`CatalogueError` naming the file and the key.

One brace rule everywhere: a text is a ``str.format`` template, ``{name}`` is filled in from
the parameters, and a literal brace is written ``{{`` or ``}}``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DEFAULT_LANG = "id"
LANGUAGES = ("id", "en")
AUDIENCES = ("student", "teacher", "both")
FOLDER = Path(__file__).parent
FILES = ("student.yaml", "teacher.yaml", "author.yaml", "files.yaml", "api.yaml")

# Keys the code builds from a prefix and a value, and where; every other key is written out
# whole where it is used (tests/test_messages.py checks both ways).
DYNAMIC = {
    "status.": "a concept's status (reporters, rubric test)",
    "reason.": "why a concept earned less (reporters, rubric explain)",
    "advisory.label.": "an advisory's code (reporters)",
    "references.": "a reference check (rubric outline)",
    "skip.": "why the finder skipped a file (batch.finder)",
    "zip.": "why an archive entry was not extracted (batch.ziparchive)",
    "explain.kind.": "an evidence kind (rubric explain)",
    "authoring.unit.": "where a concept's groups must meet (rubric show)",
    "authoring.weak.": "why evidence is weak (rubric explain)",
    "suggest.kind.": "how a risky match came about (rubric suggest)",
    "suggest.rule_": "how scores become labels (rubric suggest)",
    "js.": "texts of the page scripts, handed over by their name after the prefix (serve)",
    "draft.comment.group_": "a drafted concept group's name (rubric draft)",
}

_KEY = re.compile(r"[a-z]+(?:\.[a-z0-9_\-]+)+")


class CatalogueError(Exception):
    """A message data file that does not have the catalogue's shape (a bug in Rubrika's data)."""


def read_data(name: str):
    """A YAML data file of this folder, parsed with every scalar a string (a text is never read
    as a number or a date); a key written twice in one mapping is an error."""
    import yaml  # only when a text is first needed: importing rubrika.messages never pays for it

    base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise CatalogueError(f"{FOLDER / name}:{key_node.start_mark.line + 1}: "
                                             f"{key_node.value!r} is written twice")
                    seen.add(key_node.value)
            return super().construct_mapping(node, deep=deep)

    path = FOLDER / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path}: not valid YAML: {exc}") from None


def _check_file(name: str, data) -> tuple[str, dict[str, dict[str, str]]]:
    where = FOLDER / name
    if not isinstance(data, dict) or set(data) != {"audience", "messages"}:
        raise CatalogueError(f"{where}: needs exactly two top-level keys, 'audience' and 'messages'")
    if data["audience"] not in AUDIENCES:
        raise CatalogueError(f"{where}: audience {data['audience']!r} is not one of {', '.join(AUDIENCES)}")
    messages = data["messages"]
    if not isinstance(messages, dict) or not messages:
        raise CatalogueError(f"{where}: 'messages' must map keys to texts")
    for key, entry in messages.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise CatalogueError(f"{where}: key {key!r} is not a dotted lower-case name such as 'report.total'")
        if not isinstance(entry, dict) or set(entry) != set(LANGUAGES):
            raise CatalogueError(f"{where}: key {key!r} needs exactly the texts {', '.join(LANGUAGES)}")
        for lang, value in entry.items():
            if not isinstance(value, str) or not value.strip():
                raise CatalogueError(f"{where}: key {key!r}: the {lang!r} text must be a non-empty string")
    return data["audience"], messages


@lru_cache(maxsize=None)
def _file(name: str) -> tuple[str, dict[str, dict[str, str]]]:
    return _check_file(name, read_data(name))


def catalogue_files() -> dict[str, tuple[str, dict[str, dict[str, str]]]]:
    """``{file name: (audience, {key: {lang: text}})}``, each file read and checked once."""
    return {name: _file(name) for name in FILES}


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, str]]:
    """Every message: ``{key: {"id": text, "en": text}}``; a key lives in one file only."""
    merged: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for name, (_, messages) in catalogue_files().items():
        for key, entry in messages.items():
            if key in merged:
                raise CatalogueError(f"{FOLDER / name}: key {key!r} is also in {where[key]}")
            merged[key], where[key] = entry, name
    return merged


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Message ``key`` in ``lang`` (Indonesian for a language it does not have), formatted."""
    entry = _entry(key)
    return (entry.get(lang) or entry[DEFAULT_LANG]).format(**params)


def _entry(key: str) -> dict[str, str]:
    """The texts of ``key``, reading the files in order only until one has it: a check needs
    the students' file alone, and parsing all of them was 2% of a process's first 240 essays.
    (A key lives in one file only: ``catalogue()`` says so, and the tests read it.)"""
    for name in FILES:
        messages = _file(name)[1]
        if key in messages:
            return messages[key]
    raise KeyError(key)


def has(key: str) -> bool:
    """Whether the catalogue has ``key`` (for keys built from a value the catalogue may not know)."""
    return key in catalogue()


def keys(prefix: str = "") -> list[str]:
    """The catalogue's keys that start with ``prefix``, in the order of the data files."""
    return [key for key in catalogue() if key.startswith(prefix)]


class _Placeholder:
    """Formats as itself, ``{name}``, so a text can be handed on with its placeholders unfilled."""

    def __init__(self, name: str):
        self.name = name

    def __format__(self, spec: str) -> str:
        return "{" + self.name + (":" + spec if spec else "") + "}"

    def __str__(self) -> str:
        return "{" + self.name + "}"

    __repr__ = __str__


class _Unfilled(dict):
    def __missing__(self, name: str) -> _Placeholder:
        return _Placeholder(name)


def unfilled(key: str, lang: str = DEFAULT_LANG) -> str:
    """Message ``key`` with its ``{placeholders}`` left for someone else to fill (a page script);
    doubled braces become single ones, as ``t()`` makes them."""
    entry = catalogue()[key]
    return (entry.get(lang) or entry[DEFAULT_LANG]).format_map(_Unfilled())
