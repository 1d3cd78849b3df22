"""The index range of an organization's draft assessments, for the main window's table (issue 21)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maturity.engine.draft_range import IndexRange, index_range

if TYPE_CHECKING:
    from maturity.storage.store import Store


def draft_ranges(store: Store, org_id: int, years: list[int]) -> dict[int, IndexRange | None]:
    """{year: the range its draft's index can still end in} for the given years' stored drafts; each is
    scored with the method it was saved with."""
    ranges: dict[int, IndexRange | None] = {}
    catalog = store.catalog()
    for year in years:
        assessment = store.get_assessment(org_id, year)
        if assessment is None:
            continue
        profile = store.profile_of(assessment, catalog)
        ranges[year] = index_range(profile, assessment.answers)
    return ranges
