"""The last page: what the answers add up to.

Every figure comes from the session's :class:`~maturity.engine.scoring.ScoreResult` — the object
``maturity score`` prints — and is only formatted here (:mod:`maturity.views.numbers`), never computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from maturity.engine.benchmark import Benchmark, PeerPosition, organization_peers
from maturity.engine.draft_range import IndexRange, index_range
from maturity.engine.session import AssessmentSession
from maturity.engine.year_change import EarlierYear, year_change
from maturity.errors import BadInput
from maturity.exchange.benchmark_json import check_benchmark_profile, read_benchmark_json
from maturity.views.charts import RadarLabels
from maturity.views.draft_text import RANGE_NOTE, range_level_text, range_text
from maturity.views.numbers import NOT_SCORED, format_gain, format_percent, format_score
from maturity.views.own_targets_text import step_targets
from maturity.views.peers_text import peer_text
from maturity.views.plan_text import quarter_label
from maturity.views.roadmap_labels import roadmap_subject
from maturity.views.score_text import NOT_APPLICABLE_NOTE, STATUS_LABELS
from maturity.views.year_change_text import (
    DRAFT_NOTE,
    digital_line,
    heading,
    index_line,
    kpi_rows,
    level_line,
    norm_lines,
)
from maturity.views.year_change_text import TITLE as CHANGE_TITLE
from ui.passport import ACTION_TEXT as PASSPORT_ACTION_TEXT
from ui.passport import ACTION_TIP as PASSPORT_ACTION_TIP
from ui.plan.panel import PlanPanel
from ui.plan.targets_tab import OwnTargetsTab
from ui.widgets.chart_view import ChartView
from ui.widgets.table_rows import Column, Row, RowsTableModel
from ui.wizard.kpi_breakdown import KpiBreakdownDialog
from ui.wizard.section_page import title_markup

if TYPE_CHECKING:
    from maturity.usecases.passport import Passport

STATUS_TONES = {"pass": "good", "fail": "bad", "n/a": "muted"}
# «Сохранить PNG…»: every KPI named in full outside the circle, the title above the top label
SAVED_RADAR_LABELS = RadarLabels(width=18, lines=6, size=7, outward=True, room_above=1.1, room_below=0.95)
SAVED_RADAR_SIZE = (6.4, 5.8)


REVIEW_STYLE = "background: #eef4fb; border: 1px solid #9fb8d6; border-radius: 4px; padding: 6px; color: #1d3557;"


PAGE_TITLE_NAME = 32  # characters of the organization's name in the page's radar title: one line at 400 pixels
CHART_MIN_HEIGHT = 180  # pixels: the radar still legible; 300 pushed the wizard's buttons off a 600-pixel screen


class BigFigure(QWidget):
    """A caption over a figure in large type."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 24, 0)
        layout.setSpacing(0)
        self.caption_text = caption
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color: #555555;")
        self.caption.setWordWrap(True)  # «Индекс информационной работы и цифровой зрелости» in two lines if need be
        self.value = QLabel("—", self)
        self.value.setStyleSheet("font-size: 22pt; font-weight: 600; color: #1f5fa8;")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set_text(self, text: str) -> None:
        self.value.setText(text)

    def set_provisional(self, provisional: bool) -> None:
        """«(предварительно)» after the caption, in amber, while the assessment is a draft."""
        self.caption.setText(f"{self.caption_text} ({DRAFT_NOTE})" if provisional else self.caption_text)
        self.caption.setStyleSheet("color: #8a5a00; font-weight: 600;" if provisional else "color: #555555;")


def _table(model: RowsTableModel, parent: QWidget, stretch_column: int, wrap: bool = True) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(wrap)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setStyleSheet("QTableView::item { padding: 3px 4px; }")
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch_column else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    if wrap:  # wrapped rows take the height their text needs at the width the columns get
        header.sectionResized.connect(lambda *_: view.resizeRowsToContents())
    return view


