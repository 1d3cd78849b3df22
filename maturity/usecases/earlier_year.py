"""The organization's latest assessment before a year, as «Что изменилось» compares with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

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
        profile_id=latest.profile_id,
        profile_version=latest.profile_version,
    )


def with_profile(db: Db, earlier: EarlierYear | None) -> EarlierYear | None:
    """``earlier`` with the profile version it was scored with, when the database knows it (so «Что изменилось»
    can say where a KPI's definition changed); unchanged when it does not."""
    if earlier is None or earlier.profile_id is None:
        return earlier
    from maturity.method.profile import ProfileError
    from maturity.storage.queries import catalog_of

    try:
        profile = catalog_of(db).find(earlier.profile_id, earlier.profile_version)
    except ProfileError:
        return earlier
    return replace(earlier, profile=profile)


def earlier_year(db: Db, org_id: int, year: int) -> EarlierYear | None:
    """The organization's latest assessment before ``year`` (one history query), with its profile version."""
    return with_profile(db, latest_before(organization_history(db, org_id), year))
