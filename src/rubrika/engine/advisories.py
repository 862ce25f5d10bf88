"""Integrity advisories: notes a teacher sees next to the score, never silent deductions.

Codes (fixed): too-short, too-long, off-topic, wrong-language, keyword-stuffing, negation,
mixed-script, run-on, copied-source, similar-essays (the last one is added by a batch, which
sees all essays).
"""

from __future__ import annotations

from rubrika.engine.analysis import Analysis
from rubrika.messages.feedback import join_labels
from rubrika.messages import t
from rubrika.messages.numbers import format_number
from rubrika.nlp.language import guess_language
from rubrika.result import Advisory, CriterionResult, Evidence, Span
from rubrika.rubric.model import Rubric

_REFERENCE_CHECKS = frozenset({"bagian-referensi", "jumlah-entri", "sitasi-dalam-teks"})
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
    seen, out = set(), []
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


def advise(rubric: Rubric, analysis: Analysis, criteria: list[CriterionResult], body_end: int, words: int,
           lang: str, copied: bool = False) -> tuple[list[Advisory], dict]:
    """The advisories of one essay, and measurements that go into the record. ``copied``:
    the essay is mostly copied from a source (its evidence was set aside, so it is not
    judged off topic for that)."""
    settings = rubric.advisories
    out: list[Advisory] = []
    length = rubric.length
    if words < length.min_words:
        out.append(Advisory("too-short", "info", t("advisory.too_short", lang, words=format_number(words, lang, 0),
                                                     min=format_number(length.min_words, lang, 0))))
    if length.max_words is not None and words > length.max_words:
        out.append(Advisory("too-long", "info", t("advisory.too_long", lang, words=format_number(words, lang, 0),
                                                     max=format_number(length.max_words, lang, 0))))

    indonesian, english = sentence_languages(analysis, body_end)
    judged = indonesian + english
    english_share = english / judged if judged else 0.0
    if judged and english > indonesian:
        out.append(Advisory("wrong-language", "warning",
                            t("advisory.wrong_language", lang, share=round(100 * english_share))))
    elif judged and english_share >= settings.english_share:
        out.append(Advisory("wrong-language", "info", t("advisory.mixed_language", lang, share=round(100 * english_share))))

    concepts = [k for c in criteria for k in c.concepts if k.id not in _REFERENCE_CHECKS]
    evidence = [e for k in concepts for e in k.evidence]
    sentences_with_evidence = {e.sentence for e in evidence if e.weak is None}
    body_sentences = sum(1 for start, _ in analysis.sentences if start < body_end)
    topic_share = len(sentences_with_evidence) / body_sentences if body_sentences else 0.0
    strong_concepts = sum(1 for k in concepts if any(e.weak is None for e in k.evidence))
    starts = sorted({s for s, _ in sentences_with_evidence})
    sentence_starts = [start for start, (s, _) in zip(analysis.sentence_starts, analysis.sentences) if s < body_end]
    index = {start: i for i, start in enumerate(sentence_starts)}
    positions = sorted(index[s] for s in starts if s in index)
    isolated = sum(1 for i, p in enumerate(positions)
                   if (i == 0 or positions[i - 1] < p - 1) and (i == len(positions) - 1 or positions[i + 1] > p + 1))
    sprinkled = (len(positions) >= 3 and isolated >= SPRINKLED_ISOLATED * len(positions)
                 and topic_share < SPRINKLED_MAX_SHARE)
    thin = topic_share < settings.off_topic_share and (
        strong_concepts <= OFF_TOPIC_MAX_CONCEPTS or len(sentences_with_evidence) <= OFF_TOPIC_MAX_SENTENCES)
    stuffed = [k for k in concepts if k.reason == "stuffing"]
    if body_sentences >= MIN_SENTENCES_FOR_TOPIC and (thin or sprinkled) and not stuffed and not copied:
        out.append(Advisory("off-topic", "warning", t("advisory.off_topic", lang, share=round(100 * topic_share))))
    if stuffed:  # earned nothing (a warning), or only half because its only evidence is a list (a note)
        nothing = any(k.stuffed for k in stuffed)
        out.append(Advisory("keyword-stuffing", "warning" if nothing else "info",
                            t("advisory.stuffing" if nothing else "advisory.stuffing_partial", lang,
                              concepts=join_labels([k.label for k in stuffed], lang)),
                            spans=_spans([e for k in stuffed for e in (k.stuffed or k.evidence)])))
    negated = [k for k in concepts if k.reason == "negation"
               or (k.evidence and all(e.weak == "negation" for e in k.evidence))]
    if negated:
        out.append(Advisory("negation", "info", t("advisory.negation", lang, concepts=join_labels([k.label for k in negated], lang)),
                            spans=_spans([e for k in negated for e in k.evidence])))
    body_chars = _body_chars(analysis, body_end)
    disguised = [(s, e) for s, e in analysis.layout.disguised if s < body_chars]
    if disguised:
        s, e = disguised[0]
        out.append(Advisory("mixed-script", "warning",
                            t("advisory.mixed_script", lang, count=format_number(len(disguised), lang, 0),
                              example=analysis.original[s:e]),
                            spans=tuple(Span(s, e, analysis.original[s:e]) for s, e in disguised[:MAX_SPANS])))
    long_sentences = [n for n in sentence_words(analysis, body_end) if n > RUN_ON_WORDS]
    if long_sentences:
        out.append(Advisory("run-on", "info", t("advisory.run_on", lang, count=format_number(len(long_sentences), lang, 0),
                                                 limit=format_number(RUN_ON_WORDS, lang, 0),
                                                 words=format_number(max(long_sentences), lang, 0))))
    return out, {"english_share": round(english_share, 3), "topic_share": round(topic_share, 3)}
