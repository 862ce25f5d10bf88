"""``rubric draft`` on the teacher page: upload the article a class read, review the draft, save it
as a rubric the student page then offers.

``POST /api/draft`` (multipart: ``file``, the article in any format ``rubrika check`` reads, up to
``ServeConfig.max_article_bytes``; optional ``id``, ``title``, ``lang``) drafts a rubric with
``rubrika.authoring.draft.draft_rubric`` (on the engine's one worker thread, as a check runs) and
answers with the draft to review: every concept's label, terms, group terms and examples, where in
the article it came from, and its ``# PERIKSA`` doubts in the page's language, plus the commented
YAML. ``POST /api/draft/{token}`` takes the teacher's edits (JSON), writes the rubric with the
draft's own writer (``to_yaml``, so every value is quoted by it and every comment stays), and
validates it with the rubric loader: problems answer ``invalid-rubric`` with their line, column
and the concept they sit in; a valid rubric is compiled and offered at once.

Where a saved rubric lives: with ``--rubrics DIR``, in ``DIR/<id>.yaml`` (written atomically;
offered again after a restart); without, in the server's memory for its lifetime. A saved rubric
never replaces one the server did not save itself (``rubric-exists``). Drafts under review are
kept in memory, at most ``MAX_DRAFTS``, for the teacher jobs' ``keep_hours``.
"""

from __future__ import annotations

import copy
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from rubrika.api import Checker
from rubrika.atomic import write_text
from rubrika.authoring.draft import MARK, Draft, NothingToDraft, draft_rubric, summary, to_yaml
from rubrika.errors import RubricError
from rubrika.messages import t
from rubrika.messages.codes import http_status
from rubrika.readers.essay import Limits
from rubrika.rubric import load_rubric_text
from rubrika.serve.errors import ApiError, json_body
from rubrika.serve.rubrics import Offered, describe
from rubrika.serve.work import Busy

MAX_ARTICLE_BYTES = 10_000_000  # an article as a PDF with its pictures
MAX_DRAFTS = 20  # drafts under review kept at once; the oldest goes first
EXAMPLE_KINDS = ("match", "partial", "no_match")
_CRITERION_LINE = re.compile(r"^  - id: (\S+)")
_CONCEPT_LINE = re.compile(r"^      - id: (\S+)")


@dataclass
class Drafted:
    draft: Draft
    created: float = field(default_factory=time.monotonic)


