"""Result records as self-contained HTML pages: one per essay, and a class overview.

Templates get a narrow view-model built here, with autoescape on and StrictUndefined.
The essay report has no script at all; the overview carries one small sorting script,
allowed by its hash in the page's Content-Security-Policy, so that no script an essay
might smuggle in could run even if escaping ever failed.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from urllib.parse import quote as url_quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from rubrika import __version__
from rubrika.messages import t
from rubrika.reporters import view as _view
from rubrika.reporters.present import SYMBOL, cut, number, quote, student_name, warnings

GENERATOR = f"Rubrika {__version__}"
COPY_CODES = ("copied-source", "similar-essays")
STUFFING = "keyword-stuffing"
CONTEXT_CHARS = 90  # of a defining sentence shown around its term, each side
_STATUS = {"f": "found", "p": "partial", "m": "missing"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("rubrika", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    return (resources.files("rubrika") / "templates" / name).read_text(encoding="utf-8")


def _context(lang: str, **context) -> dict:
    def translate(key: str, **kw) -> str:
        return t(key, lang, **kw)

    return {"t": translate, "css": _asset("style.css"), **context}


def _render(template: str, lang: str, **context) -> str:
    return _environment().get_template(template).render(_context(lang, **context))


# --- essay report ----------------------------------------------------------------------


def _segments(text: str, record: dict, anchors: dict[tuple[str, int], str]) -> list[dict]:
    """Cut the essay into pieces at every evidence and sentence boundary."""
    hits: list[tuple[int, int, str]] = []
    sentences: list[tuple[int, int]] = []
    starts: dict[int, list[str]] = {}
    for criterion in record["criteria"]:
        for concept in criterion["concepts"]:
            if concept["status"] == "missing":
                continue
            for i, ev in enumerate(concept["evidence"]):
                hits.append((ev["start"], ev["end"], concept["label"]))
                if "sentence" in ev:
                    sentences.append(tuple(ev["sentence"]))
                starts.setdefault(ev["start"], []).append(anchors[(concept["id"], i)])
    copied = [(sp["start"], sp["end"]) for a in record["advisories"] if a["code"] in COPY_CODES
              for sp in a.get("spans", [])]
    stuffed = _stuffed_spans(record)
    stuffed_lines = sorted({tuple(e["sentence"]) for c in record["criteria"] for k in c["concepts"]
                            for e in k.get("stuffed") or () if "sentence" in e})
    cuts = {0, len(text)}
    for start, end in copied + stuffed + stuffed_lines:
        cuts.update((start, end))
    for start, end, _ in hits:
        cuts.update((start, end))
    for start, end in sentences:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    segments = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        labels = sorted({label for s, e, label in hits if s <= a and b <= e})
        segments.append({
            "text": text[a:b],
            "hit": bool(labels),
            "sentence": any(s <= a and b <= e for s, e in sentences),
            "title": "; ".join(labels),
            "anchors": sorted(starts.get(a, [])),
            "copied": any(s <= a and b <= e for s, e in copied),
            "stuffed": any(s <= a and b <= e for s, e in stuffed),
            "stuffed_line": any(s <= a and b <= e for s, e in stuffed_lines),
        })
    return segments


def _stuffed_spans(record: dict) -> list[tuple[int, int]]:
    """Lists and strings of terms that earned nothing (keyword stuffing): the advisory's spans
    and the concepts' ``stuffed`` evidence."""
    spans = {(sp["start"], sp["end"]) for a in record["advisories"] if a["code"] == STUFFING for sp in a.get("spans", [])}
    spans.update((e["start"], e["end"]) for c in record["criteria"] for k in c["concepts"] for e in k.get("stuffed") or ())
    return sorted(spans)


