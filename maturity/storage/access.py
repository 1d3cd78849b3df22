"""A shared PostgreSQL database: each territory's login sees and changes only its own organizations, and
PostgreSQL itself enforces it (row-level security), for the program and for any other client alike.

The federation's administrator is the role that owns the tables (it created them by opening the database
first, and runs ``maturity access init``): as their owner it is not subject to the policies and sees
everything. Two group roles carry the privileges of the logins:

* ``maturity_territory`` — reads, inserts, updates and deletes organizations' rows inside the subtree of
  its grant; only inserts into the journal (as itself); reads the profiles;
* ``maturity_reader`` — reads the same rows and writes nothing.

Which subtree a login has is a row of ``maturity_access`` (login → organization), a table no login can
read. The policies ask two ``SECURITY DEFINER`` functions owned by the administrator —
``maturity_visible_organizations()`` (the granted organization and everything under it, at any depth) and
``maturity_granted_roots()`` — which read that table for ``session_user``; a revoked grant takes effect
with the next statement of an open session. Rows of an assessment (scores, KPIs, plan, review, rescores)
are visible when their assessment is; journal entries when their organization's code is (or they name
none: a method installed).

Everything here runs again safely: ``init`` drops and recreates the functions and policies. A migration of a
database whose access was set runs it again at once (:func:`renew_access_after_upgrade`, called by
``maturity.storage.database.upgrade_database``), so a table a later version adds is covered too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from maturity.errors import BadInput

TERRITORY_GROUP = "maturity_territory"
READER_GROUP = "maturity_reader"
GRANTS_TABLE = "maturity_access"
LOGIN_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_LOGINS = {TERRITORY_GROUP, READER_GROUP, "postgres", "public"}

# Tables whose rows belong to one organization (directly) …
BY_ORGANIZATION = ("assessment", "organization_code", "organization_merge")
# … or to one assessment.
BY_ASSESSMENT = (
    "assessment_score",
    "assessment_kpi",
    "assessment_plan_step",
    "assessment_review",
    "assessment_rescore",
)
READ_ONLY_FOR_ALL = ("profile_text", "alembic_version")
POLICY_PREFIX = "maturity_"

VISIBLE = "(SELECT maturity_visible_organizations())"
ROOTS = "(SELECT maturity_granted_roots())"
VISIBLE_ASSESSMENTS = "(SELECT a.id FROM assessment a)"  # the invoker's own policy on assessment applies
VISIBLE_CODES = "(SELECT o.uid FROM organization o UNION ALL SELECT c.code FROM organization_code c)"


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


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {schema}, pg_temp"
    return [
        f"""CREATE OR REPLACE FUNCTION maturity_granted_roots() RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT organization_id FROM {GRANTS_TABLE} WHERE login = session_user $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_visible_organizations() RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            WITH RECURSIVE tree(id) AS (
                SELECT organization_id FROM {GRANTS_TABLE} WHERE login = session_user
                UNION
                SELECT o.id FROM organization o JOIN tree ON o.parent_id = tree.id
            ) SELECT id FROM tree $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_stored_parent(org integer) RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT parent_id FROM organization WHERE id = org $$""",
    ]


def _policies() -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """table → (name, command, USING, WITH CHECK) for the territory's logins (readers: SELECT only)."""
    org_rows = f"organization_id IN {VISIBLE}"
    assessment_rows = f"assessment_id IN {VISIBLE_ASSESSMENTS}"
    policies: dict[str, list[tuple[str, str, str | None, str | None]]] = {
        "organization": [
            ("read", "SELECT", f"id IN {VISIBLE}", None),
            ("add", "INSERT", None, f"parent_id IN {VISIBLE}"),
            (
                "change",
                "UPDATE",
                f"id IN {VISIBLE}",
                f"(id NOT IN {ROOTS} AND parent_id IN {VISIBLE} AND parent_id <> id) OR "
                f"(id IN {ROOTS} AND parent_id IS NOT DISTINCT FROM maturity_stored_parent(id))",
            ),
            ("remove", "DELETE", f"id IN {VISIBLE} AND id NOT IN {ROOTS}", None),
        ],
        "journal": [
            ("read", "SELECT", f"organization_uid IS NULL OR organization_uid IN {VISIBLE_CODES}", None),
            (
                "add",
                "INSERT",
                None,
                f"db_role = current_user AND (organization_uid IS NULL OR organization_uid IN {VISIBLE_CODES})",
            ),
        ],
    }
    for table in BY_ORGANIZATION:
        policies[table] = [("rows", "ALL", org_rows, org_rows)]
    for table in BY_ASSESSMENT:
        policies[table] = [("rows", "ALL", assessment_rows, assessment_rows)]
    return policies


