"""The organization's own targets for a year: what the app's table, ``maturity targets`` and the result page
read and write, and — once the year's assessment is scored — each target beside what the answers give.

The method the values are checked against is the one the organization works with for that year: the
year's assessment's, else its latest earlier assessment's (the plan the targets stand beside), else the
default method. The level (for the federation's value and a floor) is the organization's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from maturity.engine.own_targets import Decision, OwnTargets, TargetResults, results_for
from maturity.method.profile import Profile, load_profile
from maturity.storage.models import Assessment, Organization
from maturity.storage.own_targets import get_own_targets, save_own_targets
from maturity.storage.store import Store


@dataclass(frozen=True)
class TargetsOfYear:
    organization: Organization
    year: int
    profile: Profile
    level: str | None
    targets: OwnTargets | None  # None: none approved yet


def _working_assessment(store: Store, organization: Organization, year: int) -> Assessment | None:
    """The year's assessment, else the latest before it."""
    earlier = [a for a in store.list_assessments(organization) if a.year <= year]
    return earlier[-1] if earlier else None


def targets_profile(store: Store, organization: Organization, year: int) -> Profile:
    assessment = _working_assessment(store, organization, year)
    return store.profile_of(assessment) if assessment is not None else load_profile()


def _level(profile: Profile, organization: Organization, assessment: Assessment | None) -> str | None:
    if organization.level:
        return organization.level
    if assessment is not None:
        level = assessment.answers.get(profile.organization_question("level"))
        return level if isinstance(level, str) else None
    return None


def targets_of_year(store: Store, org: Organization | int, year: int) -> TargetsOfYear:
    organization = store._existing(org)
    assessment = _working_assessment(store, organization, year)
    profile = store.profile_of(assessment) if assessment is not None else load_profile()
    targets = get_own_targets(store, store.stored_id(organization), year)
    return TargetsOfYear(organization, year, profile, _level(profile, organization, assessment), targets)


def save_targets(
    store: Store, org: Organization | int, year: int, values: Mapping[str, Any], decision: Decision
) -> OwnTargets:
    """Keep the approved values (checked: bounds, a floor) and the decision for the organization's ``year``."""
    organization = store._existing(org)
    return save_own_targets(store, organization, year, values, decision, targets_profile(store, organization, year))


def target_results(store: Store, org: Organization | int, year: int) -> TargetResults | None:
    """The year's own targets beside the year's assessment; None when either is missing."""
    organization = store._existing(org)
    assessment = store.get_assessment(organization, year)
    if assessment is None:
        return None
    targets = get_own_targets(store, store.stored_id(organization), year)
    return results_for(store.profile_of(assessment), targets, assessment.answers)
