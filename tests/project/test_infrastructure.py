"""The test infrastructure itself: the throwaway PostgreSQL server and the db_url fixture."""

from __future__ import annotations

import postgres_server
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, inspect, select, text


@pytest.mark.postgres
def test_postgres_server_answers_select_version(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/maturity_test")
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version()")).scalar_one()
            encoding = conn.execute(text("SHOW server_encoding")).scalar_one()
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL ")
    assert encoding == "UTF8"


def test_db_url_gives_a_fresh_usable_database(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []  # empty: nothing left by other tests
        metadata = MetaData()
        orgs = Table(
            "organisations",
            metadata,
            Column("id", Integer, primary_key=True),
            Column("name", String(200), nullable=False),
        )
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(orgs.insert(), [{"name": "Первичная профсоюзная организация"}, {"name": "Обком"}])
        with engine.connect() as conn:
            names = conn.execute(select(orgs.c.name).order_by(orgs.c.id)).scalars().all()
        assert names == ["Первичная профсоюзная организация", "Обком"]
    finally:
        engine.dispose()


def test_missing_postgresql_is_reported_with_the_setup_script(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("MATURITY_PG_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no initdb on PATH either
    with pytest.raises(postgres_server.PostgresNotAvailable, match="scripts/setup-system"):
        postgres_server.find_bindir(str(tmp_path / "postgresql" / "*" / "bin"))


def test_newest_postgresql_version_is_chosen(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("MATURITY_PG_BIN", raising=False)
    for version in ("9.6", "15", "16"):
        bindir = tmp_path / version / "bin"
        bindir.mkdir(parents=True)
        (bindir / "initdb").touch()
        (bindir / "pg_ctl").touch()
    assert postgres_server.find_bindir(str(tmp_path / "*" / "bin")) == tmp_path / "16" / "bin"
