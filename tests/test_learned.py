"""The learned reading (rubrika.engine.learned): what it may credit, what it never may, and the
shipped models. Its accuracy is measured on labelled real writing by
benchmarks/bench_accuracy.py, not asserted here."""

import math
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from rubrika.api import Checker
from rubrika.engine import learned
from rubrika.engine.analysis import analyse
from rubrika.engine.learned import ConceptModel, LearnedModel
from rubrika.engine.scorer import score
from rubrika.nlp import language_data
from rubrika.rubric import load_rubric, load_rubric_text

from conftest import ROOT


def _status(checker: Checker, text: str, concept: str) -> tuple[str, str, list[str]]:
    compiled = checker.compiled
    scored = score(compiled, analyse(text, compiled.nlp))
    for criterion in scored.criteria:
        for result in criterion.concepts:
            if result.id == concept:
                return result.status, result.confidence, [e.text for e in result.evidence]
    raise AssertionError(concept)


def _with_model(weights: dict[str, float], concept: str = "kepentingan-nasional",
                text: dict[str, float] | None = None) -> Checker:
    """The built-in rubric with a model that knows one concept by the given weights (and, with
    ``text``, a model of whole texts by those, credited at 0.6)."""
    checker = Checker()
    base = checker.compiled.learned
    assert base is not None
    text_model = ConceptModel(-5.0, text) if text is not None else None
    model = LearnedModel(base.rubric, 0.6, base.phrases, {concept: ConceptModel(-5.0, weights, text_model)},
                         text_threshold=0.6)
    checker.compiled = replace(checker.compiled, learned=model)
    return checker


# Rules alone find "kepentingan-nasional" missing here: a refusal ("ditolak", the group of
# interests that differ) with no state's own interest named, written in the passive (the rule
# of a state's conduct reads who refuses from the active form only).
REFUSAL = "Perjanjian iklim itu ditolak oleh pemerintah negara tersebut."


def test_a_sentence_with_a_group_of_the_idea_that_reads_like_it_earns_partial_credit_marked_low():
    assert _status(_with_model({}), REFUSAL, "kepentingan-nasional")[0] == "missing"
    status, confidence, evidence = _status(_with_model({"c:kesepakatan-gagal": 10.0}), REFUSAL, "kepentingan-nasional")
    assert (status, confidence) == ("partial", "low")
    assert evidence and all(e in REFUSAL for e in evidence)


def test_naming_an_institution_or_a_country_alone_never_earns_credit():
    # "negara" and "PBB" are context groups: however the sentence scores, nothing is credited
    checker = _with_model({"u:negara": 10.0, "u:pbb": 10.0, "u:anggota": 10.0})
    assert _status(checker, "Negara-negara anggota PBB bertemu di New York.", "kepentingan-nasional")[0] == "missing"
    checker = _with_model({"u:pbb": 10.0, "u:didirikan": 10.0, "u:diri": 10.0}, concept="nilai-universal")
    assert _status(checker, "PBB didirikan pada tahun 1945.", "nilai-universal")[0] == "missing"


def test_it_never_changes_what_the_rules_found():
    found = ("Setiap negara memiliki kepentingan nasional yang berbeda, sehingga kesepakatan sulit dicapai.")
    assert _status(_with_model({"c:kesepakatan-gagal": 10.0}), found, "kepentingan-nasional")[:2] == ("found", "high")
    assert _status(_with_model({"c:kesepakatan-gagal": -10.0}), found, "kepentingan-nasional")[:2] == ("found", "high")


def test_a_low_score_earns_nothing():
    assert _status(_with_model({"c:kesepakatan-gagal": 2.0}), REFUSAL, "kepentingan-nasional")[0] == "missing"
    assert _status(_with_model({}, text={"u:perjanjian": 2.0}), REFUSAL, "kepentingan-nasional")[0] == "missing"


# The whole text reads like the idea ("perjanjian" in one sentence, "industri" in another), no
# single sentence does: the best sentence that holds a group of the idea carries the credit.
SPREAD = REFUSAL + " Industri batu bara di negara itu sedang tumbuh."


