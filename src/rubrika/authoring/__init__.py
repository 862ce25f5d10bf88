"""Tools for rubric authors: scaffolding, self-tests, explanations, export, fingerprints, and
learning terms from graded essays (``rubric suggest``).

May import ``api``, ``engine``, ``nlp``, ``rubric``, ``readers``, ``reporters``, ``messages``,
``result``, ``errors``, ``atomic``, ``terminal``, and ``batch`` for a graded folder's corrections
file and cached texts (``suggest.graded``); never a door (``cli``, ``serve``).
"""
