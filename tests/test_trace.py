"""The engine's trace: ``Checker.check(essay, trace=True)`` keeps the analysis and the matches
the result rests on, so ``rubric explain`` and ``rubric suggest`` read what ``check`` used and
never run an essay through the pipeline a second time."""

from __future__ import annotations

import pytest

from conftest import ROOT, SAMPLES
from rubrika.engine.analysis import analyse
from rubrika.engine.matcher import RULER_KEY, _ruler_matches
from rubrika.engine.scorer import match_essay
from rubrika.nlp.layout import lay_out
from rubrika.readers.essay import Essay, read_essay

ESSAYS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.stem)
def test_a_trace_holds_what_a_second_pass_would_find(checker, path):
    text = read_essay(path).text
    traced = checker.check(Essay(text=text), trace=True)
    plain = checker.check(Essay(text=text))
    assert plain.trace is None and traced.trace is not None
    assert traced.result == plain.result
    again = match_essay(checker.compiled, analyse(text, checker.compiled.nlp))
    kept = traced.trace.matches
    assert kept.found == again.found
    assert kept.hits == again.hits
    assert kept.cues == again.cues
    assert kept.repairs == again.repairs
    assert kept.body_end == again.body_end == traced.trace.body_end
    assert traced.trace.body_matches() == [m for m in again.found if m[2] <= again.body_end]


def test_the_trace_names_typo_repairs_and_the_reference_list(checker):
    trace = checker.check(read_essay(SAMPLES / "09-indra-typo-singkatan.txt"), trace=True).trace
    assert trace.matches.repairs  # the essay's misspelt terms
    with_references = checker.check(read_essay(SAMPLES / "01-andi-kuat-lengkap.txt"), trace=True).trace
    assert with_references.body_end < len(with_references.analysis.doc)
    assert len(with_references.body_matches()) < len(with_references.matches.found)


def test_spacy_spans_are_built_only_when_a_trace_asks_for_them(checker):
    compiled = checker.compiled
    text = read_essay(SAMPLES / "10-joko-campur-inggris.txt").text  # "UN": an acronym, matched exactly
    analysis = analyse(text, compiled.nlp)
    doc = analysis.doc
    compiled.repair_typos(analysis)
    found = compiled.find(analysis)
    assert RULER_KEY not in doc.spans
    assert compiled.find(analysis, spans=True) == found
    assert [(s.label, s.start, s.end) for s in doc.spans[RULER_KEY]] == found
    trace = checker.check(Essay(text=text), trace=True).trace
    assert [(s.label, s.start, s.end) for s in trace.body_spans()] == trace.body_matches()


def test_the_rulers_matches_are_what_spacy_would_store(checker):
    """``find`` reads the two SpanRulers' matchers as tuples; spaCy's own ``SpanRuler.match`` gives the same spans."""
    compiled = checker.compiled
    acronyms = []
    for path in ESSAYS:
        doc = analyse(read_essay(path).text, compiled.nlp).doc
        for ruler in (compiled.ruler, compiled.acronyms):
            spacy_spans = [(s.label, s.start, s.end) for s in ruler.match(doc)]
            assert sorted(_ruler_matches(ruler, {}, doc), key=lambda m: (m[1], m[2], m[0])) == spacy_spans, path.name
        acronyms += [doc[s:e].text for _, s, e in _ruler_matches(compiled.acronyms, {}, doc)]
    assert "UN" in acronyms


@pytest.fixture
def essay_passes(monkeypatch):
    """How many times each essay text went through a spaCy pipeline (terms and forms are not counted)."""
    from spacy.language import Language

    passes: dict[str, int] = {}
    original = Language.__call__

    def counted(self, text, *args, **kwargs):
        passes[text] = passes.get(text, 0) + 1
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(Language, "__call__", counted)
    return passes


def test_explain_analyses_the_essay_once(checker, essay_passes):
    from rubrika.authoring.explain import explain

    text = read_essay(SAMPLES / "03-citra-sedang-tanpa-definisi.txt").text
    assert "mengancam kedaulatan" in explain(checker, text, "kedaulatan-identitas", "en")
    assert essay_passes[lay_out(text).text] == 1


def test_suggest_analyses_each_essay_once(tmp_path, essay_passes):
    from rubrika.api import Checker
    from rubrika.authoring.suggest import learn, read_labels

    data = ROOT / "tests" / "fixtures" / "suggest"
    answers = data / "jawaban"
    labels = tmp_path / "nilai.csv"
    names = ["j01.txt", "j02.txt", "j03.txt", "j04.txt"]
    labels.write_text("file,label\nj01.txt,1\nj02.txt,1\nj03.txt,0\nj04.txt,0\n", encoding="utf-8")
    checker = Checker(data / "masalah-global.yaml")
    found = learn(checker, answers, read_labels(labels, answers, checker.rubric))
    assert len(found.facts) == 4
    assert [essay_passes[lay_out(read_essay(answers / name).text).text] for name in names] == [1, 1, 1, 1]
