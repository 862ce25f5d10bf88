"""``rubrika rubric ...``: the commands rubric authors use."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from rubrika.cli.common import EXIT_UNREADABLE, EXIT_USAGE, common_options, read_source, rubric_source
from rubrika.messages import t
from rubrika.terminal import printable


@click.group()
def rubric() -> None:
    """Work with rubric files."""


rubric_argument = click.argument("file", required=False, metavar="[FILE]")


@rubric.command()
@rubric_argument
@common_options
def validate(file: str | None, lang: str) -> None:
    """Check a rubric FILE (no FILE: the built-in rubric) and list every problem with its line and column.

    The example sentences of every concept are run too: an example that does not
    give the status it promises is an error.
    """
    from rubrika.api import Checker
    from rubrika.authoring.examples import example_problems
    from rubrika.errors import RubricError

    checker = Checker(rubric_source(file))  # compiling catches terms and patterns that can never match
    failed = example_problems(checker, lang)
    if failed:
        raise RubricError(failed)
    rb = checker.rubric
    concepts = [c for _, c in rb.concepts()]
    terms = sum(len(c.terms) + sum(len(g.terms) for g in c.groups) for c in concepts)
    click.echo(t("rubric.summary_ok", lang, file=file or "builtin", id=rb.id, version=rb.version,
                 criteria=len(rb.criteria), concepts=len(concepts), terms=terms, weight=rb.total_weight))


@rubric.command()
def schema() -> None:
    """Print the JSON Schema of rubric files (editors use it to complete and check)."""
    from rubrika.authoring.scaffold import schema_text

    click.echo(schema_text(), nl=False)


@rubric.command()
@click.argument("dest", required=False, default="rubrik.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Start from this rubric instead of the built-in one.")
@click.option("--force", is_flag=True, help="Overwrite DEST if it exists.")
@common_options
def init(dest: Path, source: Path | None, force: bool, lang: str) -> None:
    """Write an editable, commented copy of the built-in rubric (or of --from FILE) to DEST."""
    from rubrika.authoring.scaffold import SCHEMA_COMMENT, SCHEMA_FILE, builtin_copy, schema_text
    from rubrika.atomic import write_output, write_text
    from rubrika.rubric.loader import load_rubric_text, read_rubric_text

    if dest.exists() and not force:
        raise click.UsageError(t("authoring.exists", lang, path=str(dest)))
    if source is not None:
        text = _lines(read_rubric_text(source))  # read once, with the cap; a FIFO or device is refused
        load_rubric_text(text, str(source))  # refuse to copy a broken rubric
    else:
        text = builtin_copy(lang)
    if SCHEMA_COMMENT not in text:
        text = SCHEMA_COMMENT + "\n" + text
    dest.parent.mkdir(parents=True, exist_ok=True)
    regular = not dest.exists() or dest.resolve().is_file()  # not a device or FIFO named as DEST
    write_output(dest, text)
    if not regular:  # no editor schema beside /dev/stdout
        click.echo(t("authoring.written", lang, path=str(dest)))
        return
    schema_path = dest.parent / SCHEMA_FILE
    write_text(schema_path, schema_text())
    click.echo(t("authoring.created", lang, path=str(dest), schema=str(schema_path)))


def _lines(text: str) -> str:
    """Line ends as a text read with universal newlines has them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@rubric.command()
@rubric_argument
@common_options
def show(file: str | None, lang: str) -> None:
    """Print a rubric's criteria, weights, concepts and terms (default: the built-in one)."""
    from rubrika.authoring.show import show as render
    from rubrika.rubric import load_rubric

    click.echo(render(load_rubric(rubric_source(file)), lang))


@rubric.command(name="test")
@rubric_argument
@click.option("-v", "--verbose", is_flag=True, help="List the examples that pass too.")
@common_options
def test_examples(file: str | None, verbose: bool, lang: str) -> None:
    """Run every concept's example sentences; exit 1 if any gives the wrong status."""
    from rubrika.api import Checker
    from rubrika.authoring.examples import run_examples

    results = run_examples(Checker(rubric_source(file)))
    failed = [r for r in results if not r.ok]
    for r in results:
        if r.ok and not verbose:
            continue
        mark = t("authoring.pass" if r.ok else "authoring.fail", lang)
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
    from rubrika.authoring.explain import explain as run
    from rubrika.readers.essay import EssayReadError, read_essay

    checker = Checker(rubric_source(file))
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
              help="Add the fingerprint to this rubric file's 'sources:' list (made if it has none).")
