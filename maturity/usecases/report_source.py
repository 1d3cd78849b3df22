"""The consolidated report from the database: rows for :func:`report_export.write_report`, as a stream.

The assessments of the year (of a parent's whole subtree, the parent included, or of every organization) are
listed once by id in the report's order; each pass of the writer then reads them in batches, each with its
stored scores, its organization, the parent's uid and name, and last year's stored scores and status (the
report's change since last year is taken over the organizations assessed in both years), and the KPI scores of
both years by KPI id: a federation's 100 000 rows are never all in memory. Nothing is rescored;
:func:`expected_organizations` counts whom the report covers («Итоги»: «X из Y»). :func:`export_report` is what
the command line and the app call.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.exchange.report_entry import ReportEntry
from maturity.exchange.report_export import Progress, write_report
from maturity.exchange.report_rows import ReportRows
from maturity.method.catalog import ProfileCatalog
from maturity.method.profile import Profile, ProfileError
from maturity.storage.answer_notes import notes_of
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentEvidence, AssessmentScore, Organization
from maturity.storage.own_targets import own_targets_by_uid
from maturity.storage.queries import KPI, catalog_of, in_group, plan_done_shares
from maturity.storage.review import REVIEW
from maturity.views.natural_order import natural_key

ORG, ASM, SCORE = table_of(Organization), table_of(Assessment), table_of(AssessmentScore)


BATCH = 1000  # assessments read from the database at a time


class StoredReportRows(ReportRows):
    """The year's assessments under ``parent`` (itself included; None: all) as the report's rows, by
    organization name in natural order («№ 2» before «№ 10»); ``organization_ids`` narrows them to these
    organizations (the comparison window's filtered table).

    Only the assessments' ids are kept (in the report's order); every pass reads the rows :data:`BATCH` at a
    time by id, with their KPI scores and plans, so that memory stays flat however many organizations the
    report has. The answers are read only by :meth:`with_answers`."""

    def __init__(
        self, session, year: int, parent: Organization | None = None, organization_ids: Collection[int] | None = None
    ):
        self.session, self.year = session, year
        self.catalog = catalog_of(session)
        self.cache: dict[tuple[str, str, str | None], Profile] = {}
        narrowed = [] if organization_ids is None else [ORG.c.id.in_(list(organization_ids))]
        if parent is not None:
            narrowed.append(in_group(session, ORG.c.id, stored_id(parent)))
        listing = (
            sa.select(ASM.c.id, ORG.c.name, ASM.c.profile_id, ASM.c.profile_version, ASM.c.profile_sha256)
            .select_from(
                ASM.join(SCORE, SCORE.c.assessment_id == ASM.c.id).join(ORG, ORG.c.id == ASM.c.organization_id)
            )
            .where(ASM.c.year == year, *narrowed)
            .order_by(ORG.c.name, ORG.c.id)
            .execution_options(yield_per=10_000)  # a server-side cursor on PostgreSQL
        )
        listed = sorted(session.execute(listing), key=lambda r: natural_key(r.name))  # «№ 2» before «№ 10»
        self.ids = array("q", (r.id for r in listed))  # 8 bytes an assessment
        used = dict.fromkeys((r.profile_id, r.profile_version, r.profile_sha256) for r in listed)
        del listed
        self.used = [self.profile(key) for key in used]
        self.kpi_ids = list(dict.fromkeys(k.id for profile in self.used for k in profile.kpis))

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[ReportEntry]:
        return self.read()

    def profiles(self) -> list[Profile]:
        found: dict[tuple[str, str], Profile] = {}
        for profile in self.used:
            found.setdefault((profile.id, profile.version), profile)
        return list(found.values())

    def profile(self, key: tuple[str, str, str | None]) -> Profile:
        if key not in self.cache:
            self.cache[key] = self.catalog.find(*key)  # the very text each assessment was scored with
        return self.cache[key]

    def read(self, *, answers: bool = False, scores: bool = True) -> Iterator[ReportEntry]:
        for start in range(0, len(self.ids), BATCH):
            yield from self.batch(list(self.ids[start : start + BATCH]), answers, scores)

    def batch(self, ids: list[int], with_answers: bool, scores: bool = True) -> list[ReportEntry]:
        """The rows of the assessments ``ids``, in that order (the KPI scores only with ``scores``)."""
        kpi_ids = self.kpi_ids if scores else []
        statement = _rows_statement(self.year, with_answers, kpi_ids).where(ASM.c.id.in_(ids))
        rows = {r.id: r for r in self.session.execute(statement)}
        plans = plan_done_shares(self.session, ids)
        own = own_targets_by_uid(self.session, self.year, [r.uid for r in rows.values()])
        notes = notes_of(self.session, ids)
        entries = []
        now_columns = [f"kpi_{n}" for n in range(len(kpi_ids))]
        before_columns = [f"before_kpi_{n}" for n in range(len(kpi_ids))]
        for aid in ids:
            r = rows[aid]
            values = r._mapping
            entries.append(
                ReportEntry(
                    organization_id=r.uid,
                    name=r.name,
                    year=self.year,
                    profile=self.profile((r.profile_id, r.profile_version, r.profile_sha256)),
                    answers=r.answers if with_answers else {},
                    kpis=dict(zip(kpi_ids, [values[c] for c in now_columns], strict=True)),
                    index=r.index,
                    digital_index=r.digital_index,
                    maturity_level=r.maturity_level,
                    norms=r.norms,
                    completeness=r.completeness,
                    level=r.org_level,
                    parent_organization_id=r.parent_uid,
                    parent_name=r.parent_name,
                    region=r.region,
                    status=r.status,
                    previous_index=r.before_index,
                    previous_kpis={}
                    if r.before_id is None
                    else dict(zip(kpi_ids, [values[c] for c in before_columns], strict=True)),
                    previous_status=r.before_status,
                    plan_done=plans.get(r.id),
                    previous_profile=_previous_profile(self.catalog, self.cache, r),
                    review=r.review,
                    own_targets=own.get(r.uid),
                    notes=notes[aid],
                )
            )
        return entries


def _rows_statement(year: int, with_answers: bool, kpi_ids: list[str]) -> sa.Select:
    """The report's columns of the assessments of ``year``: the organization, its parent, the stored scores
    (the KPIs ``kpi_ids`` as columns ``kpi_0``…), last year's stored scores (``before_kpi_0``…), status and
    profile version, the review (the caller picks the assessments)."""
    parent_org = ORG.alias("parent_org")
    # last year's assessment and scores as plain outer joins (not a subquery): looked up by the unique
    # (organization, year) for each row of a batch, never the whole year built again for every batch
    before_asm, before_score = ASM.alias("before_asm"), SCORE.alias("before_score")
    joined = (
        ASM.join(SCORE, SCORE.c.assessment_id == ASM.c.id)
        .join(ORG, ORG.c.id == ASM.c.organization_id)
        .outerjoin(parent_org, parent_org.c.id == ORG.c.parent_id)
        .outerjoin(before_asm, sa.and_(before_asm.c.organization_id == ORG.c.id, before_asm.c.year == year - 1))
        .outerjoin(before_score, before_score.c.assessment_id == before_asm.c.id)
        .outerjoin(REVIEW, REVIEW.c.assessment_id == ASM.c.id)
    )
    answers = [ASM.c.answers] if with_answers else []

    def kpi(assessment_id: Any, kpi_id: str, label: str) -> Any:  # one lookup by the key (assessment, KPI)
        found = sa.select(KPI.c.value).where(KPI.c.assessment_id == assessment_id, KPI.c.kpi_id == kpi_id)
        return found.scalar_subquery().label(label)

    kpis = [kpi(ASM.c.id, k, f"kpi_{n}") for n, k in enumerate(kpi_ids)]
    kpis += [kpi(before_score.c.assessment_id, k, f"before_kpi_{n}") for n, k in enumerate(kpi_ids)]
    return sa.select(
        ORG.c.uid, ORG.c.name, ORG.c.level.label("org_level"), ORG.c.region,
        parent_org.c.uid.label("parent_uid"), parent_org.c.name.label("parent_name"),
        ASM.c.id, ASM.c.profile_id, ASM.c.profile_version, ASM.c.profile_sha256, ASM.c.status, *answers,
        SCORE.c.index, SCORE.c.digital_index,
        SCORE.c.level.label("maturity_level"), SCORE.c.norms, SCORE.c.completeness,
        # last year's assessment counts only with its scores (an inner pair, joined flat for speed)
        before_score.c.assessment_id.label("before_id"), before_score.c.index.label("before_index"),
        sa.case((before_score.c.assessment_id.is_not(None), before_asm.c.status)).label("before_status"),
        before_asm.c.profile_id.label("before_profile_id"), before_asm.c.profile_version.label("before_version"),
        before_asm.c.profile_sha256.label("before_sha256"),
        sa.func.coalesce(REVIEW.c.state, "received").label("review"), *kpis,
    ).select_from(joined)  # fmt: skip


def report_entries(
    session, year: int, parent: Organization | None = None, organization_ids: Collection[int] | None = None
) -> list[ReportEntry]:
    """The year's assessments under ``parent`` (itself included; None: all), by organization name, each with
    its answers, in a list (:class:`StoredReportRows` reads them as a stream)."""
    return list(StoredReportRows(session, year, parent, organization_ids).read(answers=True))


def _previous_profile(
    catalog: ProfileCatalog, profiles: dict[tuple[str, str, str | None], Profile], row: Any
) -> Profile | None:
    """The profile version last year's assessment was scored with (None: none, or not known here), so the
    report can say where a KPI's definition changed («методика изменилась»)."""
    if row.before_id is None:
        return None
    key = (row.before_profile_id, row.before_version, row.before_sha256)
    if key not in profiles:
        try:
            profiles[key] = catalog.find(*key)
        except ProfileError:
            return None
    return profiles[key]


