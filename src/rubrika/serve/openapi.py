"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``."""

from __future__ import annotations

ERROR = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {"code": {"type": "string"},
                                                            "message": {"type": "string"}},
                             "required": ["code", "message"]}},
    "required": ["error"],
}

CHECK_JSON = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "The essay text (at most 200,000 characters)."},
        "rubric": {"type": "string", "description": "A rubric id from GET /api/rubrics; default: the built-in rubric."},
        "lang": {"type": "string", "enum": ["id", "en"], "description": "Language of feedback and messages."},
        "name": {"type": "string", "description": "The essay's file name, which names the student "
                                                  "(e.g. 'Budi Santoso - Tugas IPS.docx'); optional."},
    },
    "required": ["text"],
}

CHECK_FORM = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": ".txt .md .docx .odt .pdf, at most 20 MB"},
        "text": {"type": "string"},
        "rubric": {"type": "string"},
        "lang": {"type": "string", "enum": ["id", "en"]},
    },
}


def _errors(*codes: int) -> dict:
    meaning = {400: "Bad input (malformed JSON or form, text with half of a UTF-16 pair, JSON nested too deep, "
                    "unknown rubric or language).",
               401: "Access code missing or wrong (servers started with --host other than 127.0.0.1).",
               403: "Refused origin: a POST from another site, or with Origin: null.",
               404: "Not found.", 408: "The request body was sent too slowly; the connection is closed.",
               409: "Not finished yet.", 413: "Body, file or text too large.",
               415: "Unsupported content type or file format.", 422: "Empty, binary or unreadable essay.",
               429: "Wait the Retry-After seconds: rate limit (rate-limit), too many wrong access codes "
                    "(code-wait), or this client keeps as many grading results as it may (job-limit).",
               503: "Busy: too many checks waiting, a class already being graded, or the server keeps as many "
                    "grading results as it may (jobs-full); retry after Retry-After."}
    return {str(c): {"description": meaning[c], "content": {"application/json": {"schema": ERROR}}} for c in codes}


def document(version: str) -> dict:
    check_body = {"required": True, "content": {"application/json": {"schema": CHECK_JSON},
                                                "multipart/form-data": {"schema": CHECK_FORM}}}
    lang_param = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["id", "en"]}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Rubrika serve", "version": version,
                 "description": "Check Indonesian essays against a rubric. Records follow rubrika.result/1 "
                                "(see the README). With an access code, send it in the X-Rubrika-Code header."},
        "components": {"securitySchemes": {"accessCode": {"type": "apiKey", "in": "header", "name": "X-Rubrika-Code"}}},
        "paths": {
            "/api/rubrics": {"get": {
                "summary": "The rubrics offered, and the rubric files that could not be loaded.",
                "parameters": [lang_param],
                "responses": {"200": {"description": "{default, rubrics: [{id, title, version, origin, sha256, "
                                                     "criteria, grades}], invalid: [{file, unavailable}]}; why a file is "
                                                     "invalid is on the teacher's page and in the server log"},
                              **_errors(401, 429)}}},
            "/api/check": {"post": {
                "summary": "Check one essay (text or file); returns its rubrika.result/1 record.",
                "parameters": [lang_param], "requestBody": check_body,
                "responses": {"200": {"description": "The result record (schema rubrika.result/1)."},
                              **_errors(400, 401, 403, 408, 413, 415, 422, 429, 503)}}},
            "/api/report": {"post": {
                "summary": "The self-contained HTML report of one essay, as `rubrika check -o` writes it.",
                "parameters": [lang_param], "requestBody": check_body,
                "responses": {"200": {"description": "text/html attachment"},
                              **_errors(400, 401, 403, 408, 413, 415, 422, 429, 503)}}},
            "/api/grade": {"post": {
                "summary": "Grade a class: essay files and/or .zip archives in the multipart field 'files'.",
                "parameters": [lang_param],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "rubric": {"type": "string"}, "lang": {"type": "string", "enum": ["id", "en"]}}}}}},
                "responses": {"202": {"description": "The job: {id, status, done, total, refused, summary, rows}; "
                                                     "poll GET /api/grade/{id}."},
                              **_errors(400, 401, 403, 408, 413, 415, 422, 429, 503)}}},
            "/api/grade/{job}": {
                "get": {"summary": "Progress and, when done, the class summary and one row per essay.",
                        "responses": {"200": {"description": "The job"}, **_errors(401, 404)}},
                "delete": {"summary": "Delete a finished job's outputs now.",
                           "responses": {"204": {"description": "Deleted"}, **_errors(401, 404, 409)}}},
            "/api/grade/{job}/download": {"get": {
                "summary": "A .zip of exactly what `rubrika grade` writes: index.html, essays/*.html, "
                           "grades.csv, results.jsonl.",
                "responses": {"200": {"description": "application/zip"}, **_errors(401, 404, 409)}}},
        },
        "security": [{}, {"accessCode": []}],
    }
