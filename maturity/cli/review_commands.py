"""``maturity review …`` and ``maturity journal``: which figures are official, and every write kept.

``review accept|return|reopen`` — the higher body's decision on one assessment (accepted is locked against
any import or save until reopened); ``review check`` — what is unusual in a year's group before accepting;
``journal`` — every write to the database with who, when, what and the index before → after.
"""

from __future__ import annotations

import argparse
import json

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, year_argument

EXIT_OK = 0
ORG_HELP = "идентификатор организации или её точное наименование"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "review",
        help="принять оценку, вернуть на доработку, снять приёмку; проверить необычное",
        description="Решение вышестоящей организации об оценке. «accept» — принять: оценка становится "
        "официальной, и ни загрузка файла, ни сохранение её не меняют, пока приёмку не снимут; «return» — "
        "вернуть на доработку с общим комментарием (--comment) и комментариями к вопросам (--on ВОПРОС=ТЕКСТ); "
        "«reopen» — снять приёмку (оценка снова «получена»). Исправленный файл, загруженный после возврата, "
        "делает оценку снова «полученной». Каждое решение записывается в журнал (maturity journal). "
        "«check» — необычные значения группы за год перед приёмкой.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    actions = p.add_subparsers(dest="action", title="подкоманды", metavar="{accept,return,reopen,check}")
    actions.required = True
    for name, text in (
        ("accept", "принять оценку (она становится официальной и не меняется)"),
        ("return", "вернуть оценку на доработку с комментариями"),
        ("reopen", "снять приёмку: оценка снова «получена» и может быть заменена"),
    ):
        a = actions.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".",
                               epilog=EXIT_2_WRITES_NOTHING)  # fmt: skip
        a.add_argument("--org", required=True, metavar="ORG", help=ORG_HELP)
        a.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
        a.add_argument("--comment", default="", metavar="TEXT", help="общий комментарий")
        if name == "return":
            a.add_argument(
                "--on", action="append", default=[], metavar="ВОПРОС=ТЕКСТ",
                help="комментарий к одному вопросу (идентификатор вопроса методики); можно несколько раз",
            )  # fmt: skip
        add_db_option(a)
        a.set_defaults(handler=run_decision)
    c = actions.add_parser(
        "check",
        help="необычные значения группы за год",
        description="Необычное в оценках за год: значение далеко от организаций того же уровня и той же "
        "численности (медиана ± k·MAD), число, выросшее больше чем в пять раз за год, число больше "
        "численности членов профсоюза там, где методика этого не допускает. Ничего не записывает.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    c.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    c.add_argument("--parent", metavar="ORG", help="только эта организация и все подчинённые ей")
    c.add_argument("--json", action="store_true", help="вывести JSON вместо текста")
    add_db_option(c)
    c.set_defaults(handler=run_check)

    j = subparsers.add_parser(
        "journal",
        help="журнал изменений базы",
        description="Журнал: каждая запись в базу — загрузка файла (имя и sha256), замена, сохранение, "
        "пересчёт, решения о приёмке, объединение, установка методики — с тем, когда, кто (пользователь "
        "системы; на PostgreSQL и роль базы), что (организация, год) и индекс до → после. Записи журнала "
        "программа не меняет и не удаляет.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    j.add_argument("--org", metavar="ORG", help=ORG_HELP + " (и коды, объединённые с ней)")
    j.add_argument("--year", type=year_argument, metavar="Y", help="только этот год")
    j.add_argument("--json", action="store_true", help="вывести JSON вместо таблицы")
    add_db_option(j)
    j.set_defaults(handler=run_journal)


def question_comments(items: list[str]) -> dict[str, str]:
    """``--on ВОПРОС=ТЕКСТ`` → {question: text}; BadInput for an item without «=» or without a question."""
    from maturity.errors import BadInput, shorten

    found: dict[str, str] = {}
    for item in items:
        question, sep, text = item.partition("=")
        if not sep or not question.strip():
            raise BadInput(f"--on ждёт ВОПРОС=ТЕКСТ, а не «{shorten(item)}»")
        found[question.strip()] = (found.get(question.strip(), "") + "\n" + text).strip()
    return found


def run_decision(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.review import decide

    notes = question_comments(getattr(args, "on", []))
    with open_store(getattr(args, "db", None)) as store:
        org = store.find_organization(args.org)
        done = decide(store, org, args.year, args.action, args.comment, notes)
    print(done.summary())
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.unusual import check_document, check_text, unusual_values

    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        found = unusual_values(store, args.year, parent)
    if args.json:
        print(json.dumps(check_document(args.year, found), ensure_ascii=False, indent=2))
    else:
        print(check_text(args.year, found))
    return EXIT_OK


def run_journal(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.journal import entries, journal_document, journal_text

    with open_store(getattr(args, "db", None)) as store:
        org = store.find_organization(args.org) if args.org else None
        rows = entries(store, org, args.year)
    if args.json:
        print(json.dumps(journal_document(rows), ensure_ascii=False, indent=2))
    else:
        print(journal_text(rows))
    return EXIT_OK
