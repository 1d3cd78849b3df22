"""What the sub-commands share: the `--db` option and the list of sub-command modules.

Each module has ``register(subparsers)``, adding its parsers with ``set_defaults(handler=...)``;
a handler takes the parsed arguments and returns the exit code. Modules import heavy libraries
inside their handlers, so that ``maturity --help`` and the app's start-up stay fast.
"""

import argparse

DB_HELP = "база данных (SQLAlchemy URL); по умолчанию MATURITY_DB или файл SQLite в папке данных пользователя"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db URL`` on a sub-command; SUPPRESS keeps a --db given before it (maturity --db URL import …)."""
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)


def year_argument(text: str) -> int:
    """``--year Y``: a whole number in the years an assessment may have; anything else is refused in Russian."""
    from maturity.exchange.assessment_json import YEAR_RANGE

    low, high = YEAR_RANGE
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit() and len(stripped) <= 4 and low <= int(stripped) <= high):
        shown = stripped if len(stripped) <= 20 else stripped[:20] + "…"
        raise argparse.ArgumentTypeError(f"отчётный год должен быть целым числом от {low} до {high}, а не «{shown}»")
    return int(stripped)


COMMAND_MODULES = (
    "maturity.cli.scoring_commands",
    "maturity.cli.history_commands",
    "maturity.cli.excel_commands",
)
