"""The per-file results of an import: a table model over the rows the import work returned."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from maturity.usecases.import_work import ImportResultRow

COLUMNS = ("Файл", "Организация", "Год", "Результат", "Причина")
OUTCOME_LABELS = {
    "imported": "загружено",
    "skipped": "пропущено: уже есть",
    "rejected": "отклонено",
    "unread": "не прочитан",
    "registered": "внесены в список",
}
OUTCOME_COLORS = {
    "imported": "#1d6b2f",
    "skipped": "#6b5a00",
    "rejected": "#a31515",
    "unread": "#6b5a00",
    "registered": "#1d6b2f",
}
NO_PARENT = QModelIndex()


class ImportResultsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[ImportResultRow] = []

    def set_rows(self, rows: Sequence[ImportResultRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ImportResultRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        return (
            Path(r.source).name or r.source,
            r.organization or "",
            "" if r.year is None else str(r.year),
            OUTCOME_LABELS[r.outcome],
            r.reason or "",
        )[column]

    def table(self, numbers: Sequence[int] | None = None) -> list[tuple[str, ...]]:
        """The rows as text (all, or those at ``numbers``), the file with its whole path: what is copied or saved."""
        chosen = range(len(self.rows)) if numbers is None else numbers
        return [(self.rows[n].source, *(self.text(n, c) for c in range(1, len(COLUMNS)))) for n in chosen]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.source if column == 0 else (row.reason or None) if column == 4 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QBrush(QColor(OUTCOME_COLORS[row.outcome]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None
