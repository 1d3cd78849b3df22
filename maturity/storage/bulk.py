"""Many rows into one table with one ``executemany`` handed straight to the database driver.

SQLAlchemy Core's executemany works through every parameter set in Python (its parameters built,
each value through the column type's processor): with the ten KPI rows of each imported file that
was most of the time the import spent writing. Here the plain ``INSERT`` is rendered once per table
and columns, a column's bind processor (the JSON serialiser of a JSON column, SQLite's text form of a
timestamp) is applied only where the column has one, and the rows go to the driver as tuples (on
PostgreSQL through ``COPY``, or row by row where row-level security applies). Errors still come as SQLAlchemy's ``DBAPIError``,
inside the session's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}  # SQLite; psycopg


@cache
def _statement(dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """(the INSERT for these columns in the dialect's placeholders, each column's bind processor or None)."""
    quote = dialect.identifier_preparer.quote
    mark = PLACEHOLDERS[dialect.paramstyle]
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(mark for _ in columns)})"
    )
    processors = tuple(table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns)
    return sql, processors


def insert_rows(
    into: Session | sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``, in the transaction of ``into``."""
    if not rows:
        return
    connection = into.connection() if isinstance(into, Session) else into
    sql, processors = _statement(connection.dialect, table, tuple(columns))
    if any(processors):  # column by column; a value the same for every row (a timestamp) processed once
        columns_of_rows = list(zip(*rows, strict=True))
        for i, process in enumerate(processors):
            if process is None:
                continue
            values = columns_of_rows[i]
            first = values[0]
            if all(v is first for v in values):
                columns_of_rows[i] = (process(first),) * len(values)
            else:
                columns_of_rows[i] = tuple(map(process, values))
        rows = list(zip(*columns_of_rows, strict=True))
    if connection.dialect.name == "postgresql" and not _under_row_security(connection, table):
        _copy(connection, table, columns, rows)
    else:
        connection.exec_driver_sql(sql, list(rows))


def _under_row_security(connection: sa.Connection, table: sa.Table) -> bool:
    """Whether the current role is subject to the table's row-level security (a territory's login on a shared
    database, :mod:`maturity.storage.access`): PostgreSQL refuses ``COPY FROM`` then, so its rows go as INSERTs,
    each checked by the policies."""
    query = sa.text("SELECT row_security_active(CAST(:table AS regclass))")
    return bool(connection.execute(query, {"table": table.name}).scalar())


def _copy(connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL: the rows through ``COPY … FROM STDIN`` (psycopg writes each row in C), in the same
    transaction; a refusal comes as SQLAlchemy's ``DBAPIError``, as from any statement."""
    preparer = connection.dialect.identifier_preparer
    sql = f"COPY {preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)}) FROM STDIN"
    driver = connection.connection.driver_connection
    if driver is None:
        raise AssertionError("a connection inside a transaction has its driver's connection")
    error = connection.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, error, dialect=connection.dialect) from exc
