"""Every text a person reads, in Indonesian (default) and English, and the formatting of
numbers and lists inside them.

``from rubrika.messages import t``; ``t(key, lang, **params)`` is the one lookup. The texts are
YAML data in this folder, one file per audience; ``codes`` is the one table of error codes.
Click's and PyYAML's own messages (``click.yaml``, ``yaml_parser.yaml``) live here too, with
their own mechanism, as they translate third-party text.

A leaf: imports nothing of rubrika outside this package.
"""

from rubrika.messages.i18n import DEFAULT_LANG, LANGUAGES, has, keys, t, unfilled

__all__ = ["DEFAULT_LANG", "LANGUAGES", "has", "keys", "t", "unfilled"]
