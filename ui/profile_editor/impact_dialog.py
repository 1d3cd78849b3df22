"""«Что изменится…»: the impact of the version being edited on a year's complete assessments.

The figures are :func:`maturity.usecases.version_impact.version_impact`'s, as ``maturity impact`` prints them
(:mod:`maturity.views.impact_text`); the dialog only shows them: a headline, the index line, and tabs for the
levels «было → станет», the KPIs, the norms and the largest movers. The work runs off the UI thread with progress
(the window's runner); nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.impact import Impact
from maturity.method.profile import Profile
from maturity.views import impact_text

TITLE = "Что изменится"
TABS = ("Уровни: было → станет", "Показатели", "Нормативы", "Больше всего меняется")


class ImpactDialog(QDialog):
    """Choose a year, see what the version would change. ``year_chosen(year)`` asks the window to compute."""

    year_chosen = Signal(int)

    def __init__(self, years: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("impact-dialog")
        self.setWindowTitle(TITLE)
        self.impact: Impact | None = None
        column = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Оценки года:", self))
        self.year_choice = QComboBox(self)
        self.year_choice.setObjectName("impact-year")
        for year in years:
            self.year_choice.addItem(str(year), year)
        top.addWidget(self.year_choice)
        self.compute_button = QPushButton("Пересчитать", self)
        self.compute_button.setObjectName("impact-compute")
        top.addWidget(self.compute_button)
        top.addStretch(1)
        column.addLayout(top)
        self.headline = QLabel(self)
        self.headline.setObjectName("impact-headline")
        self.headline.setWordWrap(True)
        column.addWidget(self.headline)
        self.index_line = QLabel(self)
        self.index_line.setObjectName("impact-index")
        self.index_line.setWordWrap(True)
        column.addWidget(self.index_line)
        self.tabs = QTabWidget(self)
        self.models: list[QStringListModel] = []
        for title in TABS:
            model = QStringListModel(self)
            view = QListView(self.tabs)
            view.setModel(model)
            view.setWordWrap(True)
            view.setAlternatingRowColors(True)
            view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
            self.tabs.addTab(view, title)
            self.models.append(model)
        column.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        column.addWidget(buttons)
        self.compute_button.clicked.connect(self._compute)
        if not years:
            self.headline.setText("В базе данных нет оценок: пересчитывать нечего.")
            self.compute_button.setEnabled(False)

    def _compute(self) -> None:
        year = self.year_choice.currentData()
        if year is not None:
            self.headline.setText(f"Пересчёт оценок {year} года…")
            self.year_chosen.emit(int(year))

    @property
    def year(self) -> int | None:
        year = self.year_choice.currentData()
        return int(year) if year is not None else None

    def show_impact(self, impact: Impact, profile: Profile) -> None:
        self.impact = impact
        self.headline.setText(impact_text.headline(impact))
        self.index_line.setText(impact_text.index_line(impact) if impact.assessments else "")
        sections = (
            impact_text.matrix_lines(impact, profile),
            impact_text.kpi_lines(impact, profile),
            impact_text.norm_lines(impact, profile),
            impact_text.mover_lines(impact, profile),
        )
        for model, lines in zip(self.models, sections, strict=True):
            model.setStringList([line.strip() for line in lines])
        refused = []
        if impact.became_draft:
            refused.append(f"Станут незавершёнными: {impact.became_draft}.")
        if impact.refused:
            refused.append(f"Не подходят к новой версии (пересчёт их отклонит): {len(impact.refused)}.")
        if refused:
            self.index_line.setText(" ".join([self.index_line.text(), *refused]).strip())

    def show_stopped(self) -> None:
        self.headline.setText("Пересчёт остановлен.")
