"""Importing assessment files (or documents already read) into the store.

Each file is all or nothing: its organization (and a placeholder parent, if needed), its answers
and its scores are written in the same transaction, so a bad file, a clash or a killed process
never leaves half an assessment behind. Used by ``maturity import``, the app and the
Excel importer (files are read with :func:`maturity.exchange.files.read_assessment_files`). A
consolidated report brings many organizations in one file: they are written in one transaction,
all of them or none — read, scored and written in batches, so that a federation's report is never
all in memory, and rolled back whole when a cell further down is wrong.

Files are read, checked and scored first; then a batch of them is written with bulk Core
inserts (SQLAlchemy Core is ~15× faster than ORM objects here) in one transaction. If the
database refuses anything in a batch, the batch is rolled back and written again one file per
transaction, so only the guilty file is rejected.

Which organization a file writes to, and which parent it may give it, is decided by
:mod:`maturity.usecases.org_matching`: by its uid when it has one, by an unambiguous name only when it has
none, never onto another organization, and never into a loop of parents.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa

from maturity.collector import CollectorPause, collector_paused
from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.attachments import Attachment
from maturity.engine.own_targets import OwnTargets
from maturity.engine.plan import PlanStep
from maturity.engine.record import AssessmentRecord, build_record
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.attachment_zip import zip_path_for
from maturity.exchange.files import OTHER_SPREADSHEETS, WORKBOOK_SUFFIXES, read_assessment_file
from maturity.exchange.report_import import ReportReader
from maturity.exchange.workbook_import import workbook_contents
from maturity.method.catalog import ProfileCatalog
from maturity.storage.answer_notes import keep_evidence_shares, write_attachments, write_merges, write_notes
from maturity.storage.bulk import insert_rows
from maturity.storage.database import DatabaseError, refuse_if_damaged
from maturity.storage.database_errors import database_reason
from maturity.storage.models import utcnow
from maturity.storage.own_targets import own_targets_of, write_own_targets
from maturity.storage.own_targets_journal import change_entry
from maturity.storage.review import accepted_reviews
from maturity.storage.store import ASSESSMENT, ORGANIZATION, RecordWrite, Store, locked_reason
from maturity.usecases.org_matching import Org, Resolver, add_codes

OnConflict = Literal["fail", "skip", "replace"]
ON_CONFLICT: tuple[str, ...] = ("fail", "skip", "replace")
FILE_SUFFIXES = (".json", *WORKBOOK_SUFFIXES)
ProgressCallback = Callable[[int, int], None]  # (done, total)
BATCH_SIZE = 250
# A consolidated report is written in one transaction, its rows built and sent this many assessments at
# a time (the same statements, in the same transaction: an organization's facts still come from its
# newest year, which the database already holds when a later part is written).
WRITE_CHUNK = 1000
NEW_ORGANIZATION_COLUMNS = (
    "uid", "name", "level", "placeholder", "parent_id", "region", "sector", "members", "created_at", "updated_at",
)  # fmt: skip


@dataclass(frozen=True)
class ImportItem:
    source: str
    organization: str | None = None
    year: int | None = None
    reason: str | None = None  # why it was skipped or rejected
    note: str | None = None  # for an imported file: how it found its organization, when not by its own code


@dataclass
class ImportReport:
    imported: list[ImportItem] = field(default_factory=list)
    skipped: list[ImportItem] = field(default_factory=list)
    rejected: list[ImportItem] = field(default_factory=list)
    registered: list[ImportItem] = field(default_factory=list)  # a report's «Не сдали», put into the register
    unread: list[ImportItem] = field(default_factory=list)  # files in a format the program does not read

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.skipped) + len(self.rejected)

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def nothing_readable(self) -> bool:
        """Nothing given could be read: no file imported, skipped or refused (only unread ones, or none)."""
        return self.total == 0

    def summary(self, limit: int = 20) -> str:
        """«Импортировано: 3, пропущено: 1, отклонено: 1, не прочитано: 2» and a line per file that was
        joined by name, skipped, rejected or not read (up to limit each); each file's path once."""
        counts = f"Импортировано: {len(self.imported)}, пропущено: {len(self.skipped)}, отклонено: {len(self.rejected)}"
        lines = [counts + (f", не прочитано: {len(self.unread)}" if self.unread else "")]
        lines += [f"  {item.source}: {item.note}" for item in self.registered]
        joined = [item for item in self.imported if item.note]
        lines += [f"  загружен {item.source}: {item.note}" for item in joined[:limit]]
        if len(joined) > limit:
            lines.append(f"  … и ещё {len(joined) - limit}")
        for word, items in (("отклонён", self.rejected), ("пропущен", self.skipped)):
            lines += [
                f"  {word} {item.source}: {_whose(item)}{without_source(item.source, item.reason)}"
                for item in items[:limit]
            ]
            if len(items) > limit:
                lines.append(f"  … и ещё {len(items) - limit}")
        lines += [f"  {item.source}: {item.reason}" for item in self.unread[:limit]]
        if len(self.unread) > limit:
            lines.append(f"  … и ещё {len(self.unread) - limit}")
        if self.nothing_readable:
            lines.append("Файлов оценки (.json, .xlsx) среди указанных нет — загружать нечего.")
        return "\n".join(lines)


