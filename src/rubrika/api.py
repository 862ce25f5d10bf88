"""Rubrika's Python API: check essays against a rubric.

``Checker.check`` gives the typed ``EssayResult`` (``rubrika.result``) that every door
builds on; ``check_text``/``check_file`` give its ``rubrika.result/1`` record as a dict,
for programs that want JSON.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rubrika.engine import fingerprint
from rubrika.engine.advisories import advise
from rubrika.engine.analysis import analyse
from rubrika.engine.copying import check_copying, quoted_with_citation
from rubrika.engine.matcher import CompiledRubric, compile_rubric
from rubrika.engine.scorer import match_essay, score
from rubrika.engine.similarity import Fingerprints
from rubrika.engine.trace import Trace
from rubrika.readers.essay import DEFAULT_LIMITS, Essay, EssayReadError, Limits, essay_id, read_essay, student_of
from rubrika.nlp.language import guess_language
from rubrika.result import SCHEMA, EssayInfo, EssayResult, ErrorInfo, RubricInfo, Student
from rubrika.rubric import load_rubric
from rubrika.rubric.model import Rubric
from rubrika.rubric.outline import outline

__all__ = ["SCHEMA", "Checked", "Checker", "Trace", "check_paths", "check_text"]


@dataclass(frozen=True)
class Checked:
    """One essay checked: its result, its text as read (None when unreadable) and, when
    asked for, its fingerprints for the similar-essays search and the engine's trace."""

    result: EssayResult
    text: str | None
    prints: Fingerprints | None = None
    trace: Trace | None = None


class Checker:
    """A rubric compiled once, then used for any number of essays."""

    def __init__(self, rubric: Rubric | str | Path | None = None, sources: Iterable[str] = ()):
        """``sources``: texts (not paths) whose copying is looked for, besides the rubric's own."""
        self.rubric = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
        self.compiled: CompiledRubric = compile_rubric(self.rubric)
        hashes: set[int] = set()
        for source in self.rubric.sources:
            hashes |= fingerprint.decode(source.hashes)
        for text in sources:
            hashes.update(fingerprint.source_hashes(text))
        self.source_hashes = frozenset(hashes)
        self.rubric_info = RubricInfo(self.rubric.id, self.rubric.version,
                                      hashlib.sha256(self.rubric.model_dump_json().encode("utf-8")).hexdigest())

    @lru_cache(maxsize=4)  # noqa: B019 (one Checker lives as long as its rubric)
    def outline(self, lang: str = "id") -> dict:
        """The plain rubric outline reporters get (criteria, concepts, labels, grade bands)."""
        return outline(self.rubric, self.rubric_info.sha256, lang)

    # --- typed results ------------------------------------------------------------------

    def check(self, essay: Essay, lang: str = "id", fingerprints: bool = False, trace: bool = False) -> Checked:
        """Check one essay; ``fingerprints`` also winnows its body for the similar-essays search;
        ``trace`` keeps the analysis and the matches the result rests on (``rubric explain``,
        ``rubric suggest``)."""
        analysis = analyse(essay.text, self.compiled.nlp)
        matches = match_essay(self.compiled, analysis, spans=trace)
        body_end = matches.body_end
        body_words = analysis.words(body_end)
        words_list = [w for w, _, _ in body_words]
        sentences = sum(1 for s, _ in analysis.sentences if s < body_end)
        citations = [analysis.span(s, e) for s, e in matches.refs.citations]
        copying = None
        if self.source_hashes:  # before scoring: evidence in uncited copied passages earns nothing
            copying = check_copying(essay.text, body_words, citations, self.source_hashes,
                                    self.rubric.advisories.copy_share)
        copied = copying.passages if copying else []
        scored = score(self.compiled, analysis, lang, matches, copied if copying and copying.flagged else ())
        advisories, measures = advise(self.rubric, analysis, scored.criteria, body_end, len(words_list), lang,
                                      copied=bool(copying and copying.flagged), on_topic=scored.on_topic,
                                      learned=scored.learned)
        if copying is not None:
            measures = replace(measures, copied_share=copying.share)
            if copying.flagged:
                advisories.append(copying.advisory(essay.text, scored.withheld, lang))
        student = essay.student or student_of(essay.path or essay.id)
        info = EssayInfo(essay.path, essay.id, len(words_list), sentences, guess_language(words_list),
                         Student(student["name"], student.get("id")), measures.english_share, measures.topic_share,
                         measures.copied_share)
        result = EssayResult(info, self.rubric_info, scored.total, scored.grade, scored.criteria, tuple(advisories))
        prints = None
        if fingerprints:  # what is not the student's own is left out: cited quotations, copied passages
            body_chars = body_words[-1][2] if body_words else 0
            excluded = quoted_with_citation(essay.text[:body_chars], citations) + copied
            prints = Fingerprints.of_essay(body_words, excluded)
        return Checked(result, essay.text, prints, Trace(analysis, matches) if trace else None)

    def error_result(self, exc: EssayReadError, lang: str = "id") -> EssayResult:
        """The result of an essay that could not be read: it still gets a record."""
        student = student_of(exc.path)
        info = EssayInfo(exc.path, essay_id(exc.path), 0, 0, None, Student(student["name"], student.get("id")))
        return EssayResult(info, self.rubric_info, None, None, error=ErrorInfo(exc.code, exc.message(lang)))

    def check_path(self, path: str | Path, lang: str = "id", limits: Limits = DEFAULT_LIMITS, *,
                   name: str | None = None, raw: bytes | None = None, fingerprints: bool = False) -> Checked:
        """Read and check one file; an unreadable one gives an error result. ``name`` is the
        path the record shows (e.g. relative to a graded folder); ``raw``, bytes already read."""
        try:
            essay = read_essay(path, limits, raw=raw)
        except EssayReadError as exc:
            if name is not None:
                exc.path = name
            return Checked(self.error_result(exc, lang), None)
        if name is not None:
            essay = Essay(text=essay.text, path=name, id=essay.id, student=essay.student)
        return self.check(essay, lang, fingerprints)

    # --- records (dicts), for programs that want JSON --------------------------------------

    def check_essay(self, essay: Essay, lang: str = "id") -> dict:
        return self.check(essay, lang).result.to_record()

    def check_text(self, text: str, *, path: str | None = None, essay_id: str = "esai", lang: str = "id") -> dict:
        return self.check_essay(Essay(text=text, path=path, id=essay_id), lang)

    def check_file(self, path: str | Path, lang: str = "id", limits: Limits = DEFAULT_LIMITS) -> dict:
        return self.check_file_with_text(path, lang, limits)[0]

    def check_file_with_text(self, path: str | Path, lang: str = "id",
                             limits: Limits = DEFAULT_LIMITS) -> tuple[dict, str | None]:
        """The record and the essay text as read (None if it could not be read)."""
        checked = self.check_path(path, lang, limits)
        return checked.result.to_record(), checked.text

    def error_record(self, exc: EssayReadError, lang: str = "id") -> dict:
        return self.error_result(exc, lang).to_record()


def check_text(text: str, rubric: Rubric | str | Path | None = None, lang: str = "id", **kw) -> dict:
    """Check one essay given as text (builds a Checker; reuse one for many essays)."""
    return Checker(rubric).check_text(text, lang=lang, **kw)


def check_paths(paths: Iterable[str | Path], rubric: Rubric | str | Path | None = None,
                lang: str = "id") -> Iterator[dict]:
    """One record per path, in order; unreadable files give records with ``error``."""
    checker = Checker(rubric)
    for path in paths:
        yield checker.check_file(path, lang)
