"""``rubrika rubric draft ARTICLE``: a rubric drafted from the article a class read.

The draft is what a teacher would derive by hand, made quickly and marked where it is unsure:

* ``article``: the article's structure (paragraphs, list items, headings, sentences with the
  numbers a teacher finds them by) and its main text apart from the page around it;
* ``definitions``: sentences that define a term become ``define: true`` concepts;
* ``points``: lists, enumerations and headings become criteria with one concept per point;
* ``terms``: each point's distinguishing words and phrases (against the rest of the article and
  against ordinary Indonesian, wordfreq's list);
* ``references``: the article's reference list and citations become a references criterion;
* ``build``: weights, levels, grades, length and feedback by the built-in rubric's conventions;
* ``examples``: the article's sentences as examples, each checked against the draft;
* ``write``: the commented YAML (or JSON) and the summary; the article's fingerprint goes into
  ``sources:`` so an essay that copies it is caught.

Nothing unsure is silently guessed: a point with too few distinguishing words, a definition it
is unsure of, an article with no visible structure are marked ``# PERIKSA`` and listed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rubrika.authoring.draft.article import Article, read_article
from rubrika.authoring.draft.build import (Draft, DraftCriterion, conventions, definition_concept, definitions_criterion,
                                           point_concept, references_criterion, section_criterion, sentence_case,
                                           share_weights, slug, where_sentences)
from rubrika.authoring.draft.definitions import find_definitions
from rubrika.authoring.draft.examples import choose_examples
from rubrika.authoring.draft.points import find_structure
from rubrika.authoring.draft.references import find_reference_list
from rubrika.authoring.draft.terms import point_terms
from rubrika.authoring.draft.write import MARK, rubric_data, summary, to_json, to_yaml
from rubrika.nlp.pipeline import get_nlp
from rubrika.rubric import load_rubric_text

__all__ = ["MARK", "Draft", "NothingToDraft", "draft_rubric", "rubric_data", "summary", "to_json", "to_yaml"]


class NothingToDraft(ValueError):
    """The article holds no sentence a rubric could be drafted from (too short, or not prose)."""


def _norms(text: str) -> tuple[str, ...]:
    return tuple(t.norm_ for t in get_nlp()(text) if not (t.is_punct or t.is_space))


def _topic(article: Article, terms: list[str]) -> str | None:
    """The defined term the main text uses most: the article's topic, for criterion titles."""
    if not terms:
        return None
    text = " " + " ".join(" ".join(s.lowers) for s in article.sentences) + " "
    counts = Counter({term: text.count(f" {term.lower()} ") for term in terms})
    best, n = counts.most_common(1)[0]
    return best if n >= 3 else None


def draft_rubric(text: str, file: str = "artikel", rubric_id: str | None = None, title: str | None = None) -> Draft:
    """The draft of a rubric from the article ``text`` (``file`` names it in comments)."""
    references = find_reference_list(text)
    article = read_article(text, references.line)
    definitions, skipped = find_definitions(article)
    used_sentences = {(d.sentence.block, d.sentence.number) for d in definitions}
    structure = find_structure(article, used_sentences)
    used_ids: set[str] = set()
    defined = [definition_concept(d, article, used_ids) for d in definitions]
    exclude = frozenset(_norms(term) for d in definitions for term in d.terms)
    topic = _topic(article, [d.term for d in definitions])
    criteria: list[DraftCriterion] = []
    if defined:
        criteria.append(definitions_criterion(defined))
    criterion_ids = {"definisi", "referensi"}
    dropped: list[tuple[str, str]] = []
    for section in structure.sections:
        concepts = []
        for point in section.points:
            found = point_terms(point, article, exclude)
            if not found.all:
                dropped.append((where_sentences(article, point.sentences), "draft.doubt.no_terms"))
                continue
            concepts.append(point_concept(point, found, article, section, used_ids))
        if concepts:
            criteria.append(section_criterion(section, concepts, topic, article, criterion_ids))
    ref_criterion = references_criterion(references)
    if ref_criterion is not None:
        criteria.append(ref_criterion)
    share_weights(criteria)
    length, grades = conventions()
    name = title or (sentence_case(article.title) if article.title else Path(file).stem)
    draft = Draft(rubric_id or slug(name), name, article.title, file, criteria, length, grades, text,
                  article.left_out(), [(where_sentences(article, [s.sentence]), s.reason) for s in skipped], dropped)
    if not structure.visible:
        draft.doubts.append("draft.doubt.no_structure")
    if not defined:
        draft.doubts.append("draft.doubt.no_definitions")
    if ref_criterion is None:
        draft.doubts.append("draft.doubt.no_references")
    if not any(c.concepts for c in criteria):
        raise NothingToDraft(file)
    choose_examples(draft, article, to_yaml(draft))
    load_rubric_text(to_yaml(draft), file)  # the draft always loads (a bug otherwise)
    return draft
