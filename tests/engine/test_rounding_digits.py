"""The method's rounding (one decimal, halves away from zero, from the shortest decimal form) reads the digits of
a plain decimal itself for speed; it must give exactly what Decimal.quantize with ROUND_HALF_UP gives."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from maturity.engine.rounding import round_figure, rounded
from maturity.views.numbers import MINUS, format_score

EXAMPLES = [26.25, 96.25, -0.05, -0.04, 0.0, -0.0, 0.95, 99.95, 100.0, 1e16, 1e-7, 123456.75, 5e-324]


def by_quantize(value: float, decimals: int = 1) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def test_hand_picked_halves_and_edges_round_as_quantize_does():
    for value in EXAMPLES:
        assert str(rounded(value)) == str(by_quantize(value)), value
    assert str(rounded(26.25)) == "26.3" and str(rounded(-0.05)) == "-0.1" and str(rounded(-0.04)) == "-0.0"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_any_float_rounds_to_the_same_decimal_as_quantize(value):
    assert str(rounded(value)) == str(by_quantize(value))


@given(st.integers(-(10**6), 10**6), st.sampled_from([0, 1, 2, 3]))
def test_decimal_halves_round_away_from_zero(thousandths, decimals):
    value = thousandths / 1000
    assert str(rounded(value, decimals)) == str(by_quantize(value, decimals))


def by_decimal_text(value: float) -> str:
    figure = by_quantize(value)
    return (MINUS if figure < 0 else "") + f"{abs(figure):f}".replace(".", ",")


@given(
    st.one_of(st.floats(-1e15, 1e15), st.sampled_from(EXAMPLES), st.integers(-(10**6), 10**6).map(lambda t: t / 100))
)
def test_a_score_reads_as_its_decimal_rounding_does(value):
    assert format_score(value) == by_decimal_text(value)


@given(st.one_of(st.floats(-1e15, 1e15), st.sampled_from(EXAMPLES)))
def test_a_reported_figure_is_the_float_of_its_decimal_rounding(value):
    """round_figure skips Decimal for a plain decimal; the float it gives is the one Decimal gives, sign of
    zero included (a value written with an exponent still goes through Decimal)."""
    expected = float(by_quantize(value))
    got = round_figure(value)
    assert repr(got) == repr(expected)
