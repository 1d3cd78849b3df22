"""Migration 0006 (other codes of an organization, the record of merges): a base of 0005 opens with every
organization and assessment as it was, and the downgrade drops only the two new tables. Both backends."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from test_migrations import insert_organization_and_assessment

from maturity.storage.database import (
    alembic_config,
    create_db_engine,
    current_revision,
    head_revision,
    open_database,
    upgrade_database,
    writing,
)

NEW_TABLES = {"organization_code", "organization_merge"}


def rows(engine) -> dict:
    with engine.connect() as connection:
        return {
            "organization": connection.execute(sa.text("SELECT id, uid, name FROM organization ORDER BY id")).all(),
            "assessment": connection.execute(sa.text("SELECT id, organization_id, year FROM assessment")).all(),
        }


@pytest.mark.parametrize("count", [1, 7])
def test_0006_keeps_every_organization_and_assessment_and_its_downgrade_drops_only_the_new_tables(db_url, count):
    old = create_db_engine(db_url)
    upgrade_database(old, "0005_profiles")
    with old.begin() as connection:
        for aid in range(1, count + 1):
            insert_organization_and_assessment(connection, aid, "fnpr-base", "2025.1", "complete")
    before = rows(old)
    old.dispose()

    engine = open_database(db_url)  # today's program opens yesterday's base
    try:
        assert current_revision(engine) == head_revision()
        assert rows(engine) == before
        assert NEW_TABLES <= set(sa.inspect(engine).get_table_names())
        with engine.begin() as connection:  # another code of organization 1
            connection.execute(
                sa.text(
                    "INSERT INTO organization_code (code, organization_id, reason, added_at) "
                    "VALUES ('код-председателя', 1, 'файл', CURRENT_TIMESTAMP)"
                )
            )
        with engine.connect() as connection, writing(connection):
            command.downgrade(alembic_config(connection), "0005_profiles")
        assert current_revision(engine) == "0005_profiles"
        assert NEW_TABLES.isdisjoint(sa.inspect(engine).get_table_names())
        assert rows(engine) == before
    finally:
        engine.dispose()
