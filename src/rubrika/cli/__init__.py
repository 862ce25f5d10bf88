"""The command line: ``rubrika check``, ``grade``, ``serve``, ``schema`` and ``rubric ...`` (Click).

A door: it may import every other package of rubrika, and nothing imports it (except
``rubrika.__main__`` and the ``serve`` command it registers).
"""