class Drafting:
    """The drafts under review and the rubrics saved from them, for one server."""

    def __init__(self, server):
        self.server = server
        self.drafts: dict[str, Drafted] = {}
        self.saved: set[str] = set()  # rubric ids this server saved (a re-save may replace them)

    # --- the draft ---------------------------------------------------------------------

    def persistence(self, lang: str) -> str:
        folder = self.server.config.rubrics_dir
        if folder is not None:
            return t("page.teacher.draft_kept_dir", lang, folder=str(folder))
        return t("page.teacher.draft_kept_memory", lang)

    def keep(self, draft: Draft) -> str:
        now = time.monotonic()
        keep_seconds = self.server.config.keep_hours * 3600
        for token in [k for k, d in self.drafts.items() if now - d.created > keep_seconds]:
            del self.drafts[token]
        while len(self.drafts) >= MAX_DRAFTS:
            del self.drafts[next(iter(self.drafts))]
        token = secrets.token_urlsafe(16)
        self.drafts[token] = Drafted(draft)
        return token

    async def read_article(self, upload: UploadFile, lang: str) -> tuple[str, str]:
        """(file name, text) of the uploaded article: read as an essay upload is, within the
        article's own size limit."""
        server = self.server
        limit = server.config.max_article_bytes
        limits = Limits(max_bytes=limit, max_chars=server.config.limits.max_chars, max_word=server.config.limits.max_word)
        return await server.read_upload(upload, lang, limits, fallback="artikel", too_large=lambda size: ApiError(
            "too-large", t("api.draft_article_size", lang, size=size, limit=limit)))

    async def api_draft(self, request: Request) -> Response:
        server = self.server
        lang = server.lang(request)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
            raise ApiError("content-type", t("api.draft_no_article", lang))
        form = await server.form(request, lang, max_files=1)
        lang = form.get("lang") if form.get("lang") in ("id", "en") else lang
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise ApiError("no-input", t("api.draft_no_article", lang))
        name, text = await self.read_article(upload, lang)
        rubric_id = _text_field(form.get("id"))
        title = _text_field(form.get("title"))
        try:
            draft = await server.engine.run(lambda: draft_rubric(text, name, None, title))
        except NothingToDraft:
            raise ApiError("nothing-to-draft", t("draft.err.nothing", lang, file=name)) from None
        except Busy:
            raise ApiError("busy", t("api.busy", lang), {"Retry-After": "2"}) from None
        if rubric_id:
            draft.id = rubric_id  # checked by the loader when the rubric is saved, with its line
        return JSONResponse(self.review(draft, self.keep(draft), lang))

    def review(self, draft: Draft, token: str, lang: str) -> dict:
        """What the page lays out: the draft's editable parts, each doubt in the page's language."""
        criteria = []
        for c in draft.criteria:
            criteria.append({
                "id": c.id, "title": c.title, "where": c.where, "references": c.references is not None,
                "doubts": [t(key, lang) for key in c.doubts],
                "concepts": [{"id": k.id, "label": k.label, "where": k.where, "define": k.define, "terms": list(k.terms),
                              "groups": [{"name": g.name, "label": g.label, "terms": list(g.terms)} for g in k.groups],
                              "examples": {kind: list(k.examples.get(kind, [])) for kind in EXAMPLE_KINDS},
                              "doubts": [t(key, lang) for key in k.doubts]} for k in c.concepts]})
        marks = [t(key, lang) for key in draft.doubts]
        marks += [f"{where}: {t(key, lang)}" for where, key in draft.skipped + draft.dropped]
        return {"token": token, "id": draft.id, "title": draft.title, "file": draft.file, "mark": MARK,
                "summary": summary(draft, None, lang).splitlines()[0], "doubts": marks, "criteria": criteria,
                "yaml": to_yaml(draft), "kept": self.persistence(lang)}

    # --- saving ------------------------------------------------------------------------

    async def api_save(self, request: Request) -> Response:
        server = self.server
        lang = server.lang(request)
        drafted = self.drafts.get(request.path_params["token"])
        if drafted is None:
            raise ApiError("no-draft", t("api.draft_gone", lang))
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise ApiError("content-type", t("api.json", lang))
        edits = json_body(await request.body(), lang)
        draft = apply_edits(drafted.draft, edits, lang)
        text = to_yaml(draft)
        name = f"{draft.id}.yaml" if re.fullmatch(r"[a-z0-9][a-z0-9-]*", draft.id) else "rubrik.yaml"
        try:
            checker = await server.engine.run(lambda: Checker(load_rubric_text(text, name)))
        except RubricError as exc:
            return JSONResponse({"error": {"code": "invalid-rubric", "message": t("api.draft_invalid", lang,
                                                                                   count=len(exc.problems))},
                                 "problems": problems(exc, text, lang), "yaml": text},
                                status_code=http_status("invalid-rubric"))
        except Busy:
            raise ApiError("busy", t("api.busy", lang), {"Retry-After": "2"}) from None
        rubric_id = checker.rubric.id
        if rubric_id in server.registry.rubrics and rubric_id not in self.saved:
            raise ApiError("rubric-exists", t("api.draft_exists", lang, rubric=rubric_id))
        folder = server.config.rubrics_dir
        if folder is not None:
            path = Path(folder) / f"{rubric_id}.yaml"
            if path.exists() and rubric_id not in self.saved:
                raise ApiError("rubric-exists", t("api.draft_exists", lang, rubric=rubric_id))
            try:
                await anyio.to_thread.run_sync(write_text, path, text)
            except OSError as exc:
                raise ApiError("not-saved", t("api.draft_not_saved", lang, reason=exc.strerror or type(exc).__name__)) from None
            origin, message = path.name, t("api.draft_saved_dir", lang, rubric=rubric_id, folder=str(folder))
        else:
            origin, message = "draft", t("api.draft_saved_memory", lang, rubric=rubric_id)
        offered = Offered(rubric_id, checker, origin)
        server.registry.rubrics[rubric_id] = offered
        self.saved.add(rubric_id)
        drafted.draft = draft  # the next save starts from these edits
        return JSONResponse({"rubric": describe(offered, lang), "file": origin if folder is not None else None,
                             "message": message, "yaml": text})


