"""One group's fields: a label, an editor and the error beside it (red, under the editor), for each field.

The form shows what the :class:`~maturity.method.editing.ProfileDraft` holds and hands every change of
text back to it; it keeps no value of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from maturity.method.editing import EditableField, EditGroup, ProfileDraft, index_shares, kpi_weight_field
from maturity.views.numbers import format_percent
from maturity.views.profile_changes_text import value_text

ERROR_STYLE = "color: #b00020;"
LABEL_WIDTH = 230


def shown_text(value: object) -> str:
    """The text an editor starts with: a number with a comma, a text as it is, nothing for no value."""
    if value is None:
        return ""
    return value_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


class FieldRow:
    """The widgets of one field."""

    def __init__(self, item: EditableField, parent: QWidget):
        self.item = item
        self.pending: QTimer | None = None  # a long text waits for a pause in typing
        self.editor: QLineEdit | QPlainTextEdit
        if item.kind == "text":
            self.editor = QPlainTextEdit(parent)
            self.editor.setTabChangesFocus(True)
            self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * 3 + 12)
        else:
            self.editor = QLineEdit(parent)
            if item.kind == "number":
                self.editor.setMaximumWidth(160)
        self.editor.setObjectName(f"field:{item.key}")
        self.editor.setAccessibleName(item.label)
        self.error = QLabel(parent)
        self.error.setObjectName(f"error:{item.key}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.kpi = kpi_weight_field(item)  # a KPI's weight: its share of the index beside it
        self.share: QLabel | None = None
        if self.kpi is not None:
            self.share = QLabel(parent)
            self.share.setObjectName(f"share:{item.key}")
            self.share.setStyleSheet("color: #555555;")
            self.share.setToolTip("Вес показателя, делённый на сумму весов всех показателей")

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def set_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)
        self.editor.blockSignals(False)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class GroupForm(QWidget):
    """The fields of one group of the draft; ``changed`` is called after each edit has been checked."""

    def __init__(self, draft: ProfileDraft, group: EditGroup, changed: Callable[[], None], parent=None):
        super().__init__(parent)
        self.draft, self.group, self.changed = draft, group, changed
        column = QVBoxLayout(self)
        title = QLabel(f"<b>{' › '.join((*group.trail, group.title))}</b>", self)
        title.setWordWrap(True)
        column.addWidget(title)
        if not group.fields:
            hint = QLabel("Выберите в списке слева, что изменить.", self)
            hint.setWordWrap(True)
            column.addWidget(hint)
        form = QGridLayout()  # a label column of fixed width: a long label wraps, never cut
        form.setColumnStretch(1, 1)
        form.setVerticalSpacing(8)
        self.rows: dict[str, FieldRow] = {}
        for item in group.fields:
            row = self.rows[item.key] = FieldRow(item, self)
            row.set_text(shown_text(draft.text_of(item)))
            holder = QWidget(self)
            inner = QVBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(2)
            if row.share is not None:  # «доля в индексе: 10 %» beside the weight
                beside = QHBoxLayout()
                beside.addWidget(row.editor)
                beside.addWidget(row.share, 1)
                inner.addLayout(beside)
            else:
                inner.addWidget(row.editor)
            inner.addWidget(row.error)
            label = QLabel(item.label, self)
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)
            label.setBuddy(row.editor)
            line = form.rowCount()
            form.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(holder, line, 1, Qt.AlignmentFlag.AlignTop)
            self._connect(row)
        column.addLayout(form)
        column.addStretch(1)
        self.show_problems()

    def _connect(self, row: FieldRow) -> None:
        if isinstance(row.editor, QPlainTextEdit):
            # a long text is checked after a short pause in typing, not on every key
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(250)
            timer.timeout.connect(lambda: self._edited(row))
            row.editor.textChanged.connect(timer.start)
            row.pending = timer
        else:
            row.editor.textChanged.connect(lambda _text: self._edited(row))

    def flush(self) -> None:
        """Apply a long text still waiting for its pause (before saving)."""
        for row in self.rows.values():
            if row.pending is not None and row.pending.isActive():
                row.pending.stop()
                self._edited(row)

    def _edited(self, row: FieldRow) -> None:
        self.draft.set_text(row.item, row.text())
        self.show_problems()
        self.changed()

    def show_problems(self) -> None:
        for key, row in self.rows.items():
            row.show_error(self.draft.beside.get(key))
        self.show_shares()

    def show_shares(self) -> None:
        """Each KPI weight's share of the index as the draft now has it («—» while a weight is not a number)."""
        shares = index_shares(self.draft.tree)
        for key, row in self.rows.items():
            if row.share is None or row.kpi is None:
                continue
            share = None if key in self.draft.typed else shares[row.kpi]
            row.share.setText(f"доля в индексе: {format_percent(share) if share is not None else '—'}")

    def row(self, key: str) -> FieldRow:
        return self.rows[key]


def focus_first(form: GroupForm) -> None:
    for row in form.rows.values():
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return
