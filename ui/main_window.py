"""The main window: the organization's card, its assessments by year, and what to do with them.

Layout and wiring only: what a button does is a command of :mod:`ui.actions` (one module per
action), given the app's :class:`~ui.actions.context.AppContext`; the window shows what the
actions announce (``context.events``) and what the store returns, and keeps no domain data.

The window is built from Qt alone, so it paints at once; the database (migrations), the method
and everything heavy are opened by :meth:`MainWindow.open_database`, which the app calls after
the first paint.
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.passport import ACTION_TEXT as PASSPORT_ACTION_TEXT
from ui.passport import ACTION_TIP as PASSPORT_ACTION_TIP

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from maturity.method.profile import Profile
    from maturity.storage.models import Organization
    from maturity.storage.store import Store
    from ui.actions.context import AppContext
    from ui.background import Runner
    from ui.compare.window import CompareWindow
    from ui.drafts import ResumeMarks
    from ui.import_dialog import ImportDialog
    from ui.models.assessments import AssessmentRow
    from ui.wizard.wizard import AssessmentWizard

APP_TITLE = "Цифровая зрелость"
UI_STATE_VARIABLE = "MATURITY_UI_STATE"


class ResumeBanner(QFrame):
    """«Есть незавершённая оценка… [Продолжить]» — offered after a start, never forced."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resume-banner")
        self.setStyleSheet("#resume-banner { background: #fff4d6; border: 1px solid #e0c070; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.continue_button = QPushButton("Продолжить заполнение", self)
        self.dismiss_button = QPushButton("Позже", self)
        self.dismiss_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.dismiss_button)
        self.hide()