def _evidence_quote(ev: dict, text: str | None) -> dict:
    """What a teacher reads to verify one piece of evidence: the words, and for a definition
    the defining sentence around them (cut at word boundaries); hyphenated line breaks joined."""
    if text is None or ev["kind"] != "definition" or "sentence" not in ev:
        return {"before": "", "text": quote(ev["text"]), "after": ""}
    start, end = ev["sentence"]
    before, after = quote(text[start:ev["start"]]), quote(text[ev["end"]:end])
    if len(before) > CONTEXT_CHARS:
        tail = before[-CONTEXT_CHARS:]
        space = tail.find(" ")
        before = "… " + (tail[space + 1:] if 0 <= space < CONTEXT_CHARS // 2 else tail)
    if len(after) > CONTEXT_CHARS:
        after = cut(after, CONTEXT_CHARS)
    space_before = " " if before and text[ev["start"] - 1:ev["start"]].isspace() else ""
    space_after = " " if after and text[ev["end"]:ev["end"] + 1].isspace() else ""
    return {"before": before + space_before, "text": quote(ev["text"]), "after": space_after + after}


def essay_view(record: dict, text: str | None, lang: str, outline: dict | None = None,
               back_link: str | None = None) -> dict:
    """The shared view of the essay (``reporters.view``), with what only the report shows: the
    evidence quoted under each concept and linked into the essay text, the text itself."""
    view = _view.essay_view(record, lang, outline)
    anchors: dict[tuple[str, int], str] = {}
    for criterion, shown_criterion in zip(record["criteria"], view["criteria"]):
        for concept, shown_concept in zip(criterion["concepts"], shown_criterion["concepts"]):
            evidence, shown = [], set()
            if concept["status"] != "missing":
                for i, ev in enumerate(concept["evidence"]):
                    anchor = f"ev-{concept['id']}-{i}"
                    anchors[(concept["id"], i)] = anchor
                    item = {"anchor": anchor, **_evidence_quote(ev, text)}
                    key = (item["before"] + item["text"] + item["after"]).casefold()
                    if key not in shown:  # the same words twice are one quotation
                        shown.add(key)
                        evidence.append(item)
            shown_concept["evidence"] = evidence
    return {
        **view,
        "segments": _segments(text, record, anchors) if text is not None and not record["error"] else [],
        "essay_html": None,
        "has_copied": any(a["code"] in COPY_CODES and a.get("spans") for a in record["advisories"]),
        "has_stuffed": bool(_stuffed_spans(record)),  # the lines around them are shaded too
        "back_link": back_link,
        "generator": GENERATOR,
    }


def essay_html(segments: list[dict]) -> Markup:
    """The essay text as HTML: every piece escaped, evidence in <mark>, sentences in <span>.

    Built here rather than in the template because an essay has hundreds of pieces;
    every piece of essay text goes through markupsafe.escape.
    """
    parts: list[str] = []
    for s in segments:
        parts.extend(f'<span id="{escape(a)}"></span>' for a in s["anchors"])
        text = escape(s["text"])
        if s["hit"]:
            css = "hit sent" if s["sentence"] else "hit"
            parts.append(f'<mark class="{css}" title="{escape(s["title"])}">{text}</mark>')
        elif s["sentence"]:
            parts.append(f'<span class="sent">{text}</span>')
        else:
            parts.append(str(text))
        if s.get("copied"):
            parts[-1] = f'<span class="copied">{parts[-1]}</span>'
        if s.get("stuffed"):
            parts[-1] = f'<span class="stuffed">{parts[-1]}</span>'
        if s.get("stuffed_line"):
            parts[-1] = f'<span class="stuffed-line">{parts[-1]}</span>'
    return Markup("".join(parts))


def render_essay(record: dict, text: str | None, lang: str = "id", outline: dict | None = None,
                 back_link: str | None = None) -> str:
    """One essay's report; ``text`` is the essay as read, for highlighting the evidence;
    ``outline`` (the rubric outline) names the grade bands."""
    view = essay_view(record, text, lang, outline, back_link)
    view["essay_html"] = essay_html(view["segments"])
    return _render("essay.html.j2", lang, v=view)


# --- class overview ------------------------------------------------------------------


def summary_row(record: dict, href: str) -> dict:
    """What the overview needs of one record: a few hundred bytes, so a batch holds no documents."""
    return {
        "student": student_name(record),
        "file": record["essay"]["path"],
        "href": href,
        "score": record["score"],
        "grade": record["grade"],
        "points": tuple(c["points"] for c in record["criteria"]),  # in the rubric's criterion order
        "statuses": "".join(k["status"][0] for c in record["criteria"] for k in c["concepts"]),  # f/p/m
        # per concept, "?" where Rubrika is not sure of the status (the overview marks it for review)
        "unsure": "".join("?" if k.get("confidence") == "low" else "." for c in record["criteria"] for k in c["concepts"]),
        "advisories": [a["code"] for a in record["advisories"]],
        "warnings": [a["code"] for a in warnings(record)],
        "error": record["error"]["message"] if record["error"] else None,
    }


def concept_code(criterion_index: int, concept_index: int) -> str:
    """A short column code for the overview's heatmap: A1, A2, B1, ... (the legend names them)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    group = letters[criterion_index] if criterion_index < len(letters) else f"K{criterion_index + 1}."
    return f"{group}{concept_index + 1}"


def _chart(scores: list[float]) -> dict:
    counts = [0] * 10
    for score in scores:
        counts[min(int(score // 10), 9)] += 1
    width, height, base, left, bar = 480, 200, 170, 35, 40
    top = max(counts) or 1
    bars = []
    for i, count in enumerate(counts):
        h = round(130 * count / top)
        bars.append({"x": left + i * (bar + 4), "y": base - h, "w": bar, "h": h, "count": count,
                     "label": f"{i * 10}–{100 if i == 9 else i * 10 + 9}"})
    return {"width": width, "height": height, "base": base, "bars": bars}


def index_view(rows: list[dict], outline: dict, lang: str) -> dict:
    criteria = [{"id": c["id"], "title": c["title"], "weight": number(c["weight"], lang)} for c in outline["criteria"]]
    concepts = [{"criterion": c["title"], "label": k["label"], "key": (c["id"], k["id"]), "code": concept_code(i, j)}
                for i, c in enumerate(outline["criteria"]) for j, k in enumerate(c["concepts"])]
    graded = [r for r in rows if not r["error"]]

    def view_row(r: dict) -> dict:
        points = dict(zip((c["id"] for c in criteria), r["points"]))
        statuses = dict(zip((k["key"] for k in concepts), (_STATUS[ch] for ch in r["statuses"])))
        unsure = {key for key, flag in zip((k["key"] for k in concepts), r.get("unsure", "")) if flag == "?"}
        return {
            "student": r["student"], "file": r["file"], "href": r["href"], "error": r["error"],
            "score": number(r["score"], lang) if r["score"] is not None else t("report.error", lang),
            "sort_score": r["score"] if r["score"] is not None else -1,
            "grade": r["grade"] or "–",
            "points": [{"text": number(points.get(c["id"]), lang), "sort": points.get(c["id"], -1)} for c in criteria],
            "statuses": [{"status": statuses.get(k["key"], "missing"), "symbol": SYMBOL[statuses.get(k["key"], "missing")],
                          "unsure": k["key"] in unsure,
                          "title": f"{k['label']}: {t('status.' + statuses.get(k['key'], 'missing'), lang)}"
                                   + (f" ({t('html.unsure', lang)})" if k["key"] in unsure else "")}
                         for k in concepts],
            "unsure": len(unsure),
            "flagged": bool(r.get("warnings")),
            "warnings": [t(f"advisory.label.{code}", lang) for code in r.get("warnings", [])],
            "notes": [t(f"advisory.label.{code}", lang) for code in r["advisories"] if code not in r.get("warnings", [])],
            "sort_advisories": f"{len(r.get('warnings', []))}:" + " ".join(r["advisories"]),
        }

    def mean(values: list[float]) -> str:
        return number(round(sum(values) / len(values), 1), lang) if values else "–"

    return {
        "lang": lang,
        "rubric_title": outline["title"],
        "rubric": {"id": outline["id"], "version": outline["version"], "sha256": outline["sha256"]},
        "count": len(rows),
        "failed": len(rows) - len(graded),
        "criteria": criteria,
        "concepts": [{"label": k["label"], "criterion": k["criterion"], "code": k["code"]} for k in concepts],
        "groups": [{"title": c["title"], "span": len(c["concepts"]),
                    "concepts": [{"code": concept_code(i, j), "label": k["label"]} for j, k in enumerate(c["concepts"])]}
                   for i, c in enumerate(outline["criteria"]) if c["concepts"]],
        "rows": _Lazy(rows, view_row),
        "averages": [mean([r["points"][i] for r in graded]) for i in range(len(criteria))],
        "average_total": mean([r["score"] for r in graded]),
        "chart": _chart([r["score"] for r in graded]),
        "errors": [{"file": r["file"], "message": r["error"]} for r in rows if r["error"]],
        "generator": GENERATOR,
    }


def _index_context(rows: list[dict], outline: dict, lang: str, pairs: list[dict] | None,
                   skipped: list[dict] | None = None, group: str | None = None,
                   group_back: str | None = None) -> dict:
    script = _asset("sort.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    view = index_view(rows, outline, lang)
    view["pairs"] = pairs or []
    view["skipped"] = skipped or []  # [{path, reason}]: files and folders not graded
    view["group"], view["group_back"] = group, group_back
    return _context(lang, v=view, script=script, script_hash=f"sha256-{digest}")


class _Lazy:
    """Rows for the template, built one at a time each time the template walks them."""

    def __init__(self, items: list[dict], make):
        self.items, self.make = items, make

    def __iter__(self):
        return (self.make(item) for item in self.items)


def render_index(rows: list[dict], outline: dict, lang: str = "id", pairs: list[dict] | None = None,
                 skipped: list[dict] | None = None) -> str:
    return "".join(stream_index(rows, outline, lang, pairs, skipped=skipped))


def stream_index(rows: list[dict], outline: dict, lang: str = "id", pairs: list[dict] | None = None,
                 skipped: list[dict] | None = None, group: str | None = None, group_back: str | None = None):
    """The overview in pieces, to write a large class without building the page in memory.

    ``group``: the page shows one group of a large batch (see ``render_groups``), with a
    link back to the list of groups (``group_back``)."""
    context = _index_context(rows, outline, lang, pairs, skipped, group, group_back)
    return _environment().get_template("index.html.j2").generate(context)


def render_groups(groups: list[dict], scores: list[float], count: int, outline: dict, lang: str = "id",
                  pairs: list[dict] | None = None, page_size: int = 0, skipped: list[dict] | None = None) -> str:
    """The overview of a batch too large for one page: a line per group page (``name``,
    ``href``, ``count``, ``average``, ``failed``), the distribution of every score, the
    similar pairs; the gradebook holds every row."""

    def mean(values: list[float]) -> str:
        return number(round(sum(values) / len(values), 1), lang) if values else "–"

    view = {
        "lang": lang, "rubric_title": outline["title"],
        "rubric": {"id": outline["id"], "version": outline["version"], "sha256": outline["sha256"]},
        "count": count, "failed": count - len(scores), "average_total": mean(scores),
        "groups": [{**g, "average": number(g["average"], lang) if g["average"] is not None else "–"}
                   for g in groups],
        "chart": _chart(scores), "pairs": pairs or [], "page_size": number(page_size, lang), "generator": GENERATOR,
        "skipped": skipped or [],  # [{path, reason}]: files and folders not graded
    }
    return _render("groups.html.j2", lang, v=view)


def href(name: str) -> str:
    """A relative link to a report file name, safe in an attribute."""
    return url_quote(name)
