"""The organizations «У кого поучиться» chooses from: every organization with a complete assessment of the year
made with the method, with its level, members, region and consent from the register, its score of one KPI that
year and the year before (complete assessments of the same method). One query a year; nothing is written."""

from __future__ import annotations

import sqlalchemy as sa

from maturity.engine.learn_from import Candidate
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, Organization
from maturity.storage.queries import Db, plain_rows

ORG = table_of(Organization)
ASM = table_of(Assessment)
KPI = table_of(AssessmentKpi)


def _kpi_of_year(year: int, profile_id: str, kpi_id: str) -> sa.Select:
    return (
        sa.select(ASM.c.organization_id, KPI.c.value)
        .select_from(ASM.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(ASM.c.year == year, ASM.c.status == "complete", ASM.c.profile_id == profile_id, KPI.c.kpi_id == kpi_id)
    )


def kpi_candidates(db: Db, profile_id: str, year: int, kpi_id: str) -> list[Candidate]:
    """Every organization (not a placeholder) with a complete assessment of ``year`` (method ``profile_id``): its
    value of ``kpi_id`` (None: not scored) and last year's (None: none)."""
    now = _kpi_of_year(year, profile_id, kpi_id).subquery("now")
    rows = plain_rows(
        db,
        sa.select(ORG.c.id, ORG.c.name, ORG.c.level, ORG.c.members, ORG.c.region, ORG.c.name_consent, now.c.value)
        .select_from(ORG.join(now, now.c.organization_id == ORG.c.id))
        .where(ORG.c.placeholder.is_(False))
        .order_by(ORG.c.id),
    )
    before = dict(plain_rows(db, _kpi_of_year(year - 1, profile_id, kpi_id)))
    return [
        Candidate(org_id, name, level, members, region, value, before.get(org_id), bool(consent))
        for org_id, name, level, members, region, consent, value in rows
    ]
