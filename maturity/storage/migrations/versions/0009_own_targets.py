"""The organization's own targets: the values its elected body approved for a year, and the decision.

A new table only; no existing table is rebuilt. Rows reference ``organization`` (deleting it deletes its
targets); the shared database's row-level security covers the table like every other table of an
organization's rows (:mod:`maturity.storage.access_policies`, renewed after every migration).

Revision ID: 0009_own_targets
Revises: 0008_name_consent
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_own_targets"
down_revision = "0008_name_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "own_target",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("decision_body", sa.String(length=300), nullable=False),
        sa.Column("decision_number", sa.String(length=50), nullable=False),
        sa.Column("decision_date", sa.String(length=10), nullable=True),
        sa.Column("target_values", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organization_id", "year"),
    )


def downgrade() -> None:
    op.drop_table("own_target")
