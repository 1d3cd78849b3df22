"""``maturity plan``: the plan kept with an organization's assessment, and last year's plan results."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from maturity.cli.options import EXIT_2_WRITES_NOTHING, add_db_option, add_org_option, year_argument
from maturity.engine.own_targets import target_slots
from maturity.engine.plan import done_share
from maturity.engine.rounding import round_figure


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "plan",
        help="план организации на следующий год по оценке",
        description="Показать план, который хранится с оценкой организации за год: шаги дорожной карты, их статус, "
        "ответственного, срок (квартал) и примечание; пока план не сохранён — дорожную карту как план. "
        "Если с оценкой прошлого года хранится план, показать и его итоги: какие шаги выполнены и вырос ли показатель.",
        epilog=EXIT_2_WRITES_NOTHING,
    )
    add_org_option(p)
    p.add_argument("--year", required=True, type=year_argument, metavar="Y", help="отчётный год оценки")
    p.add_argument("--json", action="store_true", help="вывести план в JSON")
    add_db_option(p)
    p.set_defaults(handler=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from maturity.storage.own_targets import get_own_targets
    from maturity.storage.store import open_store
    from maturity.usecases.plan import assessment_plan, last_year_review
    from maturity.views.own_targets_text import step_targets
    from maturity.views.plan_text import plan_text, review_text

    with open_store(getattr(args, "db", None)) as store:
        organization = store.find_organization(args.org)
        plan = assessment_plan(store, organization, args.year)
        review = last_year_review(store, store.stored_id(organization), args.year)
        approved = get_own_targets(store, store.stored_id(organization), args.year + 1)  # for the plan's year
    if args.json:
        data: dict[str, Any] = {
            "organization_id": organization.uid,
            "year": args.year,
            "saved": plan.saved,
            "plan": [step.to_json() for step in plan.steps],
            "done_share": done_share(plan.steps),
        }
        if approved is not None:  # the own targets approved for the plan's year, by the step they belong to
            data["own_targets"] = {
                s.step: {"parameter": s.id, "value": approved.values[s.id]}
                for s in target_slots(plan.profile)
                if s.id in approved.values
            }
        if review is not None:
            data["last_year"] = {
                "year": review.year_before,
                "index_change": review.reported_index_change,
                "steps": [
                    {
                        "step": o.step.step,
                        "status": o.step.status,
                        "verdict": o.verdict,
                        "index_points": round_figure(o.index_points),
                    }
                    for o in review.outcomes
                ],
            }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    notes = step_targets(plan.profile, approved.values if approved is not None else None)
    sys.stdout.write(
        plan_text(plan.profile, plan.organization_name, args.year, plan.steps, plan.saved, plan.answers, notes)
    )
    if review is not None:
        sys.stdout.write(review_text(plan.profile, review))
    return 0
