"""A shared PostgreSQL database for the access tests: a federation role owning the tables, a generated tree of
organizations with assessments, and logins granted to parts of it.

The federation role is not a superuser (a superuser passes every policy): it owns the database, creates the
tables by opening it and may create roles (CREATEROLE), as docs/shared-database.md tells an administrator to set
it up. One such role serves the whole test session (the group roles are the server's, shared by its databases).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

import psycopg
from postgres_server import PostgresServer

FEDERATION = "federation_admin"
YEAR = 2025


def ensure_federation_role(server: PostgresServer) -> None:
    with server.admin_connection() as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (FEDERATION,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {FEDERATION} LOGIN CREATEROLE")


def role_url(server: PostgresServer, dbname: str, role: str, password: str | None = None) -> str:
    secret = f":{password}" if password is not None else ""
    return f"postgresql+psycopg://{role}{secret}@127.0.0.1:{server.port}/{dbname}"


def raw_connection(server: PostgresServer, dbname: str, role: str) -> psycopg.Connection:
    """A plain psycopg connection as ``role``, as psql or a spreadsheet would make one (autocommit)."""
    return psycopg.connect(host="127.0.0.1", port=server.port, user=role, dbname=dbname, autocommit=True)


@dataclass
class Tree:
    """Generated organizations: uid → parent uid (None: top), the uids with an assessment, the db ids."""

    parents: dict[str, str | None] = field(default_factory=dict)
    assessed: set[str] = field(default_factory=set)
    ids: dict[str, int] = field(default_factory=dict)

    def subtree(self, root: str) -> set[str]:
        found = {root}
        grew = True
        while grew:
            more = {uid for uid, parent in self.parents.items() if parent in found} - found
            found |= more
            grew = bool(more)
        return found


def create_shared_database(server: PostgresServer) -> str:
    ensure_federation_role(server)
    name = f"shared_{uuid.uuid4().hex[:12]}"
    with server.admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}" OWNER {FEDERATION}')
    return name


def build_tree(url: str, seed: int, answers: dict, profile, size: int = 24) -> Tree:
    """``size`` organizations in 2–3 top-level trees of random depth; about half of them assessed."""
    from maturity.storage.store import open_store

    rng = random.Random(seed)
    tree = Tree()
    with open_store(url) as store:
        for number in range(size):
            uid = f"org-{seed}-{number}"
            parent = None if number < 2 + seed % 2 else rng.choice(list(tree.parents))
            org = store.create_organization(
                f"Организация {number}", "primary", parent=None if parent is None else tree.ids[parent], uid=uid
            )
            tree.parents[uid] = parent
            tree.ids[uid] = store.stored_id(org)
            if rng.random() < 0.5:
                saved = store.save_assessment(org, YEAR, profile, answers)
                tree.assessed.add(uid)
                keep_notes(store, store.stored_id_of(saved))
    return tree


def keep_notes(store, assessment_id: int) -> None:
    """A comment, an evidence mark, an attached file and a merge's agenda: a row in each table of issue 27."""
    from maturity.engine.answer_notes import AnswerNotes
    from maturity.engine.attachments import Attachment
    from maturity.storage.answer_notes import add_attachment, write_merges, write_notes

    with store.atomic():
        write_notes(store.session, {assessment_id: AnswerNotes({"k1.structure": "комментарий"}, {"k1.structure": ""})})
        add_attachment(store.session, assessment_id, Attachment("k1.structure", "протокол.pdf", b"%PDF"))
        write_merges(store.session, {assessment_id: {"respondents": 2, "agenda": [], "spread": {}}})


def grant(url: str, login: str, org: str, *, read_only: bool = False, password: str | None = None) -> None:
    from maturity.storage.access import grant_access, init_access
    from maturity.storage.database import open_database

    engine = open_database(url)
    try:
        init_access(engine)
        with engine.connect() as connection:
            org_id = connection.exec_driver_sql("SELECT id FROM organization WHERE uid = %s", (org,)).scalar()
        grant_access(engine, login, org_id, read_only=read_only, password=password)
    finally:
        engine.dispose()


def must_give_password(server: PostgresServer, login: str) -> None:
    """From now on the server checks ``login``'s password (tests/postgres_server.py: PASSWORD_GROUP)."""
    from postgres_server import PASSWORD_GROUP

    with server.admin_connection() as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_GROUP,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
        conn.execute(f'GRANT {PASSWORD_GROUP} TO "{login}"')
