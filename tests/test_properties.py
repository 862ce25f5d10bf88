"""Property-based tests: arbitrary Unicode through reader -> matcher -> reporters."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubrika.nlp.layout import lay_out
from rubrika.readers.plaintext import decode
from rubrika.readers import ReaderError
from rubrika.reporters import html, text as text_report

WORDS = ["Perdamaian", "adalah", "kerja", "sama", "internasional", "HAM", "PBB", "negara-negara", "dll.",
         "\n", "\n\n", "• ", "  ", "\u00a0", "\u200b", "e\u0301", "ﬁ", "<script>", "&amp;", '"', "’", "-\n"]
essay_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=80).map(" ".join),
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(essay_text)
def test_layout_offsets_stay_inside_the_original(text):
    layout = lay_out(text)
    assert len(layout.offsets) == len(layout.text) + 1
    for i in range(len(layout.text)):
        start, end = layout.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


@SETTINGS
@given(essay_text)
def test_checking_never_crashes_and_evidence_slices_the_original(checker, text):
    record = checker.check_text(text)
    assert 0 <= record["score"] <= 100
    for criterion in record["criteria"]:
        for concept in criterion["concepts"]:
            for e in concept["evidence"]:
                assert text[e["start"]:e["end"]] == e["text"]
                s, t = e["sentence"]
                assert s <= e["start"] and e["end"] <= t
    text_report.render(record)


class _Essay(HTMLParser):
    """Collects the text inside the essay-text div, and every tag of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self.depth:
            self.depth += 1
        elif ("class", "essay-text") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


@SETTINGS
@given(essay_text)
def test_html_report_escapes_and_keeps_the_essay(checker, text):
    record = checker.check_text(text, path="<b>esai</b>.txt", essay_id="<i>x</i>")
    page = html.render_essay(record, text)
    parser = _Essay()
    parser.feed(page)
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "main", "section", "div",
                                "span", "h1", "h2", "h3", "p", "strong", "ol", "li", "a", "article", "ul", "mark",
                                "footer", "br", "details", "summary"}  # details: the folded missing ideas (issue 22.23)
    assert "".join(parser.parts) == text
    assert "<i>x</i>" not in page and "<b>esai</b>" not in page


@SETTINGS
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_a_reason(raw):
    try:
        text, encoding = decode(raw)
    except ReaderError as exc:
        assert exc.code in ("binary", "encoding")
    else:
        assert isinstance(text, str) and encoding
        assert not re.search(r"[\x00]", text)
