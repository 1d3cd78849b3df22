"""The spreads of a benchmark over the stored scores of complete assessments.

SQL counts the organizations of each level (a group under five is not read further) and selects the
values of the rest: (level, KPI id, score) from ``assessment_kpi``, (level, "index", index) from
``assessment_score``; :func:`~maturity.engine.benchmark.spread_of` sorts each group's values and
reads its percentiles. bench/compare.py times it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa

from maturity.engine.benchmark import INDICES, MIN_GROUP, Benchmark, BenchmarkGroup, Spread, spread_of
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import Db, _rows, in_group, plain_rows

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)


def _complete(db: Db, year: int, profile_id: str, profile_version: str, parent_id: int | None):
    joined = ORG.join(ASM, ASM.c.organization_id == ORG.c.id)
    conditions = [
        ASM.c.year == year,
        ASM.c.status == "complete",
        ASM.c.profile_id == profile_id,
        ASM.c.profile_version == profile_version,
        ORG.c.level.is_not(None),
    ]
    if parent_id is not None:
        conditions.append(in_group(db, ORG.c.id, parent_id))
    return joined, conditions


def _spreads(db: Db, values: sa.Select | sa.CompoundSelect) -> dict[tuple[str, str], Spread]:
    """Spreads by (level, key) of a SELECT of (level, key, value) rows with no null value.

    The values are fetched (as the driver returns them: a million values of 100 000 organizations) and
    sorted per group in Python: measured faster than SQL's window functions (``row_number() OVER``, which
    SQLite sorts slowly: 0.77 s against 0.2 s for 100 000 values)."""
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for level, key, value in plain_rows(db, values):
        found[level, key].append(value)
    return {group: spread_of(numbers) for group, numbers in found.items()}


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
    at any depth when given, the parent itself included), one group per organization level of at
    least :data:`MIN_GROUP` organizations, in ``level_order``."""
    joined, conditions = _complete(db, year, profile_id, profile_version, parent_id)
    counts = dict(
        _rows(db, sa.select(ORG.c.level, sa.func.count()).select_from(joined).where(*conditions).group_by(ORG.c.level))
    )
    levels = [lvl for lvl in level_order if counts.get(lvl, 0) >= MIN_GROUP]
    if not levels:
        return Benchmark(year, profile_id, profile_version, ())
    conditions.append(ORG.c.level.in_(levels))
    kpi_values = (
        sa.select(ORG.c.level.label("level"), KPI.c.kpi_id.label("key"), KPI.c.value.label("value"))
        .select_from(joined.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(*conditions, KPI.c.value.is_not(None))
    )  # no «kpi_id IN (…)»: SQLite would then search each KPI of each assessment (2.5 × slower); others are not read
    index_values = [
        sa.select(ORG.c.level.label("level"), sa.literal(name).label("key"), SCORE.c[name].label("value"))
        .select_from(joined.join(SCORE, SCORE.c.assessment_id == ASM.c.id)).where(*conditions, SCORE.c[name].is_not(None))
        for name in INDICES
    ]  # fmt: skip
    spreads = _spreads(db, kpi_values)
    spreads.update(_spreads(db, sa.union_all(*index_values)))
    groups = []
    for level in levels:
        kpis = {k: s for k in kpi_ids if (s := spreads.get((level, k))) is not None and s.n >= MIN_GROUP}
        indices = {k: s if (s := spreads.get((level, k))) is not None and s.n >= MIN_GROUP else None for k in INDICES}
        groups.append(BenchmarkGroup(level, counts[level], kpis, indices["index"], indices["digital_index"]))
    return Benchmark(year, profile_id, profile_version, tuple(groups))
