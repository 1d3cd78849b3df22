"""The territorial staff's comparison: which organizations, in what order, and the figures around them.

Everything the comparison window shows comes from here, computed by SQL over the stored scores
(nothing is rescored, and the window does no arithmetic):

- :func:`comparison_ids` — the ids of the organizations that pass a :class:`ComparisonFilter`
  (year, parent at any depth, organization level, maturity level, region, sector, text), sorted
  on any column in SQL (a KPI through one join of its rows by the primary key (assessment, KPI)); :func:`rows_by_id` — their :class:`~maturity.storage.queries.ComparisonRow`\\ s,
  a block at a time. A table of 10 000 organizations therefore holds ids and a cache of the rows
  on screen, like Anki's browser.
- :func:`summary` — the cards: organizations assessed (a complete assessment for the year) vs
  expected (every organization the filter covers but placeholders: the «X из Y» of «Кто сдал»), the average index, its change since last year
  (:func:`fair_change`: over the organizations assessed in both years only, never whoever happened
  to submit each year), the norms most often failed with their titles from the profile.
- :func:`group_average`, :func:`level_average`, :func:`group_history`, :func:`level_counts`,
  :func:`heatmap_data`, :func:`kpi_values` — the data of the charts in :mod:`maturity.views.compare_charts`.

The table shows every assessment of the year, drafts included (their status is in each row); the
statistics (cards, averages, the distribution of levels) count complete assessments only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from maturity.method.catalog import ProfileCatalog
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentEvidence, AssessmentKpi, AssessmentScore, Organization
from maturity.storage.queries import (
    INDICES,
    ComparisonRow,
    Db,
    _dialect,
    _rows,
    catalog_of,
    group_ids,
    kpi_means,
    kpis_of,
    name_matches,
    plain_rows,
)
from maturity.views.natural_order import natural_key

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)
EVIDENCE = table_of(AssessmentEvidence)
EVIDENCE_TOLERANCE = 1e-9  # «at least 40 %» keeps 2 of 5 (0.4 stored as 0.39999…)
ORGANIZATION_COLUMNS = ("name", "level", "region", "sector", "parent_name")
TAIL_COLUMNS = ("index", "digital_index", "maturity_level", "failed_norms", "index_change", "evidence_share")
FETCH_BLOCK = 200


def comparison_columns(kpi_ids: Sequence[str]) -> tuple[str, ...]:
    """The columns of the comparison table, in order, for a profile's KPI ids; each is a sort key of
    :func:`comparison_ids`."""
    return (*ORGANIZATION_COLUMNS, *kpi_ids, *TAIL_COLUMNS)


def score_columns(kpi_ids: Sequence[str]) -> frozenset[str]:
    """The columns coloured on a 0–100 scale: the KPIs and both indices."""
    return frozenset((*kpi_ids, *INDICES))


@dataclass(frozen=True)
class ComparisonFilter:
    """Which organizations to compare; None or "" means "any"."""

    year: int
    parent_id: int | None = None  # its group: itself and the organizations under it at any depth
    level: str | None = None  # organization level: primary, territorial, …
    maturity_level: str | None = None  # initial, basic, …
    region: str | None = None
    sector: str | None = None
    text: str = ""  # part of the name, any case
    min_evidence: float | None = None  # answers with evidence: at least this share (0–1) of them

    def replace(self, **changes: Any) -> ComparisonFilter:
        from dataclasses import replace

        return replace(self, **changes)


# ------------------------------------------------------------------ the table


def _organizations(f: ComparisonFilter, dialect: str) -> list[sa.ColumnElement[bool]]:
    """Conditions on the organization itself (the parent's subtree, level, region, sector, text)."""
    conditions: list[sa.ColumnElement[bool]] = []
    if f.parent_id is not None:
        conditions.append(ORG.c.id.in_(group_ids(f.parent_id)))
    if f.level:
        conditions.append(ORG.c.level == f.level)
    if f.region:
        conditions.append(ORG.c.region == f.region)
    if f.sector:
        conditions.append(ORG.c.sector == f.sector)
    if f.text and f.text.strip():
        conditions.append(name_matches(dialect, ORG.c.name, f.text.strip()))
    return conditions


def _joined(year: int) -> tuple[sa.FromClause, dict[str, sa.ColumnElement]]:
    """Organizations with their assessment of ``year`` (inner), the parent and last year's index."""
    parent = ORG.alias("parent")
    before_asm, before = ASM.alias("before_assessment"), SCORE.alias("before")
    joined = (
        ORG.join(ASM, sa.and_(ASM.c.organization_id == ORG.c.id, ASM.c.year == year))
        .join(SCORE, SCORE.c.assessment_id == ASM.c.id)
        .outerjoin(parent, parent.c.id == ORG.c.parent_id)
        .outerjoin(before_asm, sa.and_(before_asm.c.organization_id == ORG.c.id, before_asm.c.year == year - 1))
        .outerjoin(before, before.c.assessment_id == before_asm.c.id)
        .outerjoin(EVIDENCE, EVIDENCE.c.assessment_id == ASM.c.id)
    )
    columns: dict[str, sa.ColumnElement] = {
        "name": ORG.c.name,
        "level": ORG.c.level,
        "region": ORG.c.region,
        "sector": ORG.c.sector,
        "parent_name": parent.c.name,
        **{k: SCORE.c[k] for k in INDICES},
        "maturity_level": SCORE.c.level,
        "failed_norms": SCORE.c.failed_norms_count,
        "index_change": SCORE.c.index - before.c.index,
        "evidence_share": EVIDENCE.c.share,
    }
    return joined, columns


def _evidence(f: ComparisonFilter) -> list[sa.ColumnElement[bool]]:
    """The condition of the filter on the share of answers with evidence (an assessment without any counted
    answer never passes a minimum above 0)."""
    if f.min_evidence is None:
        return []
    return [sa.func.coalesce(EVIDENCE.c.share, 0.0) >= f.min_evidence - EVIDENCE_TOLERANCE]


def _sort_expression(
    key: str,
    joined: sa.FromClause,
    columns: Mapping[str, sa.ColumnElement],
    kpi_ids: Sequence[str],
    level_order: Sequence[str],
) -> tuple[sa.FromClause, sa.ColumnElement]:
    """What ``joined`` must become to sort by ``key``, and the expression to sort by."""
    if key == "level":  # the profile's order of organization levels (the tree's), not the alphabet's
        if not level_order:
            return joined, ORG.c.level
        order = {lvl: i for i, lvl in enumerate(level_order)}
        return joined, sa.case(order, value=ORG.c.level, else_=len(level_order))
    if key == "maturity_level":  # a level is a band of the index: ordering by the index orders the levels
        return joined, SCORE.c.index
    if key in columns:
        return joined, columns[key]
    if key in kpi_ids:  # the KPI's row of each assessment, through the primary key (assessment, KPI)
        kpi = KPI.alias("sort_kpi")
        on = sa.and_(kpi.c.assessment_id == ASM.c.id, kpi.c.kpi_id == key)
        return joined.outerjoin(kpi, on), kpi.c.value
    raise ValueError(f"нет такого столбца для сортировки: {key!r}")


def comparison_ids(
    db: Db,
    f: ComparisonFilter,
    sort: str = "name",
    descending: bool = False,
    kpi_ids: Sequence[str] = (),
    level_order: Sequence[str] = (),
) -> list[int]:
    """Ids of the organizations assessed in ``f.year`` that pass the filter, sorted by ``sort``: a column
    of :func:`comparison_columns` (``kpi_ids``: the KPIs of the profile in use, which may be sorted by;
    ``level_order``: its organization levels, in the tree's order).

    Empty values («—») sort last in both directions; ties keep the name order.
    """
    joined, columns = _joined(f.year)
    joined, key = _sort_expression(sort, joined, columns, kpi_ids, level_order)
    statement = sa.select(ORG.c.id).select_from(joined).where(*_organizations(f, _dialect(db)))
    if f.maturity_level:
        statement = statement.where(SCORE.c.level == f.maturity_level)
    statement = statement.where(*_evidence(f))
    if sort == "name":  # natural order («№ 2» before «№ 10»), which SQL does not know
        keyed = [(natural_key(name), org_id) for org_id, name in plain_rows(db, statement.add_columns(ORG.c.name))]
        keyed.sort(reverse=descending)
        return [org_id for _key, org_id in keyed]
    statement = statement.order_by(key.is_(None), key.desc() if descending else key.asc(), ORG.c.name, ORG.c.id)
    return [r[0] for r in plain_rows(db, statement)]


def rows_by_id(db: Db, year: int, ids: Iterable[int]) -> dict[int, ComparisonRow]:
    """The comparison rows of these organizations for ``year`` (those without an assessment are absent)."""
    wanted = list(ids)
    if not wanted:
        return {}
    joined, columns = _joined(year)
    statement = sa.select(
        ORG.c.id,
        ORG.c.uid,
        *(columns[k] for k in ORGANIZATION_COLUMNS),
        *(columns[k] for k in INDICES),
        columns["maturity_level"],
        columns["failed_norms"],
        columns["index_change"],
        ASM.c.status,
        SCORE.c.completeness,
        columns["evidence_share"],
        ASM.c.id,
    ).select_from(joined)
    found: dict[int, ComparisonRow] = {}
    for start in range(0, len(wanted), 500):  # well under every database's limit of bound parameters
        rows = _rows(db, statement.where(ORG.c.id.in_(wanted[start : start + 500])))
        kpis = kpis_of(db, [r[-1] for r in rows])
        for r in rows:
            found[r[0]] = ComparisonRow(*(*r[:7], kpis.get(r[-1], {}), *r[7:-1]))
    return found


# ------------------------------------------------------------------ summary cards


@dataclass(frozen=True)
class FailedNorm:
    norm_id: str
    title: str
    count: int  # complete assessments of the year that fail it


@dataclass(frozen=True)
class FairChange:
    """A group's change of the mean index since last year, over the organizations with a complete
    assessment (and an index) in both years — the same organizations on both sides, so that 2 who
    submitted last year are never weighed against 19 who submitted this year."""

    year: int
    organizations: int  # assessed in both ``year - 1`` and ``year``
    index_before: float | None  # their mean index of year - 1 (None: no such organization)
    index_now: float | None  # their mean index of ``year``

    @property
    def value(self) -> float | None:
        """The change (the mean of each organization's change); None when no organization has both years."""
        if not self.organizations or self.index_before is None or self.index_now is None:
            return None
        return self.index_now - self.index_before


@dataclass(frozen=True)
class Summary:
    year: int
    expected: int  # organizations the filter covers, placeholders left out (as «Кто сдал» and ``status``)
    assessed: int  # of them, with a complete assessment for the year (of the filter's maturity level, if any)
    submitted: int  # of them, with a complete assessment for the year, whatever its level: «X из Y» of «Кто сдал»
    average_index: float | None  # mean index of those complete assessments
    change: FairChange  # the change since last year, over the organizations assessed in both years
    failed_norms: tuple[FailedNorm, ...] = ()

    @property
    def index_change(self) -> float | None:
        return self.change.value


def _complete(f: ComparisonFilter, year: int, dialect: str) -> tuple[sa.FromClause, list[sa.ColumnElement[bool]]]:
    joined = ORG.join(ASM, ASM.c.organization_id == ORG.c.id).join(SCORE, SCORE.c.assessment_id == ASM.c.id)
    conditions = [ASM.c.year == year, ASM.c.status == "complete", *_organizations(f, dialect)]
    if f.maturity_level:
        conditions.append(SCORE.c.level == f.maturity_level)
    if f.min_evidence is not None:
        joined = joined.outerjoin(EVIDENCE, EVIDENCE.c.assessment_id == ASM.c.id)
        conditions += _evidence(f)
    return joined, conditions


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def summary(db: Db, f: ComparisonFilter, *, top: int = 5) -> Summary:
    """The cards of the comparison window for the filter (the maturity level filter narrows only the
    assessed organizations, never the expected ones)."""
    dialect = _dialect(db)
    real = ORG.c.placeholder.is_(False)  # a placeholder is never expected (maturity.storage.submissions)
    expected = _rows(db, sa.select(sa.func.count()).select_from(ORG).where(real, *_organizations(f, dialect)))[0][0]
    joined, conditions = _complete(f, f.year, dialect)
    count, mean = _rows(
        db, sa.select(sa.func.count(), sa.func.avg(SCORE.c.index)).select_from(joined).where(*conditions)
    )[0]
    any_level, any_conditions = _complete(f.replace(maturity_level=None, min_evidence=None), f.year, dialect)
    submitted = _rows(db, sa.select(sa.func.count()).select_from(any_level).where(real, *any_conditions))[0][0]
    return Summary(
        year=f.year,
        expected=expected,
        assessed=count,
        submitted=submitted,
        average_index=_number(mean),
        change=fair_change(db, f),
        failed_norms=tuple(most_failed_norms(db, f, top=top)),
    )


def fair_change(db: Db, f: ComparisonFilter) -> FairChange:
    """The change of the filter's mean index from ``f.year - 1`` to ``f.year`` over the organizations with
    a complete assessment in both years (the maturity level filter applies to this year's level)."""
    joined, conditions = _complete(f, f.year, _dialect(db))
    before_asm, before = ASM.alias("fair_before_assessment"), SCORE.alias("fair_before")
    joined = joined.join(
        before_asm,
        sa.and_(
            before_asm.c.organization_id == ORG.c.id, before_asm.c.year == f.year - 1, before_asm.c.status == "complete"
        ),
    ).join(before, before.c.assessment_id == before_asm.c.id)
    statement = (
        sa.select(sa.func.count(), sa.func.avg(before.c.index), sa.func.avg(SCORE.c.index))
        .select_from(joined)
        .where(*conditions, SCORE.c.index.is_not(None), before.c.index.is_not(None))
    )
    count, index_before, index_now = _rows(db, statement)[0]
    return FairChange(f.year, count, _number(index_before), _number(index_now))


def most_failed_norms(db: Db, f: ComparisonFilter, *, top: int = 5) -> list[FailedNorm]:
    """The norms failed by the most complete assessments of the year, with their Russian titles."""
    joined, conditions = _complete(f, f.year, _dialect(db))
    statement = (
        sa.select(ASM.c.profile_id, ASM.c.profile_version, SCORE.c.norms)
        .select_from(joined)
        .where(*conditions, SCORE.c.failed_norms_count > 0)
    )
    counts: Counter[str] = Counter()
    profiles: set[tuple[str, str]] = set()
    for profile_id, version, norms in _rows(db, statement):
        if isinstance(norms, str):  # a driver that hands JSON back as text
            norms = json.loads(norms)
        failed = [norm_id for norm_id, status in norms.items() if status == "fail"]
        if failed:
            counts.update(failed)
            profiles.add((profile_id, version))
    return ranked_failed_norms(counts, profiles, top, catalog_of(db))


def ranked_failed_norms(
    counts: Counter[str], profiles: Iterable[tuple[str, str]], top: int, catalog: ProfileCatalog
) -> list[FailedNorm]:
    """The ``top`` norms by how many assessments fail them (then in the profiles' order), titled from the
    profiles (id, version) those assessments were made with."""

    titles: dict[str, str] = {}
    order: dict[str, int] = {}
    for key in sorted(profiles):
        for position, norm in enumerate(catalog.find(*key).norms):
            titles.setdefault(norm.id, norm.title)
            order.setdefault(norm.id, position)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], 999), item[0]))
    return [FailedNorm(norm_id, titles.get(norm_id, norm_id), count) for norm_id, count in ranked[:top]]


