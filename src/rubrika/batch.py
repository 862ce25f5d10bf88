"""Grade a folder of essays: a report per essay, a class overview, a gradebook, records.

Results are streamed: each essay is read, checked, and its report written before the
next one is read; the overview keeps only a small summary per essay. Every file is
written atomically (a temporary file in the same folder, then a rename), so an
interrupted run never leaves a half-written report in place of a good one, and the
outputs of the last complete run stay until the new ones are whole. Each finished
essay's record is cached under OUTDIR/.rubrika-cache, so a rerun only checks essays
that are new or changed.
"""

from __future__ import annotations

import csv
import hashlib
from array import array
from bisect import bisect_left
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rubrika import __version__
from rubrika.api import Checker, own_words_excluded
from rubrika.engine import fingerprint
from rubrika.essay import DEFAULT_LIMITS, ESSAY_SUFFIXES, TEXT_SUFFIXES, Essay, EssayReadError, Limits, read_essay
from rubrika.i18n import t
from rubrika.reporters import csvfile, html, jsonl
from rubrika.rubric.model import localize

MARKER = ".rubrika-output"
CACHE = ".rubrika-cache"
MARKER_TEXT = "Folder keluaran Rubrika: `rubrika grade` tidak membaca esai dari folder ini.\n"
_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME = 120


class OutputDirError(ValueError):
    """OUTDIR would overwrite or swallow the essays themselves."""


@dataclass
class GradeSummary:
    count: int
    failed: int
    average: float | None
    outdir: Path

    @property
    def index(self) -> Path:
        return self.outdir / "index.html"


def find_essays(folder: Path, outdir: Path | None = None) -> list[Path]:
    """Essay files under ``folder``, sorted; hidden files and Rubrika output folders are skipped.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk.
    """
    found: list[Path] = []
    out = _real(outdir) if outdir is not None else None
    for root, dirs, files in os.walk(folder, followlinks=False):
        root_path = Path(root)
        if (root_path / MARKER).exists() or (out is not None and _real(root_path) == out):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ESSAY_SUFFIXES:
                found.append(root_path / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def report_names(relative_paths: list[str]) -> dict[str, str]:
    """A stable, unique, safe file name for each essay's report.

    The name keeps the essay's relative path and extension (``kelas-a__budi.txt.html``), so
    ``budi.txt`` and ``budi.md`` differ; anything but letters, digits, ``.``, ``-``
    and ``_`` becomes ``-``; names equal but for case get a short hash of their path.
    """
    names: dict[str, str] = {}
    used: set[str] = set()
    for rel in sorted(relative_paths):
        base = unicodedata.normalize("NFC", rel).replace("/", "__")
        base = _UNSAFE.sub("-", base).strip(".-") or "esai"
        base = base[:MAX_NAME]
        name = base + ".html"
        if name.casefold() in used:
            name = f"{base}-{hashlib.sha1(rel.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}.html"
        used.add(name.casefold())
        names[rel] = name
    return names


@contextmanager
def atomic_file(path: Path, mode: str = "w"):
    """Write ``path`` through a temporary file in the same folder, renamed into place at the end."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_file(path) as fh:
        fh.write(text)


def _real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve, never raises on a link loop."""
    return Path(os.path.realpath(path))


def check_outdir(folder: Path, outdir: Path) -> None:
    folder_r, out_r = _real(folder), _real(outdir)
    if out_r == folder_r or out_r in folder_r.parents:
        raise OutputDirError(str(outdir))


class ResultCache:
    """Records of essays already graded, keyed by the essay's bytes, path, rubric and options.

    A rerun after an interruption, or after a few late essays were added, re-checks only
    the essays whose key is new. Entries are written atomically as each essay finishes.
    """

    def __init__(self, folder: Path, checker: Checker, lang: str, limits: Limits):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        sources = hashlib.sha256(" ".join(map(str, sorted(checker.source_hashes))).encode()).hexdigest()
        self.salt = "|".join([__version__, checker.rubric_info["sha256"], lang, repr(limits), sources])
        self.used: set[str] = set()

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode("utf-8"))
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> dict | None:
        self.used.add(key)
        try:
            return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, record: dict, text: str | None) -> None:
        # Written in place: an entry cut short by a kill is invalid JSON, which get() treats as a miss.
        (self.folder / f"{key}.json").write_text(json.dumps({"record": record, "text": text}, ensure_ascii=False),
                                                 encoding="utf-8")

    def prune(self) -> None:
        """Forget essays that are no longer in the folder (after a complete run)."""
        for entry in self.folder.glob("*.json"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)


def _grade_one(path: Path, rel: str, checker: Checker, lang: str, limits: Limits,
               cache: ResultCache, words: list) -> tuple[str | None, dict, str | None]:
    """(cache key, record, essay text) of one essay, checked or taken from the cache; a fresh
    check also fills ``words`` with the body's words."""
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size <= limits.max_bytes else b""
    except OSError:
        raw = b""
    key = cache.key(rel, raw) if raw else None
    if key is not None:
        hit = cache.get(key)
        if hit is not None:
            return key, hit["record"], hit["text"]
    try:
        essay = read_essay(path, limits, raw=raw if raw and path.suffix.lower() in TEXT_SUFFIXES else None)
        essay = Essay(text=essay.text, path=rel, id=essay.id, student=essay.student)
        record, text = checker.check_essay(essay, lang, words), essay.text
    except EssayReadError as exc:
        exc.path = rel
        record, text = checker.error_record(exc, lang), None
    if key is not None:
        cache.put(key, record, text)
    return key, record, text


