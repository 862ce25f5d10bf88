"""The result of checking one essay: typed values built once by the engine.

Every door (``check``, ``grade``, ``serve``, the Python API) gets an ``EssayResult`` and
serialises it in one place, ``EssayResult.to_record()``, to the ``rubrika.result/1``
record (JSON Lines, ``--format json``, the API). Nothing computes from a finished
record dict: the engine works on these values, and the batch reads cached records back
into them with ``EssayResult.from_record``.

Frozen standard-library dataclasses, not pydantic models: a batch builds tens of
thousands of them and they need no validation on the way in (the engine makes them),
while pydantic's ``TypeAdapter`` still generates the record's JSON Schema from the same
types (``result_schema``), so the schema cannot drift from the code.

Field order of the serialised record is fixed (reports diff byte for byte); optional
fields are left out when they are ``None`` unless the record format says ``null``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Final, Literal, NewType, Union

from pydantic import ConfigDict, StringConstraints, TypeAdapter

SCHEMA: Final = "rubrika.result/1"
Status = Literal["found", "partial", "missing"]
CREDIT: dict[Status, float] = {"found": 1.0, "partial": 0.5, "missing": 0.0}
Severity = Literal["info", "warning"]
# The closed sets the record format names. The schema enumerates them, and the code that
# builds a value is checked against them (mypy); the advisory checks are registered in
# rubrika.engine.advisories (copied-source: engine/copying.py, similar-essays: engine/similarity.py).
AdvisoryCode = Literal["too-short", "too-long", "off-topic", "wrong-language", "keyword-stuffing", "negation",
                       "mixed-script", "run-on", "copied-source", "similar-essays"]
Weak = Literal["stuffing", "negation"]  # why a piece of evidence earns partial credit at most
Reason = Literal["stuffing", "negation", "copied"]  # why a concept earned less than its matches
Confidence = Literal["high", "low"]  # how sure a concept's status is
GroupKind = NewType("GroupKind", str)  # "group:<name>": evidence of one of a concept's groups
EvidenceKind = Union[Literal["term", "definition", "heading", "entry", "citation", "source-named"],
                     Annotated[GroupKind, StringConstraints(pattern=r"^group:.+$")]]
Record = dict[str, Any]  # a record (or part of one) as JSON-ready data
_STRICT = ConfigDict(extra="forbid")


def group_kind(name: str) -> GroupKind:
    """The evidence kind of a match of the concept's group ``name``."""
    return GroupKind(f"group:{name}")


@dataclass(frozen=True, slots=True)
class Span:
    """A passage of the essay: character offsets into the text as read."""

    __pydantic_config__ = _STRICT
    start: int
    end: int
    text: str

    def to_record(self) -> Record:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words of the essay that a concept's status rests on, and the sentence around them."""

    __pydantic_config__ = _STRICT
    start: int
    end: int
    text: str
    kind: EvidenceKind
    sentence: tuple[int, int]
    weak: Weak | None = None  # why it earns partial credit at most

    def to_record(self) -> Record:
        out: Record = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
               "sentence": list(self.sentence)}
        if self.weak is not None:
            out["weak"] = self.weak
        return out

    @classmethod
    def from_record(cls, d: Record) -> Evidence:
        return cls(d["start"], d["end"], d["text"], d["kind"], tuple(d["sentence"]), d.get("weak"))


def _credit_in_schema(schema: Record) -> None:
    schema["properties"]["credit"] = {"enum": sorted(set(CREDIT.values())), "title": "Credit", "type": "number"}
    schema["required"] = [*schema.get("required", []), "credit"]


@dataclass(frozen=True, slots=True)
class ConceptResult:
    __pydantic_config__ = ConfigDict(extra="forbid", json_schema_extra=_credit_in_schema)
    id: str
    label: str
    status: Status
    credit: float = field(init=False)  # found 1, partial 0.5, missing 0
    evidence: tuple[Evidence, ...] = ()
    feedback: str = ""
    count: int | None = None  # reference entries counted (references criteria)
    terms: tuple[str, ...] | None = None  # words looked for, when the rubric shows them
    stuffed: tuple[Evidence, ...] | None = None  # evidence that earned nothing: keyword stuffing
    reason: Reason | None = None  # why it earned less than its matches
    near: Span | None = None  # the student's sentence that carries part of a concept not (fully) found
    # high: a match of a term, a definition or a rule; low: weak evidence, a rule that rests on an
    # instance or a loose link, or a concept not found beside a sentence that may carry it
    confidence: Confidence = "high"

    def __post_init__(self) -> None:
        object.__setattr__(self, "credit", CREDIT[self.status])

    def to_record(self) -> Record:
        out: Record = {"id": self.id, "label": self.label, "status": self.status, "credit": self.credit,
                       "confidence": self.confidence, "evidence": [e.to_record() for e in self.evidence],
                       "feedback": self.feedback}
        if self.count is not None:
            out["count"] = self.count
        if self.terms is not None:
            out["terms"] = list(self.terms)
        if self.stuffed is not None:
            out["stuffed"] = [e.to_record() for e in self.stuffed]
        if self.reason is not None:
            out["reason"] = self.reason
        if self.near is not None:
            out["near"] = self.near.to_record()
        return out

    @classmethod
    def from_record(cls, d: Record) -> ConceptResult:
        stuffed, near = d.get("stuffed"), d.get("near")
        return cls(d["id"], d["label"], d["status"], tuple(map(Evidence.from_record, d["evidence"])), d["feedback"],
                   d.get("count"), tuple(d["terms"]) if "terms" in d else None,
                   tuple(map(Evidence.from_record, stuffed)) if stuffed is not None else None,
                   d.get("reason"), Span(**near) if near else None, d.get("confidence", "high"))