# ------------------------------------------------------------------ data of the charts


@dataclass(frozen=True)
class Figures:
    """Mean scores of a set of complete assessments (None: nothing to average)."""

    label: str
    count: int
    kpis: dict[str, float | None] = field(default_factory=dict)
    index: float | None = None
    digital_index: float | None = None

    def values(self, keys: Sequence[str]) -> list[float | None]:
        """The figures of ``keys`` (KPI ids, "index", "digital_index") in their order."""
        return [getattr(self, k) if k in INDICES else self.kpis.get(k) for k in keys]


def _average(db: Db, label: str, joined: sa.FromClause, conditions: Sequence[sa.ColumnElement[bool]]) -> Figures:
    statement = (
        sa.select(sa.func.count(), *(sa.func.avg(SCORE.c[k]) for k in INDICES)).select_from(joined).where(*conditions)
    )
    count, index, digital_index = _rows(db, statement)[0]
    kpis = kpi_means(db, joined, conditions).get((), {})
    return Figures(label, count, kpis, _number(index), _number(digital_index))


def group_average(db: Db, f: ComparisonFilter, label: str = "Группа") -> Figures:
    """Mean KPIs and indices of the filter's complete assessments for the year."""
    joined, conditions = _complete(f, f.year, _dialect(db))
    return _average(db, label, joined, conditions)


