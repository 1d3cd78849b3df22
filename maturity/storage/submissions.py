"""Who has submitted: every expected organization of a subtree with the state of its assessment for a year.

An organization is *expected* when it is a real one — not a placeholder (an organization known only
because a child named it as its parent). Its *state* for the year is ``missing`` (no assessment),
``draft`` or ``complete``; beside it stands last year's index (of last year's complete assessment).

The subtree follows the rule of ``maturity export --parent``: the parent itself and every organization
under it at any depth (:func:`maturity.storage.queries.in_group`).
One query reads it all, so 100 000 organizations take a fraction of a second.

The register of organizations (:func:`register_rows`) is the same tree without the year: every
organization, placeholders flagged, for ``maturity orgs``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa

from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentReview, AssessmentScore, Organization
from maturity.storage.queries import Db, _dialect, _rows, in_group, name_matches, plain_rows
from maturity.views.natural_order import natural_key

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
REVIEW = table_of(AssessmentReview)
STATES = ("missing", "draft", "complete")


class Submission(NamedTuple):
    """One expected organization and the state of its assessment for the year (a named tuple: 100 000 are
    made in a blink)."""

    id: int
    organization_id: str  # the uid
    name: str
    level: str | None
    parent: str | None  # the parent's name
    region: str | None
    state: str  # one of STATES
    index_last_year: float | None
    review: str | None = None  # received / accepted / returned (None: no assessment)
    sent_review: str | None = None  # what its file said (a territory's «accepted» in its report)


@dataclass(frozen=True)
class SubmissionTotals:
    expected: int
    complete: int
    draft: int
    missing: int
    accepted: int = 0

    @property
    def submitted(self) -> str:
        """«X из Y»: complete assessments of the expected organizations."""
        return f"{self.complete} из {self.expected}"


@dataclass(frozen=True)
class Scope:
    """Which organizations: a subtree (the parent included; None: all) narrowed by level, region,
    sector and part of the name (None or "" means any)."""

    parent_id: int | None = None
    level: str | None = None
    region: str | None = None
    sector: str | None = None
    text: str = ""


def _conditions(db: Db, scope: Scope) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if scope.parent_id is not None:
        conditions.append(in_group(db, ORG.c.id, scope.parent_id))
    if scope.level:
        conditions.append(ORG.c.level == scope.level)
    if scope.region:
        conditions.append(ORG.c.region == scope.region)
    if scope.sector:
        conditions.append(ORG.c.sector == scope.sector)
    if scope.text and scope.text.strip():
        conditions.append(name_matches(_dialect(db), ORG.c.name, scope.text.strip()))
    return conditions


def submissions(db: Db, year: int, scope: Scope | None = None, states: Sequence[str] | None = None) -> list[Submission]:
    """The expected organizations of ``scope`` with their state for ``year`` (only ``states`` when given),
    by name."""
    scope = scope or Scope()
    parent = ORG.alias("parent")
    now_asm = ASM.alias("now_assessment")
    before_asm, before = ASM.alias("before_assessment"), SCORE.alias("before_score")
    joined = (
        ORG.outerjoin(now_asm, sa.and_(now_asm.c.organization_id == ORG.c.id, now_asm.c.year == year))
        .outerjoin(parent, parent.c.id == ORG.c.parent_id)
        .outerjoin(before_asm, sa.and_(before_asm.c.organization_id == ORG.c.id, before_asm.c.year == year - 1,
                                       before_asm.c.status == "complete"))
        .outerjoin(before, before.c.assessment_id == before_asm.c.id)
        .outerjoin(REVIEW, REVIEW.c.assessment_id == now_asm.c.id)
    )  # fmt: skip
    state = sa.case((now_asm.c.id.is_(None), "missing"), else_=now_asm.c.status)
    review = sa.case((now_asm.c.id.is_(None), None), else_=sa.func.coalesce(REVIEW.c.state, "received"))
    statement = (
        sa.select(
            ORG.c.id,
            ORG.c.uid,
            ORG.c.name,
            ORG.c.level,
            parent.c.name,
            ORG.c.region,
            state,
            before.c.index,
            review,
            REVIEW.c.sent_state,
        )  # fmt: skip
        .select_from(joined)
        .where(ORG.c.placeholder.is_(False), *_conditions(db, scope))
        .order_by(ORG.c.id)  # namesakes by id: the sort by name below is stable
    )
    if states is not None:
        statement = statement.where(state.in_(list(states)))
    return [Submission._make(row) for row in by_name(plain_rows(db, statement), 2)]


def totals(rows: Sequence[Submission]) -> SubmissionTotals:
    counts = dict.fromkeys(STATES, 0)
    counts.update(Counter(row.state for row in rows))
    accepted = sum(1 for row in rows if row.review == "accepted")
    return SubmissionTotals(len(rows), counts["complete"], counts["draft"], counts["missing"], accepted)


# ------------------------------------------------------------------ the register


@dataclass(frozen=True)
class RegisterRow:
    """An organization as ``maturity orgs`` lists it."""

    organization_id: str
    name: str
    level: str | None
    parent: str | None
    parent_organization_id: str | None
    region: str | None
    sector: str | None
    members: int | None
    placeholder: bool
    name_consent: bool = False


def register_rows(db: Db, parent_id: int | None = None) -> list[RegisterRow]:
    """Every organization (under ``parent_id``, itself included), by name."""
    parent = ORG.alias("parent")
    statement = (
        sa.select(ORG.c.uid, ORG.c.name, ORG.c.level, parent.c.name, parent.c.uid, ORG.c.region, ORG.c.sector,
                  ORG.c.members, ORG.c.placeholder, ORG.c.name_consent)
        .select_from(ORG.outerjoin(parent, parent.c.id == ORG.c.parent_id))
        .where(*_conditions(db, Scope(parent_id)))
        .order_by(ORG.c.id)  # namesakes by id: the sort by name below is stable
    )  # fmt: skip
    return [RegisterRow(*(*row[:-2], bool(row[-2]), bool(row[-1]))) for row in by_name(_rows(db, statement), 1)]


def by_name(rows: Sequence[Any], name_column: int) -> list[Any]:
    """Rows in the natural order of their names (:func:`~maturity.views.natural_order.natural_key`); namesakes
    keep the SQL order (by id): the sort is stable."""
    return sorted(rows, key=lambda row: natural_key(row[name_column]))
