"""The rubric model: what a rubric YAML file may say, as frozen pydantic models.

Two criterion kinds exist: ``concepts`` (ideas found through terms and patterns)
and ``references`` (a reference list and citations). Texts a student or teacher
reads are either a plain string (Indonesian) or a mapping ``{id: ..., en: ...}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

LANGUAGES = ("id", "en")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _check_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text is empty")
        return value.strip()
    if isinstance(value, dict) and value:
        unknown = [k for k in value if k not in LANGUAGES]
        if unknown:
            raise PydanticCustomError(
                "text_language", "unknown language {key!r}", {"key": str(unknown[0]), "allowed": LANGUAGES}
            )
        if not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise PydanticCustomError("text_empty", "every language needs a non-empty text")
        return {k: v.strip() for k, v in value.items()}
    raise PydanticCustomError("text_type", "expected a text or a mapping of languages to texts")


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}
Text = Annotated[Union[str, dict[str, str]], PlainValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]
Version = Annotated[
    NonEmpty,
    BeforeValidator(lambda v: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v),
    WithJsonSchema({"type": ["string", "number"]}),
]
TokenPattern = Annotated[list[dict[str, Any]], Field(min_length=1)]


def localize(text: Text | None, lang: str) -> str:
    """Pick the text in ``lang``, falling back to Indonesian, then to any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("id") or next(iter(text.values()), "")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    title: NonEmpty
    author: str | None = None
    publisher: str | None = None
    year: int | None = Field(default=None, ge=1000, le=2100)
    url: str | None = None


class Length(_Model):
    min_words: int = Field(default=0, ge=0)
    max_words: int | None = Field(default=None, ge=1)


class GradeBand(_Model):
    min: float = Field(ge=0, le=100, description="Lowest total (0-100) that earns this grade.")
    grade: NonEmpty
    label: Text | None = None


class Level(_Model):
    min: float = Field(ge=0, le=1, description="Lowest criterion score (0-1) for this level.")
    label: Text
    feedback: Text


class ConceptFeedback(_Model):
    missing: Text
    partial: Text | None = None
    found: Text | None = None


class Examples(_Model):
    match: list[NonEmpty] = Field(default_factory=list, description="Sentences that must be found.")
    partial: list[NonEmpty] = Field(default_factory=list, description="Sentences that must give partial credit.")
    no_match: list[NonEmpty] = Field(default_factory=list, description="Sentences that must not match.")


TermGaps = Annotated[dict[str, Annotated[int, Field(ge=0, le=6)]], Field(
    description="Per-term override of matching.gap: how many words may stand between this term's words.")]


class TermGroup(_Model):
    name: Slug
    label: Text | None = Field(default=None, description=(
        "What this group stands for, as a phrase that fits 'jelaskan juga ...': feedback names the "
        "groups a student has not written yet"))
    terms: list[NonEmpty] = Field(default_factory=list)
    gaps: TermGaps = Field(default_factory=dict)
    patterns: list[TokenPattern] = Field(default_factory=list)
    classes: list[Slug] = Field(default_factory=list, description=(
        "Word classes whose words this group also matches: the rubric's own `classes`, or the ones "
        "Rubrika ships (kinds of global problems, great powers, verbs of domination ...)"))
    partial: bool = Field(default=False, description="Whether this group alone earns partial credit.")
    context: bool = Field(default=False, description=(
        "The setting of an idea, not part of it (an institution, a country, a generic activity such "
        "as 'diplomasi'): it counts only beside another group, never alone"))


class Rule(_Model):
    """When a concept's groups give it credit: ``found`` or ``partial`` lists groups that must
    all have a match in one ``within`` unit (default: the concept's ``together``), in the order
    listed when ``order`` is set."""

    found: list[Slug] | None = Field(default=None, min_length=1)
    partial: list[Slug] | None = Field(default=None, min_length=1)
    within: Literal["clause", "sentence", "paragraph", "essay"] | None = Field(default=None, description=(
        "The unit the groups must share (default: the concept's `together`). A clause ends at a comma, "
        "a semicolon, a colon, a bracket or a dash, and before a conjunction that opens a clause of its "
        "own (sedangkan, karena, sehingga, bahwa ...)"))
    order: bool = Field(default=False, description=(
        "The groups' matches must stand in the order listed, so a rule reads who does what to whom: "
        "`found: [organisasi, tindakan]` with `order: true` wants the organisation before what it does"))
    unless: list[Slug] = Field(default_factory=list, description=(
        "Groups whose match in the same unit (before the rule's first group, when `order` is set) "
        "cancels the rule: `partial: [kepentingan]` with `unless: [tujuan]` gives nothing for "
        "\"untuk mendukung kepentingan nasional\", an aim the cooperation serves"))
    confidence: Literal["high", "low"] = Field(default="high", description=(
        "low: the rule rests on an instance or a loose link, so the teacher's overview marks it "
        "for review and feedback does not assert"))

    @property
    def status(self) -> str:
        return "found" if self.found else "partial"

    @property
    def groups(self) -> list[str]:
        return list(self.found or self.partial or [])


