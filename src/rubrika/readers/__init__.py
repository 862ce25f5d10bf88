"""Readers: essay files of each format to plain text. Each raises ReaderError with a
message key when the file cannot give text; heavy libraries load only when needed.
``essay`` reads a file of any format into an ``Essay`` and refuses what is not one.

May import ``errors``, ``messages`` and ``terminal``.
"""

from __future__ import annotations


class ReaderError(Exception):
    """A file of a known format that yields no usable text."""

    def __init__(self, code: str, key: str, **params):
        super().__init__(key)
        self.code, self.key, self.params = code, key, params