def level_average(db: Db, year: int, levels: Iterable[str], label: str = "Среднее по уровню") -> Figures:
    """Mean KPIs and indices of every complete assessment of ``year`` of organizations of these levels
    (the whole database: what the group is compared with)."""
    joined, conditions = _complete(ComparisonFilter(year), year, _dialect(db))
    return _average(db, label, joined, [*conditions, ORG.c.level.in_(list(levels))])


def group_levels(db: Db, f: ComparisonFilter, order: Sequence[str] = ()) -> list[str]:
    """The organization levels present among the filter's complete assessments (in ``order``, the
    profile's; others after them by name)."""
    joined, conditions = _complete(f, f.year, _dialect(db))
    found = {r[0] for r in _rows(db, sa.select(ORG.c.level).select_from(joined).where(*conditions).distinct())}
    found.discard(None)
    return sorted(found, key=lambda lvl: (order.index(lvl) if lvl in order else len(order), lvl))


def group_history(db: Db, f: ComparisonFilter) -> dict[int, Figures]:
    """The filter's organizations' mean scores in every year they have complete assessments (oldest first);
    the filter's year is ignored."""
    dialect = _dialect(db)
    joined = ORG.join(ASM, ASM.c.organization_id == ORG.c.id).join(SCORE, SCORE.c.assessment_id == ASM.c.id)
    conditions = [ASM.c.status == "complete", *_organizations(f, dialect)]
    statement = (
        sa.select(ASM.c.year, sa.func.count(), *(sa.func.avg(SCORE.c[k]) for k in INDICES))
        .select_from(joined).where(*conditions).group_by(ASM.c.year).order_by(ASM.c.year)
    )  # fmt: skip
    kpis = kpi_means(db, joined, conditions, [ASM.c.year])
    history = {}
    for year, count, index, digital_index in _rows(db, statement):
        history[year] = Figures(str(year), count, kpis.get((year,), {}), _number(index), _number(digital_index))
    return history


