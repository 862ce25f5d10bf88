"""``rubrika serve``: start the local web app (student page, teacher upload, JSON API)."""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from pathlib import Path

import click

from rubrika.messages import LANGUAGES, t


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _lan_address() -> str | None:
    """This computer's address as its own name resolves (no packet is sent)."""
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        return None
    return None if address.startswith("127.") else address


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host.strip("[]")
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _cannot_listen(exc: OSError, host: str, port: int, lang: str) -> str:
    """Why ``host:port`` cannot be listened on, in the user's words (the OS's are English)."""
    if isinstance(exc, socket.gaierror):
        return t("cli.serve_unknown_host", lang, host=host)
    if exc.errno == errno.EADDRINUSE:
        return t("cli.serve_port_busy", lang, host=host, port=port, other=port + 1 if port < 65535 else 8080)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return t("cli.serve_port_denied", lang, port=port)
    if exc.errno == errno.EADDRNOTAVAIL:
        return t("cli.serve_not_this_host", lang, host=host)
    return t("cli.serve_cannot_listen", lang, host=host, port=port)


@click.command()
@click.option("--rubrics", "rubrics_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="A folder of rubric YAML files to offer besides the built-in ones.")
@click.option("--default", "default_rubric", default=None, metavar="ID|FILE",
              help="The rubric the pages select first (an id or a file name in --rubrics); "
                   "default: the first rubric of --rubrics, else the built-in one.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost requires an access code.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True, envvar="RUBRIKA_LANG",
              help="Default language of the pages and feedback (id = Indonesian, en = English).")
@click.option("--code", default=None, envvar="RUBRIKA_CODE",
              help="Access code for --host other than 127.0.0.1 (default: one is generated and printed).")
@click.option("--rate-limit", type=click.IntRange(1, 100_000), default=120, show_default=True, metavar="N",
              help="Checks and uploads per minute per client address.")
def serve(rubrics_dir: Path | None, default_rubric: str | None, host: str, port: int, lang: str, code: str | None,
          rate_limit: int) -> None:
    """Serve the Rubrika page: students check drafts as they type, teachers grade a class.

    \b
    rubrika serve                          http://127.0.0.1:8000/ on this computer only
    rubrika serve --host 0.0.0.0 --code X  for a class on the same network (code X)
    """
    from rubrika.errors import RubricError
    from rubrika.serve import connections
    from rubrika.serve.app import ServeConfig, create_app
    from rubrika.serve.guard import generate_code
    from rubrika.serve.rubrics import UnknownDefault

    loopback = _is_loopback(host)
    if not loopback and not code:
        code = generate_code()
    if code is not None and len(code.strip()) < 4:
        raise click.BadParameter(t("cli.serve_code_short", lang), param_hint="--code")
    try:  # before anything is printed: a busy port is a usage error, not a crash after "ready"
        sock = connections.listen(host, port)
    except OSError as exc:
        raise click.UsageError(_cannot_listen(exc, host, port, lang)) from None
    port = sock.getsockname()[1]  # the port chosen, for --port 0
    config = ServeConfig(rubrics_dir=rubrics_dir, default_rubric=default_rubric, lang=lang,
                         code=code.strip() if code else None, loopback=loopback,
                         rate_per_minute=rate_limit, rate_burst=max(10, rate_limit // 4))
    try:
        app = create_app(config)
    except UnknownDefault as exc:
        sock.close()
        raise click.BadParameter(t("cli.serve_default_unknown", lang, name=exc.name, known=", ".join(exc.known)),
                                 param_hint="--default") from None
    except RubricError as exc:  # the built-in rubric itself failed: not the teacher's fault, but say what
        sock.close()
        click.echo(exc.format(lang), err=True)
        sys.exit(2)
    registry = app.server.registry
    click.echo(t("cli.serve_ready", lang, url=_url(host, port)))
    if host in ("0.0.0.0", "::"):
        lan = _lan_address()
        if lan:
            click.echo(t("cli.serve_network", lang, url=_url(lan, port)))
    click.echo(t("cli.serve_rubrics", lang, rubrics=", ".join(registry.rubrics), default=registry.default))
    for invalid in registry.invalid:  # the server log says why; students only see that it is unavailable
        click.echo(t("cli.serve_invalid", lang, file=invalid.file), err=True)
        for reason in invalid.reasons(lang):
            click.echo("  " + reason, err=True)
    if code:
        click.echo(t("cli.serve_code", lang, code=code))
    click.echo(t("cli.serve_stop", lang))
    try:
        connections.run(app, sock)
    finally:
        sock.close()