def _whose(item: ImportItem) -> str:
    """«[«организация», 2025 год] » — what a skipped or refused file said of itself, when it said it."""
    said = [f"«{item.organization}»" if item.organization else "", f"{item.year} год" if item.year else ""]
    shown = ", ".join(part for part in said if part)
    return f"[{shown}] " if shown else ""


def without_source(source: str, reason: str | None) -> str | None:
    """A reason without the file's path in front (the line names the file already)."""
    if reason and reason.startswith(f"{source}: "):
        return reason[len(source) + 2 :]
    return reason


@dataclass
class ImportLedger:
    """What one import has written so far: (organization id, year) → the file it came from.

    Pass the same ledger to several :func:`import_documents` calls that make one import (the app
    imports a folder chunk by chunk), so that two files for one organization and year are caught
    across the calls too.
    """

    written: dict[tuple[int, int], str] = field(default_factory=dict)


def expand_sources(items: Iterable[str | Path | AssessmentDocument]) -> list[Path | AssessmentDocument]:
    """Files as given; a folder becomes its assessment files (.json, .xlsx), sorted by name."""
    sources: list[Path | AssessmentDocument] = []
    for item in items:
        if isinstance(item, AssessmentDocument):
            sources.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            sources += sorted(p for p in _folder_files(path) if p.suffix.lower() in FILE_SUFFIXES)
        elif not unreadable(path):
            sources.append(path)
    return sources


def _folder_files(folder: Path) -> list[Path]:
    """The folder's files (hidden ones aside), listed with ``os.scandir``: its entries know whether they
    are files without a system call each (100 000 files are listed in a blink)."""
    with os.scandir(folder) as entries:
        return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_file()]


def unreadable(path: Path) -> bool:
    """A file the program never reads by its format (.xls, .ods, .docx, .csv…): named as «не прочитан»."""
    suffix = path.suffix.lower()
    return bool(suffix) and suffix not in FILE_SUFFIXES


def unread_reason(path: Path) -> str:
    """«не прочитан: формат .xls — пересохраните как .xlsx» (or what the program reads instead)."""
    suffix = path.suffix.lower()
    if not suffix:
        return "не прочитан: файл без расширения — программа читает файлы оценки .json и книги Excel .xlsx"
    if suffix in OTHER_SPREADSHEETS:
        return f"не прочитан: формат {suffix} — пересохраните как .xlsx"
    return f"не прочитан: формат {suffix} — программа читает только файлы оценки .json и книги Excel .xlsx"


