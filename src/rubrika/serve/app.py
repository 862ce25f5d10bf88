"""The Starlette application of ``rubrika serve``: pages, JSON API, teacher jobs.

Every error a person can cause (empty or binary text, an oversized or broken file, a hostile
zip, an unknown rubric, too many requests, a busy server) answers with a 4xx (or 503 for
"busy") and ``{"error": {"code", "message"}}`` in the language asked; a bug answers with a
plain 500 message, never a traceback. No essay text is logged or kept: a checked text lives
only in the request, an opened file only in a temporary file removed before the answer, a
class upload only until it is graded.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import unicodedata
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import anyio.to_thread
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from rubrika import __version__
from rubrika.messages import LANGUAGES, keys, t, unfilled
from rubrika.messages.codes import http_status
from rubrika.readers.essay import (DEFAULT_LIMITS, ESSAY_SUFFIXES, EssayReadError, Limits, check_suffix, check_text,
                                   read_essay)
from rubrika.readers.plaintext import CONTROL
from rubrika.reporters.html import render_essay
from rubrika.reporters.present import number
from rubrika.reporters.view import essay_view
from rubrika.serve import drafting, openapi
from rubrika.serve.errors import ApiError, error_response, essay_error, json_body
from rubrika.serve.guard import (COOKIE, Access, BodyRefused, BodyTooLarge, BodyTooSlow, CodeFailures, Guard,
                                 GuardSettings, client_key, retry_after)
from rubrika.serve.rubrics import Registry, load_registry
from rubrika.batch.corrections import CORRECTIONS
from rubrika.serve.work import UPLOADED_CORRECTIONS, Busy, Engine, Gone, JobRefused, Jobs, learn_from
from rubrika.batch.ziparchive import ZipArchiveError, ZipLimits, extract_essays

log = logging.getLogger("rubrika.serve")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
_META_CSP = re.compile(rb'http-equiv="Content-Security-Policy" content="([^"]*)"')


@dataclass
class ServeConfig:
    rubrics_dir: Path | None = None
    default_rubric: str | None = None  # id or file name; else the teacher's own, else the built-in
    lang: str = "id"
    code: str | None = None
    loopback: bool = True
    rate_per_minute: int = 120
    rate_burst: int = 30
    # the checker: requests waiting for it, per client, and how long one may wait
    max_waiting: int = 64
    max_client_waiting: int = 4
    wait_seconds: float = 10.0
    # class uploads: graded one at a time, results kept keep_hours; a client keeps at most
    # max_client_jobs of them, the server max_kept_jobs (a new upload is refused, none evicted)
    max_jobs: int = 1
    keep_hours: float = 2.0
    max_client_jobs: int = 5
    max_kept_jobs: int = 100
    max_upload_files: int = 500
    max_upload_bytes: int = 300_000_000  # what one upload may put on disk: files, archives, unpacked entries
    max_article_bytes: int = drafting.MAX_ARTICLE_BYTES  # an article to draft a rubric from
    limits: Limits = DEFAULT_LIMITS
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    # slow and half-sent requests, connections (rubrika.serve.connections, the guard)
    header_seconds: float = 10.0  # to send a request's line and headers
    body_idle_seconds: float = 20.0  # the longest pause inside a request body
    min_body_rate: int = 500  # bytes per second a body averages once body_idle_seconds have passed
    keep_alive_seconds: int = 5  # an idle connection between requests (uvicorn's timeout_keep_alive)
    max_header_bytes: int = 16_384  # a request's headers (uvicorn's h11_max_incomplete_event_size)
    max_connections: int = 512
    max_client_connections: int = 32


@dataclass
class EssayInput:
    text: str
    name: str | None  # the file name, which names the student (as in `rubrika check`)
    lang: str
    rubric: object
    uploaded: bool = False  # read from an uploaded file (the page then needs its text)


def _environment() -> Environment:
    return Environment(loader=PackageLoader("rubrika.serve", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined)


def _lang_of(value, default: str) -> str:
    if value in (None, ""):
        return default
    if value not in LANGUAGES:
        raise ApiError("lang", t("api.lang", default, value=str(value)[:20]))
    return value


def safe_filename(name: str | None, fallback: str = "esai") -> str:
    """A file name an upload may be saved under: the last part of the name, made harmless."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("-", CONTROL.sub("", base)).strip(" .-")[:150]
    return base or fallback


