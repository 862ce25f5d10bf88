"""Indonesian language processing: lean pipelines, lexicons, layout, normalisation, sentences.

A leaf: imports nothing of rubrika outside this package (its word lists are package data).
"""
