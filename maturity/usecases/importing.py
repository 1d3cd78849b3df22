"""Importing assessment files (or documents already read) into the store.

Each file is all or nothing: its organization (and a placeholder parent, if needed), its answers
and its scores are written in the same transaction, so a bad file, a clash or a killed process
never leaves half an assessment behind. Used by ``maturity import``, the app and the
Excel importer (files are read with :func:`maturity.exchange.files.read_assessment_files`). A
consolidated report brings many organizations in one file: they are written in one transaction,
all of them or none.

Files are read, checked and scored first; then a batch of them is written with bulk Core
inserts (SQLAlchemy Core is ~15× faster than ORM objects here) in one transaction. If the
database refuses anything in a batch, the batch is rolled back and written again one file per
transaction, so only the guilty file is rejected.

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

from maturity.engine.scoring import score
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.files import WORKBOOK_SUFFIXES, read_assessment_file, read_assessment_files
from maturity.storage.models import new_uid, utcnow
from maturity.storage.queries import subtree_ids
from maturity.storage.store import ASSESSMENT, ORGANIZATION, SCORE, Store, score_values

OnConflict = Literal["fail", "skip", "replace"]
ON_CONFLICT: tuple[str, ...] = ("fail", "skip", "replace")
FILE_SUFFIXES = (".json", *WORKBOOK_SUFFIXES)
ProgressCallback = Callable[[int, int], None]  # (done, total)
BATCH_SIZE = 250


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

    def summary(self, limit: int = 20) -> str:
        """«Импортировано: 3, пропущено: 1, отклонено: 1» and a line per skipped or rejected file (up to limit)."""
        lines = [
            f"Импортировано: {len(self.imported)}, пропущено: {len(self.skipped)}, отклонено: {len(self.rejected)}"
        ]
        for word, items in (("отклонён", self.rejected), ("пропущен", self.skipped)):
            lines += [f"  {word} {item.source}: {item.reason}" for item in items[:limit]]
            if len(items) > limit:
                lines.append(f"  … и ещё {len(items) - limit}")
        return "\n".join(lines)


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
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import every item; the report says what was imported, skipped and rejected, in file order.

    on_conflict — when the organization already has an assessment for the year: "fail" rejects
    the file naming the organization and the year, "skip" leaves the stored one, "replace"
    overwrites it. The other files are imported either way.

    Files are read and checked first, then written ``batch_size`` at a time with bulk inserts in
    one transaction per batch; if the database refuses anything in a batch, the batch is rolled
    back and written again one file per transaction, so only the guilty file is rejected. Either
    way each file is written whole or not at all.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}")
    sources = expand_sources(items)
    report = ImportReport()
    batch: list[_Parsed] = []

    def record(outcomes: list[tuple[str, ImportItem]]) -> None:
        for kind, entry in outcomes:
            getattr(report, kind).append(entry)

    def flush() -> None:
        if batch:
            record(_write_batch(store, batch, on_conflict))
            batch.clear()

    for number, item in enumerate(sources, start=1):
        documents = _read_many(item)
        if isinstance(documents, list) and len(documents) > 1:
            flush()  # keep the file order of the report
            record(_write_whole_file(store, str(item), documents, on_conflict))
        else:
            batch.append(documents if isinstance(documents, _Parsed) else _prepare(item, number, documents))
        if len(batch) >= batch_size:
            flush()
        if progress_callback is not None:  # reading is the slow part: count files as they are read
            progress_callback(number, len(sources))
    flush()
    return report


def _read_many(item: Path | AssessmentDocument) -> list[AssessmentDocument] | _Parsed | None:
    """A workbook's documents (a consolidated report has many), a rejection, or None to read later."""
    if not (isinstance(item, Path) and item.suffix.lower() in WORKBOOK_SUFFIXES):
        return None
    try:
        return read_assessment_files(item)
    except BadInput as exc:
        return _Parsed(str(item), None, problem=str(exc))


class _WholeFileRefused(Exception):
    def __init__(self, item: ImportItem):
        self.item = item


def _write_whole_file(
    store: Store, source: str, documents: list[AssessmentDocument], on_conflict: OnConflict
) -> list[tuple[str, ImportItem]]:
    """A consolidated report: every organization's assessment in one transaction, or none of them.

    A clash under "fail", an organization that cannot be matched or a database refusal rejects
    the whole file (and writes nothing); under "skip" the clashing assessments are left alone.
    """
    parsed = [_prepare(document, number, None) for number, document in enumerate(documents, start=1)]
    for p in parsed:
        p.source = f"{source}: {p.name or 'организация без наименования'}"
    try:
        with store.atomic():
            outcomes = _Batch(store, on_conflict).write(parsed)
            refused = [entry for kind, entry in outcomes if kind == "rejected"]
            if refused:
                raise _WholeFileRefused(refused[0])
        return outcomes
    except _WholeFileRefused as whole:
        first = whole.item
        reason = f"сводный отчёт не загружен (ни одной оценки из него): {first.organization or ''} — {first.reason}"
        return [("rejected", ImportItem(source, first.organization, first.year, reason))]
    except sa.exc.DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        return [("rejected", ImportItem(source, None, None, f"база данных не приняла сводный отчёт: {reason}"))]


