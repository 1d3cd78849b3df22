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
from maturity.storage.own_targets_journal import accepted_lock, locked_targets_reason
from maturity.storage.store import Store


@dataclass(frozen=True)
class TargetsOfYear:
    organization: Organization
    year: int
    profile: Profile
    level: str | None
    targets: OwnTargets | None  # None: none approved yet
    locked: str | None = None  # why they do not change (the year's assessment is accepted); None: they may


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
    org_id = store.stored_id(organization)
    targets = get_own_targets(store, org_id, year)
    level = _level(profile, organization, assessment)
    return TargetsOfYear(organization, year, profile, level, targets, targets_lock(store, organization, year))


def targets_lock(store: Store, organization: Organization, year: int) -> str | None:
    """Why the organization's targets for ``year`` do not change (its assessment of that year is accepted: who
    accepted it, when, and how to reopen it); None when they may."""
    lock = accepted_lock(store, store.stored_id(organization), year)
    return None if lock is None else locked_targets_reason(organization.name, organization.uid, year, *lock)


def save_targets(
    store: Store, org: Organization | int, year: int, values: Mapping[str, Any], decision: Decision
) -> OwnTargets:
    """Keep the approved values (checked: bounds, a floor) and the decision for the organization's ``year``, with
    the journal entry of what changed; AssessmentLocked when they would change and that year is accepted."""
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
