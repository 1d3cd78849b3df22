"""«Сравнение организаций»: filters, summary cards, the table and the charts, over the database.

The window is thin: the filter widgets make a :class:`~maturity.storage.comparison.ComparisonFilter`, the
table is a :class:`~ui.compare.comparison_model.ComparisonModel` (ids from SQL, rows fetched as shown), the
cards and the charts come from :mod:`maturity.storage.comparison` through the app's background helper (a
result that arrives after a newer request is dropped). Double-clicking a row asks the main window
to show that organization.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from maturity.storage.comparison import ComparisonFilter
from maturity.usecases.comparison_charts import CHART_KINDS
from maturity.views.change_text import NOTHING_TO_COMPARE, organizations_dative
from maturity.views.numbers import format_change, format_score
from ui.compare.comparison_model import ORGANIZATION_ID_ROLE, ComparisonModel
from ui.compare.submissions_model import SubmissionModel
from ui.widgets.chart_view import ChartImage

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from maturity.method.profile import Profile
    from ui.background import Progress, Runner

ANY = "все"
TEXT_DELAY_MS = 250  # typing in the search box filters after a pause, not on every key
STATUS_TAB = 2
JOURNAL_TAB = 3
REVIEW_FILTERS = (("проверка: все", None), ("получена", "received"), ("принята", "accepted"),
                  ("возвращена", "returned"))  # fmt: skip

# «Подтверждено»: the least share of answers confirmed by a document (None: any)
EVIDENCE_CHOICES = (
    ("любая доля", None), ("хотя бы один ответ", 1e-6), ("не меньше 25 %", 0.25), ("не меньше 50 %", 0.5),
    ("не меньше 75 %", 0.75), ("все ответы", 1.0),
)  # fmt: skip


class Card(QFrame):
    """A summary card: a small caption and a large figure (or a short list)."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet("#card { background: #f4f7fb; border: 1px solid #cfd9e6; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color: #4a5a6a;")
        self.value = QLabel("…", self)
        self.value.setWordWrap(True)
        self.value.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.caption)
        layout.addWidget(self.value, 1)


