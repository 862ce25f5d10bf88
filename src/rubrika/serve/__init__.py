"""``rubrika serve``: a local web app over the same Python API as ``rubrika check`` and ``grade``.

Students get a page that checks a draft as they type; teachers upload a class (files or an
LMS ``.zip``) and get the overview and a ``.zip`` of what ``rubrika grade`` writes; other
tools get a JSON API (``POST /api/check``, ``GET /api/rubrics``). Every door goes through
``rubrika.api.Checker``, ``rubrika.reporters.html.render_essay`` and
``rubrika.batch.run.grade_folder``: this package never checks an essay itself.

A door: may import ``api``, ``batch``, ``authoring``, ``readers``, ``reporters``, ``messages``,
``rubric``, ``result``, ``errors``, ``atomic`` and ``terminal``; only ``cli`` imports it.

Stack: Starlette on uvicorn. Starlette is a small, well-kept ASGI toolkit (the base of
FastAPI) with routing, Jinja2 templates, static files, multipart uploads (through
python-multipart) and a test client; it adds no second validation layer or dependency
tree on top of what Rubrika already has, and plain ASGI middleware is all the access
code, rate limit, size limits and security headers need. FastAPI would bring generated
OpenAPI, but for five JSON routes a hand-written OpenAPI document (``/api/openapi.json``)
is smaller than the framework. uvicorn is the reference ASGI server, pure Python
installable from PyPI, and runs the same on a school laptop as on a class server.

Modules: ``app`` (the application and its routes), ``errors`` (the error answer: the code's
HTTP status from the one table of codes, ``rubrika.messages.codes``), ``guard`` (access code
and its back-off, rate limit, body limits and timeouts, security headers), ``connections``
(header timeout and connection caps, in the uvicorn server that runs the app), ``work``
(bounded, fairly shared checking and teacher grading jobs), ``rubrics`` (which rubrics are
offered), ``drafting`` (``rubric draft`` on the teacher page: an article's draft reviewed and
saved as an offered rubric), ``openapi`` (the API description), ``command`` (the Click
command). The page and API texts are in the one catalogue (``rubrika.messages``: ``page.*``,
``api.*``, ``js.*``).

Engine entry points used, and only these: ``Checker`` (``check_text``, and its ``rubric``
for titles and grade bands), ``render_essay`` and ``essay_view`` (the page lays out the view
every reporter lays out), ``grade_folder`` (its summary carries the overview's rows),
``read_essay`` and ``check_text`` (text sent as text is checked as a file's text is) with
``EssayReadError``.
"""
