"""Initial tables: organizations, their yearly assessments and the scores of each.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("organization.id", ondelete="SET NULL"), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("sector", sa.String(length=300), nullable=True),
        sa.Column("members", sa.Integer(), nullable=True),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        *_timestamps(),
    )
    op.create_index("ix_organization_uid", "organization", ["uid"], unique=True)
    op.create_index("ix_organization_name", "organization", ["name"])

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organization_id",
            sa.Integer(),
            sa.ForeignKey("organization.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.String(length=100), nullable=False),
        sa.Column("profile_version", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("respondent", sa.String(length=300), nullable=True),
        *_timestamps(),
        sa.UniqueConstraint("organization_id", "year", name="uq_assessment_organization_year"),
    )

    op.create_table(
        "assessment_score",
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("assessment.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *[sa.Column(f"k{i}", sa.Float(), nullable=True) for i in range(1, 11)],
        sa.Column("index", sa.Float(), nullable=True),
        sa.Column("digital_index", sa.Float(), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("norms", sa.JSON(), nullable=False),
        sa.Column("completeness", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("assessment_score")
    op.drop_table("assessment")
    op.drop_index("ix_organization_name", table_name="organization")
    op.drop_index("ix_organization_uid", table_name="organization")
    op.drop_table("organization")
