"""Read essay files into text, refusing what is not a readable essay with a clear reason."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.errors import RubrikaError
from rubrika.i18n import t

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MAX_BYTES = 2_000_000  # an essay of 900 words is ~7 kB; this leaves room for pasted junk


@dataclass(frozen=True)
class Essay:
    text: str
    path: str | None = None
    id: str = "esai"


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
    """The student's id for an essay file: its name without the extension."""
    return Path(path).stem or Path(path).name


def decode(raw: bytes, path: str) -> str:
    """Decode essay bytes: UTF-8 (BOM allowed) or UTF-16 with a BOM."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        raise EssayReadError(path, "binary", "essay.binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EssayReadError(path, "encoding", "essay.encoding", {"position": exc.start}) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 0.02 * min(len(text), 8192):
        raise EssayReadError(path, "binary", "essay.binary")
    return text


def read_essay(path: str | Path, max_bytes: int = MAX_BYTES) -> Essay:
    """Read one essay file; EssayReadError says why it cannot be checked."""
    name = str(path)
    p = Path(path)
    try:
        if not p.exists():
            raise EssayReadError(name, "not-found", "essay.missing")
        if not p.is_file():
            raise EssayReadError(name, "not-a-file", "essay.not_file")
        if p.suffix.lower() not in TEXT_SUFFIXES:
            raise EssayReadError(name, "unsupported-format", "essay.format", {"suffix": p.suffix or "(tanpa ekstensi)"})
        size = p.stat().st_size
        if size > max_bytes:
            raise EssayReadError(name, "too-large", "essay.too_large", {"size": size, "limit": max_bytes})
        raw = p.read_bytes()
    except OSError as exc:
        raise EssayReadError(name, "unreadable", "essay.unreadable", {"reason": exc.strerror or str(exc)}) from None
    text = decode(raw, name)
    if not text.strip():
        raise EssayReadError(name, "empty", "essay.empty")
    return Essay(text=text, path=name, id=essay_id(p))
