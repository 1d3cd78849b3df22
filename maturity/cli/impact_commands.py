"""``maturity impact``: what a new version of a method would do to a year's complete assessments, before it is
sent out — re-scored in memory, nothing written."""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, year_argument

EXIT_OK = 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "impact",
        help="что изменит новая версия методики: пересчёт в памяти, без записи",
        description="Пересчитать в памяти все завершённые оценки года, сделанные по методике ID, по её версии V "
        "(установленной в базе) и показать, что изменится: у скольких организаций меняется уровень (и матрица "
        "«было → станет»), среднее и разброс изменения индекса, изменение каждого КПЭ, нормативы, которые "
        "начинают или перестают не выполняться, 20 организаций, чей индекс меняется сильнее всего. Цифры те "
        "же, что записал бы пересчёт «maturity rescore» каждой оценки; в базе ничего не меняется.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    p.add_argument("--profile", required=True, metavar="ID", help="идентификатор методики")
    p.add_argument("--version", required=True, metavar="V", help="новая версия методики (установленная в базе)")
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument(
        "--parent",
        metavar="ORG",
        help="только эта организация и организации под ней (на любую глубину): идентификатор или точное наименование",
    )
    p.add_argument("--json", action="store_true", help="вывести JSON (цифры округлены, как в отчётах)")
    add_db_option(p)
    p.set_defaults(handler=run_impact)


def run_impact(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.version_impact import version_impact
    from maturity.views.impact_text import impact_lines

    with open_store(getattr(args, "db", None)) as store:
        profile = store.catalog().find(args.profile, args.version)
        parent_id = store.stored_id(store.find_organization(args.parent)) if args.parent else None
        impact = version_impact(store.session, profile, args.year, parent_id)
    assert impact is not None  # only a cancelled run gives None
    if args.json:
        import json

        print(json.dumps(impact.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(impact_lines(impact, profile)))
    return EXIT_OK
