"""``maturity export-xlsx``, ``maturity export`` and ``maturity template``: the Excel workbooks.

Importing workbooks is ``maturity import`` (:mod:`maturity.cli.history_commands`), which
reads them through :mod:`maturity.exchange.files`.
"""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_A_FILE, add_db_option, add_org_option, year_argument

EXIT_OK = 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export-xlsx",
        help="выгрузить оценку организации за год в книгу Excel",
        description="Выгрузить оценку организации за год в книгу Excel: лист «Оценка» (ответы, КПЭ с диаграммой, "
        "индекс, уровень, нормативы, дорожная карта) и лист «Ответы», по которому оценка загружается обратно.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="книга Excel (.xlsx), в которую записать")
    add_db_option(p)
    p.set_defaults(handler=run_export_xlsx)

    p = subparsers.add_parser(
        "export",
        help="сводный отчёт за год в книгу Excel",
        description="Сводный отчёт за год: организации × КПЭ, индекс, уровень, нормативы, динамика к прошлому "
        "году, ответы, параметры методики, диаграммы. Вышестоящая организация загружает его командой import.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument(
        "--parent",
        metavar="ORG",
        help="только эта организация и все подчинённые ей (идентификатор или точное наименование)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="книга Excel (.xlsx), в которую записать")
    p.add_argument(
        "--with-respondents",
        action="store_true",
        help="включить ФИО и должности заполнивших анкеты и комментарии к ответам (персональные данные; по умолчанию "
        "не включаются)",
    )
    p.add_argument(
        "--min-evidence",
        type=percent_argument,
        metavar="ПРОЦЕНТ",
        help="только организации, у которых не меньше этой доли ответов подтверждено документом (0–100)",
    )
    add_db_option(p)
    p.set_defaults(handler=run_export_report)

    p = subparsers.add_parser(
        "template",
        help="пустая анкета в книге Excel",
        description="Пустая анкета в книге Excel для председателя без программы: выпадающие списки, проверка чисел. "
        "Заполненная анкета загружается командой import.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    p.add_argument(
        "--profile",
        metavar="ID",
        default="fnpr-base",
        help="методика, встроенная или установленная (по умолчанию fnpr-base)",
    )
    p.add_argument(
        "--version", metavar="V", help="версия методики (по умолчанию — последняя установленная или встроенная)"
    )
    p.add_argument("--year", type=year_argument, metavar="Y", help="заранее вписать отчётный год")
    p.add_argument(
        "--org",
        metavar="ORG",
        help="анкета для организации из базы (код или точное наименование): в неё вписаны код, наименование, "
        "уровень и вышестоящая, и заполненная анкета загрузится именно в эту организацию",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="книга Excel (.xlsx), в которую записать")
    add_db_option(p)
    p.set_defaults(handler=run_template)


def _check_output(path: str) -> None:
    """Refuse an unusable ``-o`` before any work: not .xlsx, a folder, a device, a missing folder."""
    from pathlib import Path

    from maturity.errors import BadInput
    from maturity.output_files import check_output_path, shown

    check_output_path(path)  # first: an empty name is «не указан файл», not a wrong extension
    if Path(path).suffix.lower() != ".xlsx":
        raise BadInput(f"{shown(path)}: книга Excel должна иметь расширение .xlsx")


def run_export_xlsx(args: argparse.Namespace) -> int:
    from maturity.exchange.workbook_export import write_assessment_workbook
    from maturity.storage.store import open_store
    from maturity.usecases.documents import assessment_document, change_since_earlier_year

    _check_output(args.output)
    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        document = assessment_document(store, organization, args.year)
        change = change_since_earlier_year(store, document, store.stored_id(organization))
    write_assessment_workbook(document, args.output, change=change)
    print(f"Оценка «{organization.name}» за {args.year} год записана в {args.output}")
    return EXIT_OK


def percent_argument(text: str) -> float:
    """``--min-evidence 40`` (a percentage, «40 %», «40,5») as a share 0–1; anything else refused in Russian."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        value = -1.0
    if not (cleaned.replace(".", "", 1).isascii() and 0 <= value <= 100):
        shown = text.strip() if len(text.strip()) <= 20 else text.strip()[:20] + "…"
        raise argparse.ArgumentTypeError(f"доля в процентах должна быть числом от 0 до 100, а не «{shown}»")
    return value / 100


def run_export_report(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.report_source import export_report

    _check_output(args.output)
    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        count = export_report(
            store, args.year, args.output, parent, with_respondents=args.with_respondents,
            min_evidence=args.min_evidence,
        )  # fmt: skip
    print(f"Сводный отчёт за {args.year} год (организаций: {count}) записан в {args.output}")
    return EXIT_OK


def run_template(args: argparse.Namespace) -> int:
    from maturity.exchange.blank_form import write_blank_form
    from maturity.usecases.profiles import database_catalog

    _check_output(args.output)
    profile = database_catalog(getattr(args, "db", None)).find(args.profile, args.version)
    if args.org:
        from maturity.storage.store import open_store
        from maturity.usecases.org_forms import write_organization_form

        with open_store(getattr(args, "db", None)) as store:
            organization = store.find_organization(args.org)
            write_organization_form(store, organization, profile, args.output, year=args.year)
        print(
            f"Пустая анкета ({profile.title}, версия {profile.version}) для «{organization.name}» "
            f"(код {organization.uid}) записана в {args.output}"
        )
        return EXIT_OK
    write_blank_form(profile, args.output, year=args.year)
    print(f"Пустая анкета ({profile.title}, версия {profile.version}) записана в {args.output}")
    return EXIT_OK
