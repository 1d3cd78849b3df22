"""The part the result page's editable tables share (the plan, last year's plan, the own targets): a row per value
of the core, the columns and their titles, which columns edit, and what an edit leaves — refused by the core's
check, the reason in ``last_error`` and told to ``on_refused``; accepted, the reason cleared (``on_refused(None)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.widgets.table_rows import NO_PARENT


class EditableTableModel(QAbstractTableModel):
    editable: tuple[int, ...] = ()  # the columns a cell of which edits

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_error: str | None = None  # why the latest edit was refused
        self.on_refused: Callable[[str | None], None] | None = None  # told the reason (None: an edit went in)

    def columns(self) -> tuple[str, ...]:
        """The columns' titles."""
        raise NotImplementedError

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns()[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def refused(self, reason: str) -> bool:
        """An edit the core refused: the reason kept and told; False, as ``setData`` answers."""
        self.last_error = reason
        if self.on_refused is not None:
            self.on_refused(reason)
        return False

    def accepted(self) -> None:
        """An edit the core took: a reason told before is cleared."""
        if self.last_error is not None and self.on_refused is not None:
            self.on_refused(None)
        self.last_error = None

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
