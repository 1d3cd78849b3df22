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
VISIBLE_TABLE = "maturity_visible"  # login → every organization it sees (kept by triggers)
MOVED_ONE_BY_ONE = 50  # organizations moved by one statement settled one by one; more: every login's rows anew
PUBLISHED_TABLE = "maturity_benchmark"  # the federation's published benchmarks (maturity.storage.published_benchmark)

# Tables whose rows belong to one organization (directly) …
BY_ORGANIZATION = ("assessment", "organization_code", "organization_merge", "own_target", "contest_mark")
# … or to one assessment.
BY_ASSESSMENT = (
    "assessment_score",
    "assessment_kpi",
    "assessment_plan_step",
    "assessment_review",
    "assessment_rescore",
    "assessment_note",
    "assessment_attachment",
    "assessment_agenda",
    "assessment_evidence",
)
READ_ONLY_FOR_ALL = ("profile_text", "alembic_version")
POLICY_PREFIX = "maturity_"

ROOTS = "(SELECT maturity_granted_roots())"
VISIBLE_CODES = "(SELECT o.uid FROM organization o UNION ALL SELECT c.code FROM organization_code c)"


def _visible_table() -> list[str]:
    """Which organizations each login sees, kept as rows (login, organization) rather than walked down the tree
    at every statement: the policies ask it once per table of a statement, an index range of the login's rows
    (bench/shared_access.py: walking the tree each time made the comparison table 9× slower than the
    federation's role). Triggers keep it: a grant given or changed (that login's rows anew), organizations
    added (below a visible one: visible to the same logins), moved (the logins outside the moved subtree see it
    as they see its new parent);
    a deleted organization or grant takes its rows with it (foreign keys)."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {VISIBLE_TABLE} (
            login text NOT NULL REFERENCES {GRANTS_TABLE}(login) ON DELETE CASCADE ON UPDATE CASCADE,
            organization_id integer NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            PRIMARY KEY (login, organization_id))""",
        f"CREATE INDEX IF NOT EXISTS ix_{VISIBLE_TABLE}_organization ON {VISIBLE_TABLE} (organization_id)",
        f"REVOKE ALL ON {VISIBLE_TABLE} FROM PUBLIC",
    ]


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {schema}, pg_temp"
    return [
        f"""CREATE OR REPLACE FUNCTION maturity_granted_roots() RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT organization_id FROM {GRANTS_TABLE} WHERE login = session_user $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_visible_organizations() RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT organization_id FROM {VISIBLE_TABLE} WHERE login = session_user $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_stored_parent(org integer) RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT parent_id FROM organization WHERE id = org $$""",
        # the granted organization and everything under it at any depth, for one login (NULL: every login)
        f"""CREATE OR REPLACE FUNCTION maturity_refresh_visible(who text) RETURNS void
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
            BEGIN
                DELETE FROM {VISIBLE_TABLE} WHERE who IS NULL OR login = who;
                INSERT INTO {VISIBLE_TABLE} (login, organization_id)
                WITH RECURSIVE tree(login, id) AS (
                    SELECT g.login, g.organization_id FROM {GRANTS_TABLE} g WHERE who IS NULL OR g.login = who
                    UNION
                    SELECT tree.login, o.id FROM organization o JOIN tree ON o.parent_id = tree.id
                ) SELECT login, id FROM tree;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_grant_changed() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            BEGIN
                PERFORM maturity_refresh_visible(NEW.login);
                RETURN NULL;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION maturity_organizations_added() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            BEGIN
                INSERT INTO {VISIBLE_TABLE} (login, organization_id)
                WITH RECURSIVE down(login, id) AS (
                    SELECT v.login, n.id FROM added n JOIN {VISIBLE_TABLE} v ON v.organization_id = n.parent_id
                    UNION
                    SELECT down.login, n.id FROM added n JOIN down ON n.parent_id = down.id
                ) SELECT login, id FROM down
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$""",
        # A moved organization: the logins whose granted organization is outside its subtree see that subtree
        # exactly when they see its new parent; the others (granted it or something under it) see as before.
        # Each moved one in turn, on the tree as the statement left it (the order does not matter: a subtree
        # moved later is settled again as a whole); many at once (a merge of large records): all anew.
        f"""CREATE OR REPLACE FUNCTION maturity_organizations_changed() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE
                moved record;
                count integer;
                subtree integer[];
                outside text[];
            BEGIN
                SELECT count(*) INTO count FROM before_change b JOIN after_change a ON a.id = b.id
                    WHERE a.parent_id IS DISTINCT FROM b.parent_id;
                IF count = 0 THEN
                    RETURN NULL;
                END IF;
                IF count > {MOVED_ONE_BY_ONE} THEN
                    PERFORM maturity_refresh_visible(NULL);
                    RETURN NULL;
                END IF;
                FOR moved IN SELECT a.id, a.parent_id FROM before_change b JOIN after_change a ON a.id = b.id
                             WHERE a.parent_id IS DISTINCT FROM b.parent_id LOOP
                    subtree := ARRAY(
                        WITH RECURSIVE sub(id) AS (
                            SELECT moved.id
                            UNION
                            SELECT o.id FROM organization o JOIN sub ON o.parent_id = sub.id
                        ) SELECT id FROM sub);
                    outside := ARRAY(
                        SELECT g.login FROM {GRANTS_TABLE} g
                        WHERE NOT EXISTS (SELECT 1 FROM unnest(subtree) s(id) WHERE s.id = g.organization_id));
                    DELETE FROM {VISIBLE_TABLE} v USING unnest(subtree) s(id)
                        WHERE v.organization_id = s.id AND v.login = ANY (outside);
                    INSERT INTO {VISIBLE_TABLE} (login, organization_id)
                        SELECT v.login, s.id FROM {VISIBLE_TABLE} v CROSS JOIN unnest(subtree) s(id)
                        WHERE v.organization_id = moved.parent_id AND v.login = ANY (outside)
                    ON CONFLICT DO NOTHING;
                END LOOP;
                RETURN NULL;
            END $$""",
    ]


