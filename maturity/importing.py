"""Importing assessment files (or documents already read) into the store.

Each file is its own transaction: its organization (and a placeholder parent, if needed), its
answers and its scores are written together or not at all, so a bad file, a clash or a killed
process never leaves half an assessment behind. Used by ``maturity import``, the app and the
Excel importer (files are read with :func:`maturity.exchange.files.read_assessment_file`).

The organization of an imported assessment is found by ``meta.organization_id`` (its stable
uid), else by exact name (and level), else created. Its parent by ``meta.parent_organization_id``,
else by the name in ``profile.parent``, else created as a placeholder organization.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.files import WORKBOOK_SUFFIXES, read_assessment_file
from maturity.models import new_uid, utcnow
from maturity.queries import subtree_ids
from maturity.scoring import score
from maturity.store import ORGANIZATION, Store

OnConflict = Literal["fail", "skip", "replace"]
ON_CONFLICT: tuple[str, ...] = ("fail", "skip", "replace")
FILE_SUFFIXES = (".json", *WORKBOOK_SUFFIXES)
ProgressCallback = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class ImportItem:
    source: str
    organization: str | None = None
    year: int | None = None
    reason: str | None = None  # why it was skipped or rejected


@dataclass
class ImportReport:
    imported: list[ImportItem] = field(default_factory=list)
    skipped: list[ImportItem] = field(default_factory=list)
    rejected: list[ImportItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.skipped) + len(self.rejected)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        """«Импортировано: 3, пропущено: 1, отклонено: 1» and a line per skipped or rejected file."""
        lines = [
            f"Импортировано: {len(self.imported)}, пропущено: {len(self.skipped)}, отклонено: {len(self.rejected)}"
        ]
        lines += [f"  пропущен {item.source}: {item.reason}" for item in self.skipped]
        lines += [f"  отклонён {item.source}: {item.reason}" for item in self.rejected]
        return "\n".join(lines)


class _Skip(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def expand_sources(items: Iterable[str | Path | AssessmentDocument]) -> list[Path | AssessmentDocument]:
    """Files as given; a folder becomes its assessment files (.json, .xlsx), sorted by name."""
    sources: list[Path | AssessmentDocument] = []
    for item in items:
        if isinstance(item, AssessmentDocument):
            sources.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            sources += sorted(
                p for p in path.iterdir() if p.suffix.lower() in FILE_SUFFIXES and p.is_file() and not p.name.startswith(".")
            )
        else:
            sources.append(path)
    return sources


def _source_name(item: Path | AssessmentDocument, number: int) -> str:
    if isinstance(item, Path):
        return str(item)
    return str(item.meta.get("source") or f"документ №{number}")


def import_documents(
    store: Store,
    items: Iterable[str | Path | AssessmentDocument],
    on_conflict: OnConflict = "fail",
    progress_callback: ProgressCallback | None = None,
) -> ImportReport:
    """Import every item, one transaction each; the report says what was imported, skipped, rejected.

    on_conflict — when the organization already has an assessment for the year: "fail" rejects
    the file naming the organization and the year, "skip" leaves the stored one, "replace"
    overwrites it. The other files are imported either way.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}")
    sources = expand_sources(items)
    report = ImportReport()
    importer = _Importer(store, on_conflict)
    for number, item in enumerate(sources, start=1):
        source = _source_name(item, number)
        try:
            document = item if isinstance(item, AssessmentDocument) else read_assessment_file(item)
        except BadInput as exc:
            report.rejected.append(ImportItem(source, reason=str(exc)))
        else:
            report_list, entry = importer.import_one(document, source)
            getattr(report, report_list).append(entry)
        if progress_callback is not None:
            progress_callback(number, len(sources))
    return report


