"""The ``maturity`` command line (method §9). Errors go to stderr: exit 2 for bad input, 1 otherwise.

With no sub-command the console script opens the desktop app (see ``ui/launcher.py``); this
module itself never imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from maturity import __version__
from maturity.cli.broken_pipe import exit_quietly_on_broken_pipe
from maturity.cli.options import COMMAND_MODULES, add_db_option
from maturity.cli.russian_argparse import RussianArgumentParser
from maturity.errors import BAD_PATH_ERRNOS, BadInput, cap_long_runs, os_reason

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_CODES_HELP = (
    "Коды выхода: 0 — готово; 2 — входные данные или параметры отклонены, причина напечатана по-русски; "
    "1 — другая ошибка."
)


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="maturity",
        description="«Цифровая зрелость»: оценка информационной работы и цифровой зрелости профсоюзных "
        "организаций. Без команды открывает программу (нужен графический сеанс; без экрана работают команды).",
        epilog=EXIT_CODES_HELP
        + " Что при коде 2 уже записано, сказано в справке каждой команды (maturity КОМАНДА --help).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="показать версию программы и выйти"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="проверить, что программа установлена целиком и работает (во временной папке), и выйти",
    )
    add_db_option(parser, before_command=True)
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed sub-command, turning refused input into exit code 2 with its Russian reason."""
    try:
        return args.handler(args)
    except BrokenPipeError:  # the reader went away (maturity … | head): see exit_quietly_on_broken_pipe
        raise
    except BadInput as exc:
        print(f"maturity {args.command}: {cap_long_runs(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"maturity {args.command}: прервано", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # a path the system refused: its Russian reason, never «[Errno 36] File name too long»
        print(f"maturity {args.command}: {cap_long_runs(os_reason(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT if exc.errno in BAD_PATH_ERRNOS else EXIT_FAILURE
    except Exception as exc:  # a database's own error (a damaged file…): its Russian reason, never a traceback
        from maturity.storage.database_errors import database_reason, is_database_error

        if not is_database_error(exc):
            raise
        print(f"maturity {args.command}: {database_reason(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int | str | None:
    """The command line without the app (``python -m maturity``): with no sub-command, print the help."""
    return exit_quietly_on_broken_pipe(lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from maturity.usecases.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        build_parser().print_help()
        return EXIT_OK
    return run_command(args)
