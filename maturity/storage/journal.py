"""The journal: every write to the database, kept for good (insert-only).

:func:`write_entries` is the only statement this program runs on the ``journal`` table besides reading
it: no update, no delete (a test reads the whole source tree for one). Who: the operating-system user the
program runs as (:func:`os_user`), and on PostgreSQL the database role — ``CURRENT_USER``, evaluated by
the server in the INSERT itself, so the program cannot claim another role.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from maturity.storage.database import table_of
from maturity.storage.models import JournalEntry, utcnow

JOURNAL = table_of(JournalEntry)
ACTIONS = (
    "import", "replace", "save", "rescore", "accept", "return", "reopen", "merge", "profile", "mark", "targets",
)  # fmt: skip


def local_time(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite gives it back without its zone) in the computer's own time zone."""
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone()


def os_user() -> str:
    """The operating-system user, or "" where the system cannot say (a container without a user entry)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@dataclass(frozen=True)
class Entry:
    """One journal entry to write (``at``, the user and the role are added when written)."""

    action: str
    organization_uid: str | None = None
    organization_name: str | None = None
    year: int | None = None
    index_before: float | None = None
    index_after: float | None = None
    file_name: str | None = None
    file_sha256: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


def write_entries(into: Session | sa.Connection, entries: Sequence[Entry], os_user_name: str) -> None:
    """Append ``entries`` (no commit: inside the transaction of the write they record)."""
    if not entries:
        return
    bind = into.get_bind() if isinstance(into, Session) else into
    role: Any = sa.func.current_user() if bind.dialect.name == "postgresql" else sa.null()
    now = utcnow()
    rows = []
    for entry in entries:
        if entry.action not in ACTIONS:
            raise ValueError(f"unknown journal action {entry.action!r}")
        rows.append(
            {
                "at": now,
                "os_user": os_user_name[:300],
                "action": entry.action,
                "organization_uid": entry.organization_uid,
                "organization_name": None if entry.organization_name is None else entry.organization_name[:300],
                "year": entry.year,
                "index_before": entry.index_before,
                "index_after": entry.index_after,
                "file_name": None if entry.file_name is None else entry.file_name[-1000:],
                "file_sha256": entry.file_sha256,
                "detail": dict(entry.detail),
            }
        )
    into.execute(JOURNAL.insert().values(db_role=role), rows)


@dataclass(frozen=True)
class JournalRow:
    """A stored entry, as the CLI and the window show it."""

    id: int
    at: datetime
    os_user: str
    db_role: str | None
    action: str
    organization_uid: str | None
    organization_name: str | None
    year: int | None
    index_before: float | None
    index_after: float | None
    file_name: str | None
    file_sha256: str | None
    detail: dict[str, Any]


def journal_rows(
    session: Session | sa.Connection,
    organization_uids: Sequence[str] | None = None,
    year: int | None = None,
    *,
    with_yearless: bool = False,
) -> list[JournalRow]:
    """The entries, oldest first; only those of these organization codes and/or that year when given (and
    the entries of no year — a method installed, a merge — with ``with_yearless``)."""
    c = JOURNAL.c
    query = sa.select(*(c[name] for name in JournalRow.__dataclass_fields__))
    if organization_uids is not None:
        query = query.where(c.organization_uid.in_(list(organization_uids)))
    if year is not None:
        query = query.where(sa.or_(c.year == year, c.year.is_(None)) if with_yearless else c.year == year)
    return [JournalRow(*row) for row in session.execute(query.order_by(c.id))]