def _ensure_group(connection: sa.Connection, group: str) -> None:
    exists = connection.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).scalar()
    if not exists:
        connection.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")


def _existing_policies(connection: sa.Connection) -> list[tuple[str, str]]:
    rows = connection.execute(
        sa.text(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() "
            "AND policyname LIKE 'maturity\\_%'"
        )
    )
    return [(row[0], row[1]) for row in rows]


def init_access(engine: Engine) -> list[str]:
    """Create (or bring up to date) the group roles, the grants table, the functions, the privileges and
    the policies. Run by the tables' owner; safe to run again. Returns the tables put under the policies."""
    _require_postgresql(engine)
    from maturity.method.catalog import ProfileCatalog
    from maturity.storage.database import writing
    from maturity.storage.store import Store

    policies = _policies()
    with engine.connect() as connection:
        _refuse_unless_owner(connection)
        connection.rollback()  # the checks' reading transaction; the writer's begins now
        with writing(connection):
            # Every shipped method's text kept now: a territory's save never has to install one.
            from sqlmodel import Session

            with Session(bind=connection) as session:
                Store(session).keep_profile_texts(ProfileCatalog().shipped())
                session.flush()
            for group in (TERRITORY_GROUP, READER_GROUP):
                _ensure_group(connection, group)
            schema = str(connection.exec_driver_sql("SELECT current_schema()").scalar())
            connection.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {GRANTS_TABLE} (login text PRIMARY KEY, "
                "organization_id integer NOT NULL REFERENCES organization(id) ON DELETE CASCADE, "
                "read_only boolean NOT NULL DEFAULT false, granted_at timestamptz NOT NULL DEFAULT now())"
            )
            connection.exec_driver_sql(f"REVOKE ALL ON {GRANTS_TABLE} FROM PUBLIC")
            for statement in _functions(schema):
                connection.exec_driver_sql(statement)
            for function in ("maturity_granted_roots()", "maturity_visible_organizations()"):
                connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
                connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {TERRITORY_GROUP}, {READER_GROUP}")
            connection.exec_driver_sql("REVOKE ALL ON FUNCTION maturity_stored_parent(integer) FROM PUBLIC")
            connection.exec_driver_sql(
                f"GRANT EXECUTE ON FUNCTION maturity_stored_parent(integer) TO {TERRITORY_GROUP}"
            )
            connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {TERRITORY_GROUP}, {READER_GROUP}")
            for table, _name in _existing_policies(connection):
                connection.exec_driver_sql(f"DROP POLICY IF EXISTS {_name} ON {table}")
            everyone = f"{TERRITORY_GROUP}, {READER_GROUP}"
            for table in READ_ONLY_FOR_ALL:
                connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM {everyone}")
                connection.exec_driver_sql(f"GRANT SELECT ON {table} TO {everyone}")
            for table, rules in policies.items():
                connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM {everyone}")
                connection.exec_driver_sql(f"GRANT SELECT ON {table} TO {everyone}")
                writes = "INSERT" if table == "journal" else "INSERT, UPDATE, DELETE"
                connection.exec_driver_sql(f"GRANT {writes} ON {table} TO {TERRITORY_GROUP}")
                connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
                for name, command, using, check in rules:
                    readers = everyone if command in ("SELECT", "ALL") else TERRITORY_GROUP
                    if command == "ALL":  # readers get the rows to read under the same condition
                        connection.exec_driver_sql(
                            f"CREATE POLICY {POLICY_PREFIX}{name}_read ON {table} FOR SELECT TO {READER_GROUP} "
                            f"USING ({using})"
                        )
                        readers = TERRITORY_GROUP
                    clause = f"CREATE POLICY {POLICY_PREFIX}{name} ON {table} FOR {command} TO {readers}"
                    if using is not None:
                        clause += f" USING ({using})"
                    if check is not None:
                        clause += f" WITH CHECK ({check})"
                    connection.exec_driver_sql(clause)
            connection.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {TERRITORY_GROUP}")
    return list(policies)


def renew_access_after_upgrade(engine: Engine) -> None:
    """After a migration of a shared database whose access was set (``maturity access init``): set it again,
    so that the policies and privileges cover what the migration added. Nothing on a database without it."""
    with engine.connect() as connection:
        initialized = _initialized(connection)
    if initialized:
        init_access(engine)


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


def _initialized(connection: sa.Connection) -> bool:
    return bool(connection.exec_driver_sql(f"SELECT to_regclass('{GRANTS_TABLE}') IS NOT NULL").scalar())


def _refuse_uninitialized(connection: sa.Connection) -> None:
    if not _initialized(connection):
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


def policy_tables() -> Sequence[str]:
    """The tables under the policies (for the documentation's test)."""
    return list(_policies())
