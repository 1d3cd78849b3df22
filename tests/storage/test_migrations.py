"""Alembic migrations: opening a database brings it to the current schema and keeps its data."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from comparison_table import comparison_table
from sqlmodel import SQLModel

from maturity.storage import queries
from maturity.storage.database import (
    DatabaseError,
    alembic_config,
    create_db_engine,
    current_revision,
    default_database_url,
    head_revision,
    open_database,
    upgrade_database,
    writing,
)


def test_the_migrations_end_at_0011_contest_marks():
    assert head_revision() == "0011_contest_marks"


def test_opening_an_empty_database_creates_the_current_schema(db_url):
    engine = open_database(db_url)
    try:
        assert current_revision(engine) == head_revision()
        tables = {"organization", "assessment", "assessment_score", "assessment_kpi"}
        assert tables <= set(sa.inspect(engine).get_table_names())
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
        assert current_revision(engine) == "0011_contest_marks"
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
        assert current_revision(engine) == "0011_contest_marks"
        with engine.connect() as connection:
            names = connection.execute(sa.text("SELECT name FROM organization ORDER BY id")).scalars().all()
            assert names == ["Областная организация", "ППО «Волга»"]
            row = connection.execute(sa.text('SELECT "index", level, failed_norms_count FROM assessment_score')).one()
            assert tuple(row) == (52.4, "developing", 2)  # n1 and n3 failed
            kpis = dict(connection.execute(sa.text("SELECT kpi_id, value FROM assessment_kpi")).all())
            assert (kpis["k1"], kpis["k2"], len(kpis)) == (72.0, None, 10)
        indexes = {ix["name"] for ix in sa.inspect(engine).get_indexes("organization")}
        assert "ix_organization_parent_id" in indexes
        # the new column is what the comparison table reads
        [comparison] = comparison_table(engine, 2024, parent_id=1)
        assert (comparison.name, comparison.failed_norms, comparison.index) == ("ППО «Волга»", 2, 52.4)
        assert (comparison.kpis["k1"], comparison.kpis["k2"], comparison.kpis["k10"]) == (72.0, None, 50.0)
        assert comparison.evidence_share == 0.0  # 0010: stored before there were marks, so none of its answers
    finally:
        engine.dispose()


OLD_KPI_COLUMNS = tuple(f"k{i}" for i in range(1, 11))  # the columns of schemas 0001 and 0002


def generated_scores(seed: int, count: int) -> dict[int, dict[str, float | None]]:
    """``count`` assessments' k1 … k10 as an old program stored them: any float 0–100, the ends, or None."""
    rng = random.Random(seed)

    def figure() -> float | None:
        return rng.choice([None, 0.0, 100.0, rng.uniform(0, 100), round(rng.uniform(0, 100), 2)])

    return {aid: {k: figure() for k in OLD_KPI_COLUMNS} for aid in range(1, count + 1)}


def insert_organization_and_assessment(
    connection: sa.Connection, aid: int, profile_id: str, version: str, status: str
) -> None:
    """Organization ``aid`` and its assessment ``aid`` of 2024 (no answers), as any schema since 0001 holds them."""
    now = "2024-03-01 10:00:00+00:00"
    connection.execute(
        sa.text(
            "INSERT INTO organization (id, uid, name, level, placeholder, created_at, updated_at) "
            "VALUES (:id, :uid, :name, 'primary', :f, :t, :t)"
        ),
        {"id": aid, "uid": f"u-{aid}", "name": f"ППО № {aid}", "f": False, "t": now},
    )
    connection.execute(
        sa.text(
            "INSERT INTO assessment (id, organization_id, year, profile_id, profile_version, status, answers, "
            "created_at, updated_at) VALUES (:id, :id, 2024, :p, :v, :s, '{}', :t, :t)"
        ),
        {"id": aid, "p": profile_id, "v": version, "s": status, "t": now},
    )


def insert_old_scores(connection: sa.Connection, revision: str, scores: dict[int, dict[str, float | None]]) -> None:
    """One organization per assessment, and the scores in the columns k1 … k10 of schema ``revision``."""
    for aid, kpis in scores.items():
        insert_organization_and_assessment(connection, aid, "fnpr-base", "2025.1", "complete")
        failed = ", failed_norms_count" if revision == "0002" else ""
        columns = ", ".join(OLD_KPI_COLUMNS)
        marks = ", ".join(f":{k}" for k in OLD_KPI_COLUMNS)
        connection.execute(
            sa.text(
                f'INSERT INTO assessment_score (assessment_id, {columns}, "index", digital_index, level, norms, '
                f"completeness{failed}) VALUES (:aid, {marks}, 50, 50, 'developing', '{{}}', 1.0{', 0' if failed else ''})"
            ),
            {"aid": aid, **kpis},
        )


def old_columns(engine: sa.Engine) -> dict[int, dict[str, float | None]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.text(f"SELECT assessment_id, {', '.join(OLD_KPI_COLUMNS)} FROM assessment_score"))
        return {r[0]: dict(zip(OLD_KPI_COLUMNS, r[1:], strict=True)) for r in rows}