class MainWindow(QMainWindow):
    """The frame (title, toolbar, status bar) is built at once; its content (the card, the history) by
    :meth:`build_content` — in the constructor, or, when the app starts (``content_later``), right after the
    first paint: the content needs Qt's enumerations (Qt namespace, item views), whose first use costs
    as much as a bare window's whole start."""

    def __init__(
        self,
        database_url: str | None = None,
        settings: QSettings | None = None,
        runner: Runner | None = None,
        *,
        content_later: bool = False,
    ):
        super().__init__()
        self.database_url = database_url
        self.settings = settings
        self._runner = runner
        self.context: AppContext | None = None  # made when the database is open
        self.organization: Organization | None = None
        self._draft_spans: dict[int, tuple[float, float]] = {}  # a draft year → its index range, for the chart
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")

        toolbar = self.toolbar = QToolBar("Действия", self)
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)  # the actions have no icons: their text shows in any button style
        self.addToolBar(toolbar)
        self.new_action = QAction("Новая оценка", self)
        self.new_action.setShortcut("Ctrl+N")
        self.continue_action = QAction("Продолжить", self)
        self.open_action = QAction("Открыть", self)
        self.open_action.setShortcut("Ctrl+O")
        self.export_action = QAction("Экспорт в Excel", self)
        self.passport_action = QAction(PASSPORT_ACTION_TEXT, self)
        self.passport_action.setToolTip(PASSPORT_ACTION_TIP)
        self.compare_action = QAction("Сравнение организаций", self)
        self.import_action = QAction("Загрузить файлы…", self)
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.setToolTip("Загрузить оценки из файлов .json и книг Excel (или перетащите их в окно)")
        self.compare_window: CompareWindow | None = None
        self.import_dialog: ImportDialog | None = None
        for action in (
            self.new_action,
            self.continue_action,
            self.open_action,
            self.export_action,
            self.passport_action,
            self.compare_action,
            self.import_action,
        ):
            toolbar.addAction(action)
            action.setEnabled(False)
        self.compare_action.triggered.connect(self.open_comparison)
        self.new_action.triggered.connect(self.ask_new_assessment)
        self.continue_action.triggered.connect(self.continue_selected)
        self.open_action.triggered.connect(self.open_selected)
        self.export_action.triggered.connect(self.export_selected)
        self.passport_action.triggered.connect(self.print_passport_selected)
        self.import_action.triggered.connect(lambda: self.open_import())
        self.profile_editor: QWidget | None = None
        method_menu = self.menuBar().addMenu("Методика")
        self.profile_editor_action = method_menu.addAction("Редактор методики…")
        self.profile_editor_action.setToolTip("Изменить цели, веса и формулировки методики и выпустить новую версию")
        self.profile_editor_action.triggered.connect(lambda: self.open_profile_editor())
        self.export_action.setToolTip("Сохранить оценку в книгу Excel для отправки в вышестоящую организацию")
        self.statusBar().showMessage("Открываю базу данных…")
        self.content_built = False
        if not content_later:
            self.build_content()

    def build_content(self) -> None:
        """The organization's card and its assessments by year (once)."""
        if self.content_built:
            return
        self.content_built = True
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView

        from ui.models.assessments import AssessmentsModel
        from ui.org_card import OrganizationCard

        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        central = QWidget(self)
        column = QVBoxLayout(central)
        self.banner = ResumeBanner(central)
        self.banner.continue_button.clicked.connect(lambda: self.resume_last())
        column.addWidget(self.banner)

        self.org_selector = QComboBox(central)
        self.org_selector.setObjectName("organization-selector")
        self.org_selector.currentIndexChanged.connect(self._selector_changed)
        selector_row = QHBoxLayout()
        self.org_selector_label = QLabel("Организация:", central)
        selector_row.addWidget(self.org_selector_label)
        selector_row.addWidget(self.org_selector, 1)
        column.addLayout(selector_row)

        self.first_run = QLabel(
            "Добро пожаловать! Чтобы начать, заполните карточку своей организации и нажмите «Создать организацию».",
            central,
        )
        self.first_run.setObjectName("first-run")
        self.first_run.setWordWrap(True)
        self.first_run.setStyleSheet("font-size: 12pt;")
        self.first_run.hide()
        column.addWidget(self.first_run)
        self.demo_button = QPushButton("Загрузить демонстрационные данные", central)
        self.demo_button.setToolTip("Заполнить пустую базу примером: федерация и её организации за три года")
        self.demo_button.clicked.connect(self.load_demo)
        self.demo_button.hide()
        self.first_import_button = QPushButton("Загрузить файлы оценок…", central)
        self.first_import_button.setToolTip(
            "Оценки организаций из файлов .json и книг Excel (можно и перетащить их в окно)"
        )
        self.first_import_button.clicked.connect(lambda: self.open_import())
        self.first_import_button.hide()
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.first_import_button)
        demo_row.addStretch(1)
        column.addLayout(demo_row)

        self.card = OrganizationCard(central)
        self.card.submitted.connect(self.save_organization)
        column.addWidget(self.card)
        history = self.history = QWidget(central)
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.history_title = QLabel("<b>Оценки по годам</b>", history)
        history_layout.addWidget(self.history_title)
        self.assessments = AssessmentsModel(self)
        self.table = QTableView(history)
        self.table.setObjectName("assessments")
        self.table.setModel(self.assessments)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        # the selected assessment's less frequent actions: a context menu of the table
        self.rescore_action = QAction("Пересчитать по новой версии методики…", self)
        self.rescore_action.setEnabled(False)
        self.rescore_action.triggered.connect(self.rescore_selected)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.rescore_action)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        from ui.chart_view import ChartView

        beside = QHBoxLayout()
        beside.addWidget(self.table, 3)
        self.years_chart = ChartView(history)
        self.years_chart.setObjectName("years-chart")
        self.years_chart.setMinimumSize(360, 240)
        self.years_chart.hide()
        beside.addWidget(self.years_chart, 2)
        history_layout.addLayout(beside, 1)
        self.empty_history = QLabel("Оценок пока нет. Нажмите «Новая оценка».", history)
        self.empty_history.setStyleSheet("color: #555555;")
        history_layout.addWidget(self.empty_history)
        column.addWidget(history, 1)
        column.addStretch(0)  # takes the free space while the history is hidden (first run)
        self.setCentralWidget(central)
        self.card.setEnabled(False)
        self.org_selector_label.hide()
        self.org_selector.hide()
        from ui.file_drops import FileDrops

        FileDrops(self, self._files_dropped)

    # ------------------------------------------------------------ the context (after the first paint)

    @property
    def runner(self) -> Runner:
        """The background-work helper (built when first needed: it is not needed to paint)."""
        if self.context is not None:
            return self.context.runner
        if self._runner is None:
            from ui.background import ThreadRunner

            self._runner = ThreadRunner(self)
        return self._runner

    @property
    def store(self) -> Store | None:
        return self.context.store if self.context is not None else None

    @property
    def default_profile(self) -> Profile | None:
        return self.context.default_profile if self.context is not None else None

    @property
    def marks(self) -> ResumeMarks | None:
        return self.context.marks if self.context is not None else None

    @property
    def wizard(self) -> AssessmentWizard | None:
        return self.context.wizard if self.context is not None else None

    def open_database(self) -> None:
        """Open (and migrate) the database and load the method off the UI thread, then show them."""
        self.build_content()
        from ui.actions.database import OpenDatabase

        def failed(error: BaseException) -> None:
            from ui.background import show_error

            self.statusBar().showMessage("База данных не открыта")
            show_error(self, error, "База данных не открыта")

        settings = self.settings or _default_settings()
        OpenDatabase(self.database_url, self.runner, settings, lambda: self, self._database_opened, failed).do()

    def _database_opened(self, context: AppContext) -> None:
        self.context = context
        events = context.events
        events.written.connect(self.after_write)
        events.organization_wanted.connect(self._show_wanted)
        events.year_wanted.connect(self.select_year)
        events.message.connect(self.statusBar().showMessage)
        events.wizard_opened.connect(self._wizard_opened)
        profile = context.default_profile
        self.card.set_levels([(lvl.id, lvl.label) for lvl in profile.data.organization_levels])
        self.card.set_sectors(profile.sector_choices)
        self.card.setEnabled(True)
        self.new_action.setEnabled(True)
        self._show_database(context.database_url)
        self.refresh(self._organization_to_show())
        self.offer_resume()

    def _show_database(self, url: str) -> None:
        """A chair's own database goes unnamed (its address is in the status bar's tooltip); another is named."""
        from maturity.storage.database import default_database_url

        shown = _short_url(url)
        self.statusBar().setToolTip(f"База данных: {shown}")
        if url == default_database_url():
            self.statusBar().showMessage("Готово к работе.", 5000)
        else:
            self.statusBar().showMessage(f"База данных: {shown}", 8000)

    def _organization_to_show(self) -> int | None:
        mark = self.marks.last()
        org = self.store.organization_by_uid(mark.organization_uid) if mark is not None else None
        return org.id if org is not None else None

    # ------------------------------------------------------------ showing the store

    def organizations(self) -> list[Any]:
        return [o for o in self.store.list_organizations() if not o.placeholder]

    def refresh(self, organization_id: int | None = None) -> None:
        if organization_id is None and self.organization is not None:
            organization_id = self.organization.id
        self.context.reread()
        orgs = self.organizations()
        with _blocked(self.org_selector):
            self.org_selector.clear()
            for org in orgs:
                self.org_selector.addItem(org.name, org.id)
        many = len(orgs) > 1
        self.org_selector.setVisible(many)
        self.org_selector_label.setVisible(many)
        if not orgs:
            self.organization = None
            self.first_run.show()
            self.demo_button.show()
            self.first_import_button.show()
            self.card.show_organization(None)
            self.card.set_parents([])
            self.card.name.setFocus()
            self.assessments.set_rows([])
            self.history.hide()
            self._update_actions()
            return
        self.first_run.hide()
        self.demo_button.hide()
        self.first_import_button.hide()
        self.history.show()
        chosen = next((o for o in orgs if o.id == organization_id), orgs[0])
        with _blocked(self.org_selector):
            self.org_selector.setCurrentIndex(self.org_selector.findData(chosen.id))
        self.show_organization(chosen)

    def show_organization(self, org: Organization) -> None:
        from maturity.storage.queries import assessment_lines
        from ui.models.assessments import AssessmentRow

        self.organization = org
        self.card.set_parents([(o.id, o.name) for o in self.store.list_organizations() if o.id != org.id])
        self.card.show_organization(org)
        self.history_title.setText(f"<b>Оценки по годам</b> — {_escape(org.name)}")
        from maturity.usecases.draft_ranges import draft_ranges
        from maturity.views.draft_text import range_level_text, short_range_text

        level_label = self.default_profile.level_label
        lines = assessment_lines(self.store.session, org.id)
        ranges = draft_ranges(self.store, org.id) if any(line.status == "draft" for line in lines) else {}
        rows = [
            AssessmentRow(
                year=line.year,
                status=line.status,
                index=line.index,
                digital_index=line.digital_index,
                level_label=(
                    range_level_text(self.default_profile, ranges.get(line.year))
                    if line.year in ranges
                    else level_label(line.maturity_level)
                ),
                completeness=line.completeness,
                failed_norms=line.failed_norms,
                updated=_local_time(line.updated_at),
                index_range=short_range_text(ranges[line.year]) if line.year in ranges else "",
            )
            for line in lines
        ]
        self.assessments.set_rows(rows)
        self._draft_spans = {year: (span.low, span.high) for year, span in ranges.items() if span is not None}
        self._draw_years(org)
        self.empty_history.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._update_actions()

    def _draw_years(self, org: Organization) -> None:
        """The index and the KPIs over the organization's scored years (hidden before there are two)."""
        from maturity.storage.queries import organization_history
        from maturity.views.years_chart import years_chart

        history = organization_history(self.store.session, org.id)
        self.years_chart.setVisible(len(history) >= 2)
        if len(history) < 2:
            return
        from maturity.usecases.method_changes import redefined_by_year

        kpis = self.default_profile.kpis
        redefined = set().union(*redefined_by_year(self.store.session, history).values())
        self.years_chart.set_figure(
            years_chart(
                [h.year for h in history],
                [h.index for h in history],
                {_short(k.title, 30): [h.kpis.get(k.id) for h in history] for k in kpis},
                drafts=[h.status == "draft" for h in history],
                index_ranges=self._draft_spans,
                method_changed=[_short(k.title, 30) for k in kpis if k.id in redefined],
            )
        )

    def after_write(self, organization_id: int | None = None) -> None:
        """Show what was written (``organization_id`` when no organization is shown): this window
        and the comparison window, if open."""
        self.refresh(self.organization.id if self.organization is not None else organization_id)
        if self.compare_window is not None and self.compare_window.isVisible():
            self.compare_window.refresh_all()

    def _selector_changed(self, index: int) -> None:
        org_id = self.org_selector.itemData(index)
        if org_id is not None:
            self.show_organization(self.store.get_organization(org_id))

    def _show_wanted(self, organization_id: int) -> None:
        if self.organization is None or self.organization.id != organization_id:
            self.refresh(organization_id)

    def selected_row(self) -> AssessmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.assessments.row_at(rows[0].row()) if rows else None

    def select_year(self, year: int) -> None:
        row = self.assessments.row_of_year(year)
        if row is not None:
            self.table.selectRow(row)

    def _update_actions(self) -> None:
        ready = self.context is not None
        self.compare_action.setEnabled(ready and self.organization is not None)
        self.import_action.setEnabled(ready)
        row = self.selected_row()
        self.rescore_action.setEnabled(row is not None)  # the table's context menu
        self.new_action.setEnabled(ready and self.organization is not None)
        self.continue_action.setEnabled(row is not None and row.status == "draft")
        self.open_action.setEnabled(row is not None)
        self.export_action.setEnabled(row is not None)
        self.passport_action.setEnabled(row is not None)

    def open_comparison(self) -> CompareWindow:
        """The comparison of organizations and years (ui/compare); a double-clicked row comes back here."""
        from ui.app import fit_to_screen
        from ui.compare.window import CompareWindow

        if self.compare_window is None:
            from ui.file_drops import FileDrops

            self.compare_window = CompareWindow(self.context.engine, self.default_profile, self.runner, self)
            self.compare_window.organization_opened.connect(self._show_from_comparison)
            self.compare_window.settings = self.context.settings
            FileDrops(self.compare_window, self._files_dropped)
            fit_to_screen(self.compare_window, 1340, 740)
        else:
            self.compare_window.refresh_all()  # assessments may have changed meanwhile
        self.compare_window.show()
        self.compare_window.raise_()
        return self.compare_window

    def open_profile_editor(self) -> QWidget:
        """The profile editor (ui/profile_editor), one window, started from the profiles this database knows."""
        from ui.app import fit_to_screen
        from ui.profile_editor.sources import editor_source
        from ui.profile_editor.window import ProfileEditorWindow

        if self.profile_editor is None:
            self.profile_editor = ProfileEditorWindow(editor_source(self.context), self.settings, self)
            fit_to_screen(self.profile_editor, 1100, 720)
        self.profile_editor.show()
        self.profile_editor.raise_()
        return self.profile_editor

    def _show_from_comparison(self, organization_id: int) -> None:
        self.refresh(organization_id)
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------ the actions (ui/actions)

    def save_organization(self, fields: dict[str, Any]) -> None:
        from ui.actions.organization import SaveOrganization

        refused = SaveOrganization(self.context, self.organization, fields).do()
        if refused is not None:
            self.card.show_message(refused)
        else:
            self.card.show_message("Сохранено.", error=False)

    def load_demo(self) -> None:
        from ui.actions.demo import LoadDemo

        self.demo_button.setEnabled(False)
        LoadDemo(self.context, on_failed=lambda: self.demo_button.setEnabled(True)).do()

    def open_import(self, paths: list[str] | None = None) -> ImportDialog | None:
        """The import dialog, with ``paths`` already chosen if given."""
        from ui.actions.import_files import OpenImport

        if self.context is None:
            return None
        self.import_dialog = OpenImport(self.context, self.import_dialog, paths).do()
        return self.import_dialog

    def _files_dropped(self, paths: list[str]) -> None:
        self.open_import(paths)

    def ask_new_assessment(self) -> None:
        from ui.actions.new_assessment import NewAssessment

        if self.organization is not None:
            NewAssessment(self.context, self.organization).do()

    def start_assessment(self, year: int, profile_id: str | None = None) -> AssessmentWizard | None:
        from ui.actions.new_assessment import StartAssessment

        return StartAssessment(self.context, self.organization, year, profile_id).do()

    def rescore_selected(self) -> None:
        from ui.actions.rescore import RescoreAssessment

        row = self.selected_row()
        if row is not None:
            RescoreAssessment(self.context, self.organization, row.year).do()

    def continue_selected(self) -> AssessmentWizard | None:
        from ui.actions.open_assessment import ContinueAssessment

        row = self.selected_row()
        return ContinueAssessment(self.context, self.organization, row.year).do() if row is not None else None

    def open_selected(self) -> AssessmentWizard | None:
        from ui.actions.open_assessment import OpenAssessment

        row = self.selected_row()
        return OpenAssessment(self.context, self.organization, row.year).do() if row is not None else None

    def export_selected(self) -> None:
        from ui.actions.export_workbook import ExportWorkbook

        row = self.selected_row()
        if row is not None:
            ExportWorkbook(self.context, self.organization, row.year).do()

    def print_passport_selected(self) -> str | None:
        from ui.actions.print_passport import PrintPassport

        row = self.selected_row()
        return PrintPassport(self.context, self.organization, row.year).do() if row is not None else None

    def offer_resume(self) -> None:
        """After a start: offer the draft that was open last, at the section where it was left."""
        from ui.actions.resume import ResumeOffer

        text = ResumeOffer(self.context).do()
        if text is None:
            self.banner.hide()
            return
        self.banner.text.setText(text)
        self.banner.show()

    def resume_last(self) -> AssessmentWizard | None:
        from ui.actions.resume import ResumeLast

        self.banner.hide()
        return ResumeLast(self.context).do()

    def _wizard_opened(self, wizard: AssessmentWizard) -> None:
        self.banner.hide()
        self.refresh()
        self.select_year(wizard.session.year)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        """An open wizard is closed first: its closing writes what it had not written yet."""
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.close()
        super().closeEvent(event)


class _blocked:
    def __init__(self, widget: QWidget):
        self.widget = widget

    def __enter__(self) -> None:
        self.previous = self.widget.blockSignals(True)

    def __exit__(self, *exc: object) -> None:
        self.widget.blockSignals(self.previous)


def _default_settings() -> QSettings:
    """The app's own state (which draft was open where): MATURITY_UI_STATE names another file."""
    path = os.environ.get(UI_STATE_VARIABLE)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "maturity", "maturity")


def _short_url(url: str) -> str:
    return url.split("@")[-1] if "@" in url else url


def _local_time(value: Any) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone().strftime("%d.%m.%Y %H:%M")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
