"""The spreads of a benchmark, computed by SQL over the stored scores of complete assessments.

For each organization level and each figure (a KPI id, "index", "digital_index") one window query
gives the count, the mean and only the few values the percentiles need (``row_number`` over the
values sorted within the group, kept where its rank is one :func:`~maturity.engine.benchmark.quantile`
reads), so a database of 100 000 organizations sends back a few hundred rows, not a million.
The positions are found with integer arithmetic only (no division), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from maturity.engine.benchmark import INDICES, MIN_GROUP, PERCENTILES, Benchmark, BenchmarkGroup, Spread
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import Db, _rows, in_subtree

ORG = Organization.__table__
ASM = Assessment.__table__
SCORE = AssessmentScore.__table__
KPI = AssessmentKpi.__table__


def _complete(db: Db, year: int, profile_id: str, profile_version: str, parent_id: int | None):
    joined = ORG.join(ASM, ASM.c.organization_id == ORG.c.id).join(SCORE, SCORE.c.assessment_id == ASM.c.id)
    conditions = [
        ASM.c.year == year,
        ASM.c.status == "complete",
        ASM.c.profile_id == profile_id,
        ASM.c.profile_version == profile_version,
        ORG.c.level.is_not(None),
    ]
    if parent_id is not None:
        conditions.append(in_subtree(db, ORG.c.id, parent_id))
    return joined, conditions


def _spreads(db: Db, values: sa.Select) -> dict[tuple[str, str], Spread]:
    """Spreads by (level, key) of a SELECT of (level, key, value) rows with no null value."""
    source = values.subquery("figures")
    window = {"partition_by": (source.c.level, source.c.key)}
    ranked = sa.select(
        source.c.level, source.c.key, source.c.value,
        sa.func.row_number().over(**window, order_by=source.c.value).label("rank"),
        sa.func.count().over(**window).label("n"),
        sa.func.avg(source.c.value).over(**window).label("mean"),
    ).subquery("ranked")  # fmt: skip
    # rank − 1 is ⌊h⌋ or ⌊h⌋ + 1 for h = (n − 1)·p/100, i.e. (rank − 2)·100 ≤ (n − 1)·p < rank·100
    wanted = sa.or_(
        *(
            sa.and_((ranked.c.rank - 2) * 100 <= (ranked.c.n - 1) * p, (ranked.c.n - 1) * p < ranked.c.rank * 100)
            for p in PERCENTILES
        )
    )
    statement = sa.select(ranked.c.level, ranked.c.key, ranked.c.n, ranked.c.mean, ranked.c.rank, ranked.c.value)
    picked: dict[tuple[str, str], tuple[int, float, dict[int, float]]] = {}
    for level, key, n, mean, rank, value in _rows(db, statement.where(wanted)):
        picked.setdefault((level, key), (int(n), float(mean), {}))[2][int(rank) - 1] = float(value)
    spreads = {}
    for group, (n, mean, at) in picked.items():
        spreads[group] = Spread(n, mean, tuple(_interpolated(at, n, p) for p in PERCENTILES))
    return spreads


def _interpolated(at: dict[int, float], n: int, p: int) -> float:
    """:func:`maturity.engine.benchmark.quantile` from the values at the positions it reads."""
    low, fraction = divmod((n - 1) * p, 100)
    if fraction == 0:
        return at[low]
    return at[low] + fraction / 100 * (at[low + 1] - at[low])


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
    at any depth when given, the parent itself not included), one group per organization level of at
    least :data:`MIN_GROUP` organizations, in ``level_order``."""
    joined, conditions = _complete(db, year, profile_id, profile_version, parent_id)
    counts = dict(_rows(db, sa.select(ORG.c.level, sa.func.count()).select_from(joined).where(*conditions).group_by(ORG.c.level)))
    levels = [lvl for lvl in level_order if counts.get(lvl, 0) >= MIN_GROUP]
    if not levels:
        return Benchmark(year, profile_id, profile_version, ())
    conditions.append(ORG.c.level.in_(levels))
    kpi_values = (
        sa.select(ORG.c.level.label("level"), KPI.c.kpi_id.label("key"), KPI.c.value.label("value"))
        .select_from(joined.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(*conditions, KPI.c.kpi_id.in_(list(kpi_ids)), KPI.c.value.is_not(None))
    )
    index_values = [
        sa.select(ORG.c.level.label("level"), sa.literal(name).label("key"), SCORE.c[name].label("value"))
        .select_from(joined).where(*conditions, SCORE.c[name].is_not(None))
        for name in INDICES
    ]  # fmt: skip
    spreads = _spreads(db, kpi_values)
    spreads.update(_spreads(db, sa.union_all(*index_values)))  # type: ignore[arg-type]
    groups = []
    for level in levels:
        kpis = {k: s for k in kpi_ids if (s := spreads.get((level, k))) is not None and s.n >= MIN_GROUP}
        indices = {k: s if (s := spreads.get((level, k))) is not None and s.n >= MIN_GROUP else None for k in INDICES}
        groups.append(BenchmarkGroup(level, counts[level], kpis, indices["index"], indices["digital_index"]))
    return Benchmark(year, profile_id, profile_version, tuple(groups))