def _prepare(
    item: Path | AssessmentDocument, number: int, documents: list[AssessmentDocument] | None = None
) -> _Parsed:
    """Read (unless ``documents`` already holds it), check and score one item: everything but the writing."""
    source = _source_name(item, number)
    try:
        if documents:
            document = documents[0]
        else:
            document = item if isinstance(item, AssessmentDocument) else read_assessment_file(item)
        result = score(document.profile, document.answers)
    except BadInput as exc:
        return _Parsed(source, None, problem=str(exc))
    doc = _Doc(document.answers, document.meta, document.year, document.profile.id, document.profile.version)
    return _Parsed(source, doc, score_values(result), result.complete)


@dataclass
class _Doc:
    """What the writing needs of a document."""

    answers: dict[str, Any]
    meta: dict[str, Any]
    year: int
    profile_id: str
    profile_version: str


@dataclass
class _Parsed:
    source: str
    document: _Doc | None
    scores: dict[str, Any] | None = None
    complete: bool = False
    problem: str | None = None

    @property
    def name(self) -> str | None:
        return self.document.answers.get("profile.name") if self.document else None

    @property
    def year(self) -> int | None:
        return self.document.year if self.document else None


@dataclass(eq=False)
class _Org:
    """An organization as the batch sees it: one already stored (id) or one to create (id None)."""

    uid: str
    name: str
    level: str | None
    placeholder: bool
    id: int | None = None
    parent_id: int | None = None
    parent: _Org | None = None  # the parent to set (for a new one, or a changed one)
    new_uid: str | None = None  # a stored placeholder taking the uid its own file brings
    fields: dict[str, Any] = field(default_factory=dict)  # for a new organization
    created_from: _Doc | None = None  # the document a new organization was created from


def _write_batch(store: Store, batch: list[_Parsed], on_conflict: OnConflict) -> list[tuple[str, ImportItem]]:
    try:
        with store.atomic():
            return _Batch(store, on_conflict).write(batch)
    except sa.exc.DBAPIError as exc:
        if len(batch) > 1:  # find the guilty file: again, one file per transaction
            return [outcome for parsed in batch for outcome in _write_batch(store, [parsed], on_conflict)]
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        parsed = batch[0]
        return [("rejected", ImportItem(parsed.source, parsed.name, parsed.year, f"база данных не приняла оценку: {reason}"))]


