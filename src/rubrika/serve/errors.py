"""The errors ``rubrika serve`` answers with: ``{"error": {"code", "message"}}`` with the HTTP
status the one table of codes (``rubrika.messages.codes``) gives the code.

An essay that cannot be checked keeps the code that ``rubrika check`` writes into its record
(``EssayReadError.code``, decided once by ``rubrika.readers.essay``), whether it came as a
file or as text, so every door refuses the same input with the same code and status.
"""

from __future__ import annotations

import json

from starlette.responses import JSONResponse

from rubrika.messages import t
from rubrika.messages.codes import http_status
from rubrika.readers.essay import EssayReadError

# Text sent as text is refused in the page's words (it is no file): its code's message.
TEXT_MESSAGES = {"empty": "api.empty", "binary": "api.binary", "not-prose": "api.long_word",
                 "too-large": "api.too_long"}


class ApiError(Exception):
    """An error a person caused: its code (``rubrika.messages.codes``) gives the HTTP status."""

    def __init__(self, code: str, message: str, headers: dict | None = None):
        self.code, self.message, self.headers = code, message, headers or {}


def essay_error(exc: EssayReadError, lang: str, name: str | None = None) -> ApiError:
    """The answer to an essay that cannot be checked: a file's reason names the file; text
    sent as text (``name`` None) gets the page's wording, with the same code."""
    if name is None:
        return ApiError(exc.code, t(TEXT_MESSAGES[exc.code], lang, **exc.params))
    return ApiError(exc.code, t("api.file", lang, name=name, reason=exc.message(lang)))


def error_response(code: str, message: str, headers: dict | None = None, status: int | None = None) -> JSONResponse:
    """The answer to an error: the status of ``code``, or of an HTTP error passed on as it came."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status or http_status(code),
                        headers=headers)


def json_body(raw: bytes, lang: str) -> dict:
    """A request's JSON object, or ``bad-json``: not JSON, not UTF-8, nested past the parser's
    depth, or holding half of a UTF-16 pair (``"\\ud800"``), so no door answers 500 to it."""
    try:
        data = json.loads(raw)
        pending = [data]
        while pending:  # no text holds a lone surrogate
            item = pending.pop()
            if isinstance(item, str):
                item.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
            elif isinstance(item, dict):
                pending.extend(item.keys())
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
    except (ValueError, RecursionError):  # UnicodeError is a ValueError; so is a JSON error
        raise ApiError("bad-json", t("api.json", lang)) from None
    if not isinstance(data, dict):
        raise ApiError("bad-json", t("api.json", lang))
    return data