class _Importer:
    def __init__(self, store: Store, on_conflict: OnConflict):
        self.store = store
        self.session = store.session
        self.on_conflict = on_conflict

    def import_one(self, document: AssessmentDocument, source: str) -> tuple[str, ImportItem]:
        answers, year = document.answers, document.year
        name = answers.get("profile.name")
        try:
            result = score(document.profile, answers)
            status = "complete" if result.complete else "draft"
            with self.store.atomic():
                org_id, created = self.organization(document)
                existing = None if created else self.store.assessment_id(org_id, year)
                if existing is not None:
                    clash = f"у организации «{name}» уже есть оценка за {year} год"
                    if self.on_conflict == "skip":
                        raise _Skip(clash)
                    if self.on_conflict == "fail":
                        raise BadInput(clash)
                self.store.write_scored(
                    org_id, year, document.profile, answers, result, status, existing_id=existing
                )
                if not created:
                    self.store.sync_organization(org_id, year, answers)
        except _Skip as skip:
            return "skipped", ImportItem(source, name, year, skip.reason)
        except BadInput as exc:
            return "rejected", ImportItem(source, name, year, str(exc))
        except sa.exc.DBAPIError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
            return "rejected", ImportItem(source, name, year, f"база данных не приняла оценку: {reason}")
        return "imported", ImportItem(source, name, year)

    # ------------------------------------------------------------ organizations

    def _id_by_uid(self, uid: str) -> tuple[int, bool] | None:
        row = self.session.execute(
            sa.select(ORGANIZATION.c.id, ORGANIZATION.c.placeholder).where(ORGANIZATION.c.uid == uid)
        ).first()
        return None if row is None else (row.id, row.placeholder)

    def _id_by_name(self, name: str, level: str | None) -> tuple[int, bool, str] | None:
        query = sa.select(ORGANIZATION.c.id, ORGANIZATION.c.placeholder, ORGANIZATION.c.uid).where(
            ORGANIZATION.c.name == name
        )
        if level is not None:  # the same level, or a placeholder whose level is not known yet
            query = query.where(sa.or_(ORGANIZATION.c.level == level, ORGANIZATION.c.level.is_(None)))
        row = self.session.execute(query.order_by(ORGANIZATION.c.placeholder, ORGANIZATION.c.id)).first()
        return None if row is None else (row.id, row.placeholder, row.uid)

    def _insert(self, **values: Any) -> int:
        now = utcnow()
        values.setdefault("uid", new_uid())
        values.setdefault("placeholder", False)
        inserted = self.session.execute(ORGANIZATION.insert().values(created_at=now, updated_at=now, **values))
        return inserted.inserted_primary_key[0]

    @staticmethod
    def _uid(meta: dict[str, Any], key: str) -> str | None:
        value = meta.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or len(value) > 64:
            raise BadInput(f"meta.{key} должно быть строкой не длиннее 64 знаков")
        return value.strip()

    def organization(self, document: AssessmentDocument) -> tuple[int, bool]:
        """(organization id, whether it was created now)."""
        answers, meta = document.answers, document.meta
        uid = self._uid(meta, "organization_id")
        name = answers.get("profile.name")
        level = answers.get("profile.level")
        found = self._id_by_uid(uid) if uid else None
        org_id: int | None = found[0] if found else None
        if org_id is None and name:
            by_name = self._id_by_name(name, level)
            if by_name is not None:
                org_id = by_name[0]
                if uid and by_name[1]:  # a placeholder takes the identifier its own file brings
                    self.session.execute(ORGANIZATION.update().where(ORGANIZATION.c.id == org_id).values(uid=uid))
        parent_id = self.parent(document, exclude=org_id)
        if org_id is None:
            if not name:
                raise BadInput("в файле нет наименования организации (profile.name) и её идентификатора")
            values = {k: answers.get(f"profile.{k}") for k in ("name", "level", "region", "sector", "members")}
            values["name"] = name.strip()
            if uid:
                values["uid"] = uid
            return self._insert(parent_id=parent_id, **values), True
        if parent_id is not None:
            current = self.session.execute(
                sa.select(ORGANIZATION.c.parent_id).where(ORGANIZATION.c.id == org_id)
            ).scalar()
            if current != parent_id and parent_id not in subtree_ids(self.session, org_id):
                self.session.execute(
                    ORGANIZATION.update().where(ORGANIZATION.c.id == org_id).values(parent_id=parent_id)
                )
        return org_id, False

    def parent(self, document: AssessmentDocument, exclude: int | None) -> int | None:
        uid = self._uid(document.meta, "parent_organization_id")
        name = document.answers.get("profile.parent")
        name = name.strip() if isinstance(name, str) and name.strip() else None
        if uid:
            found = self._id_by_uid(uid)
            if found is not None:
                return found[0] if found[0] != exclude else None
        if name:
            found_by_name = self._id_by_name(name, None)
            if found_by_name is not None and found_by_name[0] != exclude:
                return found_by_name[0]
        if not (uid or name):
            return None
        return self._insert(
            name=name or f"Вышестоящая организация {uid}", uid=uid or new_uid(), placeholder=True
        )
