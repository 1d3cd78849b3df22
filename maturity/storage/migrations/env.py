"""Alembic environment of the program's database (run programmatically by maturity.storage.database).

maturity.storage.database passes an open connection in ``config.attributes["connection"]``; the ``alembic``
command line (``alembic -c maturity/storage/migrations/alembic.ini -x url=... upgrade head``) works too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import maturity.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite barely supports ALTER TABLE
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    from maturity.storage.database import create_db_engine, resolve_database_url, writing

    engine = create_db_engine(resolve_database_url(url))
    try:
        with engine.connect() as connection, writing(connection):  # waits for other writers
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Миграции выполняются только на подключённой базе данных.")
run_migrations_online()
