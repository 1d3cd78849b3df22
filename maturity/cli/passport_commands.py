"""``maturity passport``: the organization's year on two A4 pages for the meeting of the elected body.

The passport's content is assembled here, in the core (:mod:`maturity.usecases.passport`); the PDF is
painted by Qt, which the core never imports. The ``maturity`` program (``ui/launcher.py``) hands the
command a writer (``args.write_pdf``) when it runs it; ``python -m maturity`` has none and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from maturity.cli.options import EXIT_2_WRITES_A_FILE, add_db_option, add_org_option, year_argument

if TYPE_CHECKING:
    from maturity.usecases.passport import Passport

EXIT_OK, EXIT_NO_WRITER = 0, 1
NO_WRITER = (
    "паспорт в PDF рисует программа «Цифровая зрелость»: запустите команду maturity passport "
    "(модуль python -m maturity работает без окон и PDF не пишет)"
)
PdfWriter = Callable[["Passport", str], None]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "passport",
        help="паспорт организации за год в PDF — для заседания выборного органа",
        description="Записать паспорт информационной работы и цифровой зрелости организации за год (PDF, A4): "
        "индекс, уровень и индекс цифровой зрелости с изменением к прошлому году, лепестковая диаграмма, "
        "показатели, невыполненные нормативы с причинами, план на следующий год (шаги, ответственные, сроки), "
        "итоги плана прошлого года и место для даты и подписи председателя.",
        epilog=EXIT_2_WRITES_A_FILE,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год оценки")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="файл паспорта .pdf")
    p.add_argument(
        "--benchmark", metavar="FILE",
        help="файл сравнения (maturity benchmark): добавить место организации среди организаций её уровня",
    )  # fmt: skip
    add_db_option(p)
    p.set_defaults(handler=run_passport)


def run_passport(args: argparse.Namespace) -> int:
    from maturity.exchange.benchmark_json import check_benchmark_profile, read_benchmark_json
    from maturity.output_files import check_output_path
    from maturity.storage.store import open_store
    from maturity.usecases.passport import passport_from_store

    write_pdf: PdfWriter | None = getattr(args, "write_pdf", None)
    if write_pdf is None:
        print(f"maturity passport: {NO_WRITER}", file=sys.stderr)
        return EXIT_NO_WRITER
    check_output_path(args.output)  # refused before anything is read
    benchmark = read_benchmark_json(args.benchmark) if args.benchmark else None
    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        assessment = store.get_assessment(organization, args.year)
        if benchmark is not None and assessment is not None:
            check_benchmark_profile(benchmark, store.profile_of(assessment))
        passport = passport_from_store(store, organization, args.year, benchmark)
    write_pdf(passport, args.output)
    print(f"Паспорт «{passport.organization}» за {args.year} год записан в {args.output}")
    return EXIT_OK
