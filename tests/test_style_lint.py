"""House style lint (shared/INDONESIAN.md) over every string a student or teacher reads.

Who reads what
--------------
Message data (``src/rubrika/messages/*.yaml``): every file says whom it speaks to
(``audience:``), and its texts get that audience's rules, so a new text gets its rules by
where it is written:

- ``student`` (``student.yaml``: the text report, the essay page and everything on it, the
  student page of ``rubrika serve``): students are "kamu"; "Anda" and tool words are banned.
- ``teacher`` (``teacher.yaml``: the command line, grading, the class overview, the zip
  refusals, the teacher page; ``author.yaml``: rubric validation and authoring; ``click.yaml``
  and ``yaml_parser.yaml``: Click's and PyYAML's messages): teachers are "Anda"; "kamu" is
  banned; *sitasi* and *rubrik* are fine.
- ``both`` (``files.yaml``: why an essay file cannot be read; ``api.yaml``: the frame of every
  page and the JSON API's errors): neither "kamu" nor "Anda", and no tool words.

Rubrics (every ``rubrics/*.yaml``): titles, criterion titles, level labels and texts, concept
labels and feedback, reference check texts and labels, and grade labels are student text;
descriptions are teacher text (``rubric show``, exports). Templates: the essay page is student
text, the class overview teacher text (their words outside ``{{ }}`` and ``{% %}``).

Numbers the code fills in (``+8.3``, averages) cannot be linted here; ``rubrika.messages.numbers``
formats them.
"""

from __future__ import annotations

import re
import string

import pytest
import yaml

from conftest import ROOT
from rubrika.messages.i18n import AUDIENCES, FILES, FOLDER, catalogue_files, read_data

# Tallies, not sentences: "6 lulus, 0 gagal" (docs and tests quote it), "302 kata, 26 kalimat".
NUMERAL_START_OK = {"authoring.test_summary", "report.words"}
# Shows the JSON to send: straight quotes and "..." are its syntax.
CODE_SAMPLES = {"api.content_type"}

# Tool words that must not reach students (rule 4), and what the house style uses instead.
TOOL_WORDS = {
    r"\bbukti\b": "kata yang cocok / ditemukan di esaimu",
    r"\brubrik meminta\b": "tugas ini meminta",
    r"\bgagasan rubrik\b": "gagasan yang diminta tugas ini",
    r"\bkonsep rubrik\b": "bagian yang diminta tugas ini",
    r"\bsitasi\b": "menyebut sumber di dalam teks",
    r"\bbentuk ingkar\b": "kalimat negatif",
    r"\bkalimat ingkar\b": "kalimat negatif",
    r"\bpenjejalan\b": "istilah tanpa penjelasan",
    r"\bnilai (sebagian|penuh)\b": "dihitung setengah / penuh",
    r"\badvisori\b": "catatan",
}
# Calques and words the house style replaces for every reader (rules 9 and 10, grade labels).
EVERYONE = {
    r"\bmempromosikan\b": "memajukan, menyebarkan",
    r"\bdengan kalimatnya sendiri\b": "dengan kata-kata sendiri",
    r"\bmengaku\b": "ditandai sebagai",
    r"\bberenkode\b|\benkode\b": "pengodean (encoding)",
    r"\bikut dikirim\b": "bawaan",
    r"\bkurung biasa\b": "kurung kurawal sebagai teks",
    r"\bholistik\b": "menyeluruh",
    r"\bperlu banyak perbaikan\b": "Perlu Bimbingan",
    r"\btanda kutip\b": "tanda petik",
    r"\bkerjasama\b": "kerja sama",
    r"\bpengrajin\b": "perajin",
    r"[^,] (tetapi|melainkan|sedangkan)\b": "a comma before tetapi/melainkan/sedangkan",
    r" - ": "a colon or an unspaced dash (—)",
}
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")  # 8.3, not 1.200 (thousands) or 1.0.0
NUMERAL_START = re.compile(r"(?:^|[.!?]\s+)(?:\d|\{(?:count|share|words|shared|chars|size|failed|passed|points)\})")


def lint(text: str, audience: str, key: str = "") -> list[str]:
    """Problems of one Indonesian ``text`` read by ``audience`` (student, teacher or both)."""
    problems = []
    low = text.lower()
    for pattern, instead in EVERYONE.items():
        if re.search(pattern, low):
            problems.append(f"{pattern!r} (write: {instead})")
    if audience in ("student", "both"):
        for pattern, instead in TOOL_WORDS.items():
            if re.search(pattern, low):
                problems.append(f"tool word {pattern!r} (write: {instead})")
        if re.search(r"\bAnda\b", text):
            problems.append("'Anda' in student text (write: kamu)")
        if "..." in text:
            problems.append("'...' (write the ellipsis …)")
        if '"' in text:
            problems.append("straight quotes (write “ ”)")
    if audience in ("teacher", "both") and re.search(r"\bkamu\b", low):
        problems.append("'kamu' in teacher text (write: Anda)")
    if DECIMAL_POINT.search(text):
        problems.append(f"decimal point in {DECIMAL_POINT.search(text).group()!r} (write a decimal comma)")
    if key not in NUMERAL_START_OK and NUMERAL_START.search(text):
        problems.append("a sentence starts with a numeral (write: Sebanyak …)")
    return problems


def catalogue_cases():
    """(text, audience, key) of every message, in the audience its data file names."""
    for name, (audience, messages) in catalogue_files().items():
        for key, entry in messages.items():
            if key not in CODE_SAMPLES:
                yield pytest.param(entry["id"], audience, key, id=f"{name}:{key}")


