"""More than one code per organization, and the record of merged organizations.

``organization_code``: the codes an organization answers to besides its own ``uid`` — the code a
chair's program gave it before its file found it in the register, a parent code a child's file named
it by, the codes of an organization merged into it. ``organization_merge``: which record was merged
into which, when, with how many assessments and children (the durable record a future journal can take
over). New tables only: no existing row is touched, no table rebuilt.

Revision ID: 0006_organization_codes
Revises: 0005_profiles
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_organization_codes"
down_revision = "0005_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organization_code",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("ix_organization_code_organization_id", "organization_code", ["organization_id"])
    op.create_table(
        "organization_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("merged_uid", sa.String(length=64), nullable=False),
        sa.Column("merged_name", sa.String(length=300), nullable=False),
        sa.Column("assessments", sa.Integer(), nullable=False),
        sa.Column("children", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_organization_merge_organization_id", "organization_merge", ["organization_id"])


def downgrade() -> None:
    op.drop_index("ix_organization_merge_organization_id", table_name="organization_merge")
    op.drop_table("organization_merge")
    op.drop_index("ix_organization_code_organization_id", table_name="organization_code")
    op.drop_table("organization_code")
