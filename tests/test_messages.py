"""The message catalogue is one, whole and used: every key the code, the templates and the page
scripts use is in the data; every key in the data is used; both languages of a text fill the
same placeholders; no text is written twice; a broken data file names itself and the key; the
error codes are one table the code keeps to; and reading the texts costs nothing at import."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from conftest import ROOT
from rubrika.messages import i18n
from rubrika.messages.codes import ERRORS, http_status
from rubrika.messages.i18n import DYNAMIC, CatalogueError, catalogue

SRC = ROOT / "src" / "rubrika"
CATALOGUE_MODULE = SRC / "messages" / "i18n.py"  # declares DYNAMIC: a declaration is not a use
TEMPLATES = sorted(SRC.glob("**/templates/*.j2"))
SCRIPTS = sorted((SRC / "serve" / "static").glob("*.js"))
FILE_NAME = re.compile(r".*\.(j2|yaml|json|html|csv|txt|js|css|md|zip)$")


def namespaces() -> set[str]:
    return {key.split(".")[0] for key in catalogue()} | {prefix.split(".")[0] for prefix in DYNAMIC}


def key_like(value: str) -> bool:
    """A string the code writes that can only be a message key: ``namespace.rest``, not a file."""
    return bool(re.fullmatch(r"(%s)\.[\w\-]+(\.[\w\-]+)*" % "|".join(namespaces()), value)) \
        and not value.endswith(("_", "."))  # a prefix (checked below)


def python_sources() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if p != CATALOGUE_MODULE]


def literal_keys() -> dict[str, str]:
    """Every key-like string constant of the code and every key a template passes to t(): {key: where}."""
    found = {}
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and key_like(node.value):
                found.setdefault(node.value, path.relative_to(SRC).as_posix())
    for path in TEMPLATES:
        for key in re.findall(r"\bt\('([^']+)'", path.read_text(encoding="utf-8")):
            found.setdefault(key, path.relative_to(SRC).as_posix())
    return found


def built_prefixes() -> dict[str, str]:
    """Prefixes the code builds keys from (f"status.{s}", "reason." + r, keys("js.")): {prefix: where}."""
    found = {}
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            head = None
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                head = node.left.value
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "keys"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                head = node.args[0].value
            if isinstance(head, str) and re.fullmatch(r"(%s)\.(?:[\w\-.]*[._])?" % "|".join(namespaces()), head):
                found.setdefault(head, path.relative_to(SRC).as_posix())
    return found


def script_names() -> set[str]:
    """The texts the page scripts read: S.name, and S[concept.status]."""
    names = set()
    for path in SCRIPTS:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bS\.(\w+)", text))
        if "S[k.status]" in text:
            names |= {"found", "partial", "missing"}
    return names


# ------------------------------------------------------------------ the code and the data agree

def test_every_key_the_code_and_templates_use_is_in_the_data():
    missing = {key: where for key, where in literal_keys().items()
               if key not in catalogue() and not FILE_NAME.fullmatch(key)}  # "essay.html.j2" is a template
    assert not missing, f"keys used but not in src/rubrika/messages/*.yaml: {missing}"


def test_every_key_built_from_a_prefix_uses_a_declared_prefix():
    undeclared = {prefix: where for prefix, where in built_prefixes().items() if prefix not in DYNAMIC}
    assert not undeclared, f"add these to rubrika.messages.i18n.DYNAMIC: {undeclared}"
    unused = set(DYNAMIC) - set(built_prefixes())
    assert not unused, f"DYNAMIC declares prefixes no code builds a key from: {unused}"
    assert all(any(key.startswith(prefix) for key in catalogue()) for prefix in DYNAMIC)


def test_every_key_in_the_data_is_used():
    used = set(literal_keys())
    scripts = script_names()
    unused = []
    for key in catalogue():
        if key in used:
            continue
        if key.startswith("js."):
            if key[3:] not in scripts:
                unused.append(key)
        elif not any(key.startswith(prefix) for prefix in DYNAMIC):
            unused.append(key)
    assert not unused, f"keys no code, template or page script uses: {unused}"


def test_the_page_scripts_get_every_text_they_read():
    from rubrika.serve.app import script_texts

    for lang in ("id", "en"):
        given = script_texts(lang)
        assert script_names() <= set(given), script_names() - set(given)
    assert script_texts("id")["grade"] == "Predikat" and script_texts("en")["words"] == "{words} words, {sentences} sentences"


def literal_values(cls, name: str) -> set[str]:
    """The values a ``Literal[...] | None`` field of a result type allows."""
    hint = typing.get_type_hints(cls)[name]
    return {v for arg in typing.get_args(hint) for v in typing.get_args(arg)}


def test_keys_built_from_record_values_exist_for_every_value():
    from rubrika import result

    built = {"status.": set(typing.get_args(result.Status)),
             "reason.": literal_values(result.ConceptResult, "reason"),
             "authoring.weak.": literal_values(result.Evidence, "weak"),
             "advisory.label.": set(typing.get_args(result.AdvisoryCode))}
    assert len(built["advisory.label."]) >= 10 and built["status."] == {"found", "partial", "missing"}
    for prefix, values in built.items():
        assert {prefix + v for v in values} == set(i18n.keys(prefix)), prefix


# ------------------------------------------------------------------ the texts themselves

def fields(text: str) -> set[str]:
    return {re.split(r"[!:.\[]", f)[0] for _, f, _, _ in string.Formatter().parse(text) if f is not None and f}


def test_both_languages_fill_the_same_placeholders():
    differ = {key: (fields(e["id"]), fields(e["en"])) for key, e in catalogue().items()
              if fields(e["id"]) != fields(e["en"])}
    assert not differ


def test_no_text_is_written_twice():
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for key, entry in catalogue().items():
        pair = (entry["id"], entry["en"])
        if pair in seen:
            twice.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert not twice, f"one key for one text: {twice}"


def test_one_brace_rule_placeholders_filled_and_doubled_braces_single():
    from rubrika.messages import t, unfilled

    assert t("report.words", "id", words=3, sentences=1) == "3 kata, 1 kalimat"
    assert t("report.words", "fr", words=3, sentences=1) == "3 kata, 1 kalimat"  # Indonesian when missing
    assert "{{" not in t("api.content_type", "id") and '{"text": ...}' in t("api.content_type", "id")
    assert unfilled("report.words", "en") == "{words} words, {sentences} sentences"
    assert "{{" not in unfilled("api.content_type", "en")
    with pytest.raises(KeyError):
        t("report.words", "id")  # a placeholder left unfilled is a bug, not a text


def test_no_rubric_topic_in_the_messages():
    """Messages serve every rubric: none names a term of a shipped rubric (the built-in rubric's
    topic once sat in init.header, its section names in init.section.*)."""
    import yaml

    texts = [e[lang].lower() for e in catalogue().values() for lang in ("id", "en")]
    for path in sorted((ROOT / "rubrics").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        terms = {term.lower() for criterion in data["criteria"] for concept in criterion.get("concepts", [])
                 for term in concept.get("terms", []) if isinstance(term, str)}
        assert len(terms) > 20
        named = {term for term in terms if any(re.search(rf"\b{re.escape(term)}\b", text) for text in texts)}
        assert not named, f"{path.name}: {sorted(named)}"


# ------------------------------------------------------------------ a broken data file says where

BROKEN = {
    "no-english.yaml": ("audience: student\nmessages:\n  report.x: {id: teks}\n", "report.x"),
    "extra-lang.yaml": ("audience: student\nmessages:\n  report.x: {id: a, en: b, fr: c}\n", "report.x"),
    "empty-text.yaml": ("audience: student\nmessages:\n  report.x: {id: '', en: b}\n", "report.x"),
    "bad-key.yaml": ("audience: student\nmessages:\n  Report: {id: a, en: b}\n", "Report"),
    "bad-audience.yaml": ("audience: parents\nmessages:\n  report.x: {id: a, en: b}\n", "parents"),
    "twice.yaml": ("audience: student\nmessages:\n  report.x: {id: a, en: b}\n  report.x: {id: c, en: d}\n",
                   "report.x"),
    "not-yaml.yaml": ("audience: student\nmessages: [\n", "not valid YAML"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_data_file_names_the_file_and_the_key(tmp_path, monkeypatch, name):
    text, needle = BROKEN[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "FOLDER", tmp_path)
    with pytest.raises(CatalogueError) as caught:
        i18n._check_file(name, i18n.read_data(name))
    assert name in str(caught.value) and needle in str(caught.value)


def test_a_key_in_two_files_is_refused(tmp_path, monkeypatch):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("audience: both\nmessages:\n  page.x: {id: a, en: b}\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "FOLDER", tmp_path)
    monkeypatch.setattr(i18n, "FILES", ("a.yaml", "b.yaml"))
    i18n._file.cache_clear()
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(CatalogueError, match=r"b\.yaml: key 'page\.x' is also in a\.yaml"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n._file.cache_clear()
        i18n.catalogue.cache_clear()
    assert "report.total" in i18n.catalogue()


def test_importing_the_messages_reads_no_data_and_no_yaml():
    code = ("import sys, rubrika.messages, rubrika.messages.codes; "
            "assert 'yaml' not in sys.modules, 'yaml imported'; "
            "assert rubrika.messages.i18n.catalogue.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------ error codes: one table

def raised_codes() -> dict[str, str]:
    """Codes written out where an error is made: EssayReadError(path, CODE, ...), ReaderError(CODE, ...),
    ApiError(CODE, ...), error_response(CODE, ...), the guard's _error(send, CODE, ...) and http_status(CODE)."""
    position = {"EssayReadError": 1, "ReaderError": 0, "ApiError": 0, "error_response": 0, "_error": 1,
                "http_status": 0}
    found = {}
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in position or len(node.args) <= position[name]:
                continue
            if any(k.arg == "status" for k in node.keywords):  # an HTTP error passed on with its own status
                continue
            arg = node.args[position[name]]
            if isinstance(arg, ast.Constant):
                found.setdefault(arg.value, path.relative_to(SRC).as_posix())
    return found


def test_every_error_code_is_in_the_table_and_every_code_in_the_table_is_raised():
    raised = raised_codes()
    assert len(raised) > 20
    assert not {c: w for c, w in raised.items() if c not in ERRORS}, "add these codes to rubrika.messages.codes"
    assert not set(ERRORS) - set(raised), f"codes in the table that nothing raises: {set(ERRORS) - set(raised)}"


def test_error_statuses_are_client_or_server_errors():
    assert all(400 <= e.status < 600 for e in ERRORS.values())
    assert http_status("too-large") == 413 and http_status("unsupported-format") == 415
    assert http_status("busy") == 503 and http_status("empty") == 422
