"""The organization's latest assessment before a year, as «Что изменилось» compares with it."""

from __future__ import annotations

from collections.abc import Sequence

from maturity.engine.year_change import EarlierYear
from maturity.storage.queries import Db, YearScores, organization_history


def latest_before(history: Sequence[YearScores], year: int) -> EarlierYear | None:
    """The latest scored year of ``history`` before ``year`` (None: there is none)."""
    earlier = [h for h in history if h.year < year]
    if not earlier:
        return None
    latest = earlier[-1]
    return EarlierYear(
        year=latest.year,
        index=latest.index,
        level=latest.maturity_level,
        kpis=dict(latest.kpis),
        norms=dict(latest.norms),
        draft=latest.status != "complete",
        digital_index=latest.digital_index,
    )


def earlier_year(db: Db, org_id: int, year: int) -> EarlierYear | None:
    """The organization's latest assessment before ``year`` (one history query)."""
    return latest_before(organization_history(db, org_id), year)
