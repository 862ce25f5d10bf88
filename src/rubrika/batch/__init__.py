"""Grading a folder or archive of essays: finding them, checking them in this process, worker
processes or a Dask cluster, the result cache, the output folder and its files.

May import ``api``, ``engine``, ``readers``, ``reporters``, ``messages``, ``result``,
``atomic``, ``terminal``, and ``rubric`` for its types (a worker's rubric); never a door
(``cli``, ``serve``) nor ``authoring``.
"""