@click.option("--title", default=None, help="A name for the source (default: the file name).")
@common_options
def fingerprint(article: Path, target: Path | None, title: str | None, lang: str) -> None:
    """Store hashed 8-word sequences of ARTICLE (never its text) so copying can be found."""
    from rubrika.authoring.fingerprint import add_source, sources_block
    from rubrika.atomic import write_output
    from rubrika.rubric.loader import read_rubric_text

    source, name = read_source(article, lang), title or article.name
    if target is None:
        click.echo(sources_block(source, name), nl=False)
        return
    # read with the cap; a FIFO or a device is refused; every byte kept (BOM, line ends)
    text = read_rubric_text(target, keep_bom=True)
    write_output(target, add_source(text, source, name, str(target)))  # refused if it does not load
    click.echo(t("authoring.fingerprinted", lang, path=str(target), title=name))


@rubric.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the rubric here (default: print it; the summary then goes to stderr).")
@click.option("--id", "rubric_id", default=None, help="The rubric's id (default: made from its title).")
@click.option("--title", default=None, help="The rubric's title (default: the article's title).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default=None,
              help="yaml: commented, every part says where in the article it came from; json: the same rubric "
                   "without comments (default: json for an OUTPUT ending in .json, else yaml).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@common_options
def draft(article: Path, output: Path | None, rubric_id: str | None, title: str | None, fmt: str | None,
          force: bool, lang: str) -> None:
    """Draft a rubric from the ARTICLE a class read (.txt, .md, .docx, .odt, .pdf): definitions, points,
    terms, examples, references and the article's fingerprint; what to review is marked PERIKSA."""
    from rubrika.atomic import write_output
    from rubrika.authoring.draft import NothingToDraft, draft_rubric, summary, to_json, to_yaml
    from rubrika.rubric.model import Slug
    from pydantic import TypeAdapter, ValidationError

    if rubric_id is not None:
        try:
            TypeAdapter(Slug).validate_python(rubric_id)
        except ValidationError:
            raise click.BadParameter(t("draft.err.bad_id", lang, value=rubric_id), param_hint="'--id'") from None
    if title is not None and not title.strip():
        raise click.BadParameter(t("draft.err.empty_title", lang), param_hint="'--title'")
    if output is not None and output.exists() and not force:
        raise click.UsageError(t("authoring.exists", lang, path=printable(output)))
    text = read_source(article, lang)
    try:
        drafted = draft_rubric(text, article.name, rubric_id, title)
    except NothingToDraft:
        click.echo(t("draft.err.nothing", lang, file=printable(article)), err=True)
        sys.exit(EXIT_USAGE)
    if fmt is None:
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "yaml"
    rendered = to_json(drafted) if fmt == "json" else to_yaml(drafted)
    report = summary(drafted, str(output) if output is not None else None, lang)
    if output is None:
        click.echo(rendered, nl=False)
        click.echo(report, nl=False, err=True)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    write_output(output, rendered)
    click.echo(report, nl=False)


@rubric.command()
@rubric_argument
@click.option("--style", type=click.Choice(["canvas", "long"]), default="canvas", show_default=True,
              help="canvas: one row per criterion, ratings side by side; long: one row per criterion and level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the CSV here instead of printing it.")
@common_options
def export(file: str | None, style: str, output: Path | None, lang: str) -> None:
    """Export a rubric as an LMS rubric CSV (criteria x levels x points)."""
    from rubrika.authoring.export import export_csv
    from rubrika.atomic import write_output
    from rubrika.rubric import load_rubric

    text = export_csv(load_rubric(rubric_source(file)), style, lang)
    if output is None:
        click.echo(text.lstrip("\ufeff"), nl=False)
    else:
        write_output(output, text)


@rubric.command()
@click.argument("file", metavar="RUBRIC")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--labels", "labels_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="CSV: a 'file' column (relative to FOLDER), then 'label' (0/1 or a score) or one 0/1 column per "
                   "concept id. Without it, FOLDER is an output folder of 'rubrika grade': its koreksi.csv gives "
                   "the labels.")
