"""Last year's plan, this year: which steps were done, and whether what they were to improve improved.

A component step «done» is checked against the two years' scores: did the component's value rise,
and how many index points its change is worth (its share of each year's index, this year's minus
last year's). A norm step is checked by the norm: met this year where it failed last year. A step
marked done whose component (or norm) did not improve is said so — ``verdict`` «not_risen».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from maturity.engine.plan import PlanStep
from maturity.engine.rounding import reported_change
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
    index_points: float | None  # the component's change in index points (None for a norm or n/a)
    verdict: Verdict


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
        """The index points the done steps' components moved, together."""
        return sum(o.index_points or 0.0 for o in self.done)


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
            old, new, points = _norm_value(before, step.step), _norm_value(after, step.step), None
        if step.status != "done":
            verdict: Verdict = "not_done"
        elif old is None or new is None:
            verdict = "unknown"
        else:
            verdict = "risen" if new > old else "not_risen"
        outcomes.append(StepOutcome(step, old, new, points, verdict))
    return PlanReview(year_before, year_after, tuple(outcomes), before.index, after.index)
