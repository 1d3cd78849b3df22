"""The spreads of a benchmark over the stored scores of complete assessments, under disclosure control.

One pass reads, for the whole database, the organizations' parents and the values (organization, level,
key, value) of the year's complete assessments made with the profile: KPIs from ``assessment_kpi``, the
index and the digital index from ``assessment_score``. :func:`maturity.engine.disclosure.publishable` decides
over the whole tree which groups of each (level, figure) may be written — the same decision whichever
``--parent`` is asked for — and :func:`~maturity.engine.benchmark.spread_of` reads the spread of the group
asked for when it may. bench/compare.py times it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa

from maturity.engine.benchmark import INDICES, Benchmark, disclosed_groups
from maturity.engine.disclosure import WHOLE, Tree
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import Db, plain_rows

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)


def _complete(year: int, profile_id: str, profile_version: str):
    joined = ORG.join(ASM, ASM.c.organization_id == ORG.c.id)
    conditions = [
        ASM.c.year == year,
        ASM.c.status == "complete",
        ASM.c.profile_id == profile_id,
        ASM.c.profile_version == profile_version,
        ORG.c.level.is_not(None),
    ]
    return joined, conditions


def benchmark_spreads(
    db: Db,
    year: int,
    profile_id: str,
    profile_version: str,
    kpi_ids: Sequence[str],
    level_order: Sequence[str],
    parent_id: int | None = None,
) -> Benchmark:
    """The benchmark of the complete assessments of ``year`` made with this profile (under ``parent_id``
    at any depth when given, the parent itself included; the whole database otherwise): one group per
    organization level in ``level_order``, with the figures disclosure control lets be written (a group
    with none is left out)."""
    joined, conditions = _complete(year, profile_id, profile_version)
    tree = Tree(dict(plain_rows(db, sa.select(ORG.c.id, ORG.c.parent_id))))
    members: dict[str, list[int]] = defaultdict(list)
    for org_id, level in plain_rows(db, sa.select(ORG.c.id, ORG.c.level).select_from(joined).where(*conditions)):
        members[level].append(org_id)
    kpi_values = (
        sa.select(ORG.c.id, ORG.c.level, KPI.c.kpi_id, KPI.c.value)
        .select_from(joined.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(*conditions, KPI.c.value.is_not(None))
    )
    index_values = [
        sa.select(ORG.c.id, ORG.c.level, sa.literal(name), SCORE.c[name])
        .select_from(joined.join(SCORE, SCORE.c.assessment_id == ASM.c.id)).where(*conditions, SCORE.c[name].is_not(None))
        for name in INDICES
    ]  # fmt: skip
    values: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for statement in (kpi_values, sa.union_all(*index_values)):
        for org_id, level, key, value in plain_rows(db, statement):
            values[level, key][org_id] = value
    keys = (*kpi_ids, *INDICES)
    groups = disclosed_groups(tree, members, values, keys, level_order, WHOLE if parent_id is None else parent_id)
    return Benchmark(year, profile_id, profile_version, tuple(groups))