def unread_files(items: Iterable[str | Path | AssessmentDocument]) -> list[ImportItem]:
    """The files of ``items`` the import does not read: in a folder, every file but .json and .xlsx (hidden
    files aside); a file given by name in a format the program never reads. In the order given, by name."""
    found: list[ImportItem] = []
    for item in items:
        if isinstance(item, AssessmentDocument):
            continue
        path = Path(item)
        if path.is_dir():
            files = _folder_files(path)
            beside = {zip_path_for(p) for p in files if p.suffix.lower() in WORKBOOK_SUFFIXES}
            others = sorted(p for p in files if p.suffix.lower() not in FILE_SUFFIXES and p not in beside)
        else:
            others = [path] if path.is_file() and unreadable(path) else []
        found += [ImportItem(str(p), reason=unread_reason(p)) for p in others]
    return found


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
    ledger: ImportLedger | None = None,
) -> ImportReport:
    """Import every item; the report says what was imported, skipped and rejected, in file order.

    on_conflict — when the organization already has an assessment for the year: "fail" rejects
    the file naming the organization and the year, "skip" leaves the stored one, "replace"
    overwrites it. The other files are imported either way. Two files of this import (or of
    ``ledger``'s) for the same organization and year: the later one is refused ("skip": skipped),
    whatever on_conflict says — file order never decides which one is right.

    Files are read and checked first, then written ``batch_size`` at a time with bulk inserts in
    one transaction per batch; if the database refuses anything in a batch, the batch is rolled
    back and written again one file per transaction, so only the guilty file is rejected. Either
    way each file is written whole or not at all.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(f"on_conflict must be one of {ON_CONFLICT}")
    items = list(items)
    sources = expand_sources(items)
    catalog = store.catalog()  # a file names a profile this database knows (shipped or installed)
    report = ImportReport(unread=unread_files(items))
    ledger = ledger if ledger is not None else ImportLedger()
    batch: list[_Parsed] = []

    def record(outcomes: list[tuple[str, ImportItem]]) -> None:
        for kind, entry in outcomes:
            getattr(report, kind).append(entry)

    def flush() -> None:
        if batch:
            record(_write_batch(store, batch, on_conflict, ledger))
            batch.clear()
        collector.resume()

    collector = CollectorPause()  # held off while a batch is read and written, run between batches
    try:
        for number, item in enumerate(sources, start=1):
            collector.pause()
            if isinstance(item, Path) and item.suffix.lower() in WORKBOOK_SUFFIXES:
                read = _read_workbook(store, item, number, catalog, on_conflict, ledger, before_report=flush)
                if isinstance(read, _Parsed):
                    batch.append(read)
                else:
                    record(read)  # a consolidated report, written (or refused) whole in its own transaction
            else:
                batch.append(_prepare(item, number, None, catalog))
            if len(batch) >= batch_size:
                flush()
            if progress_callback is not None:  # reading is the slow part: count files as they are read
                progress_callback(number, len(sources))
        flush()
    finally:
        collector.resume()  # also when the import is interrupted
    return report


def _read_workbook(
    store: Store,
    path: Path,
    number: int,
    catalog: ProfileCatalog,
    on_conflict: OnConflict,
    ledger: ImportLedger,
    before_report: Callable[[], None],
) -> _Parsed | list[tuple[str, ImportItem]]:
    """A workbook read and checked, to be written with a batch of files; or, for a consolidated report of
    several organizations, the outcomes of importing it whole (``before_report`` is called first)."""
    try:
        with workbook_contents(path, catalog) as contents:
            if not isinstance(contents, ReportReader):
                return _prepare(path, number, contents, catalog)
            before_report()
            return _import_report(store, path, number, contents, on_conflict, ledger)
    except DatabaseError:  # the database, not the file: as for any other write
        raise
    except BadInput as exc:  # the workbook cannot be opened, or is not the program's
        return _refused(str(path), exc)


class _WholeFileRefused(Exception):
    def __init__(self, item: ImportItem):
        self.item = item


def _import_report(
    store: Store, path: Path, number: int, reader: ReportReader, on_conflict: OnConflict, ledger: ImportLedger
) -> _Parsed | list[tuple[str, ImportItem]]:
    """A consolidated report: every organization's assessment in one transaction, or none of them.

    The report is read in batches (:class:`~maturity.exchange.report_import.ReportReader`), each checked,
    scored and written before the next is read, so that a federation's 100 000 organizations never sit in
    memory together. A bad cell anywhere (even at the last row), a clash under "fail", an organization that
    cannot be matched or a database refusal rejects the whole file and rolls back what its earlier batches
    wrote; under "skip" the clashing assessments are left alone. A report of one organization (without «Не
    сдали») is returned read, to be written with the other files like a file of one.
    """
    source = str(path)
    batches = _read_paused(reader.batches())
    try:
        first = next(batches)
        second = next(batches, None)
        if second is None and len(first) == 1 and not reader.missing():
            return _prepare(path, number, first, None)
    except BadInput as exc:
        return [_rejected(_refused(source, exc))]
    digest = file_sha256(path)
    outcomes: list[tuple[str, ImportItem]] = []
    in_file: dict[tuple[int, int], str] = {}  # what earlier batches of the report wrote
    counted = 0
    try:
        with store.atomic():
            for documents in itertools.chain([first], [second] if second else [], batches):
                parsed = [_prepare(d, counted + n, None) for n, d in enumerate(documents, start=1)]
                counted += len(documents)
                for p in parsed:
                    p.source = f"{source}: {p.name or 'организация без наименования'}"
                    if p.document is not None:
                        p.document.file_name, p.document.file_sha256 = source, digest
                with collector_paused():
                    batch = _Batch(store, on_conflict, ledger, whole_file=True, in_file=in_file)
                    written = batch.write(parsed)
                refused = [entry for kind, entry in written if kind == "rejected"]
                if refused:
                    raise _WholeFileRefused(refused[0])
                outcomes += written
                in_file.update(batch.written)
            missing = reader.missing()
            if missing:  # whom the report expects without an assessment: registered under their parents
                # imported here: the register brings openpyxl, which an import of JSON files never needs
                from maturity.usecases.organization_register import register_entries

                try:
                    registered = register_entries(
                        store, missing, f"{source}, лист «Не сдали»", join_by_name=True, update_known=False
                    )
                except BadInput as exc:
                    raise _WholeFileRefused(ImportItem(source, None, None, str(exc))) from exc
                note = (
                    f"из листа «Не сдали» в список организаций внесены те, кто не сдал оценку: {len(missing)} "
                    f"(новых {registered.created}, уже известных {registered.updated})"
                )
                outcomes.append(("registered", ImportItem(source, None, None, note=note)))
        ledger.written.update(in_file)  # only once committed
        return outcomes
    except _WholeFileRefused as whole:
        first_refused = whole.item
        reason = (
            f"сводный отчёт не загружен (ни одной оценки из него): {first_refused.organization or ''} — "
            f"{first_refused.reason}"
        )
        return [("rejected", ImportItem(source, first_refused.organization, first_refused.year, reason))]
    except sa.exc.DBAPIError as exc:
        refuse_if_damaged(exc)
        reason = database_reason(exc)
        return [("rejected", ImportItem(source, None, None, f"база данных не приняла сводный отчёт: {reason}"))]
    except DatabaseError:
        raise
    except BadInput as exc:  # a bad cell further down the report: what its earlier batches wrote is rolled back
        return [_rejected(_refused(source, exc))]


def _read_paused(batches: Iterator[list[AssessmentDocument]]) -> Iterator[list[AssessmentDocument]]:
    """Each batch of a report read with the collector held off (its passes over the rows being parsed were a
    fifth of the reading), resumed between batches: the batches, like the whole report before, read at the
    speed of a paused collector, while what a batch leaves behind is still collected before the next."""
    while True:
        with collector_paused():
            documents = next(batches, None)
        if documents is None:
            return
        yield documents


def _rejected(parsed: _Parsed) -> tuple[str, ImportItem]:
    return "rejected", ImportItem(parsed.source, parsed.name, parsed.year, parsed.problem)


def _prepare(
    item: Path | AssessmentDocument,
    number: int,
    documents: list[AssessmentDocument] | None = None,
    catalog: ProfileCatalog | None = None,
) -> _Parsed:
    """Read (unless ``documents`` already holds it), check and score one item: everything but the writing."""
    source = _source_name(item, number)
    try:
        if documents:
            document = documents[0]
        else:
            document = item if isinstance(item, AssessmentDocument) else read_assessment_file(item, catalog)
        # the reader has checked the answers: scored once here, written as they are
        record = build_record(document.profile, document.year, document.answers, cleaned=True)
    except BadInput as exc:
        return _refused(source, exc)
    doc = _Doc(
        record, document.meta, document.plan, review=document.review, own_targets=document.own_targets,
        notes=document.notes,
        merge=document.merge, attachments=document.attachments,
    )  # fmt: skip
    if isinstance(item, Path):
        doc.file_name, doc.file_sha256 = str(item), file_sha256(item)
    return _Parsed(source, doc)


def file_sha256(path: Path) -> str | None:
    """The sha256 of a received file's bytes, for the journal (None when it cannot be read again)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _refused(source: str, error: BadInput) -> _Parsed:
    """A file its reader refused, with the organization and year it gave, when the reader knew them
    (:meth:`~maturity.exchange.assessment_json.AssessmentFileError.about`)."""
    said = (getattr(error, "organization", None), getattr(error, "year", None))
    return _Parsed(source, None, problem=str(error), said=said)


