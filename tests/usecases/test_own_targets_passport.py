"""The passport's own targets (issue 29): the year's targets met or not, in its text and its HTML, and a plan step
whose component has a target approved for the plan's year names it — in the passport and in ``maturity plan``."""

from __future__ import annotations

from maturity.engine.own_targets import Decision
from maturity.engine.plan import PlanStep
from maturity.storage.own_targets import get_own_targets
from maturity.usecases.own_targets import save_targets
from maturity.usecases.passport import passport_from_store
from maturity.usecases.plan import assessment_plan
from maturity.views.own_targets_text import step_targets
from maturity.views.plan_text import plan_text


def test_the_passport_says_how_many_approved_targets_were_met_and_names_the_plans_targets(
    store, base_profile, example_answers
):
    org = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(org, 2025, base_profile, example_answers("primary-small.json"))
    # 2025: 3 meetings against 4 (missed), 2,5 % of the budget against 5 % (missed), 2 campaigns against 1 (met)
    save_targets(
        store, org, 2025, {"meetings_target": 4, "funding_target_share": 0.05, "campaigns_target": 1},
        Decision("Профком", "1", "2024-12-20"),
    )  # fmt: skip
    save_targets(store, org, 2026, {"funding_target_share": 0.08}, Decision("Профком", "9", "2025-12-19"))
    store.save_plan(org, 2025, [PlanStep("k2.funding"), PlanStep("k3.meetings"), PlanStep("n1_funding")])
    passport = passport_from_store(store, org, 2025)
    results = passport.own_targets
    assert results is not None
    assert results.heading == "Выполнение утверждённых целевых показателей: 1 из 3"
    assert results.decision == "Утверждены: Профком № 1 от 20.12.2024"
    lines = {line.label: line for line in results.lines}
    meetings = lines["Целевое число информационных собраний в год"]
    assert (meetings.approved, meetings.target, meetings.actual, meetings.met) == ("4", "4", "3", "не выполнен")
    funding = lines["Целевая доля расходов на информационную работу в бюджете"]
    assert (funding.target, funding.actual, funding.met) == ("5\u00a0%", "2,5\u00a0%", "не выполнен")
    [funding_step, meetings_step, funding_norm] = passport.plan
    assert funding_step.what.endswith("(утверждённая цель: 8\u00a0%)")
    assert "утверждённая цель" not in meetings_step.what  # no target approved for 2026 for meetings
    assert funding_norm.what.endswith("(утверждённая цель: 8\u00a0%)")  # the norm reads the same parameter

    from ui.passport.html import passport_html

    html = passport_html(passport)
    assert "Выполнение утверждённых целевых показателей" in html and "Профком № 1 от 20.12.2024" in html

    plan = assessment_plan(store, org, 2025)
    notes = step_targets(base_profile, get_own_targets(store, org.id, 2026).values)
    text = plan_text(base_profile, "ППО", 2025, plan.steps, plan.saved, plan.answers, notes)
    assert "(утверждённая цель: 8\u00a0%)" in text.splitlines()[2]


def test_a_passport_without_approved_targets_has_no_such_section(store, base_profile, example_answers):
    org = store.create_organization("ППО", "primary")
    store.save_assessment(org, 2025, base_profile, example_answers("primary-small.json"))
    assert passport_from_store(store, org, 2025).own_targets is None
