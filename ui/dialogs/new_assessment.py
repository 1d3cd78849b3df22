"""The dialog of a new assessment: the reporting year, the method, and whether to start from last year."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.dialog_buttons import ok_cancel_buttons


class NewAssessmentDialog(QDialog):
    """The reporting year and the method of a new assessment; with earlier assessments, copy or empty."""

    def __init__(
        self,
        year: int,
        profiles: list[tuple[str, str]],
        parent: QWidget | None = None,
        earlier_years: Sequence[int] = (),
    ):
        super().__init__(parent)
        self.setWindowTitle("Новая оценка")
        self.earlier_years = sorted(earlier_years)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.profile = QComboBox(self)
        for profile_id, title in profiles:
            self.profile.addItem(title, profile_id)
        form = QFormLayout(self)
        form.addRow("Отчётный год:", self.year)
        form.addRow("Методика:", self.profile)
        self.start_from = QWidget(self)
        choice = QVBoxLayout(self.start_from)
        choice.setContentsMargins(0, 0, 0, 0)
        self.copy_button = QRadioButton(self.start_from)
        self.copy_button.setObjectName("copy-last-year")
        self.empty_button = QRadioButton("Начать с пустой анкеты", self.start_from)
        self.empty_button.setObjectName("start-empty")
        group = QButtonGroup(self)
        group.addButton(self.copy_button)
        group.addButton(self.empty_button)
        choice.addWidget(self.copy_button)
        choice.addWidget(self.empty_button)
        self.copy_button.setChecked(True)
        form.addRow("Начать:", self.start_from)
        buttons = ok_cancel_buttons(self, "Начать")
        form.addRow(buttons)
        self.year.valueChanged.connect(lambda _year: self._show_copy())
        self._show_copy()

    def source_year(self) -> int | None:
        """The latest earlier year before the chosen one, when there is one."""
        earlier = [y for y in self.earlier_years if y < self.year.value()]
        return earlier[-1] if earlier else None

    def _show_copy(self) -> None:
        source = self.source_year()
        self.start_from.setVisible(source is not None)
        if source is not None:
            self.copy_button.setText(
                f"С ответами за {source} год — изменить только то, что изменилось (числа за год останутся пустыми)"
            )

    def copy_from(self) -> int | None:
        """The year whose answers to copy, or None to start empty."""
        source = self.source_year()
        return source if source is not None and self.copy_button.isChecked() else None
