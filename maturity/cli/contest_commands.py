"""``maturity contest …``: the annual contest of information work (смотр-конкурс) of a year and a group.

``results`` — the rankings by nomination, level and member-size band (``--json``); ``mark`` — one commission
member's mark for a participant in a nomination; ``marks`` — every mark with who entered it and when;
``protocol`` — the «Итоговый протокол» (.pdf or .xlsx, with the sheet «Лучшие практики»); ``diplomas`` — a
diploma per winner (PDF, A4 landscape) into a folder. The PDFs are painted by Qt, which the core never
imports: the ``maturity`` program (``ui/launcher.py``) hands the command its writers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from maturity.cli.options import EXIT_2_WRITES_A_FILE, EXIT_2_WRITES_NOTHING, add_db_option, year_argument

if TYPE_CHECKING:
    from maturity.engine.contest import ContestResults

EXIT_OK, EXIT_NO_WRITER = 0, 1
NO_WRITER = (
    "PDF рисует программа «Цифровая зрелость»: запустите команду maturity contest "
    "(модуль python -m maturity работает без окон и PDF не пишет; протокол в Excel — файл .xlsx)"
)
PARENT_HELP = "конкурс этой организации и всех подчинённых ей (по умолчанию — все организации базы)"
ProtocolWriter = Callable[["ContestResults", str], None]
DiplomaWriter = Callable[["ContestResults", str], list[Path]]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "contest",
        help="смотр-конкурс: номинации, оценки комиссии, итоговый протокол, дипломы",
        description="Ежегодный смотр-конкурс на лучшую постановку информационной работы. Участвуют организации "
        "с завершённой и принятой (maturity review accept) оценкой за год; они сравниваются в номинациях "
        "(заданы в методике: общая «overall» по индексу, другие по показателю или его компоненту) внутри групп "
        "по уровню организации и численности членов профсоюза. Итоговый балл — балл по методике плюс средняя "
        "оценка членов комиссии с весом из правил конкурса в методике.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    actions = p.add_subparsers(dest="action", title="подкоманды", metavar="{results,mark,marks,protocol,diplomas}")
    actions.required = True

    r = actions.add_parser("results", help="рейтинги номинаций по группам, победители",
                           description="Рейтинги номинаций по группам и победители. Ничего не записывает.",
                           epilog=EXIT_2_WRITES_NOTHING)  # fmt: skip
    _common(r)
    r.add_argument("--json", action="store_true", help="вывести JSON вместо текста")
    r.set_defaults(handler=run_results)

    m = actions.add_parser(
        "mark", help="оценка члена комиссии участнику в номинации",
        description="Записать оценку члена комиссии участнику конкурса в номинации (баллы в пределах из правил "
        "конкурса и замечание). Один член комиссии оценивает участника в номинации один раз. Оценка "
        "записывается в журнал (кто ввёл и когда).",
        epilog=EXIT_2_WRITES_NOTHING,
    )  # fmt: skip
    _common(m)
    m.add_argument("--org", required=True, metavar="ORG", help="участник: идентификатор или точное наименование")
    m.add_argument("--nomination", required=True, metavar="ID", help="идентификатор номинации (overall, site…)")
    m.add_argument("--member", required=True, metavar="NAME", help="член комиссии (фамилия, инициалы)")
    m.add_argument("--points", required=True, metavar="N", help="баллы, например 7 или 7,5")
    m.add_argument("--remark", default="", metavar="TEXT", help="замечание (что видно комиссии, но не из ответов)")
    m.set_defaults(handler=run_mark)

    k = actions.add_parser("marks", help="все оценки комиссии: кто, когда, сколько",
                           description="Все оценки комиссии конкурса. Ничего не записывает.",
                           epilog=EXIT_2_WRITES_NOTHING)  # fmt: skip
    _common(k)
    k.add_argument("--json", action="store_true", help="вывести JSON вместо текста")
    k.set_defaults(handler=run_marks)

    o = actions.add_parser(
        "protocol", help="итоговый протокол (.pdf или .xlsx)",
        description="Записать «Итоговый протокол»: комиссия, правила, рейтинги, победители; в Excel — ещё лист "
        "«Лучшие практики» (что делают победители каждой номинации).",
        epilog=EXIT_2_WRITES_A_FILE,
    )  # fmt: skip
    _common(o)
    o.add_argument("-o", "--output", required=True, metavar="FILE", help="файл протокола .pdf или .xlsx")
    o.set_defaults(handler=run_protocol)

    d = actions.add_parser(
        "diplomas", help="дипломы победителей (PDF) в папку",
        description="Записать диплом каждого победителя (PDF, A4 альбомный) в папку: один файл на победителя "
        "номинации в группе.",
        epilog=EXIT_2_WRITES_A_FILE,
    )  # fmt: skip
    _common(d)
    d.add_argument("-o", "--output", required=True, metavar="FOLDER", help="папка для дипломов (создаётся)")
    d.set_defaults(handler=run_diplomas)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", required=True, type=year_argument, metavar="Y", help="год конкурса (отчётный год)")
    parser.add_argument("--parent", metavar="ORG", help=PARENT_HELP)
    add_db_option(parser)


def _results(args: argparse.Namespace) -> ContestResults:
    from maturity.storage.store import open_store
    from maturity.usecases.contest import contest_results

    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        return contest_results(store, args.year, parent)


def run_results(args: argparse.Namespace) -> int:
    from maturity.usecases.contest import results_document
    from maturity.views.contest_text import results_text

    results = _results(args)
    if args.json:
        print(json.dumps(results_document(results), ensure_ascii=False, indent=2))
    else:
        print(results_text(results))
    return EXIT_OK


def run_mark(args: argparse.Namespace) -> int:
    from maturity.storage.store import open_store
    from maturity.usecases.contest import add_mark, parse_points
    from maturity.views.numbers import format_parameter

    points = parse_points(args.points)
    with open_store(getattr(args, "db", None)) as store:
        parent = store.find_organization(args.parent) if args.parent else None
        org = store.find_organization(args.org)
        mark = add_mark(store, args.year, org, args.nomination, args.member, points, args.remark, parent)
    print(f"Оценка {format_parameter(mark.points)} члена комиссии «{mark.member}» для «{org.name}» "
          f"в номинации «{args.nomination}» записана.")  # fmt: skip
    return EXIT_OK


def run_marks(args: argparse.Namespace) -> int:
    from maturity.usecases.contest import marks_document
    from maturity.views.numbers import format_parameter

    found = marks_document(_results(args))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("Оценок комиссии нет.")
    for m in found:
        remark = f" — «{m['remark']}»" if m["remark"] else ""
        print(f"{m['nomination']}: {m['name']} — {m['member']}: {format_parameter(m['points'])}{remark} "
              f"(ввёл {m['marked_by'] or '—'}, {m['marked_at'] or '—'})")  # fmt: skip
    return EXIT_OK


def run_protocol(args: argparse.Namespace) -> int:
    from maturity.errors import BadInput
    from maturity.exchange.contest_workbook import write_protocol_xlsx
    from maturity.output_files import check_output_path

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise BadInput("итоговый протокол записывается в файл .pdf или .xlsx")
    write_pdf: ProtocolWriter | None = getattr(args, "write_protocol_pdf", None)
    if suffix == ".pdf" and write_pdf is None:
        print(f"maturity contest: {NO_WRITER}", file=sys.stderr)
        return EXIT_NO_WRITER
    check_output_path(args.output)  # refused before anything is read
    results = _results(args)
    if suffix == ".pdf" and write_pdf is not None:
        write_pdf(results, args.output)
    else:
        write_protocol_xlsx(results, args.output)
    print(f"Итоговый протокол смотра-конкурса за {args.year} год записан в {args.output}")
    return EXIT_OK


def run_diplomas(args: argparse.Namespace) -> int:
    write: DiplomaWriter | None = getattr(args, "write_diplomas", None)
    if write is None:
        print(f"maturity contest: {NO_WRITER}", file=sys.stderr)
        return EXIT_NO_WRITER
    results = _results(args)
    written = write(results, args.output)
    print(f"Дипломов записано: {len(written)} (папка {args.output})")
    return EXIT_OK
