"""The order of names a person expects: «№ 2» before «№ 10», «ёлка» beside «елка», any case.

:func:`natural_key` is the one sort key of names everywhere a list of organizations is shown: the
comparison table, the status view and ``maturity status``, ``maturity orgs``, the consolidated report.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")  # ASCII digits only: other digits ('²') are text
NUMBER = "\x01"  # a number's mark in the key: below every printable character, so «№ 2» comes before «№ a»

NameKey = tuple[str, str]


def _number(match: re.Match[str]) -> str:
    """A run of digits as the mark, its length as one character, then its digits without leading zeros:
    two numbers compare as numbers (the longer is the larger, equal lengths digit by digit)."""
    digits = match[0].lstrip("0")
    return NUMBER + chr(len(digits)) + digits


def natural_key(name: str) -> NameKey:
    """A sort key: case folded, ё read as е, runs of digits compared as numbers.

    The key is two plain strings, compared by the interpreter without a Python call per comparison, and
    no number is converted (a run of thousands of digits costs nothing). The name itself breaks ties
    («№ 02» and «№ 2», «Ёлка» and «елка»), so two different names never share a key: the order is total
    and the same on every run.
    """
    return _DIGITS.sub(_number, name.casefold().replace("ё", "е")), name
