"""«У кого поучиться» for an organization of the database: its weakest KPI (or the one asked for), and two or three
organizations of its level and member-size band that scored higher on it, the most improved first, named only
with their consent (:mod:`maturity.engine.learn_from`). The comparison window and the passport call it."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from maturity.engine.learn_from import LearnFrom, learn_from, weak_kpis
from maturity.errors import BadInput
from maturity.method.profile import Profile
from maturity.storage.database import table_of
from maturity.storage.learn_from_source import kpi_candidates
from maturity.storage.models import Assessment, AssessmentKpi
from maturity.storage.queries import Db, plain_rows

ASM = table_of(Assessment)
KPI = table_of(AssessmentKpi)


@dataclass(frozen=True)
class OrganizationKpis:
    """The organization's KPIs of the year, the weakest first (what the KPI choice offers)."""

    organization_id: int
    year: int
    kpis: dict[str, float | None]
    weakest_first: list[str]


def organization_kpis(db: Db, profile: Profile, org_id: int, year: int) -> OrganizationKpis:
    """The KPIs of the organization's complete assessment of ``year`` (BadInput when it has none)."""
    found = plain_rows(
        db,
        sa.select(ASM.c.id).where(
            ASM.c.organization_id == org_id,
            ASM.c.year == year,
            ASM.c.status == "complete",
            ASM.c.profile_id == profile.id,
        ),
    )
    if not found:
        raise BadInput(f"у организации нет завершённой оценки за {year} год по методике «{profile.id}»")
    kpis = dict(plain_rows(db, sa.select(KPI.c.kpi_id, KPI.c.value).where(KPI.c.assessment_id == found[0][0])))
    return OrganizationKpis(org_id, year, kpis, weak_kpis(profile, kpis))


def who_to_learn_from(db: Db, profile: Profile, org_id: int, year: int, kpi_id: str | None = None) -> LearnFrom:
    """Peers of the organization for ``kpi_id`` (None: its weakest KPI) in ``year``."""
    own_kpis = organization_kpis(db, profile, org_id, year)
    if kpi_id is None:
        if not own_kpis.weakest_first:
            raise BadInput(f"у организации нет ни одного оценённого показателя за {year} год")
        kpi_id = own_kpis.weakest_first[0]
    if kpi_id not in {k.id for k in profile.kpis}:
        raise BadInput(f"в методике «{profile.id}» нет показателя «{kpi_id}»")
    candidates = kpi_candidates(db, profile.id, year, kpi_id)
    own = next(c for c in candidates if c.organization_id == org_id)
    return learn_from(profile, own, kpi_id, candidates)
