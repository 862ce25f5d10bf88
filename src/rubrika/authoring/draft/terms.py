"""Terms per point: the words and phrases that tell a point's sentences apart from the rest of
the article and from ordinary Indonesian.

Candidates are 1-2 word n-grams of the point's sentences, compared on the normal forms the
matcher reads (``kerja-sama``, ``dipromosikan`` and ``mempromosikan`` are one form each), so
a term drafted from one form matches the others. A candidate is kept when

* it does not start or end with a function word (a very common stop word);
* it stands in at most ``MAX_OUTSIDE`` sentences of the main text outside the point, and in
  fewer of them than in the point's own (but for the point's first sentence, which states it:
  "nilai-nilai universal" of one point may be named in passing by another);
* it is not ordinary Indonesian: one word rarer than ``WORD_ZIPF`` on wordfreq's Zipf scale,
  or a phrase with a word rarer than ``PHRASE_ZIPF`` (or repeated in the point).

Kept candidates are ranked by how often the point says them, how rare their rarest word is and
how long they are; the best ``MAX_TERMS`` are the point's terms. A phrase with a rare word, said
nowhere else in the article, is a *key* term: it carries the point alone. The others form two
groups, by where the point says them (its first sentence, or the first half of a one-sentence
point; the rest), and need each other in one paragraph: one word of a point is often said in
passing, two of its words together seldom are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rubrika.authoring.draft.article import Article, Sentence
from rubrika.authoring.draft.points import Point
from rubrika.authoring.draft.words import is_function_word, is_stop, zipf

MAX_NGRAM = 2
MAX_OUTSIDE = 1
WORD_ZIPF = 5.0
PHRASE_ZIPF = 5.3
KEY_ZIPF = 5.0
MAX_TERMS = 8  # words and phrases in a point's two groups
MAX_KEY = 4  # key phrases
MIN_TERMS = 3  # fewer distinguishing terms: the point is marked for review


@dataclass
class Term:
    text: str  # as the point writes it (lowercase)
    norm: tuple[str, ...]
    inside: int  # sentences of the point holding it
    outside: int  # sentences of the main text outside the point holding it
    rarest: float  # Zipf of its rarest word
    first: int  # index of the point's sentence where it first stands
    position: float  # where in that sentence (0 = start, 1 = end)
    key: bool = False

    @property
    def score(self) -> float:
        return self.inside * (1 + 0.4 * (len(self.norm) - 1)) * max(0.5, 6.5 - self.rarest) / (1 + self.outside)


@dataclass
class PointTerms:
    key: list[Term] = field(default_factory=list)
    core: list[Term] = field(default_factory=list)  # said first
    detail: list[Term] = field(default_factory=list)  # said after
    classes: tuple[list[str], list[str]] = ([], [])  # instance classes it names: said first, said after

    @property
    def all(self) -> list[Term]:
        return self.key + self.core + self.detail


def _grams(sentence: Sentence) -> dict[tuple[str, ...], tuple[str, float]]:
    """n-gram (normal forms) -> (its surface text, relative position) of one sentence."""
    out: dict[tuple[str, ...], tuple[str, float]] = {}
    norms, lowers = sentence.norms, sentence.lowers
    n_words = max(1, len(norms) - 1)
    for n in range(1, MAX_NGRAM + 1):
        for i in range(len(norms) - n + 1):
            if i in sentence.glued or (i + n) in sentence.glued or any(j in sentence.breaks for j in range(i + 1, i + n)):
                continue  # part of a word the tokenizer split, or across a comma
            gram = norms[i:i + n]
            if gram not in out:
                surface = "".join((" " if j > i and j not in sentence.glued else "") + _written(sentence, j)
                                  for j in range(i, i + n))
                out[gram] = (surface, i / n_words)
    return out


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _written(sentence: Sentence, j: int) -> str:
    """Word ``j`` as a term: lowercase, but an acronym as written ("WTO": a short capital term
    matches only as written)."""
    return sentence.acronyms.get(j, sentence.lowers[j])


def _acceptable(gram: tuple[str, ...], surface: str) -> tuple[bool, float]:
    """Whether an n-gram may be a term at all, and the Zipf of its rarest content word."""
    words = surface.split()
    if any(not any(ch.isalpha() for ch in w) for w in words) or any(ch.isdigit() for ch in surface):
        return False, 9.0
    first, last = words[0], words[-1]
    if len(words) == 1:
        if is_stop(first) or is_stop(gram[0]) or len(first) < 3:
            return False, 9.0
    else:
        if is_stop(first) or is_stop(last) or is_function_word(last) or _affixed_verb(first, gram[0]) \
                or _affixed_verb(last, gram[-1]):
            return False, 9.0
        if sum(not is_stop(w) for w in words) < len(words) - 1 or any(is_function_word(w) for w in words[1:-1]):
            return False, 9.0
    content = [w for w in words if not is_stop(w)] or words
    return True, min(zipf(w.replace("-", " ")) for w in content)


def point_terms(point: Point, article: Article, exclude: frozenset[tuple[str, ...]] = frozenset()) -> PointTerms:
    """The distinguishing terms of ``point``; ``exclude``: n-grams (normal forms) never drafted
    as a point's terms (the defined terms, which have concepts of their own)."""
    inside_ids = {(s.block, s.number) for s in point.sentences}
    outside = [s for s in article.sentences if (s.block, s.number) not in inside_ids]
    out_counts: Counter = Counter()
    out_squashed: Counter = Counter()  # the same words written joined or apart ("kerjasama", "kerja sama")
    for s in outside:
        grams = _grams(s)
        out_counts.update(set(grams))
        out_squashed.update({_squash(surface) for surface, _ in grams.values()} |
                            {_squash(" ".join(s.lowers[i:i + n])) for n in (1, 2, 3) for i in range(len(s.lowers))})
    found: dict[tuple[str, ...], Term] = {}
    counts: Counter = Counter()
    for k, sentence in enumerate(point.sentences):
        grams = _grams(sentence)
        counts.update(set(grams))
        for gram, (surface, position) in grams.items():
            if gram in found or gram in exclude:
                continue
            ok, rarest = _acceptable(gram, surface)
            if not ok:
                continue
            outside_count = max(out_counts[gram], out_squashed[_squash(surface)])
            found[gram] = Term(surface, gram, 0, outside_count, rarest, k, position)
    kept: list[Term] = []
    for gram, term in found.items():
        term.inside = counts[gram]
        if term.outside > MAX_OUTSIDE or (term.outside >= term.inside and term.first > 0):
            continue  # a word of the point's first sentence (its thesis) may be said once elsewhere
        if len(gram) == 1 and term.rarest >= WORD_ZIPF:
            continue
        if len(gram) > 1 and term.rarest >= PHRASE_ZIPF and term.inside < 2:
            continue
        kept.append(term)
    kept.sort(key=lambda t: (-t.score, t.first, t.position, t.text))
    result = PointTerms()
    chosen: list[Term] = []
    for term in kept:
        if len(term.norm) > 1 and term.outside == 0 and term.rarest < KEY_ZIPF:
            if len(result.key) >= MAX_KEY:
                continue
            term.key = True
            result.key.append(term)
        elif len(chosen) - len(result.key) >= MAX_TERMS:
            continue
        chosen.append(term)
    result.classes = point_classes(point, exclude)
    split = _split_point(point)
    for term in chosen:
        if term.key:
            continue
        if (term.first, term.position) < split:
            result.core.append(term)
        else:
            result.detail.append(term)
    return result


