"""The row-level security of a shared PostgreSQL database, as SQL: the group roles, the grants table, the
functions the policies ask, the privileges and the policies themselves (what they mean: :mod:`maturity.storage.access`).

:func:`apply_policies` runs inside a writer's transaction of the tables' owner; it is all of ``maturity access
init`` but keeping the shipped methods, and runs again after every migration of a database whose access was
set (:func:`maturity.storage.database.upgrade_database`), so the policies cover the tables a later version adds.
Nothing here imports the rest of the storage: the database module calls it.
"""

from __future__ import annotations

import sqlalchemy as sa

TERRITORY_GROUP = "maturity_territory"
READER_GROUP = "maturity_reader"
GRANTS_TABLE = "maturity_access"

# Tables whose rows belong to one organization (directly) …
BY_ORGANIZATION = ("assessment", "organization_code", "organization_merge", "contest_mark")
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
VISIBLE_CODES = "(SELECT o.uid FROM organization o UNION ALL SELECT c.code FROM organization_code c)"


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
    # Correlated (one index lookup per row, under the assessment's own policy), not «IN (all visible
    # assessments)»: a block of 500 rows then reads 500 rows, not the whole table (bench/shared_access.py).
    assessment_rows = "EXISTS (SELECT 1 FROM assessment a WHERE a.id = assessment_id)"
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


def initialized(connection: sa.Connection) -> bool:
    return bool(connection.exec_driver_sql(f"SELECT to_regclass('{GRANTS_TABLE}') IS NOT NULL").scalar())


def apply_policies(connection: sa.Connection) -> list[str]:
    """Create or renew everything (drops and recreates the functions' grants and the policies); the tables
    put under the policies."""
    policies = _policies()
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
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION maturity_stored_parent(integer) TO {TERRITORY_GROUP}")
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
                    f"CREATE POLICY {POLICY_PREFIX}{name}_read ON {table} FOR SELECT TO {READER_GROUP} USING ({using})"
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
