"""The article's structure as criteria and points: a bulleted or numbered list, a run of
paragraphs opened by "Pertama, …", "Kedua, …", sentences of one paragraph opened that way, or
the paragraphs under a heading each become one criterion with one point per item.

A criterion's name comes from the first section word (Peluang, Hambatan, Dampak, Faktor,
Solusi … in ``drafting.section_words``) of its heading or of the sentence that introduces its
list; when the article's title names section words and a criterion's own word is not one of
them, the title's one unused word names it (marked for review). Paragraphs of the main text
outside any structure, and not only definitions, become points of one more criterion, marked
for review: that one paragraph is one idea is a guess. An article with no visible structure
at all gets only that criterion, and the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rubrika.authoring.draft.article import Article, Block, Sentence
from rubrika.authoring.draft.words import drafting

MIN_LEFTOVER_SENTENCES = 2  # a paragraph outside any structure with fewer is no point of its own
MIN_LEFTOVER_WORDS = 25


@dataclass
class Point:
    sentences: list[Sentence]
    heading: str | None = None  # the heading a point stands under, when it is one section


@dataclass
class Section:
    kind: str  # "list" | "enumeration" | "headings" | "paragraphs"
    points: list[Point]
    source: Sentence | None  # the heading or the sentence that introduces it
    heading: str | None = None
    word: str | None = None  # the section word that names it (peluang, hambatan, ...)
    word_from_title: bool = False
    doubts: list[str] = field(default_factory=list)


@dataclass
class Structure:
    sections: list[Section]
    visible: bool  # False: no list, heading or enumeration was found


def _enumerator(sentence: Sentence) -> bool:
    words = sentence.lowers
    for marker in drafting()["enumerators"]:
        parts = tuple(marker.split())
        if words[:len(parts)] == parts:
            return True
    return False


def section_word(words: tuple[str, ...] | list[str]) -> str | None:
    """The first section word among ``words`` (their lowercase forms)."""
    known = drafting()["section_words"]
    return next((w for w in words if w in known), None)


def find_structure(article: Article, definition_sentences: set[tuple[int, int]]) -> Structure:
    """Sections of the main text; ``definition_sentences``: (block, number) of sentences the
    definitions use, which never make a paragraph a point of its own."""
    body = [article.blocks[i] for i in article.body]
    used: set[int] = set()
    sections: list[Section] = []
    i = 0
    while i < len(body):
        block = body[i]
        if block.kind == "item":
            j = i
            while j < len(body) and body[j].kind == "item":
                j += 1
            items = body[i:j]
            if len(items) >= 2:
                intro = body[i - 1] if i > 0 and body[i - 1].kind == "paragraph" and body[i - 1].index not in used else None
                used.update(b.index for b in items)
                source = None
                if intro is not None:
                    used.add(intro.index)
                    source = intro.sentences[-1] if intro.sentences else None
                sections.append(_section("list", [Point(b.sentences) for b in items if b.sentences], intro, source))
            i = j
            continue
        i += 1
    # runs of paragraphs opened by an enumerator
    i = 0
    while i < len(body):
        block = body[i]
        if block.index in used or block.kind != "paragraph" or not block.sentences or not _enumerator(block.sentences[0]):
            i += 1
            continue
        j = i
        while j < len(body) and body[j].kind == "paragraph" and body[j].index not in used and body[j].sentences \
                and _enumerator(body[j].sentences[0]):
            j += 1
        if j - i >= 2:
            intro = body[i - 1] if i > 0 and body[i - 1].kind == "paragraph" and body[i - 1].index not in used else None
            used.update(b.index for b in body[i:j])
            if intro is not None:
                used.add(intro.index)
            sections.append(_section("enumeration", [Point(b.sentences) for b in body[i:j]], intro,
                                     intro.sentences[-1] if intro is not None and intro.sentences else None))
        i = max(j, i + 1)
    # sentences of one paragraph opened by enumerators
    for block in body:
        if block.index in used or block.kind != "paragraph":
            continue
        marks = [k for k, s in enumerate(block.sentences) if _enumerator(s)]
        if len(marks) >= 2:
            used.add(block.index)
            bounds = marks + [len(block.sentences)]
            points = [Point(block.sentences[a:b]) for a, b in zip(bounds, bounds[1:])]
            intro_sentences = block.sentences[:marks[0]]
            section = _section("enumeration", points, None, intro_sentences[-1] if intro_sentences else None,
                               intro_words=[w for sent in intro_sentences for w in sent.lowers])
            sections.append(section)
    # headings: the paragraphs under each heading
    heading_sections: list[Section] = []
    for k, block in enumerate(body):
        if block.kind != "heading":
            continue
        under: list[Block] = []
        for nxt in body[k + 1:]:
            if nxt.kind == "heading":
                break
            under.append(nxt)
        free = [b for b in under if b.index not in used and b.kind == "paragraph" and _content(b, definition_sentences)]
        if not free:
            continue
        used.update(b.index for b in free)
        heading_sections.append(_section("headings", [Point(b.sentences) for b in free], None,
                                         block.sentences[0] if block.sentences else None, heading=block.text.strip()))
    # headings with one paragraph each are points of one criterion; a heading with several, its own
    singles = [s for s in heading_sections if len(s.points) == 1]
    sections += [s for s in heading_sections if len(s.points) > 1]
    if singles:
        points = [Point(s.points[0].sentences, s.heading) for s in singles]
        sections.append(Section("headings", points, None))
    visible = bool(sections)
    leftover = [b for b in body if b.index not in used and b.kind in ("paragraph", "item")
                and _content(b, definition_sentences)]
    if leftover:
        section = Section("paragraphs", [Point([s for s in b.sentences if (b.index, s.number) not in definition_sentences])
                                         for b in leftover], None)
        section.doubts.append("draft.doubt.paragraphs" if visible else "draft.doubt.no_structure")
        sections.append(section)
    sections.sort(key=lambda s: s.points[0].sentences[0].start if s.points and s.points[0].sentences else 0)
    _name_from_title(sections, article)
    return Structure([s for s in sections if s.points], visible)


def _content(block: Block, definition_sentences: set[tuple[int, int]]) -> bool:
    """Whether a paragraph holds enough besides its definitions to be a point of its own."""
    rest = [s for s in block.sentences if (block.index, s.number) not in definition_sentences]
    return len(rest) >= MIN_LEFTOVER_SENTENCES and sum(len(s.lowers) for s in rest) >= MIN_LEFTOVER_WORDS


def _section(kind: str, points: list[Point], intro: Block | None, source: Sentence | None,
             heading: str | None = None, intro_words: list[str] | None = None) -> Section:
    """A section named by the first section word of its heading, of the paragraph that introduces
    it, or of the sentences before its first point in the same paragraph (``intro_words``)."""
    words: list[str] = list(intro_words or [])
    if heading is not None:
        words = heading.lower().split()
    elif intro is not None:
        words = [w for s in intro.sentences for w in s.lowers]
    section = Section(kind, points, source, heading, section_word(words))
    return section


def _name_from_title(sections: list[Section], article: Article) -> None:
    """Sections whose word is not among the title's section words take the title's unused one."""
    if not article.title:
        return
    title_words = [w for w in article.title.lower().replace(",", " ").split() if w in drafting()["section_words"]]
    named = [s for s in sections if s.kind != "paragraphs"]
    unused = [w for w in title_words if w not in {s.word for s in named}]
    orphans = [s for s in named if s.word not in title_words]
    if title_words and len(unused) == 1 and len(orphans) == 1:
        orphans[0].word = unused[0]
        orphans[0].word_from_title = True
