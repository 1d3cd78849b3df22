"""Reading a number as a person typed it: the separators never shift digits, whatever the locale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity.engine.number_text import format_number, fraction_digits, parse_typed_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("150 000,50", "150000.50"),
        ("150000.50", "150000.50"),
        ("150000,5", "150000.5"),
        ("150000,00", "150000"),
        ("1 250", "1250"),
        ("1 250 000,75 руб.", "1250000.75"),
        ("1,5", "1.5"),
        ("2.5", "2.5"),
        ("1.250.000,75", "1250000.75"),
        ("1,250,000.75", "1250000.75"),
        ("12\u00a0345 ₽", "12345"),
        ("−3", "-3"),
    ],
)
def test_the_ways_people_write_numbers(text, number):
    assert parse_typed_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["", "руб.", ",", "-", "abc", "150 000,5,50", "1.25.0", "12x"])
def test_what_is_not_a_number(text):
    assert parse_typed_number(text) is None


@given(
    whole=st.integers(0, 10**12),
    cents=st.integers(0, 99),
    space=st.sampled_from(["", " ", "\u00a0", "\u202f"]),
    point=st.sampled_from([",", "."]),
)
def test_a_grouped_number_with_kopecks_reads_back_exactly(whole, cents, space, point):
    digits = str(whole)
    groups = [digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)][::-1]
    text = space.join(groups) + point + f"{cents:02d}"
    assert parse_typed_number(text) == Decimal(whole) + Decimal(cents) / 100
    assert fraction_digits(text) == 2


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_the_russian_digits_shown_read_back_as_the_same_number(number):
    assert parse_typed_number(format_number(number, 2)) == number
    assert parse_typed_number(format_number(number, 2) + " руб.") == number