@click.option("--essays", "essays_folder", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Without --labels: read the essays from this folder (default: the texts graded into FOLDER).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a new version of the rubric here, with the candidates that pass added.")
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="A candidate is added with -o when at least this share of the essays holding it are positive.")
@click.option("--min-support", type=click.IntRange(1), default=3, show_default=True,
              help="... and at least this many positive essays hold it.")
@click.option("--threshold", type=float, default=None,
              help="With scores in 'label': a score >= this is positive (default: the median score).")
@click.option("--concept", "concept_id", default=None,
              help="With one label per essay: add every candidate to this concept (default: the concept it occurs with most).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def suggest(file: str, folder: Path, labels_path: Path | None, essays_folder: Path | None, output: Path | None,
            min_precision: float, min_support: int, threshold: float | None, concept_id: str | None, fmt: str,
            lang: str) -> None:
    """Learn from essays graded by hand (a labels CSV) or from the teacher's corrections in an
    output folder (koreksi.csv): term precision and recall, new terms, risky matches."""
    import json
    from importlib import resources

    from rubrika.api import Checker
    from rubrika.authoring.suggest import (SuggestInputError, learn, read_labels, report_json, report_text,
                                           write_rubric, written_json, written_text)
    from rubrika.rubric import BUILTIN_RUBRIC
    from rubrika.rubric.loader import BUILTIN_NAME

    from rubrika.authoring.suggest.graded import CORRECTIONS, graded_labels

    source = rubric_source(file)
    if output is not None:  # before the long part: never written over what it reads
        rubric_file = None if source == BUILTIN_RUBRIC else Path(source)
        _refuse_input_as_output(output, rubric_file, labels_path, (folder, essays_folder), lang)
    checker = Checker(source)
    texts: dict[str, str] = {}
    essays: Path | None = folder
    try:
        if labels_path is None:
            graded = graded_labels(folder, checker.rubric, lang)
            for warning in graded.warnings:
                click.echo(printable(warning), err=True)
            labels, labels_name = graded.labels, str(folder / CORRECTIONS)
            texts, essays = (graded.texts, None) if essays_folder is None else ({}, essays_folder)
        else:
            labels, labels_name = read_labels(labels_path, folder, checker.rubric, threshold, lang), str(labels_path)
        if concept_id is not None and labels.kind != "essay":
            raise SuggestInputError([t("suggest.err.concept_with_concept_labels", lang)])
        if threshold is not None and labels.kind != "essay":
            raise SuggestInputError([t("suggest.err.threshold_with_concept_labels", lang)])
        found = learn(checker, essays, labels, min_precision=min_precision, min_support=min_support,
                      concept=concept_id, lang=lang, texts=texts)
    except SuggestInputError as exc:
        for message in exc.messages:
            click.echo(message, err=True)
        sys.exit(2)
    summary = None
    if output is not None:
        if source == BUILTIN_RUBRIC:
            text = (resources.files("rubrika.rubrics") / BUILTIN_NAME).read_text(encoding="utf-8")
        else:
            text = Path(source).read_bytes().decode("utf-8-sig")  # as saved: CRLF line ends stay
        summary = write_rubric(found, text, output, lang)
    if fmt == "json":
        record = report_json(found, labels_name)
        if summary is not None:
            record["written"] = written_json(summary, str(output))
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(found, labels_name, lang), nl=False)
        if summary is not None:
            click.echo(written_text(summary, str(output), lang), nl=False)


def _refuse_input_as_output(output: Path, rubric_file: Path | None, labels: Path | None,
                            folders: tuple[Path | None, ...], lang: str) -> None:
    """``rubric suggest -o`` never writes over what it reads: the rubric, the labels file, or a
    file in FOLDER or --essays (through a link or another spelling of the path too)."""
    if not output.exists():
        return
    for path, key in ((rubric_file, "suggest.err.output_is_rubric"), (labels, "suggest.err.output_is_labels")):
        if path is not None and path.exists() and os.path.samefile(output, path):
            raise click.UsageError(t(key, lang, path=printable(output)))
    for folder in folders:
        if folder is not None and Path(os.path.realpath(output)).is_relative_to(os.path.realpath(folder)):
            raise click.UsageError(t("suggest.err.output_in_folder", lang, path=printable(output),
                                     folder=printable(folder)))
