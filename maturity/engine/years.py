"""The reporting year of an assessment: the range the program accepts and its check."""

from __future__ import annotations

from typing import Any

from maturity.errors import BadInput

YEAR_RANGE = (2000, 2100)


def check_year(year: Any) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise BadInput(f"отчётный год должен быть целым числом от {YEAR_RANGE[0]} до {YEAR_RANGE[1]}, а не {year!r}")
    return year
