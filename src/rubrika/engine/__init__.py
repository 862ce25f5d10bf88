"""The checking engine: analyse an essay, match a compiled rubric, score the evidence.

May import ``nlp``, ``rubric``, ``result``, ``errors`` and ``messages``; never a door
(``cli``, ``serve``), ``batch``, ``authoring``, ``api`` or a reporter, nor click, jinja2 or starlette.
"""