def _uid(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value.strip()) > 64:
        raise BadInput(f"meta.{key} должно быть строкой не длиннее 64 знаков")
    return value.strip()


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class _Batch:
    """Resolves the organizations of a batch with a few queries, then writes it with bulk statements."""

    def __init__(self, store: Store, on_conflict: OnConflict):
        self.store, self.session, self.on_conflict = store, store.session, on_conflict
        self.by_uid: dict[str, _Org] = {}
        self.by_name: dict[str, list[_Org]] = {}

    # ------------------------------------------------------------ organizations

    def load(self, documents: list[_Doc]) -> None:
        uids, names = set(), set()
        for doc in documents:
            for key in ("organization_id", "parent_organization_id"):
                value = doc.meta.get(key)
                if isinstance(value, str) and value.strip():
                    uids.add(value.strip())
            for key in ("profile.name", "profile.parent"):
                if name := _text(doc.answers.get(key)):
                    names.add(name)
        c = ORGANIZATION.c
        columns = (c.id, c.uid, c.name, c.level, c.placeholder, c.parent_id)
        rows = {}
        for condition in (c.uid.in_(uids), c.name.in_(names)):  # two queries: each uses its index
            rows.update((row.id, row) for row in self.session.execute(sa.select(*columns).where(condition)))
        for _id, row in sorted(rows.items()):
            self.remember(_Org(row.uid, row.name, row.level, row.placeholder, row.id, row.parent_id))

    def remember(self, org: _Org) -> None:
        self.by_uid[org.uid] = org
        self.by_name.setdefault(org.name, []).append(org)

    def named(self, name: str, level: str | None) -> _Org | None:
        candidates = [
            o for o in self.by_name.get(name, ()) if level is None or o.level is None or o.level == level
        ]
        candidates.sort(key=lambda o: (o.placeholder, o.id is None, o.id or 0))
        return candidates[0] if candidates else None

    def organization(self, doc: _Doc) -> _Org:
        answers = doc.answers
        uid = _uid(doc.meta, "organization_id")
        _uid(doc.meta, "parent_organization_id")  # refused before anything is remembered
        name, level = _text(answers.get("profile.name")), answers.get("profile.level")
        org = self.by_uid.get(uid) if uid else None
        if org is None and not name:
            raise BadInput("в файле нет наименования организации (profile.name) и её идентификатора")
        if org is None and name:
            org = self.named(name, level)
            if org is not None and uid and org.placeholder and uid not in self.by_uid:
                self.by_uid.pop(org.uid, None)  # the placeholder takes the uid of its own file
                if org.id is None:
                    org.uid = uid
                else:
                    org.new_uid = org.uid = uid
                self.by_uid[uid] = org
        parent = self.parent(doc, exclude=org)
        if org is None:
            org = _Org(uid or new_uid(), name, level, False, parent=parent, created_from=doc)
            org.fields = {k: answers.get(f"profile.{k}") for k in ("region", "sector", "members")}
            self.remember(org)
        elif parent is not None and parent is not org.parent and (parent.id is None or parent.id != org.parent_id):
            org.parent = parent
        return org

    def parent(self, doc: _Doc, exclude: _Org | None) -> _Org | None:
        uid = _uid(doc.meta, "parent_organization_id")
        name = _text(doc.answers.get("profile.parent"))
        found = self.by_uid.get(uid) if uid else None
        if found is None and name:
            found = self.named(name, None)
        if found is not None:
            return None if found is exclude else found
        if not (uid or name):
            return None
        placeholder = _Org(uid or new_uid(), name or f"Вышестоящая организация {uid}", None, True)
        self.remember(placeholder)
        return placeholder

    # ------------------------------------------------------------ the batch

    def write(self, batch: list[_Parsed]) -> list[tuple[str, ImportItem]]:
        documents = [p.document for p in batch if p.document is not None]
        self.load(documents)
        outcomes: list[tuple[str, ImportItem] | None] = []
        plan: list[tuple[_Parsed, _Org]] = []
        for parsed in batch:
            if parsed.document is None:
                outcomes.append(("rejected", ImportItem(parsed.source, reason=parsed.problem)))
                continue
            try:
                org = self.organization(parsed.document)  # nothing is written yet
            except BadInput as exc:
                outcomes.append(("rejected", ImportItem(parsed.source, parsed.name, parsed.year, str(exc))))
                continue
            plan.append((parsed, org))
            outcomes.append(None)  # decided after the clash check
        self.insert_organizations()
        decided = iter(self.decide(plan))
        return [outcome if outcome is not None else next(decided) for outcome in outcomes]

    def insert_organizations(self) -> None:
        now = utcnow()
        new = [o for o in self.by_uid.values() if o.id is None]
        created = {o.uid for o in new}
        if new:
            rows = [
                {"uid": o.uid, "name": o.name, "level": o.level, "placeholder": o.placeholder, "parent_id": None,
                 "region": o.fields.get("region"), "sector": o.fields.get("sector"),
                 "members": o.fields.get("members"), "created_at": now, "updated_at": now}
                for o in new
            ]
            # RETURNING without sort_by_parameter_order: batched; the uid tells which row is which
            statement = ORGANIZATION.insert().returning(ORGANIZATION.c.uid, ORGANIZATION.c.id)
            ids = dict(self.session.execute(statement, rows).all())
            for o in new:
                o.id = ids[o.uid]
        renamed = [{"oid": o.id, "uid": o.new_uid} for o in self.by_uid.values() if o.new_uid]
        if renamed:
            self.session.execute(
                ORGANIZATION.update().where(ORGANIZATION.c.id == sa.bindparam("oid")).values(uid=sa.bindparam("uid")),
                renamed,
            )
        links = []
        for o in self.by_uid.values():
            if o.parent is None or o.parent.id == o.parent_id:
                continue
            if o.uid not in created and o.parent.id in subtree_ids(self.session, o.id):
                continue  # it would become its own ancestor: keep the stored parent
            links.append({"oid": o.id, "pid": o.parent.id})
            o.parent_id = o.parent.id
        if links:
            self.session.execute(
                ORGANIZATION.update()
                .where(ORGANIZATION.c.id == sa.bindparam("oid"))
                .values(parent_id=sa.bindparam("pid")),
                links,
            )

    def decide(self, plan: list[tuple[_Parsed, _Org]]) -> list[tuple[str, ImportItem]]:
        """Clash checks against the database and within the batch, then the bulk writes."""
        org_ids = {org.id for _, org in plan}
        stored: dict[tuple[int, int], int] = {}
        latest: dict[int, int] = {}
        if org_ids:
            query = sa.select(ASSESSMENT.c.id, ASSESSMENT.c.organization_id, ASSESSMENT.c.year).where(
                ASSESSMENT.c.organization_id.in_(org_ids)
            )
            for aid, oid, year in self.session.execute(query):
                stored[(oid, year)] = aid
                latest[oid] = max(year, latest.get(oid, year))
        self.created_from = {org.id: org.created_from for _, org in plan if org.created_from is not None}
        writes: dict[tuple[int, int], tuple[_Parsed, int | None]] = {}
        outcomes = []
        for parsed, org in plan:
            key = (org.id, parsed.year)
            item = ImportItem(parsed.source, parsed.name, parsed.year)
            if key in stored or key in writes:
                clash = f"у организации «{parsed.name or org.name}» уже есть оценка за {parsed.year} год"
                if self.on_conflict == "skip":
                    outcomes.append(("skipped", ImportItem(parsed.source, parsed.name, parsed.year, clash)))
                    continue
                if self.on_conflict == "fail":
                    outcomes.append(("rejected", ImportItem(parsed.source, parsed.name, parsed.year, clash)))
                    continue
            writes[key] = (parsed, stored.get(key))
            outcomes.append(("imported", item))
        self.write_assessments(writes)
        self.sync_organizations(writes, latest)
        return outcomes

    def write_assessments(self, writes: dict[tuple[int, int], tuple[_Parsed, int | None]]) -> None:
        now = utcnow()
        execute = self.session.execute
        new_rows, new_scores, replaced_rows, replaced_scores = [], [], [], []
        for (org_id, _year), (parsed, existing) in writes.items():
            doc = parsed.document
            status = "complete" if parsed.complete else "draft"
            values = {
                "profile_id": doc.profile_id, "profile_version": doc.profile_version, "status": status,
                "answers": doc.answers, "respondent": doc.answers.get("profile.respondent"), "updated_at": now,
            }
            if existing is None:
                new_rows.append({**values, "organization_id": org_id, "year": doc.year, "created_at": now})
                new_scores.append(dict(parsed.scores))
            else:
                replaced_rows.append({**values, "aid": existing})
                replaced_scores.append({**parsed.scores, "assessment_id": existing})
        if replaced_rows:
            c = ASSESSMENT.c
            execute(
                ASSESSMENT.update().where(c.id == sa.bindparam("aid")).values(
                    **{k: sa.bindparam(k) for k in replaced_rows[0] if k != "aid"}
                ),
                replaced_rows,
            )
            execute(SCORE.delete().where(SCORE.c.assessment_id.in_([r["aid"] for r in replaced_rows])))
            execute(SCORE.insert(), replaced_scores)
        if new_rows:
            c = ASSESSMENT.c  # (organization, year) is unique: it tells which returned id is whose
            statement = ASSESSMENT.insert().returning(c.organization_id, c.year, c.id)
            ids = {(oid, year): aid for oid, year, aid in execute(statement, new_rows)}
            for row, values in zip(new_rows, new_scores, strict=True):
                values["assessment_id"] = ids[(row["organization_id"], row["year"])]
            execute(SCORE.insert(), new_scores)

    def sync_organizations(self, writes: dict, latest: dict[int, int]) -> None:
        """Name, level, region, sector, members from each organization's latest written year."""
        newest: dict[int, _Parsed] = {}
        for (org_id, year), (parsed, _existing) in writes.items():
            if year >= latest.get(org_id, year) and (org_id not in newest or year > newest[org_id].year):
                newest[org_id] = parsed
        rows = []
        for org_id, parsed in newest.items():
            if self.created_from.get(org_id) is parsed.document:
                continue  # made from these very answers a moment ago
            a = parsed.document.answers
            rows.append({
                "oid": org_id, "name": _text(a.get("profile.name")), "level": a.get("profile.level"),
                "region": _text(a.get("profile.region")), "sector": _text(a.get("profile.sector")),
                "members": a.get("profile.members"),
            })
        if rows:
            c = ORGANIZATION.c
            self.session.execute(
                ORGANIZATION.update()
                .where(c.id == sa.bindparam("oid"))
                .values(
                    **{k: sa.func.coalesce(sa.bindparam(k, type_=c[k].type), c[k]) for k in ("name", "level", "region", "sector", "members")},
                    placeholder=False,
                    updated_at=utcnow(),
                ),
                rows,
            )
