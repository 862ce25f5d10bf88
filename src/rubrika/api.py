"""Rubrika's Python API: check essays against a rubric and get result records.

The records are plain dicts (``rubrika.result/1``, see the README); reporters and
other programs consume only them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rubrika.engine import fingerprint
from rubrika.engine.advisories import advise
from rubrika.engine.analysis import analyse
from rubrika.engine.matcher import CompiledRubric, compile_rubric
from rubrika.engine.scorer import score
from rubrika.essay import DEFAULT_LIMITS, Essay, EssayReadError, Limits, essay_id, read_essay, student_of
from rubrika.i18n import t
from rubrika.nlp.language import guess_language
from rubrika.rubric import load_rubric
from rubrika.rubric.model import Rubric

SCHEMA = "rubrika.result/1"
_QUOTED = re.compile(r'["“”„«»](?:[^"“”„«»\n]){20,1500}?["“”„«»]')
_CITATION_GAP = 80  # characters between a closing quote and its citation


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
        self.rubric_info = {
            "id": self.rubric.id,
            "version": self.rubric.version,
            "sha256": hashlib.sha256(self.rubric.model_dump_json().encode("utf-8")).hexdigest(),
        }

    def check_essay(self, essay: Essay, lang: str = "id", words: list | None = None) -> dict:
        """The result record of one essay; ``words``, when given, receives the body's
        (word, start, end) triples, which a batch fingerprints without tokenising again."""
        analysis = analyse(essay.text)
        criteria, refs = score(self.compiled, analysis, lang)
        body_end = refs.heading[0] if refs.heading else len(analysis.doc)
        body_words = analysis.words(body_end)
        words_list = [w for w, _, _ in body_words]
        sentences = sum(1 for s, _ in analysis.sentences if s < body_end)
        language = guess_language(words_list)
        advisories, measures = advise(self.rubric, analysis, criteria, body_end, len(words_list), lang)
        if words is not None:
            words.extend(body_words)
        if self.source_hashes:
            copied = self._copying(analysis, refs, body_words, len(words_list), lang)
            measures["copied_share"] = copied["share"]
            if copied["advisory"]:
                advisories.append(copied["advisory"])
        total_weight = self.rubric.total_weight
        total = round(100.0 * sum(c["points"] for c in criteria) / total_weight, 1) if total_weight else 0.0
        grade = next(b.grade for b in self.rubric.grades if total >= b.min - 1e-9)
        return {
            "schema": SCHEMA,
            "essay": {"path": essay.path, "id": essay.id, "words": len(words_list), "sentences": sentences,
                      "language": language, "student": essay.student or student_of(essay.path or essay.id),
                      **measures},
            "rubric": dict(self.rubric_info),
            "score": total,
            "grade": grade,
            "criteria": criteria,
            "advisories": advisories,
            "error": None,
        }

    def _copying(self, analysis, refs, tokens: list, words: int, lang: str) -> dict:
        """How much of the essay body comes from a source; quotations with a citation excepted."""
        body_chars = tokens[-1][2] if tokens else 0
        citations = [analysis.span(s, e) for s, e in refs.citations]
        quoted = quoted_with_citation(analysis.original[:body_chars], citations)
        passages, copied = fingerprint.copied_passages(tokens, self.source_hashes, quoted)
        share = copied / words if words else 0.0
        advisory = None
        if passages and share >= self.rubric.advisories.copy_share:
            spans = [{"start": s, "end": e, "text": analysis.original[s:e]} for s, e in passages]
            advisory = {"code": "copied-source", "severity": "warning",
                        "message": t("advisory.copied", lang, share=round(100 * share)), "spans": spans}
        return {"share": round(share, 3), "advisory": advisory}

    def check_text(self, text: str, *, path: str | None = None, essay_id: str = "esai", lang: str = "id") -> dict:
        return self.check_essay(Essay(text=text, path=path, id=essay_id), lang)

    def check_file(self, path: str | Path, lang: str = "id", limits: Limits = DEFAULT_LIMITS) -> dict:
        return self.check_file_with_text(path, lang, limits)[0]

    def check_file_with_text(self, path: str | Path, lang: str = "id",
                             limits: Limits = DEFAULT_LIMITS) -> tuple[dict, str | None]:
        """The record and the essay text as read (None if it could not be read)."""
        try:
            essay = read_essay(path, limits)
        except EssayReadError as exc:
            return self.error_record(exc, lang), None
        return self.check_essay(essay, lang), essay.text

    def error_record(self, exc: EssayReadError, lang: str = "id") -> dict:
        return {
            "schema": SCHEMA,
            "essay": {"path": exc.path, "id": essay_id(exc.path), "words": 0, "sentences": 0, "language": None,
                      "student": student_of(exc.path)},
            "rubric": dict(self.rubric_info),
            "score": None,
            "grade": None,
            "criteria": [],
            "advisories": [],
            "error": {"code": exc.code, "message": exc.message(lang)},
        }


def quoted_with_citation(text: str, citations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of quotations followed by a citation: the student says whose words they are."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)
            if any(0 <= c_start - m.end() <= _CITATION_GAP for c_start, _ in citations)]


def own_words_excluded(record: dict, text: str) -> list[tuple[int, int]]:
    """What in an essay is not the student's own: cited quotations, copied source passages,
    and the reference list."""
    citations = [(e["start"], e["end"]) for c in record["criteria"] for k in c["concepts"]
                 if k["id"] == "sitasi-dalam-teks" for e in k["evidence"]]
    copied = [(sp["start"], sp["end"]) for a in record["advisories"] if a["code"] == "copied-source"
              for sp in a.get("spans", [])]
    references = [(e["start"], len(text)) for c in record["criteria"] for k in c["concepts"]
                  if k["id"] == "bagian-referensi" for e in k["evidence"]][:1]
    return quoted_with_citation(text, citations) + copied + references


def check_text(text: str, rubric: Rubric | str | Path | None = None, lang: str = "id", **kw) -> dict:
    """Check one essay given as text (builds a Checker; reuse one for many essays)."""
    return Checker(rubric).check_text(text, lang=lang, **kw)


def check_paths(paths: Iterable[str | Path], rubric: Rubric | str | Path | None = None,
                lang: str = "id") -> Iterator[dict]:
    """One record per path, in order; unreadable files give records with ``error``."""
    checker = Checker(rubric)
    for path in paths:
        yield checker.check_file(path, lang)
