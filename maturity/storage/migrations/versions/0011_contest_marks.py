"""The commission's marks of the annual contest (смотр-конкурс): ``contest_mark``.

One row per commission member, participant (organization and year) and nomination, with who entered it and
when. A new table only: no existing row is touched, no table rebuilt. The downgrade drops it.

Revision ID: 0011_contest_marks
Revises: 0010_answer_notes
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_contest_marks"
down_revision = "0010_answer_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contest_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("nomination", sa.String(length=40), nullable=False),
        sa.Column("member", sa.String(length=300), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("marked_by", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "organization_id", "nomination", "member", name="uq_contest_mark_member"),
    )
    op.create_index("ix_contest_mark_organization_id", "contest_mark", ["organization_id"])


def downgrade() -> None:
    op.drop_index("ix_contest_mark_organization_id", table_name="contest_mark")
    op.drop_table("contest_mark")