def expected_organizations(session, parent: Organization | None = None) -> int:
    """How many organizations a report covers: the parent and its whole subtree (None: every organization),
    placeholders (known only as someone's parent) left out."""
    statement = sa.select(sa.func.count()).select_from(ORG).where(ORG.c.placeholder.is_(False))
    if parent is not None:
        statement = statement.where(in_group(session, ORG.c.id, stored_id(parent)))
    return session.execute(statement).scalar_one()


def missing_organizations(session, year: int, parent: Organization | None = None) -> list[dict[str, Any]]:
    """The organizations a report covers (as :func:`expected_organizations`) without an assessment of
    ``year``, as rows of the register's columns (code, name, level, parent, its code, region, sector,
    members), by name: what the report's «Не сдали» carries up."""
    up, asm = ORG.alias("up"), ASM.alias("this_year")
    statement = (
        sa.select(ORG.c.uid, ORG.c.name, ORG.c.level, up.c.name, up.c.uid, ORG.c.region, ORG.c.sector,
                  ORG.c.members)
        .select_from(
            ORG.outerjoin(asm, sa.and_(asm.c.organization_id == ORG.c.id, asm.c.year == year))
            .outerjoin(up, up.c.id == ORG.c.parent_id)
        )
        .where(ORG.c.placeholder.is_(False), asm.c.id.is_(None))
        .order_by(ORG.c.id)
    )  # fmt: skip
    if parent is not None:
        statement = statement.where(in_group(session, ORG.c.id, stored_id(parent)))
    keys = ("organization_id", "name", "level", "parent", "parent_organization_id", "region", "sector", "members")
    rows = [dict(zip(keys, row, strict=True)) for row in session.execute(statement)]
    return sorted(rows, key=lambda row: natural_key(row["name"]))


