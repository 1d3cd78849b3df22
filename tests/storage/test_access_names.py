"""What ``maturity access`` refuses before it reaches a server: a login name PostgreSQL would need quoted (or a
reserved one), and a database that is not PostgreSQL; and the Russian names of a failed connection."""

from __future__ import annotations

import re

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.cli.parser import main
from maturity.storage.access import RESERVED_LOGINS, AccessError, check_login
from maturity.storage.database_errors import database_reason, is_database_error

PLAIN = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@settings(max_examples=examples(200))
@given(st.one_of(st.text(max_size=80), st.from_regex(PLAIN, fullmatch=True)))
def test_a_login_is_taken_exactly_when_postgresql_needs_no_quotes_for_it(login):
    plain = PLAIN.fullmatch(login) is not None and login not in RESERVED_LOGINS and not login.startswith("pg_")
    if plain:
        assert check_login(login) == login
    else:
        with pytest.raises(AccessError, match="не подходит"):
            check_login(login)


@pytest.mark.parametrize("login", ["postgres", "maturity_territory", "maturity_reader", "pg_monitor", "Админ"])
def test_a_service_role_or_a_quoted_name_is_never_a_login(login):
    with pytest.raises(AccessError):
        check_login(login)


def test_access_on_sqlite_is_refused_in_russian(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'own.db'}"
    for argv in (["access", "init"], ["access", "list"], ["access", "revoke", "someone"]):
        assert main(["--db", url, *argv]) == 2
        assert "только в общей базе PostgreSQL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("driver_says", "reason"),
    [
        ('connection failed: FATAL:  password authentication failed for user "lipetsk"', "неверное имя или пароль"),
        ('connection failed: FATAL:  role "nobody" does not exist', "неверное имя или пароль"),
        ('connection failed: FATAL:  database "maturty" does not exist', "нет такой базы данных"),
        ("connection failed: Connection refused\n\tIs the server running on that host", "сервер не отвечает"),
        ("connection timeout expired", "сервер не отвечает"),
        ("failed to resolve host 'db.example': [Errno -2] Name or service not known", "сервер не отвечает"),
    ],
)
def test_a_failed_connection_is_named_in_russian(driver_says, reason):
    error = psycopg.OperationalError(driver_says)
    assert is_database_error(error)
    said = database_reason(error)
    assert said.startswith(reason)
    assert not re.search(r"[A-Za-z]{3,}", said)
