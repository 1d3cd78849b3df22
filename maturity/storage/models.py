"""The database tables: organizations, their yearly assessments, and the scores of each.

Scores are stored beside the answers (unrounded, as :func:`maturity.engine.scoring.score` computed them)
so that history and comparison views read figures directly instead of rescoring. The headline figures
(index, digital index, level, norms) are columns of ``assessment_score``; each KPI is a row of
``assessment_kpi`` keyed by the KPI id the profile defines, so a profile with more or other KPIs needs
no new column. The schema is created and changed only by the Alembic migrations in
``maturity/storage/migrations``; these classes must match their head (a test compares them).

A migration that rebuilds ``assessment_score`` on SQLite (``batch_alter_table`` with a drop or a type
change) drops the table, which deletes its KPI rows through the cascade: move them aside first, as
0003 does the other way round.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

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
    # agreed to be named to similar organizations as one to learn from («У кого поучиться»); otherwise anonymous
    name_consent: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": sa.false()})
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
    # The sha256 of the profile text it was scored with (a row of profile_text); None only for an old row
    # whose profile version the program no longer ships.
    profile_sha256: str | None = Field(default=None, max_length=64)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class ProfileTextRow(SQLModel, table=True):
    """The exact text of a profile version: installed by a user («установлена»), or shipped with the
    program and kept because an assessment was scored with it («встроенная»). Never changed: a
    different text of the same id and version is refused (a changed method gets a new version)."""

    __tablename__ = "profile_text"

    id: str = Field(primary_key=True, max_length=100)
    version: str = Field(primary_key=True, max_length=50)
    sha256: str = Field(primary_key=True, max_length=64)
    text: str = Field(sa_type=sa.Text, nullable=False)
    source: str = Field(max_length=20, nullable=False)
    installed_at: datetime = _timestamp()


class AssessmentRescore(SQLModel, table=True):
    """An explicit re-scoring of an assessment with another version of its profile: from which version
    (and text) to which, when, and by whom (the user's name as the program knows it)."""

    __tablename__ = "assessment_rescore"
    __table_args__ = (sa.Index("ix_assessment_rescore_assessment_id", "assessment_id"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", ondelete="CASCADE", nullable=False)
    from_version: str = Field(max_length=50, nullable=False)
    from_sha256: str | None = Field(default=None, max_length=64)
    to_version: str = Field(max_length=50, nullable=False)
    to_sha256: str = Field(max_length=64, nullable=False)
    rescored_at: datetime = _timestamp()
    rescored_by: str = Field(default="", max_length=300, nullable=False)


class AssessmentScore(SQLModel, table=True):
    __tablename__ = "assessment_score"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    index: float | None = None
    digital_index: float | None = None
    level: str | None = Field(default=None, max_length=20)
    norms: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    failed_norms_count: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})
    completeness: float = Field(default=0.0, nullable=False)


class AssessmentKpi(SQLModel, table=True):
    """One KPI of one scored assessment: its id in the profile and its score (None: «не оценивается»)."""

    __tablename__ = "assessment_kpi"
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment_score.assessment_id"],
            name="fk_assessment_kpi_assessment_id_assessment_score", ondelete="CASCADE",
        ),
    )  # fmt: skip

    assessment_id: int = Field(primary_key=True)
    kpi_id: str = Field(primary_key=True, max_length=20)
    value: float | None = None


class AssessmentPlanStep(SQLModel, table=True):
    """One step of the plan kept with an assessment (the road map of the next year as the organization
    follows it): the step's id in the profile, its place, status, responsible person, due quarter, note.

    It references ``assessment`` (not its scores): rescoring an assessment never touches its plan, and
    deleting the assessment deletes it."""

    __tablename__ = "assessment_plan_step"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    step: str = Field(primary_key=True, max_length=100)
    position: int = Field(nullable=False)
    status: str = Field(max_length=20, nullable=False)
    responsible: str = Field(default="", max_length=300, nullable=False)
    due: str | None = Field(default=None, max_length=7)
    note: str = Field(default="", max_length=1000, nullable=False)


class OrganizationCode(SQLModel, table=True):
    """Another code an organization answers to besides its ``uid``: the code its chair's program made up
    before the file found it in the register («файл»), a parent code a child's file named it by
    («вышестоящая»), or the code of a record merged into it («объединение»). A code is one organization's:
    never a uid of another nor another's extra code (the program checks it before adding one)."""

    __tablename__ = "organization_code"
    __table_args__ = (sa.Index("ix_organization_code_organization_id", "organization_id"),)

    code: str = Field(primary_key=True, max_length=64)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", nullable=False)
    reason: str = Field(max_length=20, nullable=False)
    added_at: datetime = _timestamp()


