"""The command line in the user's language: help texts and Click's own messages.

Click marks its messages for gettext ("Missing argument", "Usage:", "does not exist",
...) and every Rubrika command and option has an English help text. Both go through one
catalogue, keyed by the English text as gettext is: ``catalogue("id")``, read from
``rubrika/messages/click.yaml``.

The language is chosen once at start-up, before Click parses anything (a usage error
is reported before any option has a value): ``--lang id|en`` / ``--lang=...`` anywhere
on the command line, else ``RUBRIKA_LANG``, else Indonesian. ``LocalizedGroup.main``
then sets every command's and option's help text and installs a
``gettext.NullTranslations`` subclass as the ``_``/``ngettext`` of Click's modules;
English restores Click's own functions. A test keeps every help text of the command
tree in the catalogue.
"""

from __future__ import annotations

import gettext
import importlib
import inspect
import os
import sys
from collections.abc import Sequence
from functools import lru_cache

import click

from rubrika.messages.i18n import DEFAULT_LANG, LANGUAGES, CatalogueError, read_data

ENV = "RUBRIKA_LANG"
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "_termui_impl", "shell_completion")

DATA = "click.yaml"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """English msgid -> text in ``lang``: Click's messages and Rubrika's help texts (``click.yaml``
    in ``rubrika/messages``); empty for English, which is what the code says."""
    if lang == "en":
        return {}
    data = read_data(DATA)
    table: dict[str, str] = {}
    for section in ("click", "help"):
        entries = data.get(section) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise CatalogueError(f"{DATA}: '{section}' must be a list of {{en, {lang}}} entries")
        for entry in entries:
            pair = isinstance(entry, dict) and set(entry) == {"en", lang}
            if not pair or not all(isinstance(v, str) for v in entry.values()):
                raise CatalogueError(f"{DATA}: {section}: {entry!r} must be one {{en, {lang}}} pair of texts")
            table[entry["en"]] = entry[lang]
    return table


class Catalogue(gettext.NullTranslations):
    """A gettext translation from a dict; messages it does not know stay as they are."""

    def __init__(self, messages: dict[str, str]):
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return self.messages.get(chosen, chosen)


def language_from(argv: Sequence[str], environ=os.environ) -> str:
    """The language a command line asks for: --lang, else RUBRIKA_LANG, else Indonesian."""
    lang = environ.get(ENV) or DEFAULT_LANG
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGUAGES else DEFAULT_LANG


def install_click_messages(lang: str) -> None:
    """Click's messages in ``lang``: its modules' ``_`` and ``ngettext`` point at the catalogue."""
    translations = Catalogue(catalogue(lang)) if lang != "en" else None
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a Click without that module
            continue
        if hasattr(module, "_"):
            setattr(module, "_", translations.gettext if translations else gettext.gettext)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", translations.ngettext if translations else gettext.ngettext)


def _english(thing) -> str | None:
    """The English help text of a command or parameter, kept the first time it is translated."""
    if not hasattr(thing, "_rubrika_help_en"):
        thing._rubrika_help_en = inspect.cleandoc(thing.help) if getattr(thing, "help", None) else None
    return thing._rubrika_help_en


def _commands(command: click.Command):
    todo = [command]
    while todo:
        current = todo.pop()
        yield current
        if isinstance(current, click.Group):
            todo.extend(current.commands.values())


def help_texts(command: click.Command):
    """Every command and option of the tree that has a help text: (object, English text)."""
    for current in _commands(command):
        if _english(current):
            yield current, _english(current)
        for param in current.params:
            if isinstance(param, click.Option) and _english(param):
                yield param, _english(param)


def localize_help(command: click.Command, lang: str) -> None:
    """Help texts, and the names of path types ("file 'x' does not exist"), which Click
    translates once when the type is made, in ``lang``."""
    messages = catalogue(lang)
    for thing, english in help_texts(command):
        thing.help = messages.get(english, english)
    for current in _commands(command):
        if getattr(current, "_help_option", None) is not None:
            current._help_option = None  # Click keeps the --help option it made, with its text, per command
        for param in current.params:
            kind = param.type
            if isinstance(kind, click.Path):
                name = "file" if kind.file_okay and not kind.dir_okay else \
                    "directory" if kind.dir_okay and not kind.file_okay else "path"
                kind.name = messages.get(name, name)


def use_language(command: click.Command, lang: str) -> None:
    """Help texts and Click's messages in ``lang``, for this run."""
    localize_help(command, lang)
    install_click_messages(lang)


class LocalizedGroup(click.Group):
    """The top-level group: picks the language from the command line before Click parses it."""

    def main(self, args: Sequence[str] | None = None, *rest, **kwargs):
        from rubrika.cli.common import stdout_failed
        from rubrika.terminal import StdoutError

        lang = language_from(sys.argv[1:] if args is None else args)
        use_language(self, lang)
        try:
            return super().main(args, *rest, **kwargs)
        except StdoutError as exc:  # a command without --lang (schema); the others say it themselves
            stdout_failed(exc, lang)