class _Prints:
    """One essay's winnowed fingerprints in three compact arrays (hash-sorted)."""

    __slots__ = ("hashes", "starts", "ends")

    def __init__(self, prints: dict[int, tuple[int, int]]):
        order = sorted(prints)
        self.hashes = array("I", order)
        self.starts = array("I", (prints[h][0] for h in order))
        self.ends = array("I", (prints[h][1] for h in order))

    def __iter__(self):
        return iter(self.hashes)

    def __len__(self) -> int:
        return len(self.hashes)

    def spans(self, shared) -> list[tuple[int, int]]:
        out = []
        for h in shared:
            i = bisect_left(self.hashes, h)
            if i < len(self.hashes) and self.hashes[i] == h:
                out.append((self.starts[i], self.ends[i]))
        return out


def _similarity_advisory(prints: _Prints, partners: list[tuple[int, tuple[int, ...]]], rels: list[str],
                         text: str, lang: str) -> dict:
    """The similar-essays advisory of one essay, naming its partners and the shared passages."""
    spans = fingerprint.merge([span for _, shared in partners for span in prints.spans(shared)])
    others = [rels[o] for o, _ in partners]
    return {"code": "similar-essays", "severity": "warning",
            "message": t("advisory.similar", lang, shared=len(spans), others=", ".join(others)),
            "others": others, "spans": [{"start": a, "end": b, "text": text[a:b]} for a, b in spans]}


def grade_folder(folder: Path, outdir: Path, checker: Checker, lang: str = "id",
                 progress: Callable[[Path], None] | None = None, limits: Limits = DEFAULT_LIMITS,
                 essays: list[Path] | None = None) -> GradeSummary:
    """Grade every essay under ``folder`` into ``outdir``; see the module docstring.

    First pass: check every essay (or take it from the cache) and fingerprint it. Second
    pass, once pairs of similar essays are known: write every output.
    """
    folder, outdir = Path(folder), Path(outdir)
    check_outdir(folder, outdir)
    if essays is None:  # the caller may have listed them already (for a progress bar)
        essays = find_essays(folder, outdir)
    (outdir / "essays").mkdir(parents=True, exist_ok=True)
    marker = outdir / MARKER
    if not marker.exists():
        write_text(marker, MARKER_TEXT)
    cache = ResultCache(outdir / CACHE, checker, lang, limits)
    for stale in [*outdir.glob(".*.tmp"), *(outdir / "essays").glob(".*.tmp"), *(outdir / CACHE).glob(".*.tmp")]:
        stale.unlink(missing_ok=True)  # left by a run that was killed
    rels = [p.relative_to(folder).as_posix() for p in essays]
    names = report_names(rels)
    rubric = checker.rubric
    criteria_ids = [c.id for c in rubric.criteria]
    grade_labels = {b.grade: localize(b.label, lang) for b in rubric.grades if b.label}
    inputs = {_real(p) for p in essays}

    # pass 1: check; keep only cache keys (or the small error records) and fingerprint hashes
    kept: list[tuple[str | None, dict | None]] = []
    prints: list[_Prints] = []
    for path, rel in zip(essays, rels):
        words: list = []
        key, record, text = _grade_one(path, rel, checker, lang, limits, cache, words)
        kept.append((key, None if key is not None else record))
        if text and not words:  # taken from the cache: tokenise again
            words = fingerprint.words_with_spans(text)
        prints.append(_Prints(fingerprint.winnow(words, own_words_excluded(record, text)) if text else {}))
        if progress is not None:
            progress(path)
    partners: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for pair in fingerprint.similar_pairs(prints):
        partners.setdefault(pair.a, []).append((pair.b, pair.shared))
        partners.setdefault(pair.b, []).append((pair.a, pair.shared))

    # pass 2: write every output
    rows: list[dict] = []
    scores: list[float] = []
    pairs_view: list[dict] = []
    with atomic_file(outdir / "results.jsonl") as results, atomic_file(outdir / "grades.csv") as grades:
        gradebook = csv.writer(grades, lineterminator="\r\n")
        grades.write("\ufeff")
        gradebook.writerow(csvfile.header(criteria_ids))
        for i, (rel, (key, record)) in enumerate(zip(rels, kept)):
            text = None
            if key is not None:
                entry = cache.get(key)
                record, text = entry["record"], entry["text"]
            if i in partners and record["error"] is None:
                advisory = _similarity_advisory(prints[i], partners[i], rels, text, lang)
                record["advisories"] = record["advisories"] + [advisory]
                pairs_view += [{"a": rel, "b": other, "href_a": "essays/" + html.href(names[rel]),
                                "href_b": "essays/" + html.href(names[other]),
                                "passage": " ".join(advisory["spans"][0]["text"].split())[:240]}
                               for other in advisory["others"] if rel < other]
            report = outdir / "essays" / names[rel]
            if _real(report) in inputs:  # never overwrite an essay with its report
                raise OutputDirError(str(outdir))
            write_text(report, html.render_essay(record, text, lang, back_link="../index.html",
                                                 grade_labels=grade_labels))
            results.write(jsonl.render(record) + "\n")
            gradebook.writerow(csvfile.row(record, criteria_ids))
            rows.append(html.summary_row(record, "essays/" + html.href(names[rel])))
            if record["score"] is not None:
                scores.append(record["score"])
    with atomic_file(outdir / "index.html") as index:
        index.writelines(html.stream_index(rows, rubric, checker.rubric_info, lang, pairs_view))
    cache.prune()
    average = round(sum(scores) / len(scores), 1) if scores else None
    return GradeSummary(count=len(rows), failed=len(rows) - len(scores), average=average, outdir=outdir)


__all__ = ["GradeSummary", "OutputDirError", "find_essays", "grade_folder", "report_names"]
