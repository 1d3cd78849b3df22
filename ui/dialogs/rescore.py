"""«Пересчитать по новой версии методики…»: which version of the assessment's method to re-score it with."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QVBoxLayout, QWidget

from ui.widgets.dialog_buttons import ok_cancel_buttons


class RescoreDialog(QDialog):
    """The versions of the method installed in the database; the assessment's own is not offered."""

    def __init__(self, question: str, versions: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Пересчитать по новой версии методики")
        column = QVBoxLayout(self)
        text = QLabel(question, self)
        text.setWordWrap(True)
        column.addWidget(text)
        self.version = QComboBox(self)
        self.version.setObjectName("rescore-version")
        for version, label in versions:
            self.version.addItem(label, version)
        column.addWidget(self.version)
        buttons = ok_cancel_buttons(self, "Пересчитать")
        column.addWidget(buttons)
        self.setMinimumWidth(480)
        column.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)  # the wrapped question is shown whole

    def chosen(self) -> str:
        return str(self.version.currentData())
