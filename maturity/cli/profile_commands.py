"""``maturity profiles`` (list, ``install``, ``show``), ``maturity rescore`` and ``maturity history``: the
methods a database knows, and which version of its method each assessment was scored with."""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, add_org_option, year_argument

EXIT_OK = 0
EXIT_2_INSTALL = (
    "Код выхода 2: файл методики отклонён (ошибка названа с местом в файле) или в базе уже есть другой текст "
    "этой версии; в базе ничего не изменено."
)
EXIT_2_RESCORE = (
    "Код выхода 2: организация, оценка или версия методики не найдены, или ответы не подходят к новой версии; "
    "в базе ничего не изменено."
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "profiles",
        help="методики: список, установка, текст",
        description="Методики, которые знает база данных: встроенные в программу и установленные (id, версия, "
        "название, откуда, краткий хэш текста). «profiles install ФАЙЛ.yaml» — проверить и установить методику "
        "федерации; «profiles show ID» — напечатать её текст YAML.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    add_db_option(p)
    p.set_defaults(handler=run_profiles)
    actions = p.add_subparsers(dest="action", title="подкоманды", metavar="{install,show}")

    i = actions.add_parser(
        "install",
        help="проверить и установить методику из файла YAML",
        description="Проверить файл методики и установить её в базу данных: в общей базе PostgreSQL — для всех "
        "её пользователей. Тот же текст ещё раз ничего не меняет; другой текст под уже известными id и версией "
        "отклоняется: изменённой методике нужна новая версия.",
        epilog=EXIT_2_INSTALL,
    )
    i.add_argument("file", metavar="FILE.yaml", help="файл методики")
    add_db_option(i)
    i.set_defaults(handler=run_install)

    s = actions.add_parser(
        "show",
        help="напечатать текст методики",
        description="Напечатать текст YAML методики, встроенной или установленной (методика, наследующая другую, "
        "печатается целиком — этот текст и хранится с оценками).",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    s.add_argument("profile_id", metavar="ID", help="идентификатор методики")
    s.add_argument("--version", metavar="V", help="версия (по умолчанию — последняя установленная или встроенная)")
    add_db_option(s)
    s.set_defaults(handler=run_show)

    r = subparsers.add_parser(
        "rescore",
        help="пересчитать оценку по другой версии её методики",
        description="Пересчитать оценку организации за год по другой версии её методики, установленной в базе. "
        "Оценки сами по себе никогда не пересчитываются: прошлогодние цифры не меняются, когда установлена новая "
        "версия. Пересчёт записывается (с какой версии, на какую, когда) и виден в «maturity history».",
        epilog=EXIT_2_RESCORE,
    )
    add_org_option(r)
    r.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    r.add_argument("--version", required=True, metavar="V", help="версия методики, по которой пересчитать")
    add_db_option(r)
    r.set_defaults(handler=run_rescore)

    h = subparsers.add_parser(
        "history",
        help="оценки организации по годам и версии их методики",
        description="Оценки организации по годам: методика, версия и краткий хэш её текста, индекс, состояние, "
        "а также пересчёты по другим версиям методики.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    add_org_option(h)
    h.add_argument(
        "--json",
        action="store_true",
        help="вывести JSON: годы и для каждой пары соседних лет «method_changed» — показатели, индексы, уровень "
        "и нормативы, которые считаются иначе",
    )
    add_db_option(h)
    h.set_defaults(handler=run_history)


def run_profiles(args: argparse.Namespace) -> int:
    from maturity.method.profile import load_profile, shipped_profile_versions
    from maturity.usecases.profiles import database_catalog

    shipped = set(shipped_profile_versions())
    for entry in database_catalog(getattr(args, "db", None)).listed():
        title = entry.shown_title
        base = None
        if (entry.id, entry.version) in shipped:
            profile = load_profile(entry.id, entry.version)
            if profile.sha256 == entry.sha256:
                title, base = profile.title, profile.data.extends
        title += f" (на основе {base})" if base else ""
        print(f"{entry.id}\t{entry.version}\t{title}\t{entry.source}\t{entry.short_hash}")
    return EXIT_OK


def run_install(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.profiles import install_profile, read_profile_file

    text = read_profile_file(args.file)  # before the database is opened: a bad path changes nothing
    with open_store(getattr(args, "db", None)) as store:
        check = install_profile(store, text, args.file)
    print(check.message[:1].upper() + check.message[1:])
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    import sys

    from maturity.usecases.profiles import database_catalog

    entry = database_catalog(getattr(args, "db", None)).entry(args.profile_id, args.version)
    sys.stdout.write(entry.text)
    return EXIT_OK


def run_rescore(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.acting_user import current_user
    from maturity.usecases.profiles import rescore_assessment
    from maturity.views.numbers import format_score

    who = current_user()
    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        done = rescore_assessment(store, store.stored_id(organization), args.year, args.version, by=who)
    print(
        f"Оценка «{done.organization}» за {done.year} год пересчитана по методике «{done.profile_id}» версии "
        f"{done.after_version} (была {done.before_version}): индекс {format_score(done.before_index)} → "
        f"{format_score(done.after_index)}"
    )
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.views.history_text import history_lines

    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        if getattr(args, "json", False):
            import json

            from maturity.usecases.history_document import history_document

            print(json.dumps(history_document(store, organization), ensure_ascii=False, indent=2))
            return EXIT_OK
        rows = []
        for assessment in store.list_assessments(organization):
            score = store.get_score(assessment)
            rows.append((assessment, score.index if score is not None else None, store.rescores(assessment)))
    print("\n".join(history_lines(organization.name, rows)))
    return EXIT_OK
