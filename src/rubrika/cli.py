"""Command-line interface: a thin shell over ``rubrika.api``.

Exit codes: 0 done; 1 done, but some essays could not be read; 2 usage or rubric
error; 3 an internal error (a bug: rerun with --debug for the traceback).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from rubrika import __version__
from rubrika.errors import RubricError
from rubrika.i18n import LANGUAGES, t

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def common_options(func):
    """--lang and --debug for every command; turns user errors into exit codes."""

    @click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True,
                  envvar="RUBRIKA_LANG", help="Language of messages and feedback (id = Indonesian, en = English).")
    @click.option("--debug", is_flag=True, help="Show the Python traceback of internal errors.")
    @functools.wraps(func)
    def wrapper(*args, lang: str, debug: bool, **kwargs):
        try:
            return func(*args, lang=lang, **kwargs)
        except RubricError as exc:
            click.echo(exc.format(lang), err=True)
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug, not a user error
            if debug:
                raise
            click.echo(t("cli.internal", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _limits(max_size: float):
    from rubrika.essay import DEFAULT_LIMITS, Limits

    return Limits(max_bytes=int(max_size * 1_000_000), max_chars=DEFAULT_LIMITS.max_chars,
                  max_word=DEFAULT_LIMITS.max_word)


max_size_option = click.option(
    "--max-size", type=click.FloatRange(min=0.001), default=20.0, show_default=True, metavar="MB",
    help="Refuse essay files larger than this many megabytes.",
)

source_option = click.option(
    "--source", "sources", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A source text (e.g. the article) whose copying is looked for; repeatable.",
)


def _read_source(path: Path, lang: str) -> str:
    """The text of a source file; a usage error naming the file when it cannot be read."""
    from rubrika.essay import EssayReadError, read_essay

    try:
        return read_essay(path).text
    except EssayReadError as exc:
        raise click.UsageError(f"{exc.path}: {exc.message(lang)}") from None


def _checker(rubric_path, sources, lang: str):
    from rubrika.api import Checker

    return Checker(rubric_path, sources=[_read_source(p, lang) for p in sources])


rubric_option = click.option(
    "-r", "--rubric", "rubric_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Rubric YAML file (default: the built-in rubric).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rubrika")
def main() -> None:
    """Rubrika: feedback on Indonesian essays from a rubric.

    \b
    Students: rubrika check draf.txt [-o umpan-balik.html]
    Teachers: rubrika grade tugas/ -o laporan/
    Rubric authors: rubrika rubric validate rubrik.yaml
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a readable summary; json: one result record per line.")
@click.option("-o", "--output", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write an HTML feedback report to this file (one essay only).")
@max_size_option
@source_option
@common_options
def check(files: tuple[Path, ...], rubric_path: Path | None, fmt: str, report: Path | None, max_size: float,
          sources: tuple[Path, ...], lang: str) -> None:
    """Check essay FILES (.txt, .md, .docx, .odt, .pdf) against the rubric."""
    from rubrika.reporters import jsonl, text

    if report is not None and len(files) != 1:
        raise click.UsageError("-o/--output writes the report of one essay; give exactly one FILE")
    checker = _checker(rubric_path, sources, lang)
    failed = 0
    for i, path in enumerate(files):
        record, essay_text = checker.check_file_with_text(path, lang, _limits(max_size))
        failed += record["error"] is not None
        if report is not None:
            _write_report(report, record, essay_text, checker, lang)
        if fmt == "json":
            click.echo(jsonl.render(record))
        else:
            if i:
                click.echo("\n" + "-" * 60 + "\n")
            click.echo(text.render(record, lang))
    if len(files) > 1 or failed:
        click.echo(t("cli.summary", lang, count=len(files), failed=failed), err=fmt == "json")
    sys.exit(EXIT_UNREADABLE if failed else EXIT_OK)


def _write_report(report: Path, record: dict, essay_text: str | None, checker, lang: str) -> None:
    from rubrika.batch import write_text
    from rubrika.reporters import html
    from rubrika.rubric.model import localize

    if record["essay"]["path"] and os.path.realpath(record["essay"]["path"]) == os.path.realpath(report):
        raise click.UsageError("-o/--output must not be the essay itself")
    labels = {b.grade: localize(b.label, lang) for b in checker.rubric.grades if b.label}
    write_text(report, html.render_essay(record, essay_text, lang, grade_labels=labels))
    click.echo(t("cli.written", lang, path=str(report)), err=True)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@rubric_option
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("laporan-rubrika"), show_default=True, help="Folder for the reports.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@max_size_option
@source_option
@common_options
def grade(folder: Path, rubric_path: Path | None, outdir: Path, quiet: bool, max_size: float,
          sources: tuple[Path, ...], lang: str) -> None:
    """Grade every essay under FOLDER: OUTDIR/index.html, essays/*.html, grades.csv, results.jsonl."""
    from rubrika.batch import OutputDirError, check_outdir, find_essays, grade_folder

    checker = _checker(rubric_path, sources, lang)
    try:
        check_outdir(folder, outdir)
        essays = find_essays(folder, outdir)
        total = len(essays)
        if total == 0:
            raise click.UsageError(t("cli.no_essays", lang, folder=str(folder)))
        show = not quiet and sys.stderr.isatty()
        with click.progressbar(length=total, file=sys.stderr, label="rubrika", show_pos=True) if show \
                else _NoProgress() as bar:
            summary = grade_folder(folder, outdir, checker, lang, progress=lambda _path: bar.update(1),
                                   limits=_limits(max_size), essays=essays)
    except OutputDirError:
        raise click.UsageError(t("cli.outdir_is_input", lang, outdir=str(outdir))) from None
    if not quiet:
        average = "–" if summary.average is None else f"{summary.average:g}"
        click.echo(t("cli.grade_summary", lang, count=summary.count, failed=summary.failed, average=average,
                     index=str(summary.index)), err=True)
    sys.exit(EXIT_UNREADABLE if summary.failed else EXIT_OK)


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int) -> None:
        return None


