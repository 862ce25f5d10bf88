"""Definitions: sentences of the article that say what a term means ("X adalah / merupakan /
ialah / yaitu / diartikan sebagai …", "… disebut X"), with the term and its written variants.

A definition is *sure* when its term is short (at most ``SURE_WORDS`` words), is used again
elsewhere in the article, and what follows the cue is long enough to say something. Otherwise
it is kept but marked unsure (the draft marks it ``# PERIKSA``). A subject of two terms ("X dan
Y adalah dua konsep …") defines neither, and a subject that opens with a determiner or a
judgement ("Salah satu tujuan … adalah", "Beberapa alasan … adalah sebagai berikut") is no
definition at all: both are listed, never drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rubrika.authoring.draft.article import Article, Sentence
from rubrika.authoring.draft.words import drafting, zipf
from rubrika.nlp import language_data

SURE_WORDS = 4  # a defined term of more words is kept, marked unsure
MAX_WORDS = 6  # ... and one of more words is no term
MIN_PREDICATE = 3  # words after the cue that can say what a term means
JOINED_ZIPF = 3.0  # two words of a term written as one ("kerja sama" -> "kerjasama") are a variant
# when the joined word is this common in Indonesian (wordfreq's Zipf scale)
FAMILY_ZIPF = 4.5  # the word a term is derived from is a variant when rarer than this
_PREPOSITIONS = frozenset({"di", "ke", "dari", "dalam", "untuk", "pada", "oleh", "dengan", "yang", "terhadap"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")
_WORD = re.compile(r"[\w]+(?:-[\w]+)*")


@dataclass
class Definition:
    term: str  # as written in the article (lowercase, acronyms kept)
    sentence: Sentence
    cue: str
    sure: bool
    doubts: list[str] = field(default_factory=list)  # why it is unsure: message keys
    variants: list[str] = field(default_factory=list)  # other ways of writing the term

    @property
    def terms(self) -> list[str]:
        return [self.term] + [v for v in self.variants if v != self.term]


@dataclass
class Skipped:
    sentence: Sentence
    reason: str  # message key


def _cues() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    data = language_data.get().definitions
    after = sorted((tuple(c.split()) for c in data.after), key=len, reverse=True)
    naming = sorted((tuple(c.split()) for c in data.naming), key=len, reverse=True)
    return after, naming


def _find(words: tuple[str, ...], cues: list[tuple[str, ...]]) -> tuple[int, tuple[str, ...]] | None:
    for i in range(len(words)):
        for cue in cues:
            if words[i:i + len(cue)] == cue:
                return i, cue
    return None


def _surface(sentence: Sentence, start: int, end: int) -> str:
    """The words [start, end) as the article writes them: lowercase, acronyms kept."""
    originals = _WORD.findall(sentence.text)
    # words of the sentence in order; the tokenizer and the regex agree on plain words
    out = []
    for i in range(start, end):
        lower = sentence.lowers[i]
        written = next((w for w in originals if w.lower() == lower), lower)
        out.append(written if _ACRONYM.match(written) else lower)
    return " ".join(out)


def _subject_start(sentence: Sentence, cue_at: int) -> int:
    """Where the subject before a cue starts: after the last comma of its clause ("Menurut KBBI,
    demokrasi adalah …"), after 'bahwa', and after connectives ("Secara umum, …", "Adapun …")."""
    defs = language_data.get().definitions
    text_words = sentence.lowers
    # A comma cuts the subject only after a lead-in: a source ("Menurut KBBI, …") or connectives
    # ("Secara sederhana, …"); a comma inside a list of terms leaves the whole (too long) subject.
    start = 0
    consumed = 0
    for piece in re.split(r"[,;:()]", sentence.text)[:-1]:
        lead = text_words[start:consumed + len(_WORD.findall(piece))]
        consumed += len(_WORD.findall(piece))
        if consumed > cue_at:
            break
        if lead and (lead[0] in defs.source_cues or all(w in defs.connectives for w in lead)):
            start = consumed
    for i in range(start, cue_at):
        if text_words[i] == "bahwa":
            start = i + 1
    intro = [tuple(c.split()) for c in defs.intro]
    moved = True
    while moved and start < cue_at:
        moved = False
        if text_words[start] in defs.connectives or text_words[start] in defs.source_cues:
            start += 1
            moved = True
            continue
        for cue in intro:
            if tuple(text_words[start:start + len(cue)]) == cue:
                start += len(cue)
                moved = True
                break
    return start


def find_definitions(article: Article) -> tuple[list[Definition], list[Skipped]]:
    """Every defining sentence of the main text (one definition per term: the first)."""
    after, naming = _cues()
    data = drafting()
    not_starts = frozenset(data["not_term_starts"])
    not_predicates = frozenset(data["not_definition_starts"])
    evaluative = language_data.get().definitions.evaluative
    found: list[Definition] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    body_text = " ".join(" ".join(s.lowers) for s in article.sentences)
    for sentence in article.sentences:
        words = sentence.lowers
        if article.blocks[sentence.block].kind == "heading":
            continue
        hit = _find(words, after)
        term_span: tuple[int, int] | None = None
        predicate: tuple[str, ...] = ()
        cue = ""
        if hit is not None and hit[0] > 0:
            at, cue_words = hit
            cue = " ".join(cue_words)
            start = _subject_start(sentence, at)
            term_span = (start, at)
            predicate = words[at + len(cue_words):]
        else:
            named = _find(words, naming)
            if named is not None and named[0] >= MIN_PREDICATE:
                at, cue_words = named
                cue = " ".join(cue_words)
                end = at + len(cue_words)
                stop = end
                while stop < len(words) and stop - end < MAX_WORDS and words[stop] not in {"dan", "yang", "atau"}:
                    stop += 1
                term_span = (end, stop)
                predicate = words[:at]
        if term_span is None:
            continue
        t_start, t_end = term_span
        subject = words[t_start:t_end]
        if not subject or subject[0] in not_starts or subject[0].isdigit() or len(subject) > MAX_WORDS:
            if subject and len(subject) <= MAX_WORDS + 2:
                skipped.append(Skipped(sentence, "draft.skip.not_a_term"))
            continue
        if any(w in ("dan", "atau", "serta", "maupun") for w in subject):
            skipped.append(Skipped(sentence, "draft.skip.two_terms"))
            continue
        if any(w in _PREPOSITIONS for w in subject):
            skipped.append(Skipped(sentence, "draft.skip.not_a_term"))
            continue
        if not predicate or predicate[0] in not_predicates or predicate[0] in evaluative:
            skipped.append(Skipped(sentence, "draft.skip.not_a_definition"))
            continue
        last = _surface(sentence, t_end - 1, t_end)
        if t_end - t_start > 1 and _ACRONYM.match(last) and f"({last})" in sentence.text:
            t_end -= 1  # "Sisa hasil usaha (SHU) yaitu …": the acronym is a variant, not part of the term
            subject = subject[:-1]
        term = _surface(sentence, t_start, t_end)
        if term in seen:
            continue
        seen.add(term)
        doubts = []
        if len(subject) > SURE_WORDS:
            doubts.append("draft.doubt.long_term")
        if len(predicate) < MIN_PREDICATE:
            doubts.append("draft.doubt.short_meaning")
        if body_text.count(" ".join(subject)) < 2:
            doubts.append("draft.doubt.used_once")
        if all(zipf(w) >= 5.5 for w in subject):
            doubts.append("draft.doubt.common_words")
        found.append(Definition(term, sentence, cue, not doubts, doubts))
    for definition in found:
        definition.variants = variants(definition.term, article)
    return found, skipped


def _squash(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text.lower())


def _family(word: str, article: Article) -> list[str]:
    """The word a one-word term is derived from, when the article uses it and it is no everyday
    word ("multilateralisme" -> "multilateral"; not "globalisasi" -> "global")."""
    out = []
    for suffix in drafting()["family_suffixes"]:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and zipf(stem) < FAMILY_ZIPF \
                and any(stem in s.lowers for s in article.sentences):
            out.append(stem)
    return out


def variants(term: str, article: Article) -> list[str]:
    """Other ways the term is written: as the article itself writes it elsewhere (joined, split
    or hyphenated), two of its words joined when Indonesian writes them so ("kerjasama"), the
    word a one-word term is derived from, and its acronym when the article gives one ("hak asasi manusia (HAM)", or HAM standing for it)."""
    words = term.split()
    found: list[str] = []
    target = _squash(term)
    for sentence in article.sentences:
        lows = sentence.lowers
        for n in range(max(1, len(words) - 1), len(words) + 2):
            for i in range(len(lows) - n + 1):
                gram = " ".join(lows[i:i + n])
                if _squash(gram) == target and gram != term.lower() and gram.replace("-", " ") != term.lower():
                    found.append(gram)
    for i in range(len(words) - 1):
        joined = words[i] + words[i + 1]
        if zipf(joined) >= JOINED_ZIPF:
            found.append(" ".join(words[:i] + [joined] + words[i + 2:]))
    if len(words) == 1:
        found += _family(words[0], article)
    if len(words) >= 2:  # the last word said another way ("kerja sama antarnegara")
        for same in drafting()["same_modifiers"]:
            if words[-1].lower() in same:
                found += [" ".join(words[:-1] + [other]) for other in same if other != words[-1].lower()]
                break
        initials = "".join(w[0] for w in words).upper()
        brackets = re.compile(re.escape(term) + r"\s*\((?P<a>[A-Z][A-Z0-9]{1,6})\)", re.IGNORECASE)
        m = brackets.search(article.text)
        if m:
            found.append(m.group("a"))
        elif re.search(r"\b" + re.escape(initials) + r"\b", article.text):
            found.append(initials)
    out: list[str] = []
    for v in found:
        if v not in out and v != term:
            out.append(v)
    return out
