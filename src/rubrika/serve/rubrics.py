"""The rubrics a server offers: the built-in ones plus every valid rubric in ``--rubrics DIR``.

Each rubric is compiled once into a ``rubrika.api.Checker`` at start. A rubric file that
does not load is not served: students are told only that it is unavailable; the teacher's
page and the server log give its ``file:line:col`` problems. A symbolic link in DIR to a
file outside DIR is not read at all, so no line of another file is ever quoted. The default is
the one ``--default`` names (an id or a file name), else the teacher's own (the first valid file
of ``--rubrics DIR``), else the built-in rubric. Pages name a rubric by its title and version;
two that read the same are told apart by their file ("bawaan" for a built-in one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rubrika.api import Checker
from rubrika.errors import RubricError
from rubrika.messages import t
from rubrika.rubric.loader import BUILTIN_NAME


@dataclass
class Offered:
    id: str
    checker: Checker
    origin: str  # "builtin" or the file name
    path: Path | None = None  # the rubric file (its text is what "Pelajari dari koreksi" edits)


@dataclass
class Invalid:
    file: str
    problems: list  # rubrika.errors.Problem
    reason: str | None = None  # a catalogue key (rubrika.messages), when the file was not even read

    def reasons(self, lang: str) -> list[str]:
        """Why the rubric is not served, one line each: for the teacher and the server log only."""
        if self.reason is not None:
            return [f"{self.file}: {t(self.reason, lang)}"]
        return [p.format(lang).splitlines()[0] for p in self.problems]

    def view(self, lang: str, reasons: bool = False) -> dict:
        if reasons:
            return {"file": self.file, "errors": self.reasons(lang)}
        return {"file": self.file, "unavailable": t("page.invalid.unavailable", lang)}


@dataclass
class Registry:
    rubrics: dict[str, Offered] = field(default_factory=dict)
    invalid: list[Invalid] = field(default_factory=list)
    default: str = ""

    def get(self, rubric_id: str | None) -> Offered | None:
        return self.rubrics.get(rubric_id or self.default)

    def add(self, checker: Checker, origin: str, path: Path | None = None) -> None:
        rid = checker.rubric.id
        if rid in self.rubrics:  # two files with one id: keep the first, name the second
            stem = Path(origin).stem
            rid = f"{rid}--{stem}" if f"{rid}--{stem}" not in self.rubrics else f"{rid}--{len(self.rubrics)}"
        self.rubrics[rid] = Offered(rid, checker, origin, path)

    def listing(self, lang: str, reasons: bool = False) -> dict:
        """What a page or ``GET /api/rubrics`` shows; ``reasons`` (the teacher's page) adds why
        each invalid rubric is not served."""
        described = [describe(o, lang) for o in self.rubrics.values()]
        shown = [(d["title"], d["version"]) for d in described]
        for d in described:  # what a page shows: the title and version, the file only where two read the same
            origin = t("page.rubric_builtin", lang) if d["origin"] == "builtin" else d["origin"]
            key = "page.rubric_option_origin" if shown.count((d["title"], d["version"])) > 1 else "page.rubric_option"
            d["label"] = t(key, lang, title=d["title"], version=d["version"], origin=origin)
        return {
            "default": self.default,
            "rubrics": described,
            "invalid": [i.view(lang, reasons) for i in self.invalid],
        }


class UnknownDefault(ValueError):
    """``--default`` names no rubric the server offers."""

    def __init__(self, name: str, known: list[str]):
        super().__init__(name)
        self.name, self.known = name, known


def describe(offered: Offered, lang: str) -> dict:
    outline = offered.checker.outline(lang)
    return {
        "id": offered.id,
        "title": outline["title"],
        "version": outline["version"],
        "origin": offered.origin,
        "sha256": outline["sha256"],
        "criteria": [{"id": c["id"], "title": c["title"], "weight": c["weight"]} for c in outline["criteria"]],
        "grades": outline["grades"],
    }


def load_registry(rubrics_dir: Path | None, default: str | None = None) -> Registry:
    """The rubrics to offer; ``default``: the id or file name of the one the pages select first."""
    registry = Registry()
    registry.add(Checker(None), "builtin", Path(str(resources.files("rubrika.rubrics") / BUILTIN_NAME)))
    registry.default = next(iter(registry.rubrics))
    builtin_dir = resources.files("rubrika.rubrics")
    for entry in sorted(builtin_dir.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != BUILTIN_NAME:
            try:
                registry.add(Checker(Path(str(entry))), "builtin", Path(str(entry)))
            except RubricError as exc:  # a broken built-in is a bug, but never stops the server
                registry.invalid.append(Invalid(f"builtin:{entry.name}", exc.problems))
    if rubrics_dir is not None:
        top = Path(rubrics_dir).resolve()
        for path in sorted(Path(rubrics_dir).iterdir()):
            if path.suffix.lower() not in (".yaml", ".yml") or path.name.startswith(".") or not path.is_file():
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                registry.invalid.append(Invalid(path.name, [], reason="page.invalid.link"))
                continue
            try:
                registry.add(Checker(path), path.name, path)
            except RubricError as exc:
                registry.invalid.append(Invalid(path.name, exc.problems))
            except (OSError, ValueError) as exc:
                from rubrika.errors import Problem

                registry.invalid.append(Invalid(path.name, [Problem(path.name, 1, 1, "rubric.read",
                                                                    {"reason": str(exc)})]))
    own = [rid for rid, offered in registry.rubrics.items() if offered.origin != "builtin"]
    if default:
        named = [rid for rid, offered in registry.rubrics.items() if default in (rid, offered.origin)]
        if not named:
            raise UnknownDefault(default, list(registry.rubrics))
        registry.default = named[0]
    elif own:  # a teacher who brings a rubric means to use it
        registry.default = own[0]
    return registry
