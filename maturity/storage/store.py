"""The store: organizations and their yearly assessments, over one SQLModel session.

Used by the command line, the app and the Excel import. Every mutating method is one
transaction — it commits when it returns, and rolls back when it raises, so nothing is ever
half-written; ``with store.atomic():`` groups several calls into one transaction.

Answers are validated and scored when they are saved, and the scores are written in the same
transaction as the answers, so that history and comparisons read stored figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from maturity.engine.relevance import relevance_rules
from maturity.engine.scoring import ScoreResult, score
from maturity.engine.validation import clean_answers
from maturity.engine.years import check_year
from maturity.errors import BadInput
from maturity.method.profile import Profile
from maturity.storage.database import begin_writing
from maturity.storage.models import STATUSES, Assessment, AssessmentKpi, AssessmentScore, Organization, utcnow

LEVELS = ("primary", "territorial", "association", "union")
ORGANIZATION_FIELDS = ("name", "level", "parent_id", "region", "sector", "members", "uid", "placeholder")

ASSESSMENT = Assessment.__table__
SCORE = AssessmentScore.__table__
KPI = AssessmentKpi.__table__
ORGANIZATION = Organization.__table__


class AssessmentIncomplete(BadInput):
    """An assessment saved as complete while relevant required questions are unanswered."""


class OrganizationNotFound(BadInput):
    """No organization (or more than one) matches an identifier or a name."""


def score_values(result: ScoreResult) -> dict[str, Any]:
    """The ``assessment_score`` columns of a score result (unrounded figures), and under ``"kpis"``
    the KPI scores by the profile's KPI ids (the rows of ``assessment_kpi``): what :func:`insert_scores` writes."""
    norms = {norm_id: outcome.status for norm_id, outcome in result.norms.items()}
    return {
        "index": result.index,
        "digital_index": result.digital_index,
        "level": result.level,
        "norms": norms,
        "failed_norms_count": sum(1 for status in norms.values() if status == "fail"),
        "completeness": result.completeness,
        "kpis": dict(result.kpis),
    }


