"""The draft assembled: definitions, points and references as criteria and concepts, with the
built-in rubric's conventions (weights, levels, grades, length) and feedback per concept kind.

Weights: the definitions criterion ``DEFINITIONS_WEIGHT``, the references criterion
``REFERENCES_WEIGHT`` (as in the built-in rubric), the rest of 100 shared by the other criteria
in proportion to their concepts. Levels: the built-in rubric's thresholds and labels (four for
concepts, three for references), their texts written for the draft. Grades and length: the
built-in rubric's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rubrika.authoring.draft.article import Article, Sentence
from rubrika.authoring.draft.definitions import Definition
from rubrika.authoring.draft.points import Point, Section
from rubrika.authoring.draft.references import ReferenceList, builtin_references
from rubrika.authoring.draft.terms import MIN_TERMS, PointTerms
from rubrika.authoring.draft.words import drafting
from rubrika.messages import t
from rubrika.rubric import load_rubric
from rubrika.rubric.model import ConceptsCriterion, localize

DEFINITIONS_WEIGHT = 30
REFERENCES_WEIGHT = 10
TOTAL_WEIGHT = 100
MAX_LABEL_WORDS = 6
GROUP_LABEL_TERMS = 3  # terms named in a group's label


@dataclass
class Group:
    name: str
    label: str
    terms: list[str]
    partial: bool = False  # earns partial credit on its own (the point's first words: it is touched on)
    classes: list[str] = field(default_factory=list)  # shipped instance classes the point's sentences name


@dataclass
class DraftConcept:
    id: str
    label: str
    terms: list[str]
    feedback: dict[str, str]
    where: str  # where in the article it came from, for the teacher
    sentences: list[Sentence]  # the article's sentences it came from
    define: bool = False
    groups: list[Group] = field(default_factory=list)
    together: str = "sentence"
    examples: dict[str, list[str]] = field(default_factory=lambda: {"match": [], "partial": [], "no_match": []})
    doubts: list[str] = field(default_factory=list)  # message keys: why the teacher should look


@dataclass
class DraftCriterion:
    id: str
    title: str
    weight: int
    description: str
    levels: list[dict]
    where: str
    concepts: list[DraftConcept] = field(default_factory=list)
    references: dict | None = None  # headings, min_entries, citations, checks (a references criterion)
    doubts: list[str] = field(default_factory=list)
    marker: str = ""  # the section comment above it


@dataclass
class Draft:
    id: str
    title: str
    article_title: str | None
    file: str
    criteria: list[DraftCriterion]
    length: dict
    grades: list[dict]
    fingerprint_text: str  # the article's text, whose hashes go into sources
    left_out: list[tuple[int, int]]  # line ranges outside the main text
    skipped: list[tuple[str, str]]  # (where, message key) of definitions not drafted
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (where, message key) of points not drafted
    doubts: list[str] = field(default_factory=list)  # about the whole article

    def concepts(self) -> list[DraftConcept]:
        return [k for c in self.criteria for k in c.concepts]


def slug(text: str) -> str:
    """A lowercase id of ASCII letters, digits and hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return out[:50].rstrip("-") or "konsep"


def sentence_case(text: str) -> str:
    """First letter in capitals; the rest as written (acronyms stay)."""
    return text[:1].upper() + text[1:] if text else text


def _unique(wanted: str, used: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}-{n}"
    used.add(candidate)
    return candidate


def _list_text(items: list[str], joiner: str = "dan") -> str:
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {joiner} {items[1]}"
    return ", ".join(items[:-1]) + f", {joiner} {items[-1]}"


def where_sentences(article: Article, sentences: list[Sentence]) -> str:
    """'paragraf 4, kalimat 1–2 (baris 31)' for the sentences of one point or definition."""
    if not sentences:
        return ""
    first, last = sentences[0], sentences[-1]
    block, last_block = article.blocks[first.block], article.blocks[last.block]
    if first.block == last.block:
        numbers = str(first.number) if first.number == last.number else f"{first.number}–{last.number}"
        return t("draft.where.sentences", "id", paragraph=block.number, sentences=numbers, line=first.line)
    return t("draft.where.paragraphs", "id", first=block.number, last=last_block.number, line=first.line)


# ------------------------------------------------------------------ concepts


def definition_concept(definition: Definition, article: Article, used: set[str]) -> DraftConcept:
    term = definition.term
    concept = DraftConcept(
        id=_unique(slug(term), used), label=sentence_case(term), terms=definition.terms,
        feedback={"missing": t("feedback.draft.define.missing", "id", term=term, Term=sentence_case(term)),
                  "partial": t("feedback.draft.define.partial", "id", term=term, Term=sentence_case(term))},
        where=where_sentences(article, [definition.sentence]), sentences=[definition.sentence], define=True,
        doubts=list(definition.doubts))
    return concept


