"""The complete assessments of a year made with a profile, read in batches for ``maturity impact``.

First the ids (in id order; under ``--parent``: the organization's group, as every ``--parent``), then
their answers, their stored headline figures and their KPIs a block of ids at a time, straight from the
driver (:func:`~maturity.storage.queries.plain_rows`): 100 000 assessments are never all in memory.
Nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from maturity.engine.impact import Figures
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import ID_BLOCK, Db, in_group, plain_rows

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)
BATCH = 2_000


@dataclass(frozen=True)
class StoredAssessment:
    """An assessment as stored: whose, with which version, its answers and its figures now."""

    assessment_id: int
    organization_id: int
    name: str
    profile_version: str
    answers: dict[str, Any]
    figures: Figures


def _json(value: Any) -> Any:
    """A JSON column as the driver gives it: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def complete_assessment_ids(db: Db, year: int, profile_id: str, parent_id: int | None = None) -> list[int]:
    """The ids of the complete assessments of ``year`` made with ``profile_id`` (any version), in id order."""
    statement = (
        sa.select(ASM.c.id)
        .where(ASM.c.year == year, ASM.c.status == "complete", ASM.c.profile_id == profile_id)
        .order_by(ASM.c.id)
    )
    if parent_id is not None:
        statement = statement.where(in_group(db, ASM.c.organization_id, parent_id))
    return [row[0] for row in plain_rows(db, statement)]


def stored_assessments(db: Db, ids: list[int], batch: int = BATCH) -> Iterator[list[StoredAssessment]]:
    """The assessments of ``ids`` (sorted ascending), ``batch`` at a time."""
    for start in range(0, len(ids), batch):
        block = ids[start : start + batch]
        wanted = set(block)
        rows: list[tuple] = []
        kpis: dict[int, dict[str, float | None]] = {}
        for where, kpi_where in _blocks(block):
            rows += _rows_of(db, where)
            for assessment_id, kpi_id, value in plain_rows(
                db, sa.select(KPI.c.assessment_id, KPI.c.kpi_id, KPI.c.value).where(kpi_where)
            ):
                kpis.setdefault(assessment_id, {})[kpi_id] = value
        found = []
        for assessment_id, org_id, name, version, status, answers, index, level, norms in rows:
            if assessment_id not in wanted:
                continue
            figures = Figures(index, level, kpis.get(assessment_id, {}), _json(norms) or {}, status)
            found.append(StoredAssessment(assessment_id, org_id, name, version, _json(answers), figures))
        yield found


def _blocks(block: list[int]) -> list[tuple[Any, Any]]:
    """WHERE clauses (assessments, KPIs) reading ``block``: one id range when its ids are dense (a year of a
    whole database), else lists of at most ID_BLOCK ids (a group's assessments among others)."""
    low, high = block[0], block[-1]
    if high - low + 1 <= 2 * len(block):
        return [(ASM.c.id.between(low, high), KPI.c.assessment_id.between(low, high))]
    parts = [block[i : i + ID_BLOCK] for i in range(0, len(block), ID_BLOCK)]
    return [(ASM.c.id.in_(part), KPI.c.assessment_id.in_(part)) for part in parts]


def _rows_of(db: Db, where: Any) -> list[tuple]:
    return plain_rows(
        db,
        sa.select(
            ASM.c.id,
            ASM.c.organization_id,
            ORG.c.name,
            ASM.c.profile_version,
            ASM.c.status,
            ASM.c.answers,
            SCORE.c.index,
            SCORE.c.level,
            SCORE.c.norms,
        )
        .select_from(
            ASM.join(ORG, ORG.c.id == ASM.c.organization_id).outerjoin(SCORE, SCORE.c.assessment_id == ASM.c.id)
        )
        .where(where)
        .order_by(ASM.c.id),
    )