def _triggers() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS maturity_grant_changed ON {GRANTS_TABLE}",
        f"""CREATE TRIGGER maturity_grant_changed AFTER INSERT OR UPDATE ON {GRANTS_TABLE}
            FOR EACH ROW EXECUTE FUNCTION maturity_grant_changed()""",
        "DROP TRIGGER IF EXISTS maturity_organizations_added ON organization",
        """CREATE TRIGGER maturity_organizations_added AFTER INSERT ON organization
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION maturity_organizations_added()""",
        "DROP TRIGGER IF EXISTS maturity_organizations_changed ON organization",
        """CREATE TRIGGER maturity_organizations_changed AFTER UPDATE ON organization
            REFERENCING OLD TABLE AS before_change NEW TABLE AS after_change
            FOR EACH STATEMENT EXECUTE FUNCTION maturity_organizations_changed()""",
    ]


def _sees(column: str) -> str:
    """The login sees the organization ``column``: one index lookup in its rows of the visible table (the
    planner may also join them whole), not the set of every organization it sees built for each table."""
    return f"EXISTS (SELECT 1 FROM {VISIBLE_TABLE} v WHERE v.login = session_user AND v.organization_id = {column})"


def _policies() -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """table → (name, command, USING, WITH CHECK) for the territory's logins (readers: SELECT only)."""
    # Correlated (one index lookup per row, under the assessment's own policy), not «IN (all visible
    # assessments)»: a block of 500 rows then reads 500 rows, not the whole table (bench/shared_access.py).
    assessment_rows = "EXISTS (SELECT 1 FROM assessment a WHERE a.id = assessment_id)"
    own, parent = _sees("organization.id"), _sees("organization.parent_id")
    policies: dict[str, list[tuple[str, str, str | None, str | None]]] = {
        VISIBLE_TABLE: [("own", "SELECT", "login = session_user", None)],  # read by the policies below
        "organization": [
            # … or its parent: the same rows (everything under a visible organization is visible), and also a
            # row being added, before the trigger has made it visible — INSERT … RETURNING checks it so.
            ("read", "SELECT", f"{own} OR {parent}", None),
            ("add", "INSERT", None, parent),
            (
                "change",
                "UPDATE",
                own,
                f"(id NOT IN {ROOTS} AND {parent} AND parent_id <> id) OR "
                f"(id IN {ROOTS} AND parent_id IS NOT DISTINCT FROM maturity_stored_parent(id))",
            ),
            ("remove", "DELETE", f"{own} AND id NOT IN {ROOTS}", None),
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
        rows = _sees(f"{table}.organization_id")
        policies[table] = [("rows", "ALL", rows, rows)]
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
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {PUBLISHED_TABLE} (year integer NOT NULL, profile_id text NOT NULL, "
        "profile_version text NOT NULL, document jsonb NOT NULL, published_at timestamptz NOT NULL DEFAULT now(), "
        "published_by text NOT NULL DEFAULT session_user, PRIMARY KEY (year, profile_id, profile_version))"
    )
    connection.exec_driver_sql(f"REVOKE ALL ON {PUBLISHED_TABLE} FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT SELECT ON {PUBLISHED_TABLE} TO {TERRITORY_GROUP}, {READER_GROUP}")
    for statement in _visible_table() + _functions(schema) + _triggers():
        connection.exec_driver_sql(statement)
    for function in (
        "maturity_refresh_visible(text)",
        "maturity_grant_changed()",
        "maturity_organizations_added()",
        "maturity_organizations_changed()",
    ):
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    connection.exec_driver_sql("SELECT maturity_refresh_visible(NULL)")  # anew: after a migration, too
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
        writes = {"journal": "INSERT", VISIBLE_TABLE: None}.get(table, "INSERT, UPDATE, DELETE")
        if writes is not None:
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