def third_party_cases():
    """Click's and PyYAML's messages in Indonesian (their own data files, their own mechanism)."""
    for name, sections in (("click.yaml", ("click", "help")), ("yaml_parser.yaml", ("id",))):
        data = read_data(name)
        for section in sections:
            for i, entry in enumerate(data[section]):
                yield pytest.param(entry.get("id", entry.get("text")), data["audience"], id=f"{name}:{section}[{i}]")


def test_every_data_file_has_an_audience_and_is_linted():
    names = {p.name for p in FOLDER.glob("*.yaml")}
    assert names == set(FILES) | {"click.yaml", "yaml_parser.yaml"}, "a new data file: add it to FILES or here"
    for name in names:
        assert read_data(name)["audience"] in AUDIENCES, name


@pytest.mark.parametrize("value, audience, key", list(catalogue_cases()))
def test_catalogue(value, audience, key):
    assert lint(value, audience, key) == []


@pytest.mark.parametrize("value, audience", list(third_party_cases()))
def test_third_party_messages(value, audience):
    assert lint(value, audience) == []


# ------------------------------------------------------------------ rubrics

RUBRICS = sorted((ROOT / "rubrics").glob("*.yaml"))


def rubric_texts(data: dict):
    """(where, text value, audience) for every text of one rubric (raw YAML)."""
    yield "title", data.get("title"), "student"
    yield "description", data.get("description"), "teacher"
    for i, band in enumerate(data.get("grades", [])):
        if "label" in band:
            yield f"grades[{i}].label", band["label"], "student"
    for criterion in data["criteria"]:
        c = criterion["id"]
        yield f"{c}.title", criterion["title"], "student"
        if "description" in criterion:
            yield f"{c}.description", criterion["description"], "teacher"
        for j, level in enumerate(criterion["levels"]):
            yield f"{c}.levels[{j}].label", level["label"], "student"
            yield f"{c}.levels[{j}].feedback", level["feedback"], "student"
        for concept in criterion.get("concepts", []):
            k = f"{c}/{concept['id']}"
            yield f"{k}.label", concept["label"], "student"
            for status, text in concept["feedback"].items():
                yield f"{k}.feedback.{status}", text, "student"
        for check, texts in (criterion.get("checks") or {}).items():
            for status, text in texts.items():
                yield f"{c}.checks.{check}.{status}", text, "student"


def _rubric_cases():
    for path in RUBRICS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, value, audience in rubric_texts(data):
            yield pytest.param(value, audience, id=f"{path.stem}:{where}")


@pytest.mark.parametrize("value, audience", list(_rubric_cases()))
def test_rubric_text(value, audience):
    assert isinstance(value, dict) and value.get("id") and value.get("en"), "every text needs id and en"
    assert lint(value["id"], audience) == []
    # Both languages fill the same placeholders.
    fields = [{f for _, f, _, _ in string.Formatter().parse(value[lang]) if f} for lang in ("id", "en")]
    assert fields[0] == fields[1]


def missing_partial_texts(data: dict) -> list[str]:
    """Concepts (and reference counts, the one check that can be partial) without a partial text.
    Any concept can end up partial: weak evidence (lists, negation) caps it there."""
    out = []
    for criterion in data["criteria"]:
        for concept in criterion.get("concepts", []):
            if not concept.get("feedback", {}).get("partial"):
                out.append(f"{criterion['id']}/{concept['id']}")
        if criterion.get("kind") == "references" and not criterion["checks"]["entries"].get("partial"):
            out.append(f"{criterion['id']}/entries")
    return out


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.stem)
def test_every_concept_has_its_own_partial_text(path):
    assert missing_partial_texts(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.stem)
def test_missing_and_partial_texts_say_how_to_start(path):
    """Every missing or partial text of a concept gives a real sentence starter (rule 2)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lacking = []
    for criterion in data["criteria"]:
        for concept in criterion.get("concepts", []):
            for status in ("missing", "partial"):
                text = concept["feedback"].get(status, {}).get("id", "")
                if not re.search(r"Contoh awal kalimat: “[^“”]*\w[^“”]*…”", text):
                    lacking.append(f"{criterion['id']}/{concept['id']}.{status}")
    assert lacking == []


# ------------------------------------------------------------------ templates

TEMPLATES = ROOT / "src" / "rubrika" / "templates"


def template_words(text: str) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
    return re.sub(r"<[^>]*>", " ", text)


@pytest.mark.parametrize("name, audience", [("essay.html.j2", "student"), ("index.html.j2", "teacher"),
                                            ("groups.html.j2", "teacher")])
def test_template_text(name, audience):
    assert lint(template_words((TEMPLATES / name).read_text(encoding="utf-8")), audience) == []


# ------------------------------------------------------------------ the lint can fail

def test_lint_catches_bad_strings():
    bad = 'Bukti untuk konsep rubrik ini: skor Anda naik +8.3 poin tetapi penjejalan terlihat...'
    problems = lint(bad, "student")
    for needle in ("bukti", "konsep rubrik", "Anda", "decimal point", "penjejalan", "'...'", "comma before"):
        assert any(needle in p for p in problems), (needle, problems)
    assert any("kamu" in p for p in lint("Periksa esai kamu.", "teacher"))
    assert any("numeral" in p for p in lint("{share}% kalimat berbahasa Inggris.", "student"))
    assert lint("Sebanyak 1.200 kata; skor 8,3.", "student") == []  # thousands dot and decimal comma are right
    assert missing_partial_texts({"criteria": [{"id": "k", "concepts": [{"id": "c", "feedback": {"missing": "x"}}]}]}) == ["k/c"]