class Concept(_Model):
    id: Slug
    label: Text
    terms: list[NonEmpty] = Field(default_factory=list)
    gaps: TermGaps = Field(default_factory=dict)
    patterns: list[TokenPattern] = Field(default_factory=list)
    groups: list[TermGroup] = Field(default_factory=list)
    together: Literal["sentence", "paragraph", "essay"] = "sentence"
    rules: list[Rule] = Field(default_factory=list, description=(
        "When the groups give credit, tried in order (found rules first). Without rules: found when "
        "every group has a match in one `together` unit, partial when a `partial` group has one."))
    define: bool = False
    feedback: ConceptFeedback
    examples: Examples = Field(default_factory=Examples)

    def effective_rules(self) -> list[Rule]:
        """The concept's rules, or the rules its groups imply: found when every group has a match
        in one ``together`` unit; partial when a ``partial`` group has one."""
        if self.rules or not self.groups:
            return list(self.rules)
        return [Rule(found=[g.name for g in self.groups])] + [Rule(partial=[g.name]) for g in self.groups if g.partial]

    def context_groups(self) -> frozenset[str]:
        return frozenset(g.name for g in self.groups if g.context)


class _CriterionBase(_Model):
    id: Slug
    title: Text
    weight: float = Field(gt=0, le=1000)
    description: Text | None = None
    levels: list[Level] = Field(min_length=1)


class ConceptsCriterion(_CriterionBase):
    kind: Literal["concepts"]
    concepts: list[Concept] = Field(min_length=1)


class ReferenceChecks(_Model):
    """Labels and feedback of the three checks a references criterion makes."""

    section: ConceptFeedback
    entries: ConceptFeedback
    citations: ConceptFeedback
    labels: dict[Literal["section", "entries", "citations"], Text] = Field(default_factory=dict)


class ReferencesCriterion(_CriterionBase):
    kind: Literal["references"]
    headings: list[NonEmpty] = Field(min_length=1)
    min_entries: int = Field(default=3, ge=1, le=100)
    citations: bool = True
    checks: ReferenceChecks


Criterion = Annotated[Union[ConceptsCriterion, ReferencesCriterion], Field(discriminator="kind")]


class ReportOptions(_Model):
    """What students see in their reports."""

    show_terms: bool = Field(
        default=False,
        description="List the words Rubrika looks for under each missing concept. Off by default, "
        "so that students cannot game the rubric by pasting the list.",
    )


class AdvisorySettings(_Model):
    """Thresholds of the integrity advisories shown next to the score."""

    off_topic_share: float = Field(default=0.15, ge=0, le=1, description=(
        "off-topic when fewer than this share of the essay's sentences hold any evidence"))
    english_share: float = Field(default=0.2, ge=0, le=1, description=(
        "note the share of English sentences from this share on"))
    stuffing_concepts: int = Field(default=2, ge=1, description=(
        "keyword-stuffing when this many concepts have evidence only in lists or term salads"))
    copy_share: float = Field(default=0.3, ge=0, le=1, description=(
        "copied-source when this share of the essay's words comes from a source text"))


class Matching(_Model):
    """How terms match a student's wording."""

    gap: int = Field(default=2, ge=0, le=6, description=(
        "words that may stand between the words of a term inside one clause "
        "('masalah-masalah berskala global' for 'masalah global'); 0 = only as written"))
    affixes: list[Literal["ter", "memper", "diper"]] = Field(default_factory=list, description=(
        "meaning-changing verb prefixes whose forms still match a term's root word "
        "(off by default: 'memperbaiki' is not 'baik')"))
    learned: bool = Field(default=True, description=(
        "also read a concept the rules find missing with the model Rubrika learned from labelled "
        "real writing for a rubric of this id (rubrika/data/learned/), if it ships one: a sentence "
        "that holds one of the concept's own groups and reads like the idea earns partial credit, "
        "marked for review; false turns it off"))


class SourceFingerprint(_Model):
    """Hashed 8-word sequences of a source text (``rubrika rubric fingerprint`` writes these)."""

    title: NonEmpty
    hashes: Annotated[str, StringConstraints(pattern=r"^\s*([0-9a-f]{8}\s*)*$")] = Field(
        description="8-hex-digit hashes separated by spaces; never the text itself")


class Rubric(_Model):
    id: Slug
    title: Text
    language: Literal["id"] = "id"
    version: Version
    description: Text | None = None
    source: Source | None = None
    length: Length = Field(default_factory=Length)
    grades: list[GradeBand] = Field(min_length=1)
    report: ReportOptions = Field(default_factory=ReportOptions)
    advisories: AdvisorySettings = Field(default_factory=AdvisorySettings)
    matching: Matching = Field(default_factory=Matching)
    sources: list[SourceFingerprint] = Field(default_factory=list)
    classes: dict[Slug, list[NonEmpty]] = Field(default_factory=dict, description=(
        "Word classes of this rubric (name -> words and phrases) that groups use by name; they "
        "add to, or replace, the classes Rubrika ships"))
    criteria: list[Criterion] = Field(min_length=1)
    # where each value stood in the YAML file, for errors found after loading
    _positions: Any = PrivateAttr(default=None)

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.criteria)

    def concepts(self) -> Iterator[tuple[ConceptsCriterion, Concept]]:
        """Every concept of the rubric with its criterion, in rubric order (references
        criteria have none)."""
        for criterion in self.criteria:
            if isinstance(criterion, ConceptsCriterion):
                for concept in criterion.concepts:
                    yield criterion, concept
