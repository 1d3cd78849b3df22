"""The order of names a person expects: «№ 2» before «№ 10», «ёлка» beside «елка», any case.

:func:`natural_key` is the one sort key of names everywhere a list of organizations is shown: the
comparison table, the status view and ``maturity status``, ``maturity orgs``, the consolidated report.
"""

from __future__ import annotations

import re

_DIGIT_RUNS = re.compile(r"([0-9]+)")  # ASCII digits only: other digits ('²') are text; kept by split
NUMBER = "\x01"  # a number's mark in the key: below every printable character, so «№ 2» comes before «№ a»

NameKey = tuple[str, str]


def natural_key(name: str) -> NameKey:
    """A sort key: case folded, ё read as е, runs of digits compared as numbers.

    Each run of digits becomes the mark, its length (without leading zeros) as one character, then its
    digits without leading zeros: two numbers compare as numbers (the longer is the larger, equal
    lengths digit by digit), and no number is converted (a run of thousands of digits costs nothing).
    The key is two plain strings, compared by the interpreter without a Python call per comparison.
    The name itself breaks ties («№ 02» and «№ 2», «Ёлка» and «елка»), so two different names never
    share a key: the order is total and the same on every run.
    """
    parts = _DIGIT_RUNS.split(name.casefold().replace("ё", "е"))  # text, digits, text, …, text
    for i in range(1, len(parts), 2):
        digits = parts[i].lstrip("0")
        parts[i] = NUMBER + chr(len(digits)) + digits
    return "".join(parts), name
