"""The «Журнал» table: the journal's entries, newest first, each as ``maturity journal`` prints it
(:func:`maturity.usecases.journal.cells`); the model formats nothing itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from maturity.storage.journal import JournalRow
from maturity.usecases.journal import HEADER, cells

NO_PARENT = QModelIndex()


class JournalModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []
        self.entries: list[JournalRow] = []

    def set_entries(self, entries: Sequence[JournalRow]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))  # newest first
        self.rows = [cells(e) for e in self.entries]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADER)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADER[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.rows[index.row()][index.column()]
            entry = self.entries[index.row()]
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(HEADER) - 1 and entry.file_name:
                return f"{text}\n{entry.file_name}\nsha256: {entry.file_sha256 or '—'}"
            return text
        return None
