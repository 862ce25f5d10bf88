"""engine/anchored.py finds exactly what spaCy's Matcher finds for the patterns it takes."""

from __future__ import annotations

import random

from spacy.matcher import Matcher

from rubrika.engine import anchored
from rubrika.nlp.pipeline import get_nlp

WORDS = ["kerja", "sama", "hak", "asasi", "manusia", "tidak", "dan", ",", ".", "yang", "negara", "damai",
         "\n", "-", "atau"]


def _pattern(rng: random.Random) -> list[dict]:
    if rng.random() < 0.2:  # a first token of one of several words, indexed by each
        out = [{rng.choice(["NORM", "LOWER"]): {"IN": rng.sample(WORDS[:10], 3)}}]
    else:
        out = [{"NORM": rng.choice(WORDS[:8])}]
    for _ in range(rng.randint(0, 3)):
        if rng.random() < 0.7:
            op = rng.choice(["?", "{0,2}", "{0,3}", "{1}", "{2}", "{1,3}", "{,2}"])
            if rng.random() < 0.8:
                filler = {"IS_PUNCT": False, "IS_SPACE": False, "LOWER": {"NOT_IN": rng.sample(WORDS, 3)}, "OP": op}
            else:
                filler = {"LOWER": {"IN": rng.sample(WORDS, 4)}, "OP": op}
            out.append(filler)
        word = {rng.choice(["NORM", "LOWER", "ORTH", "TEXT"]): rng.choice(WORDS[:12])}
        if rng.random() < 0.1:
            word["IS_ALPHA"] = True
        out.append(word)
    return out


def test_same_matches_as_spacy_matcher():
    nlp = get_nlp()
    rng = random.Random(13)
    matcher = Matcher(nlp.vocab)
    fast = anchored.AnchoredPatterns()
    for i in range(150):
        pattern = _pattern(rng)
        specs = anchored.accepts(pattern)
        assert specs is not None, pattern
        label = f"p{i % 40}"  # several patterns per label, as a concept has several terms
        matcher.add(label, [pattern])
        fast.add(nlp.vocab.strings.add(label), specs)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))) for _ in range(400)]
    texts.append("Kerja sama antara negara-negara, yang tidak damai; hak asasi manusia dan kerja  sama.")
    total = 0
    for doc in nlp.pipe(texts):
        want = {(label, start, end) for label, start, end in matcher(doc) if start != end}
        assert fast(doc) == want, doc.text
        total += len(want)
    assert total > 1000


def test_other_patterns_stay_with_spacy():
    assert anchored.accepts([{"LOWER": {"NOT_IN": ["a", "b"]}}, {"NORM": "c"}]) is None  # first token no word
    assert anchored.accepts([{"IS_ALPHA": True}, {"NORM": "c"}]) is None
    assert anchored.accepts([{"NORM": "a"}, {"NORM": "b", "OP": "?"}]) is None  # optional last token
    assert anchored.accepts([{"NORM": "a"}, {"IS_PUNCT": False, "OP": "*"}, {"NORM": "b"}]) is None
    assert anchored.accepts([{"NORM": "a"}, {"TEXT": {"REGEX": "^b"}}]) is None
    assert anchored.accepts([{"NORM": "a"}, {"POS": "NOUN"}]) is None
    assert anchored.accepts([{"ORTH": "UN"}]) is not None
    assert anchored.accepts([{"LOWER": {"IN": ["menolak", "menentang"]}}]) is not None
