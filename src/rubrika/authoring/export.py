"""``rubric export``: a rubric as an LMS rubric CSV (criteria x levels x points)."""

from __future__ import annotations

import csv
import io

from rubrika.reporters.csvfile import cell
from rubrika.rubric.model import Rubric, localize


def export_csv(rubric: Rubric, style: str = "canvas", lang: str = "id") -> str:
    """The rubric as criteria x levels x points, for an LMS.

    ``canvas``: one row per criterion with (rating name, description, points) repeated,
    the layout of Canvas's rubric import; ``long``: one row per criterion and level, to
    copy into Moodle's rubric editor or any spreadsheet. Cells a spreadsheet would run as
    a formula (``=``, ``+``, ``-``, ``@`` ...) are prefixed with ``'``, as in grades.csv.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def writerow(cells: list[str]) -> None:  # a rubric is someone else's text too: no cell runs as a formula
        writer.writerow([cell(c) for c in cells])

    title = localize(rubric.title, lang)
    width = max(len(c.levels) for c in rubric.criteria)
    if style == "canvas":
        header = ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
        for _ in range(width):
            header += ["Rating Name", "Rating Description", "Rating Points"]
        writerow(header)
        for c in rubric.criteria:
            row = [title, localize(c.title, lang), localize(c.description, lang), "false"]
            # a rating's points are the top of its band, so the best rating is the full weight
            # and a full Rubrika score can be entered (Canvas ranges run down to the next rating)
            tops = [1.0] + [level.min for level in c.levels[:-1]]
            for level, top in zip(c.levels, tops):
                row += [localize(level.label, lang), localize(level.feedback, lang), f"{round(top * c.weight, 2):g}"]
            writerow(row)
    else:
        writerow(["criterion_id", "criterion", "description", "max_points", "level", "min_score",
                  "points", "feedback"])
        for c in rubric.criteria:
            for level in c.levels:
                writerow([c.id, localize(c.title, lang), localize(c.description, lang), f"{c.weight:g}",
                          localize(level.label, lang), f"{level.min:g}", f"{level.min * c.weight:g}",
                          localize(level.feedback, lang)])
    return "\ufeff" + out.getvalue()
