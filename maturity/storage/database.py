"""Where the database is and how it is opened.

The default is a SQLite file in the user's data folder; ``--db URL`` or the environment variable
``MATURITY_DB`` choose another (any SQLAlchemy URL, PostgreSQL included). Opening a database runs
the Alembic migrations shipped in ``maturity/migrations`` up to ``head``, so a file written by an
older version of the program is brought up to date with its data kept.

Several writers (two imports, the app and an import) wait for each other. A transaction that
writes says so when it begins (:func:`begin_writing`, used by ``Store.atomic`` and the
migrations): on SQLite it begins with ``BEGIN IMMEDIATE``, which takes the write lock before the
first read and so can wait for it (a deferred ``BEGIN`` that reads first and then writes gets
«database is locked» at once, whatever the busy timeout); on PostgreSQL it takes a transaction
advisory lock. Readers take no lock (SQLite in WAL mode, PostgreSQL's snapshots). A writer waits
up to :data:`WRITE_WAIT_SECONDS`, then :class:`DatabaseBusy` says so in Russian.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from maturity.errors import BadInput
from maturity.storage import access_policies
from maturity.storage.database_errors import DAMAGE_ADVICE, database_reason, is_damage

ENV_VARIABLE = "MATURITY_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITE_WAIT_SECONDS = 60.0  # how long a writer waits for another one before giving up
CONNECT_TIMEOUT_SECONDS = 15  # how long the program waits for a PostgreSQL server to answer at all
WRITE_OPTION = "maturity_write"  # execution option of a connection whose transaction writes
WRITE_LOCK_KEY = 0x6D61747572  # PostgreSQL advisory lock of the program's writers ("matur")
_PG_LOCK_NOT_AVAILABLE = "55P03"
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class DatabaseError(BadInput):
    """A database the program cannot use, with the reason in Russian (``reason``: without the database's address,
    for a dialog that shows the address already)."""

    def __init__(self, message: str, *, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message


class DatabaseBusy(DatabaseError):
    """Another program kept the database's write lock longer than a writer waits."""


def busy_message(seconds: float) -> str:
    return (
        f"база данных занята другой программой: она записывает данные дольше {seconds:g} с. "
        "Дождитесь, пока другая программа (импорт или окно «Цифровой зрелости») закончит запись, и повторите"
    )


def _is_sqlite_busy(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.OperationalError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(orig) or "busy" in str(orig)


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("maturity", appauthor=False)) / "maturity.db"


def default_database_url() -> str:
    """``MATURITY_DB`` when set, else the SQLite file in the user's data folder."""
    return os.environ.get(ENV_VARIABLE) or f"sqlite:///{default_database_path()}"


def resolve_database_url(url: str | None) -> str:
    """The URL given (``--db``), else the default."""
    return url or default_database_url()


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sqlite_begin(connection: sa.Connection) -> None:
    """A writer's transaction takes the write lock up front (and waits for it); a reader's takes none."""
    if not connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN")
        return
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except sa.exc.OperationalError as exc:
        if _is_sqlite_busy(exc):
            raise DatabaseBusy(busy_message(WRITE_WAIT_SECONDS)) from exc
        raise
    try:
        _check_every_page(connection)
    except BaseException:
        connection.exec_driver_sql("ROLLBACK")
        raise


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # no implicit BEGIN by the driver; see _sqlite_begin
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(WRITE_WAIT_SECONDS * 1000)}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
    # Case-insensitive search in Russian names: SQLite's lower() and LIKE know only ASCII.
    dbapi_connection.create_function("maturity_casefold", 1, _casefold, deterministic=True)


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """WAL mode (readers never wait for a writer); on a new file it needs the lock, so wait for it.

    Several processes opening a brand-new file at once race on this switch; SQLite does not
    always call the busy handler for it, so retry until :data:`WRITE_WAIT_SECONDS` has passed.
    """
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")  # an in-memory database stays in "memory"
            return
        except sqlite3.OperationalError as exc:
            if not _is_sqlite_busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(busy_message(WRITE_WAIT_SECONDS)) from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def begin_writing(session: Session) -> sa.Connection:
    """Begin the session's transaction as a writer's: it holds the write lock until it ends.

    The session must not be in a transaction already (a read begun earlier could not wait for
    the lock). Waits up to :data:`WRITE_WAIT_SECONDS` for another writer, else DatabaseBusy.
    """
    connection = session.connection(execution_options={WRITE_OPTION: True})
    if connection.dialect.name == "postgresql":
        _postgresql_write_lock(connection)
    return connection


@contextmanager
def writing(connection: sa.Connection) -> Iterator[sa.Connection]:
    """A writer's transaction on a Core connection (not yet in one), committed at the end."""
    connection.execution_options(**{WRITE_OPTION: True})
    with connection.begin():
        if connection.dialect.name == "postgresql":
            _postgresql_write_lock(connection)
        yield connection