@main.group()
def rubric() -> None:
    """Work with rubric files."""


def _rubric_source(value: str | None):
    """A rubric argument: a file, or nothing / "builtin" for the built-in rubric."""
    from rubrika.rubric import BUILTIN_RUBRIC

    return BUILTIN_RUBRIC if value in (None, "builtin") else Path(value)


rubric_argument = click.argument("file", required=False, metavar="[FILE]")


@rubric.command()
@click.argument("file", metavar="FILE")
@common_options
def validate(file: str, lang: str) -> None:
    """Check a rubric FILE and list every problem with its line and column.

    The example sentences of every concept are run too: an example that does not
    give the status it promises is an error.
    """
    from rubrika.api import Checker
    from rubrika.authoring import example_problems
    from rubrika.errors import RubricError

    checker = Checker(_rubric_source(file))  # compiling catches terms and patterns that can never match
    failed = example_problems(checker, lang)
    if failed:
        raise RubricError(failed)
    rb = checker.rubric
    concepts = [c for cr in rb.criteria for c in getattr(cr, "concepts", [])]
    terms = sum(len(c.terms) + sum(len(g.terms) for g in c.groups) for c in concepts)
    click.echo(t("rubric.summary_ok", lang, file=str(file), id=rb.id, version=rb.version,
                 criteria=len(rb.criteria), concepts=len(concepts), terms=terms, weight=rb.total_weight))


@rubric.command()
def schema() -> None:
    """Print the JSON Schema of rubric files (editors use it to complete and check)."""
    from rubrika.authoring import schema_text

    click.echo(schema_text(), nl=False)


@rubric.command()
@click.argument("dest", required=False, default="rubrik.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Start from this rubric instead of the built-in one.")
@click.option("--force", is_flag=True, help="Overwrite DEST if it exists.")
@common_options
def init(dest: Path, source: Path | None, force: bool, lang: str) -> None:
    """Write an editable, commented copy of the built-in rubric (or of --from FILE) to DEST."""
    from rubrika.authoring import SCHEMA_COMMENT, SCHEMA_FILE, builtin_text, schema_text
    from rubrika.batch import write_text
    from rubrika.rubric import load_rubric

    if dest.exists() and not force:
        raise click.UsageError(t("authoring.exists", lang, path=str(dest)))
    if source is not None:
        load_rubric(source)  # refuse to copy a broken rubric
        text = source.read_text(encoding="utf-8-sig")
    else:
        text = builtin_text()
    if SCHEMA_COMMENT not in text:
        text = SCHEMA_COMMENT + "\n" + text
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_text(dest, text)
    schema_path = dest.parent / SCHEMA_FILE
    write_text(schema_path, schema_text())
    click.echo(t("authoring.created", lang, path=str(dest), schema=str(schema_path)))