class OrganizationMerge(SQLModel, table=True):
    """One record merged into another (``maturity orgs merge``, «Объединить с…»): the kept organization,
    the merged one's code and name, how many assessments and children moved, when and by whom."""

    __tablename__ = "organization_merge"
    __table_args__ = (sa.Index("ix_organization_merge_organization_id", "organization_id"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", nullable=False)
    merged_uid: str = Field(max_length=64, nullable=False)
    merged_name: str = Field(max_length=300, nullable=False)
    assessments: int = Field(nullable=False)
    children: int = Field(nullable=False)
    merged_at: datetime = _timestamp()
    merged_by: str = Field(default="", max_length=300, nullable=False)


class JournalEntry(SQLModel, table=True):
    """One write to the database, kept for good: what was done («import», «replace», «save», «rescore»,
    «accept», «return», «reopen», «merge», «profile», «mark», «targets»), when, by whom (the operating-system user; on
    PostgreSQL also the database role, ``current_user``, filled by the server), to which organization and
    year, and the index before → after; an imported file's name and sha256; a comment.

    Insert-only: the program has no statement that updates or deletes a row, and no foreign key (an
    organization merged away or deleted keeps its entries: its code and name are copied here). A shared
    PostgreSQL can therefore grant its roles INSERT and SELECT on this table and nothing else."""

    __tablename__ = "journal"
    __table_args__ = (
        sa.Index("ix_journal_organization_uid", "organization_uid"),
        sa.Index("ix_journal_year", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp()
    os_user: str = Field(default="", max_length=300, nullable=False)
    db_role: str | None = Field(default=None, max_length=300)
    action: str = Field(max_length=20, nullable=False)
    organization_uid: str | None = Field(default=None, max_length=64)
    organization_name: str | None = Field(default=None, max_length=300)
    year: int | None = None
    index_before: float | None = None
    index_after: float | None = None
    file_name: str | None = Field(default=None, max_length=1000)
    file_sha256: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)


REVIEW_STATES = ("received", "accepted", "returned")


class AssessmentReview(SQLModel, table=True):
    """The higher body's decision on an assessment: «received» (no decision yet), «accepted» (official,
    locked against any write), «returned» (with a general comment and comments per question). An assessment
    without a row is «received». ``sent_*``: what the file it came from said of it (a chair's copy of a
    returned assessment, a territory's «accepted» in its consolidated report) — never this database's
    decision."""

    __tablename__ = "assessment_review"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    state: str = Field(default="received", max_length=10, nullable=False)
    comment: str = Field(default="", sa_type=sa.Text, nullable=False)
    questions: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    decided_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    decided_by: str = Field(default="", max_length=300, nullable=False)
    sent_state: str | None = Field(default=None, max_length=10)
    sent_comment: str = Field(default="", sa_type=sa.Text, nullable=False)
    sent_questions: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    sent_by: str = Field(default="", max_length=300, nullable=False)


class OwnTarget(SQLModel, table=True):
    """The targets an organization's elected body approved for a year (the concept, section X): each target
    parameter's value (``values``: slot id → number, :mod:`maturity.engine.own_targets`) and the decision
    (body, number, date). Kept by organization and year, not with an assessment: they are set before the
    year's assessment exists, and never change a score."""

    __tablename__ = "own_target"

    organization_id: int = Field(primary_key=True, foreign_key="organization.id", ondelete="CASCADE")
    year: int = Field(primary_key=True)
    decision_body: str = Field(default="", max_length=300, nullable=False)
    decision_number: str = Field(default="", max_length=50, nullable=False)
    decision_date: str | None = Field(default=None, max_length=10)
    target_values: dict[str, float] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    updated_at: datetime = _timestamp()


class AssessmentNote(SQLModel, table=True):
    """A comment and/or an evidence mark on one answer of an assessment (:mod:`maturity.engine.answer_notes`):
    ``evidence`` None — no mark, "" — a mark without a reference. Not part of the scored record: rescoring
    never touches it; deleting the assessment deletes it."""

    __tablename__ = "assessment_note"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    question_id: str = Field(primary_key=True, max_length=100)
    comment: str = Field(default="", sa_type=sa.Text, nullable=False)
    evidence: str | None = Field(default=None, max_length=500)


class AssessmentAttachment(SQLModel, table=True):
    """A file attached to one answer as its evidence, kept in the database (size capped by
    :mod:`maturity.engine.attachments`), with its sha256."""

    __tablename__ = "assessment_attachment"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    question_id: str = Field(primary_key=True, max_length=100)
    name: str = Field(primary_key=True, max_length=150)
    size: int = Field(nullable=False)
    sha256: str = Field(max_length=64, nullable=False)
    content: bytes = Field(sa_type=sa.LargeBinary, nullable=False)
    added_at: datetime = _timestamp()


class AssessmentEvidence(SQLModel, table=True):
    """The share of an assessment's answers with an evidence mark (:func:`maturity.engine.answer_notes.
    evidence_share`; None: no counted answer), kept whenever its answers or notes are written, so that the
    comparison sorts and filters by it in SQL."""

    __tablename__ = "assessment_evidence"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    share: float | None = None


class AssessmentAgenda(SQLModel, table=True):
    """What a merge of several respondents' answers left to discuss (``maturity merge``): how many
    respondents, and the agenda — the questions with the widest disagreement first, each with every
    respondent's answer (by number, never by name) — and each question's spread."""

    __tablename__ = "assessment_agenda"

    assessment_id: int = Field(primary_key=True, foreign_key="assessment.id", ondelete="CASCADE")
    respondents: int = Field(nullable=False)
    agenda: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON, nullable=False)
    spread: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)


class ContestMark(SQLModel, table=True):
    """One commission member's mark in the annual contest (смотр-конкурс): for one participant (an
    organization's assessment of ``year``) in one nomination, points within the contest's range and a remark
    — for what the answers cannot show (a stand's photo, a publication's quality). One mark per member,
    participant and nomination; ``marked_by``: the user who entered it, ``marked_at``: when."""

    __tablename__ = "contest_mark"
    __table_args__ = (
        sa.UniqueConstraint("year", "organization_id", "nomination", "member", name="uq_contest_mark_member"),
        sa.Index("ix_contest_mark_organization_id", "organization_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(nullable=False)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", nullable=False)
    nomination: str = Field(max_length=40, nullable=False)
    member: str = Field(max_length=300, nullable=False)
    points: float = Field(nullable=False)
    remark: str = Field(default="", sa_type=sa.Text, nullable=False)
    marked_at: datetime = _timestamp()
    marked_by: str = Field(default="", max_length=300, nullable=False)
