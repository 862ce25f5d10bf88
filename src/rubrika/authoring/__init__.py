"""Tools for rubric authors: scaffolding, self-tests, explanations, export, fingerprints, and
learning terms from graded essays (``rubric suggest``).

May import ``api``, ``engine``, ``nlp``, ``rubric``, ``readers``, ``reporters``, ``messages``,
``result``, ``errors``, ``atomic``; never a door (``cli``, ``serve``) nor ``batch``.
"""
