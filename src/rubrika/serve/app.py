"""The Starlette application of ``rubrika serve``: pages, JSON API, teacher jobs.

Every error a person can cause (empty or binary text, an oversized or broken file, a hostile
zip, an unknown rubric, too many requests, a busy server) answers with a 4xx (or 503 for
"busy") and ``{"error": {"code", "message"}}`` in the language asked; a bug answers with a
plain 500 message, never a traceback. No essay text is logged or kept: a checked text lives
only in the request, an opened file only in a temporary file removed before the answer, a
class upload only until it is graded.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import shutil
import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import anyio.to_thread
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
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
from rubrika.reporters.view import essay_view
from rubrika.serve import drafting, openapi
from rubrika.serve.errors import ApiError, error_response, essay_error
from rubrika.serve.guard import COOKIE, BodyTooLarge, Guard, GuardSettings, access_token
from rubrika.serve.rubrics import Registry, load_registry
from rubrika.batch.corrections import CORRECTIONS
from rubrika.serve.work import UPLOADED_CORRECTIONS, Busy, Engine, Jobs, learn_from
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
    max_waiting: int = 64
    wait_seconds: float = 10.0
    max_jobs: int = 1
    keep_hours: float = 2.0
    max_upload_files: int = 500
    max_article_bytes: int = drafting.MAX_ARTICLE_BYTES  # an article to draft a rubric from
    limits: Limits = DEFAULT_LIMITS
    zip_limits: ZipLimits = field(default_factory=ZipLimits)


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


class Server:
    def __init__(self, config: ServeConfig, registry: Registry | None = None):
        self.config = config
        self.registry = registry or load_registry(config.rubrics_dir, config.default_rubric)
        self.engine = Engine(config.max_waiting, config.wait_seconds)
        self.tmp = Path(tempfile.mkdtemp(prefix="rubrika-serve-"))
        self.jobs = Jobs(self.tmp, config.max_jobs, config.keep_hours * 3600)
        self.env = _environment()
        self.drafting: drafting.Drafting  # set by drafting.routes() when the app is made

    # --- helpers -----------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        value = request.query_params.get("lang")
        return value if value in LANGUAGES else self.config.lang

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

    async def read_upload(self, upload: UploadFile, lang: str) -> tuple[str, str]:
        """(file name, text) of an uploaded essay file, read by rubrika.readers.essay.read_essay."""
        name = safe_filename(upload.filename)
        try:
            check_suffix(name)  # before the upload is saved
        except EssayReadError as exc:
            raise essay_error(exc, lang, name) from None
        folder = Path(tempfile.mkdtemp(prefix="up-", dir=self.tmp))
        try:
            path = folder / name
            await anyio.to_thread.run_sync(_save, upload, path)
            try:
                essay = await anyio.to_thread.run_sync(read_essay, path, self.config.limits)
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
            raw = await request.body()
            try:
                data = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                raise ApiError("bad-json", t("api.json", lang)) from None
            if not isinstance(data, dict):
                raise ApiError("bad-json", t("api.json", lang))
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
        try:
            return await request.form(max_files=max_files, max_fields=20,
                                      max_part_size=self.config.limits.max_chars * 4)
        except BodyTooLarge:
            raise
        except HTTPException as exc:  # starlette's own multipart limits
            if exc.status_code == 400 and "files" in str(exc.detail).lower():
                raise ApiError("too-many-files", t("api.too_many_files", lang, limit=max_files)) from None
            raise ApiError("bad-form", t("api.form", lang, reason=str(exc.detail)[:200])) from None
        except Exception as exc:  # a malformed multipart body
            raise ApiError("bad-form", t("api.form", lang, reason=type(exc).__name__)) from None

    async def check(self, offered, essay_text: str, name: str | None, lang: str) -> dict:
        kwargs = {"lang": lang}
        if name:
            kwargs.update(path=name, essay_id=PurePosixPath(name).stem or "esai")
        try:
            return await self.engine.run(lambda: offered.checker.check_text(essay_text, **kwargs))
        except Busy:
            raise ApiError("busy", t("api.busy", lang), {"Retry-After": "2"}) from None

    # --- pages -------------------------------------------------------------------------

    def page(self, template: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        lang = self.lang(request)
        other = "en" if lang == "id" else "id"
        html = self.env.get_template(template).render(
            lang=lang, other_lang=other, t=lambda key, **kw: t(key, lang, **kw), version=__version__,
            path=request.url.path, rubrics=self.registry.listing(lang), code_required=bool(self.config.code),
            strings=script_texts(lang), **context)
        return HTMLResponse(html, status_code=status)

    def login_page(self, lang: str, path: str) -> tuple[bytes, bytes]:
        html = self.env.get_template("login.html.j2").render(
            lang=lang, other_lang="en" if lang == "id" else "id", t=lambda key, **kw: t(key, lang, **kw),
            version=__version__, path="/login", next=path if path in PAGES else "/", wrong=False)
        return html.encode("utf-8"), b"text/html; charset=utf-8"

    async def student(self, request: Request) -> Response:
        return self.page("student.html.j2", request)

    async def teacher(self, request: Request) -> Response:
        return self.page("teacher.html.j2", request, keep_hours=f"{self.config.keep_hours:g}",
                         draft_kept=self.drafting.persistence(self.lang(request)))

    async def login(self, request: Request) -> Response:
        lang = self.lang(request)
        if request.method == "GET":
            body, _ = self.login_page(lang, request.query_params.get("next", "/"))
            return HTMLResponse(body)
        form = await self.form(request, lang, max_files=0)
        code = form.get("code")
        target = form.get("next")
        if target not in PAGES:  # only our own pages: never an open redirect ("//x", "/\\x")
            target = "/"
        if self.config.code and isinstance(code, str) and hmac.compare_digest(access_token(code.strip()),
                                                                          access_token(self.config.code)):
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, access_token(self.config.code), httponly=True, samesite="strict")
            return response
        html = self.env.get_template("login.html.j2").render(
            lang=lang, other_lang="en" if lang == "id" else "id", t=lambda key, **kw: t(key, lang, **kw),
            version=__version__, path="/login", next=target, wrong=True)
        return HTMLResponse(html, status_code=401)

    # --- API ---------------------------------------------------------------------------

    async def api_rubrics(self, request: Request) -> Response:
        return JSONResponse(self.registry.listing(self.lang(request)))

    async def api_check(self, request: Request) -> Response:
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        return JSONResponse(await self.check(offered, given.text, given.name, given.lang))

    async def api_feedback(self, request: Request) -> Response:
        """For the student page: the view of the checked essay (``reporters.view.essay_view``,
        what the report and ``rubrika check`` lay out too) that the page only lays out."""
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        record = await self.check(offered, given.text, given.name, given.lang)
        view = essay_view(record, given.lang, offered.checker.outline(given.lang))
        return JSONResponse({"view": view, "rubric_id": offered.id,
                             "text": given.text if given.uploaded else None, "file": given.name})

    async def api_report(self, request: Request) -> Response:
        given = await self.essay_input(request)
        offered = self.offered(given.rubric, given.lang)
        record = await self.check(offered, given.text, given.name, given.lang)
        html = render_essay(record, given.text, given.lang, offered.checker.outline(given.lang))
        stem = safe_filename(PurePosixPath(given.name).stem if given.name else "esai")
        return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="umpan-balik-{stem}.html"'})

    async def api_grade(self, request: Request) -> Response:
        lang = self.lang(request)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
            raise ApiError("content-type", t("api.no_files", lang))
        if self.jobs.running() >= self.config.max_jobs:
            raise ApiError("busy", t("api.jobs_busy", lang), {"Retry-After": "10"})
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
        job = self.jobs.start(folder, essays_folder, offered.checker, self.engine.lock, offered.id, lang, refused)
        return JSONResponse(job.view(), status_code=202, headers={"Location": f"/api/grade/{job.id}"})

    def _stage(self, uploads: list[UploadFile], folder: Path, lang: str) -> tuple[Path, list[dict]]:
        """Save the uploads as a folder of essays; zips are extracted safely. Returns the folder
        to grade and the refused entries."""
        refused: list[dict] = []
        zips = [u for u in uploads if safe_filename(u.filename).lower().endswith(".zip")]
        loose = [u for u in uploads if u not in zips]
        essays = folder / "tugas"
        essays.mkdir()
        used: set[str] = set()
        for upload in loose:
            name = safe_filename(upload.filename)
            if name.lower() == CORRECTIONS:  # the corrections of an earlier upload (the zip holds it)
                _save(upload, folder / UPLOADED_CORRECTIONS)
                continue
            if PurePosixPath(name).suffix.lower() not in ESSAY_SUFFIXES:
                reason = t("essay.format", lang, suffix=PurePosixPath(name).suffix or "(-)")
                refused.append({"name": name, "code": "not-essay", "reason": reason})
                continue
            name = _unique(name, used)
            _save(upload, essays / name)
        for upload in zips:
            name = safe_filename(upload.filename)
            archive = folder / f"upload-{len(used)}.zip"
            _save(upload, archive)
            try:
                extraction = extract_essays(archive, dest=folder, limits=self.config.zip_limits, lang=lang)
            except ZipArchiveError as exc:
                refused.append({"name": name, "code": "not-zip", "reason": exc.message(lang)})
                continue
            finally:
                archive.unlink(missing_ok=True)
            refused += [{"name": r.name, "code": r.code, "reason": r.reason} for r in extraction.refused]
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
        try:
            body = await request.json()
        except ValueError:
            raise ApiError("bad-json", t("api.json", lang)) from None
        if not isinstance(body, dict):
            raise ApiError("bad-json", t("api.json", lang))
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
PAGES = ("/", "/guru")


def _unique(name: str, used: set[str]) -> str:
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate.casefold())
    return candidate


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
        return endpoint

    async def http_error(request: Request, exc: HTTPException) -> Response:
        lang = server.lang(request)
        if isinstance(exc, BodyTooLarge):
            return error_response("too-large", t("api.body_size", lang, limit=exc.limit))
        if exc.status_code == 404:
            return error_response("not-found", t("api.not_found", lang))
        if exc.status_code == 405:
            return error_response("method", t("api.method", lang))
        return error_response("http", str(exc.detail)[:200], status=exc.status_code)

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
                             max_upload=200_000_000, lang=config.lang)
    guarded = Guard(app, settings, render_login=server.login_page)
    guarded.server = server
    return guarded