class ResultPage(QWizardPage):
    """Index, level and digital index; KPIs (table and radar), norms, road map, missing answers."""

    def __init__(
        self,
        session: AssessmentSession,
        previous: Mapping[str, float | None] | None = None,
        previous_year: int | None = None,
        parent: QWidget | None = None,
        earlier: EarlierYear | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.earlier = earlier
        self.settings = settings  # the app's: the folder a file was saved to last
        self.previous = previous
        self.previous_year = previous_year
        self.setObjectName("page:result")
        self.setTitle(title_markup("Результат оценки"))
        profile = session.profile

        self.index = BigFigure("Индекс информационной работы и цифровой зрелости", self)
        self.level = BigFigure("Уровень", self)
        self.digital = BigFigure("Индекс цифровой зрелости", self)
        figures = QHBoxLayout()
        # the figures share the row (the index's long caption the most): a caption wraps only when the row is
        # narrower than all three in one line (a 1024-pixel screen: a window 1 034 pixels wide before)
        for figure, stretch in ((self.index, 3), (self.level, 2), (self.digital, 2)):
            figures.addWidget(figure, stretch)
        self.passport_button = QPushButton(PASSPORT_ACTION_TEXT, self)
        self.passport_button.setObjectName("print-passport")
        self.passport_button.setToolTip(PASSPORT_ACTION_TIP)
        self.passport_button.clicked.connect(self.save_passport)
        figures.addWidget(self.passport_button, 0, Qt.AlignmentFlag.AlignTop)
        self.completeness = QLabel(self)
        self.completeness.setObjectName("completeness")
        self.completeness.setWordWrap(True)

        kpi_columns = [Column("Показатель"), Column("Балл", align_right=True)]
        if previous is not None:
            kpi_columns.append(Column(f"{previous_year} год" if previous_year else "Прошлый год", align_right=True))
        self.kpi_model = RowsTableModel(kpi_columns, parent=self)
        self.benchmark: Benchmark | None = None  # loaded by «Сравнить с другими…»
        self.benchmark_source = "обезличенный файл сравнения"  # said under the table beside the peers
        # on a shared database: the benchmark the federation published there (None: not published), taken
        # instead of asking for a file (set by ui.actions.wizard)
        self.published_benchmark: Callable[[], Benchmark | None] | None = None
        self.norm_model = RowsTableModel([Column("Норматив"), Column("Пояснение"), Column("Итог")], parent=self)
        self.roadmap_model = RowsTableModel(
            [
                Column("Квартал"),
                Column("Что сделать"),
                Column("Показатель"),
                Column("Прирост индекса", align_right=True),
            ],
            parent=self,
        )
        self.missing_model = RowsTableModel([Column("Раздел"), Column("Вопрос без ответа")], parent=self)

        self.tabs = QTabWidget(self)
        kpi_tab = QWidget(self.tabs)
        kpi_layout = QHBoxLayout(kpi_tab)
        self.kpi_view = _table(self.kpi_model, kpi_tab, stretch_column=0, wrap=False)
        kpi_column = QVBoxLayout()
        kpi_column.addWidget(self.kpi_view, 1)
        self.peers_note = QLabel(kpi_tab)
        self.peers_note.setObjectName("peers-note")
        self.peers_note.setWordWrap(True)
        self.peers_note.hide()
        kpi_column.addWidget(self.peers_note)
        self.breakdown_button = QPushButton("Из чего складывается балл…", kpi_tab)
        self.breakdown_button.setToolTip("Компоненты выбранного показателя: веса, ответы, значения и прирост индекса")
        self.breakdown_button.clicked.connect(lambda: self.open_breakdown(self.kpi_view.currentIndex().row()))
        kpi_column.addWidget(self.breakdown_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.kpi_view.doubleClicked.connect(lambda index: self.open_breakdown(index.row()))
        kpi_layout.addLayout(kpi_column, 5)
        chart_column = QVBoxLayout()
        self.chart = ChartView(kpi_tab)
        self.chart.setMinimumSize(380, CHART_MIN_HEIGHT)
        chart_column.addWidget(self.chart, 1)
        self.save_png_button = QPushButton("Сохранить PNG…", kpi_tab)
        self.save_png_button.setToolTip("Сохранить лепестковую диаграмму в файл PNG")
        self.save_png_button.clicked.connect(self._ask_and_save_png)
        chart_buttons = QHBoxLayout()
        chart_buttons.addStretch(1)
        self.peers_button = QPushButton("Сравнить с другими…", kpi_tab)
        self.peers_button.setObjectName("compare-peers")
        self.peers_button.setToolTip(
            "Загрузить файл сравнения (его делает территориальная организация командой maturity benchmark) "
            "и показать место организации среди организаций её уровня"
        )
        self.peers_button.clicked.connect(self._ask_and_load_benchmark)
        chart_buttons.addWidget(self.peers_button)
        chart_buttons.addWidget(self.save_png_button)
        chart_column.addLayout(chart_buttons)
        kpi_layout.addLayout(chart_column, 4)
        self.tabs.addTab(kpi_tab, "Показатели")
        norm_tab = QWidget(self.tabs)
        norm_layout = QVBoxLayout(norm_tab)
        norm_layout.setContentsMargins(0, 0, 0, 0)
        self.norm_view = _table(self.norm_model, norm_tab, stretch_column=1)
        norm_layout.addWidget(self.norm_view, 1)
        self.norm_legend = QLabel(NOT_APPLICABLE_NOTE, norm_tab)
        self.norm_legend.setObjectName("norm-legend")
        self.norm_legend.setWordWrap(True)
        self.norm_legend.setStyleSheet("color: #555555;")
        norm_layout.addWidget(self.norm_legend)
        self.tabs.addTab(norm_tab, "Нормативы")
        self.roadmap_view = _table(self.roadmap_model, self.tabs, stretch_column=1)
        self.tabs.addTab(self.roadmap_view, "Дорожная карта")
        self.missing_view = _table(self.missing_model, self.tabs, stretch_column=1)
        self.tabs.addTab(self.missing_view, "Без ответа")
        self._build_change_tab()

        self.plan_question = QWidget(self)  # «Отметьте, что выполнено из плана на 2026 год…» [Отметить…]
        self.plan_question.setObjectName("plan-question")
        question_row = QHBoxLayout(self.plan_question)
        question_row.setContentsMargins(0, 0, 0, 0)
        self.plan_question_text = QLabel(self.plan_question)
        self.plan_question_text.setWordWrap(True)
        self.plan_question_text.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.plan_question_button = QPushButton("Отметить…", self.plan_question)
        self.plan_question_button.setToolTip("Открыть вкладку «План»: статусы шагов плана прошлого года")
        self.plan_question_button.clicked.connect(self.show_plan_tab)
        question_row.addWidget(self.plan_question_text, 1)
        question_row.addWidget(self.plan_question_button)
        self.plan_question.hide()

        self.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, self._fit_rows))
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Backtab", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)  # the tabs, wherever the focus is on the page
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.next_tab(step))
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        self.review_note = QLabel(self)  # the higher body's comments on a returned assessment
        self.review_note.setObjectName("review-note")
        self.review_note.setWordWrap(True)
        self.review_note.setTextFormat(Qt.TextFormat.RichText)
        self.review_note.setStyleSheet(REVIEW_STYLE)
        self.review_note.hide()
        layout.addWidget(self.review_note)
        layout.addWidget(self.draft_mark)
        layout.addWidget(self.completeness)
        layout.addWidget(self.plan_question)
        layout.addWidget(self.tabs, 1)
        self.status = QLabel(self)
        self.status.setObjectName("save-status")
        layout.addWidget(self.status)
        self._profile = profile
        self.span: IndexRange | None = None  # a draft's index range (maturity.engine.draft_range)
        self.plan_panel: PlanPanel | None = None
        self.targets_tab: OwnTargetsTab | None = None
        self.breakdown: KpiBreakdownDialog | None = None

    def add_plan_panel(self, panel: PlanPanel) -> None:
        """The «План» tab: last year's plan to settle and the plan of the next year; above the tabs, the
        question about last year's plan while some of its steps have no end told."""
        self.plan_panel = panel
        self.tabs.insertTab(self.tabs.indexOf(self.roadmap_view) + 1, panel, "План")
        panel.review_changed.connect(self._show_plan_question)
        panel.refresh()
        self._show_plan_question()

    def add_targets(self, tab: OwnTargetsTab) -> None:
        """The «Целевые показатели» tab after «План»: this year's own targets met or not, and the next year's to
        approve."""
        self.targets_tab = tab
        after = self.plan_panel if self.plan_panel is not None else self.roadmap_view
        self.tabs.insertTab(self.tabs.indexOf(after) + 1, tab, "Целевые показатели")
        if tab.panel is not None:  # a plan step whose component has an approved target names it
            tab.panel.on_values = self._name_plan_targets
            self._name_plan_targets(tab.panel.model.values)
        tab.refresh()

    def _name_plan_targets(self, values: Mapping[str, float]) -> None:
        if self.plan_panel is not None:
            self.plan_panel.model.set_step_targets(step_targets(self._profile, values))

    def _show_plan_question(self) -> None:
        panel = self.plan_panel
        review = panel.review if panel is not None else None
        open_steps = len(review.open_steps) if review is not None else 0
        self.plan_question.setVisible(open_steps > 0)
        if review is not None and open_steps:
            self.plan_question_text.setText(
                f"Отметьте, что выполнено из плана на {review.year_before + 1} год: у {open_steps} из "
                f"{len(review.outcomes)} шагов итог ещё не указан."
            )

    def next_tab(self, step: int = 1) -> None:
        """The next (``step`` 1) or previous (−1) visible tab, round the end."""
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                return

    def show_plan_tab(self) -> None:
        if self.plan_panel is not None:
            self.tabs.setCurrentWidget(self.plan_panel)

    def open_breakdown(self, row: int) -> KpiBreakdownDialog | None:
        """The breakdown of the KPI in ``row`` of the table (the first when none is chosen)."""
        from maturity.engine.explain import explain

        explained = explain(self._profile, self.session.answers, self.session.score())
        kpi = explained[row if 0 <= row < len(explained) else 0]
        if self.breakdown is not None:
            self.breakdown.close()
        self.breakdown = KpiBreakdownDialog(self._profile, kpi, self.session.answers, self)
        self.breakdown.show()
        return self.breakdown

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        self.refresh()

    def refresh(self) -> None:
        profile, session = self._profile, self.session
        result = session.score()
        missing = session.missing_required()
        if missing:  # a draft: the range its index can still end in, its level only if the range fits one
            self.span = index_range(profile, session.answers)
            self.index.set_text(range_text(self.span))
            self.level.set_text(range_level_text(profile, self.span))
        else:
            self.span = None
            self.index.set_text(format_score(result.index))
            self.level.set_text(profile.level_label(result.level))
        self.digital.set_text(format_score(result.digital_index))

        percent = format_percent(result.completeness)
        if missing:
            self.completeness.setText(
                f"Оценка заполнена на {percent}; обязательных вопросов без ответа: {len(missing)} "
                f"(вкладка «Без ответа»). Её можно сохранить как черновик и дополнить позже; "
                f"показатели без нужных ответов не оцениваются."
            )
            self.completeness.setStyleSheet("color: #8a5a00;")
        else:
            self.completeness.setText(f"Оценка заполнена полностью ({percent}).")
            self.completeness.setStyleSheet("color: #1b7a2f;")

        kpi_rows = []
        for kpi in profile.kpis:
            cells = [f"{kpi.id.upper()}. {kpi.title}", format_score(result.kpis[kpi.id], NOT_SCORED)]
            if self.previous is not None:
                earlier = self.previous.get(kpi.id)
                cells.append(format_score(earlier, NOT_SCORED))
            kpi_rows.append(Row(tuple(cells), tone="muted" if result.kpis[kpi.id] is None else None))
        peers = self._peers(result)
        if peers is not None:
            kpi_rows = [
                Row((*row.cells, peer_text(peers.get(kpi.id))), row.tone)
                for row, kpi in zip(kpi_rows, profile.kpis, strict=True)
            ]
            if len(self.kpi_model.columns) == len(kpi_rows[0].cells) - 1:
                self.kpi_model.set_columns((*self.kpi_model.columns, Column("Среди других", align_right=True)))
                self.kpi_view.horizontalHeader().setSectionResizeMode(
                    len(self.kpi_model.columns) - 1, QHeaderView.ResizeMode.ResizeToContents
                )
        self.kpi_model.set_rows(kpi_rows)

        self.norm_model.set_rows(
            [
                Row(
                    (norm.title, result.norms[norm.id].reason, STATUS_LABELS[result.norms[norm.id].status]),
                    tone=STATUS_TONES[result.norms[norm.id].status],
                    tooltip=_norm_tooltip(norm.source, result.norms[norm.id].status),
                )
                for norm in profile.norms
            ]
        )
        next_year = session.year + 1
        self.roadmap_model.set_rows(
            [
                Row(
                    (
                        quarter_label(next_year, rec.quarter),
                        rec.text,
                        roadmap_subject(rec),
                        format_gain(rec.gain),
                    ),
                    tooltip=rec.title,
                )
                for rec in session.recommendations()
            ]
        )
        section_titles = {q.id: s.title for s in profile.sections for q in s.questions}
        self.missing_model.set_rows([Row((section_titles[q.id], q.text)) for q in missing])
        self.tabs.setTabVisible(self.missing_tab, bool(missing))
        self._show_level(result, bool(missing))
        self._show_change(result)
        for view in (self.norm_view, self.roadmap_view, self.missing_view):
            view.resizeRowsToContents()
        if self.plan_panel is not None:
            self.plan_panel.refresh()
        if self.targets_tab is not None:
            self.targets_tab.refresh()
        self._draw_chart()

    def _peers(self, result) -> dict[str, PeerPosition] | None:
        """Where the organization stands among the loaded benchmark's group of its level (None: no benchmark);
        the note under the table says whom it is compared with."""
        if self.benchmark is None:
            return None
        profile = self._profile
        level = profile.organization_fact(self.session.answers, "level")
        peers = organization_peers(self.benchmark, level, result)
        where = profile.organization_level_short(level) if level else "уровень не указан"
        if peers is None:
            self.peers_note.setText(
                f"В файле сравнения за {self.benchmark.year} год нет группы «{where}»: сравнивать не с кем."
            )
            peers = {}
        else:
            index = peers.get("index")
            standing = f"; индекс — {peer_text(index)}" if index is not None else ""
            self.peers_note.setText(
                f"Сравнение с организациями уровня «{where}» за {self.benchmark.year} год "
                f"({self.benchmark_source}){standing}. На диаграмме — их 25–75-й процентили."
            )
        self.peers_note.show()
        return peers

    def load_benchmark(self, path: str) -> None:
        """Read a benchmark file and show the organization among its peers; BadInput when it is refused."""
        from maturity.method.catalog import ProfileCatalog, profile_text_of

        # the file must name the assessment's own method (shipped or installed): that is the catalog it is read in
        benchmark = read_benchmark_json(path, ProfileCatalog([profile_text_of(self._profile)]))
        check_benchmark_profile(benchmark, self._profile)
        self.show_benchmark(benchmark, "обезличенный файл сравнения")

    def show_benchmark(self, benchmark: Benchmark, source: str) -> None:
        """Show the organization among ``benchmark``'s peers; ``source`` names where the benchmark came from."""
        self.benchmark, self.benchmark_source = benchmark, source
        self.refresh()

    def _ask_and_load_benchmark(self) -> None:
        """The benchmark the federation published in the shared database, when there is one for this year and
        method; otherwise a file chosen by the user."""
        try:
            published = self.published_benchmark() if self.published_benchmark is not None else None
        except BadInput as error:
            QMessageBox.warning(self, "Опубликованное сравнение не прочитано", str(error))
            published = None
        if published is not None:
            self.show_benchmark(published, "сравнение, опубликованное федерацией в общей базе")
            return
        from ui.widgets.file_dialogs import ask_open_paths

        paths = ask_open_paths(
            self, self.settings, "Файл сравнения с другими организациями", "Файл сравнения (*.json);;Все файлы (*)"
        )
        path = paths[0] if paths else ""
        if path:
            try:
                self.load_benchmark(path)
            except BadInput as error:
                QMessageBox.warning(self, "Файл сравнения не загружен", str(error))

    # ------------------------------------------------------------------ «предварительно», «Что изменилось»

    def _show_level(self, result, draft: bool) -> None:
        """A draft's index is a range and marked «предварительно»; its level too, unless the range fits one."""
        self.draft_mark.setVisible(draft)
        self.index.set_provisional(draft)
        self.level.set_provisional(draft and (self.span is None or self.span.level is None))

    @property
    def missing_tab(self) -> int:
        """The index of the «Без ответа» tab (tabs such as «План» may be inserted before it)."""
        return self.tabs.indexOf(self.missing_view)

    @property
    def change_tab(self) -> int:
        """The index of the «Что изменилось» tab."""
        return self.tabs.indexOf(self.change_widget)

    def _build_change_tab(self) -> None:
        self.draft_mark = QLabel(f"Итог {DRAFT_NOTE}: есть обязательные вопросы без ответа. {RANGE_NOTE}", self)
        self.draft_mark.setWordWrap(True)
        self.draft_mark.setObjectName("draft-mark")
        self.draft_mark.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.draft_mark.hide()
        change_tab = QWidget(self.tabs)
        layout = QVBoxLayout(change_tab)
        self.change_heading = QLabel(change_tab)
        self.change_heading.setStyleSheet("font-weight: 600; font-size: 11pt;")
        layout.addWidget(self.change_heading)
        self.change_text = QLabel(change_tab)
        self.change_text.setObjectName("change-summary")
        self.change_text.setWordWrap(True)
        self.change_text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.change_text)
        self.change_model = RowsTableModel(
            [Column("Показатель"), Column(self._year_title(self.earlier.year if self.earlier else None), align_right=True),
             Column(self._year_title(self.session.year), align_right=True), Column("Изменение", align_right=True)],
            parent=self,
        )  # fmt: skip
        self.change_view = _table(self.change_model, change_tab, stretch_column=0, wrap=False)
        layout.addWidget(self.change_view, 1)
        self.change_widget = change_tab
        self.tabs.addTab(change_tab, CHANGE_TITLE)
        self.tabs.setTabVisible(self.change_tab, self.earlier is not None)

    @staticmethod
    def _year_title(year: int | None) -> str:
        return f"{year} год" if year is not None else "Было"

    def _show_change(self, result) -> None:
        """Index, level, each KPI and the norms against the latest earlier year (the workbook shows the same)."""
        if self.earlier is None:
            return
        profile = self._profile
        change = year_change(profile, self.session.year, result, self.earlier)
        self.change = change
        self.change_heading.setText(heading(change))
        lines = [index_line(change), digital_line(change), level_line(profile, change), *norm_lines(profile, change)]
        self.change_text.setText("\n".join(lines))
        tones = {True: "good", False: "bad"}
        self.change_model.set_rows(
            [
                Row(cells, tone=None if k.change in (None, 0.0) else tones[k.change > 0])
                for k, cells in zip(change.kpis, kpi_rows(change), strict=True)
            ]
        )

    def _fit_rows(self) -> None:
        """Wrapped rows as tall as their text at the columns' present widths."""
        for view in (self.norm_view, self.roadmap_view, self.missing_view):
            view.resizeRowsToContents()
        if self.plan_panel is not None:
            self.plan_panel.fit_rows()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def _draw_chart(self) -> None:
        from maturity.views.charts import CODE_LABELS

        self.chart.set_figure(self.radar(CODE_LABELS, (5.2, 4.2), name_limit=PAGE_TITLE_NAME))

    def radar(self, labels, size: tuple[float, float], name_limit: int = 70):
        """This year's radar over the earlier year's (and a loaded benchmark's band). On the page the axes
        are «K1» … «K10» — the table beside it names them; a saved PNG names each KPI in full."""
        from maturity.views.charts import kpi_radar

        profile = self._profile
        result = self.session.score()
        previous_label = f"{self.previous_year} год" if self.previous_year else "Прошлый год"
        band = None
        if self.benchmark is not None:
            group = self.benchmark.group(profile.organization_fact(self.session.answers, "level"))
            if group is not None:
                band = {k: (s.at(25), s.at(75)) for k, s in group.kpis.items()}
        return kpi_radar(
            {k.id: k.title for k in profile.kpis},
            result.kpis,
            self.previous,
            current_label=f"{self.session.year} год",
            previous_label=previous_label,
            title=self._chart_title(name_limit),
            size=size,
            band=band,
            labels=labels,
        )

    def _organization_name(self) -> str:
        return self._profile.organization_fact(self.session.answers, "name") or ""

    def _chart_title(self, name_limit: int = 70) -> str:
        """«ППО школы № 7 — 2025 год»: a saved chart says whose and when (the page's, a shorter name: the window
        says it whole, and a title in three lines left the radar a dot on a 1024×600 screen)."""
        name = self._organization_name()
        name = name if len(name) <= name_limit else name[: name_limit - 1].rstrip() + "…"
        year = f"{self.session.year}\u00a0год"  # «2025 год» never split between lines
        return f"{name} — {year}" if name else year

    def passport(self) -> Passport:
        """The passport of what this page shows: the session's answers, the plan as the «План» tab has it
        (the chair's edits included), last year's plan results, the earlier year, a loaded benchmark."""
        from maturity.usecases.passport import passport_content

        profile, session = self._profile, self.session
        result = session.score()
        panel = self.plan_panel
        review = None
        if panel is not None and panel.last_year is not None:
            review = panel.last_year.review(profile, result, session.year)
        return passport_content(
            profile,
            session.year,
            session.answers,
            result,
            organization_name=self._organization_name(),
            draft=bool(session.missing_required()),
            earlier=self.earlier,
            plan=list(panel.model.steps) if panel is not None else None,
            plan_saved=panel.saved if panel is not None else False,
            review=review,
            benchmark=self.benchmark,
            own_targets=self.targets_tab.results if self.targets_tab is not None else None,
            plan_targets=self._plan_targets(),
            notes=session.notes,
            merge=session.merge,
        )

    def _plan_targets(self) -> dict[str, float] | None:
        """The values approved for the plan's year, as the «Целевые показатели» tab has them."""
        tab = self.targets_tab
        return dict(tab.panel.model.values) if tab is not None and tab.panel is not None else None

    def save_passport(self) -> str | None:
        """«Печать / PDF…»: the passport into a PDF file the chair chooses; the path (None: not written)."""
        from ui.passport.save import save_passport

        path = save_passport(self, self.settings, self.passport())
        if path:
            self.status.setStyleSheet("color: #777777;")
            self.status.setText(f"Паспорт сохранён: {path}")
        return path

    def _ask_and_save_png(self) -> None:
        from ui.widgets.file_dialogs import ask_save_path, proposed_name

        name = proposed_name("диаграмма", self.session.year, self._organization_name(), ".png")
        path, _ = ask_save_path(self, self.settings, "Сохранить диаграмму", name, "Изображение PNG (*.png)")
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            try:  # the saved picture names every KPI in full, outside the circle (as the passport does)
                self.chart.save_png(
                    path, figure=self.radar(RadarLabels(width=18, lines=6, size=7, outward=True), (6.4, 5.0))
                )
            except BadInput as error:  # a folder, a device, a full disk: the reason, and nothing lost
                QMessageBox.warning(self, "Диаграмма не сохранена", str(error))

    def show_review(self, comment: str, questions: Mapping[str, str]) -> None:
        """«Возвращена на доработку»: the general comment and each question's comment beside its text."""
        from html import escape

        lines = ["<b>Оценка возвращена на доработку.</b>"]
        if comment:
            lines.append(escape(comment).replace("\n", "<br>"))
        for qid, text in questions.items():
            question = self.session.profile.questions.get(qid)
            asked = escape(question.text) if question is not None else escape(qid)
            lines.append(f"• <i>{asked}</i> — {escape(text)}")
        self.review_note.setText("<br>".join(lines))
        self.review_note.show()


def _norm_tooltip(source: str, status: str) -> str | None:
    """The norm's source; for «н/п» also what it means."""
    parts = [NOT_APPLICABLE_NOTE] if status == "n/a" else []
    parts += [source] if source else []
    return "\n".join(parts) or None
