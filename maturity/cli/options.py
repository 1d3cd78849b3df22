"""What the sub-commands share: the `--db` option and the list of sub-command modules.

Each module has ``register(subparsers)``, adding its parsers with ``set_defaults(handler=...)``;
a handler takes the parsed arguments and returns the exit code. Modules import heavy libraries
inside their handlers, so that ``maturity --help`` and the app's start-up stay fast.
"""

import argparse

DB_HELP = (
    "база данных (SQLAlchemy URL, например postgresql+psycopg://user@host/db); "
    "по умолчанию MATURITY_DB или файл SQLite в папке данных пользователя"
)


def add_db_option(parser: argparse.ArgumentParser, *, before_command: bool = False) -> None:
    """The one ``--db URL`` option: before the command (``maturity --db URL import …``) or on a sub-command,
    where SUPPRESS keeps a --db given before it."""
    default = None if before_command else argparse.SUPPRESS
    parser.add_argument("--db", metavar="URL", default=default, help=DB_HELP)


def add_org_option(parser: argparse.ArgumentParser) -> None:
    """``--org ORG``: the organization a command is about, by its identifier or exact name."""
    parser.add_argument(
        "--org", required=True, metavar="ORG", help="идентификатор организации или её точное наименование"
    )


def year_argument(text: str) -> int:
    """``--year Y``: a whole number in the years an assessment may have; anything else is refused in Russian."""
    from maturity.exchange.assessment_json import YEAR_RANGE

    low, high = YEAR_RANGE
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit() and len(stripped) <= 4 and low <= int(stripped) <= high):
        shown = stripped if len(stripped) <= 20 else stripped[:20] + "…"
        raise argparse.ArgumentTypeError(f"отчётный год должен быть целым числом от {low} до {high}, а не «{shown}»")
    return int(stripped)


# What exit code 2 means, in each command's --help (the same words as README «Командная строка»)
EXIT_2_WRITES_A_FILE = (
    "Код выхода 2: параметры или входные данные отклонены, причина напечатана по-русски; файл не записан, "
    "прежний файл с этим именем не изменён (и при нехватке места на диске). -o заменяет только обычный файл: "
    "папку, устройство, путь в несуществующую папку программа не принимает. Новый файл получает права 0644 "
    "(0666 за вычетом umask), заменяющий — права прежнего файла."
)
EXIT_2_IMPORT = (
    "Код выхода 2: отклонён хотя бы один файл. Остальные файлы при этом загружены, каждый целиком (сводный "
    "отчёт — все его организации или ни одной); отклонённые перечислены с причиной, от них в базе ничего нет. "
    "Пропущенные при --on-conflict skip не считаются отклонёнными (код 0). Код 2 и тогда, когда среди указанных "
    "нет ни одного файла оценки (только .xls, .ods, .csv, .docx… — они перечислены как непрочитанные)."
)
EXIT_2_WRITES_NOTHING = (
    "Код выхода 2: файл или параметры отклонены, причина напечатана по-русски. Команда ничего не записывает."
)
EXIT_2_DEMO = "Код выхода 2: база не пуста (без --force) или параметры неверны; в базу ничего не добавлено."

COMMAND_MODULES = (
    "maturity.cli.scoring_commands",
    "maturity.cli.profile_commands",
    "maturity.cli.impact_commands",
    "maturity.cli.learn_from_commands",
    "maturity.cli.history_commands",
    "maturity.cli.excel_commands",
    "maturity.cli.benchmark_commands",
    "maturity.cli.plan_commands",
    "maturity.cli.targets_commands",
    "maturity.cli.passport_commands",
    "maturity.cli.territory_commands",
    "maturity.cli.review_commands",
    "maturity.cli.access_commands",
    "maturity.cli.merge_commands",
    "maturity.cli.contest_commands",
)