@dataclass
class _Doc:
    """What the matching and the writing need of a document: its record and its meta (the uids)."""

    record: AssessmentRecord
    meta: dict[str, Any]
    plan: list[PlanStep] | None = None  # the file's plan; None: the file says nothing of one
    file_name: str | None = None  # the received file, for the journal
    file_sha256: str | None = None
    review: dict[str, Any] | None = None  # the file's review block (checked by its reader)
    own_targets: OwnTargets | None = None  # the targets the file's year was approved with (checked by its reader)
    notes: AnswerNotes | None = None  # the file's comments and evidence; None: it says nothing of them
    merge: dict[str, Any] | None = None  # what a merge of respondents left (agenda, spread)
    attachments: list[Attachment] | None = None  # the files beside it (checked by its reader)

    @property
    def sent_review(self) -> dict[str, Any] | None:
        """What the file says of its review (state, comments): kept as the sender's word, never a decision."""
        return self.review

    @property
    def answers(self) -> dict[str, Any]:
        return self.record.answers

    @property
    def year(self) -> int:
        return self.record.year

    def fact(self, name: str) -> Any:
        """What the answers say of the organization (name, level, parent, region…), by the profile."""
        return self.record.profile.organization_fact(self.record.answers, name)


@dataclass
class _Parsed:
    source: str
    document: _Doc | None
    problem: str | None = None
    said: tuple[str | None, int | None] = (None, None)  # a refused file's organization and year, when it gave them

    @property
    def name(self) -> str | None:
        return self.document.fact("name") if self.document else self.said[0]

    @property
    def year(self) -> int | None:
        return self.document.year if self.document else self.said[1]


