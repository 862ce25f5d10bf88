"""Read essay files into text, refusing what is not a readable essay with a clear reason.

Formats: ``.txt``/``.md`` (any common encoding), ``.docx``, ``.odt``, ``.pdf`` (text layer).
Who wrote the essay comes from the file name, including the shapes of LMS downloads.

This module is the one contract of every door about input: ``ESSAY_SUFFIXES`` says which
files are essays (in a folder, a ``.zip``, an upload), ``check_suffix`` which of them can be
read, and ``check_text`` whether a text can be checked at all (a file's text, or text sent
to ``rubrika serve``), each refusal an ``EssayReadError`` with the code records carry.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.errors import RubrikaError
from rubrika.messages import t
from rubrika.readers import ReaderError
from rubrika.readers.plaintext import looks_binary
from rubrika.terminal import display_name

# The one list of essay files, for every door: a folder, an LMS .zip, an upload to serve.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
DOCUMENT_SUFFIXES = frozenset({".docx", ".odt", ".pdf"})
# Formats students hand in that cannot be read: they are essays all the same, and get a
# record asking for a .docx rather than being skipped (in a .zip too).
LEGACY_SUFFIXES = frozenset({".doc", ".rtf", ".pages", ".wps"})
ESSAY_SUFFIXES = TEXT_SUFFIXES | DOCUMENT_SUFFIXES | LEGACY_SUFFIXES

_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?:file|onlinetext)_?(?P<rest>.*)$")
_CLASSROOM = re.compile(r"^(?P<name>[^-]+?) - (?P<rest>.+)$")
# Characters that show nothing: white space, zero-width and joiner characters, direction
# marks, soft hyphen, variation selectors, fillers. A text of only these is empty.
_INVISIBLE = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202f"
    "\u205f-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]*"
)


@dataclass(frozen=True)
class Limits:
    """How much an essay may be; beyond it the essay is refused with a message."""

    max_bytes: int = 20_000_000  # a file; a .docx with photos can be a few MB
    max_chars: int = 200_000  # the text; a 900-word essay is ~7,000
    max_word: int = 2_000  # characters without a space; a long URL is ~300


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Essay:
    text: str
    path: str | None = None
    id: str = "esai"
    student: dict = field(default_factory=dict)  # {"name": ..., "id": ...}


@dataclass
class EssayReadError(RubrikaError):
    """An essay file that cannot be checked; ``code`` goes into the result record."""

    path: str
    code: str
    key: str
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.params)


def essay_id(path: str | Path) -> str:
    """The essay's id: its file name without the extension (valid UTF-8 even when the name is not)."""
    return display_name(Path(path).stem or Path(path).name)


def student_of(path: str | Path) -> dict:
    """The student's name (and LMS id) from a file name.

    Moodle: ``Budi Santoso_123456_assignsubmission_file_esai.docx`` (or that folder name
    with the file inside); Google Classroom: ``Budi Santoso - Tugas IPS.docx``;
    otherwise the file name without its extension.
    """
    p = Path(display_name(str(path)))
    for candidate in (p.stem, p.parent.name):
        m = _MOODLE.match(candidate)
        if m:
            return {"name": " ".join(m.group("name").split()), "id": m.group("id")}
    m = _CLASSROOM.match(p.stem)
    if m:
        return {"name": " ".join(m.group("name").split()), "id": None}
    return {"name": essay_id(p), "id": None}


def check_text(text: str, limits: Limits = DEFAULT_LIMITS, name: str = "") -> str:
    """``text`` if it can be checked as an essay; else EssayReadError with the reason's code:
    ``empty`` (white space or invisible characters only), ``binary``, ``not-prose`` (a run of
    characters without a space over ``limits.max_word``), ``too-large`` (over
    ``limits.max_chars``). Every door asks this one question, in this order: the text of a
    file (``read_essay``), and text sent to ``rubrika serve``. ``name`` names the file, if any."""
    if _INVISIBLE.fullmatch(text):
        raise EssayReadError(name, "empty", "essay.empty")
    if looks_binary(text):
        raise EssayReadError(name, "binary", "essay.binary")
    longest = max((len(w) for w in text.split()), default=0)
    if longest > limits.max_word:
        raise EssayReadError(name, "not-prose", "essay.long_word", {"chars": longest, "limit": limits.max_word})
    if len(text) > limits.max_chars:
        raise EssayReadError(name, "too-large", "essay.too_long_text", {"chars": len(text), "limit": limits.max_chars})
    return text


def check_suffix(path: str | Path, name: str | None = None) -> str:
    """The lower-case suffix of an essay file that Rubrika can read; else EssayReadError
    (``unsupported-format``: not an essay file, or a format to save again as .docx)."""
    raw = Path(path).suffix
    suffix = raw.lower()
    if suffix not in ESSAY_SUFFIXES:
        raise EssayReadError(name or str(path), "unsupported-format", "essay.format" if raw else "essay.format_none",
                             {"suffix": raw})
    if suffix in LEGACY_SUFFIXES:
        raise EssayReadError(name or str(path), "unsupported-format", "essay.legacy_format", {"suffix": suffix})
    return suffix


def read_text_of(path: Path, suffix: str, raw: bytes | None = None) -> str:
    """The text of one file by its format; ReaderError when it has none."""
    if suffix in TEXT_SUFFIXES:
        from rubrika.readers.plaintext import decode

        return decode(raw if raw is not None else path.read_bytes())[0]
    if suffix == ".docx":
        from rubrika.readers.wordprocessor import read_docx

        return read_docx(path)
    if suffix == ".odt":
        from rubrika.readers.wordprocessor import read_odt

        return read_odt(path)
    if suffix == ".pdf":
        from rubrika.readers.pdf import read_pdf

        return read_pdf(path)
    raise ReaderError("unsupported-format", "essay.format" if suffix else "essay.format_none", suffix=suffix)


def read_essay(path: str | Path, limits: Limits = DEFAULT_LIMITS, raw: bytes | None = None) -> Essay:
    """Read one essay file; EssayReadError says why it cannot be checked. Never writes."""
    name = display_name(str(path))
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise EssayReadError(name, "not-found", "essay.missing") from None
    except OSError as exc:
        raise EssayReadError(name, "unreadable", "essay.unreadable", {"reason": exc.strerror or str(exc)}) from None
    if stat.S_ISDIR(info.st_mode):  # a teacher's folder of essays: point to the command for it
        raise EssayReadError(name, "not-a-file", "essay.is_folder", {"path": name})
    if not stat.S_ISREG(info.st_mode):
        raise EssayReadError(name, "not-a-file", "essay.not_file")
    suffix = check_suffix(p, name)
    if info.st_size > limits.max_bytes:
        raise EssayReadError(name, "too-large", "essay.too_large", {"size": info.st_size, "limit": limits.max_bytes})
    try:
        if raw is None and suffix in TEXT_SUFFIXES:
            raw = p.read_bytes()
        text = read_text_of(p, suffix, raw)
    except ReaderError as exc:
        raise EssayReadError(name, exc.code, exc.key, exc.params) from None
    except OSError as exc:
        raise EssayReadError(name, "unreadable", "essay.unreadable", {"reason": exc.strerror or str(exc)}) from None
    return Essay(text=check_text(text, limits, name), path=name, id=essay_id(p), student=student_of(p))
