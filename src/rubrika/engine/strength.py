"""Whether a piece of evidence is strong: said by the student in a real sentence, not negated.

Keyword scoring is easy to game and easy to fool. Evidence is *weak* when:

* ``stuffing``: its sentence is not prose: nothing but rubric terms (a list item, a string of
  terms; a short one with a verb such as "PBB menjaga perdamaian dunia" is still a clause),
  a line of terms with a verb counts terms, not words, so a name of several words is one;
  terms of three or more concepts with at most two other words (a "salad" strung into a
  sentence-like line), or one term repeated three times or more in a sentence that has few
  other words (a long run-on sentence may well name its topic three times). A sentence with
  a verb and three or more words besides the terms that name concepts, one of them a function
  word such as "dalam" or "lebih", is a full sentence, never a list;
* ``negation``: a negator (``rubrika/data/indonesian.yaml``) stands right before it in its clause ("tidak ada dialog"), unless
  the negation is not one (``tidak hanya``, ``bukan sekadar``, ``tidak dapat dipungkiri``,
  ``tanpa membedakan``), is cancelled by a second negator ("tidak akan tercapai tanpa kerja
  sama"), or sits in a condition ("jika negara tidak bekerja sama, ...").

A concept whose evidence is all weak gets partial credit at most, and an advisory says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from itertools import accumulate

from spacy.attrs import IS_STOP

from rubrika.engine.analysis import Analysis
from rubrika.nlp import language_data
from rubrika.result import Weak

_DATA = language_data.get()
_NEG = _DATA.negation
MIN_CLAUSE_OF_TERMS = 6  # a line of rubric terms with a verb ("PBB menjaga perdamaian") is a clause up to this
VERB_PREFIXES = _DATA.morphology.verb_starts
FULL_SENTENCE_OTHER_WORDS = 3  # a verb and this many words besides terms, one a function word: a sentence
SALAD_CONCEPTS = 3  # terms of this many concepts ...
SALAD_OTHER_WORDS = 2  # ... with at most this many other words: a salad, not a sentence
LIST_WORDS = _DATA.list_words
MAX_TERM_REPEATS = 3
REPEAT_WORDS_EACH = 8  # a sentence with fewer words than this per repetition of one term is a string of it


class EvidenceJudge:
    """Judges evidence spans (token index pairs) of one analysed essay.

    ``matches`` holds every rubric match of the essay as (start, end, concept key, role), so a
    sentence can be seen as a whole: how many of its words are rubric terms, of how many
    concepts (role ``core``: a term or a group that names its concept).
    """

    def __init__(self, analysis: Analysis, matches: Sequence[tuple[int, int, object, str]],
                 fillers: Collection[int] = frozenset()):
        """``fillers``: tokens inside a words-apart match that are not the term's own words
        ("kerja sama *banyak* negara"); they are the student's words, not rubric terms."""
        self.analysis = analysis
        _, norms, _ = analysis.token_table
        self._covered: set[int] = set()
        self._concepts: dict[int, set[object]] = {}
        repeats: Counter[tuple[int, str]] = Counter()
        self._core: set[int] = set()
        counted: set[tuple[int, int]] = set()
        self._spans: dict[int, set[tuple[int, int]]] = {}
        for start, end, concept, role in set(matches):
            sentence = analysis.sent_of[start]
            self._covered.update(range(start, end))
            self._spans.setdefault(sentence, set()).add((start, end))
            if role == "core":
                self._core.update(range(start, end))
                self._concepts.setdefault(sentence, set()).add(concept)
            if role != "context" and (start, end) not in counted:  # each place once, whatever matched it
                counted.add((start, end))
                repeats[(sentence, " ".join(norms[start:end]))] += 1
        self._covered -= set(fillers)
        self._repeated = {s for (s, _), n in repeats.items()
                          if n >= MAX_TERM_REPEATS and self._sentence_words(s) < REPEAT_WORDS_EACH * n}
        self._prose: dict[int, bool] = {}
        self._stop: list[int] = analysis.column(IS_STOP)  # read as one array: no Token objects
        # For negation, read once per essay so that each piece of evidence costs the same in
        # a sentence of any length: the last clause break and the last word before each token,
        # and how many negators and condition words precede each token.
        lower = analysis.token_table[0]
        non_words = analysis.non_words
        self._last_break = analysis.last_before("negation-breaks", lambda: [w in _NEG.clause_breaks for w in lower])
        self._last_word = analysis.last_before("words", lambda: [not non_word for non_word in non_words])
        self._negators = [0, *accumulate(word in _NEG.negators for word in lower)]
        self._conditionals = [0, *accumulate(word in _NEG.conditionals for word in lower)]

    def _sentence_words(self, sentence: int) -> int:
        return self.analysis.words_between(*self.analysis.sentences[sentence])

    def is_prose(self, sentence: int) -> bool:
        if sentence not in self._prose:
            s_start, s_end = self.analysis.sentences[sentence]
            lower, norm, alpha = self.analysis.token_table
            non_words = self.analysis.non_words
            words = [i for i in range(s_start, s_end) if not non_words[i]]
            other = [i for i in words if i not in self._covered and lower[i] not in LIST_WORDS]
            verb = any(alpha[i] and norm[i] != lower[i] and lower[i].startswith(VERB_PREFIXES) for i in words)
            # A full sentence is never a list: a verb, and words of the student's own besides the
            # terms that name concepts, among them a function word ("dalam", "yang", "lebih").
            plain = [i for i in words if i not in self._core]
            if verb and len(plain) >= FULL_SENTENCE_OTHER_WORDS and any(self._stop[i] for i in plain):
                self._prose[sentence] = True
                return True
            # a name of several words ("Perserikatan Bangsa-Bangsa") is one term: a clause of terms
            # is counted in terms, not in words
            only_terms = not other and (not verb or self._terms_in(sentence) >= MIN_CLAUSE_OF_TERMS)
            salad = len(self._concepts.get(sentence, ())) >= SALAD_CONCEPTS and len(other) <= SALAD_OTHER_WORDS
            self._prose[sentence] = not (only_terms or salad or sentence in self._repeated)
        return self._prose[sentence]

    def _terms_in(self, sentence: int) -> int:
        """How many terms the sentence holds: matches not inside a longer one."""
        spans = self._spans.get(sentence, set())
        return sum(1 for a, b in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans))

    def is_negated(self, start: int) -> bool:
        lower = self.analysis.token_table[0]
        s_start, _ = self.analysis.sentences[self.analysis.sent_of[start]]
        begin = max(s_start, self._last_break[start] + 1)  # the clause before the evidence: [begin, start)
        window: list[int] = []
        i = self._last_word[start]
        while i >= begin and len(window) < _NEG.window:
            window.append(i)
            i = self._last_word[i]
        window.reverse()  # the clause's last words before the evidence, in order
        negators = [i for i in window if lower[i] in _NEG.negators or lower[i].startswith(_NEG.negator_prefixes)]
        if not negators:
            return False
        n = negators[-1]
        following = lower[n + 1] if n + 1 < len(lower) else ""
        after = lower[n + 2] if n + 2 < len(lower) else ""
        if following in _NEG.not_negation_next or (following, after) in _NEG.not_negation_pairs:
            return False
        if self._negators[n] > self._negators[begin]:
            return False  # a double negative: "tidak akan tercapai tanpa kerja sama"
        if self._conditionals[n] > self._conditionals[begin]:
            return False  # a condition, not a claim: "jika tidak ada dialog, ..."
        return True

    def weakness(self, span: tuple[int, int]) -> Weak | None:
        """``"stuffing"``, ``"negation"`` or None for strong evidence."""
        if not self.is_prose(self.analysis.sent_of[span[0]]):
            return "stuffing"
        if self.is_negated(span[0]):
            return "negation"
        return None
