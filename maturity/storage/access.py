"""A shared PostgreSQL database: each territory's login sees and changes only its own organizations, and
PostgreSQL itself enforces it (row-level security), for the program and for any other client alike.

The federation's administrator is the role that owns the tables (it created them by opening the database
first, and runs ``maturity access init``): as their owner it is not subject to the policies and sees
everything. Two group roles carry the privileges of the logins:

* ``maturity_territory`` — reads, inserts, updates and deletes organizations' rows inside the subtree of
  its grant; only inserts into the journal (as itself); reads the profiles;
* ``maturity_reader`` — reads the same rows and writes nothing.

Which subtree a login has is a row of ``maturity_access`` (login → organization), a table no login can
read; the organizations it sees (the granted one and everything under it, at any depth) are rows of
``maturity_visible``, kept by triggers as grants and the tree change, each login reading only its own. The
policies look a row up there for ``session_user`` (and ask ``maturity_granted_roots()``, a ``SECURITY
DEFINER`` function, which organization was granted); a revoked grant takes effect with the next statement
of an open session. Rows of an assessment (scores, KPIs, plan, review, rescores)
are visible when their assessment is; journal entries when their organization's code is (or they name
none: a method installed).

Everything here runs again safely: ``init`` drops and recreates the functions and policies. A migration of a
database whose access was set runs it again at once (:func:`maturity.storage.access_policies.apply_policies`,
called by ``maturity.storage.database.upgrade_database``), so a table a later version adds is covered too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from maturity.errors import BadInput
from maturity.storage.access_policies import (
    GRANTS_TABLE,
    READER_GROUP,
    TERRITORY_GROUP,
    apply_policies,
    initialized,
)

LOGIN_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_LOGINS = {TERRITORY_GROUP, READER_GROUP, "postgres", "public"}


class AccessError(BadInput):
    """An access command refused, with the reason in Russian."""


@dataclass(frozen=True)
class Grant:
    login: str
    organization_uid: str | None
    organization_name: str | None
    read_only: bool
    can_log_in: bool


def _require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise AccessError(
            "права по территориям задаются только в общей базе PostgreSQL (--db postgresql+psycopg://…); "
            "файл SQLite на своём компьютере доступен тому, у кого есть сам файл"
        )


def check_login(login: str) -> str:
    """A login name PostgreSQL takes without quoting: Latin lower-case letters, digits, «_», at most 63."""
    if not LOGIN_PATTERN.fullmatch(login) or login in RESERVED_LOGINS or login.startswith("pg_"):
        shown = login if len(login) <= 40 else login[:40] + "…"
        raise AccessError(
            f"имя входа «{shown}» не подходит: нужны строчные латинские буквы, цифры и «_» (не больше 63 знаков, "
            f"первый — буква или «_»), и это не имя служебной роли"
        )
    return login


def init_access(engine: Engine) -> list[str]:
    """Create (or bring up to date) the group roles, the grants table, the functions, the privileges and
    the policies. Run by the tables' owner; safe to run again. Returns the tables put under the policies."""
    _require_postgresql(engine)
    from maturity.method.catalog import ProfileCatalog
    from maturity.storage.database import writing
    from maturity.storage.store import Store

    with engine.connect() as connection:
        _refuse_unless_owner(connection)
        connection.rollback()  # the checks' reading transaction; the writer's begins now
        with writing(connection):
            # Every shipped method's text kept now: a territory's save never has to install one.
            from sqlmodel import Session

            with Session(bind=connection) as session:
                Store(session).keep_profile_texts(ProfileCatalog().shipped())
                session.flush()
            tables = apply_policies(connection)
    return tables


def _refuse_unless_owner(connection: sa.Connection) -> None:
    owner = connection.execute(
        sa.text(
            "SELECT pg_get_userbyid(c.relowner), current_user, "
            "(SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) "
            "FROM pg_class c WHERE c.relname = 'organization' AND c.relnamespace = current_schema()::regnamespace"
        )
    ).one()
    if owner[0] != owner[1] and not _is_superuser(connection):
        raise AccessError(
            f"права по территориям задаёт владелец таблиц базы (роль «{owner[0]}»), а не «{owner[1]}»: "
            "подключитесь под ролью федерации"
        )
    if not owner[2]:
        raise AccessError(
            f"роль «{owner[1]}» не может создавать роли: дайте ей право CREATEROLE (ALTER ROLE … CREATEROLE) "
            "или выполните команду под суперпользователем"
        )


