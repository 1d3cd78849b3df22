"""The dialog of a new assessment: the reporting year and the method."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget


class NewAssessmentDialog(QDialog):
    """The reporting year and the method of a new assessment."""

    def __init__(self, year: int, profiles: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Новая оценка")
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.profile = QComboBox(self)
        for profile_id, title in profiles:
            self.profile.addItem(title, profile_id)
        form = QFormLayout(self)
        form.addRow("Отчётный год:", self.year)
        form.addRow("Методика:", self.profile)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Начать")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