def _write_batch(
    store: Store, batch: list[_Parsed], on_conflict: OnConflict, ledger: ImportLedger
) -> list[tuple[str, ImportItem]]:
    try:
        with store.atomic():
            writer = _Batch(store, on_conflict, ledger)
            outcomes = writer.write(batch)
        ledger.written.update(writer.written)  # only once committed: a rolled-back batch wrote nothing
        return outcomes
    except sa.exc.DBAPIError as exc:
        refuse_if_damaged(exc)
        if len(batch) > 1:  # find the guilty file: again, one file per transaction
            return [outcome for parsed in batch for outcome in _write_batch(store, [parsed], on_conflict, ledger)]
        reason = database_reason(exc)
        parsed = batch[0]
        return [
            (
                "rejected",
                ImportItem(parsed.source, parsed.name, parsed.year, f"база данных не приняла оценку: {reason}"),
            )
        ]


class _Batch:
    """Resolves the organizations of a batch with a few queries, then writes it with bulk statements."""

    def __init__(
        self,
        store: Store,
        on_conflict: OnConflict,
        ledger: ImportLedger,
        whole_file: bool = False,
        in_file: dict[tuple[int, int], str] | None = None,
    ):
        self.store, self.session, self.on_conflict = store, store.session, on_conflict
        self.ledger, self.whole_file = ledger, whole_file
        self.in_file = in_file if in_file is not None else {}  # a report's earlier batches: (org id, year) → row
        self.organizations = Resolver(store.session)
        self.written: dict[tuple[int, int], str] = {}  # what this batch wrote, for the ledger once committed

    # ------------------------------------------------------------ the batch

    def write(self, batch: list[_Parsed]) -> list[tuple[str, ImportItem]]:
        """Place each file, check it for a clash, then write the accepted ones with bulk statements.

        A file refused here (no organization it can mean, a loop, a clash) changes nothing: its
        organization, placeholder and parent link are taken into the batch only once it is accepted.
        """
        documents = [p.document for p in batch if p.document is not None]
        self.organizations.load(documents)
        self.load_assessments()
        outcomes: list[tuple[str, ImportItem]] = []
        plan: list[tuple[str, _Doc, Org]] = []  # (source, document, organization) of each accepted file
        for parsed in batch:
            document = parsed.document
            if document is None:
                outcomes.append(("rejected", ImportItem(parsed.source, parsed.name, parsed.year, parsed.problem)))
                continue
            try:
                placement = self.organizations.place(document)
            except BadInput as exc:
                outcomes.append(("rejected", ImportItem(parsed.source, parsed.name, document.year, str(exc))))
                continue
            refused = self.clash(parsed, document.year, placement.org)
            if refused is not None:
                outcomes.append(refused)
                continue
            org = self.organizations.accept(placement)
            org.claimed, org.placeholder = True, False  # its file is here: no other file joins it by name
            self.planned[(org, document.year)] = parsed.source
            plan.append((parsed.source, document, org))
            outcomes.append(("imported", ImportItem(parsed.source, parsed.name, parsed.year, note=placement.joined)))
        self.insert_organizations()
        self.write_plan(plan)
        return outcomes

    def load_assessments(self) -> None:
        """The stored years of every organization the batch has loaded."""
        self.stored: dict[tuple[int, int], int] = {}
        self.planned: dict[tuple[Org, int], str] = {}
        org_ids = list(self.organizations.by_id)
        if not org_ids:
            return
        query = sa.select(ASSESSMENT.c.id, ASSESSMENT.c.organization_id, ASSESSMENT.c.year).where(
            ASSESSMENT.c.organization_id.in_(org_ids)
        )
        for aid, oid, year in self.session.execute(query):
            self.stored[(oid, year)] = aid
        self.accepted = accepted_reviews(self.session, list(self.stored.values()))

    def clash(self, parsed: _Parsed, year: int, org: Org) -> tuple[str, ImportItem] | None:
        """The outcome of a file whose organization already has that year, or None to write it.

        Two files of one import for the same organization and year are never settled by file order:
        the later is refused (skipped under "skip"), so every «импортирован» is one stored assessment.
        Inside one consolidated report such a pair refuses the whole report under any on_conflict.
        """
        name = parsed.name or org.name
        earlier = self.planned.get((org, year))
        in_file = org.id is not None and (org.id, year) in self.in_file
        if earlier is None and org.id is not None:
            earlier = self.in_file.get((org.id, year)) or self.ledger.written.get((org.id, year))
        if earlier is not None:
            if self.whole_file and ((org, year) in self.planned or in_file):
                reason = f"организация «{name}» за {year} год встречается в отчёте дважды"
                return "rejected", ImportItem(parsed.source, parsed.name, year, reason)
            reason = (
                f"оценка организации «{name}» за {year} год уже загружена в этом же импорте из «{earlier}»; "
                "какой из двух файлов верный, программа не решает — загрузите нужный отдельно"
            )
            return ("skipped" if self.on_conflict == "skip" else "rejected"), ImportItem(
                parsed.source, parsed.name, year, reason
            )
        aid = self.stored.get((org.id, year)) if org.id is not None else None
        if aid is not None and aid in self.accepted:
            decided_by, decided_at = self.accepted[aid]
            reason = locked_reason(org.name, org.uid, year, decided_by, decided_at)
            return ("skipped" if self.on_conflict == "skip" else "rejected"), ImportItem(
                parsed.source, parsed.name, year, reason
            )
        if org.id is not None and (org.id, year) in self.stored and self.on_conflict != "replace":
            reason = f"у организации «{name}» уже есть оценка за {year} год"
            kind = "skipped" if self.on_conflict == "skip" else "rejected"
            return kind, ImportItem(parsed.source, parsed.name, year, reason)
        return None

    def insert_organizations(self) -> None:
        """Create the new organizations and placeholders, then set the parent links the resolver planned
        (it has refused every link that would make an organization its own ancestor)."""
        now = utcnow()
        known = self.organizations.organizations()
        new = [o for o in known if o.id is None]
        if new:
            for o in new:  # a parent already stored is linked in the insert; a new one once it has its id
                o.parent_id = o.parent.id if o.parent is not None else None
            rows = [
                (o.uid, o.name, o.level, o.placeholder, o.parent_id, o.fields.get("region"), o.fields.get("sector"),
                 o.fields.get("members"), now, now)
                for o in new
            ]  # fmt: skip
            insert_rows(self.session, ORGANIZATION, NEW_ORGANIZATION_COLUMNS, rows)
            query = sa.select(ORGANIZATION.c.uid, ORGANIZATION.c.id).where(ORGANIZATION.c.uid.in_([o.uid for o in new]))
            ids = dict(self.session.execute(query).all())  # the uid is unique: it tells which new id is whose
            for o in new:
                o.id = ids[o.uid]
        links = []
        for o in known:
            if o.parent is None or o.parent.id == o.parent_id:
                continue
            links.append({"oid": o.id, "pid": o.parent.id})
            o.parent_id = o.parent.id
        if links:
            self.session.execute(
                ORGANIZATION.update()
                .where(ORGANIZATION.c.id == sa.bindparam("oid"))
                .values(parent_id=sa.bindparam("pid")),
                links,
            )
        add_codes(self.session, known, now)

    def write_own_targets(self, part: list[tuple[str, _Doc, Org]]) -> None:
        """The files' own targets, each change with its journal entry (the file named); a file that says
        nothing of targets, or what is kept already, changes nothing. An accepted year never gets here: its
        assessment's write refused the file."""
        carried = [(document, org) for _, document, org in part if document.own_targets is not None]
        kept = own_targets_of(self.store, [(org.stored_id, document.year) for document, org in carried])
        entries = []
        for document, org in carried:
            assert document.own_targets is not None
            targets = replace(document.own_targets, year=document.year)
            entry = change_entry(org.uid, org.name, document.year, document.record.profile,
                                 kept.get((org.stored_id, document.year)), targets,
                                 document.file_name, document.file_sha256)  # fmt: skip
            if entry is not None:
                write_own_targets(self.store, org.stored_id, targets)
                entries.append(entry)
        self.store.journal(entries)

    def write_plan(self, plan: list[tuple[str, _Doc, Org]]) -> None:
        """The accepted files' assessments and scores, and their organizations' facts: through the
        store's one write path (an organization made from these very answers a moment ago is not
        brought up to date again)."""
        for start in range(0, len(plan), WRITE_CHUNK):  # a report's 100 000 rows are not built all at once
            part = plan[start : start + WRITE_CHUNK]
            writes = []
            for source, document, org in part:
                key = (org.stored_id, document.year)
                writes.append(
                    RecordWrite(
                        org.stored_id,
                        document.record,
                        self.stored.get(key),
                        sync_organization=org.created_from is not document,
                        file_name=document.file_name,
                        file_sha256=document.file_sha256,
                        sent_review=document.sent_review,
                    )
                )
                self.written[key] = source
            ids = self.store.write_records(writes, action="import")
            # the files' plans, in the same transaction (a file without one leaves a stored plan alone)
            self.store.write_plans(
                {aid: document.plan for aid, (_, document, _) in zip(ids, part, strict=True) if document.plan}
            )
            # and their own targets, for the organization and year the import decided (never the file)
            self.write_own_targets(part)
            written = list(zip(ids, (document for _, document, _ in part), strict=True))
            write_notes(self.store.session, {aid: d.notes for aid, d in written if d.notes is not None})
            keep_evidence_shares(
                self.store.session,
                [(aid, d.record.profile, d.record.answers, d.notes) for aid, d in written if d.notes is not None],
            )
            write_merges(self.store.session, {aid: d.merge for aid, d in written if d.merge})
            write_attachments(self.store.session, {aid: d.attachments for aid, d in written if d.attachments})
