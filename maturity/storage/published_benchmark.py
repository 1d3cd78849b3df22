"""The federation's published benchmark in a shared PostgreSQL database: the file of comparison
(``maturity-benchmark``, docs/formats.md) the federation's role computed over every organization, stored for
every login to read.

A territory's login sees only its subtree (row-level security), so spreads it computed itself would be of its
own organizations, under a disclosure decision made over part of the tree; its benchmarks come from here instead
(:mod:`maturity.usecases.benchmark`). The table ``maturity_benchmark`` is made by ``maturity access init``
(:func:`maturity.storage.access_policies.apply_policies`): every login reads it, only the federation's role (the
tables' owner) writes it. The document is kept as the file's JSON object; the exchange layer reads it as it
reads a received file.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.storage.access_policies import PUBLISHED_TABLE, READER_GROUP, TERRITORY_GROUP
from maturity.storage.queries import Db


class PublishError(BadInput):
    """Publishing refused, with the reason in Russian."""


def _bind(db: Db) -> Any:
    return db.get_bind() if hasattr(db, "get_bind") else db


def restricted_login(db: Db) -> bool:
    """Whether the database is a shared one and this connection's login is limited to a territory (a member of
    the territories' or the readers' group): its rows are only part of the federation's."""
    if _bind(db).dialect.name != "postgresql":
        return False
    member = db.execute(
        sa.text(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = session_user AND g.rolname IN (:t, :r))"
        ),
        {"t": TERRITORY_GROUP, "r": READER_GROUP},
    ).scalar()
    return bool(member)


def _table_exists(db: Db) -> bool:
    return bool(db.execute(sa.text(f"SELECT to_regclass('{PUBLISHED_TABLE}') IS NOT NULL")).scalar())


def published_document(db: Db, year: int, profile_id: str, profile_version: str) -> dict[str, Any] | None:
    """The published benchmark's JSON object for the year and the method's version (None: none published)."""
    if _bind(db).dialect.name != "postgresql" or not _table_exists(db):
        return None
    raw = db.execute(
        sa.text(f"SELECT document FROM {PUBLISHED_TABLE} WHERE year = :y AND profile_id = :p AND profile_version = :v"),
        {"y": year, "p": profile_id, "v": profile_version},
    ).scalar()
    if raw is None:
        return None
    return raw if isinstance(raw, dict) else json.loads(raw)


def refuse_unless_federation(connection: sa.Connection) -> None:
    """:class:`PublishError` unless this is a shared database set up for territories and the connection's role is
    not a territory's (the federation's: the tables' owner)."""
    if connection.dialect.name != "postgresql":
        raise PublishError(
            "файл сравнения публикуется только в общей базе PostgreSQL; для базы на своём компьютере запишите "
            "файл: maturity benchmark --year … -o файл.json"
        )
    if not _table_exists(connection):
        raise PublishError("в этой базе права по территориям ещё не заданы: сначала выполните «maturity access init»")
    if restricted_login(connection):
        raise PublishError(
            "файл сравнения публикует федерация (роль — владелец таблиц общей базы), а не имя входа территории: "
            "оно видит только свои организации"
        )


def publish_document(connection: sa.Connection, document: dict[str, Any]) -> None:
    """Store ``document`` (a benchmark file's object: year, profile) as the published one of its year and method,
    replacing an earlier one. Only the federation's role (the tables' owner) may; inside a writer's transaction."""
    refuse_unless_federation(connection)
    connection.execute(
        sa.text(
            f"INSERT INTO {PUBLISHED_TABLE} (year, profile_id, profile_version, document) "
            "VALUES (:y, :p, :v, CAST(:d AS jsonb)) ON CONFLICT (year, profile_id, profile_version) "
            "DO UPDATE SET document = EXCLUDED.document, published_at = now(), published_by = session_user"
        ),
        {
            "y": document["year"],
            "p": document["profile"]["id"],
            "v": document["profile"]["version"],
            "d": json.dumps(document, ensure_ascii=False),
        },
    )
