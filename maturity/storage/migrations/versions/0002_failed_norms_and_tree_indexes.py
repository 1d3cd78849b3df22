"""Failed-norms count stored beside the norms; indexes for "everything under a parent in a year".

Comparison tables sort and filter by the number of failed norms; counting it from the norms JSON
in SQL differs between SQLite and PostgreSQL and is slow on 100 000 rows, so it becomes a column,
computed here for the rows already in the database. The recursive walk down the organization
tree and the choice of a year get their indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 2000


def failed_count(norms) -> int:
    if isinstance(norms, str):  # a JSON column may come back undecoded from an old driver
        norms = json.loads(norms)
    return sum(1 for status in (norms or {}).values() if status == "fail")


def upgrade() -> None:
    with op.batch_alter_table("assessment_score") as batch:
        batch.add_column(sa.Column("failed_norms_count", sa.Integer(), nullable=False, server_default="0"))

    scores = sa.table(
        "assessment_score",
        sa.column("assessment_id", sa.Integer()),
        sa.column("norms", sa.JSON()),
        sa.column("failed_norms_count", sa.Integer()),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(scores.c.assessment_id, scores.c.norms)).all()
    updates = [{"aid": aid, "count": failed_count(norms)} for aid, norms in rows]
    updates = [u for u in updates if u["count"]]
    statement = (
        sa.update(scores)
        .where(scores.c.assessment_id == sa.bindparam("aid"))
        .values(failed_norms_count=sa.bindparam("count"))
    )
    for start in range(0, len(updates), BATCH):
        connection.execute(statement, updates[start : start + BATCH])

    op.create_index("ix_organization_parent_id", "organization", ["parent_id"])
    op.create_index("ix_assessment_year", "assessment", ["year"])


def downgrade() -> None:
    op.drop_index("ix_assessment_year", table_name="assessment")
    op.drop_index("ix_organization_parent_id", table_name="organization")
    with op.batch_alter_table("assessment_score") as batch:
        batch.drop_column("failed_norms_count")
