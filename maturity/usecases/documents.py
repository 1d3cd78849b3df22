"""A stored assessment as an exchange document, for the JSON and workbook exports."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from maturity.engine.own_targets import OwnTargets, slot_by_id
from maturity.engine.scoring import score
from maturity.engine.year_change import YearChange, year_change
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.method.profile import Profile
from maturity.storage.answer_notes import attachments_of, merge_of, notes_of
from maturity.storage.models import Organization
from maturity.storage.own_targets import get_own_targets
from maturity.storage.review import reviews_of
from maturity.storage.store import OrganizationNotFound, Store
from maturity.usecases.earlier_year import earlier_year


def assessment_document(store: Store, org: Organization | int, year: int) -> AssessmentDocument:
    """The assessment of ``org`` for ``year``; meta carries the organization's and parent's uids, ``plan``
    the plan kept with it (None when none is)."""
    org_id = org.id if isinstance(org, Organization) else int(org)
    organization = store.get_organization(org_id) if org_id is not None else None
    if organization is None:
        raise OrganizationNotFound(f"организация №{org_id} не найдена")
    assessment = store.get_assessment(organization, year)
    if assessment is None:
        raise BadInput(f"у организации «{organization.name}» нет оценки за {year} год")
    meta: dict[str, Any] = {"organization_id": organization.uid}
    if organization.parent_id is not None:
        parent = store.get_organization(organization.parent_id)
        if parent is not None:
            meta["parent_organization_id"] = parent.uid
    profile = store.profile_of(assessment)  # the very text it was scored with
    aid = store.stored_id_of(assessment)
    review = reviews_of(store.session, [aid])[aid]
    notes = notes_of(store.session, [aid])[aid]
    return AssessmentDocument(
        profile=profile, year=year, answers=dict(assessment.answers), meta=meta, plan=store.get_plan(assessment),
        review=review.file_block(), own_targets=own_targets_for(store, organization, year, profile),
        notes=notes or None, merge=merge_of(store.session, aid),
        attachments=attachments_of(store.session, aid) or None,
    )  # fmt: skip


def own_targets_for(store: Store, organization: Organization, year: int, profile: Profile) -> OwnTargets | None:
    """The targets kept for the organization's year, with only the parameters ``profile`` has targets for."""
    kept = get_own_targets(store, store.stored_id(organization), year)
    if kept is None:
        return None
    slots = slot_by_id(profile)
    return replace(kept, values={k: v for k, v in kept.values.items() if k in slots})


def change_since_earlier_year(store: Store, document: AssessmentDocument, org_id: int) -> YearChange | None:
    """«Что изменилось» from the organization's latest assessment before the document's year (None: none)."""
    earlier = earlier_year(store.session, org_id, document.year)
    if earlier is None:
        return None
    return year_change(document.profile, document.year, score(document.profile, document.answers), earlier)
