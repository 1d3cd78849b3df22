"""Profiles kept in the database: the exact text of every profile version (installed, or shipped and
used by an assessment), the sha256 of the text each assessment was scored with, and the record of
explicit re-scorings with another version.

New tables and one nullable column added with ``ALTER TABLE … ADD COLUMN`` (no table is rebuilt: on
SQLite a rebuild of ``assessment`` or ``assessment_score`` would cascade-delete their rows). The
assessments already stored are backfilled from the profiles this program ships: where the id and
version match, the shipped text is kept and its sha256 written on the assessment; an assessment of a
version the program no longer ships keeps a NULL sha256 (it is opened by id and version).

Revision ID: 0005_profiles
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005_profiles"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile_text",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", "version", "sha256"),
    )
    op.create_table(
        "assessment_rescore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("from_version", sa.String(length=50), nullable=False),
        sa.Column("from_sha256", sa.String(length=64), nullable=True),
        sa.Column("to_version", sa.String(length=50), nullable=False),
        sa.Column("to_sha256", sa.String(length=64), nullable=False),
        sa.Column("rescored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rescored_by", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assessment_rescore_assessment_id", "assessment_rescore", ["assessment_id"])
    op.add_column("assessment", sa.Column("profile_sha256", sa.String(length=64), nullable=True))
    _backfill()


def _backfill() -> None:
    from maturity.method.profile import load_profile, shipped_profile_versions

    connection = op.get_bind()
    assessment = sa.table(
        "assessment", sa.column("profile_id"), sa.column("profile_version"), sa.column("profile_sha256")
    )
    profile_text = sa.table(
        "profile_text",
        sa.column("id"),
        sa.column("version"),
        sa.column("sha256"),
        sa.column("text"),
        sa.column("source"),
        sa.column("installed_at"),
    )
    used = connection.execute(sa.select(assessment.c.profile_id, assessment.c.profile_version).distinct()).all()
    shipped = {key: load_profile(*key) for key in shipped_profile_versions()}  # every shipped version by (id, version)
    now = datetime.now(UTC)
    for profile_id, version in used:
        profile = shipped.get((profile_id, version))
        if profile is None:
            continue
        connection.execute(
            profile_text.insert().values(
                id=profile.id,
                version=profile.version,
                sha256=profile.sha256,
                text=profile.text,
                source="встроенная",
                installed_at=now,
            )
        )
        connection.execute(
            assessment.update()
            .where(assessment.c.profile_id == profile_id, assessment.c.profile_version == version)
            .values(profile_sha256=profile.sha256)
        )


def downgrade() -> None:
    # Not a batch rebuild: on SQLite dropping the old ``assessment`` table would cascade-delete its scores.
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    op.execute("ALTER TABLE assessment DROP COLUMN profile_sha256")
    op.drop_index("ix_assessment_rescore_assessment_id", table_name="assessment_rescore")
    op.drop_table("assessment_rescore")
    op.drop_table("profile_text")
