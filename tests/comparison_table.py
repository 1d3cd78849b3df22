"""The comparison window's rows of a year, read as the window reads them (ids in its order, then their rows)."""

from __future__ import annotations

from typing import Any

from maturity.storage.comparison import ComparisonFilter, comparison_ids, rows_by_id
from maturity.storage.queries import ComparisonRow


def comparison_table(db: Any, year: int, **filters: Any) -> list[ComparisonRow]:
    """The rows of ``year`` that pass ``filters`` (the fields of ComparisonFilter), in the window's name order."""
    ids = comparison_ids(db, ComparisonFilter(year, **filters))
    found = rows_by_id(db, year, ids)
    return [found[i] for i in ids]
