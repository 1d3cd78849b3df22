"""The index range of an organization's draft assessments, for the main window's table (issue 21)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import select

from maturity.engine.draft_range import IndexRange, index_range
from maturity.storage.models import Assessment

if TYPE_CHECKING:
    from maturity.storage.store import Store


def draft_ranges(store: Store, org_id: int) -> dict[int, IndexRange | None]:
    """{year: the range its index can still end in} for each of the organization's stored drafts, each
    scored with the method it was saved with. One query for the drafts, one for the methods, however many."""
    query = select(Assessment).where(Assessment.organization_id == org_id, Assessment.status == "draft")
    drafts = list(store.session.exec(query.execution_options(populate_existing=True)))
    if not drafts:
        return {}
    catalog = store.catalog()
    return {a.year: index_range(store.profile_of(a, catalog), a.answers) for a in drafts}
