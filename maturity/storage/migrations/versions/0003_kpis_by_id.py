"""KPI scores by KPI id: a row of ``assessment_kpi`` per KPI instead of the columns k1 … k10.

A profile may define any number of KPIs with any ids; the fixed columns held only ten. Every
stored value (a None «не оценивается» included) moves to ``assessment_kpi(assessment_id, kpi_id,
value)``, whose primary key (assessment_id, kpi_id) is also what a sort by one KPI joins through.

On SQLite the columns are dropped by rebuilding ``assessment_score`` (``batch_alter_table``), and
dropping a table deletes the rows that reference it by an ON DELETE CASCADE foreign key: so the
KPI rows get their foreign key only after the rebuild. The downgrade writes k1 … k10 back (the
columns are added without a rebuild) and drops the table: KPIs other than k1 … k10 are lost.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The columns of schemas 0001–0002: history, named as 0001 named them, not the method's KPIs.
OLD_COLUMNS = tuple(f"k{i}" for i in range(1, 11))
FOREIGN_KEY = "fk_assessment_kpi_assessment_id_assessment_score"

KPI = sa.table(
    "assessment_kpi",
    sa.column("assessment_id", sa.Integer()),
    sa.column("kpi_id", sa.String(20)),
    sa.column("value", sa.Float()),
)


def _scores() -> sa.TableClause:
    return sa.table(
        "assessment_score", sa.column("assessment_id", sa.Integer()), *[sa.column(k, sa.Float()) for k in OLD_COLUMNS]
    )


def upgrade() -> None:
    op.create_table(
        "assessment_kpi",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("assessment_id", "kpi_id"),
    )
    scores = _scores()
    for column in OLD_COLUMNS:
        moved = sa.select(scores.c.assessment_id, sa.literal(column, sa.String(20)), scores.c[column])
        op.execute(KPI.insert().from_select(["assessment_id", "kpi_id", "value"], moved))
    with op.batch_alter_table("assessment_score") as batch:
        for column in OLD_COLUMNS:
            batch.drop_column(column)
    with op.batch_alter_table("assessment_kpi") as batch:
        batch.create_foreign_key(
            FOREIGN_KEY, "assessment_score", ["assessment_id"], ["assessment_id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("assessment_score") as batch:  # adding columns needs no rebuild
        for column in OLD_COLUMNS:
            batch.add_column(sa.Column(column, sa.Float(), nullable=True))
    scores = _scores()
    values = {
        column: sa.select(KPI.c.value)
        .where(KPI.c.assessment_id == scores.c.assessment_id, KPI.c.kpi_id == column)
        .scalar_subquery()
        for column in OLD_COLUMNS
    }
    op.execute(scores.update().values(**values))
    op.drop_table("assessment_kpi")
