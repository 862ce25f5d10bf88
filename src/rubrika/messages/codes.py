"""Error codes: the one table of every code an ``error`` carries, as spaCy's ``Errors`` is.

A code names one kind of error, is stable (result records, API clients and scripts key on
it) and greppable: the code that raises it writes it out whole. ``EssayReadError.code`` (an
essay that cannot be checked; the result record's ``error.code``) and the JSON API's
``{"error": {"code", "message"}}`` share this table, and ``rubrika serve`` answers each code
with the HTTP status given here (``http_status``), so one error has one status on every
route. The messages themselves are in the catalogue, in the reader's language.
``tests/test_messages.py`` keeps the table and the code equal.
"""

from __future__ import annotations

from typing import NamedTuple


class ErrorCode(NamedTuple):
    status: int  # the HTTP status rubrika serve answers with
    meaning: str  # for contributors and API users


ERRORS: dict[str, ErrorCode] = {
    # an essay that cannot be checked (EssayReadError, ReaderError) -- and the API's for the same
    "not-found": ErrorCode(404, "the essay file, the page or the file asked for does not exist"),
    "not-a-file": ErrorCode(422, "a folder or a device, not an essay file"),
    "unreadable": ErrorCode(422, "the operating system refused to read the file"),
    "unsupported-format": ErrorCode(415, "not .txt .md .docx .odt .pdf (.doc and .rtf are asked for as .docx)"),
    "too-large": ErrorCode(413, "over a size limit: the file, its text, a part of a document, or a request body"),
    "empty": ErrorCode(422, "no text but white space or invisible characters"),
    "not-prose": ErrorCode(422, "a run of characters without a space longer than any word"),
    "binary": ErrorCode(422, "binary data, not text"),
    "encoding": ErrorCode(422, "a text file in an encoding that cannot be read"),
    "corrupt": ErrorCode(422, "a damaged .docx, .odt or .pdf"),
    "encrypted": ErrorCode(422, "a PDF that needs a password to open"),
    "no-text": ErrorCode(422, "a PDF without a text layer (a scan)"),
    # requests rubrika serve refuses
    "bad-json": ErrorCode(400, "the body is not a JSON object"),
    "bad-text": ErrorCode(400, "'text' is not a string"),
    "no-input": ErrorCode(400, "neither 'text' nor a 'file'"),
    "bad-form": ErrorCode(400, "a multipart body that cannot be read"),
    "too-many-files": ErrorCode(400, "more files than an upload may hold"),
    "no-files": ErrorCode(400, "a class upload without files"),
    "content-type": ErrorCode(415, "neither JSON nor multipart/form-data (for a class upload: not multipart)"),
    "lang": ErrorCode(400, "a language other than id or en"),
    "unknown-rubric": ErrorCode(400, "a rubric id the server does not offer"),
    "no-essays": ErrorCode(422, "a class upload in which nothing is an essay"),
    "no-job": ErrorCode(404, "a grading job that does not exist (any more)"),
    "running": ErrorCode(409, "a grading job still running cannot be deleted"),
    "not-ready": ErrorCode(409, "a grading job that has not finished"),
    "bad-correction": ErrorCode(400, "a correction naming an essay or concept the upload lacks, an unknown status or a note too long"),
    "no-corrections": ErrorCode(409, "'Pelajari dari koreksi' on an upload without corrections or reviewed essays"),
    "method": ErrorCode(405, "an HTTP method the route does not take"),
    "host": ErrorCode(400, "a Host header other than the loopback names"),
    "origin": ErrorCode(403, "a request sent by another site"),
    "access-code": ErrorCode(401, "the access code is missing or wrong"),
    "too-slow": ErrorCode(408, "a request body that stalled or trickled; the connection is closed"),
    "rate-limit": ErrorCode(429, "too many requests from one address; wait Retry-After seconds"),
    "code-wait": ErrorCode(429, "too many wrong access codes from one client; no code is looked at for Retry-After seconds"),
    "job-limit": ErrorCode(429, "this client keeps as many grading results as it may; wait Retry-After seconds"),
    "busy": ErrorCode(503, "too many checks waiting, or a class already being graded; retry after Retry-After"),
    "jobs-full": ErrorCode(503, "the server keeps as many grading results as it may; retry after Retry-After"),
    # rubric draft on the teacher page
    "nothing-to-draft": ErrorCode(422, "an article with no sentence a rubric could be drafted from"),
    "no-draft": ErrorCode(404, "a draft under review that does not exist (any more)"),
    "invalid-rubric": ErrorCode(422, "the reviewed draft does not load as a rubric; 'problems' lists each with its line"),
    "rubric-exists": ErrorCode(409, "a rubric with that id is offered already and was not saved from a draft here"),
    "not-saved": ErrorCode(507, "the rubric file could not be written into --rubrics DIR"),
    "internal": ErrorCode(500, "a bug in Rubrika; the log names it, the answer does not"),
}


def http_status(code: str) -> int:
    """The HTTP status ``rubrika serve`` answers error ``code`` with."""
    return ERRORS[code].status
