"""The database tables: organizations, their yearly assessments, and the scores of each.

Scores are stored beside the answers (unrounded, as :func:`maturity.engine.scoring.score` computed them)
so that history and comparison views read figures directly instead of rescoring. The schema is
created and changed only by the Alembic migrations in ``maturity/migrations``; these classes must
match their head (a test compares them).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

KPI_COLUMNS = tuple(f"k{i}" for i in range(1, 11))
STATUSES = ("draft", "complete")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


def _timestamp() -> Any:
    return Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False)


class Organization(SQLModel, table=True):
    __tablename__ = "organization"
    __table_args__ = (sa.Index("ix_organization_parent_id", "parent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=64, unique=True, index=True, nullable=False)
    name: str = Field(max_length=300, index=True, nullable=False)
    level: str | None = Field(default=None, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="organization.id", ondelete="SET NULL")
    region: str | None = Field(default=None, max_length=200)
    sector: str | None = Field(default=None, max_length=300)
    members: int | None = None
    placeholder: bool = Field(default=False, nullable=False)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class Assessment(SQLModel, table=True):
    __tablename__ = "assessment"
    __table_args__ = (
        sa.UniqueConstraint("organization_id", "year", name="uq_assessment_organization_year"),
        sa.Index("ix_assessment_year", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", nullable=False)
    year: int = Field(nullable=False)
    profile_id: str = Field(max_length=100, nullable=False)
    profile_version: str = Field(max_length=50, nullable=False)
    status: str = Field(default="draft", max_length=10, nullable=False)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    respondent: str | None = Field(default=None, max_length=300)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class AssessmentScore(SQLModel, table=True):
    __tablename__ = "assessment_score"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    k1: float | None = None
    k2: float | None = None
    k3: float | None = None
    k4: float | None = None
    k5: float | None = None
    k6: float | None = None
    k7: float | None = None
    k8: float | None = None
    k9: float | None = None
    k10: float | None = None
    index: float | None = None
    digital_index: float | None = None
    level: str | None = Field(default=None, max_length=20)
    norms: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    failed_norms_count: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})
    completeness: float = Field(default=0.0, nullable=False)

    def kpis(self) -> dict[str, float | None]:
        return {k: getattr(self, k) for k in KPI_COLUMNS}
