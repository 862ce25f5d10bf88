"""Integrity advisories: notes a teacher sees next to the score, never silent deductions.

Each advisory is a small check of one essay, measured once (``Facts``), that returns an
``Advisory`` or ``None``; ``ADVISORIES`` registers them in the order a record lists them.
Two more are made where their evidence is: ``copied-source`` (``copying``, when the rubric
or the run has sources) and ``similar-essays`` (``similarity``, by a batch, which sees every
essay). Their codes are ``rubrika.result.AdvisoryCode``: the record schema enumerates them,
and the tests keep the README's table and the labelled samples equal to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rubrika.engine.analysis import Analysis
from rubrika.messages.feedback import join_labels
from rubrika.messages import t
from rubrika.messages.numbers import format_number
from rubrika.nlp.language import guess_language
from rubrika.result import Advisory, AdvisoryCode, ConceptResult, CriterionResult, Evidence, Span
from rubrika.rubric.model import Rubric
from rubrika.rubric.outline import REFERENCE_CHECKS

_REFERENCE_CHECKS = frozenset(cid for cid, _ in REFERENCE_CHECKS)
MIN_SENTENCES_FOR_TOPIC = 6
OFF_TOPIC_MAX_CONCEPTS = 2  # an essay touching three concepts or more is on topic, unless ...
# ... those concepts sit in a few sentences of a long text about something else: terms
# dropped into a story in passing (a holiday story, three concepts in three sentences, 11%).
# A genuine weak essay spreads its few ideas over more sentences (17-rudi: 5 of 36, 14%).
OFF_TOPIC_MAX_SENTENCES = 3
# Terms sprinkled into an unrelated text: evidence sentences stand alone, each between
# sentences that say nothing of the topic.
SPRINKLED_ISOLATED = 0.75
SPRINKLED_MAX_SHARE = 0.35
MAX_SPANS = 8
# A sentence this long is not one a student meant to write: three times the longest sentence
# of any sample essay (33 words), and well past the long sentences of academic Indonesian.
RUN_ON_WORDS = 100


def _spans(evidence: list[Evidence]) -> tuple[Span, ...]:
    seen: set[tuple[int, int]] = set()
    out: list[Span] = []
    for e in sorted(evidence, key=lambda e: e.start):
        if (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            out.append(Span(e.start, e.end, e.text))
    return tuple(out[:MAX_SPANS])


def sentence_languages(analysis: Analysis, body_end: int) -> tuple[int, int]:
    """(Indonesian, English) sentence counts of the essay body."""
    lower, _, alpha = analysis.token_table
    counts = {"id": 0, "en": 0}
    for start, end in analysis.sentences:
        if start >= body_end:
            break
        words = [lower[i] for i in range(start, end) if alpha[i]]
        language = guess_language(words) if len(words) >= 4 else "unknown"
        if language in counts:
            counts[language] += 1
    return counts["id"], counts["en"]


def _body_chars(analysis: Analysis, body_end: int) -> int:
    """Where the essay body ends in the original text."""
    if body_end >= len(analysis.doc):
        return len(analysis.original)
    return analysis.span(body_end, body_end + 1)[0]


def sentence_words(analysis: Analysis, body_end: int) -> list[int]:
    """Words in each sentence of the essay body."""
    prefix = analysis.word_prefix
    return [prefix[end] - prefix[start] for start, end in analysis.sentences if start < body_end]


@dataclass(frozen=True, slots=True)
class Measures:
    """Measurements of one essay that go into its record (``essay``)."""

    english_share: float  # of the body's sentences judged by language, the English ones
    topic_share: float  # of the body's sentences, the ones holding strong evidence or naming a concept
    copied_share: float | None = None  # of the body's words, in a source's passages (when there are sources)


@dataclass(frozen=True, slots=True)
class Facts:
    """One essay as the checks see it, measured once."""

    rubric: Rubric
    analysis: Analysis
    concepts: tuple[ConceptResult, ...]  # the concepts' results, reference checks left out
    body_end: int  # first token of the reference list (or the end)
    words: int  # words of the body
    lang: str
    copied: bool  # mostly copied from a source: its evidence was set aside
    indonesian: int  # sentences of the body judged Indonesian
    english: int  # ... and English
    body_sentences: int
    # sentences holding evidence that is not weak, or naming a concept beyond the evidence a record keeps
    evidence_sentences: frozenset[tuple[int, int]]

    @property
    def english_share(self) -> float:
        judged = self.indonesian + self.english
        return self.english / judged if judged else 0.0

    @property
    def topic_share(self) -> float:
        return len(self.evidence_sentences) / self.body_sentences if self.body_sentences else 0.0


def measure(rubric: Rubric, analysis: Analysis, criteria: Sequence[CriterionResult], body_end: int, words: int,
            lang: str, copied: bool = False, on_topic: frozenset[tuple[int, int]] = frozenset(),
            learned: frozenset[str] = frozenset()) -> Facts:
    """``learned``: concepts the learned reading credited; their sentences are a guess, not
    writing on the topic."""
    indonesian, english = sentence_languages(analysis, body_end)
    concepts = tuple(k for c in criteria for k in c.concepts if k.id not in _REFERENCE_CHECKS)
    return Facts(rubric, analysis, concepts, body_end, words, lang, copied, indonesian, english,
                 sum(1 for start, _ in analysis.sentences if start < body_end),
                 frozenset(e.sentence for k in concepts if k.id not in learned for e in k.evidence if e.weak is None)
                 | on_topic)


# --- the checks, in record order --------------------------------------------------------------


def too_short(f: Facts) -> Advisory | None:
    length, lang, words = f.rubric.length, f.lang, f.words
    if words >= length.min_words:
        return None
    return Advisory("too-short", "info", t("advisory.too_short", lang, words=format_number(words, lang, 0),
                                            min=format_number(length.min_words, lang, 0)))


def too_long(f: Facts) -> Advisory | None:
    length, lang, words = f.rubric.length, f.lang, f.words
    if length.max_words is None or words <= length.max_words:
        return None
    return Advisory("too-long", "info", t("advisory.too_long", lang, words=format_number(words, lang, 0),
                                           max=format_number(length.max_words, lang, 0)))


def wrong_language(f: Facts) -> Advisory | None:
    """Mostly English (a warning), or English from the rubric's share on (a note)."""
    lang, english_share = f.lang, f.english_share
    judged = f.indonesian + f.english
    if judged and f.english > f.indonesian:
        return Advisory("wrong-language", "warning",
                        t("advisory.wrong_language", lang, share=round(100 * english_share)))
    if judged and english_share >= f.rubric.advisories.english_share:
        return Advisory("wrong-language", "info", t("advisory.mixed_language", lang, share=round(100 * english_share)))
    return None


