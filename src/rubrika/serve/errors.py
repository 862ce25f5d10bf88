"""The errors ``rubrika serve`` answers with: one table of codes and their HTTP statuses.

Every error a person can cause answers ``{"error": {"code", "message"}}`` with the status
this table gives its code. An essay that cannot be checked keeps the code that
``rubrika check`` writes into its record (``EssayReadError.code``, decided once by
``rubrika.readers.essay``), whether it came as a file or as text, so every door refuses the
same input with the same code.
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from rubrika.readers.essay import EssayReadError
from rubrika.serve.messages import text

STATUS: dict[str, int] = {
    # the request
    "bad-json": 400, "bad-text": 400, "bad-form": 400, "no-input": 400, "no-files": 400, "too-many-files": 400,
    "lang": 400, "unknown-rubric": 400, "host": 400,
    "access-code": 401,
    "origin": 403,
    "not-found": 404, "no-job": 404,
    "method": 405,
    "too-slow": 408,
    "running": 409, "not-ready": 409,
    "content-type": 415,
    "rate-limit": 429, "code-wait": 429, "job-limit": 429,
    "internal": 500,
    "busy": 503, "jobs-full": 503,
    # the essay: EssayReadError codes, and a class upload that holds none
    "too-large": 413,
    "unsupported-format": 415,
    "empty": 422, "binary": 422, "not-prose": 422, "encoding": 422, "corrupt": 422, "encrypted": 422,
    "no-text": 422, "unreadable": 422, "not-a-file": 422, "no-essays": 422,
}
UNREADABLE = 422  # an essay code added to the readers and not yet to this table

# Text sent as text is refused in the page's words (it is no file): its code's message.
TEXT_MESSAGES = {"empty": "err.empty", "binary": "err.binary", "not-prose": "err.long_word",
                 "too-large": "err.too_long"}


def status_of(code: str) -> int:
    return STATUS.get(code, UNREADABLE)


class ApiError(Exception):
    def __init__(self, code: str, message: str, headers: dict | None = None):
        self.status, self.code, self.message, self.headers = status_of(code), code, message, headers or {}


def essay_error(exc: EssayReadError, lang: str, name: str | None = None) -> ApiError:
    """The answer to an essay that cannot be checked: a file's reason names the file; text
    sent as text (``name`` None) gets the page's wording, with the same code."""
    if name is None:
        return ApiError(exc.code, text(TEXT_MESSAGES[exc.code], lang, **exc.params))
    return ApiError(exc.code, text("err.file", lang, name=name, reason=exc.message(lang)))


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
