"""An organization's consent to be named to others as one to learn from («У кого поучиться»).

``organization.name_consent``: false until the organization agrees (the register's column «Согласие
назвать организацию», ``maturity orgs consent``). A new column with a server default: every existing row
reads «no consent», nothing else is touched. Not through a batch: on SQLite a batch rebuilds ``organization`` by
dropping it, and the drop would delete every assessment through ON DELETE CASCADE; SQLite adds a column with a
constant default in place.

Revision ID: 0008_name_consent
Revises: 0007_journal_and_review
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_name_consent"
down_revision = "0007_journal_and_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organization", sa.Column("name_consent", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("organization", "name_consent")
