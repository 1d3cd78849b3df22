"""``maturity merge A B C … -o merged.json``: several respondents' copies of one assessment made into one,
with the agenda of what they disagree on (``maturity orgs merge`` is another thing: two records of one
organization)."""

from __future__ import annotations

import argparse

from maturity.cli.options import EXIT_2_WRITES_A_FILE, add_db_option


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "merge",
        help="объединить ответы нескольких респондентов в одну оценку",
        description="Объединить копии анкеты, заполненные разными людьми (председатель, ответственный за "
        "информационную работу, активисты, молодёжный совет), в одну оценку: числа — медиана ответов, да/нет и "
        "один вариант — большинство (при равенстве голосов вопрос остаётся председателю), несколько вариантов — "
        "выбранные большинством (правила задаёт методика). В объединённом файле — повестка «обсудить на "
        "заседании»: вопросы с наибольшим расхождением первыми, с ответом каждого респондента (по номеру, без "
        "имён). Первый файл — копия председателя: из неё берутся имя заполнившего и другие личные ответы.",
        epilog="Записанный файл загружается как обычный файл оценки (maturity import). " + EXIT_2_WRITES_A_FILE,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="анкеты респондентов: .json или книги Excel .xlsx")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="куда записать объединённую оценку (.json)")
    add_db_option(p)
    p.set_defaults(handler=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    from maturity.exchange.assessment_json import write_assessment_json
    from maturity.output_files import check_output_path
    from maturity.usecases.profiles import database_catalog
    from maturity.usecases.respondent_files import merge_files
    from maturity.views.agenda_text import agenda_text

    check_output_path(args.output)
    catalog = database_catalog(getattr(args, "db", None))  # read only
    result = merge_files(args.files, catalog)
    write_assessment_json(result.document, args.output)
    print(agenda_text(result.document.profile, result.merged))
    print(f"Объединено анкет: {result.merged.respondents}. Оценка записана в {args.output}")
    return 0