def export_report(
    store,
    year: int,
    path: str | Path,
    parent: Organization | None = None,
    progress: Progress | None = None,
    organization_ids: Collection[int] | None = None,
    with_respondents: bool = False,
    min_evidence: float | None = None,
) -> int:
    """Write the consolidated report of ``year`` (under ``parent``) to ``path``; returns the number of
    organizations. No assessment for the year is a BadInput and no file is written. Respondents' names
    and roles (personal data) are left out unless ``with_respondents``. ``progress(done, total, text)``
    hears how far the work is (:func:`~maturity.exchange.report_export.write_report`). ``min_evidence``: only the
    organizations with at least this share (0–1) of answers confirmed by a document."""
    if progress is not None:
        progress(0, 1, "Читаю оценки из базы…")
    if min_evidence is not None:  # a chosen part: who else is expected is not known
        organization_ids = with_evidence(store.session, year, min_evidence, organization_ids)
    entries = StoredReportRows(store.session, year, parent, organization_ids)
    if not len(entries):
        where = f" у организации «{parent.name}» и подчинённых" if parent is not None else ""
        raise BadInput(f"нет оценок за {year} год{where} — отчёт не создан")
    scope = parent.name if parent is not None else "все организации"
    # a report of chosen organizations (the comparison window's filtered table) does not know who else is expected
    expected = expected_organizations(store.session, parent) if organization_ids is None else None
    missing = missing_organizations(store.session, year, parent) if organization_ids is None else []
    write_report(
        entries,
        path,
        year=year,
        scope=scope,
        parent_organization_id=parent.uid if parent else None,
        expected=expected,
        with_respondents=with_respondents,
        progress=progress,
        missing=missing,
    )
    return len(entries)


def with_evidence(session, year: int, min_evidence: float, organization_ids: Collection[int] | None) -> set[int]:
    """The organizations (of ``organization_ids``; None: any) whose assessment of ``year`` has at least
    ``min_evidence`` (0–1) of its answers confirmed by a document — the share kept with each assessment
    (``assessment_evidence``; none kept counts as 0)."""
    evidence = table_of(AssessmentEvidence)
    statement = (
        sa.select(ASM.c.organization_id)
        .select_from(ASM.outerjoin(evidence, evidence.c.assessment_id == ASM.c.id))
        .where(ASM.c.year == year, sa.func.coalesce(evidence.c.share, 0.0) >= min_evidence - 1e-9)
    )
    found = set(session.execute(statement).scalars())
    return found if organization_ids is None else found & set(organization_ids)


def stored_id(org: Organization) -> int:
    """The id of an organization read from the database (a report is made for a stored one)."""
    if org.id is None:
        raise ValueError("организация ещё не сохранена")
    return org.id
