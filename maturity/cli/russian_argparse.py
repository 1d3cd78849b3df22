"""argparse in Russian: its own messages («usage:», «the following arguments are required» …) translated.

argparse looks every message up through its module-level ``_`` and ``ngettext`` (gettext) when it
needs it. :class:`RussianArgumentParser` puts :data:`TRANSLATIONS` in their place for the duration
of each of its own calls (building, parsing, help, errors) and back afterwards, so that other
parsers in the same process (pytest's, for one) are not touched. A message missing from the table
stays as argparse has it. ``type=int`` becomes :func:`integer`, whose name in a message is
«целое число». Bad arguments exit with code 2 and «<prog>: ошибка в параметрах: …».
"""

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from maturity.errors import cap_long_runs

EXIT_BAD_ARGUMENTS = 2

TRANSLATIONS = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "argument %(argument_name)s: %(message)s": "параметр %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "не указаны обязательные параметры: %s",
    "unrecognized arguments: %s": "неизвестные параметры: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение %(value)r (можно: %(choices)s)",
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r: нужно %(type)s",
    "expected one argument": "не указано значение",
    "expected at most one argument": "можно указать не больше одного значения",
    "expected at least one argument": "нужно указать хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "one of the arguments %s is required": "нужен один из параметров: %s",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "неизвестная команда %(parser_name)r (есть: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "не открывается «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка в параметрах: %(message)s\n",
    "subcommands": "команды",
}
PLURAL_TRANSLATIONS = {
    "expected %s argument": "нужно указать значений: %s",
    "conflicting option string: %s": "параметр указан дважды: %s",
}


def translate(message: str) -> str:
    return TRANSLATIONS.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURAL_TRANSLATIONS:
        return PLURAL_TRANSLATIONS[singular]
    return singular if n == 1 else plural


@contextmanager
def russian_messages() -> Iterator[None]:
    """argparse's messages in Russian while the block runs (nested blocks are fine)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def integer(text: str) -> int:
    return int(text)


integer.__name__ = "целое число"  # argparse names the type in «недопустимое значение 'x': нужно целое число»


def _in_russian(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with russian_messages():
            return method(*args, **kwargs)

    return wrapper


class WholeOptionsHelpFormatter(argparse.HelpFormatter):
    """Help text wrapped between words only: «--on-conflict» is never cut at its hyphens."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
            break_on_hyphens=False, break_long_words=False,
        )  # fmt: skip


class RussianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Russian; a bad argument exits with code 2."""

    @_in_russian
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", WholeOptionsHelpFormatter)
        super().__init__(*args, **kwargs)

    add_argument_group = _in_russian(argparse.ArgumentParser.add_argument_group)
    add_subparsers = _in_russian(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_russian(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_russian(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_russian(argparse.ArgumentParser.format_usage)
    format_help = _in_russian(argparse.ArgumentParser.format_help)

    @_in_russian
    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("type") is int:
            kwargs["type"] = integer
        return super().add_argument(*args, **kwargs)

    @_in_russian
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_ARGUMENTS, f"{self.prog}: ошибка в параметрах: {cap_long_runs(message)}\n")