def test_a_text_that_reads_like_the_idea_credits_its_best_sentence_marked_low():
    assert _status(_with_model({}, text={}), SPREAD, "kepentingan-nasional")[0] == "missing"
    text = {"u:perjanjian": 3.0, "u:industri": 3.0}
    status, confidence, evidence = _status(_with_model({}, text=text), SPREAD, "kepentingan-nasional")
    assert (status, confidence) == ("partial", "low")
    assert evidence and all(e in REFUSAL for e in evidence)  # the sentence with the group, not the other


def test_a_text_model_never_credits_naming_alone():
    # only context groups ("negara", "PBB"): no sentence can carry the idea, however the text scores
    checker = _with_model({}, text={"u:pbb": 10.0, "u:negara": 10.0})
    assert _status(checker, "Negara-negara anggota PBB bertemu di New York. Negara itu besar.",
                   "kepentingan-nasional")[0] == "missing"
    # nor does it change what the rules found
    found = "Setiap negara memiliki kepentingan nasional yang berbeda, sehingga kesepakatan sulit dicapai."
    assert _status(_with_model({}, text={"u:negara": -10.0}), found, "kepentingan-nasional")[:2] == ("found", "high")


def test_explain_names_the_text_reading():
    from rubrika.authoring.explain import explain

    said = explain(_with_model({}, text={"u:perjanjian": 3.0, "u:industri": 3.0}), SPREAD, "kepentingan-nasional",
                   lang="en")
    assert "judges the essay as a whole written like texts on the idea" in said and "essay score 0.73" in said
    said = explain(_with_model({}, text={"u:perjanjian": 1.0}), SPREAD, "kepentingan-nasional", lang="en")
    assert "the essay as a whole below its own (essay score 0.02, threshold 0.6" in said


def test_a_rubric_turns_it_off_and_a_rubric_of_another_id_has_none():
    text = (ROOT / "rubrics" / "kerja-sama-internasional.yaml").read_text(encoding="utf-8")
    assert "\nmatching:" not in text
    off = text.replace("\ncriteria:", "\nmatching: {learned: false}\ncriteria:", 1)
    assert Checker(load_rubric_text(off)).compiled.learned is None
    other = text.replace("\nid: kerja-sama-internasional\n", "\nid: kerja-sama-kelas-9\n", 1)
    assert Checker(load_rubric_text(other)).compiled.learned is None
    assert Checker(load_rubric_text(text)).compiled.learned is not None


@pytest.mark.parametrize("source", [None, ROOT / "rubrics" / "globalisasi.yaml"])
def test_the_shipped_models_fit_their_rubrics(source):
    rubric = load_rubric(source)
    model = learned.load(rubric.id)
    assert model is not None
    concepts = {k.id: k for _, k in rubric.concepts()}
    assert model.concepts and set(model.concepts) <= set(concepts)
    assert all(concepts[c].groups and not concepts[c].define for c in model.concepts)
    assert 0 < model.threshold < 1
    classes = set(language_data.word_classes())
    for concept in model.concepts.values():
        for feature in concept.weights:
            kind, _, value = feature.partition(":")
            assert kind in ("u", "b", "c"), feature
            assert " " not in value, feature  # a word, a pair of words, a class: never a sentence
            if kind == "b":
                assert value.count("_") >= 1, feature
            if kind == "c":
                assert value in classes, feature
    assert all({c[2:] for _, cs in entries for c in cs} <= classes for entries in model.phrases.values())
    assert 0 < model.text_threshold <= 1
    shipped = {c[2:] for entries in model.phrases.values() for _, cs in entries for c in cs}
    for concept in model.concepts.values():  # the text models: words and classes only
        assert concept.text is not None and concept.text.weights
        assert all(f.partition(":")[0] in ("u", "c") and " " not in f for f in concept.text.weights)
        # every class either model weighs has its phrases shipped, or checking could never find it
        weighed = {f[2:] for part in (concept, concept.text) for f in part.weights if f.startswith("c:")}
        assert weighed <= shipped, weighed - shipped


