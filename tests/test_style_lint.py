"""House style lint (shared/INDONESIAN.md) over every string a student or teacher reads.

Who reads what
--------------
Message catalogue (``rubrika.messages.i18n.MESSAGES``): keys are sorted into audiences by the
explicit prefix lists below, and every key must be in exactly one of them, so a new key
forces a decision:

- ``STUDENT``: the text report, the essay page and everything on it (``report.``,
  ``references.``, ``status.``, ``advisory.``, the essay page's ``html.`` keys). Students
  are "kamu"; "Anda" and tool words are banned.
- ``TEACHER``: rubric validation, authoring, the command line and the class overview
  (``rubric.``, ``hint.``, ``authoring.``, ``cli.``, the overview's ``html.`` keys).
  Teachers are "Anda"; "kamu" is banned; *sitasi* and *rubrik* are fine.
- ``BOTH``: file errors (``essay.``), shown on the student's page and to the teacher: neither
  "kamu" nor "Anda", and no tool words.

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
from rubrika.messages.i18n import MESSAGES

STUDENT = ("report.", "references.", "status.", "advisory.", "feedback.", "reason.", "next.", "html.warning",
           "html.warnings", "html.score_flagged", "html.stuffed_legend", "html.report_title", "html.back", "html.summary",
           "html.advisory", "html.criteria", "html.evidence", "html.essay_text", "html.legend", "html.copied_legend")
TEACHER = ("rubric.", "hint.", "authoring.", "cli.", "suggest.", "html.version", "html.class_title", "html.essays",
           "html.class_average", "html.unreadable", "html.scores", "html.sort_hint", "html.scores_caption",
           "html.student", "html.advisories", "html.distribution", "html.distribution_alt", "html.heatmap",
           "html.heatmap_legend", "html.similar_title", "html.similar_hint", "html.unreadable_title",
           "skip.", "html.skipped_title", "html.concept_codes", "html.flagged_rows", "html.similar_share", "init.",
           "explain.", "html.groups_title", "html.groups_hint", "html.group", "html.group_back", "html.unsure",
           "html.corrected_legend", "html.reviewed", "html.corrections_title", "html.corrections_hint", "corrections.")
BOTH = ("essay.",)
# Tallies, not sentences: "6 lulus, 0 gagal" (docs and tests quote it), "302 kata, 26 kalimat".
NUMERAL_START_OK = {"authoring.test_summary", "report.words", "js.words"}

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


def audience_of(key: str) -> str | None:
    found = [name for name, prefixes in (("student", STUDENT), ("teacher", TEACHER), ("both", BOTH))
             if any(key == p or (p.endswith(".") and key.startswith(p)) for p in prefixes)]
    return found[0] if len(found) == 1 else None


def test_every_catalogue_key_has_one_audience_and_both_languages():
    unclassified = [k for k in MESSAGES if audience_of(k) is None]
    assert not unclassified, f"add these keys to STUDENT, TEACHER or BOTH: {unclassified}"
    one_language = [k for k, v in MESSAGES.items() if not (v.get("id") and v.get("en"))]
    assert not one_language


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_catalogue(key):
    assert lint(MESSAGES[key]["id"], audience_of(key), key) == []


# ------------------------------------------------------------------ rubrika serve's pages

# The page texts of ``rubrika serve`` (``rubrika.serve.messages.TEXTS``): the student page is
# student text, the teacher page and its sign-in teacher text, what both pages show (title,
# navigation, errors the API returns) is read by both. The one JSON example stays as written.
SERVE_TEACHER = ("teacher.", "login.", "js.uploading", "js.progress", "js.done", "js.refused", "js.download_zip",
                 "js.open_overview", "js.overview", "js.student", "js.score", "js.report", "js.failed")
SERVE_STUDENT = ("student.", "draft.", "open.", "download", "clear", "feedback.", "js.")
SERVE_CODE = {"err.content_type"}  # shows the JSON to send: straight quotes and "..." are its syntax


def serve_audience(key: str) -> str:
    for audience, prefixes in (("teacher", SERVE_TEACHER), ("student", SERVE_STUDENT)):
        if any(key == p or (p.endswith(".") and key.startswith(p)) for p in prefixes):
            return audience
    return "both"


def _serve_cases():
    from rubrika.serve.messages import TEXTS

    for key in sorted(set(TEXTS) - SERVE_CODE):
        yield pytest.param(TEXTS[key]["id"], serve_audience(key), key, id=key)


@pytest.mark.parametrize("value, audience, key", list(_serve_cases()))
def test_serve_page_text(value, audience, key):
    assert lint(value, audience, key) == []


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
    assert audience_of("new.key") is None
