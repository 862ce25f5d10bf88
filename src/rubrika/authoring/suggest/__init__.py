"""``rubrika rubric suggest``: learn a rubric's terms from essays a teacher graded by hand.

The teacher grades a handful of essays (a CSV: ``file`` plus either one ``label`` per
essay, 0/1 or a score, or one 0/1 column per concept id). For every concept, from what the
engine itself matched (the check's trace, after its own typo repair, never a second matcher),
``rubric suggest`` shows:

* each term's hits on positive and negative essays (precision, recall);
* candidate terms: 1-3 word n-grams over the engine's NORM forms (stop words not at the
  edges, counted once per essay) found more often in positive essays, with example sentences;
* risky matches: a term that fired through a changed form (a typo repair, or a normalised
  form whose surface word differs from the term as written) mostly on negative essays.

"Changed form" means the words the engine matched differ from the term as the teacher wrote
it (lowercase): a term written in an affixed form ("menyebar") matching itself is not a risky
normalisation, though its NORM is "sebar".

Below ``learn.MIN_LABELLED`` labelled essays for a concept (or ``MIN_NEGATIVES`` negative
ones) the evidence is too thin: the report says so and nothing is proposed for that concept.

With ``-o``, a new version of the rubric is written: the candidates that pass ``min_precision``
and ``min_support``, find that many positive essays the rubric misses now, would newly credit no
essay labelled negative, and whose lead is unlikely by luck (``learn.MAX_CHANCE`` shared among
the phrases tried), join the concept's ``terms`` as the words a teacher reads (one n-gram goes to one concept, at most ``MAX_ADDED_PER_CONCEPT`` per run), each
with a comment giving its counts. Nothing is ever removed or narrowed: risky matches are
reported for the teacher to judge. With one label per essay, a candidate goes to the concept
the engine credits most often in the essays that hold it (``--concept`` overrides); one that
occurs with no credited concept goes to the concept credited most often in the positive
essays, and says so.

The labels come from a CSV, or from a graded output folder (``graded``): the teacher's
corrections in ``koreksi.csv`` and the confirmed statuses of the essays marked as reviewed.

One module per job: ``labels`` (the CSV), ``graded`` (an output folder), ``facts`` (each essay, from the trace), ``learn``
(statistics, candidates, selection), ``report`` (text and JSON), ``write`` (the new version).
"""

from rubrika.authoring.suggest.labels import Labels, SuggestInputError, read_labels
from rubrika.authoring.suggest.learn import MAX_ADDED_PER_CONCEPT, Suggestions, learn
from rubrika.authoring.suggest.report import report_json, report_text, written_json, written_text
from rubrika.authoring.suggest.write import WriteSummary, bump_version, new_rubric_text, write_rubric

__all__ = ["Labels", "MAX_ADDED_PER_CONCEPT", "SuggestInputError", "Suggestions", "WriteSummary", "bump_version",
           "learn", "new_rubric_text", "read_labels", "report_json", "report_text", "write_rubric", "written_json",
           "written_text"]
