"""The checking engine: analyse an essay, match a compiled rubric, score the evidence."""
