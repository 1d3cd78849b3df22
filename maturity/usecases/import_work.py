"""The work behind «Загрузить файлы…»: import files chunk by chunk on a worker thread.

No Qt here: :func:`import_files` runs on a worker thread with its own database session (a
SQLAlchemy session must not cross threads), calls the core's
:func:`maturity.usecases.importing.import_documents` on a few files at a time — each file is written whole
or not at all — and asks ``progress.cancelled`` between those calls: «Отмена» stops before the
next file, never inside one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from maturity.usecases.importing import OnConflict

Outcome = Literal["imported", "skipped", "rejected", "registered", "unread"]
# what the core's importer reports («registered»: a report's «Не сдали» put into the list of organizations)
OUTCOMES: tuple[Outcome, ...] = ("imported", "skipped", "rejected", "registered")
CHUNK_SECONDS = 0.25  # about how long a chunk of files takes, i.e. how soon «Отмена» is answered
MAX_CHUNK = 250  # the core's batch size


@dataclass(frozen=True)
class ImportResultRow:
    """One file's outcome as the result list shows it."""

    source: str
    outcome: Outcome
    organization: str | None = None
    year: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ImportOutcome:
    rows: tuple[ImportResultRow, ...]
    files: int  # how many files the sources held
    cancelled: bool = False
    processed: int = 0  # how many of them were imported, skipped or rejected

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def not_processed(self) -> int:
        """Files left untouched because «Отмена» was pressed."""
        return self.files - self.processed


def _reason(source: str, reason: str | None) -> str | None:
    """The core's reason without the file name in front (the list shows the file beside it)."""
    if reason and reason.startswith(f"{source}: "):
        return reason[len(source) + 2 :]
    return reason


def rows_of(report: Any) -> list[ImportResultRow]:
    """An :class:`maturity.usecases.importing.ImportReport` as rows (imported, skipped, rejected)."""
    rows = []
    for outcome in OUTCOMES:
        for item in getattr(report, outcome):
            rows.append(
                ImportResultRow(
                    item.source,
                    outcome,
                    item.organization,
                    item.year,
                    _reason(item.source, item.reason) or getattr(item, "note", None),
                )
            )
    return rows


def import_files(engine: Any, sources: Iterable[str | Path], on_conflict: OnConflict, progress: Any) -> ImportOutcome:
    """Import the files (folders give their .json and .xlsx files) into the database of ``engine``.

    ``progress(done, total, text)`` is called as files are read; ``progress.cancelled`` is read
    between chunks of files, and the files not yet begun are left alone. A chunk is one call of the
    core's importer (its files are written together, each whole or not at all); chunks start at one
    file and grow to about :data:`CHUNK_SECONDS` of work, so «Отмена» answers within that time while
    a big folder still gets the core's bulk writes.
    """
    from sqlmodel import Session

    from maturity.errors import BadInput
    from maturity.storage.store import Store
    from maturity.usecases.importing import ImportLedger, expand_sources, import_documents, unread_files

    sources = list(sources)
    try:
        files: Sequence[Any] = expand_sources(sources)
        unread = [ImportResultRow(i.source, "unread", reason=i.reason) for i in unread_files(sources)]
    except OSError as error:  # a folder that cannot be listed: nothing has been written yet
        raise BadInput(f"Не удалось прочитать папку {error.filename}: {error.strerror}") from error
    total = len(files)

    def say(done: int) -> None:
        progress(done, total, f"Файл {done + 1} из {total}: {Path(files[done]).name}" if done < total else "Готово")

    rows: list[ImportResultRow] = []
    ledger = ImportLedger()  # one import for all chunks: two files of one organization and year clash across them
    cancelled, processed, chunk = False, 0, 1
    say(0)
    with Session(engine, expire_on_commit=False) as session:
        store = Store(session)
        while processed < total:
            if progress.cancelled:  # between files only: a file is imported whole or not at all
                cancelled = True
                break
            batch, base = files[processed : processed + chunk], processed
            started = time.perf_counter()

            def said(done: int, _total: int, base: int = base) -> None:
                say(base + done)

            report = import_documents(store, batch, on_conflict=on_conflict, ledger=ledger, progress_callback=said)
            position = {str(path): number for number, path in enumerate(batch)}
            rows += sorted(rows_of(report), key=lambda row: position.get(row.source, len(batch)))  # file order
            processed += len(batch)
            per_file = (time.perf_counter() - started) / len(batch)
            chunk = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS / max(per_file, 1e-6))))
    if cancelled or total == 0:
        progress(processed, total, "Остановлено" if cancelled else "Готово")
    return ImportOutcome(tuple(rows + unread), total, cancelled, processed)  # the unread ones listed last
