"""Built-in rubrics shipped as package data (installed as ``rubrika.rubrics``)."""
