"""Rubrika: rubric-based feedback for Indonesian student essays."""

__version__ = "0.1.0"
