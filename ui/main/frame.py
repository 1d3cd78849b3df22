"""The main window's frame and widgets: the toolbar, the organization's card, its assessments by year.

Layout only: the frame (title, toolbar, status bar) and the widgets (the card, the history). What they
show and do comes from :class:`~ui.main.organization_view.OrganizationView`, made when the database is
open with the app's :class:`~ui.actions.context.AppContext` (``window.view``); before that the actions
are disabled and the card is greyed.

The window is built from Qt alone, so it paints at once; the database (migrations), the method
and everything heavy are opened by :meth:`MainWindow.open_database`, which the app calls after
the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
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
    pass

APP_TITLE = "Цифровая зрелость"


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


class WindowFrame(QMainWindow):
    """The frame (title, toolbar, status bar) is built at once; its content (the card, the history) by
    :meth:`build_content` — in the constructor, or, when the app starts (``content_later``), right after the
    first paint: the content needs Qt's enumerations (Qt namespace, item views), whose first use costs
    as much as a bare window's whole start."""

    def __init__(self, *, content_later: bool = False):
        super().__init__()
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
        for action in (
            self.new_action,
            self.continue_action,
            self.open_action,
            self.export_action,
            self.passport_action,
            self.compare_action,
            self.import_action,
        ):
            action.setIconText(action.text())  # as written: Qt would drop the «…» of a button that opens a dialog
            toolbar.addAction(action)
            action.setEnabled(False)
        method_menu = self.menuBar().addMenu("Методика")
        self.profile_editor_action = method_menu.addAction("Редактор методики…")
        self.profile_editor_action.setEnabled(False)
        self.profile_editor_action.setToolTip("Изменить цели, веса и формулировки методики и выпустить новую версию")
        organization_menu = self.menuBar().addMenu("Организация")
        self.merge_action = organization_menu.addAction("Объединить с…")
        self.merge_action.setToolTip("Две записи одной организации сделать одной: оценки, подчинённые и коды — сюда")
        self.respondents_action = organization_menu.addAction("Объединить ответы…")
        self.respondents_action.setToolTip(
            "Анкеты нескольких респондентов сделать одной оценкой с повесткой «обсудить на заседании»"
        )
        self.form_action = organization_menu.addAction("Пустая анкета для этой организации…")
        self.form_action.setToolTip("Анкета в книге Excel с кодом, наименованием, уровнем и вышестоящей организации")
        for action in (self.merge_action, self.respondents_action, self.form_action):
            action.setEnabled(False)
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

        from ui.main.assessments_model import AssessmentsModel
        from ui.main.org_card import OrganizationCard

        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        central = self.central = QWidget(self)
        column = QVBoxLayout(central)
        self.banner = ResumeBanner(central)
        column.addWidget(self.banner)

        from ui.widgets.organization_picker import OrganizationPicker

        self.org_picker = OrganizationPicker(central, placeholder="начните вводить наименование или номер")
        self.org_picker.setObjectName("organization-selector")
        self.org_picker.setToolTip("Найти организацию: любая часть наименования, например «№ 12» или «станция»")
        selector_row = QHBoxLayout()
        self.org_selector_label = QLabel("Организация:", central)
        self.org_selector_label.setBuddy(self.org_picker)
        selector_row.addWidget(self.org_selector_label)
        selector_row.addWidget(self.org_picker, 1)
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
        self.demo_button.hide()
        self.first_import_button = QPushButton("Загрузить файлы оценок…", central)
        self.first_import_button.setToolTip(
            "Оценки организаций из файлов .json и книг Excel (можно и перетащить их в окно)"
        )
        self.first_import_button.hide()
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.first_import_button)
        demo_row.addStretch(1)
        column.addLayout(demo_row)

        self.card = OrganizationCard(central)
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
        # the selected assessment's less frequent actions: a context menu of the table
        self.rescore_action = QAction("Пересчитать по новой версии методики…", self)
        self.rescore_action.setEnabled(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.rescore_action)
        from ui.widgets.chart_view import ChartImage

        beside = QHBoxLayout()
        beside.addWidget(self.table, 3)
        self.years_chart = ChartImage(history)
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
        self.org_picker.hide()
        from ui.importing.file_drops import FileDrops

        FileDrops(self, self._files_dropped)

    def content_widget(self) -> QWidget:
        """The card and the history (built by :meth:`build_content`)."""
        self.build_content()
        return self.central

    def _files_dropped(self, paths: list[str]) -> None:
        """Files dropped on the window (the window that opens the database takes them)."""
