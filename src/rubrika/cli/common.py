"""What every Rubrika command shares: exit codes, --lang/--debug, rubric and source options."""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from rubrika.errors import RubricError
from rubrika.messages import LANGUAGES, t
from rubrika.terminal import StdoutError, printable, silence_stdout

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_WRITE = 4  # outputs could not be written (read-only folder, disk full); the old ones are intact
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # the reader of the output went away, e.g. `| head` (128 + SIGPIPE)


def common_options(func):
    """--lang and --debug for every command; turns user errors into exit codes."""

    @click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True,
                  envvar="RUBRIKA_LANG", help="Language of messages and feedback (id = Indonesian, en = English).")
    @click.option("--debug", is_flag=True, help="Show the Python traceback of internal errors.")
    @functools.wraps(func)
    def wrapper(*args, lang: str, debug: bool, **kwargs):
        try:
            try:
                return func(*args, lang=lang, **kwargs)
            finally:
                sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except BrokenPipeError:
            silence_stdout()
            sys.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            click.echo(t("cli.interrupted", lang), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except RubricError as exc:
            click.echo(exc.format(lang), err=True)
            sys.exit(EXIT_USAGE)
        except StdoutError as exc:
            stdout_failed(exc, lang)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug, not a user error
            if debug:
                raise
            click.echo(t("cli.internal", lang, error=printable(f"{type(exc).__name__}: {exc}")), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def read_source(path: Path, lang: str) -> str:
    """The text of a source file; a usage error naming the file when it cannot be read."""
    from rubrika.readers.essay import EssayReadError, read_essay

    try:
        return read_essay(path).text
    except EssayReadError as exc:
        raise click.UsageError(f"{printable(exc.path)}: {exc.message(lang)}") from None


def write_failed(exc: OSError, target: Path, lang: str):
    """Outputs that could not be written (read-only folder, full disk): say so, exit 4."""
    path = Path(os.fsdecode(exc.filename)) if exc.filename else Path(target)
    if path.name.startswith(".") and path.name.endswith(".tmp"):  # an atomic write's or the probe's file
        path = path.parent
    click.echo(t("cli.write_failed", lang, path=printable(path), reason=_reason(exc, lang)), err=True)
    sys.exit(EXIT_WRITE)


_REASONS = {errno.ENOSPC: "cli.write_reason.full", errno.EDQUOT: "cli.write_reason.full",
            errno.EROFS: "cli.write_reason.read_only", errno.EACCES: "cli.write_reason.denied",
            errno.EPERM: "cli.write_reason.denied", errno.EBADF: "cli.write_reason.closed"}


def _reason(exc: OSError, lang: str) -> str:
    """Why a write failed, in the reader's words, with the system's own in brackets."""
    reason = exc.strerror or type(exc).__name__
    known = _REASONS.get(exc.errno) if exc.errno is not None else None
    return f"{t(known, lang)} ({reason})" if known is not None else reason


def stdout_failed(exc: OSError, lang: str):
    """stdout could not be written (redirected to a full disk, closed): say so, exit 4."""
    silence_stdout()  # what is still buffered would fail again at exit
    click.echo(t("cli.stdout_failed", lang, reason=_reason(exc, lang)), err=True)
    sys.exit(EXIT_WRITE)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``, a service manager stopping the job), taken as Ctrl-C is taken."""


@contextmanager
def sigterm_as_interrupt():
    """While the block runs, SIGTERM raises ``Terminated`` in the main thread as Ctrl-C raises
    KeyboardInterrupt: the batch stops its workers, keeps what it checked, leaves no half-written
    file, and says that running it again resumes. A second SIGTERM during that is ignored."""

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a program running the command in a thread): its own business
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def rubric_source(value: str | None):
    """A rubric argument: a file, or nothing / "builtin" for the built-in rubric."""
    from rubrika.rubric import BUILTIN_RUBRIC

    return BUILTIN_RUBRIC if value in (None, "builtin") else Path(value)
