"""``maturity learn-from``: «У кого поучиться» for one organization, as the comparison window shows it."""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, add_org_option, year_argument

EXIT_OK = 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "learn-from",
        help="у кого поучиться: похожие организации, у которых показатель выше",
        description="Для организации и её слабого показателя (по умолчанию самого слабого) — две-три организации "
        "того же уровня и той же группы по численности, у которых этот показатель выше за тот же год; первыми — "
        "те, у кого он вырос сильнее всего за год. Наименование показывается, только если организация согласилась "
        "(«maturity orgs consent»); иначе — «ППО вашего размера в вашем регионе». Ничего не записывает.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument("--kpi", metavar="K", help="показатель (например k3); по умолчанию самый слабый")
    p.add_argument("--profile", metavar="ID", default="fnpr-base", help="методика (id); по умолчанию fnpr-base")
    add_db_option(p)
    p.set_defaults(handler=run_learn_from)


def run_learn_from(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.learn_from import who_to_learn_from
    from maturity.views.learn_from_text import learn_from_lines

    with open_store(getattr(args, "db", None)) as store:
        profile = store.catalog().find(args.profile)
        organization = store.find_organization(args.org)
        kpi = args.kpi.strip().lower() if args.kpi else None
        found = who_to_learn_from(store.session, profile, store.stored_id(organization), args.year, kpi)
    print(f"У кого поучиться: «{organization.name}», {args.year} год")
    print("\n".join(learn_from_lines(profile, found)))
    return EXIT_OK
