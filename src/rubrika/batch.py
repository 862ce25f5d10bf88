"""Grade a folder of essays: a report per essay, a class overview, a gradebook, records.

Two passes. Pass 1 checks every essay (or takes it from the result cache) and keeps only
its cache key and fingerprints, so memory stays small. Once the pairs of similar essays
are known, pass 2 writes every output, each atomically, so the outputs of the last
complete run stay until the new ones are whole.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rubrika.api import Checked, Checker
from rubrika.atomic import atomic_file, write_text
from rubrika.cache import CACHE, ResultCache
from rubrika.engine.similarity import Fingerprints, partners_of, shared_percent, similarity_advisory
from rubrika.essay import DEFAULT_LIMITS, TEXT_SUFFIXES, Limits
from rubrika.finder import Skipped, find_essays, scan_folder
from rubrika.outdir import ESSAYS, OutputDirError, check_outdir, prepare, real, remove_stale_reports, report_names
from rubrika.reporters import csvfile, html, jsonl
from rubrika.terminal import display_name
from rubrika.reporters.present import cut


@dataclass
class GradeSummary:
    count: int
    failed: int
    average: float | None
    outdir: Path
    skipped: list[Skipped] = field(default_factory=list)  # files and folders not graded, with the reason

    @property
    def index(self) -> Path:
        return self.outdir / "index.html"


def _check_one(path: Path, rel: str, checker: Checker, lang: str, limits: Limits,
               cache: ResultCache) -> tuple[str | None, Checked]:
    """(cache key, checked essay), checked or taken from the cache."""
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size <= limits.max_bytes else b""
    except OSError:
        raw = b""
    key = cache.key(rel, raw) if raw else None
    if key is not None:
        hit = cache.get(key)
        if hit is not None:
            return key, hit
    checked = checker.check_path(path, lang, limits, name=rel, fingerprints=True,
                                 raw=raw if raw and path.suffix.lower() in TEXT_SUFFIXES else None)
    if key is not None:
        cache.put(key, checked)
    return key, checked


def grade_folder(folder: Path, outdir: Path, checker: Checker, lang: str = "id",
                 progress: Callable[[Path], None] | None = None, limits: Limits = DEFAULT_LIMITS,
                 essays: list[Path] | None = None, skipped: list[Skipped] | None = None,
                 force: bool = False) -> GradeSummary:
    """Grade every essay under ``folder`` into ``outdir``; see the module docstring.

    ``force``: write into a non-empty OUTDIR that Rubrika did not make (see outdir.py)."""
    folder, outdir = Path(folder), Path(outdir)
    check_outdir(folder, outdir, force)
    if essays is None:  # the caller may have listed them already (for a progress bar)
        scan = scan_folder(folder, outdir)
        essays, skipped = scan.essays, scan.skipped
    skipped = list(skipped or [])
    owned = prepare(outdir, CACHE)  # fails here, before any essay is checked, if OUTDIR cannot be written
    cache = ResultCache(outdir / CACHE, checker, lang, limits)
    rels = [display_name(p.relative_to(folder).as_posix()) for p in essays]
    names = report_names(rels)
    outline = checker.outline(lang)
    criteria_ids = [c["id"] for c in outline["criteria"]]
    inputs = {real(p) for p in essays}

    # pass 1: check; keep cache keys (or the small unreadable results) and fingerprints
    kept: list[tuple[str | None, Checked | None]] = []
    prints: list[Fingerprints] = []
    for path, rel in zip(essays, rels):
        key, checked = _check_one(path, rel, checker, lang, limits, cache)
        kept.append((key, None if key is not None else checked))
        prints.append(checked.prints or Fingerprints())
        if progress is not None:
            progress(path)
    partners = partners_of(prints)

    # pass 2: write every output
    rows: list[dict] = []
    scores: list[float] = []
    pairs_view: list[dict] = []
    with atomic_file(outdir / "results.jsonl") as results, atomic_file(outdir / "grades.csv") as grades:
        gradebook = csv.writer(grades, lineterminator="\r\n")
        grades.write("\ufeff")
        gradebook.writerow(csvfile.header(criteria_ids))
        for i, (rel, (key, checked)) in enumerate(zip(rels, kept)):
            if key is not None:
                checked = cache.get(key)
            result, text = checked.result, checked.text
            if i in partners and result.error is None:
                advisory = similarity_advisory(prints[i], partners[i], rels, text, lang)
                result = result.with_advisories([advisory])
                pairs_view += [{"a": rel, "b": other, "href_a": f"{ESSAYS}/" + html.href(names[rel]),
                                "href_b": f"{ESSAYS}/" + html.href(names[other]),
                                "passage": cut(advisory.spans[0].text, 240),
                                "share": shared_percent(advisory.spans, text)}
                               for other in advisory.others if rel < other]
            report = outdir / ESSAYS / names[rel]
            if real(report) in inputs:  # never overwrite an essay with its report
                raise OutputDirError(str(outdir))
            record = result.to_record()
            write_text(report, html.render_essay(record, text, lang, outline, back_link="../index.html"))
            results.write(jsonl.render(record) + "\n")
            gradebook.writerow(csvfile.row(record, criteria_ids))
            rows.append(html.summary_row(record, f"{ESSAYS}/" + html.href(names[rel])))
            if result.score is not None:
                scores.append(result.score)
    with atomic_file(outdir / "index.html") as index:
        index.writelines(html.stream_index(rows, outline, lang, pairs_view,
                                           skipped=[{"path": s.path, "reason": s.message(lang)} for s in skipped]))
    cache.prune()
    if owned:  # reports of essays renamed or removed since the last run
        remove_stale_reports(outdir, set(names.values()))
    average = round(sum(scores) / len(scores), 1) if scores else None
    return GradeSummary(count=len(rows), failed=len(rows) - len(scores), average=average, outdir=outdir,
                        skipped=skipped)


__all__ = ["GradeSummary", "OutputDirError", "Skipped", "find_essays", "grade_folder", "report_names", "scan_folder"]
