"""The result page's «План» tab: the plan of the next year (editable) and last year's plan results.

The plan is the road map of these answers until the chair edits it; from the first edit it is the
organization's plan, kept with the assessment (:class:`ui.plan.saver.PlanSaver`) and no longer
follows the answers. Last year's plan is set beside this year's scores by the core
(:meth:`maturity.usecases.plan.LastYearPlan.review`); the panel only shows the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.session import AssessmentSession
from maturity.usecases.plan import LastYearPlan
from maturity.views.plan_text import review_cells, review_summary
from ui.plan.delegates import QuarterDelegate, StatusDelegate, note_delegate, responsible_delegate
from ui.plan.model import DUE, NOTE, RESPONSIBLE, STATUS, TITLE, PlanTableModel
from ui.plan.saver import PlanSaver
from ui.widgets.table_rows import Column, Row, RowsTableModel

VERDICT_TONES = {"risen": "good", "not_risen": "bad", "not_done": "muted"}


class PlanPanel(QWidget):
    def __init__(
        self,
        session: AssessmentSession,
        saver: PlanSaver | None,
        stored: Sequence[PlanStep] | None = None,
        last_year: LastYearPlan | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("plan-panel")
        self.session = session
        self.saver = saver
        self.saved = stored is not None
        self.last_year = last_year
        self.model = PlanTableModel(session.profile, stored or self._road_map(), self)
        self.model.on_edit = self._edited
        self.model.on_refused = lambda _reason: self.show_refusal()

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setObjectName("plan-table")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.status_delegate = StatusDelegate(self.view)
        self.quarter_delegate = QuarterDelegate(session.year + 1, self.view)
        self.responsible_delegate = responsible_delegate(self.view)
        self.note_delegate = note_delegate(self.view)
        self.view.setItemDelegateForColumn(STATUS, self.status_delegate)
        self.view.setItemDelegateForColumn(DUE, self.quarter_delegate)
        self.view.setItemDelegateForColumn(RESPONSIBLE, self.responsible_delegate)
        self.view.setItemDelegateForColumn(NOTE, self.note_delegate)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == TITLE else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        for column, width in ((1, 200), (STATUS, 110), (RESPONSIBLE, 140), (DUE, 90), (NOTE, 140)):
            self.view.setColumnWidth(column, width)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.error = QLabel(self)
        self.error.setObjectName("plan-error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        self.review_title = QLabel(self)
        self.review_title.setObjectName("plan-review-summary")
        self.review_title.setWordWrap(True)
        self.review_model = RowsTableModel(
            [
                Column("Шаг плана прошлого года"),
                Column("Статус"),
                Column("Было → стало"),
                Column("Индекс", align_right=True),
                Column("Итог"),
            ],
            parent=self,
        )
        self.review_view = QTableView(self)
        self.review_view.setObjectName("plan-review")
        self.review_view.setModel(self.review_model)
        self.review_view.setWordWrap(True)
        self.review_view.verticalHeader().hide()
        self.review_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        review_header = self.review_view.horizontalHeader()
        for column in range(self.review_model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == 0 else QHeaderView.ResizeMode.ResizeToContents
            review_header.setSectionResizeMode(column, mode)
        review_header.sectionResized.connect(lambda *_: self.review_view.resizeRowsToContents())

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.error)
        layout.addWidget(self.review_title)
        layout.addWidget(self.review_view, 2)
        self._say_intro()

    def _road_map(self) -> list[PlanStep]:
        return default_plan(self.session.profile, self.session.answers, self.session.year, self.session.score())

    def _say_intro(self) -> None:
        year = self.session.year + 1
        if self.saved:
            self.intro.setText(
                f"План на {year} год хранится вместе с оценкой. Статус, ответственного, срок и "
                "примечание можно менять: двойной щелчок по ячейке."
            )
        else:
            self.intro.setText(
                f"План на {year} год составлен по дорожной карте. Отметьте статус, ответственного, "
                "срок и примечание (двойной щелчок по ячейке) — план сохранится вместе с оценкой."
            )

    def _edited(self, steps: list[PlanStep]) -> None:
        self.saved = True
        self._say_intro()
        if self.saver is not None:
            self.saver.save(steps)

    def show_refusal(self) -> None:
        """Why the model refused the last edit (or nothing)."""
        text = self.model.last_error
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def fit_rows(self) -> None:
        """Wrapped rows as tall as their text at the columns' present widths."""
        self.view.resizeRowsToContents()
        self.review_view.resizeRowsToContents()

    def refresh(self) -> None:
        """The road map of the present answers (until the plan is the chair's), last year's plan results."""
        if not self.saved:
            self.model.set_steps(self._road_map())
        self.view.resizeRowsToContents()
        review = None
        if self.last_year is not None:
            review = self.last_year.review(self.session.profile, self.session.score(), self.session.year)
        self.review_title.setVisible(review is not None)
        self.review_view.setVisible(review is not None)
        if review is None:
            self.review_model.set_rows([])
            return
        self.review_title.setText(review_summary(review))
        rows = [
            Row(cells, tone=VERDICT_TONES.get(outcome.verdict))
            for cells, outcome in zip(review_cells(self.session.profile, review), review.outcomes, strict=True)
        ]
        self.review_model.set_rows(rows)
        self.review_view.resizeRowsToContents()