@dataclass(frozen=True, slots=True)
class CriterionResult:
    __pydantic_config__ = _STRICT
    id: str
    title: str
    weight: float
    score: float  # 0..1: the mean credit of its concepts
    points: float  # score x weight
    level: str
    feedback: str
    concepts: tuple[ConceptResult, ...]

    def to_record(self) -> Record:
        return {"id": self.id, "title": self.title, "weight": self.weight, "score": self.score,
                "points": self.points, "level": self.level, "feedback": self.feedback,
                "concepts": [k.to_record() for k in self.concepts]}

    @classmethod
    def from_record(cls, d: Record) -> CriterionResult:
        return cls(d["id"], d["title"], d["weight"], d["score"], d["points"], d["level"], d["feedback"],
                   tuple(map(ConceptResult.from_record, d["concepts"])))


@dataclass(frozen=True, slots=True)
class Advisory:
    """A note or warning a teacher sees next to the score; never a silent deduction."""

    __pydantic_config__ = _STRICT
    code: AdvisoryCode
    severity: Severity
    message: str
    others: tuple[str, ...] | None = None  # similar-essays: the other essays' paths
    spans: tuple[Span, ...] | None = None  # the passages it is about

    def to_record(self) -> Record:
        out: Record = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.others is not None:
            out["others"] = list(self.others)
        if self.spans is not None:
            out["spans"] = [s.to_record() for s in self.spans]
        return out

    @classmethod
    def from_record(cls, d: Record) -> Advisory:
        spans = d.get("spans")
        return cls(d["code"], d["severity"], d["message"], tuple(d["others"]) if "others" in d else None,
                   tuple(Span(s["start"], s["end"], s["text"]) for s in spans) if spans is not None else None)


@dataclass(frozen=True, slots=True)
class Student:
    __pydantic_config__ = _STRICT
    name: str
    id: str | None = None

    def to_record(self) -> Record:
        return {"name": self.name, "id": self.id}


@dataclass(frozen=True, slots=True)
class EssayInfo:
    __pydantic_config__ = _STRICT
    path: str | None
    id: str
    words: int
    sentences: int
    language: str | None
    student: Student
    english_share: float | None = None
    topic_share: float | None = None
    copied_share: float | None = None

    def to_record(self) -> Record:
        out: Record = {"path": self.path, "id": self.id, "words": self.words, "sentences": self.sentences,
               "language": self.language, "student": self.student.to_record()}
        for name in ("english_share", "topic_share", "copied_share"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_record(cls, d: Record) -> EssayInfo:
        student = d.get("student") or {}
        return cls(d["path"], d["id"], d["words"], d["sentences"], d["language"],
                   Student(student.get("name") or d["id"], student.get("id")),
                   d.get("english_share"), d.get("topic_share"), d.get("copied_share"))


@dataclass(frozen=True, slots=True)
class RubricInfo:
    __pydantic_config__ = _STRICT
    id: str
    version: str
    sha256: str

    def to_record(self) -> Record:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why an essay could not be checked (it still gets a record)."""

    __pydantic_config__ = _STRICT
    code: str
    message: str

    def to_record(self) -> Record:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class EssayResult:
    __pydantic_config__ = _STRICT
    essay: EssayInfo
    rubric: RubricInfo
    score: float | None  # 0..100; None when the essay could not be read
    grade: str | None
    criteria: tuple[CriterionResult, ...] = ()
    advisories: tuple[Advisory, ...] = ()
    error: ErrorInfo | None = None
    schema: Literal["rubrika.result/1"] = field(default=SCHEMA)

    def to_record(self) -> Record:
        """The ``rubrika.result/1`` record: the one place a result becomes a dict."""
        return {
            "schema": SCHEMA,
            "essay": self.essay.to_record(),
            "rubric": self.rubric.to_record(),
            "score": self.score,
            "grade": self.grade,
            "criteria": [c.to_record() for c in self.criteria],
            "advisories": [a.to_record() for a in self.advisories],
            "error": self.error.to_record() if self.error else None,
        }

    @classmethod
    def from_record(cls, d: Record) -> EssayResult:
        error = d.get("error")
        return cls(EssayInfo.from_record(d["essay"]), RubricInfo(**d["rubric"]), d["score"], d["grade"],
                   tuple(map(CriterionResult.from_record, d["criteria"])),
                   tuple(map(Advisory.from_record, d["advisories"])),
                   ErrorInfo(**error) if error else None)

    def with_advisories(self, extra: list[Advisory]) -> EssayResult:
        return replace(self, advisories=self.advisories + tuple(extra)) if extra else self

    def concept(self, concept_id: str) -> ConceptResult | None:
        return next((k for c in self.criteria for k in c.concepts if k.id == concept_id), None)


def result_schema() -> Record:
    """The JSON Schema of a ``rubrika.result/1`` record, generated from the types above."""
    body = TypeAdapter(EssayResult).json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rubrika.invalid/result.schema.json",
        **body,
        "title": "Rubrika result record (rubrika.result/1)",
        "description": "One checked essay: score, grade, criteria with concept statuses and evidence, "
                       "advisories, or the error that kept it from being checked.",
    }


def result_schema_text() -> str:
    return json.dumps(result_schema(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["Advisory", "ConceptResult", "CriterionResult", "ErrorInfo", "EssayInfo", "EssayResult", "Evidence",
           "RubricInfo", "SCHEMA", "Span", "Student", "result_schema"]