@lru_cache(maxsize=1)
def _instance_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Per instance class, its members as the matcher reads them (normal forms); a member that
    belongs to more than one class ("sengketa": a tension, a failed agreement, an organisation's
    business) says nothing about which kind the article means, and is left out."""
    from rubrika.nlp.language_data import instance_classes, word_classes
    from rubrika.nlp.pipeline import get_nlp

    nlp, classes = get_nlp(), word_classes()
    forms_of = {name: {tuple(t.norm_ for t in nlp(m) if not t.is_punct) for m in members} - {()}
                for name, members in classes.items()}
    seen = Counter(form for forms in forms_of.values() for form in forms)
    return {name: tuple(sorted(f for f in forms_of[name] if seen[f] == 1)) for name in instance_classes()}


def _within(form: tuple[str, ...], grams: frozenset[tuple[str, ...]]) -> bool:
    return any(form == g[i:i + len(form)] for g in grams for i in range(len(g) - len(form) + 1))


def point_classes(point: Point, exclude: frozenset[tuple[str, ...]] = frozenset()) -> tuple[list[str], list[str]]:
    """The instance classes the point's sentences name a member of (``pandemi`` names the class of
    cross-border problems), split like its terms by where the first member stands: (said first,
    said after). A member that is part of a defined term ("hak asasi manusia") does not count.
    A group that names a class also credits the other members of it."""
    split = _split_point(point)
    core: list[str] = []
    detail: list[str] = []
    for name, forms in _instance_forms().items():
        first = None
        for k, sentence in enumerate(point.sentences):
            norms, n_words = sentence.norms, max(1, len(sentence.norms) - 1)
            for form in forms:
                if _within(form, exclude):
                    continue
                for i in range(len(norms) - len(form) + 1):
                    if norms[i:i + len(form)] == form and (first is None or (k, i / n_words) < first):
                        first = (k, i / n_words)
        if first is not None:
            (core if first < split else detail).append(name)
    return core, detail


def _affixed_verb(lower: str, norm: str) -> bool:
    """A verb with an affix ("meningkatkan"): a phrase it opens says more than the idea needs
    ("meningkatkan saling pengertian"), and one it closes is a clause, not a term ("kendaraan
    bertambah"); the words beside it are candidates of their own."""
    return lower != norm and lower.startswith(("me", "di", "ber", "ter"))


def _split_point(point: Point) -> tuple[int, float]:
    """Where the point's first part ends: after its first sentence, or halfway through a
    one-sentence point."""
    return (1, 0.0) if len(point.sentences) > 1 else (0, 0.5)
