"""A shared PostgreSQL database: a territory's login sees and changes only its organization and everything
under it, enforced by PostgreSQL's row-level security (maturity.storage.access) — checked through a raw
psycopg connection, as psql or a spreadsheet would connect, and through the program's own store.

Trees and grants are generated (a seeded random tree per case); the expected subtree is computed here from
the generated parents, independently of the database's recursive function.
"""

from __future__ import annotations

import random

import psycopg
import pytest
from shared_database import (  # noqa: F401 (shared: a fixture)
    FEDERATION,
    YEAR,
    Tree,
    build_tree,
    create_shared_database,
    grant,
    raw_connection,
    role_url,
)

pytestmark = pytest.mark.postgres

SEEDS = [1, 2, 3]


def pick_territory(tree: Tree, seed: int) -> str:
    """An organization with something under it when there is one (a territory), else any."""
    rng = random.Random(seed * 7)
    with_children = sorted({p for p in tree.parents.values() if p is not None})
    return rng.choice(with_children or sorted(tree.parents))


def outside(tree: Tree, root: str) -> list[str]:
    return sorted(set(tree.parents) - tree.subtree(root))


def login_name(seed: int) -> str:
    return f"territory_{seed}"


def counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = ("organization", "assessment", "assessment_score", "assessment_kpi", "organization_code", "contest_mark")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_login_reads_exactly_its_subtree_through_a_raw_connection(shared, request):
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    root = pick_territory(tree, seed)
    login = login_name(seed)
    grant(role_url(server, name, FEDERATION), login, root)
    mine = tree.subtree(root)
    with raw_connection(server, name, login) as conn:
        uids = {row[0] for row in conn.execute("SELECT uid FROM organization")}
        assessed = {row[0] for row in conn.execute(
            "SELECT o.uid FROM assessment a JOIN organization o ON o.id = a.organization_id")}  # fmt: skip
        scores = conn.execute("SELECT count(*) FROM assessment_score").fetchone()
        journal = {row[0] for row in conn.execute("SELECT organization_uid FROM journal")}
    assert uids == mine
    assert assessed == mine & tree.assessed
    assert scores == (len(mine & tree.assessed),)
    assert journal <= mine | {None}
    with raw_connection(server, name, FEDERATION) as conn:  # the federation's role sees everything
        assert counts(conn)["organization"] == len(tree.parents)
        assert counts(conn)["assessment"] == len(tree.assessed)


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_login_counts_its_subtree_through_the_program(shared, request):
    from maturity.storage.store import open_store

    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    root = pick_territory(tree, seed)
    login = login_name(seed)
    grant(role_url(server, name, FEDERATION), login, root)
    mine = tree.subtree(root)
    with open_store(role_url(server, name, login)) as store:
        assert {o.uid for o in store.list_organizations()} == mine
        assert store.count_organizations() == len(mine)
        assessed = {o.uid for o in store.list_organizations() if store.get_assessment(o, YEAR) is not None}
    assert assessed == mine & tree.assessed


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_raw_writes_into_another_territory_are_refused(shared, request):
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    root = pick_territory(tree, seed)
    login = login_name(seed)
    grant(role_url(server, name, FEDERATION), login, root)
    others = outside(tree, root)
    assert others, "the generated tree has organizations outside the territory"
    with raw_connection(server, name, FEDERATION) as conn:
        before = counts(conn)
        names_before = dict(conn.execute("SELECT uid, name FROM organization").fetchall())
    other_id = tree.ids[others[0]]
    with raw_connection(server, name, login) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a new organization under another's
            conn.execute(
                "INSERT INTO organization (uid, name, parent_id, placeholder, created_at, updated_at) "
                "VALUES ('intruder', 'Чужая', %s, false, now(), now())",
                (other_id,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a top-level organization
            conn.execute(
                "INSERT INTO organization (uid, name, placeholder, created_at, updated_at) "
                "VALUES ('intruder2', 'Чужая', false, now(), now())"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO assessment (organization_id, year, profile_id, profile_version, status, answers, "
                "created_at, updated_at) VALUES (%s, 2030, 'fnpr-base', '2025.1', 'draft', '{}', now(), now())",
                (other_id,),
            )
        # UPDATE and DELETE of rows it cannot see change nothing
        assert conn.execute("UPDATE organization SET name = 'Захвачено' WHERE id = %s", (other_id,)).rowcount == 0
        assert conn.execute("UPDATE organization SET name = 'Захвачено'").rowcount == len(tree.subtree(root))
        assert conn.execute("DELETE FROM assessment WHERE organization_id <> ALL(%s)",
                            ([tree.ids[u] for u in tree.subtree(root)],)).rowcount == 0  # fmt: skip
        assert conn.execute("DELETE FROM organization WHERE id = %s", (other_id,)).rowcount == 0
        assert conn.execute("DELETE FROM organization WHERE id = %s", (tree.ids[root],)).rowcount == 0  # its root
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # moving one of its own out of its subtree
            mine_below = sorted(tree.subtree(root) - {root})
            if not mine_below:
                raise psycopg.errors.InsufficientPrivilege("no organization below the root to move")
            conn.execute("UPDATE organization SET parent_id = %s WHERE uid = %s", (other_id, mine_below[0]))
        elsewhere = [uid for uid in others if uid != tree.parents[root]]
        if elsewhere:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # moving its root under another
                conn.execute(
                    "UPDATE organization SET parent_id = %s WHERE id = %s", (tree.ids[elsewhere[0]], tree.ids[root])
                )
    with raw_connection(server, name, FEDERATION) as conn:
        assert counts(conn) == before
        names_after = dict(conn.execute("SELECT uid, name FROM organization").fetchall())
    assert {uid: names_after[uid] for uid in others} == {uid: names_before[uid] for uid in others}


MARK_INSERT = (
    "INSERT INTO contest_mark (year, organization_id, nomination, member, points, remark, marked_at, marked_by) "
    "VALUES (%s, %s, 'overall', %s, 5, '', now(), '')"
)


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_reads_and_writes_the_contest_marks_of_its_subtree_only(shared, request):
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    root = pick_territory(tree, seed)
    login = f"commission_{seed}"
    grant(role_url(server, name, FEDERATION), login, root)
    with raw_connection(server, name, FEDERATION) as conn:  # a mark for every organization
        for uid, org_id in tree.ids.items():
            conn.execute(MARK_INSERT, (YEAR, org_id, f"Член комиссии {uid}"))
    mine, others = tree.subtree(root), outside(tree, root)
    with raw_connection(server, name, login) as conn:
        seen = {row[0] for row in conn.execute(
            "SELECT o.uid FROM contest_mark m JOIN organization o ON o.id = m.organization_id")}  # fmt: skip
        assert seen == mine
        assert conn.execute("SELECT count(*) FROM contest_mark").fetchone()[0] == len(mine)  # type: ignore[index]
        conn.execute(MARK_INSERT, (YEAR, tree.ids[root], "Свой член комиссии"))  # its own: kept
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(MARK_INSERT, (YEAR, tree.ids[others[0]], "Чужой"))
        conn.execute("DELETE FROM contest_mark")  # deletes only what it sees
    with raw_connection(server, name, FEDERATION) as conn:
        left = {row[0] for row in conn.execute(
            "SELECT o.uid FROM contest_mark m JOIN organization o ON o.id = m.organization_id")}  # fmt: skip
    assert left == set(others)


def test_the_journal_is_insert_only_for_a_territory(shared):
    server, name, tree = shared
    root = pick_territory(tree, 1)
    grant(role_url(server, name, FEDERATION), "journal_writer", root)
    with raw_connection(server, name, FEDERATION) as conn:
        entries = [row[0] for row in conn.execute("SELECT organization_uid FROM journal")]
    with raw_connection(server, name, "journal_writer") as conn:
        rows = conn.execute("SELECT count(*) FROM journal").fetchone()[0]  # type: ignore[index]
        assert rows == len([uid for uid in entries if uid is None or uid in tree.subtree(root)])
        for statement in ("UPDATE journal SET action = 'save'", "DELETE FROM journal", "TRUNCATE journal"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # another role's name in its entry
            conn.execute(
                "INSERT INTO journal (at, os_user, db_role, action, detail) VALUES (now(), '', %s, 'save', '{}')",
                (FEDERATION,),
            )
        conn.execute(  # as itself, about nothing outside: kept
            "INSERT INTO journal (at, os_user, db_role, action, detail) VALUES (now(), '', current_user, 'save', '{}')"
        )
        assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == rows + 1  # type: ignore[index]


def test_a_read_only_login_writes_nothing(shared):
    server, name, tree = shared
    root = pick_territory(tree, 1)
    grant(role_url(server, name, FEDERATION), "reader_only", root, read_only=True)
    with raw_connection(server, name, "reader_only") as conn:
        assert {row[0] for row in conn.execute("SELECT uid FROM organization")} == tree.subtree(root)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE organization SET name = 'x' WHERE id = %s", (tree.ids[root],))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM assessment_score")


def test_profiles_are_read_by_all_and_installed_only_by_the_federation(shared):
    server, name, tree = shared
    grant(role_url(server, name, FEDERATION), "profile_reader", pick_territory(tree, 1))
    with raw_connection(server, name, "profile_reader") as conn:
        assert conn.execute("SELECT count(*) FROM profile_text").fetchone()[0] > 0  # type: ignore[index]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO profile_text (id, version, sha256, text, source, installed_at) "
                         "VALUES ('x', '1', 'y', 'z', 'установлена', now())")  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM profile_text")


def test_revoke_takes_effect_in_an_open_session_and_drops_the_login(shared):
    from maturity.storage.access import list_grants, revoke_access
    from maturity.storage.database import open_database

    server, name, tree = shared
    root = pick_territory(tree, 1)
    url = role_url(server, name, FEDERATION)
    grant(url, "revoked_one", root)
    engine = open_database(url)
    try:
        assert [g.login for g in list_grants(engine)] == ["revoked_one"]
        with raw_connection(server, name, "revoked_one") as conn:
            assert conn.execute("SELECT count(*) FROM organization").fetchone()[0] == len(tree.subtree(root))  # type: ignore[index]
            revoke_access(engine, "revoked_one")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # its open session reads nothing more
                conn.execute("SELECT count(*) FROM organization")
        assert list_grants(engine) == []
    finally:
        engine.dispose()
    with pytest.raises(psycopg.OperationalError):
        raw_connection(server, name, "revoked_one")


def test_init_runs_again_and_keeps_the_grants(shared):
    from maturity.storage.access import init_access, list_grants
    from maturity.storage.database import open_database

    server, name, tree = shared
    root = pick_territory(tree, 1)
    url = role_url(server, name, FEDERATION)
    grant(url, "kept_login", root)
    engine = open_database(url)
    try:
        init_access(engine)
        init_access(engine)
        assert [(g.login, g.organization_uid) for g in list_grants(engine)] == [("kept_login", root)]
    finally:
        engine.dispose()
    with raw_connection(server, name, "kept_login") as conn:
        assert conn.execute("SELECT count(*) FROM organization").fetchone()[0] == len(tree.subtree(root))  # type: ignore[index]


def test_a_later_migration_keeps_the_policies(shared):
    """A migration run after ``access init`` (here: 0007 again, after a downgrade dropped assessment_review)
    ends with the policies set again: the new table is covered at once."""
    import sqlalchemy as sa
    from alembic import command

    from maturity.storage.database import alembic_config, open_database, writing
    from maturity.storage.store import open_store

    server, name, tree = shared
    root = pick_territory(tree, 1)
    url = role_url(server, name, FEDERATION)
    grant(url, "after_upgrade", root)
    engine = open_database(url)
    try:
        with engine.connect() as connection, writing(connection):
            command.downgrade(alembic_config(connection), "0006_organization_codes")
    finally:
        engine.dispose()
    with open_store(url) as store:  # the federation opens it with this version: 0007 again
        for uid in sorted(tree.assessed):
            store.session.execute(
                sa.text(
                    "INSERT INTO assessment_review (assessment_id, state, comment, questions, decided_by, "
                    "sent_comment, sent_questions, sent_by) SELECT id, 'accepted', '', '{}', '', '', '{}', '' "
                    "FROM assessment WHERE organization_id = :org"
                ),
                {"org": tree.ids[uid]},
            )
        store.session.commit()
    with raw_connection(server, name, FEDERATION) as conn:
        policies = {
            row[0] for row in conn.execute("SELECT tablename FROM pg_policies WHERE tablename = 'assessment_review'")
        }
    assert policies == {"assessment_review"}
    with raw_connection(server, name, "after_upgrade") as conn:
        reviews = conn.execute("SELECT count(*) FROM assessment_review").fetchone()
    assert reviews == (len(tree.assessed & tree.subtree(root)),)
