"""The plan kept with an assessment, and last year's plan against this year: what the app, the command
line and the passport read.

:func:`assessment_plan` is the stored plan of an organization's year, or — until one is kept — the
road map of that year as a plan (every step planned, due in its quarter). :func:`last_year_review`
puts the plan kept with the organization's previous assessment beside this year's scores
(:func:`maturity.engine.plan_review.review_plan`). Both read stored answers and score them here,
for reading only: nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.plan_review import PlanReview, review_plan
from maturity.engine.scoring import ScoreResult, score
from maturity.errors import BadInput
from maturity.method.profile import Profile
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import Store


@dataclass(frozen=True)
class AssessmentPlan:
    organization_name: str
    year: int
    profile: Profile
    steps: list[PlanStep]
    saved: bool  # False: the road map as a plan, not kept yet
    answers: Mapping[str, Any] = field(default_factory=dict)  # the year's answers: what each step has left


def organization_assessment(store: Store, org: Organization | int, year: int) -> tuple[Organization, Assessment]:
    """``org`` and its stored assessment of ``year``; BadInput with the reason when either is missing."""
    organization = org if isinstance(org, Organization) else store.get_organization(int(org))
    if organization is None:
        raise BadInput(f"организация №{org} не найдена")
    assessment = store.get_assessment(organization, year)
    if assessment is None:
        raise BadInput(f"у организации «{organization.name}» нет оценки за {year} год")
    return organization, assessment


def assessment_plan(store: Store, org: Organization | int, year: int) -> AssessmentPlan:
    """The plan of ``org``'s assessment of ``year``: the stored one, else the road map as a plan."""
    organization, assessment = organization_assessment(store, org, year)
    profile = store.profile_of(assessment)
    stored = store.get_plan(assessment)
    if stored is not None:
        return AssessmentPlan(organization.name, year, profile, stored, True, assessment.answers)
    steps = default_plan(profile, assessment.answers, year)
    return AssessmentPlan(organization.name, year, profile, steps, False, assessment.answers)


@dataclass(frozen=True)
class LastYearPlan:
    """The plan kept with the organization's previous assessment, and that assessment's scores."""

    year: int
    profile: Profile
    steps: list[PlanStep]
    result: ScoreResult

    def review(self, profile: Profile, result: ScoreResult, year: int) -> PlanReview:
        """This plan against ``year``'s scores (``profile``: that year's method)."""
        return review_plan(profile, self.steps, self.result, result, self.year, year, self.profile)


def last_year_plan(store: Store, org_id: int, year: int) -> LastYearPlan | None:
    """The plan kept with the organization's latest assessment before ``year``; None when that
    assessment kept no plan, or there is none."""
    earlier = [a for a in store.list_assessments(org_id) if a.year < year]
    if not earlier:
        return None
    before = earlier[-1]
    steps = store.get_plan(before)
    if steps is None:
        return None
    profile = store.profile_of(before)
    return LastYearPlan(before.year, profile, steps, score(profile, before.answers))


def last_year_review(store: Store, org_id: int, year: int) -> PlanReview | None:
    """Last year's plan against the stored assessment of ``year`` (None when either is missing)."""
    last = last_year_plan(store, org_id, year)
    now = store.get_assessment(org_id, year)
    if last is None or now is None:
        return None
    profile = store.profile_of(now)
    return last.review(profile, score(profile, now.answers), year)
