"""Read-only queries for history, comparison and year-on-year views.

Plain functions over a ``Session``, a ``Connection`` or an ``Engine``, returning frozen dataclasses.
Figures are the stored, unrounded scores (None = «не оценивается» or no assessment). KPI scores come
as dicts by the KPI ids the assessment's profile defines (rows of ``assessment_kpi``, read with a
second query over the same assessments). Everything "under a parent" walks the organization tree to
any depth with a recursive CTE.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from maturity.method.catalog import ProfileCatalog, ProfileText
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization, ProfileTextRow

ORG = table_of(Organization)
ASM = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)
INDICES = ("index", "digital_index")
NAME_BATCH = 250  # rows fetched at once where a worker reads many
ID_BLOCK = 500  # ids bound per query: well under every database's limit of bound parameters

Db = Any  # Session | Connection | Engine


def _rows(db: Db, statement: sa.Executable) -> Sequence[sa.Row]:
    if isinstance(db, Engine):
        with db.connect() as connection:
            return connection.execute(statement).all()
    return db.execute(statement).all()


def plain_rows(db: Db, statement: sa.Select | sa.CompoundSelect) -> list[tuple]:
    """The rows of a SELECT of plain values (numbers, text) as tuples straight from the driver, without
    SQLAlchemy's processing of each row: 100 000 rows read in about half the time of :func:`_rows`."""
    if isinstance(db, Engine):
        with db.connect() as connection:
            return plain_rows(connection, statement)
    connection = db if isinstance(db, sa.Connection) else db.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    cursor = connection.connection.cursor()
    try:
        if compiled.positional:
            cursor.execute(str(compiled), tuple(compiled.params[name] for name in compiled.positiontup or ()))
        else:
            cursor.execute(str(compiled), compiled.params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _dialect(db: Db) -> str:
    if isinstance(db, (Engine, sa.Connection)):
        return db.dialect.name
    return db.get_bind().dialect.name


def subtree_cte(parent_id: int, *, include_parent: bool = False, name: str = "subtree") -> sa.CTE:
    """Ids of the organizations under ``parent_id`` at any depth (UNION, so a cycle cannot loop)."""
    start = ORG.c.id == parent_id if include_parent else ORG.c.parent_id == parent_id
    cte = sa.select(ORG.c.id).where(start).cte(name, recursive=True)
    return cte.union(sa.select(ORG.c.id).where(ORG.c.parent_id == cte.c.id))


def in_subtree(db: Db, column: sa.ColumnElement, parent_id: int, *, include_parent: bool = False):
    """A WHERE clause: ``column`` is the id of an organization under ``parent_id`` (any depth).

    SQLite: ``IN (recursive CTE)`` — it then reads a large subtree in id order and walks a small one.
    PostgreSQL overestimates a recursive CTE a thousandfold and plans for the whole table
    (0.5 s for 1 000 organizations of 100 000), so there the ids are fetched first and passed as
    one array parameter, whose size the planner sees.
    """
    tree = subtree_cte(parent_id, include_parent=include_parent)
    if _dialect(db) != "postgresql":
        return column.in_(sa.select(tree.c.id))
    from sqlalchemy.dialects.postgresql import ARRAY

    ids = [row[0] for row in _rows(db, sa.select(tree.c.id))]
    return column == sa.any_(sa.bindparam("subtree_ids", ids, type_=ARRAY(sa.Integer)))


def group_ids(org_id: int) -> sa.Select:
    """The ids of ORG's group: ORG itself and every organization under it at any depth.

    The one meaning of «под организацией» and of every ``--parent``: the comparison window's filter,
    ``maturity export``, ``status``, ``benchmark`` and ``orgs`` all read their organizations through it
    (or :func:`in_group`, the same set as a WHERE clause)."""
    return sa.select(subtree_cte(org_id, include_parent=True, name="org_group").c.id)


def in_group(db: Db, column: sa.ColumnElement, org_id: int):
    """A WHERE clause: ``column`` is the id of an organization of ORG's group (:func:`group_ids`)."""
    return in_subtree(db, column, org_id, include_parent=True)


def kpi_order(kpi_ids: Iterable[str]) -> list[str]:
    """KPI ids in the profiles' order when no profile is at hand (k2 before k10): by length, then text."""
    return sorted(set(kpi_ids), key=lambda k: (len(k), k))


def kpis_of(db: Db, assessments: sa.Select | Iterable[int]) -> dict[int, dict[str, float | None]]:
    """The stored KPI scores of assessments by assessment id, then KPI id (an assessment without
    scores is absent). ``assessments``: their ids, or a SELECT of them (one query however many)."""
    found: dict[int, dict[str, float | None]] = {}
    columns = sa.select(KPI.c.assessment_id, KPI.c.kpi_id, KPI.c.value)
    if isinstance(assessments, sa.Select):
        statements = [columns.where(KPI.c.assessment_id.in_(assessments))]
    else:
        ids = list(assessments)
        statements = [
            columns.where(KPI.c.assessment_id.in_(ids[i : i + ID_BLOCK])) for i in range(0, len(ids), ID_BLOCK)
        ]
    for statement in statements:
        for assessment_id, kpi_id, value in _rows(db, statement):
            found.setdefault(assessment_id, {})[kpi_id] = value
    return found


def plan_done_shares(db: Db, assessment_ids: Iterable[int]) -> dict[int, float]:
    """The share of each assessment's plan steps done, dropped steps left out (an assessment without a
    plan, or with every step dropped, is absent); the same count as :func:`maturity.engine.plan.done_share`."""
    from maturity.storage.models import AssessmentPlanStep

    plan = table_of(AssessmentPlanStep)
    ids = list(assessment_ids)
    found: dict[int, float] = {}
    done = sa.func.sum(sa.case((plan.c.status == "done", 1), else_=0))
    for i in range(0, len(ids), ID_BLOCK):
        statement = (
            sa.select(plan.c.assessment_id, done, sa.func.count())
            .where(plan.c.assessment_id.in_(ids[i : i + ID_BLOCK]), plan.c.status != "dropped")
            .group_by(plan.c.assessment_id)
        )
        for assessment_id, done_count, total in _rows(db, statement):
            found[assessment_id] = int(done_count) / int(total)
    return found


def kpi_means(
    db: Db, joined: sa.FromClause, conditions: Sequence[sa.ColumnElement[bool]], group: Sequence[sa.ColumnElement] = ()
) -> dict[tuple, dict[str, float | None]]:
    """Mean KPI scores of the assessments of ``joined`` (which has ``assessment``) that pass ``conditions``,
    by the values of ``group`` (a tuple, () without grouping), then KPI id; nulls are left out of means."""
    statement = (
        sa.select(*group, KPI.c.kpi_id, sa.func.avg(KPI.c.value))
        .select_from(joined.join(KPI, KPI.c.assessment_id == ASM.c.id))
        .where(*conditions)
        .group_by(*group, KPI.c.kpi_id)
    )
    means: dict[tuple, dict[str, float | None]] = {}
    for *key, kpi_id, mean in _rows(db, statement):
        means.setdefault(tuple(key), {})[kpi_id] = None if mean is None else float(mean)
    return means


def subtree_ids(db: Db, org_id: int) -> set[int]:
    """The organization and every organization under it (its group, :func:`group_ids`)."""
    return {row[0] for row in _rows(db, group_ids(org_id))}


# ------------------------------------------------------------------ history of one organization


@dataclass(frozen=True)
class YearScores:
    year: int
    status: str
    profile_id: str
    profile_version: str
    kpis: dict[str, float | None]
    index: float | None
    digital_index: float | None
    maturity_level: str | None
    failed_norms: int
    completeness: float
    norms: dict[str, str] = field(default_factory=dict)  # norm id → "pass" | "fail" | "n/a"


def organization_history(db: Db, org_id: int) -> list[YearScores]:
    """Every assessment of one organization with its scores, oldest year first."""
    statement = (
        sa.select(ASM.c.year, ASM.c.status, ASM.c.profile_id, ASM.c.profile_version, SCORE)
        .join(SCORE, SCORE.c.assessment_id == ASM.c.id)
        .where(ASM.c.organization_id == org_id)
        .order_by(ASM.c.year)
    )
    rows = _rows(db, statement)
    kpis = kpis_of(db, [r.assessment_id for r in rows])
    return [
        YearScores(
            year=r.year,
            status=r.status,
            profile_id=r.profile_id,
            profile_version=r.profile_version,
            kpis=kpis.get(r.assessment_id, {}),
            index=r.index,  # type: ignore[arg-type]  # the column "index": SQLAlchemy's Row types it as tuple.index
            digital_index=r.digital_index,
            maturity_level=r.level,
            failed_norms=r.failed_norms_count,
            completeness=r.completeness,
            norms=dict(r.norms or {}),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class AssessmentLine:
    """One line of an organization's list of assessments: its state and headline figures."""

    year: int
    status: str
    updated_at: Any
    index: float | None
    digital_index: float | None
    maturity_level: str | None
    completeness: float
    failed_norms: int


def assessment_lines(db: Db, org_id: int) -> list[AssessmentLine]:
    """Every assessment of one organization with its headline figures, newest year first (one query)."""
    statement = (
        sa.select(
            ASM.c.year,
            ASM.c.status,
            ASM.c.updated_at,
            SCORE.c.index,
            SCORE.c.digital_index,
            SCORE.c.level,
            SCORE.c.completeness,
            SCORE.c.failed_norms_count,
        )
        .select_from(ASM.outerjoin(SCORE, SCORE.c.assessment_id == ASM.c.id))
        .where(ASM.c.organization_id == org_id)
        .order_by(ASM.c.year.desc())
    )
    return [
        AssessmentLine(
            year=r.year,
            status=r.status,
            updated_at=r.updated_at,
            index=r.index,  # type: ignore[arg-type]  # the column "index": SQLAlchemy's Row types it as tuple.index
            digital_index=r.digital_index,
            maturity_level=r.level,
            completeness=r.completeness or 0.0,
            failed_norms=r.failed_norms_count or 0,
        )
        for r in _rows(db, statement)
    ]


# ------------------------------------------------------------------ the comparison table


@dataclass(slots=True)
class ComparisonRow:
    """One row of the comparison window (:func:`maturity.storage.comparison.rows_by_id`)."""

    organization_id: int
    uid: str
    name: str
    level: str | None
    region: str | None
    sector: str | None
    parent_name: str | None
    kpis: dict[str, float | None]  # by the KPI ids of the assessment's profile
    index: float | None
    digital_index: float | None
    maturity_level: str | None
    failed_norms: int
    index_change: float | None  # index minus last year's; None when either is missing
    status: str
    completeness: float
    evidence_share: float | None = None  # the share of answers with an evidence mark (None: nothing counted)


def name_matches(dialect: str, column: sa.ColumnElement, text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive "contains", Cyrillic included (SQLite's own lower() knows only ASCII)."""
    if dialect == "sqlite":
        return sa.func.maturity_casefold(column).contains(text.casefold(), autoescape=True)
    return column.icontains(text, autoescape=True)


def organization_names(db: Db) -> list[tuple[int, str]]:
    """(id, name) of every real organization (not the placeholders of unread files): what a search field offers.

    Fetched in batches: one fetch of 100 000 rows is one call that holds the interpreter for a fifth of a second,
    and the window's thread (this runs on a worker) would wait for it."""
    query = sa.select(ORG.c.id, ORG.c.name).where(sa.not_(ORG.c.placeholder)).execution_options(yield_per=NAME_BATCH)
    if isinstance(db, Engine):
        with db.connect() as connection:
            return organization_names(connection)
    return [(r[0], r[1]) for batch in db.execute(query).partitions() for r in batch]


def latest_answers(db: Db, org_ids: Sequence[int], keys: Sequence[str]) -> dict[int, dict[str, str]]:
    """For each organization, its latest answer (any year, a draft's too) to each of ``keys`` that it answered:
    what it last told about itself (the contacts of the not-submitted list). Only those answers are read."""
    found: dict[int, dict[str, str]] = {}
    if not keys:
        return found
    for start in range(0, len(org_ids), ID_BLOCK):
        block = org_ids[start : start + ID_BLOCK]
        query = (
            sa.select(ASM.c.organization_id, *(ASM.c.answers[key].as_string() for key in keys))
            .where(ASM.c.organization_id.in_(block))
            .order_by(ASM.c.year)
        )
        for row in _rows(db, query):
            answers = found.setdefault(row[0], {})
            answers.update({key: str(value).strip() for key, value in zip(keys, row[1:], strict=True) if value})
    return {org_id: answers for org_id, answers in found.items() if answers}


def years(db: Db) -> list[int]:
    """The years that have at least one assessment, newest first."""
    return [r[0] for r in _rows(db, sa.select(ASM.c.year).distinct().order_by(ASM.c.year.desc()))]


def regions(db: Db) -> list[str]:
    statement = sa.select(ORG.c.region).where(ORG.c.region.is_not(None)).distinct().order_by(ORG.c.region)
    return [r[0] for r in _rows(db, statement)]


def sectors(db: Db) -> list[str]:
    statement = sa.select(ORG.c.sector).where(ORG.c.sector.is_not(None)).distinct().order_by(ORG.c.sector)
    return [r[0] for r in _rows(db, statement)]


def catalog_of(db: Db) -> ProfileCatalog:
    """The profiles of the database: the shipped ones and every text kept in ``profile_text``."""
    c = table_of(ProfileTextRow).c
    rows = _rows(db, sa.select(c.id, c.version, c.text, c.source, c.installed_at))
    return ProfileCatalog(
        ProfileText(pid, version, text, source, installed_at) for pid, version, text, source, installed_at in rows
    )
