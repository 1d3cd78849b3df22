"""Alembic migrations: opening a database brings it to the current schema and keeps its data."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from maturity.storage import queries
from maturity.storage.database import (
    DatabaseError,
    create_db_engine,
    current_revision,
    default_database_url,
    head_revision,
    open_database,
    upgrade_database,
)


def test_the_migrations_end_at_0002():
    assert head_revision() == "0002"


def test_opening_an_empty_database_creates_the_current_schema(db_url):
    engine = open_database(db_url)
    try:
        assert current_revision(engine) == head_revision()
        assert {"organization", "assessment", "assessment_score"} <= set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_models_match_the_schema_the_migrations_build(db_url):
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_opening_a_database_twice_changes_nothing(db_url):
    open_database(db_url).dispose()
    engine = open_database(db_url)
    try:
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()


def insert_at_0001(connection: sa.Connection) -> None:
    """Data written by the first version of the program (schema 0001: no failed_norms_count yet)."""
    now = "2024-03-01 10:00:00+00:00"
    connection.execute(
        sa.text(
            "INSERT INTO organization (id, uid, name, level, parent_id, region, sector, members, placeholder, "
            "created_at, updated_at) VALUES "
            "(1, 'u-parent', 'Областная организация', 'territorial', NULL, 'Самарская область', NULL, 9000, :f, :t, :t),"
            "(2, 'u-child', 'ППО «Волга»', 'primary', 1, 'Самарская область', NULL, 850, :f, :t, :t)"
        ),
        {"f": False, "t": now},
    )
    connection.execute(
        sa.text(
            "INSERT INTO assessment (id, organization_id, year, profile_id, profile_version, status, answers, "
            "respondent, created_at, updated_at) VALUES "
            "(1, 2, 2024, 'fnpr-base', '2025.1', 'complete', :answers, 'Иванова Е. В.', :t, :t)"
        ),
        {"answers": json.dumps({"profile.name": "ППО «Волга»", "profile.members": 850}), "t": now},
    )
    norms = {"n1_funding": "fail", "n2_responsible": "pass", "n3_email": "fail", "n5_social": "n/a"}
    connection.execute(
        sa.text(
            'INSERT INTO assessment_score (assessment_id, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, "index", '
            "digital_index, level, norms, completeness) VALUES "
            "(1, 72.0, NULL, 50, 50, 50, 50, 50, 50, 50, 50, 52.4, 50, 'developing', :norms, 1.0)"
        ),
        {"norms": json.dumps(norms)},
    )


def test_an_old_database_keeps_its_data_and_gains_the_failed_norms_count(db_url):
    old = create_db_engine(db_url)
    upgrade_database(old, "0001")
    assert current_revision(old) == "0001"
    assert "failed_norms_count" not in {c["name"] for c in sa.inspect(old).get_columns("assessment_score")}
    with old.begin() as connection:
        insert_at_0001(connection)
    old.dispose()

    engine = open_database(db_url)  # the program of today opens yesterday's file
    try:
        assert current_revision(engine) == "0002"
        with engine.connect() as connection:
            names = connection.execute(sa.text("SELECT name FROM organization ORDER BY id")).scalars().all()
            assert names == ["Областная организация", "ППО «Волга»"]
            row = connection.execute(
                sa.text('SELECT k1, k2, "index", level, failed_norms_count FROM assessment_score')
            ).one()
            assert tuple(row) == (72.0, None, 52.4, "developing", 2)  # n1 and n3 failed
        indexes = {ix["name"] for ix in sa.inspect(engine).get_indexes("organization")}
        assert "ix_organization_parent_id" in indexes
        # the new column is what the comparison table reads
        [comparison] = queries.comparison_rows(engine, 2024, parent_id=1)
        assert (comparison.name, comparison.failed_norms, comparison.index) == ("ППО «Волга»", 2, 52.4)
    finally:
        engine.dispose()


def test_a_database_from_a_newer_program_is_refused_untouched(db_url):
    engine = open_database(db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()

    with pytest.raises(DatabaseError, match="новее этой версии программы"):
        open_database(db_url)
    engine = create_db_engine(db_url)
    try:
        assert current_revision(engine) == "0999"
    finally:
        engine.dispose()


def test_a_file_that_is_not_a_database_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("это не база данных, а заметки " * 100, encoding="utf-8")

    with pytest.raises(DatabaseError, match="не открывается"):
        open_database(f"sqlite:///{path}")
    assert path.read_text(encoding="utf-8").startswith("это не база данных")


def test_a_missing_folder_is_refused_rather_than_guessed(tmp_path):
    with pytest.raises(DatabaseError, match="папка"):
        open_database(f"sqlite:///{tmp_path / 'нет такой папки' / 'maturity.db'}")


def test_an_unknown_driver_is_refused(tmp_path):
    with pytest.raises(DatabaseError):
        open_database("nosuchdb://localhost/maturity")


def test_sqlite_connections_have_foreign_keys_on_and_wal(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'maturity.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()
    with sqlite3.connect(tmp_path / "maturity.db") as plain:  # WAL is a property of the file itself
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_default_database_is_a_sqlite_file_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MATURITY_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    assert default_database_url() == f"sqlite:///{tmp_path / 'data' / 'maturity' / 'maturity.db'}"
    engine = open_database()  # creates the folder when it is the default one
    try:
        assert (tmp_path / "data" / "maturity" / "maturity.db").is_file()
    finally:
        engine.dispose()


def test_maturity_db_chooses_another_database(monkeypatch, tmp_path):
    monkeypatch.setenv("MATURITY_DB", f"sqlite:///{tmp_path / 'other.db'}")

    assert default_database_url() == f"sqlite:///{tmp_path / 'other.db'}"
