"""``maturity access …``: who may see and change which organizations in a shared PostgreSQL database.

``init`` — group roles and row-level security policies (the federation's administrator, safe to repeat);
``grant LOGIN --org ORG`` — a login limited to that organization and everything under it; ``list``;
``revoke LOGIN``. PostgreSQL itself enforces the limits (see :mod:`maturity.storage.access`).
"""

from __future__ import annotations

import argparse
import json

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option

EXIT_OK = 0
EXIT_2_ACCESS = (
    "Код выхода 2: параметры отклонены (не PostgreSQL, не владелец таблиц, неверное имя входа, организация не "
    "найдена), причина напечатана по-русски; права в базе не изменены."
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "access",
        help="доступ территорий к общей базе PostgreSQL",
        description="Доступ к общей базе PostgreSQL: каждая территория видит и меняет только свою организацию "
        "и все подчинённые ей; это проверяет сам PostgreSQL (политики строк), и через программу, и через любое "
        "другое подключение. Команды выполняет администратор федерации — владелец таблиц базы. "
        "Подробно: docs/shared-database.md.",
        epilog=EXIT_2_ACCESS,
    )
    actions = p.add_subparsers(dest="action", title="подкоманды", metavar="{init,grant,list,revoke}")
    actions.required = True
    i = actions.add_parser(
        "init",
        help="создать групповые роли и политики строк (можно повторять)",
        description="Создать групповые роли maturity_territory (чтение и запись в своём круге) и "
        "maturity_reader (только чтение), таблицу доступа и политики строк на всех таблицах с данными "
        "организаций. Повторный запуск приводит их к нынешней версии программы: запускайте его после "
        "каждого обновления программы.",
        epilog=EXIT_2_ACCESS,
    )
    add_db_option(i)
    i.set_defaults(handler=run_init)
    g = actions.add_parser(
        "grant",
        help="дать имени входа доступ к организации и всем подчинённым ей",
        description="Дать имени входа PostgreSQL доступ к организации ORG и всем подчинённым ей (на любую "
        "глубину). Нового имени входа ещё нет — оно создаётся (с паролем --password); уже выданный доступ "
        "заменяется новым.",
        epilog=EXIT_2_ACCESS,
    )
    g.add_argument("login", metavar="LOGIN", help="имя входа: строчные латинские буквы, цифры, «_»")
    g.add_argument("--org", required=True, metavar="ORG", help="идентификатор организации или её точное наименование")
    g.add_argument("--read-only", action="store_true", help="только чтение: ничего не записывать")
    g.add_argument("--password", metavar="ПАРОЛЬ", help="пароль имени входа (без него пароль не меняется)")
    add_db_option(g)
    g.set_defaults(handler=run_grant)
    s = actions.add_parser("list", help="кому какой доступ выдан", description="Кому какой доступ выдан.",
                           epilog=EXIT_2_WRITES_NOTHING)  # fmt: skip
    s.add_argument("--json", action="store_true", help="вывести JSON вместо таблицы")
    add_db_option(s)
    s.set_defaults(handler=run_list)
    r = actions.add_parser(
        "revoke",
        help="отозвать доступ имени входа",
        description="Отозвать доступ: со следующего же запроса имя входа ничего не видит, затем оно удаляется "
        "(или, если у него есть что-то ещё на сервере, больше не может войти).",
        epilog=EXIT_2_ACCESS,
    )
    r.add_argument("login", metavar="LOGIN", help="имя входа")
    add_db_option(r)
    r.set_defaults(handler=run_revoke)


def run_init(args: argparse.Namespace) -> int:
    from maturity.storage.access import init_access
    from maturity.storage.database import open_database

    engine = open_database(getattr(args, "db", None))
    try:
        tables = init_access(engine)
    finally:
        engine.dispose()
    print("Доступ по территориям задан. Политики строк на таблицах: " + ", ".join(tables))
    return EXIT_OK


def run_grant(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from maturity.storage.access import check_login, grant_access
    from maturity.storage.database import open_database
    from maturity.storage.store import Store

    check_login(args.login)
    engine = open_database(getattr(args, "db", None))
    try:
        with Session(engine) as session:
            org = Store(session).find_organization(args.org)
            org_id = Store(session).stored_id(org)
        created = grant_access(engine, args.login, org_id, read_only=args.read_only, password=args.password)
    finally:
        engine.dispose()
    what = "только чтение" if args.read_only else "чтение и запись"
    made = "создано, " if created else ""
    print(f"Имя входа «{args.login}» ({made}{what}): {org.name} ({org.uid}) и все подчинённые ей организации")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from maturity.storage.access import list_grants
    from maturity.storage.database import open_database

    engine = open_database(getattr(args, "db", None))
    try:
        grants = list_grants(engine)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps([g.__dict__ for g in grants], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not grants:
        print("Доступ никому не выдан.")
    for grant in grants:
        what = "только чтение" if grant.read_only else "чтение и запись"
        state = "" if grant.can_log_in else "; войти не может"
        print(f"{grant.login}\t{grant.organization_name} ({grant.organization_uid})\t{what}{state}")
    return EXIT_OK


def run_revoke(args: argparse.Namespace) -> int:
    from maturity.storage.access import revoke_access
    from maturity.storage.database import open_database

    engine = open_database(getattr(args, "db", None))
    try:
        revoke_access(engine, args.login)
    finally:
        engine.dispose()
    print(f"Доступ имени входа «{args.login}» отозван")
    return EXIT_OK
