"""``maturity benchmark``: the anonymised spreads of a year's scores, for chairs to compare themselves with."""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_A_FILE, add_db_option, year_argument

EXIT_OK = 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "benchmark",
        help="записать обезличенный файл сравнения для председателей",
        description="Записать файл сравнения: для каждого уровня организаций — число оценок и "
        "10-й, 25-й, 50-й, 75-й, 90-й процентили каждого КПЭ, индекса и индекса цифровой зрелости по "
        "завершённым оценкам года. Без наименований и идентификаторов. Чтобы никакой набор таких файлов "
        "(по всей базе и по каждой --parent) не выдал оценку одной организации, показатель группы меньше 11 "
        "организаций не включается, как и показатель группы, разность которой с уже показанными группами "
        "оставила бы от 1 до 10 организаций; среднего в файле нет (docs/trust.md). Председатель загружает файл в программу или передаёт maturity score --benchmark. "
        "В общей базе PostgreSQL федерация публикует сравнение для всех территорий (--publish); под именем входа "
        "территории файл записывается из опубликованного федерацией (docs/shared-database.md).",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год")
    p.add_argument(
        "--parent", metavar="ORG",
        help="только организации под этой (на любую глубину, сама она не входит): идентификатор или точное наименование",
    )  # fmt: skip
    p.add_argument(
        "--profile", metavar="ID", help="методика (id встроенной или установленной в базу); по умолчанию основная"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="файл сравнения .json")
    p.add_argument(
        "--publish",
        action="store_true",
        help="опубликовать сравнение по всей федерации в общей базе PostgreSQL: его читают имена входа территорий",
    )
    add_db_option(p)
    p.set_defaults(handler=run_benchmark)


def run_benchmark(args: argparse.Namespace) -> int:
    from maturity.errors import BadInput
    from maturity.exchange.benchmark_json import write_benchmark_json
    from maturity.method.profile import load_profile
    from maturity.output_files import check_output_path
    from maturity.storage.store import open_store
    from maturity.usecases.benchmark import benchmark_for, publish_benchmark, year_method

    if args.output is None and not args.publish:
        raise BadInput("укажите, куда записать сравнение: -o ФАЙЛ.json (файл), --publish (общая база) или оба")
    if args.publish and args.parent:
        raise BadInput("опубликовать можно только сравнение по всей федерации: уберите --parent")
    if args.output is not None:  # an empty name too: refused with its own reason
        check_output_path(args.output)
    published = False
    with open_store(getattr(args, "db", None)) as store:
        # a named method (shipped or installed), or the version the year's assessments were scored with
        profile = store.catalog().find(args.profile) if args.profile else year_method(store, args.year, load_profile())
        parent_id = store.find_organization(args.parent).id if args.parent else None
        if args.publish:
            store.session.rollback()  # its reads end here: the publishing has a connection of its own
            benchmark = publish_benchmark(_engine_of(store), profile, args.year)
        else:
            benchmark, published = benchmark_for(store.session, profile, args.year, parent_id)
    if args.output is not None:
        write_benchmark_json(benchmark, args.output)
    where = " и ".join(
        ([f"записан в {args.output}"] if args.output is not None else [])
        + (["опубликован в общей базе"] if args.publish else [])
    )
    whose = " (опубликованный федерацией)" if published else ""
    if benchmark.groups:
        groups = ", ".join(f"{profile.organization_level_short(g.level)} — {g.n}" for g in benchmark.groups)
        print(f"Файл сравнения за {args.year} год{whose} {where}: {groups}")
    else:
        print(
            f"Файл сравнения за {args.year} год{whose} {where}, но он пуст: ни на одном уровне нет "
            "11 организаций с завершённой оценкой этого года, показатели которых можно показать, не выдав "
            "ни одну организацию"
        )
    return EXIT_OK


def _engine_of(store):
    from sqlalchemy.engine import Engine

    bind = store.session.get_bind()
    if not isinstance(bind, Engine):  # open_store binds its session to an engine
        raise TypeError("the store is bound to a connection, not an engine")
    return bind
