"""Rubric files: the model, the YAML loader with positioned errors, the built-in rubric.

May import ``errors``, ``messages`` and ``nlp`` (its language data: the word classes rules name).
"""

from rubrika.rubric.loader import BUILTIN_RUBRIC, load_rubric, load_rubric_text
from rubrika.rubric.model import Rubric

__all__ = ["BUILTIN_RUBRIC", "Rubric", "load_rubric", "load_rubric_text"]
