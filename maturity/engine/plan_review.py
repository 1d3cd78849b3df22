"""Last year's plan, this year: which steps were done, and whether what they were to improve improved.

A component step «done» is checked against the two years' scores: did the component's value rise,
and how many index points its change is worth (its share of each year's index, this year's minus
last year's). A norm step is checked by the norm: met this year where it failed last year; its points
are those of the components that read the norm's questions. A step marked done whose component (or
norm) did not improve is said so — ``verdict`` «not_risen». A step not marked done whose component
rose (or whose norm is met now) ``looks_done``: the app proposes «по ответам похоже, что выполнен».

The points of the done steps together (``done_points``) are the sum of each step's points as reported
(rounded to one decimal), so the summary's total is the sum of the figures in the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from maturity.engine.plan import PlanStep
from maturity.engine.rounding import reported_change, rounded
from maturity.engine.scoring import ScoreResult
from maturity.method.profile import Profile

Verdict = Literal["risen", "not_risen", "not_done", "unknown"]
VERDICT_LABELS = {
    "risen": "выполнен, показатель вырос",
    "not_risen": "отмечен выполненным, но показатель не вырос",
    "not_done": "не выполнен",
    "unknown": "выполнен, изменение не определить",
}


@dataclass(frozen=True)
class StepOutcome:
    step: PlanStep
    before: float | None  # the component's value 0..1 last year (a norm: 1 met, 0 not, None n/a)
    after: float | None
    index_points: float | None  # the change in index points of the component (a norm: of its components); None: n/a
    verdict: Verdict

    @property
    def improved(self) -> bool:
        """The component's value rose (a norm: met now, not met then)."""
        return self.before is not None and self.after is not None and self.after > self.before

    @property
    def looks_done(self) -> bool:
        """Still open (planned, in progress), but the answers say what it was to improve did improve."""
        return not self.settled and self.improved

    @property
    def settled(self) -> bool:
        """The chair has said how the step ended: done or dropped (planned / in progress are still open)."""
        return self.step.status in ("done", "dropped")


@dataclass(frozen=True)
class PlanReview:
    year_before: int
    year_after: int
    outcomes: tuple[StepOutcome, ...]
    index_before: float | None
    index_after: float | None

    @property
    def done(self) -> tuple[StepOutcome, ...]:
        return tuple(o for o in self.outcomes if o.step.status == "done")

    @property
    def index_change(self) -> float | None:
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before

    @property
    def reported_index_change(self) -> float | None:
        """The index's change as the two reported figures show it («45,5 → 58,4»: +12,9)."""
        return reported_change(self.index_after, self.index_before)

    @property
    def done_points(self) -> float:
        """The index points the done steps moved, together: the sum of each step's reported points."""
        return float(sum((rounded(o.index_points) for o in self.done if o.index_points is not None), Decimal(0)))

    @property
    def open_steps(self) -> tuple[StepOutcome, ...]:
        """The steps whose end the chair has not told yet (planned or in progress)."""
        return tuple(o for o in self.outcomes if not o.settled)


def component_points(profile: Profile, result: ScoreResult, kpi_id: str, comp_id: str) -> float | None:
    """A component's share of the index: ``100 · w_c · v / Σw_scored(kpi) · W_kpi / ΣW_scored``."""
    kpis = {k.id: k for k in profile.kpis}
    kpi = kpis.get(kpi_id)
    values = result.components.get(kpi_id)
    if kpi is None or values is None or values.get(comp_id) is None:
        return None
    total = sum(c.weight for c in kpi.components if values.get(c.id) is not None)
    weights = sum(kpis[k].weight for k, v in result.kpis.items() if v is not None and k in kpis)
    weight = next(c.weight for c in kpi.components if c.id == comp_id)
    value = values[comp_id]
    assert value is not None  # checked above
    return 100.0 * weight * value / total * kpi.weight / weights


def norm_components(profile: Profile, norm_id: str) -> list[tuple[str, str]]:
    """The (KPI, component) pairs that read a question of the norm (the organization's size and level,
    which every target reads, aside)."""
    from maturity.engine.explain import component_questions
    from maturity.engine.norms import compile_norms

    compiled = next((n for n in compile_norms(profile).items if n.norm.id == norm_id), None)
    if compiled is None:
        return []
    facts = {profile.organization_question("members"), profile.organization_question("level")}
    inputs = set(compiled.rule.inputs()) - facts
    return [
        (kpi.id, comp.id)
        for kpi in profile.kpis
        for comp in kpi.components
        if inputs & set(component_questions(profile, comp))
    ]


def _norm_points(
    profile: Profile, profile_before: Profile, before: ScoreResult, after: ScoreResult, norm_id: str
) -> float | None:
    """The change in index points of the components that read the norm's questions (None: none can tell)."""
    total, known = 0.0, False
    for kpi_id, comp_id in norm_components(profile, norm_id):
        old = component_points(profile_before, before, kpi_id, comp_id)
        new = component_points(profile, after, kpi_id, comp_id)
        if old is not None and new is not None:
            total += new - old
            known = True
    return total if known else None


def _norm_value(result: ScoreResult, norm_id: str) -> float | None:
    outcome = result.norms.get(norm_id)
    if outcome is None or outcome.status == "n/a":
        return None
    return 1.0 if outcome.status == "pass" else 0.0


def review_plan(
    profile: Profile,
    plan: Sequence[PlanStep],
    before: ScoreResult,
    after: ScoreResult,
    year_before: int,
    year_after: int,
    profile_before: Profile | None = None,
) -> PlanReview:
    """Last year's plan (``plan``, kept with ``year_before``'s assessment) against both years' scores;
    ``profile``: this year's method, ``profile_before`` last year's (when it differs)."""
    profile_before = profile_before or profile
    outcomes = []
    for step in plan:
        kpi_id, dot, comp_id = step.step.partition(".")
        if dot:
            old = before.components.get(kpi_id, {}).get(comp_id)
            new = after.components.get(kpi_id, {}).get(comp_id)
            points_old = component_points(profile_before, before, kpi_id, comp_id)
            points_new = component_points(profile, after, kpi_id, comp_id)
            points = None if points_old is None or points_new is None else points_new - points_old
        else:
            old, new = _norm_value(before, step.step), _norm_value(after, step.step)
            points = _norm_points(profile, profile_before, before, after, step.step)
        if step.status != "done":
            verdict: Verdict = "not_done"
        elif old is None or new is None:
            verdict = "unknown"
        else:
            verdict = "risen" if new > old else "not_risen"
        outcomes.append(StepOutcome(step, old, new, points, verdict))
    return PlanReview(year_before, year_after, tuple(outcomes), before.index, after.index)