def insert_scores(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert score rows (:func:`score_values` plus ``assessment_id``) with their KPI rows, in bulk.

    An assessment's old scores are deleted first by deleting its ``assessment_score`` row: its KPI
    rows go with it (ON DELETE CASCADE).
    """
    if not rows:
        return
    scores = [{k: v for k, v in row.items() if k != "kpis"} for row in rows]
    kpis = [
        {"assessment_id": row["assessment_id"], "kpi_id": kpi_id, "value": value}
        for row in rows
        for kpi_id, value in row["kpis"].items()
    ]
    session.execute(SCORE.insert(), scores)
    if kpis:
        session.execute(KPI.insert(), kpis)


def organization_fields_from_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """What the «Организация» page of an assessment says about the organization itself."""
    fields = {
        "name": answers.get("profile.name"),
        "level": answers.get("profile.level"),
        "region": answers.get("profile.region"),
        "sector": answers.get("profile.sector"),
        "members": answers.get("profile.members"),
    }
    return {k: v for k, v in fields.items() if v not in (None, "")}


class Store:
    def __init__(self, session: Session):
        self.session = session
        self._depth = 0

    # ------------------------------------------------------------ transactions

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One writer's transaction around the block (a savepoint when already inside one).

        It takes the database's write lock when it begins and so waits for another writer
        (another import, the app) instead of failing with «database is locked»; see maturity.storage.database.
        """
        if self._depth:
            self._depth += 1
            try:
                with self.session.begin_nested():
                    yield self
            finally:
                self._depth -= 1
            return
        if self.session.in_transaction():
            self.session.commit()  # end a read begun earlier: a writer's transaction begins with the lock
        self._depth = 1
        try:
            begin_writing(self.session)  # waits for another writer (DatabaseBusy after WRITE_WAIT_SECONDS)
            yield self
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
        finally:
            self._depth = 0

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ organizations

    def _org_id(self, org: Organization | int) -> int:
        if isinstance(org, Organization):
            if org.id is None:
                raise ValueError("организация ещё не сохранена")
            return org.id
        return int(org)

    @staticmethod
    def _check_organization(fields: Mapping[str, Any]) -> None:
        if "name" in fields:
            name = fields["name"]
            if not isinstance(name, str) or not name.strip():
                raise BadInput("у организации должно быть наименование")
            if len(name) > 300:
                raise BadInput("наименование организации длиннее 300 знаков")
        level = fields.get("level")
        if level is not None and level not in LEVELS:
            raise BadInput(f"неизвестный уровень организации «{level}» (допустимы: {', '.join(LEVELS)})")
        members = fields.get("members")
        if members is not None and (not isinstance(members, int) or isinstance(members, bool) or members <= 0):
            raise BadInput(f"численность членов профсоюза должна быть целым числом больше нуля, а не {members!r}")

    def create_organization(
        self,
        name: str,
        level: str | None = None,
        *,
        parent: Organization | int | None = None,
        region: str | None = None,
        sector: str | None = None,
        members: int | None = None,
        uid: str | None = None,
        placeholder: bool = False,
    ) -> Organization:
        fields = {"name": name, "level": level, "members": members}
        self._check_organization(fields)
        with self.atomic():
            if uid is not None and self.organization_by_uid(uid) is not None:
                raise BadInput(f"организация с идентификатором {uid} уже есть")
            if parent is not None:
                self._existing(parent)
            org = Organization(
                name=name.strip(),
                level=level,
                parent_id=None if parent is None else self._org_id(parent),
                region=region,
                sector=sector,
                members=members,
                placeholder=placeholder,
            )
            if uid is not None:
                org.uid = uid
            self.session.add(org)
            self.session.flush()
        return org

    def update_organization(self, org: Organization | int, **fields: Any) -> Organization:
        """Change some of: name, level, parent (an Organization, an id or None), region, sector, members."""
        if "parent" in fields:
            parent = fields.pop("parent")
            fields["parent_id"] = None if parent is None else self._org_id(parent)
        unknown = set(fields) - set(ORGANIZATION_FIELDS)
        if unknown:
            raise TypeError(f"unknown organization fields: {sorted(unknown)}")
        self._check_organization(fields)
        with self.atomic():
            target = self._existing(org)
            if fields.get("parent_id") is not None:
                self._existing(fields["parent_id"])
            if fields.get("parent_id") is not None and fields["parent_id"] in self._subtree_ids(target.id):
                raise BadInput("организация не может подчиняться самой себе или своей структурной организации")
            for key, value in fields.items():
                setattr(target, key, value.strip() if key == "name" else value)
            target.updated_at = utcnow()
            self.session.add(target)
            self.session.flush()
        return target

    def _existing(self, org: Organization | int) -> Organization:
        found = self.get_organization(self._org_id(org))
        if found is None:
            raise OrganizationNotFound(f"организация №{self._org_id(org)} не найдена")
        return found

    def _subtree_ids(self, org_id: int) -> set[int]:
        from maturity.storage.queries import subtree_ids

        return subtree_ids(self.session, org_id)

    def get_organization(self, org_id: int) -> Organization | None:
        return self.session.get(Organization, org_id)

    def organization_by_uid(self, uid: str) -> Organization | None:
        return self.session.exec(select(Organization).where(Organization.uid == uid)).first()

    def organizations_named(self, name: str, level: str | None = None) -> list[Organization]:
        query = select(Organization).where(Organization.name == name.strip())
        if level is not None:
            query = query.where(Organization.level == level)
        return list(self.session.exec(query.order_by(Organization.id)))

    def find_organization(self, ref: str) -> Organization:
        """By identifier (uid) or exact name; OrganizationNotFound when none or several match."""
        ref = ref.strip()
        org = self.organization_by_uid(ref)
        if org is not None:
            return org
        named = self.organizations_named(ref)
        if len(named) == 1:
            return named[0]
        if not named:
            raise OrganizationNotFound(f"организация «{ref}» не найдена (ни по идентификатору, ни по наименованию)")
        uids = ", ".join(o.uid for o in named[:5])
        raise OrganizationNotFound(
            f"организаций с наименованием «{ref}» несколько ({len(named)}); укажите идентификатор: {uids}"
        )

    def children(self, org: Organization | int) -> list[Organization]:
        query = select(Organization).where(Organization.parent_id == self._org_id(org))
        return list(self.session.exec(query.order_by(Organization.name)))

    def list_organizations(self) -> list[Organization]:
        return list(self.session.exec(select(Organization).order_by(Organization.name, Organization.id)))

    def count_organizations(self) -> int:
        return self.session.exec(select(sa.func.count()).select_from(Organization)).one()

    # ------------------------------------------------------------ assessments

    def save_assessment(
        self,
        org: Organization | int,
        year: int,
        profile: Profile,
        answers: Mapping[str, Any],
        status: str | None = None,
        respondent: str | None = None,
    ) -> Assessment:
        """Validate, score and write answers + scores for (org, year), replacing what was there.

        status None: "complete" when every relevant required question is answered, else "draft".
        """
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        check_year(year)
        cleaned = clean_answers(profile, answers)
        result = score(profile, cleaned)
        if status == "complete" and not result.complete:
            missing = relevance_rules(profile).missing_required(cleaned)
            shown = ", ".join(missing[:5]) + (f" и ещё {len(missing) - 5}" if len(missing) > 5 else "")
            raise AssessmentIncomplete(f"оценка не завершена: нет ответов на вопросы {shown}")
        status = status or ("complete" if result.complete else "draft")
        with self.atomic():
            org_id = self._existing(org).id
            assessment_id = self.write_scored(org_id, year, profile, cleaned, result, status, respondent)
            self.sync_organization(org_id, year, cleaned)
        return self._load_assessment(assessment_id)

    def save_draft(
        self,
        org: Organization | int,
        year: int,
        profile: Profile,
        answers: Mapping[str, Any],
        respondent: str | None = None,
    ) -> Assessment:
        """The wizard's save: answers so far as a draft, with the partial scores they give."""
        return self.save_assessment(org, year, profile, answers, status="draft", respondent=respondent)

    def assessment_id(self, org_id: int, year: int) -> int | None:
        query = sa.select(ASSESSMENT.c.id).where(ASSESSMENT.c.organization_id == org_id, ASSESSMENT.c.year == year)
        return self.session.execute(query).scalar()

    def write_scored(
        self,
        org_id: int,
        year: int,
        profile: Profile,
        answers: dict[str, Any],
        result: ScoreResult,
        status: str,
        respondent: str | None = None,
        existing_id: int | None | bool = True,
    ) -> int:
        """Upsert already-clean answers and their scores (no commit); the assessment id.

        ``existing_id``: the id of the row to replace, None when known to be absent, True to look it up.
        """
        if existing_id is True:
            existing_id = self.assessment_id(org_id, year)
        now = utcnow()
        values = {
            "profile_id": profile.id,
            "profile_version": profile.version,
            "status": status,
            "answers": answers,
            "respondent": respondent if respondent is not None else answers.get("profile.respondent"),
            "updated_at": now,
        }
        execute = self.session.execute
        if existing_id is None:
            inserted = execute(
                ASSESSMENT.insert().values(organization_id=org_id, year=year, created_at=now, **values)
            )
            assessment_id = inserted.inserted_primary_key[0]
        else:
            assessment_id = existing_id
            execute(ASSESSMENT.update().where(ASSESSMENT.c.id == assessment_id).values(**values))
            execute(SCORE.delete().where(SCORE.c.assessment_id == assessment_id))
        insert_scores(self.session, [{"assessment_id": assessment_id, **score_values(result)}])
        return assessment_id

    def sync_organization(self, org_id: int, year: int, answers: Mapping[str, Any]) -> None:
        """Copy name, level, region, sector, members from the answers of the organization's latest year."""
        latest = self.session.execute(
            sa.select(sa.func.max(ASSESSMENT.c.year)).where(ASSESSMENT.c.organization_id == org_id)
        ).scalar()
        if latest is not None and year < latest:
            return
        fields = organization_fields_from_answers(answers)
        if not fields:
            return
        self.session.execute(
            ORGANIZATION.update()
            .where(ORGANIZATION.c.id == org_id)
            .values(**fields, placeholder=False, updated_at=utcnow())
        )
        org = self.session.identity_map.get(self.session.identity_key(Organization, org_id))
        if org is not None:
            self.session.expire(org)

    def _load_assessment(self, assessment_id: int) -> Assessment:
        return self.session.get(Assessment, assessment_id, populate_existing=True)

    def get_assessment(self, org: Organization | int, year: int) -> Assessment | None:
        query = select(Assessment).where(Assessment.organization_id == self._org_id(org), Assessment.year == year)
        return self.session.exec(query.execution_options(populate_existing=True)).first()

    def get_score(self, assessment: Assessment | int) -> AssessmentScore | None:
        assessment_id = assessment.id if isinstance(assessment, Assessment) else assessment
        return self.session.get(AssessmentScore, assessment_id, populate_existing=True)

    def get_kpis(self, assessment: Assessment | int) -> dict[str, float | None]:
        """The stored KPI scores of an assessment by KPI id (empty when it has no scores)."""
        assessment_id = assessment.id if isinstance(assessment, Assessment) else assessment
        rows = self.session.execute(sa.select(KPI.c.kpi_id, KPI.c.value).where(KPI.c.assessment_id == assessment_id))
        return {kpi_id: value for kpi_id, value in rows}

    def list_assessments(self, org: Organization | int) -> list[Assessment]:
        query = select(Assessment).where(Assessment.organization_id == self._org_id(org)).order_by(Assessment.year)
        return list(self.session.exec(query.execution_options(populate_existing=True)))

    def delete_assessment(self, org: Organization | int, year: int) -> bool:
        with self.atomic():
            assessment_id = self.assessment_id(self._org_id(org), year)
            if assessment_id is None:
                return False
            self.session.execute(SCORE.delete().where(SCORE.c.assessment_id == assessment_id))
            self.session.execute(ASSESSMENT.delete().where(ASSESSMENT.c.id == assessment_id))
        self.session.expire_all()
        return True


@contextmanager
def open_store(url: str | None = None) -> Iterator[Store]:
    """A Store over a new session of the database at ``url`` (migrated), closed at the end."""
    from maturity.storage.database import open_database

    engine = open_database(url)
    session = Session(engine, expire_on_commit=False)
    try:
        yield Store(session)
    finally:
        session.close()
        engine.dispose()
