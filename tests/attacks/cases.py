"""The attack suite's table: hostile inputs built on the fly, and the harness that runs them.

Every attack is one row, a ``Case``:

``id``
    ``"<item>.<n>-<slug>"``: the item's number in issue 11 and a short name
    (``"1.1-docx-styled-paragraphs"``); ``"held.<n>-<slug>"`` for an attack that already held.
``build(folder) -> argv``
    Writes the hostile input into ``folder`` (a fresh, empty folder) and returns the
    arguments for ``rubrika`` (``["check", str(path)]``). Big inputs are generated here,
    never committed; the small builders at the end of this file make the usual shapes.
``exit``
    The exit code ``rubrika`` must end with (an int, or a tuple of acceptable codes).
``says``
    Substrings that must appear in stdout + stderr: name the file and the message
    (``("esai.docx", "terlalu banyak paragraf")``). Messages are Indonesian unless
    ``lang`` says ``"en"``.
``denies``
    Substrings that must not appear (default: a traceback, an internal error, MemoryError).
``seconds``, ``memory_mb``
    Generous ceilings, not benchmarks: the run is killed at ``seconds`` of wall time
    (``RLIMIT_CPU`` too) and cannot map more than ``memory_mb`` of address space
    (``RLIMIT_AS``), so a bomb fails the row instead of the machine.
``then(folder, outcome)``
    Optional further checks, e.g. on a written CSV.

Each row runs ``python -m rubrika`` in a subprocess (``run``). To add an attack, write a
builder (or reuse one below) and append a row to a ``CASES`` list in a ``test_*.py`` file
of this folder; ``test_*`` parametrizes over it by id.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from conftest import MINI_LEVELS, mini_rubric, pdf_bytes

DEFINITION = "Perdamaian adalah keadaan tanpa perang dan kekerasan di antara bangsa-bangsa."
ESSAY_ID = (
    "Kerja sama internasional adalah hubungan antarnegara untuk mencapai tujuan bersama. "
    "Perdamaian adalah keadaan tanpa perang dan kekerasan di antara bangsa-bangsa. "
    "Multilateralisme adalah kerja sama banyak negara dalam satu forum seperti PBB dan ASEAN. "
    "Hak asasi manusia adalah hak dasar setiap orang sejak lahir, dan demokrasi adalah kedaulatan rakyat."
)
NO_CRASH = ("Traceback", "internal error", "kesalahan internal", "MemoryError")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], list[str]]
    exit: int | tuple[int, ...]
    says: tuple[str, ...] = ()
    denies: tuple[str, ...] = NO_CRASH
    seconds: float = 60.0
    memory_mb: int = 2048
    lang: str = "id"
    then: Callable[[Path, Outcome], None] | None = None
    env: dict = field(default_factory=dict)

    def __str__(self) -> str:  # pytest ids
        return self.id


def run(case: Case, folder: Path) -> Outcome:
    """Build the case's input in ``folder``, run rubrika on it bounded in time and memory."""
    argv = case.build(folder)
    limit_bytes = case.memory_mb * 2**20
    cpu = int(case.seconds) + 5

    def bound() -> None:  # runs in the child before exec
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    env = {**os.environ, "RUBRIKA_LANG": case.lang, "PYTHONIOENCODING": "utf-8", **case.env}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "rubrika", *argv], cwd=folder, env=env, capture_output=True,
                              timeout=case.seconds, preexec_fn=bound)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{case.id}: still running after {case.seconds} s") from None
    elapsed = time.perf_counter() - start
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"),
                   elapsed)


def check(case: Case, folder: Path) -> Outcome:
    """Run a case and assert everything its row promises."""
    outcome = run(case, folder)
    shown = f"{case.id}: exit {outcome.code} in {outcome.seconds:.1f} s\n--- stdout\n{outcome.out[-3000:]}" \
            f"\n--- stderr\n{outcome.err[-3000:]}"
    expected = case.exit if isinstance(case.exit, tuple) else (case.exit,)
    assert outcome.code in expected, shown
    for piece in case.says:
        assert piece in outcome.text, f"{piece!r} missing\n{shown}"
    for piece in case.denies:
        assert piece not in outcome.text, f"{piece!r} present\n{shown}"
    if case.then is not None:
        case.then(folder, outcome)
    return outcome


# --- builders: essays --------------------------------------------------------------------------


def text_file(name: str, data: bytes | Callable[[], bytes], *extra: str) -> Callable[[Path], list[str]]:
    """``rubrika check NAME`` on a file holding ``data`` (bytes, or a function making them)."""

    def build(folder: Path) -> list[str]:
        (folder / name).write_bytes(data() if callable(data) else data)
        return ["check", name, *extra]

    return build


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str, *extra: str, as_name: str | None = None) -> Callable[[Path], list[str]]:
    """``rubrika check`` on a copy of a small committed file from ``fixtures/``."""

    def build(folder: Path) -> list[str]:
        target = as_name or name
        (folder / target).write_bytes((FIXTURES / name).read_bytes())
        return ["check", target, *extra]

    return build


