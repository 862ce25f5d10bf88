"""What Rubrika prints to a terminal: paths made harmless, output streams that never crash.

A file name is untrusted text: a student can name a file ``\\x1b]0;...\\x07budi.txt`` or put
a right-to-left override in it, and a name unpacked from a Windows archive need not be
UTF-8 at all. Every path printed goes through ``printable``.
"""

from __future__ import annotations

import errno
import io
import os
import sys
import unicodedata

# bidirectional controls: they reorder what the terminal shows (a "txt.exe" that reads "exe.txt")
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with control characters, bidi overrides and undecodable bytes escaped (``\\x1b``)."""
    s = str(text)
    if s.isprintable() and not any(ord(ch) in _BIDI for ch in s):
        return s
    return "".join(_escape(ch) if unicodedata.category(ch) in ("Cc", "Cs") or ord(ch) in _BIDI else ch
                   for ch in s)


def display_name(name: str) -> str:
    """A path as a record shows it: valid UTF-8 even when the file name is not.

    The bytes that are not UTF-8 are written ``\\xe9``, so two such names stay distinct.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def tolerant_streams() -> None:
    """Characters the terminal's encoding cannot show (``✓`` on cp1252) become ``?``."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def utf8_stdout() -> bool:
    """Whether stdout takes any character (else JSON is written with ASCII escapes, not ``?``)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8")


class StdoutError(OSError):
    """Writing to stdout failed: a full disk it is redirected to (``> /dev/full``), a stream
    closed before the program started (``>&-``). The user's to fix, not a bug."""


class _Stdout(io.RawIOBase):
    """The raw stream under ``sys.stdout``: a failed write raises ``StdoutError`` (a reader
    that went away stays ``BrokenPipeError``); ``raw`` None stands for a closed stdout."""

    def __init__(self, raw: io.RawIOBase | None):
        super().__init__()
        self.raw, self.silenced = raw, False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self.raw is None:
            raise io.UnsupportedOperation("stdout is closed")
        return self.raw.fileno()

    def isatty(self) -> bool:
        return self.raw is not None and self.raw.isatty()

    def write(self, data) -> int | None:
        if self.silenced:
            return len(data)
        try:
            if self.raw is None:
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            return self.raw.write(data)
        except (BrokenPipeError, BlockingIOError):
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None


def guard_stdout() -> None:
    """Make a failed write to the real stdout a ``StdoutError``, and give a program started
    with stdout closed a stdout whose writes fail so (Python leaves ``sys.stdout`` None,
    and the output would vanish without a word). Another stream in its place (a test
    runner's) is left alone."""
    stdout = sys.stdout
    if stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_Stdout(None)), encoding="utf-8", errors="replace")
        return
    if stdout is not sys.__stdout__ or not isinstance(stdout, io.TextIOWrapper):
        return
    raw = _raw(stdout)
    if raw is None or isinstance(raw, _Stdout):
        return
    stdout.flush()
    unbuffered = stdout.buffer is raw  # python -u, PYTHONUNBUFFERED
    binary = io.BufferedWriter(_Stdout(raw), buffer_size=1 if unbuffered else io.DEFAULT_BUFFER_SIZE)
    sys.stdout = io.TextIOWrapper(binary, encoding=stdout.encoding, errors=stdout.errors,
                                  line_buffering=stdout.line_buffering, write_through=stdout.write_through)


def _raw(stream) -> io.RawIOBase | None:
    """The raw stream under a text stream (its buffer's, or its buffer itself when Python runs
    unbuffered, ``-u``)."""
    binary = getattr(stream, "buffer", None)
    raw = getattr(binary, "raw", binary)
    return raw if isinstance(raw, io.RawIOBase) else None


def silence_stdout() -> None:
    """After the reader of a pipe went away (``| head``) or stdout failed: drop whatever is
    still buffered."""
    raw = _raw(sys.stdout)
    if isinstance(raw, _Stdout):
        raw.silenced = True
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation: a test runner's stream
        pass
