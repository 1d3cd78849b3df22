"""How a figure reads: the one formatting of numbers for the command line, the windows, the charts and the report.

Each function rounds through :mod:`maturity.engine.rounding` — the rounding ``maturity score --json`` and the
workbooks use — and only then writes the digits, the Russian way (a decimal comma, «−» for minus). So the text
«26,3» is always the number 26.3 of the JSON and of the workbook cell, never Python's half-to-even «26,2».
"""

from __future__ import annotations

import math
from decimal import Decimal

from maturity.engine.rounding import one_decimal, percent, rounded

NO_FIGURE = "—"  # nothing to show: not scored, nothing to compare
NOT_SCORED = "не оценивается"  # the same, where a sentence has room for it
MINUS = "\u2212"
NBSP = "\u00a0"


def _digits(value: Decimal) -> str:
    """A rounded non-negative Decimal with a comma: 26.3 → «26,3»."""
    return f"{value:f}".replace(".", ",")


def format_score(value: float | None, missing: str = NO_FIGURE) -> str:
    """A score, an index or a mean to one decimal, halves up: 26.25 → «26,3»; ``missing`` for None (or NaN)."""
    if value is None or math.isnan(value):
        return missing
    text = one_decimal(value)
    if text is not None:  # a plain decimal: its rounded digits, without Decimal (a list of 100 000)
        negative = text[0] == "-" and text != "-0.0"
        return (MINUS if negative else "") + text.lstrip("-").replace(".", ",")
    figure = rounded(value)
    return (MINUS if figure < 0 else "") + _digits(abs(figure))


def format_change(value: float | None) -> str:
    """A change, signed: «+1,3», «−0,5», «0,0» (no sign when it rounds to zero); «—» when there is none."""
    if value is None or math.isnan(value):
        return NO_FIGURE
    figure = rounded(value)
    if figure == 0:
        return _digits(abs(figure))
    return ("+" if figure > 0 else MINUS) + _digits(abs(figure))


def format_gain(value: float) -> str:
    """A road-map step's gain to the index, always written with a plus: «+2,5»."""
    return "+" + format_score(value)


def format_whole(value: float | None, missing: str = NO_FIGURE) -> str:
    """A score to a whole number, halves up, where one decimal does not fit (a heat map's cell): 26.5 → «27»."""
    if value is None or math.isnan(value):
        return missing
    figure = rounded(value, 0)
    return (MINUS if figure < 0 else "") + _digits(abs(figure))


def format_count(count: int) -> str:
    """A count with its thousands apart, as Russian text writes them: 5000 → «5 000» (non-breaking spaces)."""
    return f"{count:,}".replace(",", NBSP)


def format_percent(share: float) -> str:
    """A share as a whole percentage, halves up: 0.125 → «13 %» (a non-breaking space before the sign)."""
    return f"{percent(share)}{NBSP}%"


# A figure in a spreadsheet cell: one decimal with a decimal comma whatever the reader's locale
# ([$-419]: Russian), so a printed workbook or report reads 58,4 like the window.
FIGURE_CELL_FORMAT = "[$-419]0.0"


def format_parameter(value: float | None) -> str:
    """A method's parameter or weight exactly as written, the Russian way: 0.05 → «0,05», 30.0 → «30»,
    −3 → «−3» (no rounding: a target is shown as the profile holds it)."""
    if value is None or isinstance(value, bool) or math.isnan(value):
        return NO_FIGURE
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace("-", MINUS).replace(".", ",")
