"""Rubrika: rubric-based feedback for Indonesian student essays."""

__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "grade":  # rubrika.grade(paths, outdir, ..., client=...): imported when first used
        from rubrika.batch.run import grade

        return grade
    raise AttributeError(f"module 'rubrika' has no attribute {name!r}")
