"""How the method rounds a reported figure: one decimal, halves up, from the unrounded value (method §10).

This is the one rounding of the program. ``maturity score --json`` (§9), the workbooks, the report
and every readable text (through :mod:`maturity.views.numbers`) use it, so a KPI of 26.25 is 26.3
everywhere. Python's ``round`` and ``f"{x:.1f}"`` round halves to even on the binary float and would
show 26.2. Scores are kept unrounded; only what is shown or written out is rounded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FIGURE_DECIMALS = 1  # a score, an index, a change, a road-map gain; a share is shown as a whole percentage


def rounded(value: float, decimals: int = FIGURE_DECIMALS) -> Decimal:
    """``value`` to ``decimals`` places, halves away from zero, read as its shortest decimal form
    (``repr``): 26.25 → 26.3, -0.05 → -0.1, 96.25 → 96.3."""
    if decimals == 1 and (digits := one_decimal(value)) is not None:
        return Decimal(digits)
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def one_decimal(value: float) -> str | None:
    """``value`` to one place as plain decimal text («26.3», «-0.0»), rounded on the digits of its ``repr``
    without Decimal; None when ``repr`` is not a plain decimal (an exponent, inf, nan): then use
    :func:`rounded`. Most figures are plain, and a list of 100 000 is read this way."""
    text = repr(float(value))
    if "e" in text or "n" in text:
        return None
    return one_decimal_text(text)


def one_decimal_text(text: str) -> str:
    """A plain decimal (``repr`` of a finite float, no exponent) to one place, halves away from zero, as
    ``Decimal.quantize`` with ROUND_HALF_UP writes it — a third of its time (100 000 figures in a list)."""
    sign = "-" if text[0] == "-" else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    tenths = int(whole + fraction[:1]) + (len(fraction) > 1 and fraction[1] >= "5")
    return f"{sign}{tenths // 10}.{tenths % 10}"


def round_figure(value: float | None) -> float | None:
    """A figure as the method reports it (None stays None): 26.25 → 26.3."""
    if value is None:
        return None
    digits = one_decimal(value)
    return float(digits) if digits is not None else float(rounded(value))


def reported_change(now: float | None, before: float | None) -> float | None:
    """The change between two figures as they are reported (each rounded first), so «45,5 → 58,4» is
    always «+12,9» and never the rounded raw difference «+13,0»; None when either is missing."""
    if now is None or before is None:
        return None
    return round_figure(float(rounded(now)) - float(rounded(before)))


def percent(share: float) -> int:
    """A share as a whole percentage, halves up, as it is shown and written: 0.125 → 13, 0.5 → 50."""
    return int((Decimal(repr(float(share))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
