"""Several voices and evidence in one assessment: a comment and an evidence mark per answer
(``assessment_note``), files attached as evidence (``assessment_attachment``) and the agenda a merge of
several respondents left to discuss (``assessment_agenda``), and the share of answers with evidence
(``assessment_evidence``, for the comparison).

New tables only, each referencing ``assessment`` (rescoring keeps them; deleting the assessment deletes them).

Revision ID: 0010_answer_notes
Revises: 0009_own_targets
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_answer_notes"
down_revision = "0009_own_targets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_note",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id", "question_id"),
    )
    op.create_table(
        "assessment_attachment",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", "name"),
    )
    op.create_table(
        "assessment_evidence",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id"),
    )
    # an assessment stored before has no evidence mark (there was nowhere to keep one): 0 % of its answers
    op.execute("INSERT INTO assessment_evidence (assessment_id, share) SELECT id, 0.0 FROM assessment")
    op.create_table(
        "assessment_agenda",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("agenda", sa.JSON(), nullable=False),
        sa.Column("spread", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id"),
    )


def downgrade() -> None:
    op.drop_table("assessment_agenda")
    op.drop_table("assessment_evidence")
    op.drop_table("assessment_attachment")
    op.drop_table("assessment_note")
