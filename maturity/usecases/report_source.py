"""The consolidated report from the database: entries for :func:`report_export.write_report`.

One SQL query reads every assessment of the year (of a parent's whole subtree, the parent
included, or of every organization) with its stored scores, its organization, the parent's uid
and name, and last year's stored scores and status (the report's change since last year is taken over
the organizations assessed in both years); a second query reads the KPI scores of both years by KPI id;
nothing is rescored; :func:`expected_organizations` counts whom the report covers («Итоги»: «X из Y»). :func:`export_report` is what the
command line and the app call.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.exchange.report_entry import ReportEntry
from maturity.exchange.report_export import Progress, write_report
from maturity.method.catalog import ProfileCatalog
from maturity.method.profile import Profile, ProfileError
from maturity.storage.answer_notes import notes_of
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.storage.own_targets import own_targets_by_uid
from maturity.storage.queries import catalog_of, in_group, kpis_of, plan_done_shares
from maturity.storage.review import REVIEW
from maturity.views.natural_order import natural_key

ORG, ASM, SCORE = table_of(Organization), table_of(Assessment), table_of(AssessmentScore)


def report_entries(
    session, year: int, parent: Organization | None = None, organization_ids: Collection[int] | None = None
) -> list[ReportEntry]:
    """The year's assessments under ``parent`` (itself included; None: all), by organization name;
    ``organization_ids`` narrows them to these organizations (the comparison window's filtered table)."""
    parent_org = ORG.alias("parent_org")
    before = (
        sa.select(
            ASM.c.organization_id,
            ASM.c.id,
            ASM.c.status,
            SCORE.c.index,
            ASM.c.profile_id,
            ASM.c.profile_version,
            ASM.c.profile_sha256,
        )  # fmt: skip
        .join(SCORE, SCORE.c.assessment_id == ASM.c.id)
        .where(ASM.c.year == year - 1)
        .subquery("before")
    )
    joined = (
        ASM.join(SCORE, SCORE.c.assessment_id == ASM.c.id)
        .join(ORG, ORG.c.id == ASM.c.organization_id)
        .outerjoin(parent_org, parent_org.c.id == ORG.c.parent_id)
        .outerjoin(before, before.c.organization_id == ORG.c.id)
        .outerjoin(REVIEW, REVIEW.c.assessment_id == ASM.c.id)
    )
    narrowed = [] if organization_ids is None else [ORG.c.id.in_(list(organization_ids))]
    if parent is not None:
        narrowed.append(in_group(session, ORG.c.id, stored_id(parent)))
    statement = (
        sa.select(
            ORG.c.uid, ORG.c.name, ORG.c.level.label("org_level"), ORG.c.region,
            parent_org.c.uid.label("parent_uid"), parent_org.c.name.label("parent_name"),
            ASM.c.id, ASM.c.profile_id, ASM.c.profile_version, ASM.c.profile_sha256, ASM.c.status, ASM.c.answers,
            SCORE.c.index, SCORE.c.digital_index,
            SCORE.c.level.label("maturity_level"), SCORE.c.norms, SCORE.c.completeness,
            before.c.id.label("before_id"), before.c.index.label("before_index"),
            before.c.status.label("before_status"),
            before.c.profile_id.label("before_profile_id"), before.c.profile_version.label("before_version"),
            before.c.profile_sha256.label("before_sha256"),
            sa.func.coalesce(REVIEW.c.state, "received").label("review"),
        )
        .select_from(joined)
        .where(ASM.c.year == year, *narrowed)
        .order_by(ORG.c.name, ORG.c.id)
    )  # fmt: skip
    profiles: dict[tuple[str, str, str | None], Profile] = {}
    catalog = catalog_of(session)
    entries = []
    rows = sorted(session.execute(statement).all(), key=lambda r: natural_key(r.name))  # «№ 2» before «№ 10»
    kpis = kpis_of(session, [i for r in rows for i in (r.id, r.before_id) if i is not None])
    plans = plan_done_shares(session, [r.id for r in rows])
    own = own_targets_by_uid(session, year, [r.uid for r in rows])
    notes = notes_of(session, [r.id for r in rows])
    for r in rows:
        key = (r.profile_id, r.profile_version, r.profile_sha256)
        if key not in profiles:
            profiles[key] = catalog.find(*key)  # the very text each assessment was scored with
        entries.append(
            ReportEntry(
                organization_id=r.uid,
                name=r.name,
                year=year,
                profile=profiles[key],
                answers=r.answers,
                kpis=kpis.get(r.id, {}),
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
                previous_kpis=kpis.get(r.before_id, {}),
                previous_status=r.before_status,
                plan_done=plans.get(r.id),
                previous_profile=_previous_profile(catalog, profiles, r),
                review=r.review,
                own_targets=own.get(r.uid),
                notes=notes[r.id],
            )
        )
    return entries


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
    entries = report_entries(store.session, year, parent, organization_ids)
    if min_evidence is not None:
        entries = [e for e in entries if (e.evidence_share or 0.0) >= min_evidence - 1e-9]
        organization_ids = organization_ids or set()  # a chosen part: who else is expected is not known
    if not entries:
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


def stored_id(org: Organization) -> int:
    """The id of an organization read from the database (a report is made for a stored one)."""
    if org.id is None:
        raise ValueError("организация ещё не сохранена")
    return org.id
