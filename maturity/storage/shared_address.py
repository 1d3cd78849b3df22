"""The address of a shared PostgreSQL database as a person types it — server, port, database, login — and the
URL the program opens it by.

The password is never part of the address: it goes to the driver apart (``open_database(url,
password=…)``), so the URL the program keeps, shows, remembers among the recent servers and names in its
messages never holds it (docs/shared-database.md, «Подключение из программы»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from maturity.errors import BadInput, shorten

DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"
MAX_NAME = 63  # PostgreSQL's identifiers: a database's and a role's name
MAX_SERVER = 253  # a DNS name
# A server: a DNS name (letters of any script, digits, «.», «-», «_») or an IPv4/IPv6 address ([::1] or ::1).
_SERVER = re.compile(r"\[?[\w.:-]+\]?")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class AddressError(BadInput):
    """A field of the address the program refuses, with the reason in Russian."""


@dataclass(frozen=True)
class SharedAddress:
    server: str
    port: int
    database: str
    login: str

    def url(self) -> str:
        """The SQLAlchemy URL, without a password."""
        from sqlalchemy.engine import URL

        url = URL.create(DRIVER, username=self.login, host=self.server, port=self.port, database=self.database)
        return url.render_as_string(hide_password=False)

    def label(self) -> str:
        """For a person: «база maturity на сервере db.local:5432, имя входа «lipetsk»»."""
        return f"база «{self.database}» на сервере {self.server}:{self.port}, имя входа «{self.login}»"

    def key(self) -> str:
        """What the operating system's keychain keeps the password under: login@server:port/database."""
        return f"{self.login}@{self.server}:{self.port}/{self.database}"


def check_address(server: str, port: int | str, database: str, login: str) -> SharedAddress:
    """The address of typed fields (spaces around them dropped), or :class:`AddressError` naming the field."""
    server, database, login = server.strip(), database.strip(), login.strip()
    if not server:
        raise AddressError("укажите сервер: его имя или адрес (например, db.federation.local или 10.0.0.5)")
    if len(server) > MAX_SERVER or not _SERVER.fullmatch(server) or server.count("[") != server.count("]"):
        raise AddressError(
            f"сервер «{shorten(server, 60)}» указан неверно: нужно имя сервера или его адрес, без пробелов, «/» и «@»"
        )
    try:
        number = int(str(port).strip())
    except ValueError:
        raise AddressError(f"порт «{shorten(port, 20)}» — не число: обычно это {DEFAULT_PORT}") from None
    if not 1 <= number <= 65535:
        raise AddressError(f"порт {shorten(number, 20)} вне пределов 1–65535: обычно это {DEFAULT_PORT}")
    for value, what in ((database, "базы данных"), (login, "имя входа")):
        if not value:
            raise AddressError(f"укажите {what if what == 'имя входа' else 'название ' + what}")
        if len(value) > MAX_NAME or _CONTROL.search(value):
            raise AddressError(
                f"{'название базы данных' if what != 'имя входа' else 'имя входа'} «{shorten(value, 60)}» не подходит: "
                f"не больше {MAX_NAME} знаков, без управляющих символов"
            )
    return SharedAddress(server.strip("[]"), number, database, login)


def check_password(password: str) -> str:
    """A password the driver can pass (no NUL character); the text itself is never quoted."""
    if "\x00" in password:
        raise AddressError("в пароле недопустимый знак (нулевой символ): введите пароль заново")
    return password


def address_of(url: str) -> SharedAddress | None:
    """The address of a PostgreSQL URL (None for SQLite or an address that does not read)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "postgresql" or not parsed.host or not parsed.database:
        return None
    return SharedAddress(parsed.host, parsed.port or DEFAULT_PORT, parsed.database, parsed.username or "")


def without_password(url: str) -> tuple[str, str | None]:
    """A URL typed with its password (``--db postgresql://login:secret@…``) split into the URL without it and
    the password; any other URL as it is."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return url, None
    if parsed.password is None:
        return url, None
    return parsed._replace(password=None).render_as_string(hide_password=False), str(parsed.password)
