"""The result cache of ``rubrika grade``: records of essays already checked.

Keyed by the essay's bytes, its path, the rubric, the options and the sources, so a rerun
after an interruption, or after a few late essays were added, re-checks only the essays
whose key is new. An entry holds the record, the essay text as read and its fingerprints
for the similar-essays search, so a cached essay is never tokenised again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rubrika import __version__
from rubrika.api import Checked, Checker
from rubrika.engine.similarity import Fingerprints
from rubrika.essay import Limits
from rubrika.result import EssayResult

CACHE = ".rubrika-cache"
FORMAT = "3"  # bump when an entry's shape or meaning changes


class ResultCache:
    def __init__(self, folder: Path, checker: Checker, lang: str, limits: Limits):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        sources = hashlib.sha256(" ".join(map(str, sorted(checker.source_hashes))).encode()).hexdigest()
        self.salt = "|".join([__version__, FORMAT, checker.rubric_info.sha256, lang, repr(limits), sources])
        self.used: set[str] = set()

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode("utf-8"))
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> Checked | None:
        self.used.add(key)
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            prints = entry["prints"]
            return Checked(EssayResult.from_record(entry["record"]), entry["text"],
                           Fingerprints.from_lists(prints) if prints is not None else None)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, checked: Checked) -> None:
        # Written in place: an entry cut short by a kill is invalid JSON, which get() treats as a miss.
        entry = {"record": checked.result.to_record(), "text": checked.text,
                 "prints": checked.prints.to_lists() if checked.prints is not None else None}
        (self.folder / f"{key}.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    def prune(self) -> None:
        """Forget essays that are no longer in the folder (after a complete run)."""
        for entry in self.folder.glob("*.json"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)
