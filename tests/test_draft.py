"""``rubrika rubric draft``: each mechanism on articles written for these tests
(tests/fixtures/draft/): definitions, structure, terms per point, examples, references and the
fingerprint, the built-in rubric's conventions, the ``# PERIKSA`` marks and the summary, the
command's options and every format it reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, pdf_bytes
from rubrika.api import Checker
from rubrika.authoring.draft import MARK, NothingToDraft, draft_rubric, summary, to_json, to_yaml
from rubrika.authoring.draft.build import DEFINITIONS_WEIGHT, REFERENCES_WEIGHT, TOTAL_WEIGHT
from rubrika.authoring.draft.terms import WORD_ZIPF
from rubrika.authoring.draft.words import zipf
from rubrika.authoring.examples import example_checker, run_examples
from rubrika.cli.main import main
from rubrika.messages import t
from rubrika.rubric import load_rubric, load_rubric_text
from rubrika.rubric.model import ConceptsCriterion, ReferencesCriterion

ARTICLES = ROOT / "tests" / "fixtures" / "draft"


def text_of(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def urbanisasi():
    drafted = draft_rubric(text_of("urbanisasi.txt"), "urbanisasi.txt")
    return drafted, to_yaml(drafted)


@pytest.fixture(scope="module")
def koperasi():
    drafted = draft_rubric(text_of("koperasi.txt"), "koperasi.txt")
    return drafted, to_yaml(drafted)


@pytest.fixture(scope="module")
def polos():
    drafted = draft_rubric(text_of("polos.txt"), "polos.txt")
    return drafted, to_yaml(drafted)


def criterion(drafted, cid):
    return next(c for c in drafted.criteria if c.id == cid)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# --- definitions --------------------------------------------------------------------------


def test_every_definition_cue_gives_a_defined_concept_with_its_variants(urbanisasi, koperasi):
    # adalah, disebut, merupakan (urbanisasi); ialah, yaitu (koperasi)
    defined = {k.terms[0]: k for k in criterion(urbanisasi[0], "definisi").concepts}
    assert set(defined) == {"urbanisasi", "permukiman kumuh", "ruang terbuka hijau"}
    assert all(k.define for k in defined.values())
    defined = {k.terms[0]: k.terms for k in criterion(koperasi[0], "definisi").concepts}
    assert set(defined) == {"koperasi", "sisa hasil usaha"}
    assert defined["sisa hasil usaha"] == ["sisa hasil usaha", "SHU"]  # the acronym in brackets is a variant


def test_a_definition_of_two_terms_or_of_no_term_is_listed_never_drafted(koperasi):
    drafted, _ = koperasi
    reasons = {key for _, key in drafted.skipped}
    assert {"draft.skip.two_terms", "draft.skip.not_a_term"} <= reasons
    assert not any("bumdes" in k.terms for k in criterion(drafted, "definisi").concepts)
    out = summary(drafted, None)
    assert t("draft.skip.two_terms", "id") in out and "paragraf 1, kalimat 5 (baris 3)" in out


# --- the article's structure --------------------------------------------------------------


def test_a_bulleted_list_and_an_enumeration_become_criteria_named_by_their_introduction(urbanisasi):
    drafted, _ = urbanisasi
    faktor, dampak = criterion(drafted, "faktor"), criterion(drafted, "dampak")
    assert [k.sentences[0].text.split()[0] for k in faktor.concepts] == ["Lapangan", "Fasilitas", "Cerita"]
    assert [k.sentences[0].text.split()[0] for k in dampak.concepts] == ["Pertama,", "Kedua,", "Ketiga,"]
    assert faktor.title == "Faktor urbanisasi" and dampak.title == "Dampak urbanisasi"


def test_headings_and_a_numbered_list_become_criteria(koperasi):
    drafted, _ = koperasi
    manfaat, tantangan = criterion(drafted, "manfaat"), criterion(drafted, "tantangan")
    assert len(manfaat.concepts) == 2 and len(tantangan.concepts) == 3
    assert manfaat.concepts[0].label != manfaat.concepts[1].label  # labelled by their own words
    assert tantangan.concepts[2].sentences[0].text.startswith("Kantin modern")


def test_an_article_with_no_visible_structure_says_so(polos):
    drafted, yaml_text = polos
    assert "draft.doubt.no_structure" in drafted.doubts
    assert f"# {MARK}: {t('draft.doubt.no_structure', 'id')}" in yaml_text
    assert t("draft.doubt.no_structure", "id") in summary(drafted, None)


# --- terms per point ----------------------------------------------------------------------


def test_a_points_terms_are_its_own_and_not_everyday_words(urbanisasi, koperasi):
    for drafted, _ in (urbanisasi, koperasi):
        for c in drafted.criteria:
            if c.id == "definisi" or c.references:
                continue
            for k in c.concepts:
                own = " ".join(" ".join(s.lowers) for s in k.sentences)
                words = k.terms + [w for g in k.groups for w in g.terms]
                assert words, k.id
                for term in words:
                    assert term.lower() in own, (k.id, term)
                    if " " not in term:
                        assert zipf(term.lower()) < WORD_ZIPF, (k.id, term)
                others = [o for o in drafted.concepts() if o is not k and not o.define]
                for term in k.terms:  # key phrases: said by this point alone
                    assert not any(term.lower() in " ".join(" ".join(s.lowers) for s in o.sentences) for o in others)


def test_a_point_with_no_distinguishing_word_is_listed_not_drafted():
    text = text_of("urbanisasi.txt").replace(
        "- Cerita sukses perantau yang pulang kampung saat Lebaran menarik pemuda desa untuk ikut merantau.",
        "- Hal ini juga terjadi di kota dan di desa pada waktu yang sama.")
    drafted = draft_rubric(text, "urbanisasi.txt")
    assert len(criterion(drafted, "faktor").concepts) == 2
    assert ("paragraf 6, kalimat 1 (baris 10)", "draft.doubt.no_terms") in drafted.dropped


# --- examples, references, fingerprint, conventions --------------------------------------


def test_every_example_of_every_draft_passes_and_matches_come_from_the_article(urbanisasi, koperasi, polos):
    for drafted, yaml_text in (urbanisasi, koperasi, polos):
        results = run_examples(Checker(load_rubric_text(yaml_text, drafted.file)))
        assert results and all(r.ok for r in results)
        for k in drafted.concepts():
            if "draft.doubt.no_match_example" not in k.doubts:
                assert k.examples["match"][0].startswith(k.sentences[0].text.strip())


def test_the_reference_list_and_citations_give_a_references_criterion(urbanisasi, koperasi):
    ref = load_rubric_text(urbanisasi[1], "u.yaml").criteria[-1]
    assert isinstance(ref, ReferencesCriterion)
    assert ref.min_entries == 3 and ref.citations is True
    assert "Tjiptoherijanto (1999)" in ref.checks.citations.missing
    assert not any(c.references for c in koperasi[0].criteria)
    assert "draft.doubt.no_references" in koperasi[0].doubts


def test_the_fingerprint_catches_a_copy_of_the_article(urbanisasi):
    checker = Checker(load_rubric_text(urbanisasi[1], "u.yaml"))
    copied = checker.check_text(text_of("urbanisasi.txt"))
    assert "copied-source" in {a["code"] for a in copied["advisories"]}
    plain = example_checker(checker).check_text(text_of("urbanisasi.txt"))
    assert "copied-source" not in {a["code"] for a in plain["advisories"]}
    assert plain["score"] > copied["score"]


def test_weights_levels_grades_and_length_follow_the_built_in_rubric(urbanisasi, koperasi):
    builtin = load_rubric(None)
    levels = [lv.min for lv in next(c for c in builtin.criteria if isinstance(c, ConceptsCriterion)).levels]
    for _, yaml_text in (urbanisasi, koperasi):
        rubric = load_rubric_text(yaml_text, "d.yaml")
        assert rubric.total_weight == TOTAL_WEIGHT
        assert rubric.grades == builtin.grades and rubric.length == builtin.length
        for c in rubric.criteria:
            if isinstance(c, ConceptsCriterion):
                assert [lv.min for lv in c.levels] == levels
    weights = {c.id: c.weight for c in urbanisasi[0].criteria}
    assert weights["definisi"] == DEFINITIONS_WEIGHT and weights["referensi"] == REFERENCES_WEIGHT


def test_feedback_follows_the_house_style(urbanisasi):
    for k in urbanisasi[0].concepts():
        assert "Contoh awal kalimat: “" in k.feedback["missing"]
        assert "Contoh awal kalimat: “" in k.feedback["partial"]


# --- where each part came from, and the marks ----------------------------------------------


def test_every_concept_says_where_in_the_article_it_came_from(urbanisasi, koperasi):
    for name, (drafted, yaml_text) in (("urbanisasi.txt", urbanisasi), ("koperasi.txt", koperasi)):
        lines = text_of(name).split("\n")
        for k in drafted.concepts():
            m = re.search(r"baris (\d+)\)$", k.where)
            assert m and f"# {t('draft.comment.from', 'id', where=k.where)}" in yaml_text
            assert k.sentences[0].text.strip()[:30] in lines[int(m.group(1)) - 1]


def test_every_doubt_is_marked_in_the_file_and_listed_in_the_summary(urbanisasi, koperasi, polos):
    for drafted, yaml_text in (urbanisasi, koperasi, polos):
        out = summary(drafted, "r.yaml")
        keys = list(drafted.doubts) + [k for c in drafted.criteria for k in c.doubts] + \
            [k for x in drafted.concepts() for k in x.doubts]
        assert keys
        for key in keys:
            assert f"# {MARK}: {t(key, 'id')}" in yaml_text
            assert t(key, "id") in out
        count = len(keys) + len(drafted.skipped) + len(drafted.dropped)
        assert t("draft.summary.marks", "id", count=count, mark=MARK) in out


def test_an_unsure_definition_is_marked(koperasi):
    shu = next(k for k in koperasi[0].concepts() if k.id == "sisa-hasil-usaha")
    assert "draft.doubt.used_once" in shu.doubts


def test_nothing_to_draft_is_refused():
    with pytest.raises(NothingToDraft):
        draft_rubric("Halo.", "halo.txt")


# --- the command ---------------------------------------------------------------------------


def test_the_command_writes_a_rubric_that_validates_and_tests(tmp_path):
    out = tmp_path / "rubrik.yaml"
    result = run("rubric", "draft", ARTICLES / "urbanisasi.txt", "-o", out, "--id", "urbanisasi-kelas-8",
                 "--title", "Urbanisasi")
    assert result.exit_code == 0, result.output
    assert t("draft.summary.written", "id", path=str(out)) in result.output
    rubric = load_rubric(out)
    assert (rubric.id, rubric.title) == ("urbanisasi-kelas-8", "Urbanisasi")
    assert run("rubric", "validate", out).exit_code == 0
    assert run("rubric", "test", out).exit_code == 0
    again = run("rubric", "draft", ARTICLES / "urbanisasi.txt", "-o", out)
    assert again.exit_code == 2 and "--force" in again.output
    assert run("rubric", "draft", ARTICLES / "urbanisasi.txt", "-o", out, "--force").exit_code == 0


def test_without_output_the_rubric_goes_to_stdout_and_the_summary_to_stderr():
    result = run("rubric", "draft", ARTICLES / "koperasi.txt")
    assert result.exit_code == 0
    assert load_rubric_text(result.stdout, "stdout").id == "koperasi-sekolah-sebagai-sarana-belajar-ekonomi"
    assert MARK in result.stderr and "Draf dari koperasi.txt" in result.stderr


def test_json_is_the_same_rubric_without_comments(tmp_path, koperasi):
    out = tmp_path / "rubrik.json"
    assert run("rubric", "draft", ARTICLES / "koperasi.txt", "-o", out).exit_code == 0  # .json: json
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(to_json(koperasi[0]))
    assert data == yaml.safe_load(koperasi[1])
    assert run("rubric", "validate", out).exit_code == 0
    printed = run("rubric", "draft", ARTICLES / "koperasi.txt", "--format", "json")
    assert json.loads(printed.stdout) == data


def test_bad_options_and_unusable_articles_are_usage_errors(tmp_path):
    bad_id = run("rubric", "draft", ARTICLES / "koperasi.txt", "--id", "Bukan Id")
    assert bad_id.exit_code == 2 and t("draft.err.bad_id", "id", value="Bukan Id") in bad_id.output
    short = tmp_path / "pendek.txt"
    short.write_text("Halo.", encoding="utf-8")
    nothing = run("rubric", "draft", short)
    assert nothing.exit_code == 2 and t("draft.err.nothing", "id", file=str(short)) in nothing.stderr
    empty = tmp_path / "kosong.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert run("rubric", "draft", empty).exit_code == 2


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(path)


def _odt(path: Path, paragraphs: list[str]) -> None:
    from odfdo import Document, Paragraph

    document = Document("text")
    for p in paragraphs:
        document.body.append(Paragraph(p))
    document.save(str(path))


@pytest.mark.parametrize("suffix", [".md", ".docx", ".odt", ".pdf"])
def test_every_format_check_reads_gives_the_same_definitions(tmp_path, suffix, koperasi):
    paragraphs = [p for p in text_of("koperasi.txt").split("\n\n")]
    path = tmp_path / f"koperasi{suffix}"
    if suffix == ".md":
        path.write_text(text_of("koperasi.txt").replace("Manfaat Koperasi", "## Manfaat Koperasi"), encoding="utf-8")
    elif suffix == ".docx":
        _docx(path, paragraphs)
    elif suffix == ".odt":
        _odt(path, paragraphs)
    else:
        path.write_bytes(pdf_bytes([line for p in paragraphs for line in p.split("\n") + [""]]))
    out = tmp_path / "rubrik.yaml"
    result = run("rubric", "draft", path, "-o", out)
    assert result.exit_code == 0, result.output
    rubric = load_rubric(out)
    defined = {k.terms[0] for c in rubric.criteria if isinstance(c, ConceptsCriterion) for k in c.concepts if k.define}
    assert defined == {k.terms[0] for k in criterion(koperasi[0], "definisi").concepts}
    assert run("rubric", "test", out).exit_code == 0


def test_a_point_that_names_an_instance_credits_other_instances_of_its_kind():
    """A point whose sentences name a member of a shipped word class of instances (kabut asap: a
    problem that crosses borders) gets that class on the group where the member stands, so an
    essay naming another instance of the kind (a contagious disease) is credited too; without the
    class it would not be. A member that belongs to several classes, or is part of a defined
    term, attaches nothing."""
    drafted = draft_rubric(text_of("kerja-sama-kawasan.txt"), "kerja-sama-kawasan.txt")
    text = to_yaml(drafted)
    asap = next(k for k in drafted.concepts() if any("kabut asap" in s.text.lower() for s in k.sentences) and not k.define)
    inti = next(g for g in asap.groups if g.partial)
    assert "masalah-lintas-batas" in inti.classes
    assert "classes: [masalah-lintas-batas]" in text
    power = next(k for k in drafted.concepts() if any("mendominasi" in s.text for s in k.sentences))
    assert {"negara-kuat", "negara-lemah", "dominasi"} <= {c for g in power.groups for c in g.classes}
    essay = "Wabah penyakit menular bisa dengan cepat sampai ke negara lain lewat para pelancong."

    def status(yaml_text):
        record = Checker(load_rubric_text(yaml_text, "kawasan.yaml")).check_text(essay)
        return next(k["status"] for c in record["criteria"] for k in c["concepts"] if k["id"] == asap.id)

    assert status(text) == "partial"
    assert status(re.sub(r"\n *classes: \[[^\]]*\][^\n]*", "", text)) == "missing"
    results = run_examples(Checker(load_rubric_text(text, "kawasan.yaml")))
    assert results and all(r.ok for r in results)  # the wider groups still keep the examples apart


def test_a_defined_terms_last_word_said_another_way_is_a_variant():
    drafted = draft_rubric(text_of("kerja-sama-kawasan.txt"), "kerja-sama-kawasan.txt")
    definition = next(k for k in drafted.concepts() if k.define)
    assert definition.terms[0] == "kerja sama internasional"
    assert {"kerja sama antarnegara", "kerja sama antarbangsa", "kerja sama global"} <= set(definition.terms)
    record = Checker(load_rubric_text(to_yaml(drafted), "kawasan.yaml")).check_text(
        "Kerja sama antarnegara membuat banyak masalah lebih mudah diselesaikan.")
    assert next(k["status"] for c in record["criteria"] for k in c["concepts"] if k["id"] == definition.id) == "partial"


def test_the_instance_classes_a_draft_may_attach_are_known_classes():
    from rubrika.nlp.language_data import instance_classes, word_classes

    assert set(instance_classes()) <= set(word_classes())
    assert not {"aksi-bersama", "jangkauan-global", "organisasi-internasional"} & set(instance_classes())
