"""The spreads of a benchmark over the stored scores of complete assessments, under disclosure control.

For the whole database it reads the organizations' parents, the organizations (and levels) with a complete
assessment of the year made with the profile, and the few figures they have no value of (NULL);
:func:`maturity.engine.disclosure.publishable` decides from these over the whole tree which groups of each
(level, figure) may be written — the same decision whichever ``--parent`` is asked for. The values
themselves are read only for the group asked for: KPIs from ``assessment_kpi``, the index and the digital
index from ``assessment_score``; :func:`~maturity.engine.benchmark.spread_of` reads their spread.
bench/compare.py times it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

import sqlalchemy as sa

from maturity.engine.benchmark import INDICES, Benchmark, disclosed_groups
from maturity.engine.disclosure import WHOLE, Tree
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import Db, in_group, plain_rows

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


def _values(joined, conditions: list, *, null: bool) -> sa.CompoundSelect:
    """(organization, level, key, value) of every KPI and both indices that have a value (``null`` False), or
    (organization, level, key, NULL) of those that have none (``null`` True)."""

    def kept(column):
        return column.is_(None) if null else column.is_not(None)

    kpi = (
        sa.select(ORG.c.id, ORG.c.level, KPI.c.kpi_id, KPI.c.value)
        .select_from(joined.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(*conditions, kept(KPI.c.value))
    )  # no «kpi_id IN (…)»: SQLite would then search each KPI of each assessment (2.5 × slower)
    indices = [
        sa.select(ORG.c.id, ORG.c.level, sa.literal(name), SCORE.c[name])
        .select_from(joined.join(SCORE, SCORE.c.assessment_id == ASM.c.id)).where(*conditions, kept(SCORE.c[name]))
        for name in INDICES
    ]  # fmt: skip
    return sa.union_all(kpi, *indices)


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
    keys = (*kpi_ids, *INDICES)
    values: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    if parent_id is None:  # every value is read anyway: who has each figure is seen from them
        for org_id, level, key, value in plain_rows(db, _values(joined, conditions, null=False)):
            values[level, key][org_id] = value
        holders: dict[tuple[str, str], Collection[int]] = dict(values)
    else:  # the whole database's members less the few without a value; the values of the group only
        missing: dict[tuple[str, str], set[int]] = defaultdict(set)
        for org_id, level, key, _ in plain_rows(db, _values(joined, conditions, null=True)):
            missing[level, key].add(org_id)
        holders = {
            (level, key): [org for org in orgs if org not in missing[level, key]] if (level, key) in missing else orgs
            for level, orgs in members.items()
            for key in keys
        }
        inside = [*conditions, in_group(db, ORG.c.id, parent_id)]
        for org_id, level, key, value in plain_rows(db, _values(joined, inside, null=False)):
            values[level, key][org_id] = value
    top = WHOLE if parent_id is None else parent_id
    groups = disclosed_groups(tree, members, holders, values, keys, level_order, top)
    return Benchmark(year, profile_id, profile_version, tuple(groups))
