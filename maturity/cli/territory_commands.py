"""``maturity status`` and ``maturity orgs …``: what a territory needs to know of its organizations.

``status`` — who has submitted for a year (every expected organization of a subtree, its state and last
year's index); ``orgs`` — the register of organizations: the list, a template workbook, and loading a
filled one.
"""

from __future__ import annotations

import argparse
import json
import sys

from maturity.cli.options import EXIT_2_WRITES_A_FILE, EXIT_2_WRITES_NOTHING, add_db_option, year_argument

EXIT_OK = 0
PARENT_HELP = (
    "только эта организация и все подчинённые ей (идентификатор или точное наименование), как у export --parent"
)
PROFILE_HELP = "методика (id встроенной или установленной в базу), уровни организаций которой используются (по умолчанию fnpr-base)"
EXIT_2_REGISTER = (
    "Код выхода 2: файл или параметры отклонены, причина напечатана по-русски (с ячейкой или строкой). "
    "Список загружается целиком или не загружается совсем: при отказе в базе ничего не изменено."
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "status",
        help="кто сдал оценку за год",
        description="Кто сдал оценку за год: каждая ожидаемая организация (кроме заготовок — организаций, "
        "известных только как чья-то вышестоящая) с состоянием оценки (нет оценки, черновик, сдана) и "
        "индексом прошлого года; в конце — итоги.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument("--parent", metavar="ORG", help=PARENT_HELP)
    p.add_argument("--json", action="store_true", help="вывести JSON вместо таблицы")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="записать список не сдавших в книгу Excel (.xlsx) для напоминаний"
    )
    p.add_argument("--profile", metavar="ID", default="fnpr-base", help=PROFILE_HELP)
    add_db_option(p)
    p.set_defaults(handler=run_status)

    p = subparsers.add_parser(
        "orgs",
        help="реестр организаций: список, шаблон, загрузка",
        description="Реестр организаций. Без подкоманды — список организаций (код, наименование, уровень, "
        "вышестоящая, субъект РФ, отрасль, численность); «orgs -o F.xlsx» — тот же список с кодами в книге Excel. "
        "«orgs template -o F.xlsx» — шаблон списка; «orgs import F.xlsx» — загрузить заполненный список, чтобы "
        "территория знала, кого ждать (организациям без кода программа выдаёт коды и называет их); "
        "«orgs merge ОСТАВИТЬ ДРУГАЯ» — объединить две записи одной организации; «orgs consent ORG да|нет» — "
        "согласие организации, чтобы похожие организации видели её наименование в «У кого поучиться».",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    p.add_argument("--parent", metavar="ORG", help=PARENT_HELP)
    p.add_argument("--json", action="store_true", help="вывести JSON вместо таблицы")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="записать список организаций с их кодами в книгу Excel (.xlsx) по шаблону списка: её можно раздать "
        "организациям и загрузить обратно командой «orgs import»",
    )
    p.add_argument("--profile", metavar="ID", default="fnpr-base", help=PROFILE_HELP)
    add_db_option(p)
    p.set_defaults(handler=run_orgs)
    actions = p.add_subparsers(dest="action", title="подкоманды", metavar="{template,import,merge,consent}")

    t = actions.add_parser(
        "template",
        help="шаблон списка организаций в книге Excel",
        description="Шаблон списка организаций: столбцы, уровень — выпадающим списком, пояснения по-русски.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    t.add_argument("-o", "--output", required=True, metavar="FILE", help="книга Excel (.xlsx), в которую записать")
    t.add_argument("--profile", metavar="ID", default="fnpr-base", help=PROFILE_HELP)
    add_db_option(t)
    t.set_defaults(handler=run_orgs_template)

    i = actions.add_parser(
        "import",
        help="загрузить список организаций из книги Excel",
        description="Загрузить список организаций. Строка с кодом относится только к организации с этим "
        "кодом; строка без кода — к единственной организации с тем же наименованием, уровнем и субъектом "
        "РФ (несколько таких — отказ с перечнем); вышестоящая — по коду или однозначному наименованию, "
        "иначе создаётся заготовка. Строка никогда не меняет другую организацию.",
        epilog=EXIT_2_REGISTER,
    )
    i.add_argument("path", metavar="FILE", help="заполненный список (.xlsx)")
    i.add_argument("--profile", metavar="ID", default="fnpr-base", help=PROFILE_HELP)
    add_db_option(i)
    i.set_defaults(handler=run_orgs_import)

    m = actions.add_parser(
        "merge",
        help="объединить две записи одной организации",
        description="Объединить две записи одной организации: оценки (с баллами, планами и историей "
        "пересчётов), подчинённые организации и коды организации ДРУГАЯ переходят к ОСТАВИТЬ, запись ДРУГАЯ "
        "удаляется, объединение записывается в базу; файлы с кодом ДРУГОЙ дальше попадают в ОСТАВИТЬ. "
        "Отказ (ничего не меняется): у обеих есть оценка за один год (годы названы) или ОСТАВИТЬ подчинена "
        "ДРУГОЙ (замкнулся бы круг подчинения).",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    m.add_argument("keep", metavar="ОСТАВИТЬ", help="организация, которая остаётся (код или точное наименование)")
    m.add_argument("other", metavar="ДРУГАЯ", help="организация, которая вливается в неё (код или наименование)")
    add_db_option(m)
    m.set_defaults(handler=run_orgs_merge)

    c = actions.add_parser(
        "consent",
        help="согласие организации быть названной в «У кого поучиться»",
        description="Записать, согласна ли организация, чтобы похожие организации (того же уровня и размера) видели "
        "её наименование среди тех, у кого можно поучиться по показателю. Без согласия она показывается "
        "обезличенно: «ППО вашего размера в вашем регионе». Так же — столбец «Согласие назвать организацию» "
        "списка организаций.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    c.add_argument("org", metavar="ORG", help="организация: код или точное наименование")
    c.add_argument("answer", metavar="да|нет", help="«да» — называть, «нет» — не называть")
    add_db_option(c)
    c.set_defaults(handler=run_orgs_consent)


def _xlsx_output(path: str) -> None:
    from pathlib import Path

    from maturity.errors import BadInput
    from maturity.output_files import check_output_path, shown

    check_output_path(path)  # first: an empty name is «не указан файл», not a wrong extension
    if Path(path).suffix.lower() != ".xlsx":
        raise BadInput(f"{shown(path)}: книга Excel должна иметь расширение .xlsx")


def run_status(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.storage.submissions import Scope, submissions
    from maturity.usecases.profiles import database_catalog
    from maturity.usecases.submission_status import export_not_submitted, status_document, status_text

    if args.output is not None:
        _xlsx_output(args.output)
    profile = database_catalog(getattr(args, "db", None)).find(args.profile)  # shipped or installed
    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        scope = Scope(parent.id if parent is not None else None)
        rows = submissions(store.session, args.year, scope)
        if args.output is not None:
            name = parent.name if parent is not None else "все организации"
            count = export_not_submitted(store.session, profile, args.year, args.output, scope, name)
    if args.json:
        print(json.dumps(status_document(args.year, parent, rows), ensure_ascii=False, indent=2))
    else:
        print(status_text(args.year, parent, rows, profile))
    if args.output is not None:
        print(
            f"Список не сдавших (организаций: {count}) записан в {args.output}",
            file=sys.stderr if args.json else sys.stdout,
        )
    return EXIT_OK


def run_orgs(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.storage.submissions import register_rows

    if args.output:
        _xlsx_output(args.output)
    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        rows = register_rows(store.session, parent.id if parent is not None else None)
        if args.output:
            from maturity.method.profile import load_profile
            from maturity.usecases.organization_register import export_register

            count = export_register(store, load_profile(args.profile), args.output, parent.id if parent else None)
            print(f"Список организаций с кодами (организаций: {count}) записан в {args.output}")
            return EXIT_OK
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    from maturity.method.profile import load_profile
    from maturity.usecases.submission_status import register_text

    print(register_text(rows, load_profile()) if rows else "В базе нет организаций.")
    return EXIT_OK


def run_orgs_template(args: argparse.Namespace) -> int:
    from maturity.exchange.organization_register import write_register_template
    from maturity.usecases.profiles import database_catalog

    _xlsx_output(args.output)
    profile = database_catalog(getattr(args, "db", None)).find(args.profile)  # shipped or installed
    write_register_template(profile, args.output)
    print(f"Шаблон списка организаций записан в {args.output}")
    return EXIT_OK


def run_orgs_import(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.organization_register import import_register

    with open_store(getattr(args, "db", None)) as store:
        profile = store.catalog().find(args.profile)  # shipped or installed
        outcome = import_register(store, profile, args.path)
    print(outcome.summary())
    return EXIT_OK


def run_orgs_merge(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.acting_user import current_user
    from maturity.usecases.merging import merge_organizations

    with open_store(getattr(args, "db", None)) as store:
        keep, other = store.find_organization(args.keep), store.find_organization(args.other)
        outcome = merge_organizations(store, keep, other, by=current_user())
    print(outcome.summary())
    return EXIT_OK


CONSENT_ANSWERS = {"да": True, "нет": False, "yes": True, "no": False}


def run_orgs_consent(args: argparse.Namespace) -> int:
    from maturity.errors import BadInput, shorten
    from maturity.storage.store import open_store

    answer = CONSENT_ANSWERS.get(" ".join(args.answer.split()).casefold())
    if answer is None:
        raise BadInput(f"согласие — «да» или «нет», а не «{shorten(args.answer)}»; в базе ничего не изменено")
    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        store.update_organization(store.stored_id(organization), name_consent=answer)
    if answer:
        print(f"«{organization.name}» согласна, чтобы её называли в «У кого поучиться»")
    else:
        print(f"«{organization.name}» не называется в «У кого поучиться» (показывается обезличенно)")
    return EXIT_OK