def test_features_are_words_pairs_and_classes():
    index = learned.phrase_index({"tolak": ["kesepakatan-gagal"], "tolak kesepakatan": ["dialog"],
                                  "tolak damai": ["ketegangan"], "negara": ["aktor"]})
    feats = learned.features(["negara", "tolak", "kesepakatan"], index)
    assert feats == {"u:negara", "u:tolak", "u:kesepakatan", "b:negara_tolak", "b:tolak_kesepakatan",
                     "c:kesepakatan-gagal", "c:dialog", "c:aktor"}
    # a whole text's: its sentences' words and classes, no pairs, no phrase across sentences
    assert learned.text_features([["negara", "tolak"], ["damai"]], index) == {
        "u:negara", "u:tolak", "u:damai", "c:kesepakatan-gagal", "c:aktor"}


# Written for this test: a state leaving an agreement because it hurts its own industry, with
# no interest named and a verb the rule of a state's conduct does not list ("meninggalkan");
# the rules find "kepentingan-nasional" missing, as readers would not.
CASE = ("Kerja sama internasional penting.\n\nAmerika Serikat akhirnya meninggalkan perjanjian iklim itu karena "
        "dianggap merugikan industri batu bara dalam negerinya.\n")


def test_the_shipped_model_reads_a_case_the_rules_miss_and_explain_says_so():
    from rubrika.authoring.explain import explain

    text = (ROOT / "rubrics" / "kerja-sama-internasional.yaml").read_text(encoding="utf-8")
    off = Checker(load_rubric_text(text.replace("\ncriteria:", "\nmatching: {learned: false}\ncriteria:", 1)))
    assert _status(off, CASE, "kepentingan-nasional")[0] == "missing"
    status, confidence, evidence = _status(Checker(), CASE, "kepentingan-nasional")
    assert (status, confidence) == ("partial", "low")
    assert set(evidence) == {"merugikan"}
    said = explain(Checker(), CASE, "kepentingan-nasional", lang="en")
    assert "the reading learned from real writing judges this sentence written like it" in said
    assert "meninggalkan perjanjian iklim" in said
    assert "reading learned" not in explain(off, CASE, "kepentingan-nasional", lang="en")


def test_a_cached_result_is_keyed_by_the_model():
    from rubrika.batch.cache import salt_of
    from rubrika.readers.essay import Limits

    checker = Checker()
    assert checker.compiled.learned is not None and len(checker.compiled.learned.digest) == 64
    other = Checker()
    other.compiled = replace(other.compiled, learned=replace(other.compiled.learned, digest="0" * 64))
    assert salt_of(checker, "id", Limits()) != salt_of(other, "id", Limits())


def test_its_guesses_do_not_count_as_writing_on_the_topic():
    # the off-topic advisory and the record's topic_share read the rules' evidence only
    text = (ROOT / "rubrics" / "kerja-sama-internasional.yaml").read_text(encoding="utf-8")
    off = Checker(load_rubric_text(text.replace("\ncriteria:", "\nmatching: {learned: false}\ncriteria:", 1)))
    on = Checker()
    for essay in [CASE, (ROOT / "sample_essays" / "kerja-sama-internasional" / "03-citra-sedang-tanpa-definisi.txt")
                  .read_text(encoding="utf-8")]:
        with_model, without = on.check_text(essay), off.check_text(essay)
        assert with_model["score"] > without["score"]  # it credited something
        assert with_model["essay"]["topic_share"] == without["essay"]["topic_share"]
        assert [a["code"] for a in with_model["advisories"]] == [a["code"] for a in without["advisories"]]


def test_a_score_is_the_same_in_every_process():
    """A set's order follows the process's string hashes (PYTHONHASHSEED); a score summed in
    that order came out differently per process for a sentence near a tie (the best sentence,
    and so the evidence, changed between runs). These weights lose the 1.0 unless it is added
    exactly, and eight fixed hash seeds give eight different orders."""
    code = ("import math; from rubrika.engine.learned import ConceptModel; "
            "m = ConceptModel(0.0, {'u:besar': 1e16, 'u:kecil': 1.0, 'u:lawan': -1e16}); "
            "print(repr(m.probability(frozenset(m.weights))))")
    seen = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                           capture_output=True, text=True, check=True).stdout.strip() for seed in range(8)}
    assert seen == {repr(1 / (1 + math.exp(-1.0)))}
