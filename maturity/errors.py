"""Errors that are the user's input, not the program's fault.

Every such error carries a sentence in Russian for a person. The CLI exits with code 2 on them,
the app shows the sentence; anything else is a bug (exit code 1).

A message that quotes what it refuses quotes it through :func:`shorten`: a value from a file may be
a megabyte long or hold characters a terminal cannot print.
"""

from __future__ import annotations

import re

MAX_QUOTED = 80
ELLIPSIS = "…"
# characters a one-line message must not carry as they are: control characters, lone surrogates
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


class BadInput(ValueError):
    """A file, a profile or an answer the program refuses, with the reason as ``str()``."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _as_text(value: object, limit: int) -> str:
    if isinstance(value, str):
        return value[: limit + 1]
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        digits = int(value.bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}число примерно из {digits} цифр"
    import reprlib

    shortener = reprlib.Repr()
    shortener.maxlevel, shortener.maxstring, shortener.maxother = 3, limit, limit
    shortener.maxlong = limit
    try:
        return shortener.repr(value)
    except (ValueError, RecursionError):  # an int inside a container beyond Python's digit limit
        return type(value).__name__


def shorten(value: object, limit: int = MAX_QUOTED) -> str:
    """``value`` as text fit to quote in a message: at most ``limit`` characters (then «…»),
    control characters and lone surrogates written as escapes (``\\x00``, ``\\ud800``)."""
    text = _as_text(value, limit)
    cut = len(text) > limit
    text = _UNPRINTABLE.sub(_escape, text[:limit])
    if len(text) > limit:
        text, cut = text[:limit], True
    return text + ELLIPSIS if cut else text


MAX_RUN = 160  # characters of one unbroken run (a path, a value) a printed message keeps: its start and its end
_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_UNPRINTABLE_IN_MESSAGE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")  # lines kept


def cap_long_runs(message: str, limit: int = MAX_RUN) -> str:
    """``message`` with every unbroken run of more than ``limit`` characters (a path or a value of 100 000
    characters) cut to its start «…» its end, control characters escaped: what a command prints is never
    longer than its own words and a few capped values."""
    half = limit // 2

    def cut(match: re.Match[str]) -> str:
        run = match[0]
        return run[:half] + ELLIPSIS + run[-half + 1 :]

    escaped = _UNPRINTABLE_IN_MESSAGE.sub(_escape, message)
    return _RUN.sub(cut, escaped) if len(escaped) > limit else escaped


# A file the user named that the system could not open: the reason in Russian, by errno.
_OS_REASONS = {
    2: "файл или папка не существует",  # ENOENT
    13: "нет права доступа",  # EACCES
    1: "нет права доступа",  # EPERM
    36: "слишком длинное имя файла",  # ENAMETOOLONG
    20: "часть пути — не папка",  # ENOTDIR
    21: "это папка, а не файл",  # EISDIR
    40: "символические ссылки ведут по кругу",  # ELOOP
    5: "ошибка ввода-вывода на диске",  # EIO
    28: "на диске нет места",  # ENOSPC
    30: "диск открыт только для чтения",  # EROFS
    24: "открыто слишком много файлов",  # EMFILE
    22: "недопустимое имя файла",  # EINVAL
}
BAD_PATH_ERRNOS = frozenset({2, 36, 20, 21, 40, 22})  # the user named a path that cannot be: bad input (exit 2)


def os_reason(error: OSError) -> str:
    """One Russian sentence for an ``OSError``: the file (shortened) and what the system said, by errno."""
    reason = _OS_REASONS.get(error.errno or 0, f"системная ошибка {error.errno}" if error.errno else "системная ошибка")
    name = error.filename if error.filename is not None else None
    return f"«{shorten(str(name), MAX_RUN)}»: {reason}" if name is not None else reason


def os_why(error: OSError) -> str:
    """Only the Russian reason of an ``OSError`` («слишком длинное имя файла»), without the file."""
    return _OS_REASONS.get(error.errno or 0, f"системная ошибка {error.errno}" if error.errno else "системная ошибка")