def point_label(point: Point, found: PointTerms) -> str:
    """A short noun phrase for a point: its heading, or its first key phrases."""
    if point.heading:
        return sentence_case(point.heading)
    names: list[str] = []
    for term in found.key + found.core + found.detail:
        if any(set(term.text.split()) & set(n.split()) for n in names):
            continue
        names.append(term.text)
        if len(names) == 2 or len(" ".join(names).split()) >= MAX_LABEL_WORDS - 1:
            break
    return sentence_case(_list_text(names)) if names else ""


def _group_label(terms: list[str]) -> str:
    return _list_text(terms[:GROUP_LABEL_TERMS], "atau")


def point_concept(point: Point, found: PointTerms, article: Article, section: Section, used: set[str]) -> DraftConcept:
    label = point_label(point, found) or t("draft.point_fallback", "id")
    core = [term.text for term in found.core]
    detail = [term.text for term in found.detail]
    if not core or not detail:  # one place holds every word: split them by where they stand
        both = sorted(found.core + found.detail, key=lambda term: (term.first, term.position))
        half = (len(both) + 1) // 2
        core, detail = [term.text for term in both[:half]], [term.text for term in both[half:]]
    groups = []
    if core and detail:
        core_classes, detail_classes = found.classes
        groups = [Group("inti", _group_label(core), core, partial=True, classes=core_classes),
                  Group("uraian", _group_label(detail), detail, classes=[c for c in detail_classes if c not in core_classes])]
    key = [term.text for term in found.key]
    if not groups:
        key += core + detail
    noun = section.word or "gagasan"
    nya = drafting()["section_words"].get(section.word, "gagasannya") if section.word else "gagasannya"
    low = label[:1].lower() + label[1:]
    detail_label = groups[1].label if groups else low
    if section.word:
        missing = t("feedback.draft.point.missing", "id", label=low, noun_nya=nya)
    else:
        missing = t("feedback.draft.point.missing_plain", "id", label=low, Label=label)
    concept = DraftConcept(
        id=_unique(slug(label), used), label=label, terms=key, groups=groups, together="paragraph",
        feedback={"missing": missing, "partial": t("feedback.draft.point.partial", "id", label=low, detail=detail_label)},
        where=where_sentences(article, point.sentences), sentences=list(point.sentences))
    if len(found.all) < MIN_TERMS:
        concept.doubts.append("draft.doubt.few_terms")
    del noun
    return concept


# ------------------------------------------------------------------ criteria


def _levels(kind: str, noun: str = "", noun_nya: str = "", term: str = "") -> list[dict]:
    """The built-in rubric's thresholds and labels for ``kind`` (concepts or references), with
    texts written for the draft."""
    builtin = load_rubric(None)
    if kind == "references":
        levels = builtin_references().levels
        keys = ["feedback.draft.level.references.top", "feedback.draft.level.references.fair",
                "feedback.draft.level.references.low"]
    else:
        levels = next(c for c in builtin.criteria if isinstance(c, ConceptsCriterion)).levels
        keys = (["feedback.draft.level.define.top", "feedback.draft.level.define.good",
                 "feedback.draft.level.define.fair", "feedback.draft.level.define.low"] if kind == "define" else
                ["feedback.draft.level.point.top", "feedback.draft.level.point.good",
                 "feedback.draft.level.point.fair", "feedback.draft.level.point.low"])
    keep = {"found": "{found}", "missing": "{missing}", "partial": "{partial}"}
    # As many texts as the built-in rubric has levels: the top and the lowest text always stand
    # first and last (the lowest level is min 0), the middle texts fill the levels between.
    middle = keys[1:-1]
    keys = [keys[0]] + [middle[min(i, len(middle) - 1)] for i in range(len(levels) - 2)] + [keys[-1]]
    out = []
    for level, key in zip(levels, keys):
        text = t(key, "id", Noun=sentence_case(noun), noun=noun, noun_nya=noun_nya, Term=sentence_case(term), **keep)
        out.append({"min": level.min, "label": localize(level.label, "id"), "feedback": text})
    return out


def definitions_criterion(concepts: list[DraftConcept]) -> DraftCriterion:
    first = concepts[0].label if concepts else ""
    return DraftCriterion("definisi", t("draft.title.definitions", "id"), DEFINITIONS_WEIGHT,
                          t("draft.description.definitions", "id"), _levels("define", term=first),
                          t("draft.where.definitions", "id", count=len(concepts)), concepts,
                          marker=t("draft.section.definitions", "id"))