class CompareWindow(QWidget):
    organization_opened = Signal(int)  # the id of a double-clicked organization

    def __init__(self, engine: Engine, profile: Profile, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Сравнение организаций")
        self.settings: QSettings | None = None  # the app's (the last folder of a saved file), given by the main window
        self.setObjectName("compare-window")
        self.engine, self.profile, self.runner = engine, profile, runner
        self._generation = {"chart": 0, "status": 0, "columns": 0}
        self._status_stale = True
        self.last_summary: Any = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_filters())
        cards = QHBoxLayout()
        self.assessed_card = Card("Оценено организаций", self)
        self.index_card = Card("Средний индекс", self)
        self.norms_card = Card("Чаще всего не выполнены нормативы", self)
        cards.addWidget(self.assessed_card, 2)
        cards.addWidget(self.index_card, 2)
        cards.addWidget(self.norms_card, 5)
        cards.addLayout(self._build_report_buttons())
        layout.addLayout(cards)

        self.tabs = QTabWidget(self)
        self.model = ComparisonModel(engine, profile, self)
        self.table = QTableView(self)
        self.table.setObjectName("comparison-table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(46)
        header.setMinimumSectionSize(30)
        self.table.setWordWrap(False)
        # names alike for 60 characters differ at their end («… подстанция № 12»): a long name keeps its start
        # and its end, the middle elided; the tooltip has it whole
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for key, width in (
            ("name", 318),  # 366 before the evidence column: the table still fits 1366 pixels
            ("level", 70),
            ("region", 130),
            ("maturity_level", 112),
            ("index", 54),
            ("digital_index", 68),
            ("failed_norms", 74),
            ("index_change", 66),
            ("evidence_share", 62),
        ):
            header.resizeSection(self.model.column_of(key), width)
        for key in ("region", "sector", "parent_name"):  # in the name's tooltip; the filters choose by them
            self.table.setColumnHidden(self.model.column_of(key), True)
        self.table.doubleClicked.connect(self._open_row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.count_label = QLabel(self)
        table_page = QWidget(self)
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_bar = QHBoxLayout()
        table_bar.addWidget(self.count_label, 1)
        self.table_accept = QPushButton("Принять", self)
        self.table_accept.setObjectName("table-review-accept")
        self.table_accept.clicked.connect(lambda: self.decide_selected("accept", self.table_submissions()))
        self.table_return = QPushButton("Вернуть на доработку…", self)
        self.table_return.setObjectName("table-review-return")
        self.table_return.clicked.connect(lambda: self.ask_return(self.table_submissions()))
        for button in (self.table_accept, self.table_return):
            button.setToolTip("Выбранные в таблице организации; состояние проверки — на вкладке «Кто сдал»")
            table_bar.addWidget(button)
        self.learn_from_button = QPushButton("У кого поучиться…", self)
        self.learn_from_button.setObjectName("learn-from")
        self.learn_from_button.setToolTip(
            "Для выбранной организации: похожие организации, у которых слабый показатель выше"
        )
        self.learn_from_button.clicked.connect(lambda: self.open_learn_from())
        table_bar.addWidget(self.learn_from_button)
        table_layout.addLayout(table_bar)
        self.method_note = QLabel(self)  # «Методика изменилась: …» when the compared assessments mix definitions
        self.method_note.setObjectName("method-note")
        self.method_note.setWordWrap(True)
        self.method_note.setStyleSheet("color: #8a5a00;")
        self.method_note.hide()
        table_layout.addWidget(self.method_note)
        self.tabs.addTab(table_page, "Таблица")

        charts_page = QWidget(self)
        charts_layout = QVBoxLayout(charts_page)
        charts_layout.setContentsMargins(0, 4, 0, 0)
        chart_bar = QHBoxLayout()
        self.chart_kind = QComboBox(charts_page)
        for kind, title in CHART_KINDS.items():
            self.chart_kind.addItem(title, kind)
        self.chart_kind.currentIndexChanged.connect(lambda _i: self.refresh_chart())
        self.chart_hint = QLabel(charts_page)
        self.chart_hint.setStyleSheet("color: #555555;")
        self.chart_hint.setWordWrap(True)
        self.save_button = QPushButton("Сохранить PNG / SVG…", charts_page)
        self.save_button.clicked.connect(self.ask_save_chart)
        chart_bar.addWidget(QLabel("Диаграмма:", charts_page))
        chart_bar.addWidget(self.chart_kind)
        chart_bar.addWidget(self.chart_hint, 1)
        chart_bar.addWidget(self.save_button)
        charts_layout.addLayout(chart_bar)
        # drawn off the UI thread into an image: matplotlib drawing a chart on the UI thread stopped the window
        # for 0.4-0.7 s (its text and glyphs) every time a filter changed
        self.chart = ChartImage(charts_page)
        self.chart_message = QLabel(charts_page)
        self.chart_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_message.setStyleSheet("color: #8a5a00; font-size: 11pt;")
        self.chart_message.hide()
        charts_layout.addWidget(self.chart_message)
        charts_layout.addWidget(self.chart, 1)
        self.tabs.addTab(charts_page, "Диаграммы")
        self.tabs.addTab(self._build_status_page(), "Кто сдал")
        self.tabs.addTab(self._build_journal_page(), "Журнал")
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        layout.addWidget(self.tabs, 1)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filter)
        self.load_choices()
        self.apply_filter()

    # ------------------------------------------------------------ filters

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Escape closes the window (a field, a table or an open list takes it first when it needs it)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _build_filters(self) -> QVBoxLayout:
        self.year = QComboBox(self)
        self.parent_filter = QComboBox(self)
        self.parent_filter.setMinimumContentsLength(24)
        self.parent_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.level = QComboBox(self)  # «Территориальная организация профсоюза»: elided, whole in its list
        self.maturity = QComboBox(self)
        for combo, letters in ((self.level, 12), (self.maturity, 10)):
            combo.setMinimumContentsLength(letters)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region = QComboBox(self)
        self.region.setMinimumContentsLength(14)
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sector = QComboBox(self)
        self.sector.setMinimumContentsLength(12)
        self.sector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.evidence = QComboBox(self)
        self.evidence.setObjectName("evidence-filter")
        self.evidence.setToolTip("Оставить организации, у которых не меньше этой доли ответов подтверждено документом")
        for label, share in EVIDENCE_CHOICES:
            self.evidence.addItem(label, share)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("часть названия")
        self.text.setClearButtonEnabled(True)
        self.export_button = QPushButton("Экспорт в Excel…", self)
        self.export_button.setToolTip("Сводный отчёт по организациям таблицы (тот же год и фильтр)")
        self.export_button.clicked.connect(self.ask_export)
        self.contest_button = QPushButton("Смотр-конкурс…", self)
        self.contest_button.setToolTip(
            "Ежегодный смотр-конкурс группы за год: номинации, оценки комиссии, итоговый протокол и дипломы "
            "(участвуют завершённые и принятые оценки)"
        )
        self.contest_button.clicked.connect(self.open_contest)
        self.with_respondents = QCheckBox("с ФИО", self)
        self.with_respondents.setToolTip(
            "Включить в отчёт ФИО и должности заполнивших анкеты и комментарии к ответам. Это "
            "персональные данные: без этой отметки в отчёт они не попадают"
        )
        # two rows, each its own width (not columns of a grid: a wide field of one row widened the other's
        # column, and the window was 1 399 pixels wide — its buttons off a 1 024-pixel screen); the report's
        # and the contest's buttons beside the cards
        first = QHBoxLayout()
        for label, widget, stretch in (("Год", self.year, 0), ("Под организацией", self.parent_filter, 3),
                                       ("Уровень", self.level, 1), ("Зрелость", self.maturity, 1)):  # fmt: skip
            first.addWidget(QLabel(label + ":", self))
            first.addWidget(widget, stretch)
        search = QWidget(self)  # the search field and, beside it, the share of answers with evidence
        beside = QHBoxLayout(search)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(6)
        beside.addWidget(self.text, 1)
        beside.addWidget(QLabel("Подтверждено:", self))
        beside.addWidget(self.evidence)
        second = QHBoxLayout()
        second_row: list[tuple[str, QWidget, int]] = [("Регион", self.region, 1), ("Отрасль", self.sector, 1),
                                                      ("Поиск", search, 3)]  # fmt: skip
        for label, field, stretch in second_row:
            second.addWidget(QLabel(label + ":", self))
            second.addWidget(field, stretch)
        rows = QVBoxLayout()
        rows.setSpacing(4)
        rows.addLayout(first)
        rows.addLayout(second)
        for combo in (
            self.year,
            self.parent_filter,
            self.level,
            self.maturity,
            self.region,
            self.sector,
            self.evidence,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.text.textChanged.connect(lambda _t: self._text_timer.start())
        return rows

    def _build_report_buttons(self) -> QVBoxLayout:
        """«Смотр-конкурс…», «Экспорт в Excel…» and «с ФИО», one above another beside the cards."""
        column = QVBoxLayout()
        column.setSpacing(2)
        for widget in (self.contest_button, self.export_button, self.with_respondents):
            column.addWidget(widget)
        column.addStretch(1)
        return column

    def load_choices(self) -> None:
        """Years, parents, regions and sectors as the database has them."""
        from maturity.storage.comparison import parents
        from maturity.storage.queries import regions, sectors, years

        def fill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

        fill(self.year, [(str(y), y) for y in years(self.engine)] or [("нет оценок", None)])
        fill(
            self.parent_filter, [("все организации", None), *((name, org_id) for org_id, name in parents(self.engine))]
        )
        fill(self.level, [(ANY, None), *((lvl.label, lvl.id) for lvl in self.profile.data.organization_levels)])
        fill(self.maturity, [(ANY, None), *((lvl.label, lvl.id) for lvl in self.profile.data.maturity_levels)])
        fill(self.region, [(ANY, None), *((r, r) for r in regions(self.engine))])
        fill(self.sector, [(ANY, None), *((s, s) for s in sector_choices(self.profile, sectors(self.engine)))])

    def refresh_all(self) -> None:
        """Read the database again (choices, rows, cards, chart): assessments may have changed."""
        self.load_choices()
        self.model.reload()
        self.apply_filter()

    def current_filter(self) -> ComparisonFilter | None:
        year = self.year.currentData()
        if year is None:
            return None
        return ComparisonFilter(
            year=year,
            parent_id=self.parent_filter.currentData(),
            level=self.level.currentData(),
            maturity_level=self.maturity.currentData(),
            region=self.region.currentData(),
            sector=self.sector.currentData(),
            text=self.text.text(),
            min_evidence=self.evidence.currentData(),
        )

    def scope(self) -> str:
        """The group's name in chart titles."""
        return self.parent_filter.currentText() if self.parent_filter.currentData() is not None else "все организации"

    def apply_filter(self) -> None:
        self._text_timer.stop()
        f = self.current_filter()
        if f is None:
            self.count_label.setText("В базе нет оценок: загрузите файлы организаций или демонстрационные данные.")
            self.export_button.setEnabled(False)
            return
        self.model.set_filter(f)
        self.count_label.setText(f"Организаций в таблице: {self.model.rowCount()}")
        self.export_button.setEnabled(self.model.rowCount() > 0)
        if self.model.needs_columns(f.year):
            self._load_columns(f.year)
        else:
            self.refresh_summary()
        self.refresh_chart()
        self.refresh_status()
        self.refresh_method_note()

    def refresh_method_note(self) -> None:
        """Say «методика изменилась» under the table when its assessments were scored by different definitions
        of some KPIs (this year's and last year's, as the change column compares them)."""
        from maturity.usecases.method_changes import redefined_in_comparison
        from maturity.views.method_change_text import comparison_note

        f = self.model.shown_filter()
        generation = self._generation["method"] = self._generation.get("method", 0) + 1

        def done(redefined: Any) -> None:
            if generation == self._generation["method"]:
                note = comparison_note(self.profile, redefined)
                self.method_note.setText(note)
                self.method_note.setVisible(bool(note))

        self.runner.run(lambda: redefined_in_comparison(self.engine, f), done)

    def _load_columns(self, year: int) -> None:
        """The year's columns read off the UI thread; then filters and sorts use them, and the cards show."""
        generation = self._generation["columns"] = self._generation["columns"] + 1

        def done(frame: Any) -> None:
            if generation == self._generation["columns"]:
                self.model.use_columns(frame)
                self.refresh_summary()

        def work() -> Any:
            from maturity.collector import collector_paused, kept_out

            # read with the collector held off, then kept out of its passes for as long as the window shows it:
            # each full pass over 100 000 organizations' columns stopped the window (and every dialog) ~0.15 s
            with collector_paused():
                return kept_out(self.model.load_columns(year))

        self.runner.run(work, done)

    # ------------------------------------------------------------ cards

    def refresh_summary(self) -> None:
        """The cards, from the columns the table holds (milliseconds for 100 000 organizations); none until
        the year's columns are read."""
        f = self.model.filter
        frame = self.model.frame
        if f is not None and frame is not None and frame.year == f.year:
            self.show_summary(frame.summary(f))

    def show_summary(self, cards: Any) -> None:
        self.last_summary = cards
        self.assessed_card.value.setText(
            f"<span style='font-size:16pt; font-weight:600'>{cards.submitted} из {cards.expected}</span>"
            f"<br><span style='color:#555'>завершённых оценок за {cards.year} год</span>"
            + (
                f"<br><span style='color:#555'>из них уровня «{self.profile.level_label(filtered)}»: "
                f"{cards.assessed}</span>"
                if (filtered := self.model.filter.maturity_level if self.model.filter else None)
                else ""
            )
        )
        change = cards.index_change
        colour = (
            "#1b7a2f"
            if change is not None and change > 0
            else "#b00020"
            if change is not None and change < 0
            else "#555"
        )
        # the change over the organizations assessed in both years, and over how many
        since = (
            f"к {cards.year - 1} году: <span style='color:{colour}'>{format_change(change)}</span>"
            f" по {organizations_dative(cards.change.organizations)} в оба года"
            if change is not None
            else f"с {cards.year - 1} годом {NOTHING_TO_COMPARE}"
        )
        self.index_card.value.setText(
            f"<span style='font-size:16pt; font-weight:600'>{format_score(cards.average_index)}</span><br>{since}"
        )
        if cards.failed_norms:
            lines = "".join(
                f"<tr><td>{_escape(n.title)}</td><td align='right'>&nbsp;{n.count}</td></tr>"
                for n in cards.failed_norms[:3]
            )
            self.norms_card.value.setText(f"<table width='100%'>{lines}</table>")
            self.norms_card.value.setToolTip("\n".join(f"{n.title} — {n.count}" for n in cards.failed_norms))
        else:
            self.norms_card.value.setText("все нормативы выполнены")

    # ------------------------------------------------------------ table

    def selected_numbers(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def chart_rows(self, kind: str) -> list[Any]:
        """The organizations chosen in the table, or the table's first rows when none is."""
        from maturity.usecases.comparison_charts import MAX_HEATMAP_ROWS, UNCHOSEN_ROWS

        first = min(self.model.rowCount(), UNCHOSEN_ROWS.get(kind, MAX_HEATMAP_ROWS))
        return self.model.rows(self.selected_numbers() or list(range(first)))

    def _open_row(self, index: Any) -> None:
        org_id = self.model.data(index, ORGANIZATION_ID_ROLE)
        if org_id is not None:
            self.organization_opened.emit(org_id)

    def _selection_changed(self) -> None:
        self.refresh_chart()

    def open_learn_from(self) -> Any:
        """«У кого поучиться» for the one organization chosen in the table (the year of the filter)."""
        from ui.compare.learn_from_dialog import LearnFromDialog

        rows = self.model.rows(self.selected_numbers())
        if len(rows) != 1:
            self.count_label.setText("Выберите в таблице одну организацию")
            return None
        row, year = rows[0], self.model.shown_filter().year
        self.learn_from_dialog = LearnFromDialog(
            self.engine, self.profile, self.runner, row.organization_id, row.name, year, self
        )
        self.learn_from_dialog.resize(760, 420)
        self.learn_from_dialog.show()
        return self.learn_from_dialog

    # ------------------------------------------------------------ charts

    def refresh_chart(self) -> None:
        """Rebuild the chart shown (only while the charts tab is open), off the UI thread."""
        from maturity.usecases.comparison_charts import build_chart

        if self.tabs.currentIndex() != 1 or self.model.filter is None:
            return
        kind = self.chart_kind.currentData()
        selected = bool(self.selected_numbers())
        self.chart_hint.setText(self._hint(kind, selected))
        f, rows, scope = self.model.filter, self.chart_rows(kind), self.scope()
        of_total = len(self.selected_numbers()) or self.model.rowCount()  # what the first rows were taken from
        generation = self._generation["chart"] = self._generation["chart"] + 1

        def work() -> Any:
            return build_chart(self.engine, kind, f, rows, self.profile, scope, of_total)

        def done(figure: Any) -> None:
            if generation == self._generation["chart"] and shiboken6.isValid(self):  # not closed meanwhile
                self.chart_message.hide()
                self.chart.show()
                self.chart.set_figure(lambda: figure, self.runner)
                self.save_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            if generation != self._generation["chart"] or not shiboken6.isValid(self):
                return
            if isinstance(error, ValueError):  # nothing to draw: said in Russian by the core
                self.chart.hide()
                self.chart_message.setText(str(error)[:1].upper() + str(error)[1:] + ".")
                self.chart_message.show()
                self.save_button.setEnabled(False)
                return
            from ui.background import show_error

            show_error(self, error, "Диаграмма не построена")

        if not rows and kind in ("bars", "radar", "heatmap"):
            failed(ValueError("в таблице нет организаций: измените фильтр"))
            return
        self.runner.run(work, done, failed)

    def _hint(self, kind: str, selected: bool) -> str:
        if kind in ("levels", "group"):
            return "По всем организациям фильтра (завершённые оценки)."
        if kind == "years":
            return (
                "Выбрана одна организация: её индексы по годам."
                if len(self.selected_numbers()) == 1
                else "Средние по организациям фильтра; выберите одну строку — будет её динамика."
            )
        if selected:
            return "Организации, выбранные в таблице."
        return "Первые строки таблицы; выберите строки (Ctrl+щелчок), чтобы сравнить нужные."

    def save_chart(self, path: str) -> Any:
        from maturity.views.compare_charts import save_figure

        if self.chart.figure is None:
            return None
        return save_figure(self.chart.figure, path)

    def ask_save_chart(self) -> None:
        from maturity.errors import BadInput
        from ui.background import show_error

        kind = self.chart_kind.currentData()
        from ui.widgets.file_dialogs import ask_save_path

        path, chosen = ask_save_path(
            self,
            self.settings,
            "Сохранить диаграмму",
            f"сравнение-{kind}.png",
            "Рисунок PNG (*.png);;Рисунок SVG (*.svg)",
        )
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        try:
            self.save_chart(path)
        except (BadInput, OSError) as error:
            show_error(self, error, "Диаграмма не сохранена")

    # ------------------------------------------------------------ export

    def ask_export(self) -> None:
        f = self.model.filter
        if f is None:
            return
        from ui.widgets.file_dialogs import ask_save_path

        path, _ = ask_save_path(
            self, self.settings, "Сводный отчёт", f"сводный-отчёт-{f.year}.xlsx", "Книга Excel (*.xlsx)"
        )
        if path:
            self.export_table(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_table(self, path: str) -> None:
        """The consolidated report of the table's organizations (the same year and filter), off the UI thread,
        with a determinate progress bar (a step per organization's row on each sheet) and «Отмена»."""
        from ui.background import show_error

        f, ids = self.model.shown_filter(), self.model.id_list()
        with_respondents = self.with_respondents.isChecked()
        narrowed = any((f.level, f.maturity_level, f.region, f.sector, f.text.strip(), f.min_evidence is not None))

        def work(progress: Progress) -> int:
            from sqlmodel import Session

            from maturity.storage.store import Store
            from maturity.usecases.report_source import export_report

            def report(done: int, total: int, text: str) -> None:
                progress(done, total, text)
                if progress.cancelled:  # the report is written whole or not at all: stopping loses nothing
                    raise ExportCancelled

            with Session(self.engine) as session:
                store = Store(session)
                parent = store.get_organization(f.parent_id) if f.parent_id is not None else None
                # the table's ids when a filter narrowed them; else the group (or everyone) says the same — and
                # then the report also knows whom it expects («X из Y» on «Итоги»)
                return export_report(
                    store,
                    f.year,
                    path,
                    parent,
                    organization_ids=ids if narrowed else None,
                    with_respondents=with_respondents,
                    progress=report,
                )

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.count_label.setText(f"Сводный отчёт сохранён: {path} (организаций: {count})")

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            if isinstance(error, ExportCancelled):
                self.count_label.setText("Экспорт отменён: файл отчёта не записан")
                return
            show_error(self, error, "Отчёт не сохранён")

        self.export_button.setEnabled(False)  # one report at a time
        self.runner.run_with_progress(work, done, failed, title="Сводный отчёт")

    # ------------------------------------------------------------ who has submitted

    def _build_status_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.only_missing = QCheckBox("только не сдали", page)
        self.only_missing.setToolTip("Организации без завершённой оценки за год: нет оценки или черновик")
        self.only_missing.setChecked(True)
        self.only_missing.toggled.connect(lambda _on: self.show_status(self.last_status))
        self.status_label = QLabel(page)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_export = QPushButton("Экспорт списка…", page)
        self.status_export.setToolTip("Список не сдавших в книгу Excel — для напоминаний")
        self.status_export.clicked.connect(self.ask_export_status)
        self.review_filter = QComboBox(page)
        self.review_filter.setObjectName("review-filter")
        for text, state in REVIEW_FILTERS:
            self.review_filter.addItem(text, state)
        self.review_filter.currentIndexChanged.connect(lambda _i: self.show_status(self.last_status))
        bar.addWidget(self.only_missing)
        bar.addWidget(self.review_filter)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.status_export)
        layout.addLayout(bar)
        decisions = QHBoxLayout()
        self.accept_button = QPushButton("Принять", page)
        self.accept_button.setObjectName("review-accept")
        self.accept_button.setToolTip("Принять выбранные оценки: они становятся официальными и не меняются")
        self.accept_button.clicked.connect(lambda: self.decide_selected("accept"))
        self.return_button = QPushButton("Вернуть на доработку…", page)
        self.return_button.setObjectName("review-return")
        self.return_button.clicked.connect(lambda: self.ask_return())
        self.reopen_button = QPushButton("Снять приёмку", page)
        self.reopen_button.setObjectName("review-reopen")
        self.reopen_button.clicked.connect(lambda: self.decide_selected("reopen"))
        self.check_button = QPushButton("Проверить необычное", page)
        self.check_button.setObjectName("review-check")
        self.check_button.setToolTip(
            "Значения далеко от организаций того же уровня и численности, рост больше чем в пять раз, "
            "число больше численности членов профсоюза"
        )
        self.check_button.clicked.connect(self.check_unusual)
        for button in (self.accept_button, self.return_button, self.reopen_button, self.check_button):
            decisions.addWidget(button)
        decisions.addStretch(1)
        layout.addLayout(decisions)
        self.status_model = SubmissionModel(self.profile, page)
        self.status_table = QTableView(page)
        self.status_table.setObjectName("status-table")
        self.status_table.setModel(self.status_model)
        self.status_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.status_table.verticalHeader().hide()
        self.status_table.verticalHeader().setDefaultSectionSize(22)
        self.status_table.setWordWrap(False)
        self.status_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.status_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the end of a name tells it apart
        for column, width in enumerate((400, 80, 330, 100, 170, 90)):
            self.status_table.horizontalHeader().resizeSection(column, width)
        layout.addWidget(self.status_table, 1)
        self.unusual_view = QLabel(page)  # what «Проверить необычное» found, per assessment
        self.unusual_view.setObjectName("unusual-list")
        self.unusual_view.setWordWrap(True)
        self.unusual_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unusual_view.hide()
        layout.addWidget(self.unusual_view)
        self.last_status: Any = None
        return page

    # ------------------------------------------------------------ review decisions

    def selected_submissions(self) -> list[Any]:
        rows = sorted({index.row() for index in self.status_table.selectionModel().selectedRows()})
        return [self.status_model.rows[r] for r in rows]

    def _decide(
        self, action: str, rows: list[Any], comment: str = "", questions: dict[str, str] | None = None
    ) -> list[str]:
        """Each decision in its own transaction; the refusals' sentences (the others are done)."""
        from sqlmodel import Session

        from maturity.errors import BadInput
        from maturity.storage.store import Store
        from maturity.usecases.review import decide

        year = self.model.shown_filter().year
        refused = []
        with Session(self.engine, expire_on_commit=False) as session:
            store = Store(session)
            for row in rows:
                try:
                    org = store.find_organization(row.organization_id)
                    decide(store, org, year, action, comment, questions)
                except BadInput as error:
                    refused.append(str(error))
        return refused

    def _nothing_chosen(self) -> None:
        text = "Выберите строки организаций, у которых есть оценка за год"
        (self.status_label if self.tabs.currentIndex() == STATUS_TAB else self.count_label).setText(text)

    def table_submissions(self) -> list[Any]:
        """The organizations chosen in the table as «Кто сдал» rows of the year (their review state with them)."""
        from maturity.storage.submissions import submissions

        chosen = {row.organization_id for row in self.model.rows(self.selected_numbers())}
        if not chosen:
            return []
        return [r for r in submissions(self.engine, self.model.shown_filter().year) if r.id in chosen]

    def decide_selected(self, action: str, chosen: list[Any] | None = None) -> None:
        rows = [r for r in (self.selected_submissions() if chosen is None else chosen) if r.review is not None]
        if not rows:
            self._nothing_chosen()
            return
        self._after_decisions(self._decide(action, rows))

    def ask_return(self, chosen: list[Any] | None = None) -> None:
        from ui.dialogs.review_return import ReturnDialog

        rows = [r for r in (self.selected_submissions() if chosen is None else chosen) if r.review is not None]
        if not rows:
            self._nothing_chosen()
            return
        year = self.model.shown_filter().year
        dialog = ReturnDialog(self.profile, [r.name for r in rows], year, self)
        self.return_dialog = dialog
        if dialog.exec() != ReturnDialog.DialogCode.Accepted:
            return
        refused = self._decide("return", rows, dialog.comment(), dialog.questions())
        if dialog.write_file.isChecked():
            folder = self.ask_return_folder()
            if folder:
                refused += self.write_return_files(folder, rows, year)
        self._after_decisions(refused)

    def ask_return_folder(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        from ui.widgets.file_dialogs import last_folder

        return QFileDialog.getExistingDirectory(self, "Папка для файлов председателям", last_folder(self.settings))

    def write_return_files(self, folder: str, rows: list[Any], year: int) -> list[str]:
        """Each returned assessment as a JSON file with its comments, named for its organization."""
        from pathlib import Path

        from sqlmodel import Session

        from maturity.errors import BadInput
        from maturity.exchange.assessment_json import write_assessment_json
        from maturity.storage.store import Store
        from maturity.usecases.documents import assessment_document
        from maturity.usecases.review import return_file_name

        problems, written = [], []
        with Session(self.engine, expire_on_commit=False) as session:
            store = Store(session)
            for row in rows:
                path = Path(folder) / return_file_name(row.name, year)
                try:
                    document = assessment_document(store, store.find_organization(row.organization_id), year)
                    if document.review is None or document.review.get("state") != "returned":
                        continue
                    write_assessment_json(document, path)
                    written.append(path)
                except BadInput as error:
                    problems.append(str(error))
        self.written_files = written
        return problems

    def _after_decisions(self, refused: list[str]) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.refresh_status()
        self.refresh_journal()
        if refused:
            QMessageBox.warning(self, "Не всё сделано", "\n".join(refused[:10]))

    def open_contest(self) -> None:
        """«Смотр-конкурс…»: the contest of the year and the group chosen in the filters, in its own window."""
        from ui.contest.window import ContestWindow
        from ui.widgets.screen import fit_to_screen

        year = self.year.currentData()
        if year is None:
            self.count_label.setText("В базе нет оценок: конкурсу не из кого выбирать.")
            return
        window = ContestWindow(self.engine, self.runner, year, self.parent_filter.currentData(), self.scope(), self)
        window.settings = self.settings
        fit_to_screen(window, 1150, 720)
        window.show()
        self.contest_window = window

    def check_unusual(self) -> None:
        """«Проверить необычное»: the year's unusual values of the filter's group, listed under the table."""
        from sqlmodel import Session

        from maturity.storage.store import Store
        from maturity.usecases.unusual import check_text, unusual_values

        f = self.model.shown_filter()
        year, parent_id = f.year, f.parent_id

        def work() -> str:
            with Session(self.engine) as session:
                store = Store(session)
                parent = store.get_organization(parent_id) if parent_id is not None else None
                return check_text(year, unusual_values(store, year, parent))

        def done(text: str) -> None:
            self.unusual_view.setText(text)
            self.unusual_view.show()

        self.runner.run(work, done, busy_text="Проверяю необычные значения…")

    # ------------------------------------------------------------ the journal

    def _build_journal_page(self) -> QWidget:
        from ui.compare.journal_model import JournalModel

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.journal_label = QLabel(page)
        layout.addWidget(self.journal_label)
        self.journal_model = JournalModel(page)
        self.journal_table = QTableView(page)
        self.journal_table.setObjectName("journal-table")
        self.journal_table.setModel(self.journal_model)
        self.journal_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.journal_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.journal_table.verticalHeader().hide()
        self.journal_table.verticalHeader().setDefaultSectionSize(22)
        self.journal_table.setWordWrap(False)
        for column, width in enumerate((150, 110, 235, 265, 45, 130, 420)):  # «целевые показатели утверждены»
            self.journal_table.horizontalHeader().resizeSection(column, width)
        self.journal_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.journal_table, 1)
        return page

    def refresh_journal(self) -> None:
        """The journal of the filter's year (and the entries of no year: method installs, merges)."""
        from maturity.storage.journal import journal_rows

        f = self.model.filter
        if f is None or self.tabs.currentIndex() != JOURNAL_TAB:
            return
        year = f.year

        def work() -> Any:
            with self.engine.connect() as connection:
                return journal_rows(connection, None, year, with_yearless=True)

        def done(entries: Any) -> None:
            self.journal_model.set_entries(entries)
            self.journal_label.setText(
                f"Журнал изменений за {year} год: записей {len(entries)}. Записи журнала не меняются и не удаляются."
            )

        self.runner.run(work, done)

    def status_scope(self) -> Any:
        """The organizations of the filter (the parent itself included, as ``maturity status --parent``)."""
        from maturity.storage.submissions import Scope

        f = self.model.shown_filter()
        return Scope(f.parent_id, f.level, f.region, f.sector, f.text)

    def _tab_changed(self) -> None:
        self.refresh_chart()
        if self._status_stale:
            self.refresh_status()
        self.refresh_journal()

    def refresh_status(self) -> None:
        """Who has submitted, read while its tab is shown (else when it is next opened)."""
        from maturity.storage.submissions import submissions

        f = self.model.filter
        if f is None:
            return
        self._status_stale = self.tabs.currentIndex() != STATUS_TAB
        if self._status_stale:
            return
        scope, year = self.status_scope(), f.year
        generation = self._generation["status"] = self._generation["status"] + 1

        def done(rows: Any) -> None:
            if generation == self._generation["status"]:
                self.show_status((year, rows))

        self.runner.run(lambda: submissions(self.engine, year, scope), done)

    def show_status(self, status: Any) -> None:
        from maturity.storage.submissions import totals
        from maturity.usecases.submission_status import NOT_SUBMITTED

        self.last_status = status
        if status is None:
            return
        year, rows = status
        counted = totals(rows)
        shown = [r for r in rows if r.state in NOT_SUBMITTED] if self.only_missing.isChecked() else rows
        review = self.review_filter.currentData()
        if review is not None:
            shown = [r for r in shown if r.review == review]
        self.status_model.set_rows(shown, year)
        self.status_label.setText(
            f"<b>Сдали {counted.submitted}, принято {counted.accepted}</b> за {year} год; черновиков: {counted.draft}, "
            f"нет оценки: {counted.missing} <span style='color:#555'>(заготовки не считаются)</span>"
        )
        self.status_export.setEnabled(counted.draft + counted.missing > 0)

    def ask_export_status(self) -> None:
        f = self.model.filter
        if f is None:
            return
        from ui.widgets.file_dialogs import ask_save_path

        path, _ = ask_save_path(
            self, self.settings, "Список не сдавших", f"не-сдали-{f.year}.xlsx", "Книга Excel (*.xlsx)"
        )
        if path:
            self.export_status(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_status(self, path: str) -> None:
        """The organizations of the filter without a complete assessment, to a workbook, off the UI thread."""
        from maturity.usecases.submission_status import export_not_submitted
        from ui.background import show_error

        f, scope, name = self.model.shown_filter(), self.status_scope(), self.scope()

        def work() -> int:
            return export_not_submitted(self.engine, self.profile, f.year, path, scope, name)

        def done(count: int) -> None:
            self.status_label.setText(f"Список не сдавших сохранён: {path} (организаций: {count})")

        self.runner.run(
            work, done, lambda error: show_error(self, error, "Список не сохранён"), busy_text="Записываю список…"
        )


def sector_choices(profile: Profile, stored: list[str]) -> list[str]:
    """The sector filter's list: the profile's list of sectors, then the other sectors stored (typed under
    «другое», or given before the list existed), as they were, in natural order."""
    from maturity.views.natural_order import natural_key

    listed = profile.sector_choices
    others = sorted(set(stored) - set(listed), key=natural_key)
    return [*listed, *others]


class ExportCancelled(Exception):
    """«Отмена» pressed while the report was being written (nothing is written)."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
