"""PyYAML's (libyaml's) parser messages in Indonesian.

The parser reports in English ("mapping values are not allowed in this context"); a
teacher reading ``rubrika rubric validate`` in Indonesian gets the same message in
Indonesian. Messages are matched by their fixed wording; one that is not known here is
shown as the parser wrote it.
"""

from __future__ import annotations

import re

_ID: list[tuple[str, str]] = [
    (r"mapping values are not allowed (?:in this context|here)", "titik dua ':' tidak boleh ada di sini"),
    (r"did not find expected ',' or '\]'", "tidak menemukan ',' atau ']' yang diharapkan"),
    (r"did not find expected ',' or '\}'", "tidak menemukan ',' atau '}' yang diharapkan"),
    (r"expected ',' or '\]', but got (.+)", r"diharapkan ',' atau ']', tetapi yang ada \1"),
    (r"expected ',' or '\}', but got (.+)", r"diharapkan ',' atau '}', tetapi yang ada \1"),
    (r"found a tab character that violates? indentation", "ada karakter tab yang merusak indentasi"),
    (r"found (?:a )?tab character (?:where an indentation space is expected|that cannot start any token)",
     "ada karakter tab di tempat yang seharusnya spasi indentasi"),
    (r"found character '(.*)' that cannot start any token", r"karakter '\1' tidak boleh mengawali nilai"),
    (r"found character that cannot start any token", "ada karakter yang tidak boleh mengawali nilai"),
    (r"could not find expected ':'", "tidak menemukan ':' yang diharapkan"),
    (r"did not find expected key", "tidak menemukan kunci yang diharapkan"),
    (r"did not find expected node content", "tidak menemukan isi yang diharapkan"),
    (r"did not find expected '-' indicator", "tidak menemukan tanda '-' yang diharapkan"),
    (r"did not find expected <document start>", "tidak menemukan awal dokumen yang diharapkan"),
    (r"found unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    (r"found unexpected ':'", "ada ':' yang tidak diharapkan"),
    (r"found unknown escape character(?: '(.*)')?", r"ada karakter escape yang tidak dikenal \1"),
    (r"found undefined (?:tag handle|alias)(?: '?(.*?)'?)?$", r"ada tag atau alias yang tidak didefinisikan \1"),
    (r"found duplicate anchor(?: '?(.*?)'?)?$", r"ada anchor ganda \1"),
    (r"block sequence entries are not allowed in this context",
     "isi daftar ('- ') tidak boleh ada di sini; periksa indentasinya"),
    (r"while scanning a (?:quoted|plain|simple|block) (?:scalar|key|mapping|collection)",
     "saat membaca sebuah nilai"),
    (r"while parsing a (?:block|flow) (?:mapping|sequence|collection|node)", "saat membaca sebuah blok"),
    (r"unacceptable character #x([0-9a-fA-F]+): (.*)", r"karakter #x\1 tidak boleh ada dalam YAML"),
    (r"control characters are not allowed", "karakter kontrol tidak boleh ada dalam YAML"),
]
_COMPILED = [(re.compile(pattern), text) for pattern, text in _ID]


def translate(problem: str, lang: str) -> str:
    """The parser's ``problem`` in ``lang`` (Indonesian or as written)."""
    if lang != "id":
        return problem
    for pattern, text in _COMPILED:
        match = pattern.search(problem)
        if match:
            return " ".join(match.expand(text).split())
    return problem