def section_title(section: Section, topic: str | None) -> str:
    if section.kind == "paragraphs":
        return t("draft.title.paragraphs", "id")
    if section.heading and not section.word:
        return sentence_case(section.heading)
    if section.word:
        return sentence_case(f"{section.word} {topic}" if topic else section.word)
    return t("draft.title.points", "id")


def section_criterion(section: Section, concepts: list[DraftConcept], topic: str | None, article: Article,
                      used: set[str]) -> DraftCriterion:
    title = section_title(section, topic)
    noun = section.word or t("draft.noun.idea", "id")
    nya = drafting()["section_words"].get(section.word, "gagasannya") if section.word else "gagasannya"
    wanted = section.word or ("gagasan-lain" if section.kind == "paragraphs" else "bagian")
    where = _section_where(section, article)
    criterion = DraftCriterion(_unique(slug(wanted), used), title, 0,
                               t("draft.description.points", "id", title=title[:1].lower() + title[1:], count=len(concepts)),
                               _levels("point", noun, nya), where, concepts, doubts=list(section.doubts),
                               marker=title.lower())
    if section.word_from_title:
        criterion.doubts.append("draft.doubt.name_from_title")
    if not section.word and section.kind != "paragraphs" and not section.heading:
        criterion.doubts.append("draft.doubt.no_name")
    return criterion


def _section_where(section: Section, article: Article) -> str:
    sentences = [s for p in section.points for s in p.sentences]
    if not sentences:
        return ""
    first, last = article.blocks[sentences[0].block], article.blocks[sentences[-1].block]
    key = {"list": "draft.where.list", "enumeration": "draft.where.enumeration", "headings": "draft.where.headings",
           "paragraphs": "draft.where.leftover"}[section.kind]
    text = t(key, "id", first=first.number, last=last.number, line=sentences[0].line, count=len(section.points))
    if section.source is not None and section.kind in ("list", "enumeration"):
        text += t("draft.where.opened_by", "id", paragraph=article.blocks[section.source.block].number)
    return text


def references_criterion(found: ReferenceList) -> DraftCriterion | None:
    if found.heading is None or not found.entries:
        return None
    builtin = builtin_references()
    headings = list(builtin.headings)
    written = " ".join(found.heading.replace(":", " ").split())
    if written.lower() not in {h.lower() for h in headings}:
        headings.insert(0, written)
    author_year = found.example_citation()
    author, year = author_year if author_year else (t("draft.author_placeholder", "id"), t("draft.year_placeholder", "id"))
    entries = min(builtin.min_entries, len(found.entries))
    citations = bool(found.citations)
    checks = {
        "section": {"missing": t("feedback.draft.ref.section", "id", heading=written)},
        "entries": {"missing": t("feedback.draft.ref.entries_missing", "id", count=entries),
                    "partial": t("feedback.draft.ref.entries_partial", "id", count=entries)},
        "citations": {"missing": t("feedback.draft.ref.citations_missing", "id", author=author, year=year),
                      "partial": t("feedback.draft.ref.citations_partial", "id", author=author, year=year,
                                   evidence="{evidence}")},
    }
    where = t("draft.where.references", "id", line=found.line, count=len(found.entries),
              citations=len(found.citations))
    criterion = DraftCriterion("referensi", t("draft.title.references", "id"), REFERENCES_WEIGHT,
                               t("draft.description.references", "id", count=entries), _levels("references"), where,
                               references={"headings": headings, "min_entries": entries, "citations": citations,
                                           "checks": checks}, marker=t("draft.section.references", "id"))
    if not citations:
        criterion.doubts.append("draft.doubt.no_citations")
    return criterion


def share_weights(criteria: list[DraftCriterion]) -> None:
    """Definitions and references keep their weights; the rest of 100 goes to the other criteria in
    proportion to their concepts (largest remainder, so the weights add up to 100)."""
    fixed = [c for c in criteria if c.id in ("definisi", "referensi") and c.weight]
    others = [c for c in criteria if c not in fixed]
    if not others:
        scale = TOTAL_WEIGHT / max(1, sum(c.weight for c in fixed))
        for c in fixed:
            c.weight = round(c.weight * scale)
        return
    rest = TOTAL_WEIGHT - sum(c.weight for c in fixed)
    counts = [max(1, len(c.concepts)) for c in others]
    raw = [rest * n / sum(counts) for n in counts]
    weights = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - weights[i], reverse=True)[:rest - sum(weights)]:
        weights[i] += 1
    for c, w in zip(others, weights):
        c.weight = w


def conventions() -> tuple[dict, list[dict]]:
    """The built-in rubric's length and grades."""
    builtin = load_rubric(None)
    grades = [band.model_dump(exclude_none=True) for band in builtin.grades]
    return builtin.length.model_dump(exclude_none=True), grades
