"""What a database's own error means, in Russian: the drivers' English («database disk image is malformed»,
«file is not a database», «UNIQUE constraint failed…») never reaches the user.

SQLite says what went wrong by its result code (``sqlite3.Error.sqlite_errorcode``, the primary code in the
low byte), PostgreSQL by its SQLSTATE. :func:`is_damage` tells the errors of a damaged or foreign file —
after one of them the program writes nothing more into that database.
"""

from __future__ import annotations

import sqlite3

# SQLite's primary result codes (https://sqlite.org/rescode.html) that mean the file itself is bad.
_SQLITE_DAMAGE = {
    11: "файл базы данных повреждён (испорчены его страницы)",  # SQLITE_CORRUPT
    26: "это не файл базы данных SQLite (или он зашифрован, или испорчено его начало)",  # SQLITE_NOTADB
    10: "ошибка чтения или записи файла базы данных (файл обрезан, диск неисправен или отключён)",  # SQLITE_IOERR
    24: "файл базы данных повреждён (неверный формат вспомогательных данных)",  # SQLITE_FORMAT
}
_SQLITE_OTHER = {
    14: "файл базы данных не открывается (нет доступа к нему или к его папке)",  # SQLITE_CANTOPEN
    13: "на диске нет места для базы данных",  # SQLITE_FULL
    8: "база данных открыта только для чтения (нет прав на запись в файл или его папку)",  # SQLITE_READONLY
    3: "нет прав на доступ к файлу базы данных",  # SQLITE_PERM
    23: "нет прав на эту операцию с базой данных",  # SQLITE_AUTH
    19: "запись противоречит ограничениям базы данных (повтор или ссылка на несуществующую запись)",  # CONSTRAINT
    18: "значение слишком велико для базы данных",  # SQLITE_TOOBIG
    7: "базе данных не хватило памяти",  # SQLITE_NOMEM
    5: "база данных занята другой программой",  # SQLITE_BUSY
    6: "база данных занята другой программой",  # SQLITE_LOCKED
}
# PostgreSQL's SQLSTATE classes and codes.
_POSTGRES_DAMAGE = {"XX001": "данные базы повреждены", "XX002": "индекс базы повреждён"}
_POSTGRES_CLASSES = {
    "08": "нет соединения с сервером базы данных",
    "23": "запись противоречит ограничениям базы данных (повтор или ссылка на несуществующую запись)",
    "28": "сервер базы данных не принял имя пользователя или пароль",
    "42": "устройство базы данных не такое, какое ожидает программа",
    "53": "серверу базы данных не хватает ресурсов (места на диске, памяти или соединений)",
    "57": "сервер базы данных прервал работу (остановлен или перезапускается)",
    "58": "ошибка ввода-вывода на сервере базы данных",
    "XX": "внутренняя ошибка сервера базы данных",
}


# A shared database's refusals (SQLSTATE 42501): a row outside the login's subtree, or a privilege it lacks.
OUTSIDE_SUBTREE = (
    "нет прав на эту запись: организация вне круга организаций, доступного вашему имени входа в общую базу "
    "(своя организация и все подчинённые ей). Запишите её под именем входа её территории или федерации"
)
NO_PRIVILEGE = (
    "у вашего имени входа нет прав на это действие в общей базе (доступ только для чтения, журнал только "
    "дополняется, методику устанавливает федерация)"
)
# What psycopg says when it cannot connect at all (no SQLSTATE: the connection never began), in Russian.
_CONNECTION_FAILURES = (
    (("password authentication failed", "role \"", "no password supplied", "authentication failed"),
     "неверное имя или пароль: сервер базы данных не принял имя входа или пароль (проверьте их или спросите "
     "администратора общей базы)"),
    (("database \"",), "нет такой базы данных на сервере: проверьте её название (его сообщает администратор)"),
    (("connection refused", "timeout expired", "could not translate host name", "failed to resolve host",
      "no route to host", "network is unreachable", "server closed the connection", "is the server running",
      "connection timed out", "name or service not known"),
     "сервер не отвечает: проверьте адрес и порт сервера и подключение к сети (или сервер остановлен)"),
)  # fmt: skip


