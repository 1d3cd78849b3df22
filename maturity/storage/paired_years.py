"""A group's mean over the organizations assessed in both of two consecutive years: what the group's chart of
years draws as a line from one year to the next, so that 6 organizations of one year are never joined to 14
of the next as one line (each year's mean over whoever was assessed is a point of its own).

The organizations are the comparison filter's (its year is ignored), as :func:`~maturity.storage.comparison.
group_history` reads them; a complete assessment with an index in both years makes an organization count.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from maturity.storage.comparison import ASM, ORG, SCORE, ComparisonFilter, _number, _organizations
from maturity.storage.queries import Db, _dialect, _rows


@dataclass(frozen=True)
class PairedMeans:
    """The means of ``year - 1`` and ``year`` over the organizations assessed (complete) in both."""

    year: int
    organizations: int
    index_before: float | None
    index_now: float | None
    digital_before: float | None
    digital_now: float | None


def paired_means(db: Db, f: ComparisonFilter, year: int) -> PairedMeans:
    """The filter's organizations with a complete assessment (and an index) in ``year - 1`` and ``year``: how many,
    and their mean index and digital index in each of the two years."""
    now_asm, now = ASM.alias("paired_now_assessment"), SCORE.alias("paired_now")
    before_asm, before = ASM.alias("paired_before_assessment"), SCORE.alias("paired_before")
    joined = (
        ORG.join(now_asm, sa.and_(now_asm.c.organization_id == ORG.c.id, now_asm.c.year == year,
                                  now_asm.c.status == "complete"))
        .join(now, now.c.assessment_id == now_asm.c.id)
        .join(before_asm, sa.and_(before_asm.c.organization_id == ORG.c.id, before_asm.c.year == year - 1,
                                  before_asm.c.status == "complete"))
        .join(before, before.c.assessment_id == before_asm.c.id)
    )  # fmt: skip
    statement = (
        sa.select(
            sa.func.count(),
            sa.func.avg(before.c.index),
            sa.func.avg(now.c.index),
            sa.func.avg(before.c.digital_index),
            sa.func.avg(now.c.digital_index),
        )
        .select_from(joined)
        .where(*_organizations(f, _dialect(db)), now.c.index.is_not(None), before.c.index.is_not(None))
    )
    count, index_before, index_now, digital_before, digital_now = _rows(db, statement)[0]
    return PairedMeans(
        year, count, _number(index_before), _number(index_now), _number(digital_before), _number(digital_now)
    )
