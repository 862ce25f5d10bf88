"""Numbers shown to people follow EYD V in Indonesian and stay plain in English."""

from __future__ import annotations

import pytest

from rubrika.messages.numbers import format_number, format_range


@pytest.mark.parametrize("value, lang, expected", [
    (8.3, "id", "8,3"),
    (8.3, "en", "8.3"),
    (8.0, "id", "8"),
    (74.26, "id", "74,3"),  # one decimal by default
    (74.26, "en", "74.3"),
    (1200, "id", "1.200"),
    (1200, "en", "1,200"),
    (1234.5, "id", "1.234,5"),
    (1234567.25, "id", "1.234.567,2"),
    (0, "id", "0"),
    (0.04, "id", "0"),
    (-2.5, "id", "-2,5"),
    (100, "id", "100"),
])
def test_format_number(value, lang, expected):
    assert format_number(value, lang) == expected


def test_decimals():
    assert format_number(21.25, "id", decimals=2) == "21,25"
    assert format_number(21.25, "en", decimals=2) == "21.25"
    assert format_number(21.999, "id", decimals=2) == "22"


def test_fixed_decimals_keep_their_zeros():
    assert format_number(0.6, "id", 2, fixed=True) == "0,60"
    assert format_number(1, "en", 2, fixed=True) == "1.00"
    assert format_number(0, "id", 2, fixed=True) == "0,00"
    assert format_number(1200.5, "id", 2, fixed=True) == "1.200,50"


def test_range():
    assert format_range(250, 1200, "id") == "250–1.200"
    assert format_range(250, 1200, "en") == "250–1,200"
