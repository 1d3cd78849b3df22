"""``maturity targets``: the organization's own targets for a year, approved by its elected body, beside the
federation's values, and — once the year is assessed — met or not."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, add_org_option, year_argument


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "targets",
        help="целевые показатели организации, утверждённые её выборным органом на год",
        description="Показать целевые показатели организации на год, утверждённые решением её выборного органа, "
        "рядом со значениями федерации; если за этот год есть оценка — выполнен ли каждый.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="год, на который утверждены цели")
    p.add_argument("--json", action="store_true", help="вывести в JSON")
    add_db_option(p)
    p.set_defaults(handler=run_targets)


def run_targets(args: argparse.Namespace) -> int:
    from maturity.engine.own_targets import federation_value, outcomes_json, target_slots
    from maturity.storage.store import open_store
    from maturity.usecases.own_targets import target_results, targets_of_year
    from maturity.views.own_targets_text import (
        decision_line,
        outcomes_text,
        targets_rows,
        targets_title,
    )

    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        kept = targets_of_year(store, organization, args.year)
        results = target_results(store, organization, args.year)
    profile, targets = kept.profile, kept.targets
    if args.json:
        data: dict[str, Any] = {
            "organization_id": organization.uid,
            "year": args.year,
            "decision": None if targets is None else targets.decision.text(),
            "values": {} if targets is None else dict(targets.values),
            "federation": {s.id: federation_value(profile, s, kept.level) for s in target_slots(profile)},
        }
        if results is not None:
            data["own_targets"] = outcomes_json(results.outcomes)
            data["met"], data["total"] = results.summary.met, results.summary.total
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    lines = [f"{targets_title(args.year)}: {organization.name}", decision_line(targets), ""]
    rows = targets_rows(profile, targets, kept.level)
    width = max(len(r[0]) for r in rows)
    lines.append(f"{'Показатель'.ljust(width)}  {'Федерация':<24}  Утверждено")
    for label, federation, own, floor in rows:
        mark = f"  ({floor})" if floor else ""
        lines.append(f"{label.ljust(width)}  {federation:<24}  {own}{mark}")
    sys.stdout.write("\n".join(lines) + "\n")
    if results is not None:
        sys.stdout.write(outcomes_text(results.outcomes, results.summary))
    return 0
