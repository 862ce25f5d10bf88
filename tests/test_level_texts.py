"""Level texts state only what the tool saw, in every mix of concept statuses.

For each criterion of each rubric, every combination of found / partial / missing over its
concepts (reference checks included) is scored as the scorer does (mean credit, first level
whose ``min`` it reaches); the chosen level's text, in both languages, must then

- fill every list placeholder it uses with at least one concept (never "-" or nothing), and
- make no claim the statuses contradict. A clause (a sentence cut at ";" and before
  "tetapi"/"but") that names concepts through ``{found}``, ``{partial}`` or ``{missing}``
  speaks of those concepts; a clause without such a placeholder speaks of the whole
  criterion. Claims are recognised by wording:

  ========  ===========================================  =====================================
  claim     wording (id / en)                            true only if the concepts named are
  ========  ===========================================  =====================================
  absent    belum ditemukan, belum ada, belum dibahas,   all ``missing``
            tidak ada / not found, is missing
  unclear   belum terlihat, belum lengkap, perlu         none ``found``
            dilengkapi / cannot be (clearly) seen,
            still to complete
  named     baru (kamu) sebut, baru disebut / only name  all ``partial``
  present   sudah, lengkap / you have, already, can be   all ``found``
            seen, is complete
  all       semua, seluruh, kedua … kelima / all, every,  all concepts of the criterion found
            both
  ========  ===========================================  =====================================

Text inside “ ” (sentence starters) is not a claim. A concept's own ``missing`` text must not
claim presence, and its ``partial`` text must not claim absence.
"""

from __future__ import annotations

import itertools
import re
import string

import pytest

from conftest import ROOT
from rubrika.messages.feedback import LIST_PLACEHOLDERS, level_values
from rubrika.messages.i18n import t
from rubrika.rubric import load_rubric
from rubrika.rubric.model import ConceptsCriterion, localize

CREDIT = {"found": 1.0, "partial": 0.5, "missing": 0.0}  # as rubrika.engine.scorer
STATUSES = tuple(CREDIT)

CLAIMS = {
    "absent": (r"\bbelum (ditemukan|ada|dibahas|disebut|ditulis)\b|\btidak (ada|ditemukan)\b|\bnot found\b"
               r"|\bwas not found\b|\bis missing\b|\bnot discussed\b", lambda named, all_: all(s == "missing" for s in named)),
    "unclear": (r"\bbelum terlihat\b|\bbelum lengkap\b|\bperlu dilengkapi\b|\bcannot be (clearly )?seen\b|\bstill to complete\b",
                lambda named, all_: all(s != "found" for s in named)),
    "named": (r"\bbaru (kamu )?(di)?sebut\b|\bonly name", lambda named, all_: all(s == "partial" for s in named)),
    "present": (r"\bsudah\b|\blengkap\b|\byou have\b|\balready\b|\bcan (all )?be seen\b|\bis complete\b",
                lambda named, all_: all(s == "found" for s in named)),
    "all": (r"\b(semua|seluruh|kedua|ketiga|keempat|kelima|all|every|both)\b",
            lambda named, all_: all(s == "found" for s in all_)),
}
_CLAUSE = re.compile(r"(?<=[.!?])\s+|;|,? (?=tetapi\b|but\b)")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def level_problems(levels: list[tuple[float, str]], labels: list[str], lang: str) -> list[str]:
    """Contradictions between level texts and statuses; ``levels`` are (min, text), highest first."""
    problems = set()
    for combo in itertools.product(STATUSES, repeat=len(labels)):
        value = sum(CREDIT[s] for s in combo) / len(combo)
        text = next(text for minimum, text in levels if value >= minimum - 1e-9)
        concepts = [{"label": label, "status": s} for label, s in zip(labels, combo)]
        values = level_values(concepts, lang)
        mix = ", ".join(f"{label}={s}" for label, s in zip(labels, combo))
        for name in _fields(text) & set(LIST_PLACEHOLDERS):
            if not values[name]:
                problems.add(f"{{{name}}} is empty for [{mix}]: {text!r}")
        plain = re.sub(r"“[^”]*”", "“”", text)
        for clause in _CLAUSE.split(plain):
            names = _fields(clause) & set(LIST_PLACEHOLDERS)
            if names:
                wanted = {"found": {"found"}, "partial": {"partial"}, "missing": {"partial", "missing"}}
                named = [s for s in combo if any(s in wanted[n] for n in names)]
            else:
                named = list(combo)
            low = clause.lower()
            for claim, (pattern, holds) in CLAIMS.items():
                if re.search(pattern, low) and not holds(named, combo):
                    problems.add(f"{claim!r} claim in {clause.strip()!r} is false for [{mix}]")
    return sorted(problems)


def _criteria():
    for path in sorted((ROOT / "rubrics").glob("*.yaml")):
        rubric = load_rubric(path)
        for criterion in rubric.criteria:
            yield pytest.param(criterion, id=f"{path.stem}:{criterion.id}")


def _labels(criterion, lang: str) -> list[str]:
    if isinstance(criterion, ConceptsCriterion):
        return [localize(c.label, lang) for c in criterion.concepts]
    keys = ["section", "entries"] + (["citations"] if criterion.citations else [])
    return [localize(criterion.checks.labels[k], lang) if k in criterion.checks.labels
            else t(f"references.{k}", lang, min=criterion.min_entries) for k in keys]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("criterion", list(_criteria()))
def test_level_texts_hold_in_every_mix(criterion, lang):
    levels = [(lv.min, localize(lv.feedback, lang)) for lv in criterion.levels]
    assert level_problems(levels, _labels(criterion, lang), lang) == []


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("criterion", list(_criteria()))
def test_concept_texts_match_their_status(criterion, lang):
    feedbacks = ([c.feedback for c in criterion.concepts] if isinstance(criterion, ConceptsCriterion)
                 else [criterion.checks.section, criterion.checks.entries, criterion.checks.citations])
    wrong = []
    for feedback in feedbacks:
        missing = re.sub(r"“[^”]*”", "“”", localize(feedback.missing, lang)).lower()
        if re.search(CLAIMS["present"][0], missing) or re.search(CLAIMS["named"][0], missing):
            wrong.append(missing)
        partial = re.sub(r"“[^”]*”", "“”", localize(feedback.partial, lang)).lower()
        if re.search(CLAIMS["absent"][0], partial):
            wrong.append(partial)
    assert wrong == []


def test_the_check_can_fail():
    five = ["Kerja sama internasional", "Multilateralisme", "Perdamaian", "Hak asasi manusia", "Demokrasi"]
    # 4 found + 1 partial scores 0.9: "all five defined" is then false.
    assert level_problems([(0.9, "Kelima konsep kunci sudah kamu definisikan."), (0, "Definisi {missing} belum terlihat jelas.")],
                          five, "id")
    three = ["Dialog", "Masalah global", "Nilai universal"]
    # One concept partial, the rest missing, lands on the lowest level: "belum dibahas" is false.
    problems = level_problems([(0.9, "Ketiga peluang sudah terlihat."), (0.3, "Peluang {missing} belum terlihat jelas."),
                               (0, "Peluang kerja sama internasional belum dibahas.")], three, "id")
    assert any("absent" in p for p in problems)
    # A placeholder that can be empty at its level shows "-" or nothing.
    assert any("is empty" in p for p in level_problems([(0, "Kamu sudah menulis {found}.")], three, "id"))
    # The texts the rubrics use pass.
    assert level_problems([(0.9, "Ketiga peluang sudah terlihat."), (0, "Peluang {missing} belum terlihat jelas.")],
                          three, "id") == []
