"""``maturity import``, ``maturity export-json`` and ``maturity demo``: the yearly history database."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from maturity.cli.options import (
    EXIT_2_DEMO,
    EXIT_2_IMPORT,
    EXIT_2_WRITES_A_FILE,
    add_db_option,
    add_org_option,
    year_argument,
)
from maturity.errors import cap_long_runs

EXIT_OK, EXIT_BAD_INPUT = 0, 2
DEFAULT_ON_CONFLICT = "skip"  # as the app's «Загрузить файлы…» (ui.importing.dialog.DEFAULT_CONFLICT)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="загрузить файлы оценки в базу данных",
        description="Загрузить файлы оценки (JSON или книги Excel; папка — все такие файлы в ней) в базу данных. "
        "Каждый файл загружается целиком или не загружается совсем. Файлы других форматов в папке (.xls, .ods, "
        ".csv, .docx…) перечисляются как непрочитанные; если читать нечего — код выхода 2.",
        epilog=EXIT_2_IMPORT,
    )
    p.add_argument("paths", nargs="+", metavar="FILE|FOLDER", help="файлы оценки или папки с ними")
    p.add_argument(
        "--on-conflict",
        choices=("skip", "replace", "fail"),
        default=DEFAULT_ON_CONFLICT,
        help="если у организации уже есть оценка за этот год: skip — оставить её и пропустить файл (по "
        "умолчанию, как и в окне программы), replace — заменить её, fail — отклонить файл (код выхода 2)",
    )
    add_db_option(p)
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser(
        "export-json",
        help="выгрузить оценку организации за год в файл JSON",
        description="Выгрузить оценку организации за год в файл оценки JSON.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="файл, в который записать оценку")
    add_db_option(p)
    p.set_defaults(handler=run_export_json)

    p = subparsers.add_parser(
        "demo",
        help="заполнить базу демонстрационными данными",
        description="Заполнить базу данных демонстрационной федерацией: несколько сотен организаций всех уровней "
        "и их оценки за три года. Отказывается, если в базе уже есть организации (см. --force).",
        epilog=EXIT_2_DEMO,
    )
    p.add_argument("--force", action="store_true", help="добавить демонстрационные данные, даже если база не пуста")
    p.add_argument("--seed", type=int, default=None, help="зерно генератора случайных чисел (по умолчанию постоянное)")
    add_db_option(p)
    p.set_defaults(handler=run_demo)


def _progress(label: str):
    """(callback, close): a tqdm bar on stderr when it is a terminal, else nothing at all."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bars: list[tqdm[Any]] = []

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit=" файл", desc=label, file=sys.stderr, leave=False))
        bars[0].update(done - bars[0].n)

    def close() -> None:
        if bars:
            bars[0].close()

    return update, close


def run_import(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.importing import import_documents

    with open_store(getattr(args, "db", None)) as store:
        update, close = _progress("Загрузка")
        try:
            report = import_documents(store, args.paths, on_conflict=args.on_conflict, progress_callback=update)
        finally:
            close()
    print(
        cap_long_runs(report.summary()), file=sys.stderr if report.rejected or report.nothing_readable else sys.stdout
    )
    if (
        report.rejected
        and args.on_conflict == "fail"
        and any("уже есть оценка" in (i.reason or "") for i in report.rejected)
    ):
        print("Чтобы заменить или пропустить такие оценки, укажите --on-conflict replace или skip.", file=sys.stderr)
    return EXIT_OK if report.ok and not report.nothing_readable else EXIT_BAD_INPUT


def run_export_json(args: argparse.Namespace) -> int:
    from maturity.exchange.assessment_json import write_assessment_json
    from maturity.output_files import check_output_path
    from maturity.storage.store import open_store
    from maturity.usecases.documents import assessment_document

    check_output_path(args.output)  # a folder, a device or a missing folder is refused before any work
    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        document = assessment_document(store, organization, args.year)
    write_assessment_json(document, args.output)
    print(f"Оценка «{organization.name}» за {args.year} год записана в {args.output}")
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.demo import DEFAULT_SEED, fill_demo

    with open_store(getattr(args, "db", None)) as store:
        summary = fill_demo(store, seed=DEFAULT_SEED if args.seed is None else args.seed, force=args.force)
    print(summary)
    return EXIT_OK
