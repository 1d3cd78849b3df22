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


def granted(shared, login: str, seed: int = 1, *, read_only: bool = False) -> str:
    """Grant ``login`` the territory :func:`pick_territory` picks in the shared database's tree (``access init``
    first); the uid of its root."""
    server, name, tree = shared
    root = pick_territory(tree, seed)
    grant(role_url(server, name, FEDERATION), login, root, read_only=read_only)
    return root


def counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = (
        "organization", "assessment", "assessment_score", "assessment_kpi", "organization_code",
        "assessment_note", "assessment_attachment", "assessment_agenda", "assessment_evidence", "own_target",
        "contest_mark",
    )  # fmt: skip
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_login_reads_exactly_its_subtree_through_a_raw_connection(shared, request):
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    login = login_name(seed)
    root = granted(shared, login, seed)
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


@pytest.mark.parametrize("shared", SEEDS[:2], indirect=True)
def test_comments_files_and_agendas_are_seen_and_written_only_in_the_territory(shared, request):
    """The tables of issue 27 (assessment_note, assessment_attachment, assessment_agenda) under the same rule."""
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    login = login_name(seed)
    root = granted(shared, login, seed)
    mine = tree.subtree(root) & tree.assessed
    tables = ("assessment_note", "assessment_attachment", "assessment_agenda", "assessment_evidence")
    with raw_connection(server, name, login) as conn:
        seen = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]
        theirs = [tree.ids[u] for u in sorted(tree.assessed - tree.subtree(root))]
        if theirs:
            other = conn.execute("SELECT count(*) FROM assessment WHERE organization_id = %s", (theirs[0],)).fetchone()
            assert other == (0,)
    assert seen == dict.fromkeys(tables, len(mine))
    if theirs:
        with raw_connection(server, name, FEDERATION) as conn:
            other_assessment = conn.execute(
                "SELECT id FROM assessment WHERE organization_id = %s", (theirs[0],)
            ).fetchone()[0]  # type: ignore[index]
        with raw_connection(server, name, login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO assessment_note (assessment_id, question_id, comment, evidence) "
                "VALUES (%s, 'k2.x', 'чужой', NULL)",
                (other_assessment,),
            )


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_login_counts_its_subtree_through_the_program(shared, request):
    from maturity.storage.store import open_store

    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    login = login_name(seed)
    root = granted(shared, login, seed)
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
    login = login_name(seed)
    root = granted(shared, login, seed)
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
    root = granted(shared, "journal_writer")
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
    root = granted(shared, "reader_only", read_only=True)
    with raw_connection(server, name, "reader_only") as conn:
        assert {row[0] for row in conn.execute("SELECT uid FROM organization")} == tree.subtree(root)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE organization SET name = 'x' WHERE id = %s", (tree.ids[root],))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM assessment_score")


def test_profiles_are_read_by_all_and_installed_only_by_the_federation(shared):
    server, name, tree = shared
    granted(shared, "profile_reader")
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
    root = granted(shared, "revoked_one")
    url = role_url(server, name, FEDERATION)
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
    root = granted(shared, "kept_login")
    url = role_url(server, name, FEDERATION)
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
    root = granted(shared, "after_upgrade")
    url = role_url(server, name, FEDERATION)
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


