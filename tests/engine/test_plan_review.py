"""Last year's plan against this year's scores, on hand-built scores and on stored years."""

from __future__ import annotations

import pytest

from maturity.engine.norms import NormOutcome
from maturity.engine.plan import PlanStep
from maturity.engine.plan_review import review_plan
from maturity.engine.scoring import ScoreResult
from maturity.method.profile import load_profile

PROFILE = load_profile("fnpr-base")
KPIS = PROFILE.kpis
NORM = PROFILE.norms[0].id


def built(component_values: dict[str, float], norm_status: str = "fail") -> ScoreResult:
    """Scores by hand: every component 0.5 unless given, each KPI 50 unless a given component moves it."""
    components, kpis = {}, {}
    for kpi in KPIS:
        values = {c.id: component_values.get(f"{kpi.id}.{c.id}", 0.5) for c in kpi.components}
        components[kpi.id] = values
        total = sum(c.weight for c in kpi.components)
        kpis[kpi.id] = 100 * sum(c.weight * values[c.id] for c in kpi.components) / total
    index = sum(kpis.values()) / len(kpis)  # every KPI weighs 1 in fnpr-base
    norms = {n.id: NormOutcome("n/a", "") for n in PROFILE.norms}
    norms[NORM] = NormOutcome(norm_status, "")
    return ScoreResult(PROFILE.id, PROFILE.version, kpis, components, index, None, None, norms, 1.0)


def step_of(kpi_number: int, component_number: int = 0) -> tuple[str, float]:
    kpi = KPIS[kpi_number]
    component = kpi.components[component_number]
    return f"{kpi.id}.{component.id}", component.weight / sum(c.weight for c in kpi.components)


def test_a_done_step_whose_component_rose_counts_its_index_points():
    step, share = step_of(0)
    before, after = built({}), built({step: 1.0})
    review = review_plan(PROFILE, [PlanStep(step, "done")], before, after, 2025, 2026)
    (outcome,) = review.outcomes
    assert outcome.verdict == "risen" and (outcome.before, outcome.after) == (0.5, 1.0)
    # the component went 0.5 → 1: its KPI moves by 100 · share · 0.5, the index by a tenth of that
    assert outcome.index_points == pytest.approx(100 * share * 0.5 / len(KPIS))
    assert review.index_change == pytest.approx(outcome.index_points)
    assert review.done_points == pytest.approx(outcome.index_points)


@pytest.mark.parametrize("after_value", [0.5, 0.2, 0.0])
def test_a_step_marked_done_whose_component_did_not_rise_is_said_so(after_value):
    step, share = step_of(3, 1)
    review = review_plan(PROFILE, [PlanStep(step, "done")], built({}), built({step: after_value}), 2025, 2026)
    (outcome,) = review.outcomes
    assert outcome.verdict == "not_risen"
    assert outcome.index_points == pytest.approx(100 * share * (after_value - 0.5) / len(KPIS))


@pytest.mark.parametrize("status", ["planned", "in_progress", "dropped"])
def test_a_step_not_done_is_not_done_even_when_its_component_rose(status):
    step, _ = step_of(7, 2)
    review = review_plan(PROFILE, [PlanStep(step, status)], built({}), built({step: 1.0}), 2025, 2026)
    assert review.outcomes[0].verdict == "not_done"
    assert review.done == ()


@pytest.mark.parametrize(
    "before, after, verdict",
    [
        ("fail", "pass", "risen"),
        ("fail", "fail", "not_risen"),
        ("pass", "pass", "not_risen"),
        ("n/a", "pass", "unknown"),
    ],
)
def test_a_norm_step_is_checked_by_the_norm(before, after, verdict):
    review = review_plan(PROFILE, [PlanStep(NORM, "done")], built({}, before), built({}, after), 2025, 2026)
    # the components reading the norm's questions did not move in these hand-built scores: 0 points
    assert review.outcomes[0].verdict == verdict and review.outcomes[0].index_points == 0.0


def test_several_steps_their_points_add_up_to_the_index_change_when_only_they_moved():
    steps = [step_of(0)[0], step_of(1)[0], step_of(4, 1)[0]]
    after = built({steps[0]: 1.0, steps[1]: 0.0, steps[2]: 0.75})
    review = review_plan(PROFILE, [PlanStep(s, "done") for s in steps], built({}), after, 2025, 2026)
    assert [o.verdict for o in review.outcomes] == ["risen", "not_risen", "risen"]
    assert review.done_points == pytest.approx(review.index_change)


def test_the_stored_years_give_last_years_plan_results(store, base_profile, example_answers):
    from maturity.engine.explain import explain
    from maturity.usecases.plan import last_year_review

    answers = example_answers("primary-small.json")
    org = store.create_organization("ППО", "primary")
    store.save_assessment(org, 2025, base_profile, answers)
    # last year's first two zero-valued components: the chair did one of them this year (given the best option)
    zero = [c for kpi in explain(base_profile, answers) for c in kpi.components if c.value == 0.0]
    raised, left = zero[0], zero[1]
    question = base_profile.question(raised.questions[0])
    best = True if question.type == "bool" else max(question.options, key=lambda o: o.value or 0).id
    store.save_assessment(org, 2026, base_profile, {**answers, question.id: best})
    store.save_plan(org, 2025, [PlanStep(raised.step, "done"), PlanStep(left.step, "done"), PlanStep(zero[2].step)])
    review = last_year_review(store, org.id, 2026)
    assert [o.verdict for o in review.outcomes] == ["risen", "not_risen", "not_done"]
    assert review.outcomes[0].index_points == pytest.approx(raised.gain)  # 0 → 1: exactly its gain last year
    assert review.index_change == pytest.approx(raised.gain)
    assert last_year_review(store, org.id, 2025) is None  # no earlier year
