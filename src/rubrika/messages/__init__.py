"""Every text a person reads, in Indonesian (default) and English, and the formatting of
numbers and lists inside them.

A leaf: imports nothing of rubrika outside this package.
"""