def _postgresql_write_lock(connection: sa.Connection) -> None:
    """The program's writers one at a time: a transaction advisory lock, waited for with a limit."""
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(WRITE_WAIT_SECONDS * 1000)}ms'")
    try:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    except sa.exc.OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE:
            raise DatabaseBusy(busy_message(WRITE_WAIT_SECONDS)) from exc
        raise


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def create_db_engine(url: str, *, password: str | None = None) -> Engine:
    """An engine for the URL; SQLite connections get foreign keys ON and WAL. Nothing is migrated.

    ``password`` (a server's database) goes to the driver apart from the URL: the URL the program keeps,
    shows and remembers then never holds it (maturity.storage.shared_address)."""
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
        connect_args: dict[str, object] = {}
        if parsed.get_backend_name() == "postgresql" and "options" not in parsed.query:
            # PostgreSQL's JIT compiles the recursive "under a parent" queries for half a second
            # (it overestimates their rows) to save milliseconds: not worth it for this program.
            connect_args["options"] = "-c jit=off"
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS  # a server that does not answer: say so
        if password is not None and parsed.get_backend_name() != "sqlite":
            connect_args["password"] = password
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


def table_of(model: type) -> sa.Table:
    """The Core table of a SQLModel table class, typed (SQLModel does not declare ``__table__`` to type checkers)."""
    table: sa.FromClause = sa.inspect(model).local_table
    if not isinstance(table, sa.Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # Alembic's answer for a directory without migrations; the package ships them
        raise AssertionError(f"no migrations in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest), in one transaction.

    Safe when several processes open the same database at once: the migration runs in a
    writer's transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the writers' advisory lock), and
    Alembic reads the schema's version inside it, so the second process finds the work done.
    A database already at ``head`` is only read: opening it never waits for a writer.
    """
    try:
        if revision == "head" and current_revision(engine) == head_revision():
            return
        with engine.connect() as connection, writing(connection):
            command.upgrade(alembic_config(connection), revision)
            if connection.dialect.name == "postgresql" and access_policies.initialized(connection):
                access_policies.apply_policies(connection)  # a shared database's policies cover new tables too
    except CommandError as exc:
        raise DatabaseError(
            f"схема базы данных {engine.url.render_as_string(hide_password=True)} новее этой версии "
            f"программы или неизвестна ({exc}); обновите программу"
        ) from exc


def refuse_if_damaged(exc: BaseException) -> None:
    """A :class:`DatabaseError` when the driver's error says the database is damaged (nothing more is written
    into it: the caller's transaction rolls back and the work stops); otherwise nothing."""
    if is_damage(exc):
        raise DatabaseError(f"база данных не может быть использована: {database_reason(exc)}") from exc


SQLITE_MAGIC = b"SQLite format 3\x00"


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    path = Path(database).expanduser()
    return path if path.is_file() and path.stat().st_size > 0 else None


def _damaged(engine: Engine, what: str) -> DatabaseError:
    where = engine.url.render_as_string(hide_password=True)
    return DatabaseError(f"база данных {where} не открывается: {what}{DAMAGE_ADVICE}")


def refuse_a_damaged_file(engine: Engine) -> None:
    """The quick checks of a SQLite file each time it is opened (a new or empty file has nothing to check): its
    header says SQLite with a possible page size, the file is as long as the header says (not cut short), and
    its schema reads. Damage elsewhere is found by :func:`_check_every_page` before the first write, or by
    SQLite when a page is read (then a Russian reason, exit 2: :mod:`maturity.storage.database_errors`)."""
    path = _sqlite_file(engine)
    if path is None:
        return
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _damaged(engine, "это не файл базы данных SQLite (или испорчено его начало)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        raise _damaged(engine, "файл базы данных повреждён (испорчено его начало)")
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and path.stat().st_size < pages * page_size:
        raise _damaged(engine, "файл базы данных обрезан (он короче, чем записано в его начале)")
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()


_CHECKED: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose file passed the check of every page


def _check_every_page(connection: sa.Connection) -> None:
    """SQLite's check of every page (``PRAGMA quick_check``), once per engine, inside the first writer's
    transaction: the program never writes into a damaged file (about 1 s for 100 000 organizations)."""
    engine = connection.engine
    if engine in _CHECKED or _sqlite_file(engine) is None:
        return
    found = connection.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    if found != "ok":
        raise _damaged(engine, "файл базы данных повреждён (проверка страниц не пройдена)")
    _CHECKED.add(engine)


def open_database(url: str | None = None, *, every_page: bool = False, password: str | None = None) -> Engine:
    """The engine of the database at ``url`` (None: the default), migrated to the current schema; with
    ``every_page`` a SQLite file's every page is checked now rather than before the first write (the app checks it
    beside loading its modules: :func:`check_every_page`). ``password``: a server's, given apart from the URL."""
    url = resolve_database_url(url)
    engine = create_db_engine(url, password=password)
    with _failing_as_database_error(engine):
        if engine.dialect.name == "sqlite":
            refuse_a_damaged_file(engine)
            if every_page:
                with engine.connect() as connection:
                    _check_every_page(connection)
        upgrade_database(engine)
    return engine


def check_every_page(engine: Engine) -> None:
    """A SQLite file's every page checked now (once per engine; nothing for a server's database). The app runs it
    on a thread of its own while its modules load, and shows nothing before it passes; a migration or any write
    checks it first in any case. A damaged file: :class:`DatabaseError` naming the damage, the engine disposed."""
    with _failing_as_database_error(engine):
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                _check_every_page(connection)


@contextmanager
def _failing_as_database_error(engine: Engine) -> Iterator[None]:
    """A driver's error inside becomes a :class:`DatabaseError` with its Russian reason; the engine is disposed."""
    where = engine.url.render_as_string(hide_password=True)
    try:
        yield
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        reason = database_reason(exc)
        raise DatabaseError(f"база данных {where} не открывается: {reason}", reason=reason) from exc
    except DatabaseError:
        engine.dispose()
        raise