def off_topic(f: Facts) -> Advisory | None:
    """Few sentences touch the rubric's ideas (few concepts, or all in a few sentences), or the
    ones that do stand alone among unrelated sentences; not for stuffing or a copy, which
    have advisories of their own."""
    analysis, body_end, topic_share = f.analysis, f.body_end, f.topic_share
    strong_concepts = sum(1 for k in f.concepts if any(e.weak is None for e in k.evidence))
    starts = sorted({s for s, _ in f.evidence_sentences})
    sentence_starts = [start for start, (s, _) in zip(analysis.sentence_starts, analysis.sentences) if s < body_end]
    index = {start: i for i, start in enumerate(sentence_starts)}
    positions = sorted(index[s] for s in starts if s in index)
    isolated = sum(1 for i, p in enumerate(positions)
                   if (i == 0 or positions[i - 1] < p - 1) and (i == len(positions) - 1 or positions[i + 1] > p + 1))
    sprinkled = (len(positions) >= 3 and isolated >= SPRINKLED_ISOLATED * len(positions)
                 and topic_share < SPRINKLED_MAX_SHARE)
    thin = topic_share < f.rubric.advisories.off_topic_share and (
        strong_concepts <= OFF_TOPIC_MAX_CONCEPTS or len(f.evidence_sentences) <= OFF_TOPIC_MAX_SENTENCES)
    stuffed = any(k.reason == "stuffing" for k in f.concepts)
    if f.body_sentences >= MIN_SENTENCES_FOR_TOPIC and (thin or sprinkled) and not stuffed and not f.copied:
        if not topic_share:  # "hanya 0%" says nothing a student can read: none of them does
            return Advisory("off-topic", "warning", t("advisory.off_topic_none", f.lang))
        return Advisory("off-topic", "warning", t("advisory.off_topic", f.lang, share=max(1, round(100 * topic_share))))
    return None


