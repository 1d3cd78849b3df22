"""Sub-commands of the ``maturity`` command line, one module per group.

Each module has ``register(subparsers)``, adding its parsers with ``set_defaults(handler=...)``;
a handler takes the parsed arguments and returns the exit code. Modules import heavy libraries
inside their handlers, so that ``maturity --help`` and the app's start-up stay fast.
"""

import argparse

DB_HELP = "база данных (SQLAlchemy URL); по умолчанию MATURITY_DB или файл SQLite в папке данных пользователя"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db URL`` on a sub-command; SUPPRESS keeps a --db given before it (maturity --db URL import …)."""
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)


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
    "Пропущенные при --on-conflict skip не считаются отклонёнными (код 0)."
)
EXIT_2_WRITES_NOTHING = "Код выхода 2: файл или параметры отклонены, причина напечатана по-русски. Команда ничего не записывает."
EXIT_2_DEMO = "Код выхода 2: база не пуста (без --force) или параметры неверны; в базу ничего не добавлено."

COMMAND_MODULES = (
    "maturity.commands.scoring_commands",
    "maturity.commands.history_commands",
    "maturity.commands.excel_commands",
)
