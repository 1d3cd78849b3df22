"""The widgets the result page's editable tables are shown with (the plan, last year's plan, the own targets):
a table that edits on a double click or the first key typed, and the red line under it that says why an edit
was refused."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QWidget

EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.SelectedClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def editable_table(parent: QWidget, name: str, model: QAbstractItemModel) -> QTableView:
    """A table over ``model``: wrapped text, no row numbers, alternating rows, edits as a person starts them."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setEditTriggers(EDIT_TRIGGERS)
    return view


def refusal_label(parent: QWidget, name: str) -> QLabel:
    """The red, wrapped line under a table with the reason an edit was refused (hidden until there is one)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label