@rubric.command()
@rubric_argument
@common_options
def show(file: str | None, lang: str) -> None:
    """Print a rubric's criteria, weights, concepts and terms (default: the built-in one)."""
    from rubrika.authoring import show as render
    from rubrika.rubric import load_rubric

    click.echo(render(load_rubric(_rubric_source(file)), lang))


@rubric.command(name="test")
@rubric_argument
@click.option("-v", "--verbose", is_flag=True, help="List the examples that pass too.")
@common_options
def test_examples(file: str | None, verbose: bool, lang: str) -> None:
    """Run every concept's example sentences; exit 1 if any gives the wrong status."""
    from rubrika.api import Checker
    from rubrika.authoring import run_examples

    results = run_examples(Checker(_rubric_source(file)))
    failed = [r for r in results if not r.ok]
    for r in results:
        if r.ok and not verbose:
            continue
        mark = "PASS" if r.ok else "FAIL"
        line = f"{mark} {r.criterion}/{r.concept} {r.kind}[{r.index}]"
        if not r.ok:
            line += (f": {t('status.' + r.expected, lang)} → {t('status.' + r.got, lang)}\n"
                     f"     {r.sentence}")
        click.echo(line)
    click.echo(t("authoring.test_summary", lang, passed=len(results) - len(failed), failed=len(failed)))
    sys.exit(1 if failed else 0)


@rubric.command()
@click.argument("file", metavar="FILE")
@click.argument("essay", type=click.Path(path_type=Path))
@click.option("--concept", "concept_id", default=None, help="Explain only this concept (its id).")
@common_options
def explain(file: str, essay: Path, concept_id: str | None, lang: str) -> None:
    """Show why each concept of rubric FILE was or was not found in ESSAY ("builtin" for the built-in rubric)."""
    from rubrika.api import Checker
    from rubrika.authoring import explain as run
    from rubrika.essay import EssayReadError, read_essay

    checker = Checker(_rubric_source(file))
    try:
        text = read_essay(essay).text
    except EssayReadError as exc:
        click.echo(f"{exc.path}: {exc.message(lang)}", err=True)
        sys.exit(EXIT_UNREADABLE)
    try:
        click.echo(run(checker, text, concept_id, lang), nl=False)
    except KeyError:
        raise click.UsageError(t("authoring.unknown_concept", lang, value=concept_id)) from None


@rubric.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", "target", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Append the fingerprint to this rubric file (it must end with its 'sources:' list, or have none).")
@click.option("--title", default=None, help="A name for the source (default: the file name).")
@common_options
def fingerprint(article: Path, target: Path | None, title: str | None, lang: str) -> None:
    """Store hashed 8-word sequences of ARTICLE (never its text) so copying can be found."""
    from rubrika.authoring import fingerprint_block
    from rubrika.batch import write_text

    block_item, block_key = fingerprint_block(_read_source(article, lang), title or article.name)
    if target is None:
        click.echo(block_key + block_item, nl=False)
        return
    text = target.read_text(encoding="utf-8")
    tail = [line for line in text.splitlines() if line and not line.startswith((" ", "#", "-"))]
    if any(line.startswith("sources:") for line in tail) and not tail[-1].startswith("sources:"):
        raise click.UsageError(t("authoring.sources_not_last", lang, path=str(target)))
    addition = block_item if tail and tail[-1].startswith("sources:") else block_key + block_item
    new_text = text.rstrip("\n") + "\n" + addition
    from rubrika.rubric import load_rubric_text

    load_rubric_text(new_text, str(target))  # never write a rubric that no longer loads
    write_text(target, new_text)
    click.echo(t("authoring.fingerprinted", lang, path=str(target), title=title or article.name))


@rubric.command()
@rubric_argument
@click.option("--style", type=click.Choice(["canvas", "long"]), default="canvas", show_default=True,
              help="canvas: one row per criterion, ratings side by side; long: one row per criterion and level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the CSV here instead of printing it.")
@common_options
def export(file: str | None, style: str, output: Path | None, lang: str) -> None:
    """Export a rubric as an LMS rubric CSV (criteria x levels x points)."""
    from rubrika.authoring import export_csv
    from rubrika.batch import write_text
    from rubrika.rubric import load_rubric

    text = export_csv(load_rubric(_rubric_source(file)), style, lang)
    if output is None:
        click.echo(text.lstrip("\ufeff"), nl=False)
    else:
        write_text(output, text)


main.add_command(__import__("rubrika.serve.command", fromlist=["serve"]).serve)  # rubrika serve
