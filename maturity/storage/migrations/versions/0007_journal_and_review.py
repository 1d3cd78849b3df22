"""The journal of every write, and the higher body's review of each assessment.

``journal``: one row per write (import, replace, save, rescore, review decisions, merge, profile
install), insert-only — no foreign key, so no cascade ever removes a row; no later migration may update
or delete its rows. ``assessment_review``: received / accepted / returned with comments. New tables
only: no existing row is touched, no table rebuilt.

The downgrade drops only ``assessment_review``: the journal stays with its entries (a downgrade never
deletes them), and the upgrade after it finds the journal there and keeps it.

Revision ID: 0007_journal_and_review
Revises: 0006_organization_codes
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_journal_and_review"
down_revision = "0006_organization_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "journal" not in sa.inspect(op.get_bind()).get_table_names():  # kept by an earlier downgrade
        _create_journal()
    op.create_table(
        "assessment_review",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=300), nullable=False),
        sa.Column("sent_state", sa.String(length=10), nullable=True),
        sa.Column("sent_comment", sa.Text(), nullable=False),
        sa.Column("sent_questions", sa.JSON(), nullable=False),
        sa.Column("sent_by", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("assessment_id"),
    )


def _create_journal() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("os_user", sa.String(length=300), nullable=False),
        sa.Column("db_role", sa.String(length=300), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("organization_uid", sa.String(length=64), nullable=True),
        sa.Column("organization_name", sa.String(length=300), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("index_before", sa.Float(), nullable=True),
        sa.Column("index_after", sa.Float(), nullable=True),
        sa.Column("file_name", sa.String(length=1000), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_journal_organization_uid", "journal", ["organization_uid"])
    op.create_index("ix_journal_year", "journal", ["year"])


def downgrade() -> None:
    op.drop_table("assessment_review")  # the journal stays: no migration deletes its entries
