"""Merging two records of one organization (``maturity orgs merge KEEP OTHER``, «Объединить с…» in the app).

Everything of OTHER moves to KEEP in one transaction: its assessments (with their scores, plans and
re-scorings, which follow the assessment), its children, its extra codes and its own code (OTHER's files
attach to KEEP from now on), the record of what was merged into it before, its own targets of the years KEEP
has none for (each move in the journal as KEEP's targets set). KEEP keeps its name and facts;
a fact KEEP lacks (level, region, sector, members, a parent) is taken from OTHER; KEEP is a placeholder
only when both were. Then OTHER is deleted and the merge is recorded (``organization_merge``: who into
whom, when, by whom, how many assessments and children moved).

Refused, nothing changed, with a Russian reason: the same organization twice; both have an assessment of
one year, or different own targets for one year (the years named: which one is right, the program does not
decide); KEEP lies under OTHER (its
children would include KEEP's own ancestors: a loop of parents).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.storage.database import table_of
from maturity.storage.journal import Entry
from maturity.storage.models import Assessment, Organization, OrganizationCode, OrganizationMerge, OwnTarget, utcnow
from maturity.storage.own_targets import own_targets_by_year
from maturity.storage.own_targets_journal import change_entry, refuse_if_accepted
from maturity.storage.queries import subtree_ids

ORG = table_of(Organization)
ASM = table_of(Assessment)
CODE = table_of(OrganizationCode)
MERGE = table_of(OrganizationMerge)
OWN = table_of(OwnTarget)
FACTS = ("level", "region", "sector", "members")


@dataclass(frozen=True)
class MergeOutcome:
    kept: str  # KEEP's name
    kept_uid: str
    merged: str  # OTHER's name
    merged_uid: str
    assessments: int
    children: int

    def summary(self) -> str:
        return (
            f"«{self.merged}» (код {self.merged_uid}) объединена с «{self.kept}» (код {self.kept_uid}): перенесено "
            f"оценок — {self.assessments}, подчинённых организаций — {self.children}; код {self.merged_uid} "
            "теперь тоже код этой организации"
        )


def merge_problem(store: Any, keep: Organization, other: Organization) -> str | None:
    """Why ``other`` cannot be merged into ``keep`` (a Russian sentence), or None."""
    if keep.id == other.id:
        return f"это одна и та же организация «{keep.name}»: объединять нечего"
    session = store.session
    years = sorted(
        set(session.execute(sa.select(ASM.c.year).where(ASM.c.organization_id == keep.id)).scalars())
        & set(session.execute(sa.select(ASM.c.year).where(ASM.c.organization_id == other.id)).scalars())
    )
    if years:
        listed = ", ".join(str(y) for y in years)
        word = "год" if len(years) == 1 else "годы"
        return (
            f"у обеих организаций есть оценка за {listed} {word}: «{keep.name}» и «{other.name}». Какая из двух "
            "оценок верная, программа не решает — удалите лишнюю или выгрузите и загрузите нужную, затем объедините"
        )
    clashing = _clashing_targets(store, keep, other)
    if clashing:
        listed = ", ".join(str(y) for y in clashing)
        word = "год" if len(clashing) == 1 else "годы"
        return (
            f"у обеих организаций утверждены разные целевые показатели на {listed} {word}: «{keep.name}» и "
            f"«{other.name}». Какие из них верные, программа не решает — исправьте или удалите лишние, затем объедините"
        )
    if keep.id in subtree_ids(session, store.stored_id(other)):
        return (
            f"«{keep.name}» подчинена «{other.name}»: подчинённые «{other.name}» перешли бы к «{keep.name}», "
            "и круг подчинения замкнулся бы. Объедините наоборот или сначала переподчините организацию"
        )
    return None


def merge_organizations(store: Any, keep: Organization, other: Organization, by: str = "") -> MergeOutcome:
    """Move everything of ``other`` to ``keep``, delete ``other`` and record it; BadInput (nothing changed)
    when :func:`merge_problem` refuses."""
    problem = merge_problem(store, keep, other)
    if problem:
        raise BadInput(f"объединение отклонено: {problem}")
    session = store.session
    keep_id, other_id = store.stored_id(keep), store.stored_id(other)
    names = (keep.name, keep.uid, other.name, other.uid)
    with store.atomic():
        kept = session.get(Organization, keep_id, populate_existing=True)
        gone = session.get(Organization, other_id, populate_existing=True)
        if kept is None or gone is None:
            raise BadInput("организации уже нет в базе: её изменила другая программа")
        moved_targets = _move_targets(store, kept, gone)
        moved = session.execute(ASM.update().where(ASM.c.organization_id == other_id).values(organization_id=keep_id))
        children = session.execute(ORG.update().where(ORG.c.parent_id == other_id).values(parent_id=keep_id))
        session.execute(CODE.update().where(CODE.c.organization_id == other_id).values(organization_id=keep_id))
        session.execute(MERGE.update().where(MERGE.c.organization_id == other_id).values(organization_id=keep_id))
        now = utcnow()
        session.execute(
            CODE.insert().values(code=gone.uid, organization_id=keep_id, reason="объединение", added_at=now)
        )
        values: dict[str, Any] = {k: getattr(gone, k) for k in FACTS if getattr(kept, k) is None}
        if kept.parent_id is None and gone.parent_id is not None and gone.parent_id != keep_id:
            if gone.parent_id not in subtree_ids(session, keep_id):  # OTHER's parent, unless under KEEP
                values["parent_id"] = gone.parent_id
        values["placeholder"] = bool(kept.placeholder and gone.placeholder)
        values["updated_at"] = now
        session.execute(ORG.update().where(ORG.c.id == keep_id).values(**values))
        session.execute(ORG.delete().where(ORG.c.id == other_id))
        outcome = MergeOutcome(*names, moved.rowcount or 0, children.rowcount or 0)
        session.execute(
            MERGE.insert().values(
                organization_id=keep_id, merged_uid=gone.uid, merged_name=gone.name, assessments=outcome.assessments,
                children=outcome.children, merged_at=now, merged_by=by[:300],
            )
        )  # fmt: skip
        journal = Entry(
            "merge", kept.uid, kept.name,
            detail={"merged_uid": gone.uid, "merged_name": gone.name, "assessments": outcome.assessments,
                    "children": outcome.children},
        )  # fmt: skip
        store.journal([journal, *moved_targets])
    session.expire_all()
    return outcome


def _clashing_targets(store: Any, keep: Organization, other: Organization) -> list[int]:
    """The years both have own targets for, and different ones."""
    kept = own_targets_by_year(store, store.stored_id(keep))
    theirs = own_targets_by_year(store, store.stored_id(other))
    return sorted(year for year in kept.keys() & theirs.keys() if kept[year] != theirs[year])


def _move_targets(store: Any, kept: Organization, gone: Organization) -> list[Entry]:
    """OTHER's own targets of the years KEEP has none for become KEEP's, each with its journal entry (the same
    ones KEEP has are left: nothing of KEEP's changes). Run before OTHER's assessments move: a year KEEP's own
    assessment of which is accepted refuses them (AssessmentLocked), as any change of that year's targets."""
    from maturity.usecases.own_targets import targets_profile

    keep_id, gone_id = store.stored_id(kept), store.stored_id(gone)
    have = own_targets_by_year(store, keep_id)
    entries = []
    for year, targets in sorted(own_targets_by_year(store, gone_id).items()):
        if year in have:
            continue
        refuse_if_accepted(store, keep_id, kept.name, kept.uid, year)
        store.session.execute(
            OWN.update().where(OWN.c.organization_id == gone_id, OWN.c.year == year).values(organization_id=keep_id)
        )
        entry = change_entry(kept.uid, kept.name, year, targets_profile(store, kept, year), None, targets)
        if entry is not None:
            entries.append(replace(entry, detail={**entry.detail, "merged_uid": gone.uid, "merged_name": gone.name}))
    return entries


def what_a_merge_moves(store: Any, other: Organization) -> tuple[list[int], int]:
    """The years of ``other``'s assessments and how many organizations it has directly under it."""
    session = store.session
    years = session.execute(
        sa.select(table_of(Assessment).c.year).where(table_of(Assessment).c.organization_id == other.id)
    )
    children = session.execute(
        sa.select(sa.func.count())
        .select_from(table_of(Organization))
        .where(table_of(Organization).c.parent_id == other.id)
    ).scalar()
    return sorted(years.scalars()), int(children or 0)


def merges_of(store: Any, org: Organization) -> list[OrganizationMerge]:
    """The records merged into ``org``, oldest first."""
    query = sa.select(OrganizationMerge).where(MERGE.c.organization_id == org.id)
    return list(store.session.execute(query.order_by(MERGE.c.merged_at, MERGE.c.id)).scalars())