def _text_field(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(value, lang: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError("bad-json", t("api.draft_edits", lang))
    return [" ".join(v.split()) for v in value if v.strip()]


def apply_edits(original: Draft, edits, lang: str) -> Draft:
    """A copy of the draft with the teacher's edits: ``{"id", "title", "concepts": [{"criterion",
    "id", "label", "terms", "groups": [[...], ...], "examples": {"match": [...], ...}}]}``. Only the
    parts given change; the values are written by the draft's writer, which quotes each one."""
    if not isinstance(edits, dict):
        raise ApiError("bad-json", t("api.draft_edits", lang))
    draft = copy.deepcopy(original)
    for key in ("id", "title"):
        if key in edits:
            if not isinstance(edits[key], str):
                raise ApiError("bad-json", t("api.draft_edits", lang))
            setattr(draft, key, edits[key].strip())
    concepts = {(c.id, k.id): k for c in draft.criteria for k in c.concepts}
    given = edits.get("concepts", [])
    if not isinstance(given, list):
        raise ApiError("bad-json", t("api.draft_edits", lang))
    for item in given:
        if not isinstance(item, dict) or (item.get("criterion"), item.get("id")) not in concepts:
            raise ApiError("bad-json", t("api.draft_edits", lang))
        concept = concepts[(item["criterion"], item["id"])]
        if "label" in item:
            if not isinstance(item["label"], str):
                raise ApiError("bad-json", t("api.draft_edits", lang))
            concept.label = " ".join(item["label"].split())
        if "terms" in item:
            concept.terms = _strings(item["terms"], lang)
        if "groups" in item:
            groups = item["groups"]
            if not isinstance(groups, list) or len(groups) != len(concept.groups):
                raise ApiError("bad-json", t("api.draft_edits", lang))
            for group, terms in zip(concept.groups, groups):
                group.terms = _strings(terms, lang)
        if "examples" in item:
            examples = item["examples"]
            if not isinstance(examples, dict) or set(examples) - set(EXAMPLE_KINDS):
                raise ApiError("bad-json", t("api.draft_edits", lang))
            for kind, sentences in examples.items():
                concept.examples[kind] = _strings(sentences, lang)
    return draft


def problems(error: RubricError, text: str, lang: str) -> list[dict]:
    """The loader's problems with their line and column, and the concept (or criterion) whose
    lines they sit in, so the page can point at the field."""
    owner: dict[int, tuple[str | None, str | None]] = {}
    criterion: str | None = None
    concept: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line and not line.startswith((" ", "#")):
            criterion, concept = None, None
        if m := _CRITERION_LINE.match(line):
            criterion, concept = m.group(1), None
        elif m := _CONCEPT_LINE.match(line):
            concept = m.group(1)
        owner[number] = (criterion, concept)
    out = []
    for p in error.problems:
        head, *detail = p.format(lang).split("\n")
        message = head.removeprefix(f"{p.file}:{p.line}:{p.column}: ")
        where = owner.get(p.line, (None, None))
        out.append({"line": p.line, "column": p.column, "message": message, "detail": "\n".join(detail),
                    "criterion": where[0], "concept": where[1],
                    "where": t("api.draft_line", lang, line=p.line, column=p.column)})
    return out


def routes(server, wrap) -> list[Route]:
    """The drafting routes, each wrapped as the app wraps its own (``ApiError`` to its answer)."""
    drafting = Drafting(server)
    server.drafting = drafting
    return [Route("/api/draft", wrap(drafting.api_draft), methods=["POST"]),
            Route("/api/draft/{token}", wrap(drafting.api_save), methods=["POST"])]


__all__ = ["MAX_ARTICLE_BYTES", "MAX_DRAFTS", "Drafting", "apply_edits", "problems", "routes"]