def attachment(filename: str) -> str:
    """A ``Content-Disposition`` for a download named ``filename`` in any script (RFC 6266):
    ``filename*`` carries the name in UTF-8 (RFC 5987), ``filename`` an ASCII stand-in for
    the rare client that does not read it."""
    stem, dot, suffix = filename.rpartition(".")
    ascii_stem = unicodedata.normalize("NFKD", stem if dot else filename).encode("ascii", "ignore").decode("ascii")
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_stem).strip("-.") or "esai"
    fallback = f"{ascii_stem}.{suffix}" if dot else ascii_stem
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class Server:
    def __init__(self, config: ServeConfig, registry: Registry | None = None):
        self.config = config
        self.registry = registry or load_registry(config.rubrics_dir, config.default_rubric)
        self.engine = Engine(config.max_waiting, config.wait_seconds, config.max_client_waiting)
        self.tmp = Path(tempfile.mkdtemp(prefix="rubrika-serve-"))
        self.jobs = Jobs(self.tmp, config.max_jobs, config.keep_hours * 3600, max_client_jobs=config.max_client_jobs,
                         max_kept=config.max_kept_jobs)
        self.env = _environment()
        self.drafting: drafting.Drafting  # set by drafting.routes() when the app is made
        self.access = Access(config.code) if config.code else None
        self.failures = CodeFailures()  # shared with the guard: wrong codes on the login form count too

    # --- helpers -----------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        value = request.query_params.get("lang")
        return value if value in LANGUAGES else self.config.lang

    @staticmethod
    def client(request: Request) -> str:
        return client_key(request.client.host if request.client else None)

    def offered(self, rubric_id, lang: str):
        if rubric_id is not None and not isinstance(rubric_id, str):
            rubric_id = str(rubric_id)
        offered = self.registry.get(rubric_id or None)
        if offered is None:
            known = ", ".join(self.registry.rubrics)
            raise ApiError("unknown-rubric", t("api.rubric", lang, rubric=(rubric_id or "")[:80], known=known))
        return offered

    def checked_text(self, essay_text: str, lang: str) -> str:
        """Text sent as text goes through the same check as a file's text (``read_essay``)."""
        try:
            return check_text(essay_text, self.config.limits)
        except EssayReadError as exc:
            raise essay_error(exc, lang) from None

    async def read_upload(self, upload: UploadFile, lang: str, limits: Limits | None = None, fallback: str = "esai",
                          too_large: Callable[[int], ApiError] | None = None) -> tuple[str, str]:
        """(file name, text) of an uploaded file (an essay; an article for ``rubric draft``), read by
        rubrika.readers.essay.read_essay within ``limits`` (the server's essay limits by default).
        ``fallback``: the name of a file sent without one. ``too_large(size)``: the error for a file
        over ``limits.max_bytes``, raised before it is read (read_essay's own message otherwise)."""
        limits = limits or self.config.limits
        name = safe_filename(upload.filename, fallback)
        try:
            check_suffix(name)  # before the upload is saved
        except EssayReadError as exc:
            raise essay_error(exc, lang, name) from None
        if too_large is not None and upload.size is not None and upload.size > limits.max_bytes:
            raise too_large(upload.size)
        folder = Path(tempfile.mkdtemp(prefix="up-", dir=self.tmp))
        try:
            path = folder / name
            await anyio.to_thread.run_sync(_save, upload, path)
            if too_large is not None and path.stat().st_size > limits.max_bytes:
                raise too_large(path.stat().st_size)
            try:
                essay = await anyio.to_thread.run_sync(read_essay, path, limits)
            except EssayReadError as exc:
                raise essay_error(exc, lang, name) from None
            return name, essay.text
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    async def essay_input(self, request: Request) -> EssayInput:
        """The essay, its file name, the language and the rubric id from a JSON or multipart
        request (text, or a file read by read_essay)."""
        lang = self.lang(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            data = json_body(await request.body(), lang)
            lang = _lang_of(data.get("lang"), lang)
            essay_text = data.get("text")
            if essay_text is None:
                raise ApiError("no-input", t("api.no_input", lang))
            if not isinstance(essay_text, str):
                raise ApiError("bad-text", t("api.text_type", lang))
            name = data.get("name")
            name = safe_filename(name) if isinstance(name, str) and name.strip() else None
            return EssayInput(self.checked_text(essay_text, lang), name, lang, data.get("rubric"))
        if ctype == "multipart/form-data":
            form = await self.form(request, lang, max_files=1)
            lang = _lang_of(form.get("lang"), lang)
            upload = form.get("file")
            rubric = form.get("rubric")
            if isinstance(upload, UploadFile) and upload.filename:
                name, essay_text = await self.read_upload(upload, lang)
                return EssayInput(essay_text, name, lang, rubric, uploaded=True)
            essay_text = form.get("text")
            if isinstance(essay_text, str):
                name = form.get("name")
                name = safe_filename(name) if isinstance(name, str) and name.strip() else None
                return EssayInput(self.checked_text(essay_text, lang), name, lang, rubric)
            raise ApiError("no-input", t("api.no_input", lang))
        raise ApiError("content-type", t("api.content_type", lang))

    async def form(self, request: Request, lang: str, max_files: int):
        max_fields, max_part = 20, self.config.limits.max_chars * 4
        try:
            return await request.form(max_files=max_files, max_fields=max_fields, max_part_size=max_part)
        except (BodyRefused, ClientDisconnect):
            raise
        except HTTPException as exc:  # starlette's own multipart limits, worded in English: say which
            detail = str(exc.detail).lower()
            if "too many files" in detail:
                raise ApiError("too-many-files", t("api.too_many_files", lang, limit=max_files)) from None
            if "too many fields" in detail:
                raise ApiError("bad-form", t("api.too_many_fields", lang, limit=max_fields)) from None
            if "maximum size" in detail:
                raise ApiError("bad-form", t("api.part_size", lang, limit=number(max_part, lang))) from None
            raise ApiError("bad-form", t("api.form", lang)) from None
        except Exception:  # a malformed multipart body
            raise ApiError("bad-form", t("api.form", lang)) from None

    async def check(self, request: Request, offered, essay_text: str, name: str | None, lang: str) -> dict:
        """The record of one essay, from the shared checker: its turn comes by what the client's
        checks so far cost (characters), and it is never run once the client has gone."""
        kwargs = {"lang": lang}
        if name:
            kwargs.update(path=name, essay_id=PurePosixPath(name).stem or "esai")

        async def gone() -> None:
            while (await request.receive())["type"] != "http.disconnect":
                pass

        try:
            return await self.engine.run(lambda: offered.checker.check_text(essay_text, **kwargs),
                                         client=self.client(request), cost=len(essay_text), gone=gone)
        except Busy:
            raise ApiError("busy", t("api.busy", lang), {"Retry-After": "2"}) from None

    # --- pages -------------------------------------------------------------------------

    def page(self, template: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        lang = self.lang(request)
        other = "en" if lang == "id" else "id"
        context.setdefault("rubrics", self.registry.listing(lang))
        html = self.env.get_template(template).render(
            lang=lang, other_lang=other, t=lambda key, **kw: t(key, lang, **kw), version=__version__,
            path=request.url.path, code_required=bool(self.config.code), strings=script_texts(lang), **context)
        return HTMLResponse(html, status_code=status)

    def login_page(self, lang: str, path: str, problem: str | None = None) -> tuple[bytes, bytes]:
        html = self.env.get_template("login.html.j2").render(
            lang=lang, other_lang="en" if lang == "id" else "id", t=lambda key, **kw: t(key, lang, **kw),
            version=__version__, path="/login", next=path if path in PAGES else "/", problem=problem)
        return html.encode("utf-8"), b"text/html; charset=utf-8"

    async def student(self, request: Request) -> Response:
        return self.page("student.html.j2", request)

    async def teacher(self, request: Request) -> Response:
        # the teacher's page says why a rubric of --rubrics DIR is not offered; students see only that
        return self.page("teacher.html.j2", request, keep_hours=f"{self.config.keep_hours:g}",
                         rubrics=self.registry.listing(self.lang(request), reasons=True),
                         draft_kept=self.drafting.persistence(self.lang(request)))

    async def login(self, request: Request) -> Response:
        lang = self.lang(request)
        if request.method == "GET":
            body, _ = self.login_page(lang, request.query_params.get("next", "/"))
            return HTMLResponse(body)
        form = await self.form(request, lang, max_files=0)
        code = form.get("code")
        target = form.get("next")
        if not isinstance(target, str) or target not in PAGES:  # only our own pages: never "//x", "/\\x"
            target = "/"
        client = self.client(request)
        wait = self.failures.wait(client)
        if wait:  # no code is looked at while the client waits, not even the right one
            seconds = retry_after(wait)
            body, _ = self.login_page(lang, target, t("api.code_wait", lang, seconds=seconds))
            return HTMLResponse(body, status_code=http_status("code-wait"), headers={"Retry-After": str(seconds)})
        if self.access is not None and isinstance(code, str) and self.access.matches(code):
            self.failures.succeeded(client)
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.access.cookie, httponly=True, samesite="strict")
            return response
        if self.access is not None:
            self.failures.failed(client)
        body, _ = self.login_page(lang, target, t("page.login.wrong", lang))
        return HTMLResponse(body, status_code=401)

    # --- API ---------------------------------------------------------------------------

    async def api_rubrics(self, request: Request) -> Response:
        return JSONResponse(self.registry.listing(self.lang(request)))

    async def api_check(self, request: Request) -> Response:
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        return JSONResponse(await self.check(request, offered, given.text, given.name, given.lang))

    async def api_feedback(self, request: Request) -> Response:
        """For the student page: the view of the checked essay (``reporters.view.essay_view``,
        what the report and ``rubrika check`` lay out too) that the page only lays out."""
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        record = await self.check(request, offered, given.text, given.name, given.lang)
        view = essay_view(record, given.lang, offered.checker.outline(given.lang))
        return JSONResponse({"view": view, "rubric_id": offered.id,
                             "text": given.text if given.uploaded else None, "file": given.name})

    async def api_report(self, request: Request) -> Response:
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        record = await self.check(request, offered, given.text, given.name, given.lang)
        html = render_essay(record, given.text, given.lang, offered.checker.outline(given.lang))
        stem = safe_filename(PurePosixPath(given.name).stem if given.name else "esai")
        return HTMLResponse(html, headers={"Content-Disposition": attachment(f"umpan-balik-{stem}.html")})

    async def api_grade(self, request: Request) -> Response:
        lang = self.lang(request)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
            raise ApiError("content-type", t("api.no_files", lang))
        client = self.client(request)
        try:  # taken before the upload is read, so that two uploads sent at once never both run
            self.jobs.reserve(client)
        except JobRefused as exc:
            raise self.job_refused(exc, lang) from None
        started = False
        try:
            form = await self.form(request, lang, max_files=self.config.max_upload_files)
            lang = _lang_of(form.get("lang"), lang)
            offered = self.offered(form.get("rubric"), lang)
            uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
            if not uploads:
                raise ApiError("no-files", t("api.no_files", lang))
            folder = self.jobs.new_folder()
            try:
                essays_folder, refused = await anyio.to_thread.run_sync(self._stage, uploads, folder, lang)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            if not any(p.is_file() and p.suffix.lower() in ESSAY_SUFFIXES for p in essays_folder.rglob("*")):
                shutil.rmtree(folder, ignore_errors=True)
                return JSONResponse({"error": {"code": "no-essays", "message": t("api.no_essays", lang)},
                                     "refused": refused}, status_code=http_status("no-essays"))
            job = self.jobs.start(client, folder, essays_folder, offered.checker, self.engine.lock, offered.id, lang,
                                  refused)
            started = True
        finally:
            if not started:
                self.jobs.release(client)
        return JSONResponse(job.view(), status_code=202, headers={"Location": f"/api/grade/{job.id}"})

    def job_refused(self, exc: JobRefused, lang: str) -> ApiError:
        headers = {"Retry-After": str(retry_after(exc.retry))}
        if exc.code == "job-limit":
            return ApiError("job-limit", t("api.job_limit", lang, count=exc.count, limit=self.config.max_client_jobs,
                                           hours=number(self.config.keep_hours, lang)), headers)
        if exc.code == "jobs-full":
            return ApiError("jobs-full", t("api.jobs_full", lang), headers)
        return ApiError("busy", t("api.jobs_busy", lang), headers)

    def _stage(self, uploads: list[UploadFile], folder: Path, lang: str) -> tuple[Path, list[dict]]:
        """Save the uploads as a folder of essays; zips are extracted safely. Returns the folder
        to grade and the refused entries.

        One byte budget (``max_upload_bytes``) holds for everything the upload writes: each
        loose file and each archive is measured before it is written, and an archive unpacks
        into what is left of the budget, so four archives cannot write four budgets."""
        refused: list[dict] = []
        zips = [u for u in uploads if safe_filename(u.filename).lower().endswith(".zip")]
        loose = [u for u in uploads if u not in zips]
        essays = folder / "tugas"
        essays.mkdir()
        used: set[str] = set()
        budget = self.config.max_upload_bytes
        left = budget
        over_budget = t("api.upload_total", lang, limit=number(budget, lang))
        for upload in loose:
            name = safe_filename(upload.filename)
            if name.lower() == CORRECTIONS:  # the corrections of an earlier upload (the zip holds it)
                _save(upload, folder / UPLOADED_CORRECTIONS)
                continue
            if PurePosixPath(name).suffix.lower() not in ESSAY_SUFFIXES:
                reason = t("essay.format", lang, suffix=PurePosixPath(name).suffix or "(-)")
                refused.append({"name": name, "code": "not-essay", "reason": reason})
                continue
            size = _size(upload)
            if size > left:
                refused.append({"name": name, "code": "total", "reason": over_budget})
                continue
            left -= size
            name = _unique(name, used)
            _save(upload, essays / name)
        for index, upload in enumerate(zips):
            name = safe_filename(upload.filename)
            size = _size(upload)
            if size > left:
                refused.append({"name": name, "code": "total", "reason": over_budget})
                continue
            left -= size
            holder = folder / f"arsip-{index}"  # the archive keeps the teacher's name for every message
            holder.mkdir()
            archive = holder / name
            _save(upload, archive)
            room = min(self.config.zip_limits.max_total_bytes, left)
            try:
                extraction = extract_essays(archive, dest=folder, lang=lang,
                                            limits=replace(self.config.zip_limits, max_total_bytes=room))
            except ZipArchiveError as exc:
                refused.append({"name": name, "code": "not-zip", "reason": exc.message(lang)})
                continue
            finally:
                shutil.rmtree(holder, ignore_errors=True)
            left -= sum(p.stat().st_size for p in extraction.essays)
            prefix = f"{name}/" if len(uploads) > 1 else ""  # whose entry, when several were sent
            for r in extraction.refused:
                reason = over_budget if r.code == "total" and room < self.config.zip_limits.max_total_bytes \
                    else r.reason
                refused.append({"name": r.name if r.name == name else prefix + r.name, "code": r.code,
                                "reason": reason})
            if len(zips) == 1 and not loose:  # one LMS zip: its own folders, as the teacher knows them
                shutil.rmtree(essays)
                extraction.folder.rename(essays)
            else:
                target = essays / _unique(PurePosixPath(name).stem or "arsip", used)
                extraction.folder.rename(target)
        return essays, refused

    def job_or_404(self, request: Request):
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            raise ApiError("no-job", t("api.job", self.lang(request)))
        return job

    async def api_job(self, request: Request) -> Response:
        job = self.job_or_404(request)
        if request.method == "DELETE":
            if not self.jobs.delete(job.id):
                raise ApiError("running", t("api.not_ready", self.lang(request)))
            return Response(status_code=204)
        return JSONResponse(job.view())

    async def api_job_zip(self, request: Request) -> Response:
        job = self.job_or_404(request)
        if job.status != "done":
            raise ApiError("not-ready", t("api.not_ready", self.lang(request)))
        return FileResponse(job.zip_path, media_type="application/zip", filename="laporan-rubrika.zip")

    async def job_file(self, request: Request) -> Response:
        """The overview and reports of a finished job, each with its own CSP (the overview's
        sorting script is allowed by hash, as in the file itself)."""
        job = self.job_or_404(request)
        if job.status != "done":
            raise ApiError("not-ready", t("api.not_ready", self.lang(request)))
        rel = request.path_params["path"] or "index.html"
        parts = PurePosixPath(rel).parts
        allowed = (len(parts) == 1 and parts[0] in OUTPUTS_SERVED) or (
            len(parts) == 2 and parts[0] == "essays" and parts[1].endswith(".html") and not parts[1].startswith("."))
        path = job.outdir.joinpath(*parts) if allowed else None
        if path is None or not path.is_file() or path.is_symlink():
            raise ApiError("not-found", t("api.not_found", self.lang(request)))
        body = path.read_bytes()
        headers = {"X-Frame-Options": "SAMEORIGIN"}
        if path.suffix == ".html":
            meta = _META_CSP.search(body)
            csp = meta.group(1).decode() if meta else "default-src 'none'; style-src 'unsafe-inline'"
            headers["Content-Security-Policy"] = csp + "; frame-ancestors 'self'"
            return HTMLResponse(body, headers=headers)
        media = "text/csv; charset=utf-8" if path.suffix == ".csv" else "application/x-ndjson"
        return Response(body, media_type=media, headers={**headers, "Content-Disposition":
                                                         f'attachment; filename="{path.name}"'})

    def done_job(self, request: Request):
        job = self.job_or_404(request)
        if job.status != "done":
            raise ApiError("not-ready", t("api.not_ready", self.lang(request)))
        return job

    async def api_correct(self, request: Request) -> Response:
        """The teacher's word on one concept of one essay (``status``: found, partial, missing,
        or null to take a correction back; ``note``; ``show``: the student sees the note), or on
        a whole essay (``reviewed``: true or false). Written to the upload's own koreksi.csv; the
        class is graded again at once; the answer is the job as the page shows it."""
        job = self.done_job(request)
        lang = self.lang(request)
        body = json_body(await request.body(), lang)
        files = {row["file"] for row in job.rows if not row["error"]}
        concepts = {c["id"] for c in job.concepts}
        file, concept, status = body.get("file"), body.get("concept"), body.get("status")
        note, show, reviewed = body.get("note") or "", bool(body.get("show")), body.get("reviewed")
        if file not in files:
            raise ApiError("bad-correction", t("api.correction_file", lang))
        if reviewed is None and concept not in concepts:
            raise ApiError("bad-correction", t("api.correction_concept", lang))
        if reviewed is None and status not in (None, "found", "partial", "missing"):
            raise ApiError("bad-correction", t("api.correction_status", lang))
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            raise ApiError("bad-correction", t("api.correction_note", lang, limit=MAX_NOTE))
        await anyio.to_thread.run_sync(self.jobs.correct, job, str(file), str(concept or ""), status,
                                       " ".join(note.split()), show,
                                       None if reviewed is None else bool(reviewed))
        return JSONResponse(job.view())

    async def api_learn(self, request: Request) -> Response:
        """"Pelajari dari koreksi": the proposals learned from the upload's corrections."""
        from rubrika.authoring.suggest import SuggestInputError

        job = self.done_job(request)
        offered = self.registry.get(job.rubric)
        try:
            proposals, new_text = await self.engine.run(learn_from, job, offered.path if offered else None)
        except SuggestInputError as exc:
            raise ApiError("no-corrections", " ".join(exc.messages)) from None
        except Busy:
            raise ApiError("busy", t("api.busy", self.lang(request))) from None
        job.learned = new_text
        return JSONResponse(proposals)

    async def api_learned_rubric(self, request: Request) -> Response:
        """The new rubric version "Pelajari dari koreksi" proposed last (YAML, commented additions)."""
        job = self.done_job(request)
        if not job.learned:
            raise ApiError("not-found", t("api.not_found", self.lang(request)))
        offered = self.registry.get(job.rubric)
        stem = safe_filename(offered.path.stem if offered and offered.path else job.rubric)
        return Response(job.learned.encode("utf-8"), media_type="application/yaml; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{stem}-baru.yaml"'})

    async def api_use_learned(self, request: Request) -> Response:
        """"Pakai untuk unggahan berikutnya": the version "Pelajari dari koreksi" proposed becomes a
        rubric this server offers, beside the one it was learned from (never in its place). With
        ``--rubrics DIR`` it is written there as ``<file>-<version>.yaml`` (offered again after a
        restart; a file of that name the server did not write is never replaced); without, it is
        kept for the server's lifetime. Choosing it on the next upload grades with it."""
        from rubrika.api import Checker
        from rubrika.atomic import write_text
        from rubrika.errors import RubricError
        from rubrika.rubric import load_rubric_text

        lang = self.lang(request)
        job = self.done_job(request)
        text = job.learned
        if not text:
            raise ApiError("not-found", t("api.not_found", lang))
        offered = self.registry.get(job.rubric)
        stem = safe_filename(offered.path.stem if offered and offered.path else job.rubric).removesuffix(".yaml")
        try:
            checker = await self.engine.run(lambda: Checker(load_rubric_text(text, f"{stem}.yaml")))
        except Busy:
            raise ApiError("busy", t("api.busy", lang), {"Retry-After": "2"}) from None
        except RubricError as exc:  # the learned text was checked when it was written: a bug if it fails
            raise ApiError("invalid-rubric", t("api.draft_invalid", lang, count=len(exc.problems))) from None
        name = f"{stem}-{checker.rubric.version}.yaml"
        for known in self.registry.rubrics.values():  # using the same version twice offers it once
            if known.origin == name:
                return JSONResponse({"rubric": self._listed(known.id, lang), "message": t("api.learned_offered", lang, file=name)})
        folder = self.config.rubrics_dir
        if folder is not None:
            path = Path(folder) / name
            if path.exists():
                raise ApiError("rubric-exists", t("api.learned_file_exists", lang, file=name))
            try:
                await anyio.to_thread.run_sync(write_text, path, text)
            except OSError as exc:
                raise ApiError("not-saved", t("api.draft_not_saved", lang, reason=exc.strerror or type(exc).__name__)) from None
            message = t("api.learned_saved_dir", lang, file=name, folder=str(folder))
        else:
            path = self.tmp / "learned" / name  # "Pelajari dari koreksi" on its next upload reads it
            path.parent.mkdir(exist_ok=True)
            await anyio.to_thread.run_sync(write_text, path, text)
            message = t("api.learned_saved_memory", lang, file=name)
        self.registry.add(checker, name, path)
        added = next(o for o in reversed(list(self.registry.rubrics.values())) if o.origin == name)
        return JSONResponse({"rubric": self._listed(added.id, lang), "message": message})

    def _listed(self, rubric_id: str, lang: str) -> dict:
        """A rubric as the pages list it (with the label the upload form shows)."""
        return next(r for r in self.registry.listing(lang)["rubrics"] if r["id"] == rubric_id)

    async def api_openapi(self, request: Request) -> Response:
        return JSONResponse(openapi.document(__version__))


# The texts of the page scripts, which read them as S.<name>: every js.* key, and the words they
# share with the reports they lay out alike (the reports' own keys).
SCRIPT_SHARED = {"warning": "html.warning", "warnings_label": "html.warnings", "note": "report.note",
                 "score_flagged": "html.score_flagged", "terms": "report.terms", "grade": "report.grade",
                 "score": "report.total", "words": "report.words", "next": "report.next",
                 "advisories": "html.advisories", "student": "html.student",
                 "status_found": "status.found", "status_partial": "status.partial",
                 "status_missing": "status.missing", "corrected": "report.corrected", "unsure": "html.unsure"}


def script_texts(lang: str) -> dict[str, str]:
    """``{name: text}`` for student.js and teacher.js, placeholders left for the script to fill."""
    own = {key[3:]: key for key in keys("js.")}
    return {name: unfilled(key, lang) for name, key in sorted({**own, **SCRIPT_SHARED}.items())}


OUTPUTS_SERVED = ("index.html", "grades.csv", "results.jsonl", "koreksi.csv")
MAX_NOTE = 500  # characters of a teacher's note on a correction
CLIENT_GONE = 499  # the answer to a request whose client has gone: never read (nginx's code for it)
PAGES = ("/", "/guru")


def _unique(name: str, used: set[str]) -> str:
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate.casefold())
    return candidate


def _size(upload: UploadFile) -> int:
    """The bytes of an uploaded file, as received (before anything is written)."""
    upload.file.seek(0, 2)
    size = upload.file.tell()
    upload.file.seek(0)
    return size


def _save(upload: UploadFile, path: Path) -> None:
    upload.file.seek(0)
    with open(path, "xb") as out:
        shutil.copyfileobj(upload.file, out, 1024 * 1024)


def create_app(config: ServeConfig | None = None, registry: Registry | None = None) -> Guard:
    """The ASGI application; ``config`` as ``rubrika serve`` builds it from its options."""
    config = config or ServeConfig()
    server = Server(config, registry)

    def api(handler):
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as exc:
                return error_response(exc.code, exc.message, exc.headers)
            except (ClientDisconnect, Gone):  # nobody is left to read an answer, and nothing went wrong
                return Response(status_code=CLIENT_GONE)
        return endpoint

    async def http_error(request: Request, exc: HTTPException) -> Response:
        lang = server.lang(request)
        if isinstance(exc, BodyTooLarge):
            return error_response("too-large", t("api.body_size", lang, limit=exc.limit))
        if isinstance(exc, BodyTooSlow):  # the rest of the body is not waited for: the connection closes
            return error_response("too-slow", t("api.too_slow", lang), {"Connection": "close"})
        if exc.status_code == 404:
            return error_response("not-found", t("api.not_found", lang))
        if exc.status_code == 405:
            return error_response("method", t("api.method", lang))
        return error_response("http", t("api.http", lang, status=exc.status_code), status=exc.status_code)

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return error_response("internal", t("api.internal", server.lang(request)))

    @asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            server.jobs.close()

    routes = [
        Route("/", api(server.student)),
        Route("/guru", api(server.teacher)),
        Route("/login", api(server.login), methods=["GET", "POST"]),
        Route("/api/rubrics", api(server.api_rubrics)),
        Route("/api/check", api(server.api_check), methods=["POST"]),
        Route("/api/feedback", api(server.api_feedback), methods=["POST"]),
        Route("/api/report", api(server.api_report), methods=["POST"]),
        Route("/api/grade", api(server.api_grade), methods=["POST"]),
        Route("/api/grade/{job}", api(server.api_job), methods=["GET", "DELETE"]),
        Route("/api/grade/{job}/download", api(server.api_job_zip)),
        Route("/api/grade/{job}/corrections", api(server.api_correct), methods=["POST"]),
        Route("/api/grade/{job}/learn", api(server.api_learn), methods=["POST"]),
        Route("/api/grade/{job}/learned-rubric", api(server.api_learned_rubric)),
        Route("/api/grade/{job}/learned-rubric/use", api(server.api_use_learned), methods=["POST"]),
        Route("/guru/hasil/{job}/{path:path}", api(server.job_file)),
        Route("/api/openapi.json", api(server.api_openapi)),
        *drafting.routes(server, api),  # rubric draft on the teacher page
        Mount("/static", StaticFiles(packages=[("rubrika.serve", "static")]), name="static"),
    ]
    # Starlette types every handler as taking any Exception; http_error takes the one it is for.
    handlers: dict[Any, Any] = {HTTPException: http_error, Exception: internal_error}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.server = server
    settings = GuardSettings(code=config.code, loopback=config.loopback, rate_per_minute=config.rate_per_minute,
                             rate_burst=config.rate_burst, max_body=config.limits.max_bytes + 1_000_000,
                             max_upload=200_000_000, body_idle_seconds=config.body_idle_seconds,
                             min_body_rate=config.min_body_rate, lang=config.lang)
    guarded = Guard(app, settings, render_login=server.login_page, access=server.access, failures=server.failures)
    guarded.server = server
    return guarded