def keyword_stuffing(f: Facts) -> Advisory | None:
    """Concepts that rest on lists or term salads: they earned nothing (a warning), or only
    half because their only evidence is a list (a note)."""
    lang = f.lang
    stuffed = [k for k in f.concepts if k.reason == "stuffing"]
    if not stuffed:
        return None
    nothing = any(k.stuffed for k in stuffed)
    return Advisory("keyword-stuffing", "warning" if nothing else "info",
                    t("advisory.stuffing" if nothing else "advisory.stuffing_partial", lang,
                      concepts=join_labels([k.label for k in stuffed], lang)),
                    spans=_spans([e for k in stuffed for e in (k.stuffed or k.evidence)]))


def negation(f: Facts) -> Advisory | None:
    lang = f.lang
    negated = [k for k in f.concepts if k.reason == "negation"
               or (k.evidence and all(e.weak == "negation" for e in k.evidence))]
    if not negated:
        return None
    return Advisory("negation", "info", t("advisory.negation", lang, concepts=join_labels([k.label for k in negated], lang)),
                    spans=_spans([e for k in negated for e in k.evidence]))


def mixed_script(f: Facts) -> Advisory | None:
    analysis, lang = f.analysis, f.lang
    body_chars = _body_chars(analysis, f.body_end)
    disguised = [(s, e) for s, e in analysis.layout.disguised if s < body_chars]
    if not disguised:
        return None
    s, e = disguised[0]
    return Advisory("mixed-script", "warning",
                    t("advisory.mixed_script", lang, count=format_number(len(disguised), lang, 0),
                      example=analysis.original[s:e]),
                    spans=tuple(Span(s, e, analysis.original[s:e]) for s, e in disguised[:MAX_SPANS]))


def run_on(f: Facts) -> Advisory | None:
    lang = f.lang
    long_sentences = [n for n in sentence_words(f.analysis, f.body_end) if n > RUN_ON_WORDS]
    if not long_sentences:
        return None
    return Advisory("run-on", "info", t("advisory.run_on", lang, count=format_number(len(long_sentences), lang, 0),
                                         limit=format_number(RUN_ON_WORDS, lang, 0),
                                         words=format_number(max(long_sentences), lang, 0)))


@dataclass(frozen=True, slots=True)
class Check:
    """One advisory of the registry: its code and the check that makes it."""

    code: AdvisoryCode
    run: Callable[[Facts], Advisory | None]


ADVISORIES: tuple[Check, ...] = (
    Check("too-short", too_short),
    Check("too-long", too_long),
    Check("wrong-language", wrong_language),
    Check("off-topic", off_topic),
    Check("keyword-stuffing", keyword_stuffing),
    Check("negation", negation),
    Check("mixed-script", mixed_script),
    Check("run-on", run_on),
)


def advise(rubric: Rubric, analysis: Analysis, criteria: Sequence[CriterionResult], body_end: int, words: int,
           lang: str, copied: bool = False, on_topic: frozenset[tuple[int, int]] = frozenset(),
           learned: frozenset[str] = frozenset()) -> tuple[list[Advisory], Measures]:
    """The advisories of one essay, and measurements that go into the record. ``copied``:
    the essay is mostly copied from a source (its evidence was set aside, so it is not
    judged off topic for that). ``on_topic``: sentences that name a concept (a term, or a
    group that earns credit alone), also beyond the evidence the record keeps. ``learned``: the
    concepts the learned reading credited (``measure``)."""
    facts = measure(rubric, analysis, criteria, body_end, words, lang, copied, on_topic, learned)
    found = (check.run(facts) for check in ADVISORIES)
    return [a for a in found if a is not None], Measures(round(facts.english_share, 3), round(facts.topic_share, 3))