@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_a_territory_reads_and_writes_only_its_subtrees_own_targets(shared, request):
    """own_target (issue 29) is under the same row-level security as every table of an organization's rows."""
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    login = f"targets_{seed}"
    root = granted(shared, login, seed)
    with raw_connection(server, name, FEDERATION) as conn:
        for org_id in tree.ids.values():
            conn.execute(
                "INSERT INTO own_target (organization_id, year, decision_body, decision_number, target_values, "
                "updated_at) VALUES (%s, 2026, 'Президиум', '1', '{\"meetings_target\": 6}', now())",
                (org_id,),
            )
        conn.commit()
    mine = tree.subtree(root)
    other = tree.ids[outside(tree, root)[0]]
    with raw_connection(server, name, login) as conn:
        seen = {row[0] for row in conn.execute(
            "SELECT o.uid FROM own_target t JOIN organization o ON o.id = t.organization_id")}  # fmt: skip
        assert seen == mine
        assert conn.execute("UPDATE own_target SET decision_number = '99' WHERE organization_id = %s",
                            (other,)).rowcount == 0  # fmt: skip
        assert conn.execute("DELETE FROM own_target WHERE organization_id = %s", (other,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO own_target (organization_id, year, decision_body, decision_number, target_values, "
                "updated_at) VALUES (%s, 2027, '', '', '{}', now())",
                (other,),
            )
    with raw_connection(server, name, FEDERATION) as conn:
        assert conn.execute("SELECT count(*) FROM own_target WHERE decision_number = '1'").fetchone() == (
            len(tree.ids),
        )


def tree_now(conn: psycopg.Connection) -> Tree:
    """The organizations as they are now (read by the federation's role): uid → parent uid, uid → id."""
    rows = conn.execute(
        "SELECT o.uid, p.uid, o.id FROM organization o LEFT JOIN organization p ON p.id = o.parent_id"
    ).fetchall()
    return Tree(parents={uid: parent for uid, parent, _id in rows}, ids={uid: id_ for uid, _p, id_ in rows})


@pytest.mark.slow
@pytest.mark.parametrize("shared", SEEDS, indirect=True)
def test_what_a_login_sees_follows_the_tree_as_the_federation_changes_it(shared, request):
    """The logins' visible organizations are kept as rows (maturity_visible) by triggers: after each generated
    change — organizations added one by one and several in one statement (children before their parents), one or
    two organizations moved into or out of the territory, one deleted, the grant moved — the login reads exactly
    the subtree of its grant in the tree as it is then."""
    from maturity.storage.access import grant_access
    from maturity.storage.database import open_database

    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    rng = random.Random(seed * 31)
    root = granted(shared, "follower", seed)
    checked = 0

    def check(conn: psycopg.Connection, grant_root: str) -> None:
        nonlocal checked
        now = tree_now(conn)
        with raw_connection(server, name, "follower") as mine:
            seen = {row[0] for row in mine.execute("SELECT uid FROM organization")}
        assert seen == now.subtree(grant_root)
        checked += 1

    with raw_connection(server, name, FEDERATION) as conn:
        for step in range(12):
            now = tree_now(conn)
            inside = sorted(now.subtree(root))
            kind = step % 4
            if kind == 0:  # one added under an organization of the territory or elsewhere
                parent = rng.choice(inside if rng.random() < 0.6 else sorted(now.parents))
                conn.execute(
                    "INSERT INTO organization (uid, name, parent_id, placeholder, created_at, updated_at) "
                    "VALUES (%s, 'Новая', %s, false, now(), now())",
                    (f"added-{seed}-{step}", now.ids[parent]),
                )
            elif kind == 1:  # a parent and its child in one statement, the child's row first
                parent = rng.choice(inside)
                top, child = f"pair-{seed}-{step}", f"pair-child-{seed}-{step}"
                ids = [r[0] for r in conn.execute(
                    "SELECT nextval(pg_get_serial_sequence('organization', 'id')) FROM generate_series(1, 2)")]  # fmt: skip
                conn.execute(
                    "INSERT INTO organization (id, uid, name, parent_id, placeholder, created_at, updated_at) "
                    "VALUES (%s, %s, 'Дочерняя', %s, false, now(), now()), "
                    "(%s, %s, 'Вышестоящая', %s, false, now(), now())",
                    (ids[1], child, ids[0], ids[0], top, now.ids[parent]),
                )
            elif kind == 2:  # one or two moved by one statement: into the territory or out (never under itself)
                movable = sorted(set(now.parents) - {root})
                moved = rng.sample(movable, 1 if step % 8 == 2 else 2)
                targets = sorted(set(now.parents) - set().union(*(now.subtree(uid) for uid in moved)))
                conn.execute(
                    "UPDATE organization SET parent_id = %s WHERE uid = ANY(%s)", (now.ids[rng.choice(targets)], moved)
                )
            else:  # one without assessments or organizations under it deleted
                leaves = sorted(
                    uid
                    for uid in set(now.parents) - set(now.parents.values()) - tree.assessed - {root}
                    if uid in now.ids
                )
                if leaves:
                    conn.execute("DELETE FROM organization WHERE uid = %s", (rng.choice(leaves),))
            check(conn, root)
        new_root = rng.choice(sorted(set(tree_now(conn).parents) - {root}))
        engine = open_database(role_url(server, name, FEDERATION))
        try:
            grant_access(engine, "follower", tree_now(conn).ids[new_root], read_only=False, password=None)
        finally:
            engine.dispose()
        check(conn, new_root)
    assert checked == 13


def test_an_organization_a_login_adds_in_its_territory_is_its_own_at_once(shared):
    """Added through the program under its own organization, then assessed in the same session: the new row
    is visible to the login from its next statement (the trigger that keeps the visible rows)."""
    from maturity.method.profile import load_profile
    from maturity.storage.store import open_store

    server, name, tree = shared
    root = granted(shared, "adder")
    answers = {}
    with open_store(role_url(server, name, "adder")) as store:
        parent = store.organization_by_uid(root)
        added = store.create_organization("Новая первичная", "primary", parent=store.stored_id(parent), uid="new-one")
        store.save_assessment(added, YEAR, load_profile("fnpr-base"), answers)
        assert "new-one" in {o.uid for o in store.list_organizations()}
        assert store.get_assessment(store.organization_by_uid("new-one"), YEAR) is not None
    with raw_connection(server, name, "adder") as conn:
        assert {row[0] for row in conn.execute("SELECT uid FROM organization")} == tree.subtree(root) | {"new-one"}


def test_many_organizations_moved_at_once_renew_every_logins_rows(shared, monkeypatch):
    """More organizations moved by one statement than are settled one by one (here: more than 1) renew the
    visible rows of every login at once; the login reads exactly its subtree afterwards."""
    from maturity.storage import access_policies
    from maturity.storage.access import init_access
    from maturity.storage.database import open_database

    server, name, tree = shared
    root = granted(shared, "mass_mover")
    monkeypatch.setattr(access_policies, "MOVED_ONE_BY_ONE", 1)
    engine = open_database(role_url(server, name, FEDERATION))
    try:
        init_access(engine)
    finally:
        engine.dispose()
    outside_root = sorted(set(tree.parents) - tree.subtree(root))
    inside = sorted(tree.subtree(root) - {root})
    moved = ([inside[0]] if inside else []) + outside_root[:2]
    with raw_connection(server, name, FEDERATION) as conn:
        target = sorted(set(tree.parents) - set().union(*(tree.subtree(uid) for uid in moved)))[0]
        assert conn.execute(
            "UPDATE organization SET parent_id = %s WHERE uid = ANY(%s)", (tree.ids[target], moved)
        ).rowcount == len(moved)
        now = tree_now(conn)
    with raw_connection(server, name, "mass_mover") as conn:
        assert {row[0] for row in conn.execute("SELECT uid FROM organization")} == now.subtree(root)
