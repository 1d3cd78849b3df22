"""The order of names a person expects: «№ 2» before «№ 10», «ёлка» beside «елка», any case.

:func:`natural_key` is the one sort key of names everywhere a list of organizations is shown: the
comparison table, the status view and ``maturity status``, ``maturity orgs``, the consolidated report.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"([0-9]+)")  # ASCII digits only: int() of other digits ('²') fails

NameKey = tuple[tuple[tuple, ...], str, str]


def natural_key(name: str) -> NameKey:
    """A sort key: case folded, ё read as е, runs of digits compared as numbers.

    Numbers are compared by their digits without leading zeros (length first, then the digits), so a
    run of thousands of digits costs nothing. The folded text and the name itself break ties, so two
    different names never share a key: the order is total and the same on every run.
    """
    folded = name.casefold().replace("ё", "е")
    parts: list[tuple] = []
    for number, piece in enumerate(_DIGITS.split(folded)):
        if not piece:
            continue
        if number % 2:  # the odd pieces of a split on a captured group are the digit runs
            digits = piece.lstrip("0")
            parts.append((0, len(digits), digits))
        else:
            parts.append((1, piece))
    return tuple(parts), folded, name