def docx_bytes(paragraphs: list[str] | None = None) -> bytes:
    """A real .docx made by python-docx."""
    import docx

    document = docx.Document()
    for text in [DEFINITION] if paragraphs is None else paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_body(body: Callable[[], bytes], parts: dict[str, bytes] | None = None,
                   paragraphs: list[str] | None = None) -> Callable[[], bytes]:
    """A .docx whose ``<w:body>`` starts with ``body()`` (raw XML), other parts as python-docx makes them.

    ``parts`` adds or replaces whole parts by name. Parts are deflated at the highest level, so
    a few hundred KB on disk can unpack to hundreds of MB. ``paragraphs``: the ordinary
    paragraphs after ``body`` (default: one definition; ``[]`` for none).
    """

    def make() -> bytes:
        source = zipfile.ZipFile(io.BytesIO(docx_bytes(paragraphs)))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:body>", b"<w:body>" + body(), 1)
                if parts and info.filename in parts:
                    data = parts.pop(info.filename)
                target.writestr(info.filename, data)
            for name, data in (parts or {}).items():
                target.writestr(name, data)
        return out.getvalue()

    return make


def docx_with_big_part(name: str, size: int, fill: bytes = b" ") -> Callable[[], bytes]:
    """A .docx that also holds part ``name`` of ``size`` bytes of ``fill``, streamed into the zip
    (an XML part: ``fill`` goes inside the ``<w:body>`` of word/document.xml)."""

    def make() -> bytes:
        source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
            head = tail = b""
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename != name:
                    target.writestr(info.filename, data)
                elif name == "word/document.xml":
                    head, tail = data.split(b"<w:body>", 1)
            with target.open(name, "w", force_zip64=True) as part:
                part.write(head + (b"<w:body>" if head else b""))
                chunk = fill * (1_000_000 // len(fill))
                for _ in range(size // len(chunk)):
                    part.write(chunk)
                part.write(tail)
        return out.getvalue()

    return make


def docx_with_parts(count: int) -> Callable[[], bytes]:
    """A .docx with ``count`` extra tiny parts."""
    return docx_with_body(lambda: b"", parts={f"customXml/item{i}.xml": b"<a/>" for i in range(count)})


def odt_bytes(paragraphs: int) -> bytes:
    """An .odt with one real paragraph and ``paragraphs`` empty ones."""
    from odfdo import Document, Paragraph

    document = Document("text")
    document.body.append(Paragraph(DEFINITION))
    out = io.BytesIO()
    document.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"</office:text>", b"<text:p/>" * paragraphs + b"</office:text>", 1)
            target.writestr(info, data)
    return result.getvalue()


def encrypted_pdf(user: str, owner: str, algorithm: str = "AES-256") -> Callable[[], bytes]:
    """A PDF encrypted by pypdf; ``user=""`` opens without a password (owner password only).

    The AES ones in ``fixtures/`` were made with this (pypdf needs ``cryptography`` to write AES).
    """

    def make() -> bytes:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(pdf_bytes([DEFINITION, ESSAY_ID[:90]]))))
        writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return make


# --- builders: rubrics -------------------------------------------------------------------------

def rubric_text(match: str = "terms: [perdamaian]", level: str = "Bagus.", concept: str = "Bahas perdamaian.",
                **rubric) -> str:
    """The mini-rubric (``conftest.mini_rubric``) with its concept found by ``match`` (YAML lines;
    nested lines indented as under the concept), its first level's and its concept's feedback
    as given (quoted); ``rubric``: more of ``mini_rubric``'s arguments."""
    match = match.rstrip("\n").replace("\n        ", "\n")  # nested lines: as the concept's own
    level_line = f'{{min: 0.5, label: {rubric.pop("label", "Baik")}, feedback: "{level}"}}'
    return mini_rubric(f'id: damai\nlabel: Damai\n{match}\nfeedback: {{missing: "{concept}"}}',
                       levels=(level_line, MINI_LEVELS[1]), **rubric)


def with_essay(*argv: str) -> Callable[[Path], list[str]]:
    """Just ``argv``, with a good essay at ``esai.txt`` (for attacks through options)."""

    def build(folder: Path) -> list[str]:
        (folder / "esai.txt").write_text(ESSAY_ID, encoding="utf-8")
        return list(argv)

    return build


def rubric_file(text: str | Callable[[], str], *argv: str, name: str = "rubrik.yaml",
                essay: str = ESSAY_ID) -> Callable[[Path], list[str]]:
    """Write a rubric and ``esai.txt``; ``argv`` may use ``{rubric}`` for the rubric's name
    (default: ``rubric validate``)."""

    def build(folder: Path) -> list[str]:
        (folder / name).write_text(text() if callable(text) else text, encoding="utf-8")
        (folder / "esai.txt").write_text(essay, encoding="utf-8")
        return [a.format(rubric=name) for a in argv] if argv else ["rubric", "validate", name]

    return build


def pattern_rubric(*patterns: str) -> str:
    """A rubric whose concept has these token patterns (YAML flow lists)."""
    return rubric_text("patterns:\n" + "".join(f"          - {p}\n" for p in patterns))
