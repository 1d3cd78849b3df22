"""The editor's groups of fields (:class:`~maturity.method.editing.EditGroup`) as a Qt item model.

The model holds no data of its own: it shows the core's tree of groups and marks a group red when
one of its fields (or of the groups under it) has an error.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from maturity.method.editing import EditGroup

ERROR_COLOUR = QColor("#b00020")
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # the root


class GroupTreeModel(QAbstractItemModel):
    def __init__(self, root: EditGroup, parent=None):
        super().__init__(parent)
        self.root = root
        self._parents: dict[int, EditGroup] = {}
        for group in root.walk():
            for child in group.children:
                self._parents[id(child)] = group
        self.with_errors: set[int] = set()

    def group(self, index: Index) -> EditGroup:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        children = self.group(parent).children
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        above = self._parents.get(id(index.internalPointer()))
        if above is None or above is self.root:
            return QModelIndex()
        grand = self._parents[id(above)]
        return self.createIndex(grand.children.index(above), 0, above)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return len(self.group(parent).children) if parent.column() <= 0 else 0

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return group.title
        if role == Qt.ItemDataRole.ForegroundRole and id(group) in self.with_errors:
            return QBrush(ERROR_COLOUR)
        return None

    def mark_errors(self, keys: set[str]) -> None:
        """Colour the groups holding a field with an error (and the groups above them)."""
        marked: set[int] = set()
        for group in self.root.walk():
            if any(item.key in keys for item in group.fields):
                node: EditGroup | None = group
                while node is not None and id(node) not in marked:
                    marked.add(id(node))
                    node = self._parents.get(id(node))
        if marked != self.with_errors:
            self.layoutAboutToBeChanged.emit()
            self.with_errors = marked
            self.layoutChanged.emit()

    def index_of(self, group: EditGroup) -> QModelIndex:
        above = self._parents.get(id(group))
        if above is None:
            return QModelIndex()
        return self.createIndex(above.children.index(group), 0, group)
