"""The store: organizations and their yearly assessments, over one SQLModel session.

Used by the command line, the app and the Excel import. Every mutating method is one
transaction — it commits when it returns, and rolls back when it raises, so nothing is ever
half-written; ``with store.atomic():`` groups several calls into one transaction.

Every assessment is written by :meth:`Store.write_records`, from records built once by
:mod:`maturity.engine.record` (answers checked and scored): the wizard's save, one imported file and a
5,000-organization report alike. The scores are written in the same transaction as the answers, so
that history and comparisons read stored figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from maturity.engine.plan import PlanStep, check_plan
from maturity.engine.record import AssessmentRecord, build_record
from maturity.engine.scoring import ScoreResult
from maturity.errors import BadInput, shorten
from maturity.method.catalog import INSTALLED, SHIPPED, InstallCheck, ProfileCatalog, ProfileConflict, ProfileText
from maturity.method.profile import ORGANIZATION_FACTS, Profile
from maturity.storage.answer_notes import keep_evidence_shares, write_notes
from maturity.storage.bulk import insert_rows
from maturity.storage.database import begin_writing, table_of
from maturity.storage.journal import Entry, local_time, os_user, write_entries
from maturity.storage.models import (
    Assessment,
    AssessmentKpi,
    AssessmentPlanStep,
    AssessmentRescore,
    AssessmentReview,
    AssessmentScore,
    Organization,
    OrganizationCode,
    ProfileTextRow,
    utcnow,
)

LEVEL_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")  # the profile says which levels there are
ORGANIZATION_FIELDS = ("name", "level", "parent_id", "region", "sector", "members", "uid", "placeholder",
                       "name_consent")  # fmt: skip

ASSESSMENT = table_of(Assessment)
SCORE = table_of(AssessmentScore)
KPI = table_of(AssessmentKpi)
ORGANIZATION = table_of(Organization)
PLAN = table_of(AssessmentPlanStep)
PROFILE_TEXT = table_of(ProfileTextRow)
RESCORE = table_of(AssessmentRescore)
CODE = table_of(OrganizationCode)
REVIEW = table_of(AssessmentReview)


class OrganizationNotFound(BadInput):
    """No organization (or more than one) matches an identifier or a name."""


class AssessmentLocked(BadInput):
    """A write that would change an accepted assessment (it is official until reopened)."""


def accepted_by(decided_by: str, decided_at: Any) -> str:
    """«ivanova, 20.12.2025 14:05»: who accepted an assessment and when (in the computer's time)."""
    when = local_time(decided_at).strftime("%d.%m.%Y %H:%M") if decided_at is not None else "—"
    return f"{decided_by or 'пользователь не известен'}, {when}"


def locked_reason(name: str, uid: str, year: int, decided_by: str, decided_at: Any) -> str:
    """Why an accepted assessment is not changed: who accepted it and when, and how to reopen it."""
    return (
        f"оценка организации «{name}» за {year} год принята ({accepted_by(decided_by, decided_at)}) и не меняется; "
        f"чтобы её заменить, сначала снимите приёмку: «maturity review reopen --org {uid} --year {year}» "
        "или «Снять приёмку» в окне сравнения"
    )


def score_values(result: ScoreResult) -> dict[str, Any]:
    """The ``assessment_score`` columns of a score result (unrounded figures), and under ``"kpis"``
    the KPI scores by the profile's KPI ids (the rows of ``assessment_kpi``): what :func:`insert_scores` writes."""
    norms = dict(result.norm_statuses)
    return {
        "index": result.index,
        "digital_index": result.digital_index,
        "level": result.level,
        "norms": norms,
        "failed_norms_count": sum(1 for status in norms.values() if status == "fail"),
        "completeness": result.completeness,
        "kpis": dict(result.kpis),
    }


SCORE_COLUMNS = ("assessment_id", "index", "digital_index", "level", "norms", "failed_norms_count", "completeness")
KPI_COLUMNS = ("assessment_id", "kpi_id", "value")


def insert_scores(into: Session | sa.Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert score rows (:func:`score_values` plus ``assessment_id``) with their KPI rows, in bulk
    (:func:`maturity.storage.bulk.insert_rows`: a thousand files' eleven thousand rows in two statements).

    An assessment's old scores are deleted first by deleting its ``assessment_score`` row: its KPI
    rows go with it (ON DELETE CASCADE).
    """
    insert_rows(into, SCORE, SCORE_COLUMNS, [tuple(row[c] for c in SCORE_COLUMNS) for row in rows])
    kpis = [(row["assessment_id"], kpi_id, value) for row in rows for kpi_id, value in row["kpis"].items()]
    insert_rows(into, KPI, KPI_COLUMNS, kpis)


# a new assessment's row: (organization id, year, the values of a replaced one…, created_at)
NEW_ASSESSMENT_COLUMNS = (
    "organization_id", "year", "profile_id", "profile_version", "profile_sha256", "status", "answers", "respondent", "updated_at",
    "created_at",
)  # fmt: skip

LOOK_UP: Any = object()  # RecordWrite.existing_id: find the assessment to replace


@dataclass(frozen=True)
class RecordWrite:
    """A record and the organization it belongs to; ``existing_id`` the assessment it replaces (None:
    a new one; LOOK_UP: find it); ``sync_organization`` False when the organization was made from
    these very answers a moment ago."""

    organization_id: int
    record: AssessmentRecord
    existing_id: int | None = LOOK_UP
    sync_organization: bool = True
    file_name: str | None = None  # the file it came from, for the journal
    file_sha256: str | None = None
    sent_review: Mapping[str, Any] | None = None  # what the file said of its review (state, comments)


class Store:
    def __init__(self, session: Session, actor: str | None = None):
        self.session = session
        self._depth = 0
        self.actor = os_user() if actor is None else actor  # who writes, for the journal

    def journal(self, entries: Sequence[Entry]) -> None:
        """Append journal entries in the current transaction (no commit: inside :meth:`atomic`)."""
        write_entries(self.session, entries, self.actor)

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

    @staticmethod
    def _stored(row_id: int | None) -> int:
        """The id of a row read from the database (never None there)."""
        if row_id is None:
            raise ValueError("запись ещё не сохранена")
        return row_id

    def stored_id(self, org: Organization) -> int:
        """The id of an organization read from the database."""
        return self._stored(org.id)

    def stored_id_of(self, assessment: Assessment) -> int:
        """The id of an assessment read from the database."""
        return self._stored(assessment.id)

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
        if level is not None and (not isinstance(level, str) or not LEVEL_ID.match(level)):
            raise BadInput(f"неверный код уровня организации «{shorten(level)}»")
        if "name_consent" in fields and not isinstance(fields["name_consent"], bool):
            raise BadInput("согласие назвать организацию — «да» или «нет»")
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
        """Change some of: name, level, parent (an Organization, an id or None), region, sector, members, the consent
        to be named as one to learn from (``name_consent``)."""
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
            if fields.get("parent_id") is not None and fields["parent_id"] in self._subtree_ids(self._org_id(target)):
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
        """The organization with this code: its own ``uid``, or one of its extra codes (``organization_code``)."""
        found = self.session.exec(select(Organization).where(Organization.uid == uid)).first()
        if found is None:
            owner = self.session.execute(sa.select(CODE.c.organization_id).where(CODE.c.code == uid)).scalar()
            found = None if owner is None else self.get_organization(owner)
        return found

    def codes_of(self, org: Organization | int) -> list[str]:
        """The extra codes of an organization (besides its uid), in the order they were added."""
        query = sa.select(CODE.c.code).where(CODE.c.organization_id == self._org_id(org))
        return list(self.session.execute(query.order_by(CODE.c.added_at, CODE.c.code)).scalars())

    def organizations_named(self, name: str, level: str | None = None) -> list[Organization]:
        query = select(Organization).where(Organization.name == name.strip())
        if level is not None:
            query = query.where(Organization.level == level)
        return list(self.session.exec(query.order_by(col(Organization.id))))

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
            raise OrganizationNotFound(
                f"организация «{shorten(ref)}» не найдена (ни по идентификатору, ни по наименованию)"
            )
        uids = ", ".join(o.uid for o in named[:5])
        raise OrganizationNotFound(
            f"организаций с наименованием «{shorten(ref)}» несколько ({len(named)}); укажите идентификатор: {uids}"
        )

    def list_organizations(self) -> list[Organization]:
        return list(self.session.exec(select(Organization).order_by(col(Organization.name), col(Organization.id))))

    def first_organization(self) -> Organization | None:
        """The first real organization by name (not a placeholder of an unread file), read alone (along the
        index of names: no sort of them all)."""
        query = select(Organization).where(sa.not_(col(Organization.placeholder)))
        return self.session.exec(query.order_by(col(Organization.name)).limit(1)).first()

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
        """Check, score and write answers + scores for (org, year), replacing what was there.

        status None: "complete" when every relevant required question is answered, else "draft".
        """
        record = build_record(profile, year, answers, status=status, respondent=respondent)
        return self.save_record(org, record)

    def save_record(self, org: Organization | int, record: AssessmentRecord) -> Assessment:
        """Write one record (the wizard's save) in its own transaction; the stored assessment."""
        with self.atomic():
            org_id = self._org_id(self._existing(org))
            (assessment_id,) = self.write_records([RecordWrite(org_id, record)])
        return self._load_assessment(assessment_id)

    def assessment_id(self, org_id: int, year: int) -> int | None:
        query = sa.select(ASSESSMENT.c.id).where(ASSESSMENT.c.organization_id == org_id, ASSESSMENT.c.year == year)
        return self.session.execute(query).scalar()

    def write_records(self, writes: Sequence[RecordWrite], action: str = "save") -> list[int]:
        """The one way an assessment reaches the database: upsert the records' answers and scores in
        bulk, then bring each organization's name, level, region, sector and members up to date from
        its latest year (no commit: call inside :meth:`atomic`). Returns the assessment ids, in order.

        A write whose ``existing_id`` is ``LOOK_UP`` finds the row to replace itself; the import, which
        has already read them for its clash checks, passes the id or None.

        An accepted assessment is never replaced (AssessmentLocked, nothing written); a returned one is
        «received» again. Each write is a journal entry: ``action`` («save», «import», «rescore»; an
        import over a stored assessment is «replace»), the index before → after, the file's name and sha256.
        """
        if not writes:
            return []
        now = utcnow()
        execute = self.session.execute
        self.keep_profile_texts([w.record.profile for w in writes])
        lookups = [w for w in writes if w.existing_id is LOOK_UP]
        found: dict[tuple[int, int], int] = {}
        if lookups:
            c = ASSESSMENT.c
            keys = {(w.organization_id, w.record.year) for w in lookups}
            query = sa.select(c.organization_id, c.year, c.id).where(c.organization_id.in_({k[0] for k in keys}))
            found = {(oid, year): aid for oid, year, aid in execute(query) if (oid, year) in keys}
        ids: list[int | None] = []
        new_rows, new_positions, replaced_rows = [], [], []
        for position, write in enumerate(writes):
            record = write.record
            existing = (
                found.get((write.organization_id, record.year)) if write.existing_id is LOOK_UP else write.existing_id
            )
            values = {
                "profile_id": record.profile.id,
                "profile_version": record.profile.version,
                "profile_sha256": record.profile.sha256,
                "status": record.status,
                "answers": record.answers,
                "respondent": record.respondent,
                "updated_at": now,
            }
            if existing is None:
                new_rows.append(
                    (write.organization_id, record.year, *(values[k] for k in NEW_ASSESSMENT_COLUMNS[2:-1]), now)
                )
                new_positions.append(position)
                ids.append(None)
            else:
                replaced_rows.append({**values, "aid": existing})
                ids.append(existing)
        replaced_ids: list[int] = [existing_ids for existing_ids in ids if existing_ids is not None]
        before = self._before_write(replaced_ids)  # refuses an accepted one before anything is written
        if replaced_rows:
            c = ASSESSMENT.c
            execute(
                ASSESSMENT.update()
                .where(c.id == sa.bindparam("aid"))
                .values(**{k: sa.bindparam(k) for k in replaced_rows[0] if k != "aid"}),
                replaced_rows,
            )
        if new_rows:
            insert_rows(self.session, ASSESSMENT, NEW_ASSESSMENT_COLUMNS, new_rows)
            c = ASSESSMENT.c  # (organization, year) is unique: it tells which new id is whose
            query = sa.select(c.organization_id, c.year, c.id).where(c.organization_id.in_({r[0] for r in new_rows}))
            returned = {(oid, year): aid for oid, year, aid in execute(query)}
            for position, row in zip(new_positions, new_rows, strict=True):
                ids[position] = returned[(row[0], row[1])]
        assessment_ids = [int(i) for i in ids if i is not None]
        if replaced_rows:
            execute(SCORE.delete().where(SCORE.c.assessment_id.in_(replaced_ids)))
        insert_scores(
            self.session,
            [
                {**score_values(w.record.result), "assessment_id": aid}
                for w, aid in zip(writes, assessment_ids, strict=True)
            ],
        )
        self._after_write(writes, assessment_ids, set(replaced_ids), before, action)
        write_notes(
            self.session,
            {aid: w.record.notes for w, aid in zip(writes, assessment_ids, strict=True) if w.record.notes is not None},
        )
        keep_evidence_shares(
            self.session,
            [
                (aid, w.record.profile, w.record.answers, w.record.notes)
                for w, aid in zip(writes, assessment_ids, strict=True)
            ],
        )
        self._sync_organizations([w for w in writes if w.sync_organization])
        return assessment_ids

    def _before_write(self, replaced_ids: Sequence[int]) -> dict[int, tuple[float | None, dict[str, Any] | None]]:
        """The index and the review row of each assessment about to be replaced; AssessmentLocked when one
        is accepted (checked before its scores are touched: the caller's transaction rolls back)."""
        if not replaced_ids:
            return {}
        held: dict[int, tuple[float | None, dict[str, Any] | None]] = {}
        indexes = dict(
            self.session.execute(
                sa.select(SCORE.c.assessment_id, SCORE.c.index).where(SCORE.c.assessment_id.in_(replaced_ids))
            ).all()
        )
        reviews = {
            row["assessment_id"]: dict(row)
            for row in self.session.execute(sa.select(REVIEW).where(REVIEW.c.assessment_id.in_(replaced_ids)))
            .mappings()
            .all()
        }
        for aid in replaced_ids:
            review = reviews.get(aid)
            if review is not None and review["state"] == "accepted":
                a, o = ASSESSMENT.c, ORGANIZATION.c
                name, uid, year = self.session.execute(
                    sa.select(o.name, o.uid, a.year).join(ORGANIZATION, o.id == a.organization_id).where(a.id == aid)
                ).one()
                raise AssessmentLocked(locked_reason(name, uid, year, review["decided_by"], review["decided_at"]))
            held[aid] = (indexes.get(aid), review)
        return held

    def _after_write(
        self,
        writes: Sequence[RecordWrite],
        ids: Sequence[int],
        replaced: set[int],
        before: Mapping[int, tuple[float | None, dict[str, Any] | None]],
        action: str,
    ) -> None:
        """The journal entries of a write, and the review rows: a replaced assessment is «received» again
        (what its file said of its review kept, or what was kept before when the write brings nothing)."""
        o = ORGANIZATION.c
        orgs = {
            oid: (uid, name)
            for oid, uid, name in self.session.execute(
                sa.select(o.id, o.uid, o.name).where(o.id.in_({w.organization_id for w in writes}))
            )
        }
        entries, reviews = [], []
        for write, aid in zip(writes, ids, strict=True):
            uid, name = orgs[write.organization_id]
            index_before, review = before.get(aid, (None, None))
            kind = "replace" if action == "import" and aid in replaced else action
            entries.append(
                Entry(
                    kind, uid, name, write.record.year, index_before, write.record.result.index,
                    write.file_name, write.file_sha256,
                )
            )  # fmt: skip
            sent = write.sent_review
            if sent is None and review is not None and review["sent_state"] is not None:
                sent = {
                    "state": review["sent_state"],
                    "comment": review["sent_comment"],
                    "questions": review["sent_questions"],
                    "by": review["sent_by"],
                }
            if review is not None or sent is not None:
                reviews.append(_received_row(aid, sent))
        self.journal(entries)
        touched = [row["assessment_id"] for row in reviews]
        if touched:
            self.session.execute(REVIEW.delete().where(REVIEW.c.assessment_id.in_(touched)))
            self.session.execute(REVIEW.insert(), reviews)

    def _sync_organizations(self, writes: Sequence[RecordWrite]) -> None:
        """Each organization's facts from its newest year among ``writes``, when no later year is stored.
        A fact the answers leave blank keeps the stored value."""
        if not writes:
            return
        newest: dict[int, AssessmentRecord] = {}
        for write in writes:
            held = newest.get(write.organization_id)
            if held is None or write.record.year >= held.year:
                newest[write.organization_id] = write.record
        c = ASSESSMENT.c
        latest = dict(
            self.session.execute(
                sa.select(c.organization_id, sa.func.max(c.year))
                .where(c.organization_id.in_(newest))
                .group_by(c.organization_id)
            ).all()
        )
        rows = []
        for org_id, record in newest.items():
            if record.year < latest.get(org_id, record.year):
                continue
            facts = record.organization_facts
            rows.append({"oid": org_id, **{k: facts.get(k) for k in ORGANIZATION_FACTS}})
        if rows:
            o = ORGANIZATION.c
            self.session.execute(
                ORGANIZATION.update()
                .where(o.id == sa.bindparam("oid"))
                .values(
                    **{k: sa.func.coalesce(sa.bindparam(k, type_=o[k].type), o[k]) for k in ORGANIZATION_FACTS},
                    placeholder=False,
                    updated_at=utcnow(),
                ),
                rows,
            )
            for row in rows:
                org = self.session.identity_map.get(self.session.identity_key(Organization, row["oid"]))
                if org is not None:
                    self.session.expire(org)

    def _load_assessment(self, assessment_id: int) -> Assessment:
        """An assessment this transaction has just written."""
        assessment = self.session.get(Assessment, assessment_id, populate_existing=True)
        if assessment is None:
            raise AssertionError(f"assessment {assessment_id} was written but cannot be read back")
        return assessment

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
        query = select(Assessment).where(Assessment.organization_id == self._org_id(org)).order_by(col(Assessment.year))
        return list(self.session.exec(query.execution_options(populate_existing=True)))

    # ------------------------------------------------------------ profiles kept in the database

    def catalog(self) -> ProfileCatalog:
        """The profiles this database knows: the shipped ones and every kept text (installed, or kept
        with an assessment)."""
        from maturity.storage.queries import catalog_of

        return catalog_of(self.session)

    def install_profile_text(self, text: str, source: str = "текст методики") -> InstallCheck:
        """Validate a profile text against this database's catalog and install it (one transaction).

        The same text again changes nothing (``already``); another text under an id and version already
        known is a ProfileConflict. Raises ProfileError with the place of the error inside the text."""
        with self.atomic():
            check = self.catalog().check_install(text, source)
            if not check.already:
                self._insert_profile_text(check.entry)
                entry = check.entry
                detail = {"profile": entry.id, "version": entry.version, "sha256": entry.sha256}
                self.journal([Entry("profile", file_name=source, file_sha256=entry.sha256, detail=detail)])
        return check

    def _insert_profile_text(self, entry: ProfileText) -> None:
        self.session.execute(
            PROFILE_TEXT.insert().values(
                id=entry.id,
                version=entry.version,
                sha256=entry.sha256,
                text=entry.text,
                source=entry.source,
                installed_at=entry.installed_at or utcnow(),
            )
        )

    def keep_profile_texts(self, profiles: Sequence[Profile]) -> None:
        """Keep the exact text of each profile assessments are written with, if not kept yet (no commit:
        inside :meth:`atomic`). Another text under a kept id and version is refused (ProfileConflict),
        unless it is the text this program ships."""
        distinct = {(p.id, p.version, p.sha256): p for p in profiles}
        if not distinct:
            return
        c = PROFILE_TEXT.c
        kept = self.session.execute(
            sa.select(c.id, c.version, c.sha256).where(c.id.in_({key[0] for key in distinct}))
        ).all()
        known = {tuple(row) for row in kept}
        for key, profile in distinct.items():
            if key in known:
                continue
            shipped = _is_shipped(profile)
            if not shipped and any(row[:2] == key[:2] for row in known):
                raise ProfileConflict(
                    f"методика «{profile.id}» версии {profile.version}",
                    "",
                    "в базе уже есть другой текст этой версии: методика изменилась — дайте ей новую версию",
                )
            self._insert_profile_text(
                ProfileText(profile.id, profile.version, profile.text, SHIPPED if shipped else INSTALLED)
            )
            known.add(key)

    def profile_of(self, assessment: Assessment, catalog: ProfileCatalog | None = None) -> Profile:
        """The profile an assessment was scored with: its id, version and kept text."""
        return (catalog or self.catalog()).find(
            assessment.profile_id, assessment.profile_version, assessment.profile_sha256
        )

    def record_rescore(self, assessment_id: int, before: Assessment, profile: Profile, by: str = "") -> None:
        """Note an explicit re-scoring of an assessment with ``profile`` (no commit: inside :meth:`atomic`)."""
        self.session.execute(
            RESCORE.insert().values(
                assessment_id=assessment_id,
                from_version=before.profile_version,
                from_sha256=before.profile_sha256,
                to_version=profile.version,
                to_sha256=profile.sha256,
                rescored_at=utcnow(),
                rescored_by=by[:300],
            )
        )

    def rescores(self, assessment: Assessment | int) -> list[AssessmentRescore]:
        """The re-scorings of an assessment, oldest first."""
        assessment_id = assessment.id if isinstance(assessment, Assessment) else assessment
        query = (
            select(AssessmentRescore)
            .where(AssessmentRescore.assessment_id == assessment_id)
            .order_by(col(AssessmentRescore.rescored_at), col(AssessmentRescore.id))
        )
        return list(self.session.exec(query))

    # ------------------------------------------------------------ the plan kept with an assessment

    def write_plans(self, plans: Mapping[int, Sequence[PlanStep]]) -> None:
        """The one way a plan reaches the database: each assessment's plan replaced by the steps given,
        in their order (no commit: call inside :meth:`atomic`). The plan is not part of the scored
        record: nothing is rescored, the assessment and its scores are not touched."""
        if not plans:
            return
        self.session.execute(PLAN.delete().where(PLAN.c.assessment_id.in_(list(plans))))
        rows = [
            {
                "assessment_id": aid,
                "step": s.step,
                "position": position,
                "status": s.status,
                "responsible": s.responsible,
                "due": s.due,
                "note": s.note,
            }
            for aid, steps in plans.items()
            for position, s in enumerate(steps)
        ]
        if rows:
            self.session.execute(PLAN.insert(), rows)

    def save_plan(self, org: Organization | int, year: int, steps: Sequence[PlanStep]) -> list[PlanStep]:
        """Keep ``steps`` as the plan of the organization's assessment of ``year`` (checked against the
        assessment's method first: a bad step is a BadInput and nothing is written)."""
        with self.atomic():
            organization = self._existing(org)
            assessment = self.get_assessment(organization, year)
            if assessment is None:
                raise BadInput(
                    f"у организации «{organization.name}» нет оценки за {year} год — план хранится с оценкой"
                )
            checked = check_plan(self.profile_of(assessment), list(steps))
            self.write_plans({self._stored(assessment.id): checked})
        return checked

    def get_plan(self, assessment: Assessment | int) -> list[PlanStep] | None:
        """The stored plan of an assessment in its order; None when none was ever kept."""
        assessment_id = assessment.id if isinstance(assessment, Assessment) else assessment
        c = PLAN.c
        rows = self.session.execute(
            sa.select(c.step, c.status, c.responsible, c.due, c.note)
            .where(c.assessment_id == assessment_id)
            .order_by(c.position)
        ).all()
        if not rows:
            return None
        return [
            PlanStep(step, status, responsible or "", due, note or "") for step, status, responsible, due, note in rows
        ]


def _received_row(assessment_id: int, sent: Mapping[str, Any] | None) -> dict[str, Any]:
    """A review row «received» (no decision), with what the file said of it."""
    sent = sent or {}
    state = "accepted" if sent.get("upstream") == "accepted" else sent.get("state")
    return {
        "assessment_id": assessment_id,
        "state": "received",
        "comment": "",
        "questions": {},
        "decided_at": None,
        "decided_by": "",
        "sent_state": state if state in ("received", "accepted", "returned") else None,
        "sent_comment": str(sent.get("comment") or "")[:5000],
        "sent_questions": {str(k)[:100]: str(v)[:5000] for k, v in dict(sent.get("questions") or {}).items()},
        "sent_by": str(sent.get("by") or "")[:300],
    }


def _is_shipped(profile: Profile) -> bool:
    """Whether ``profile`` is exactly a profile this program ships (its id, version and text)."""
    return any(shipped is profile or shipped.sha256 == profile.sha256 for shipped in ProfileCatalog().shipped())


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
