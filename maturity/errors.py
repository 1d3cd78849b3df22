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
