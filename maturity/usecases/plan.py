"""The plan kept with an assessment, and last year's plan against this year: what the app, the command
line and the passport read.

:func:`assessment_plan` is the stored plan of an organization's year, or — until one is kept — the
road map of that year as a plan (every step planned, due in its quarter). :func:`last_year_review`
puts the plan kept with the organization's previous assessment beside this year's scores
(:func:`maturity.engine.plan_review.review_plan`). Both read stored answers and score them here,
for reading only: nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.plan_review import PlanReview, review_plan
from maturity.engine.scoring import ScoreResult, score
from maturity.errors import BadInput
from maturity.method.profile import Profile, find_profile
from maturity.storage.models import Organization
from maturity.storage.store import Store


@dataclass(frozen=True)
class AssessmentPlan:
    organization_name: str
    year: int
    profile: Profile
    steps: list[PlanStep]
    saved: bool  # False: the road map as a plan, not kept yet


def assessment_plan(store: Store, org: Organization | int, year: int) -> AssessmentPlan:
    """The plan of ``org``'s assessment of ``year``: the stored one, else the road map as a plan."""
    organization = org if isinstance(org, Organization) else store.get_organization(int(org))
    if organization is None:
        raise BadInput(f"организация №{org} не найдена")
    assessment = store.get_assessment(organization, year)
    if assessment is None:
        raise BadInput(f"у организации «{organization.name}» нет оценки за {year} год")
    profile = find_profile(assessment.profile_id, assessment.profile_version)
    stored = store.get_plan(assessment)
    if stored is not None:
        return AssessmentPlan(organization.name, year, profile, stored, True)
    return AssessmentPlan(organization.name, year, profile, default_plan(profile, assessment.answers, year), False)


def last_year_review(
    store: Store, org_id: int, year: int, profile: Profile | None = None, result: ScoreResult | None = None
) -> PlanReview | None:
    """The plan kept with the organization's latest assessment before ``year`` against ``year``'s scores
    (``result``: the scores on screen; None: the stored answers of ``year`` scored). None when that
    assessment kept no plan, or there is none."""
    earlier = [a for a in store.list_assessments(org_id) if a.year < year]
    if not earlier:
        return None
    before = earlier[-1]
    plan = store.get_plan(before)
    if plan is None:
        return None
    if result is None:
        now = store.get_assessment(org_id, year)
        if now is None:
            return None
        profile = find_profile(now.profile_id, now.profile_version)
        result = score(profile, now.answers)
    profile_before = find_profile(before.profile_id, before.profile_version)
    return review_plan(
        profile or profile_before, plan, score(profile_before, before.answers), result, before.year, year, profile_before
    )
