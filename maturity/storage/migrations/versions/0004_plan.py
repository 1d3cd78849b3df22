"""The plan kept with an assessment: a row per step of the road map the organization follows.

A new table only; no existing table is rebuilt (on SQLite a rebuild of ``assessment_score`` would
cascade-delete its KPI rows). Its rows reference ``assessment``, so rescoring an assessment (which
replaces its ``assessment_score`` row) keeps its plan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_plan_step",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("responsible", sa.String(length=300), nullable=False),
        sa.Column("due", sa.String(length=7), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id", "step"),
    )


def downgrade() -> None:
    op.drop_table("assessment_plan_step")
