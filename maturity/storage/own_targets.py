"""The organization's own targets in the database (table ``own_target``): read, and replaced whole.

The values are checked against a method before they are written (:func:`maturity.engine.own_targets.check_values`,
the organization's level for a floor): a bad value is an OwnTargetsInvalid and nothing is written. Every change
is written with its journal entry, in one transaction (:mod:`maturity.storage.own_targets_journal`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from maturity.engine.own_targets import Decision, OwnTargets, check_decision, check_values
from maturity.engine.years import check_year
from maturity.method.profile import Profile
from maturity.storage.database import table_of
from maturity.storage.models import Organization, OwnTarget, utcnow
from maturity.storage.own_targets_journal import change_entry, refuse_if_accepted
from maturity.storage.store import Store

OWN = table_of(OwnTarget)
ORGANIZATION = table_of(Organization)


def _targets(year: int, row: Any) -> OwnTargets:
    decision = Decision(row.decision_body or "", row.decision_number or "", row.decision_date)
    values = {str(k): float(v) for k, v in dict(row.target_values or {}).items()}
    return OwnTargets(year, values, decision)


def get_own_targets(store: Store, org: Organization | int, year: int) -> OwnTargets | None:
    """The targets kept for the organization's ``year``; None when none were approved."""
    org_id = org if isinstance(org, int) else store.stored_id(org)
    c = OWN.c
    row = store.session.execute(
        sa.select(c.decision_body, c.decision_number, c.decision_date, c.target_values).where(
            c.organization_id == org_id, c.year == year
        )
    ).first()
    return None if row is None else _targets(year, row)


def own_targets_by_year(store: Store, org_id: int) -> dict[int, OwnTargets]:
    """Every year's kept targets of one organization."""
    c = OWN.c
    rows = store.session.execute(
        sa.select(c.year, c.decision_body, c.decision_number, c.decision_date, c.target_values).where(
            c.organization_id == org_id
        )
    ).all()
    return {row.year: _targets(row.year, row) for row in rows}


def own_targets_of(store: Store, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], OwnTargets]:
    """The kept targets of many (organization id, year) pairs at once (a report's rows)."""
    wanted = set(pairs)
    if not wanted:
        return {}
    c = OWN.c
    found: dict[tuple[int, int], OwnTargets] = {}
    org_ids = sorted({org for org, _ in wanted})
    for start in range(0, len(org_ids), 500):
        rows = store.session.execute(
            sa.select(
                c.organization_id, c.year, c.decision_body, c.decision_number, c.decision_date, c.target_values
            ).where(c.organization_id.in_(org_ids[start : start + 500]))
        ).all()
        for row in rows:
            if (row.organization_id, row.year) in wanted:
                found[(row.organization_id, row.year)] = _targets(row.year, row)
    return found


def own_targets_by_uid(session: Any, year: int, uids: Sequence[str]) -> dict[str, OwnTargets]:
    """The targets kept for ``year`` of the organizations with these uids (a report's rows), by uid."""
    c, org = OWN.c, ORGANIZATION.c
    found: dict[str, OwnTargets] = {}
    wanted = list(dict.fromkeys(uids))
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            sa.select(org.uid, c.decision_body, c.decision_number, c.decision_date, c.target_values)
            .join(ORGANIZATION, org.id == c.organization_id)
            .where(c.year == year, org.uid.in_(wanted[start : start + 500]))
        ).all()
        for row in rows:
            found[row.uid] = _targets(year, row)
    return found


def write_own_targets(store: Store, org_id: int, targets: OwnTargets) -> None:
    """Replace the kept targets of the organization's year (no commit: inside ``store.atomic()``). No values and
    no decision removes them. The caller writes the change's journal entry beside it (:func:`change_entry`)."""
    c = OWN.c
    store.session.execute(OWN.delete().where(c.organization_id == org_id, c.year == targets.year))
    if not targets.values and targets.decision.empty:
        return
    store.session.execute(
        OWN.insert().values(
            organization_id=org_id,
            year=targets.year,
            decision_body=targets.decision.body,
            decision_number=targets.decision.number,
            decision_date=targets.decision.date,
            target_values=dict(targets.values),
            updated_at=utcnow(),
        )
    )


def save_own_targets(
    store: Store,
    org: Organization | int,
    year: int,
    values: Mapping[str, Any],
    decision: Decision,
    profile: Profile,
) -> OwnTargets:
    """Check ``values`` against ``profile`` (the floor at the organization's level) and keep them for ``year``
    in one transaction with the journal entry of what changed (none when nothing did); the saved targets.
    AssessmentLocked when they would change and the year's assessment is accepted."""
    check_year(year)
    with store.atomic():
        organization = store._existing(org)
        checked = check_values(profile, dict(values), organization.level)
        decision = check_decision(decision.body, decision.number, decision.date)
        targets = OwnTargets(year, checked, decision)
        org_id = store.stored_id(organization)
        before = get_own_targets(store, org_id, year)
        entry = change_entry(organization.uid, organization.name, year, profile, before, targets)
        if entry is not None:
            refuse_if_accepted(store, org_id, organization.name, organization.uid, year)
            write_own_targets(store, org_id, targets)
            store.journal([entry])
    return targets
