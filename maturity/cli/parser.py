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
from maturity.cli.options import COMMAND_MODULES
from maturity.errors import BadInput

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class RussianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit code 2 with a clear message, as for bad input
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: ошибка в параметрах: {message}\n")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="база данных (SQLAlchemy URL, например postgresql+psycopg://user@host/db); "
        "по умолчанию MATURITY_DB или файл SQLite в папке данных пользователя",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="maturity",
        description="«Цифровая зрелость»: оценка информационной работы и цифровой зрелости профсоюзных "
        "организаций. Без команды открывает программу.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="проверить, что программа установлена целиком и работает (во временной папке), и выйти",
    )
    add_db_option(parser)
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
    except BadInput as exc:
        print(f"maturity {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"maturity {args.command}: прервано", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"maturity {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def main(argv: Sequence[str] | None = None) -> int:
    """The command line without the app: with no sub-command, print the help."""
    args = parse_args(argv)
    if args.self_test:
        from maturity.usecases.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        build_parser().print_help()
        return EXIT_OK
    return run_command(args)
