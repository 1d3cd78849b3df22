"""Where the database is and how it is opened.

The default is a SQLite file in the user's data folder; ``--db URL`` or the environment variable
``MATURITY_DB`` choose another (any SQLAlchemy URL, PostgreSQL included). Opening a database runs
the Alembic migrations shipped in ``maturity/migrations`` up to ``head``, so a file written by an
older version of the program is brought up to date with its data kept.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine, make_url

from maturity.errors import BadInput

ENV_VARIABLE = "MATURITY_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(BadInput):
    """A database the program cannot use, with the reason in Russian."""


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("maturity", appauthor=False)) / "maturity.storage.database"


def default_database_url() -> str:
    """``MATURITY_DB`` when set, else the SQLite file in the user's data folder."""
    return os.environ.get(ENV_VARIABLE) or f"sqlite:///{default_database_path()}"


def resolve_database_url(url: str | None) -> str:
    """The URL given (``--db``), else the default."""
    return url or default_database_url()


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sqlite_begin(connection: sa.Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # no implicit BEGIN by the driver; see _sqlite_begin
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
    # Case-insensitive search in Russian names: SQLite's lower() and LIKE know only ASCII.
    dbapi_connection.create_function("maturity_casefold", 1, _casefold, deterministic=True)


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def create_db_engine(url: str) -> Engine:
    """An engine for the URL; SQLite connections get foreign keys ON and WAL. Nothing is migrated."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise DatabaseError(f"неверный адрес базы данных «{url}»") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                if url == f"sqlite:///{default_database_path()}":
                    folder.mkdir(parents=True, exist_ok=True)
                else:
                    raise DatabaseError(f"папка для файла базы данных не существует: {folder}")
    try:
        connect_args = {}
        if parsed.get_backend_name() == "postgresql" and "options" not in parsed.query:
            # PostgreSQL's JIT compiles the recursive "under a parent" queries for half a second
            # (it overestimates their rows) to save milliseconds: not worth it for this program.
            connect_args["options"] = "-c jit=off"
        engine = sa.create_engine(
            parsed,
            pool_pre_ping=parsed.get_backend_name() != "sqlite",
            json_serializer=_json_dumps,  # Russian answers stored readable, a third of the size
            connect_args=connect_args,
        )
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"программа не умеет работать с базой данных «{parsed.drivername}»: {exc}") from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not the sqlite3 module, begin transactions: savepoints (Store.atomic
        # nested) and transactional DDL (a migration is all or nothing) then work as documented.
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def alembic_config(connection: sa.Connection | None = None, url: str | None = None) -> Config:
    """An Alembic configuration for the shipped migrations, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest), in one transaction."""
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    except CommandError as exc:
        raise DatabaseError(
            f"схема базы данных {engine.url.render_as_string(hide_password=True)} новее этой версии "
            f"программы или неизвестна ({exc}); обновите программу"
        ) from exc


def open_database(url: str | None = None) -> Engine:
    """The engine of the database at ``url`` (None: the default), migrated to the current schema."""
    url = resolve_database_url(url)
    engine = create_db_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        upgrade_database(engine)
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise DatabaseError(f"база данных {where} не открывается: {reason}") from exc
    except DatabaseError:
        engine.dispose()
        raise
    return engine
