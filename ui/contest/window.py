"""«Смотр-конкурс»: the year's contest of the comparison window's group — each nomination's rankings by level
and member-size band, the commission's marks entered for the chosen participant, the «Итоговый протокол»
(PDF, Excel) and the diplomas. Thin over :mod:`maturity.usecases.contest`: the figures shown are the objects
``maturity contest results`` prints; reading and writing run through the app's background helper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.contest import ContestResults
from maturity.views.contest_text import rules_lines
from ui.contest.model import RankingModel
from ui.widgets.capped_text import CappedText

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from ui.background import Runner

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b7a2f;"
LOADING = "Подвожу итоги конкурса…"


class ContestWindow(QWidget):
    def __init__(self, engine: Engine, runner: Runner, year: int, parent_id: int | None, scope: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("contest-window")
        self.engine, self.runner, self.year, self.parent_id = engine, runner, year, parent_id
        self.settings: QSettings | None = None
        self.results: ContestResults | None = None
        self.written: list[Any] = []
        self.setWindowTitle(f"Смотр-конкурс за {year} год — {scope}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        top.addWidget(QLabel("Номинация:", self))
        self.nomination = QComboBox(self)
        self.nomination.setMinimumContentsLength(30)
        self.nomination.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.nomination.currentIndexChanged.connect(lambda _i: self.show_nomination())
        top.addWidget(self.nomination, 1)
        self.protocol_pdf_button = QPushButton("Итоговый протокол (PDF)…", self)
        self.protocol_pdf_button.clicked.connect(lambda: self.ask_protocol(".pdf"))
        self.protocol_xlsx_button = QPushButton("Протокол и лучшие практики (Excel)…", self)
        self.protocol_xlsx_button.clicked.connect(lambda: self.ask_protocol(".xlsx"))
        self.diplomas_button = QPushButton("Дипломы победителей…", self)
        self.diplomas_button.clicked.connect(self.ask_diplomas)
        layout.addLayout(top)

        # the rules take six lines at 1 024 pixels: at most four are shown in a short window, the rest scrolled
        # to, so that the table and the commission's form still fit a 600-pixel screen
        self.rules_area = CappedText(self, short_lines=4, tall_lines=8)
        self.rules_area.setObjectName("contest-rules")
        self.rules = self.rules_area.label
        self.rules.setStyleSheet("color: #4a5a6a;")
        layout.addWidget(self.rules_area)
        self.by_label = QLabel(self)
        self.by_label.setWordWrap(True)
        layout.addWidget(self.by_label)

        self.model = RankingModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("contest-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the organization's column takes the width left (at 1 024 pixels the final score and the place were
        # scrolled off to the right); its name wraps, the row as tall as it needs
        for column, width in enumerate((220, 56, 0, 134, 184, 114, 70)):  # a header bold on selection
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._participant_chosen())
        layout.addWidget(self.table, 1)

        layout.addWidget(self._build_marks())
        buttons = QHBoxLayout()  # what the window writes, at its foot as a dialog's buttons
        buttons.addStretch(1)
        for button in (self.protocol_pdf_button, self.protocol_xlsx_button, self.diplomas_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.load()

    def _build_marks(self) -> QGroupBox:
        box = QGroupBox("Оценка члена комиссии (для выбранного участника в этой номинации)", self)
        grid = QGridLayout(box)
        self.participant = QLabel("Выберите участника в таблице", box)
        self.member = QLineEdit(box)
        self.member.setPlaceholderText("фамилия и инициалы члена комиссии")
        self.points = QLineEdit(box)
        self.points.setPlaceholderText("баллы")
        self.points.setMaximumWidth(90)
        self.remark = QLineEdit(box)
        self.remark.setPlaceholderText(
            "замечание: что видно комиссии, но не из ответов (фото стенда, качество издания)"
        )
        self.mark_button = QPushButton("Записать оценку", box)
        self.mark_button.clicked.connect(self.add_mark)
        self.mark_message = QLabel(box)
        self.mark_message.setWordWrap(True)
        self.marks_list = QLabel(box)
        self.marks_list.setWordWrap(True)
        self.marks_list.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.participant, 0, 0, 1, 6)
        grid.addWidget(QLabel("Член комиссии:", box), 1, 0)
        grid.addWidget(self.member, 1, 1)
        self.range_label = QLabel("Баллы:", box)
        grid.addWidget(self.range_label, 1, 2)
        grid.addWidget(self.points, 1, 3)
        grid.addWidget(self.mark_button, 1, 5)
        grid.addWidget(QLabel("Замечание:", box), 2, 0)
        grid.addWidget(self.remark, 2, 1, 1, 5)
        grid.addWidget(self.mark_message, 3, 0, 1, 6)
        grid.addWidget(self.marks_list, 4, 0, 1, 6)
        for label in (self.mark_message, self.marks_list):  # shown with a text: empty, their rows took the
            label.hide()  # height of a table row on a 600-pixel screen
        grid.setColumnStretch(1, 2)
        # Tab goes as the form reads — member, points, remark, then the button (it went from the points to the
        # button, and a remark typed after a second Tab pressed it with its first space); Enter in the points
        # or the remark records the mark as the button does
        for before, after in ((self.member, self.points), (self.points, self.remark), (self.remark, self.mark_button)):
            QWidget.setTabOrder(before, after)
        for field in (self.points, self.remark):
            field.returnPressed.connect(self.add_mark)
        return box

    # ------------------------------------------------------------ reading

    def _store_do(self, job: Any) -> Any:
        from sqlmodel import Session

        from maturity.storage.store import Store

        with Session(self.engine, expire_on_commit=False) as session:
            store = Store(session)
            parent = store.get_organization(self.parent_id) if self.parent_id is not None else None
            return job(store, parent)

    def load(self) -> None:
        """The results read and ranked off the UI thread, the collector held off meanwhile (at 100 000 participants
        its passes over the entrants stopped the window for 3.8 s) and the results kept out of its passes after."""
        from maturity.collector import collector_paused, kept_out
        from maturity.usecases.contest import contest_results

        def work() -> ContestResults:
            with collector_paused():
                return kept_out(self._store_do(lambda store, parent: contest_results(store, self.year, parent)))

        if self.results is None:  # the first reading: the window says what it waits for
            self.by_label.setText(LOADING)
        self.runner.run(work, self._results_read, busy_text=LOADING)

    def _results_read(self, results: ContestResults) -> None:
        if shiboken6.isValid(self):  # the window may have been closed while the results were read
            self.show_results(results)

    def show_results(self, results: ContestResults) -> None:
        from maturity.views.numbers import format_parameter

        self.results = results
        current = self.nomination.currentData()
        self.nomination.blockSignals(True)
        self.nomination.clear()
        for nomination in results.nominations:
            self.nomination.addItem(nomination.title, nomination.id)
        found = self.nomination.findData(current)
        self.nomination.setCurrentIndex(found if found >= 0 else 0)
        self.nomination.blockSignals(False)
        self.rules_area.setText("\n".join(rules_lines(results)))
        r = results.rules
        self.range_label.setText(f"Баллы ({format_parameter(r.mark_min)}–{format_parameter(r.mark_max)}):")
        has_winners = any(n.groups for n in results.nominations)
        for button in (self.protocol_pdf_button, self.protocol_xlsx_button, self.diplomas_button):
            button.setEnabled(results.participants > 0)
        self.diplomas_button.setEnabled(has_winners)
        self.show_nomination()

    def current_nomination(self) -> Any:
        if self.results is None or self.nomination.currentData() is None:
            return None
        return self.results.nomination(self.nomination.currentData())

    def show_nomination(self) -> None:
        nomination = self.current_nomination()
        chosen = self.chosen_participant()
        self.model.set_nomination(nomination)
        if nomination is None:
            self.by_label.setText("Участников нет: нет завершённых и принятых оценок за этот год.")
            return
        count = len(self.model.rows)
        self.by_label.setText(f"По: {nomination.by_label}. Участников в номинации: {count}.")
        if chosen is not None:
            for row, (_group, placed) in enumerate(self.model.rows):
                if placed.entrant.organization_id == chosen:
                    self.table.selectRow(row)
        self._participant_chosen()

    def chosen_participant(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.placed_at(rows[0].row()).entrant.organization_id if rows else None

    def _participant_chosen(self) -> None:
        from maturity.views.numbers import format_parameter

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.participant.setText("Выберите участника в таблице")
            _show(self.marks_list, "")
            return
        placed = self.model.placed_at(rows[0].row())
        self.participant.setText(f"Участник: {placed.entrant.name}")
        marks = [f"{m.member}: {format_parameter(m.points)}" + (f" — «{m.remark}»" if m.remark else "")
                 for m in placed.entrant.marks]  # fmt: skip
        _show(self.marks_list, "Оценки комиссии: " + ("; ".join(marks) if marks else "пока нет"))

    # ------------------------------------------------------------ the commission's marks

    def add_mark(self) -> None:
        from maturity.errors import BadInput
        from maturity.usecases.contest import add_mark, parse_points

        uid = self.chosen_participant()
        nomination = self.nomination.currentData()
        if uid is None or nomination is None:
            self._say("Выберите участника в таблице", ERROR_STYLE)
            return
        try:
            points = parse_points(self.points.text())
        except BadInput as error:
            self._say(_sentence(str(error)), ERROR_STYLE)
            return
        member, remark = self.member.text(), self.remark.text()

        def job(store: Any, parent: Any) -> Any:
            return add_mark(store, self.year, store.find_organization(uid), nomination, member, points, remark, parent)

        def done(mark: Any) -> None:
            self._say(f"Оценка члена комиссии «{mark.member}» записана.", DONE_STYLE)
            self.points.clear()
            self.remark.clear()
            self.load()

        def failed(error: BaseException) -> None:
            if not isinstance(error, BadInput):
                raise error
            self._say(_sentence(str(error)), ERROR_STYLE)

        self.runner.run(lambda: self._store_do(job), done, failed, busy_text="Записываю оценку…")

    def _say(self, text: str, style: str) -> None:
        self.mark_message.setStyleSheet(style)
        _show(self.mark_message, text)

    # ------------------------------------------------------------ the protocol and the diplomas

    def ask_protocol(self, suffix: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ui.widgets.file_dialogs import last_folder

        kind = "PDF (*.pdf)" if suffix == ".pdf" else "Книга Excel (*.xlsx)"
        start = f"{last_folder(self.settings)}/Итоговый протокол {self.year}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Сохранить итоговый протокол", start, kind)
        if path:
            self.save_protocol(path if path.lower().endswith(suffix) else path + suffix)

    def save_protocol(self, path: str) -> None:
        results = self.results
        if results is None:
            return

        def work() -> str:
            from maturity.collector import collector_paused

            with collector_paused():  # a workbook of 100 000 rows: the collector's passes would stop the window
                return write(path)

        def write(path: str) -> str:
            if path.lower().endswith(".pdf"):
                from ui.contest.pdf import write_protocol_pdf

                write_protocol_pdf(results, path)
            else:
                from maturity.exchange.contest_workbook import write_protocol_xlsx

                write_protocol_xlsx(results, path)
            return path

        self.runner.run(work, lambda p: self._written([p]), busy_text="Записываю протокол…")

    def ask_diplomas(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ui.widgets.file_dialogs import last_folder

        folder = QFileDialog.getExistingDirectory(self, "Папка для дипломов", last_folder(self.settings))
        if folder:
            self.save_diplomas(folder)

    def save_diplomas(self, folder: str) -> None:
        results = self.results
        if results is None:
            return
        from ui.contest.pdf import write_diplomas

        self.runner.run(lambda: write_diplomas(results, folder), self._written, busy_text="Записываю дипломы…")

    def _written(self, paths: list[Any]) -> None:
        self.written = list(paths)
        self._say(f"Записано файлов: {len(paths)}" + (f" ({paths[0]})" if len(paths) == 1 else ""), DONE_STYLE)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _show(label: QLabel, text: str) -> None:
    """``text`` in ``label``, the label shown only when there is one."""
    label.setText(text)
    label.setVisible(bool(text))
