"""``maturity history --json``: an organization's assessments by year and, between each two consecutive ones,
the figures whose definition changed («методика изменилась»)."""

from __future__ import annotations

from typing import Any

from maturity.method.fingerprint import figures_defined_differently
from maturity.method.profile import Profile
from maturity.storage.models import Organization
from maturity.storage.store import Store
from maturity.usecases.method_changes import known_profiles


def figure_order(profile: Profile, figures: frozenset[str]) -> list[str]:
    """``figures`` as a result shows them: the index, the digital index, the level, the KPIs, the norms."""
    order = ["index", "digital_index", "level", *(k.id for k in profile.kpis), *(n.id for n in profile.norms)]
    return [f for f in order if f in figures]


def history_document(store: Store, organization: Organization) -> dict[str, Any]:
    """Each year (method, version, text hash, index, state, re-scorings) and each consecutive pair of years with
    ``method_changed``: the ids of the figures defined differently (``null`` when a version is not in the database)."""
    assessments = store.list_assessments(organization)
    profiles = known_profiles(store.session, [(a.profile_id, a.profile_version) for a in assessments])
    years = []
    for assessment in assessments:
        score = store.get_score(assessment)
        years.append(
            {
                "year": assessment.year,
                "profile_id": assessment.profile_id,
                "profile_version": assessment.profile_version,
                "profile_sha256": assessment.profile_sha256,
                "index": score.index if score is not None else None,
                "status": assessment.status,
                "rescores": [
                    {
                        "at": r.rescored_at.isoformat(),
                        "from_version": r.from_version,
                        "to_version": r.to_version,
                        "by": r.rescored_by,
                    }
                    for r in store.rescores(assessment)
                ],
            }
        )
    pairs = []
    for before, now in zip(assessments, assessments[1:], strict=False):
        then = profiles.get((before.profile_id, before.profile_version))
        current = profiles.get((now.profile_id, now.profile_version))
        changed = (
            figure_order(current, figures_defined_differently(then, current))
            if then is not None and current is not None
            else None
        )
        pairs.append({"from": before.year, "to": now.year, "method_changed": changed})
    return {
        "organization": {"name": organization.name, "organization_id": organization.uid},
        "years": years,
        "pairs": pairs,
    }
