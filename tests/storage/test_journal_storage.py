"""The journal table: migration 0007 adds it to yesterday's base, a downgrade leaves it and its entries, the
upgrade after keeps them; an entry on PostgreSQL carries the server's role. Both backends."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from maturity.storage.database import alembic_config, create_db_engine, head_revision, open_database, writing
from maturity.storage.journal import Entry, journal_rows, write_entries


def test_a_downgrade_and_upgrade_keep_every_journal_entry(db_url):
    engine = open_database(db_url)
    try:
        with engine.begin() as connection:
            write_entries(connection, [Entry("import", "код-1", "ППО", 2025, None, 55.5, "a.json", "ab" * 32)], "u1")
            write_entries(connection, [Entry("accept", "код-1", "ППО", 2025, 55.5, 55.5)], "u2")
        with engine.connect() as connection:
            before = journal_rows(connection)
        with engine.connect() as connection, writing(connection):
            command.downgrade(alembic_config(connection), "0005_profiles")
        assert "journal" in sa.inspect(engine).get_table_names()
        assert "assessment_review" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
    engine = open_database(db_url)  # today's program again: the upgrade finds the journal and keeps it
    try:
        with engine.connect() as connection:
            assert journal_rows(connection) == before
        assert [r.action for r in before] == ["import", "accept"] and before[0].file_sha256 == "ab" * 32
    finally:
        engine.dispose()


def test_an_entry_names_the_database_role_on_postgresql_and_none_on_sqlite(db_url):
    engine = create_db_engine(db_url)
    try:
        open_database(db_url).dispose()
        with engine.begin() as connection:
            write_entries(connection, [Entry("profile", detail={"profile": "x"})], "оператор")
            role = connection.execute(sa.text("SELECT current_user")).scalar() if "postgresql" in db_url else None
            [row] = journal_rows(connection)
        assert (row.os_user, row.db_role, row.detail) == ("оператор", role, {"profile": "x"})
        assert head_revision() == "0011_contest_marks"
    finally:
        engine.dispose()
