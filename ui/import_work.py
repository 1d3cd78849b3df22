"""The work behind «Загрузить файлы…»: import files one at a time on a worker thread.

No Qt here: :func:`import_files` runs on a worker thread with its own database session (a
SQLAlchemy session must not cross threads), calls the core's
:func:`maturity.importing.import_documents` once per file — so each file is its own transaction,
written whole or not at all — and asks ``progress.cancelled`` between files: «Отмена» stops
before the next file, never inside one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["imported", "skipped", "rejected"]
OUTCOMES: tuple[Outcome, ...] = ("imported", "skipped", "rejected")


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
        return reason[len(source) + 2:]
    return reason


def rows_of(report: Any) -> list[ImportResultRow]:
    """An :class:`maturity.importing.ImportReport` as rows (imported, skipped, rejected)."""
    rows = []
    for outcome in OUTCOMES:
        for item in getattr(report, outcome):
            rows.append(ImportResultRow(item.source, outcome, item.organization, item.year,
                                        _reason(item.source, item.reason)))
    return rows


def import_files(engine: Any, sources: Iterable[str | Path], on_conflict: str, progress: Any) -> ImportOutcome:
    """Import the files (folders give their .json and .xlsx files) into the database of ``engine``.

    ``progress(done, total, text)`` is called before each file and at the end; when
    ``progress.cancelled`` is set, the files not yet begun are left alone.
    """
    from sqlmodel import Session

    from maturity.importing import expand_sources, import_documents
    from maturity.store import Store

    files: Sequence[Any] = expand_sources(sources)
    rows: list[ImportResultRow] = []
    cancelled, processed = False, 0
    with Session(engine, expire_on_commit=False) as session:
        store = Store(session)
        for number, path in enumerate(files):
            progress(number, len(files), f"Файл {number + 1} из {len(files)}: {Path(path).name}")
            if progress.cancelled:  # checked between files only: a file is imported whole or not at all
                cancelled = True
                break
            rows += rows_of(import_documents(store, [path], on_conflict=on_conflict))
            processed += 1
    progress(processed, len(files), "Готово")
    return ImportOutcome(tuple(rows), len(files), cancelled, processed)
