"""Editors of the plan table's cells: the status and the due quarter are picked from lists, the texts
typed within the plan's length limits. The model checks every value again (ui.plan.model)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from maturity.engine.plan import NOTE_MAX, RESPONSIBLE_MAX, STATUS_LABELS, STATUSES, due_quarter
from maturity.views.plan_text import quarter_text

EditRole = Qt.ItemDataRole.EditRole
ModelIndex = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (value, label) pairs; the model gets the value."""

    def __init__(self, choices: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EditRole)


class StatusDelegate(ChoiceDelegate):
    def __init__(self, parent=None):
        super().__init__([(s, STATUS_LABELS[s]) for s in STATUSES], parent)


class QuarterDelegate(ChoiceDelegate):
    """The quarters of the plan's year and the one after, and «без срока»."""

    def __init__(self, plan_year: int, parent=None):
        quarters = [due_quarter(year, q) for year in (plan_year, plan_year + 1) for q in range(1, 5)]
        super().__init__([("", "без срока")] + [(d, quarter_text(d)) for d in quarters], parent)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        value = index.data(EditRole) or ""
        if (
            isinstance(editor, QComboBox) and editor.findData(value) < 0
        ):  # a quarter outside the list (an imported plan): offered as it is
            editor.addItem(quarter_text(value), value)
        super().setEditorData(editor, index)


class TextDelegate(QStyledItemDelegate):
    def __init__(self, max_length: int, parent=None):
        super().__init__(parent)
        self.max_length = max_length

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:  # noqa: N802
        line = QLineEdit(parent)
        line.setMaxLength(self.max_length)
        return line


def responsible_delegate(parent=None) -> TextDelegate:
    return TextDelegate(RESPONSIBLE_MAX, parent)


def note_delegate(parent=None) -> TextDelegate:
    return TextDelegate(NOTE_MAX, parent)
