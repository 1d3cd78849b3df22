"""How a group's change since last year reads: the change and over how many organizations it is taken.

A group's change is computed over the organizations assessed in both years only (see
:func:`maturity.storage.comparison.fair_change` and the report's «Итоги»), and every place that shows it
— the comparison window's cards, the group's chart of years, the consolidated report — says so in the same
words: «+1,2 по 17 организациям, оценённым в оба года». The figure goes through :func:`format_change`.
"""

from __future__ import annotations

from maturity.views.numbers import format_change

NOTHING_TO_COMPARE = "сравнить не с чем: ни одна организация не оценена в оба года"


def organizations_dative(count: int) -> str:
    """«по N …» in Russian: «1 организации, оценённой», «21 организации, оценённой», «17 организациям, оценённым»."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} организации, оценённой"
    return f"{count} организациям, оценённым"


def fair_change_text(change: float | None, organizations: int) -> str:
    """«+1,2 по 17 организациям, оценённым в оба года»; :data:`NOTHING_TO_COMPARE` when no organization
    has both years."""
    if change is None or organizations <= 0:
        return NOTHING_TO_COMPARE
    return f"{format_change(change)} по {organizations_dative(organizations)} в оба года"
