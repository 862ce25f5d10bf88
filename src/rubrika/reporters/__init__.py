"""Reporters: each turns result records (plain dicts) and a rubric outline into one output format.

May import ``messages`` and ``terminal``; never ``engine``, ``api`` or ``rubric`` (a reporter
knows a rubric only through its outline).
"""
