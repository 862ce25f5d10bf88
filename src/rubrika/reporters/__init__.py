"""Reporters: each turns result records (plain dicts) into one output format."""