def level_counts(db: Db, f: ComparisonFilter) -> dict[str | None, int]:
    """How many of the filter's complete assessments of the year reached each maturity level."""
    joined, conditions = _complete(f, f.year, _dialect(db))
    statement = sa.select(SCORE.c.level, sa.func.count()).select_from(joined).where(*conditions).group_by(SCORE.c.level)
    return {level: count for level, count in _rows(db, statement)}


def kpi_values(row: ComparisonRow, keys: Sequence[str]) -> list[float | None]:
    """A row's figures in the order of ``keys`` (KPI ids, "index", "digital_index")."""
    return [getattr(row, k) if k in INDICES else row.kpis.get(k) for k in keys]


def heatmap_data(rows: Sequence[ComparisonRow], keys: Sequence[str]) -> tuple[list[str], list[list[float | None]]]:
    """Names and the organizations × KPIs matrix of these rows, in their order."""
    return [r.name for r in rows], [kpi_values(r, keys) for r in rows]


def parents(db: Db) -> list[tuple[int, str]]:
    """Organizations that have organizations under them (id, name), by name: the «под кем» filter."""
    with_children = sa.select(ORG.c.parent_id).where(ORG.c.parent_id.is_not(None)).distinct()
    statement = sa.select(ORG.c.id, ORG.c.name).where(ORG.c.id.in_(with_children)).order_by(ORG.c.name, ORG.c.id)
    return [(r[0], r[1]) for r in _rows(db, statement)]


def profile_versions(db: Db, f: ComparisonFilter) -> list[tuple[str, str]]:
    """The profile versions (id, version) of the filter's complete assessments of ``f.year`` and the year before:
    the versions one comparison mixes (their KPIs may be defined differently)."""
    found: set[tuple[str, str]] = set()
    for year in (f.year - 1, f.year):
        joined, conditions = _complete(f, year, _dialect(db))
        statement = sa.select(ASM.c.profile_id, ASM.c.profile_version).select_from(joined).where(*conditions).distinct()
        found.update((profile_id, version) for profile_id, version in _rows(db, statement))
    return sorted(found)
