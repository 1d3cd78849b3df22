"""``maturity score`` (``maturity profiles`` is in :mod:`maturity.cli.profile_commands`)."""

from __future__ import annotations

import argparse
import json
import sys

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option
from maturity.engine.draft_range import index_range
from maturity.engine.explain import explain, explanation_json
from maturity.engine.own_targets import outcomes_json, results_for
from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.errors import BadInput
from maturity.exchange.files import read_assessment_file
from maturity.method.profile import load_profile_argument
from maturity.views.explain_text import explanation_text
from maturity.views.own_targets_text import outcomes_text
from maturity.views.score_text import score_table


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "score",
        help="рассчитать показатели по файлу оценки",
        description="Рассчитать десять КПЭ, индекс, уровень и нормативы по файлу оценки (JSON или книга Excel).",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    p.add_argument("file", metavar="FILE", help="файл оценки .json или книга Excel .xlsx")
    p.add_argument(
        "--profile", metavar="ID|PATH", help="методика: id встроенной или установленной в базе, или путь к YAML-файлу"
    )
    p.add_argument(
        "--version",
        metavar="V",
        help="версия методики (с --profile ID или методикой файла; например, 2025.1 или 2026.1)",
    )
    p.add_argument("--json", action="store_true", help="вывести результат в JSON (формат §9 методики)")
    p.add_argument(
        "--benchmark", metavar="FILE",
        help="файл сравнения (maturity benchmark): добавить место организации среди организаций её уровня",
    )  # fmt: skip
    p.add_argument(
        "--explain",
        action="store_true",
        help="показать, из чего складывается каждый КПЭ: компоненты, их веса, ответы, значения и прирост индекса "
        "(с --json — объект components)",
    )
    add_db_option(p)
    p.set_defaults(handler=run_score)


def run_score(args: argparse.Namespace) -> int:
    from maturity.usecases.profiles import database_catalog

    catalog = database_catalog(getattr(args, "db", None))  # read only: score writes nothing
    document = read_assessment_file(args.file, catalog)
    profile, answers = document.profile, document.answers
    if args.version is not None:  # a version of the named method, or of the file's own
        named = args.profile or profile.id
        if named not in catalog.ids():
            raise BadInput(
                "--version задаётся вместе с id методики (встроенной или установленной), а не с путём к файлу"
            )
        profile = catalog.find(named, args.version)
        answers = clean_answers(profile, answers)
    elif args.profile:
        profile = load_profile_argument(args.profile, catalog)  # the user's choice: an installed id or a YAML path
        answers = clean_answers(profile, answers)
    result = score(profile, answers)
    peers_block = None
    if args.benchmark:
        peers_block = _peers(args.benchmark, profile, answers, result, catalog)
    explained = explain(profile, answers, result) if args.explain else None
    span = None if result.complete else index_range(profile, answers)
    own = results_for(profile, document.own_targets, answers)  # the file's own targets for its year, met or not
    if args.json:
        output = result.to_json()
        if not result.complete:  # a draft: the range it can still end in, its level only if the range fits one
            output["index_range"] = span.to_json() if span is not None else None
            output["level"] = span.level if span is not None else None
        if explained is not None:
            output["components"] = explanation_json(explained)
        if peers_block is not None:
            output["peers"] = {k: p.to_json() for k, p in (peers_block[1] or {}).items()}
        if own is not None:
            output["own_targets"] = outcomes_json(own.outcomes)
        json.dump(output, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(score_table(profile, result, answers, document.year, span))
        if explained is not None:
            sys.stdout.write(explanation_text(profile, explained, answers))
        if peers_block is not None:
            from maturity.views.peers_text import peers_lines

            sys.stdout.write(peers_lines(profile, *peers_block))
        if own is not None:
            sys.stdout.write(outcomes_text(own.outcomes, own.summary))
    return 0


def _peers(path: str, profile, answers, result, catalog):
    """(level, positions or None, year) of the organization against the benchmark file at ``path``."""
    from maturity.engine.benchmark import organization_peers
    from maturity.exchange.benchmark_json import check_benchmark_profile, read_benchmark_json

    benchmark = read_benchmark_json(path, catalog)
    check_benchmark_profile(benchmark, profile)
    level = profile.organization_fact(answers, "level")
    return level, organization_peers(benchmark, level, result), benchmark.year