def _is_superuser(connection: sa.Connection) -> bool:
    return bool(connection.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar())


def _refuse_uninitialized(connection: sa.Connection) -> None:
    if not initialized(connection):
        raise AccessError("в этой базе права по территориям ещё не заданы: сначала выполните «maturity access init»")


def grant_access(engine: Engine, login: str, organization_id: int, *, read_only: bool, password: str | None) -> bool:
    """Limit ``login`` to the organization and everything under it (a new PostgreSQL login, or an existing
    role given this grant instead of its previous one). True when the login was created."""
    _require_postgresql(engine)
    check_login(login)
    from psycopg import sql

    from maturity.storage.database import writing

    with engine.connect() as connection:
        _refuse_uninitialized(connection)
        connection.rollback()
        with writing(connection):
            role = connection.execute(
                sa.text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": login}
            ).one_or_none()
            owner = connection.execute(
                sa.text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'organization'::regclass")
            ).scalar()
            if role is not None and (role[0] or role[1] or login == owner):
                raise AccessError(
                    f"роль «{login}» — суперпользователь, владелец таблиц или обходит политики строк: "
                    "её нельзя ограничить территорией"
                )
            created = role is None
            raw: Any = connection.connection.dbapi_connection  # psycopg's own: it composes the literal
            statement = "CREATE ROLE {} LOGIN" if created else "ALTER ROLE {} LOGIN"
            query = sql.SQL(statement).format(sql.Identifier(login))
            if password is not None:
                query = sql.SQL("{} PASSWORD {}").format(query, sql.Literal(password))
            with raw.cursor() as cursor:
                cursor.execute(query)
            group, other = (READER_GROUP, TERRITORY_GROUP) if read_only else (TERRITORY_GROUP, READER_GROUP)
            connection.exec_driver_sql(f'REVOKE {other} FROM "{login}"')
            connection.exec_driver_sql(f'GRANT {group} TO "{login}"')
            connection.execute(
                sa.text(
                    f"INSERT INTO {GRANTS_TABLE} (login, organization_id, read_only) VALUES (:l, :o, :r) "
                    "ON CONFLICT (login) DO UPDATE SET organization_id = EXCLUDED.organization_id, "
                    "read_only = EXCLUDED.read_only, granted_at = now()"
                ),
                {"l": login, "o": organization_id, "r": read_only},
            )
    return created


def revoke_access(engine: Engine, login: str) -> None:
    """Take the grant away: the login sees nothing from its next statement on, and is dropped (or, when it
    owns something elsewhere, can no longer log in)."""
    _require_postgresql(engine)
    check_login(login)
    from maturity.storage.database import writing

    with engine.connect() as connection:
        _refuse_uninitialized(connection)
        connection.rollback()
        with writing(connection):
            deleted = connection.execute(sa.text(f"DELETE FROM {GRANTS_TABLE} WHERE login = :l"), {"l": login})
            if deleted.rowcount == 0:
                raise AccessError(f"у имени входа «{login}» нет доступа к этой базе (см. «maturity access list»)")
            for group in (TERRITORY_GROUP, READER_GROUP):
                connection.exec_driver_sql(f'REVOKE {group} FROM "{login}"')
            connection.exec_driver_sql(f'ALTER ROLE "{login}" NOLOGIN')
        try:
            with writing(connection):
                connection.exec_driver_sql(f'DROP ROLE "{login}"')
        except sa.exc.DBAPIError:  # it owns or is granted something elsewhere: it stays, unable to log in
            pass


def list_grants(engine: Engine) -> list[Grant]:
    _require_postgresql(engine)
    with engine.connect() as connection:
        _refuse_uninitialized(connection)
        rows = connection.exec_driver_sql(
            f"SELECT g.login, o.uid, o.name, g.read_only, coalesce(r.rolcanlogin, false) "
            f"FROM {GRANTS_TABLE} g LEFT JOIN organization o ON o.id = g.organization_id "
            "LEFT JOIN pg_roles r ON r.rolname = g.login ORDER BY g.login"
        )
        return [Grant(*row) for row in rows]