def _psycopg_connection_failure(error: BaseException) -> str | None:
    if not type(error).__module__.startswith("psycopg") or getattr(error, "sqlstate", None):
        return None
    text = str(error).lower()
    for marks, reason in _CONNECTION_FAILURES:
        if any(mark in text for mark in marks):
            return reason
    return "нет соединения с сервером базы данных"


def _driver_error(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()  # a driver without result codes: its usual sentences
    if "malformed" in text:
        return 11
    if "not a database" in text:
        return 26
    if "disk i/o error" in text:
        return 10
    return None


def is_database_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a database driver's error (wrapped by SQLAlchemy or not), or a stored value that
    cannot be read back (:func:`is_unreadable_value`)."""
    error = _driver_error(exc)
    return (
        isinstance(error, sqlite3.Error)
        or isinstance(getattr(error, "sqlstate", None), str)
        or _psycopg_connection_failure(error) is not None
        or is_unreadable_value(exc)
    )


UNREADABLE_VALUE = "в базе данных испорченное значение (его нельзя прочитать): файл, похоже, повреждён"
_READING_MODULES = ("sqlalchemy.", "sqlite3", "_sqlite3", "psycopg")


def is_unreadable_value(exc: BaseException) -> bool:
    """Whether ``exc`` is a stored value SQLAlchemy or the driver could not turn into Python while reading a
    row — a date of NUL bytes, a number that is text: what damage that SQLite does not notice leaves."""
    if not isinstance(exc, ValueError | TypeError | OverflowError | UnicodeDecodeError):
        return False
    frame = exc.__traceback__
    innermost = None
    while frame is not None:
        innermost = frame
        frame = frame.tb_next
    module = innermost.tb_frame.f_globals.get("__name__", "") if innermost is not None else ""
    return module.startswith(_READING_MODULES)


def is_damage(exc: BaseException) -> bool:
    """Whether the error says the database's file (or server's data) is damaged, or is not a database."""
    error = _driver_error(exc)
    if isinstance(error, sqlite3.Error):
        return _sqlite_code(error) in _SQLITE_DAMAGE
    return getattr(error, "sqlstate", None) in _POSTGRES_DAMAGE


def database_reason(exc: BaseException) -> str:
    """The Russian sentence for a database driver's error (a SQLAlchemy ``DBAPIError`` or the driver's own)."""
    if is_unreadable_value(exc):
        return UNREADABLE_VALUE + DAMAGE_ADVICE
    error = _driver_error(exc)
    if isinstance(error, sqlite3.Error):
        code = _sqlite_code(error)
        if code in _SQLITE_DAMAGE:
            return _SQLITE_DAMAGE[code] + DAMAGE_ADVICE
        if code in _SQLITE_OTHER:
            return _SQLITE_OTHER[code]
        return f"база данных SQLite ответила ошибкой с кодом {code if code is not None else 'без номера'}"
    state = getattr(error, "sqlstate", None)
    if isinstance(state, str):
        if state in _POSTGRES_DAMAGE:
            return _POSTGRES_DAMAGE[state] + DAMAGE_ADVICE
        if state == "42501":
            return OUTSIDE_SUBTREE if "row-level security" in str(error) else NO_PRIVILEGE
        if state[:2] in _POSTGRES_CLASSES:
            return f"{_POSTGRES_CLASSES[state[:2]]} (код {state})"
        return f"сервер базы данных ответил ошибкой с кодом {state}"
    failure = _psycopg_connection_failure(error)
    if failure is not None:
        return failure
    lines = str(error).strip().splitlines()
    if lines and any("а" <= char <= "я" for char in lines[0].lower()):  # already a Russian sentence
        return lines[0]
    return "база данных ответила ошибкой"


DAMAGE_ADVICE = (
    "; программа в неё ничего не записывает. Восстановите файл из резервной копии или выберите другой файл "
    "базы данных (в командной строке — параметр --db)"
)
