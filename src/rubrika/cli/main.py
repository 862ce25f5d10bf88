"""Command-line interface: a thin shell over ``rubrika.api``.

Exit codes: 0 done; 1 done, but some essays could not be read; 2 usage or rubric
error; 3 an internal error (a bug: rerun with --debug for the traceback); 4 the outputs
could not be written; 130 stopped with Ctrl-C; 141 the reader of the output went away.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from rubrika import __version__
from rubrika.cli.common import (EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREADABLE, EXIT_WRITE, Terminated,
                                common_options, read_source, sigterm_as_interrupt, write_failed)
from rubrika.cli.lang import LocalizedGroup
from rubrika.messages import t
from rubrika.messages.numbers import format_number
from rubrika.cli.rubric import rubric
from rubrika.terminal import guard_stdout, printable, tolerant_streams, utf8_stdout


def _limits(max_size: float):
    from rubrika.readers.essay import DEFAULT_LIMITS, Limits

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


def _checker(rubric_path, sources, lang: str):
    from rubrika.api import Checker

    return Checker(rubric_path, sources=[read_source(p, lang) for p in sources])


rubric_option = click.option(
    "-r", "--rubric", "rubric_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Rubric YAML file (default: the built-in rubric).",
)


@click.group(cls=LocalizedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rubrika")
def main() -> None:
    """Rubrika: feedback on Indonesian essays from a rubric.

    \b
    Students: rubrika check draf.txt [-o umpan-balik.html]
    Teachers: rubrika grade tugas/ -o laporan/
    Rubric authors: rubrika rubric validate rubrik.yaml
    """
    tolerant_streams()
    guard_stdout()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
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
        raise click.UsageError(t("cli.output_one_essay", lang))
    checker = _checker(rubric_path, sources, lang)
    outline = checker.outline(lang) if fmt != "json" else None
    failed = 0
    for i, path in enumerate(files):
        record, essay_text = checker.check_file_with_text(path, lang, _limits(max_size))
        failed += record["error"] is not None
        if report is not None:
            _write_report(report, record, essay_text, checker, lang)
        if fmt == "json":
            click.echo(jsonl.render(record, ascii=not utf8_stdout()))
        else:
            if i:
                click.echo("\n" + "-" * 60 + "\n")
            click.echo(text.render(record, lang, outline))
    if len(files) > 1 or failed:
        click.echo(t("cli.summary", lang, count=len(files), graded=len(files) - failed, failed=failed),
                   err=fmt == "json")
    sys.exit(EXIT_UNREADABLE if failed else EXIT_OK)


def _write_report(report: Path, record: dict, essay_text: str | None, checker, lang: str) -> None:
    from rubrika.atomic import write_output
    from rubrika.reporters import html

    if record["essay"]["path"] and os.path.realpath(record["essay"]["path"]) == os.path.realpath(report):
        raise click.UsageError(t("cli.output_is_essay", lang))
    try:
        write_output(report, html.render_essay(record, essay_text, lang, checker.outline(lang)))
    except OSError as exc:
        write_failed(exc, report, lang)
    click.echo(t("cli.written", lang, path=printable(report)), err=True)


@main.command()
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@rubric_option
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("laporan-rubrika"), show_default=True, help="Folder for the reports.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--force", is_flag=True,
              help="Write into OUTDIR even when it holds files Rubrika did not write (they may be overwritten).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes that check essays (default: every usable core).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the checks on a Dask cluster (needs rubrika[dask]); essays must be on a path "
                   "the workers share.")
@max_size_option
@source_option
@common_options
def grade(folder: Path, rubric_path: Path | None, outdir: Path, quiet: bool, force: bool, jobs: int | None,
          scheduler: str | None, max_size: float, sources: tuple[Path, ...], lang: str) -> None:
    """Grade every essay under FOLDER (or in a .zip): OUTDIR/index.html, essays/*.html, grades.csv, results.jsonl."""
    from concurrent.futures.process import BrokenProcessPool  # here: `check` need not import it

    from rubrika.batch.cache import StoreBusy
    from rubrika.batch.run import grade_folder
    from rubrika.batch.finder import Skipped, scan_folder
    from rubrika.batch.outdir import OutputDirError, check_outdir

    checker = _checker(rubric_path, sources, lang)
    runner = _cluster(scheduler, lang)
    unpacked = None
    refused: list = []
    if folder.is_file():  # an LMS's "download all submissions" archive
        from rubrika.batch.ziparchive import ZipArchiveError, extract_essays

        if folder.suffix.lower() != ".zip":
            raise click.UsageError(t("cli.grade_not_folder", lang, path=printable(folder)))
        if runner is not None:  # it would be unpacked here, where the cluster's workers cannot read it
            runner.close()
            raise click.UsageError(t("cli.zip_on_cluster", lang, path=printable(folder)))
        try:
            unpacked = extract_essays(folder, lang=lang)
        except ZipArchiveError as exc:
            raise click.UsageError(exc.message(lang)) from None
        refused = [Skipped(r.name, "zip-refused", r.reason) for r in unpacked.refused]
        folder = unpacked.folder
    with sigterm_as_interrupt():  # SIGTERM stops a batch as Ctrl-C does
        try:
            check_outdir(folder, outdir, force)
            scan = scan_folder(folder, outdir)
            scan.skipped[:0] = refused
            total = len(scan.essays)
            if total == 0:
                _echo_skipped(scan.skipped, None, lang)
                raise click.UsageError(t("cli.no_essays", lang, folder=printable(folder)))
            show = not quiet and sys.stderr.isatty()
            with click.progressbar(length=total, file=sys.stderr, label="rubrika", show_pos=True) if show \
                    else _NoProgress() as bar:
                summary = grade_folder(folder, outdir, checker, lang, progress=lambda _path: bar.update(1),
                                       limits=_limits(max_size), essays=scan.essays, skipped=scan.skipped, force=force,
                                       jobs=jobs, runner=runner)
        except OutputDirError as exc:
            key = {"holds-essays": "cli.outdir_holds_essays", "not-rubrika": "cli.outdir_not_rubrika"}.get(
                exc.reason, "cli.outdir_is_input")
            raise click.UsageError(t(key, lang, outdir=printable(outdir), example=printable(exc.example))) from None
        except StoreBusy:  # a second grade into the same OUTDIR: found before any essay was checked
            click.echo(t("cli.outdir_busy", lang, outdir=printable(outdir)), err=True)
            sys.exit(EXIT_WRITE)
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (Terminated)
            click.echo(t("cli.terminated_grade" if isinstance(exc, Terminated) else "cli.interrupted_grade", lang),
                       err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenProcessPool:  # a worker killed (out of memory, a signal); what it finished is in the cache
            click.echo(t("cli.worker_stopped", lang), err=True)
            sys.exit(EXIT_INTERNAL)
        except BrokenPipeError:
            raise
        except OSError as exc:  # a read-only OUTDIR, a full disk: essays are only ever read through EssayReadError
            write_failed(exc, outdir, lang)
        finally:
            if unpacked is not None:
                unpacked.cleanup()
    lost = any(s.lost for s in summary.skipped)
    if not quiet:
        average = "–" if summary.average is None else format_number(summary.average, lang)
        click.echo(t("cli.grade_summary", lang, count=summary.count, graded=summary.count - summary.failed,
                     failed=summary.failed, average=average, index=printable(summary.index)), err=True)
        _echo_skipped(summary.skipped, summary.index, lang)
    _echo_corrections(summary, outdir, quiet, lang)
    sys.exit(EXIT_UNREADABLE if summary.failed or lost else EXIT_OK)


MAX_SKIPPED_SHOWN = 10


def _echo_skipped(skipped, index: Path | None, lang: str) -> None:
    """The files and folders not graded, after the summary line: the first few when all of them
    are in the overview (``index``), else every one."""
    if not skipped:
        return
    click.echo(t("cli.skipped", lang, count=len(skipped)), err=True)
    for item in skipped[:MAX_SKIPPED_SHOWN] if index is not None else skipped:
        click.echo(f"  - {printable(item.path)}: {item.message(lang)}", err=True)
    if len(skipped) > MAX_SKIPPED_SHOWN and index is not None:
        click.echo("  " + t("cli.skipped_more", lang, count=len(skipped) - MAX_SKIPPED_SHOWN,
                            index=printable(index)), err=True)


def _echo_corrections(summary, outdir: Path, quiet: bool, lang: str) -> None:
    """What came of the teacher's koreksi.csv: the rows applied, and every row that was not (a
    problem is shown even with --quiet: a correction must never be lost without a word)."""
    from rubrika.batch.corrections import corrections_path

    if summary.corrections_applied and not quiet:
        click.echo(t("cli.corrections_applied", lang, count=summary.corrections_applied,
                     file=printable(corrections_path(outdir))), err=True)
    if summary.corrections_problems:
        click.echo(t("cli.corrections_problems", lang, count=len(summary.corrections_problems),
                     index=printable(summary.index)), err=True)
        for message in summary.corrections_problems:
            click.echo(f"  - {printable(message)}", err=True)


def _cluster(scheduler: str | None, lang: str):
    """A runner on the Dask cluster at ``scheduler``, connected before any essay is read."""
    if scheduler is None:
        return None
    from rubrika.batch.cluster import DaskRunner, DaskUnavailable

    try:
        return DaskRunner.connect(scheduler)
    except DaskUnavailable:
        raise click.UsageError(t("cli.no_dask", lang)) from None
    except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, a malformed address
        raise click.UsageError(t("cli.no_scheduler", lang, address=printable(scheduler),
                                 reason=printable(str(exc) or type(exc).__name__)[:200])) from None


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int) -> None:
        return None


@main.command()
@click.argument("kind", type=click.Choice(["result", "rubric"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of result records (result) or of rubric files (rubric)."""
    from importlib import resources

    name = "result.schema.json" if kind == "result" else "rubric.schema.json"
    click.echo((resources.files("rubrika.rubrics") / name).read_text(encoding="utf-8"), nl=False)


main.add_command(rubric)
main.add_command(__import__("rubrika.serve.command", fromlist=["serve"]).serve)  # rubrika serve
