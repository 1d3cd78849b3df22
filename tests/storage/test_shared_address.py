"""The address of a shared database as typed in «Подключиться к общей базе…»: any text of the fields either reads as
an address whose URL opens that very server, database and login — never a password — or is refused with a Russian
reason (AddressError), nothing else; a URL typed with its password gives it up apart."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.storage.shared_address import (
    AddressError,
    address_of,
    check_address,
    check_password,
    without_password,
)

RUSSIAN = re.compile("[а-яё]", re.IGNORECASE)
TEXT = st.text(max_size=80)
NAME = st.text(st.characters(codec="utf-8"), min_size=1, max_size=63)


@settings(max_examples=examples(200), deadline=None)  # the first case imports SQLAlchemy
@given(server=TEXT, port=st.one_of(st.integers(), TEXT), database=TEXT, login=TEXT)
def test_any_typed_fields_read_as_the_same_address_or_are_refused_in_russian(server, port, database, login):
    try:
        address = check_address(server, port, database, login)
    except AddressError as refused:
        assert RUSSIAN.search(str(refused))
        return
    assert address_of(address.url()) == address
    assert address.database == database.strip() and address.login == login.strip()
    assert 1 <= address.port <= 65535


@settings(max_examples=examples(100), deadline=None)  # the first case imports SQLAlchemy
@given(database=NAME, login=NAME, password=st.text(min_size=1, max_size=40))
def test_the_url_never_holds_the_password_and_a_typed_one_is_given_up_apart(database, login, password):
    try:
        address = check_address("db.example.org", 5432, database, login)
    except AddressError:
        return
    assert address.url() == without_password(address.url())[0]
    with_it = address.url().replace("@db.example.org", ":" + _quoted(password) + "@db.example.org", 1)
    url, given_up = without_password(with_it)
    assert given_up == password
    assert address_of(url) == address
    assert url == address.url()  # the very URL of the address: no password left in it


def _quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (("", 5432, "maturity", "lipetsk"), "укажите сервер"),
        (("db local", 5432, "maturity", "lipetsk"), "указан неверно"),
        (("user@db", 5432, "maturity", "lipetsk"), "указан неверно"),
        (("db", 0, "maturity", "lipetsk"), "вне пределов"),
        (("db", "пять", "maturity", "lipetsk"), "не число"),
        (("db", 5432, " ", "lipetsk"), "укажите название базы данных"),
        (("db", 5432, "maturity", ""), "укажите имя входа"),
        (("db", 5432, "m\x00", "lipetsk"), "управляющих символов"),
        (("db", 5432, "maturity", "x" * 64), "не больше 63"),
    ],
)
def test_each_wrong_field_is_named(fields, reason):
    with pytest.raises(AddressError, match=reason):
        check_address(*fields)


def test_a_password_with_a_nul_is_refused_without_quoting_it():
    with pytest.raises(AddressError) as refused:
        check_password("тайна\x00")
    assert "тайна" not in str(refused.value)


def test_a_sqlite_url_is_no_shared_address():
    assert address_of("sqlite:///C:/Users/chair/maturity.db") is None
    assert without_password("sqlite:///tmp/maturity.db") == ("sqlite:///tmp/maturity.db", None)