@pytest.mark.parametrize("revision", ["0001", "0002"])
@pytest.mark.parametrize("seed", range(3))
def test_every_kpi_figure_of_an_earlier_schema_moves_to_the_kpi_rows_unchanged(db_url, revision, seed):
    scores = generated_scores(seed, count=1 + seed * 20)
    old = create_db_engine(db_url)
    upgrade_database(old, revision)
    with old.begin() as connection:
        insert_old_scores(connection, revision, scores)
    old.dispose()

    engine = open_database(db_url)
    try:
        assert current_revision(engine) == "0011_contest_marks"
        columns = {c["name"] for c in sa.inspect(engine).get_columns("assessment_score")}
        assert not columns & set(OLD_KPI_COLUMNS)
        assert queries.kpis_of(engine, list(scores)) == scores  # every value, None included, bit for bit
        with engine.connect() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM assessment_kpi")).scalar()
        assert count == 10 * len(scores)
    finally:
        engine.dispose()


@pytest.mark.parametrize("seed", range(3))
def test_the_downgrade_puts_the_kpi_figures_back_in_their_columns(db_url, seed):
    scores = generated_scores(100 + seed, count=5 + seed * 10)
    old = create_db_engine(db_url)
    upgrade_database(old, "0002")
    with old.begin() as connection:
        insert_old_scores(connection, "0002", scores)
    old.dispose()
    open_database(db_url).dispose()

    engine = create_db_engine(db_url)
    try:
        with engine.connect() as connection, writing(connection):
            command.downgrade(alembic_config(connection), "0002")
        assert current_revision(engine) == "0002"
        assert "assessment_kpi" not in sa.inspect(engine).get_table_names()
        assert old_columns(engine) == scores
    finally:
        engine.dispose()


def test_deleting_a_score_row_deletes_its_kpi_rows(store, base_profile, example_answers):
    org = store.create_organization("ППО «Волга»", "primary")
    saved = store.save_assessment(org, 2025, base_profile, example_answers("primary-small.json"))
    assert len(store.get_kpis(saved)) == len(base_profile.kpis)

    with store.atomic():
        store.session.execute(sa.text("DELETE FROM assessment_score WHERE assessment_id = :a"), {"a": saved.id})

    count = store.session.execute(sa.text("SELECT count(*) FROM assessment_kpi")).scalar()
    assert count == 0


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


# ---------------------------------------------------------------- 0005_profiles: the texts of the profiles

KEPT_VERSIONS = [("fnpr-base", "2025.1"), ("sudprof", "2025.1"), ("fnpr-base", "2019.1")]  # the last: not shipped


def insert_assessments_of_versions(connection: sa.Connection, seed: int) -> dict[int, tuple[str, str]]:
    """Assessments (with scores of schema 0003 and later left out: none are needed) of the profile versions
    in KEPT_VERSIONS, drawn at random; their ids → (profile id, version)."""
    rng = random.Random(seed)
    made = {}
    for aid in range(1, 2 + seed * 7):
        profile_id, version = rng.choice(KEPT_VERSIONS)
        insert_organization_and_assessment(connection, aid, profile_id, version, "draft")
        made[aid] = (profile_id, version)
    return made


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004"])
@pytest.mark.parametrize("seed", range(2))
def test_0005_keeps_the_shipped_text_of_every_stored_assessment_and_its_sha256(db_url, revision, seed):
    from sqlmodel import Session

    from maturity.method.profile import load_profile, shipped_profile_versions, text_sha256
    from maturity.storage.models import Assessment
    from maturity.storage.store import Store

    old = create_db_engine(db_url)
    upgrade_database(old, revision)
    with old.begin() as connection:
        made = insert_assessments_of_versions(connection, seed)
    old.dispose()

    engine = open_database(db_url)
    try:
        assert current_revision(engine) == "0011_contest_marks"
        with engine.connect() as connection:
            hashes = dict(connection.execute(sa.text("SELECT id, profile_sha256 FROM assessment")).all())
            kept = connection.execute(sa.text("SELECT id, version, sha256, text, source FROM profile_text")).all()
        shipped = set(shipped_profile_versions())  # every shipped version: 2025.1 is kept beside 2026.1
        for aid, key in made.items():
            assert hashes[aid] == (load_profile(*key).sha256 if key in shipped else None)
        used = {key for key in made.values() if key in shipped}
        assert {(r.id, r.version) for r in kept} == used
        assert all(text_sha256(r.text) == r.sha256 and r.source == "встроенная" for r in kept)
        with Session(engine) as session:  # an assessment of a kept version opens with exactly that text
            store = Store(session)
            for aid in made:
                assessment = store.session.get(Assessment, aid)
                if assessment.profile_sha256 is not None:
                    assert store.profile_of(assessment).sha256 == assessment.profile_sha256
    finally:
        engine.dispose()


def test_the_0005_downgrade_drops_the_profile_texts_and_keeps_every_assessment_and_kpi(
    store, base_profile, example_answers
):
    org = store.create_organization("ППО «Волга»", "primary")
    saved = store.save_assessment(org, 2025, base_profile, example_answers("primary-small.json"))
    kpis = store.get_kpis(saved)
    engine = store.session.get_bind()
    store.session.close()
    with engine.connect() as connection, writing(connection):
        command.downgrade(alembic_config(connection), "0004")
    assert current_revision(engine) == "0004"
    assert {"profile_text", "assessment_rescore"}.isdisjoint(sa.inspect(engine).get_table_names())
    assert "profile_sha256" not in {c["name"] for c in sa.inspect(engine).get_columns("assessment")}
    assert queries.kpis_of(engine, [saved.id]) == {saved.id: kpis}
