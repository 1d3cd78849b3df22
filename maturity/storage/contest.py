"""The annual contest as stored: who may take part in a year (complete assessments, and their review), and
the commission's marks (``contest_mark``). The rules and the checks are :mod:`maturity.usecases.contest`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from maturity.engine.contest import Mark
from maturity.storage.database import table_of
from maturity.storage.models import ContestMark
from maturity.storage.queries import in_group, kpis_of
from maturity.storage.review import ACCEPTED, RECEIVED, REVIEW
from maturity.storage.store import ASSESSMENT, ORGANIZATION, SCORE

MARK = table_of(ContestMark)


@dataclass(frozen=True)
class Candidate:
    """An organization's assessment of the contest's year, with what decides whether it takes part."""

    organization_id: int
    uid: str
    name: str
    level: str | None
    members: int | None
    assessment_id: int
    status: str
    review: str
    profile: tuple[str, str, str | None]  # id, version, sha256
    answers: dict[str, Any]
    index: float | None
    digital_index: float | None
    kpis: dict[str, float | None]


def candidates(session: Session, year: int, parent_id: int | None = None) -> list[Candidate]:
    """Every assessment of ``year`` (of the parent's group when given: the parent and all under it)."""
    a, o, s, r = ASSESSMENT.c, ORGANIZATION.c, SCORE.c, REVIEW.c
    query = (
        sa.select(o.id, o.uid, o.name, o.level, o.members, a.id.label("assessment_id"), a.status,
                  sa.func.coalesce(r.state, RECEIVED).label("review"), a.profile_id, a.profile_version,
                  a.profile_sha256, a.answers, s.index, s.digital_index)
        .select_from(
            ASSESSMENT.join(ORGANIZATION, o.id == a.organization_id)
            .outerjoin(SCORE, s.assessment_id == a.id)
            .outerjoin(REVIEW, r.assessment_id == a.id)
        )
        .where(a.year == year)
        .order_by(o.name, o.id)
    )  # fmt: skip
    if parent_id is not None:
        query = query.where(in_group(session, o.id, parent_id))
    rows = list(session.execute(query))
    kpis = kpis_of(session, [row.assessment_id for row in rows])
    return [
        Candidate(row.id, row.uid, row.name, row.level, row.members, row.assessment_id, row.status, row.review,
                  (row.profile_id, row.profile_version, row.profile_sha256), dict(row.answers or {}),
                  row._mapping["index"], row.digital_index, kpis.get(row.assessment_id, {}))
        for row in rows
    ]  # fmt: skip


def takes_part(candidate: Candidate) -> bool:
    """A complete assessment the higher body accepted."""
    return candidate.status == "complete" and candidate.review == ACCEPTED


def marks_of(session: Session, year: int, organization_ids: Sequence[int]) -> dict[tuple[int, str], list[Mark]]:
    """The commission's marks of ``year`` by (organization id, nomination), oldest first."""
    c = MARK.c
    found: dict[tuple[int, str], list[Mark]] = {}
    ids = list(organization_ids)
    for start in range(0, len(ids), 900):
        query = (
            sa.select(c.organization_id, c.nomination, c.member, c.points, c.remark, c.marked_by, c.marked_at)
            .where(c.year == year, c.organization_id.in_(ids[start : start + 900]))
            .order_by(c.id)
        )
        for row in session.execute(query):
            found.setdefault((row.organization_id, row.nomination), []).append(
                Mark(row.member, row.points, row.remark, row.marked_by, row.marked_at)
            )
    return found


def insert_mark(session: Session, row: dict[str, Any]) -> None:
    session.execute(MARK.insert().values(**row))
