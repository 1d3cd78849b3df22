"""The main window: the organization's card, its assessments by year, and what to do with them.

The window is built from Qt alone, so it paints at once; the database (migrations), the method
and everything heavy are opened by :meth:`MainWindow.open_database`, which the app calls after
the first paint. The window keeps no domain data of its own: it shows what the store returns.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.models.assessments import AssessmentRow, AssessmentsModel
from ui.org_card import OrganizationCard

WORKBOOK_EXPORT_MODULE = "maturity.exchange.workbook_export"
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
    def __init__(
        self, database_url: str | None = None, settings: QSettings | None = None, runner: Any = None
    ):
        super().__init__()
        self.database_url = database_url
        self.settings = settings
        self._runner = runner
        self.store: Any = None
        self.marks: Any = None
        self.organization: Any = None
        self.wizard: Any = None
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")

        toolbar = QToolBar("Действия", self)
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.new_action = QAction("Новая оценка", self)
        self.new_action.setShortcut("Ctrl+N")
        self.continue_action = QAction("Продолжить", self)
        self.open_action = QAction("Открыть", self)
        self.open_action.setShortcut("Ctrl+O")
        self.export_action = QAction("Экспорт в Excel", self)
        self.compare_action = QAction("Сравнение организаций", self)
        self.import_action = QAction("Загрузить файлы…", self)
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.setToolTip("Загрузить оценки из файлов .json и книг Excel (или перетащите их в окно)")
        self.compare_window: Any = None
        self.import_dialog: Any = None
        for action in (self.new_action, self.continue_action, self.open_action, self.export_action,
                       self.compare_action, self.import_action):
            toolbar.addAction(action)
            action.setEnabled(False)
        self.compare_action.triggered.connect(self.open_comparison)
        self.new_action.triggered.connect(self.ask_new_assessment)
        self.continue_action.triggered.connect(self.continue_selected)
        self.open_action.triggered.connect(self.open_selected)
        self.export_action.triggered.connect(self.export_selected)
        self.import_action.triggered.connect(lambda: self.open_import())

        central = QWidget(self)
        column = QVBoxLayout(central)
        self.banner = ResumeBanner(central)
        self.banner.continue_button.clicked.connect(self.resume_last)
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
            "Добро пожаловать! Чтобы начать, заполните карточку своей организации и нажмите "
            "«Создать организацию».",
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
        self.first_import_button.setToolTip("Оценки организаций из файлов .json и книг Excel (можно и перетащить их в окно)")
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
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        history_layout.addWidget(self.table, 1)
        self.empty_history = QLabel("Оценок пока нет. Нажмите «Новая оценка».", history)
        self.empty_history.setStyleSheet("color: #555555;")
        history_layout.addWidget(self.empty_history)
        column.addWidget(history, 1)
        column.addStretch(0)  # takes the free space while the history is hidden (first run)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Открываю базу данных…")
        self.card.setEnabled(False)
        self.org_selector_label.hide()
        self.org_selector.hide()
        from ui.import_dialog import FileDrops

        FileDrops(self, self._files_dropped)

    @property
    def runner(self) -> Any:
        """The background-work helper (built when first needed: it is not needed to paint)."""
        if self._runner is None:
            from ui.background import ThreadRunner

            self._runner = ThreadRunner(self)
        return self._runner

    # ------------------------------------------------------------ opening (after the first paint)

    def open_database(self) -> None:
        """Open (and migrate) the database and load the method off the UI thread, then show them."""
        from ui.background import show_error

        def work() -> tuple[str, Any, Any]:
            from maturity.method.profile import load_profile
            from maturity.storage.database import open_database, resolve_database_url

            url = resolve_database_url(self.database_url)
            return url, open_database(url), load_profile()

        def failed(error: BaseException) -> None:
            self.statusBar().showMessage("База данных не открыта")
            show_error(self, error, "База данных не открыта")

        self.runner.run(work, self._database_opened, failed, busy_text="Открываю базу данных…")

    def _database_opened(self, opened: tuple[str, Any, Any]) -> None:
        from sqlmodel import Session

        from maturity.storage.store import Store
        from ui.drafts import ResumeMarks

        url, engine, profile = opened
        self.store = Store(Session(engine, expire_on_commit=False))
        self.default_profile = profile
        self.marks = ResumeMarks(self.settings or _default_settings(), url)
        self.card.set_levels([(lvl.id, lvl.label) for lvl in profile.data.organization_levels])
        self.card.setEnabled(True)
        self.new_action.setEnabled(True)
        self.statusBar().showMessage(f"База данных: {_short_url(url)}", 8000)
        self.refresh(self._organization_to_show())
        self.offer_resume()

    def _organization_to_show(self) -> int | None:
        mark = self.marks.last() if self.marks else None
        if mark is not None:
            org = self.store.organization_by_uid(mark.organization_uid)
            if org is not None:
                return org.id
        return None

    # ------------------------------------------------------------ showing the store

    def organizations(self) -> list[Any]:
        return [o for o in self.store.list_organizations() if not o.placeholder]

    def reread(self) -> None:
        """Forget what the window's session has read: other sessions (an import, the demo data, a worker)
        may have written since. The store commits every write, so nothing of ours is pending here;
        ending the session's transaction also ends its read snapshot (SQLite WAL, PostgreSQL)."""
        self.store.session.rollback()
        self.store.session.expire_all()

    def refresh(self, organization_id: int | None = None) -> None:
        if organization_id is None and self.organization is not None:
            organization_id = self.organization.id
        self.reread()
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
            self.demo_button.setVisible(importlib.util.find_spec("maturity.usecases.demo") is not None)
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

    def show_organization(self, org: Any) -> None:
        self.organization = org
        self.card.set_parents([(o.id, o.name) for o in self.store.list_organizations() if o.id != org.id])
        self.card.show_organization(org)
        self.history_title.setText(f"<b>Оценки по годам</b> — {_escape(org.name)}")
        rows = []
        for assessment in self.store.list_assessments(org):
            scores = self.store.get_score(assessment)
            rows.append(
                AssessmentRow(
                    year=assessment.year,
                    status=assessment.status,
                    index=getattr(scores, "index", None),
                    digital_index=getattr(scores, "digital_index", None),
                    level_label=self.default_profile.level_label(getattr(scores, "level", None)),
                    completeness=getattr(scores, "completeness", 0.0),
                    failed_norms=getattr(scores, "failed_norms_count", 0),
                    updated=_local_time(assessment.updated_at),
                )
            )
        self.assessments.set_rows(rows)
        self.empty_history.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._update_actions()

    def _selector_changed(self, index: int) -> None:
        org_id = self.org_selector.itemData(index)
        if org_id is not None:
            self.show_organization(self.store.get_organization(org_id))

    def selected_row(self) -> AssessmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.assessments.row_at(rows[0].row()) if rows else None

    def select_year(self, year: int) -> None:
        row = self.assessments.row_of_year(year)
        if row is not None:
            self.table.selectRow(row)

    def open_comparison(self) -> Any:
        """The comparison of organizations and years (ui/compare); a double-clicked row comes back here."""
        from ui.compare.window import CompareWindow

        if self.compare_window is None:
            from ui.import_dialog import FileDrops

            self.compare_window = CompareWindow(self.store.session.get_bind(), self.default_profile, self.runner, self)
            self.compare_window.organization_opened.connect(self._show_from_comparison)
            FileDrops(self.compare_window, self._files_dropped)
            _fit_to_screen(self.compare_window, 1340, 740)
        else:
            self.compare_window.refresh_all()  # assessments may have changed meanwhile
        self.compare_window.show()
        self.compare_window.raise_()
        return self.compare_window

    def _show_from_comparison(self, organization_id: int) -> None:
        self.refresh(organization_id)
        self.raise_()
        self.activateWindow()

    def _update_actions(self) -> None:
        ready = self.store is not None
        self.compare_action.setEnabled(ready and self.organization is not None)
        self.import_action.setEnabled(ready)
        row = self.selected_row()
        self.new_action.setEnabled(ready and self.organization is not None)
        self.continue_action.setEnabled(row is not None and row.status == "draft")
        self.open_action.setEnabled(row is not None)
        exporter = importlib.util.find_spec(WORKBOOK_EXPORT_MODULE) is not None
        self.export_action.setEnabled(row is not None and exporter)
        self.export_action.setToolTip(
            "Сохранить оценку в книгу Excel для отправки в вышестоящую организацию"
            if exporter
            else "Экспорт в Excel появится в следующей версии программы"
        )

    # ------------------------------------------------------------ the organization

    def save_organization(self, fields: dict[str, Any]) -> None:
        from maturity.errors import BadInput

        try:
            if self.organization is None:
                name = fields.pop("name")
                level = fields.pop("level")
                org = self.store.create_organization(name, level, **fields)
            else:
                org = self.store.update_organization(self.organization, **fields)
        except BadInput as error:
            self.card.show_message(str(error))
            return
        self.refresh(org.id)
        self.card.show_message("Сохранено.", error=False)
        self.statusBar().showMessage("Карточка организации сохранена", 5000)

    def load_demo(self) -> None:
        """The demonstration federation, written by the core in one transaction (off the UI thread,
        in a session of its own: a session must not cross threads)."""
        from maturity.usecases.demo import fill_demo
        from ui.background import show_error

        engine = self.store.session.get_bind()

        def work() -> str:
            from sqlmodel import Session

            from maturity.storage.store import Store

            with Session(engine, expire_on_commit=False) as session:
                return fill_demo(Store(session))

        def done(summary: str) -> None:
            self.after_write()
            self.statusBar().showMessage(summary, 10000)

        self.demo_button.setEnabled(False)
        self.runner.run(
            work,
            done,
            lambda error: (self.demo_button.setEnabled(True), show_error(self, error, "Демонстрационные данные")),
            busy_text="Загружаю демонстрационные данные…",
        )

    def after_write(self, organization_id: int | None = None) -> None:
        """Show what another session wrote: this window and the comparison window, if open."""
        self.refresh(organization_id)
        if self.compare_window is not None and self.compare_window.isVisible():
            self.compare_window.refresh_all()

    # ------------------------------------------------------------ importing files

    def open_import(self, paths: list[str] | None = None) -> Any:
        """The import dialog (ui/import_dialog), with ``paths`` already chosen if given."""
        from ui.import_dialog import ImportDialog

        if self.store is None:
            return None
        if self.import_dialog is None:
            self.import_dialog = ImportDialog(self.store.session.get_bind(), self.runner, self)
            self.import_dialog.imported.connect(self._imported)
            _fit_to_screen(self.import_dialog, 1060, 600)
        if paths:
            self.import_dialog.add_sources(paths)
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    def _files_dropped(self, paths: list[str]) -> None:
        self.open_import(paths)

    def _imported(self, outcome: Any) -> None:
        self.reread()
        first = next((row for row in outcome.rows if row.outcome == "imported"), None)
        shown = self.organization.id if self.organization is not None else None
        if shown is None and first is not None and first.organization:
            found = self.store.organizations_named(first.organization)
            shown = found[0].id if found else None
        self.after_write(shown)
        self.statusBar().showMessage(
            f"Загружено оценок: {outcome.count('imported')}, пропущено: {outcome.count('skipped')}, "
            f"отклонено: {outcome.count('rejected')}",
            10000,
        )

    # ------------------------------------------------------------ assessments

    def default_year(self) -> int:
        today = datetime.date.today()
        return today.year if today.month >= 10 else today.year - 1

    def ask_new_assessment(self) -> None:
        from maturity.method.profile import load_profile, shipped_profile_ids

        profiles = [(pid, load_profile(pid).title) for pid in shipped_profile_ids()]
        profiles.sort(key=lambda p: p[0] != self.default_profile.id)
        from PySide6.QtWidgets import QDialog

        from ui.new_assessment import NewAssessmentDialog

        dialog = NewAssessmentDialog(self.default_year(), profiles, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_assessment(dialog.year.value(), dialog.profile.currentData())

    def start_assessment(self, year: int, profile_id: str | None = None) -> Any:
        """A new assessment for the current organization: a draft at once, then the wizard."""
        from maturity.engine.session import AssessmentSession
        from maturity.method.profile import load_profile

        org = self.organization
        if self.store.get_assessment(org, year) is not None:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                "Оценка уже есть",
                f"Оценка за {year} год уже есть. Открыть её?",
            )
            if answer == QMessageBox.StandardButton.Yes:
                return self.open_assessment(year, "profile")
            return None
        profile = load_profile(profile_id) if profile_id else self.default_profile
        session = AssessmentSession(profile=profile, year=year, answers=self.answers_from_card(profile))
        return self._open_wizard(session, None, start_from=None)

    def answers_from_card(self, profile: Any) -> dict[str, Any]:
        """The «Организация» page filled in from the card (the user may change it there)."""
        org = self.organization
        parent = self.store.get_organization(org.parent_id) if org.parent_id else None
        candidates = {
            "profile.name": org.name,
            "profile.level": org.level,
            "profile.parent": parent.name if parent is not None else None,
            "profile.region": org.region,
            "profile.sector": org.sector,
            "profile.members": org.members,
        }
        return {k: v for k, v in candidates.items() if v not in (None, "") and k in profile.questions}

    def session_for(self, year: int) -> Any:
        from maturity.engine.session import AssessmentSession
        from maturity.method.profile import find_profile

        assessment = self.store.get_assessment(self.organization, year)
        profile = find_profile(assessment.profile_id, assessment.profile_version)
        return AssessmentSession(profile=profile, year=year, answers=dict(assessment.answers))

    def continue_selected(self) -> Any:
        row = self.selected_row()
        if row is not None:
            return self.continue_assessment(row.year)
        return None

    def continue_assessment(self, year: int) -> Any:
        """Reopen a draft where the user left it (or at its first unanswered question)."""
        session = self.session_for(year)
        position = self.marks.position(self.organization.uid, year)
        if position is None:
            missing = session.missing_required()
            position = missing[0].section_id if missing else "result"
        return self._open_wizard(session, position, start_from=session.answers)

    def open_selected(self) -> Any:
        row = self.selected_row()
        if row is not None:
            return self.open_assessment(row.year)
        return None

    def open_assessment(self, year: int, position: str = "result") -> Any:
        session = self.session_for(year)
        return self._open_wizard(session, position, start_from=session.answers)

    def offer_resume(self) -> None:
        """After a start: offer the draft that was open last, at the section where it was left."""
        mark = self.marks.last()
        org = self.store.organization_by_uid(mark.organization_uid) if mark else None
        assessment = self.store.get_assessment(org, mark.year) if org is not None else None
        if assessment is None or assessment.status != "draft":
            self.banner.hide()
            return
        where = self._position_title(assessment.profile_id, assessment.profile_version, mark.position)
        self.banner.text.setText(
            f"Заполнение оценки за {mark.year} год не закончено: «{_escape(org.name)}», "
            f"раздел «{where}». Все ответы сохранены."
        )
        self.banner.show()

    def resume_last(self) -> Any:
        mark = self.marks.last()
        if mark is None:
            return None
        org = self.store.organization_by_uid(mark.organization_uid)
        if org is None:
            return None
        if self.organization is None or self.organization.id != org.id:
            self.refresh(org.id)
        self.banner.hide()
        return self.continue_assessment(mark.year)

    def _position_title(self, profile_id: str, version: str, position: str) -> str:
        from maturity.method.profile import find_profile

        if position == "result":
            return "Результат оценки"
        titles = {s.id: s.title for s in find_profile(profile_id, version).sections}
        return titles.get(position, position)

    def _previous_scores(self, year: int) -> tuple[dict[str, float | None] | None, int | None]:
        for earlier in sorted((a for a in self.store.list_assessments(self.organization) if a.year < year),
                              key=lambda a: a.year, reverse=True):
            scores = self.store.get_score(earlier)
            if scores is not None:
                return {f"k{i}": getattr(scores, f"k{i}") for i in range(1, 11)}, earlier.year
        return None, None

    def _open_wizard(self, session: Any, position: str | None, start_from: dict | None) -> Any:
        from ui.drafts import DraftSaver
        from ui.wizard.wizard import AssessmentWizard

        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.close()
        org = self.organization
        saver = DraftSaver(self.store, org.id, org.uid, self.marks)
        if start_from is not None:
            saver.start_from(start_from)
        previous, previous_year = self._previous_scores(session.year)
        wizard = AssessmentWizard(
            session,
            organization_name=org.name,
            previous=previous,
            previous_year=previous_year,
            on_finish=saver.finish,
            parent=self,
        )
        saver.report = wizard.show_save_status
        session.on_change = saver
        if start_from is None:
            saver(session)  # a new assessment exists as a draft from its first moment
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(lambda result, year=session.year: self._wizard_closed(year, result))
        _fit_to_screen(wizard, 1180, 740)
        self.wizard = wizard
        self.banner.hide()
        wizard.show()
        wizard.go_to(position)
        self.refresh()
        self.select_year(session.year)
        return wizard

    def _wizard_closed(self, year: int, result: int = 0) -> None:
        self.after_write()  # the comparison window too, if open: the year's figures changed
        self.select_year(year)
        row = self.selected_row()
        if result == 1 and row is not None:  # QDialog.DialogCode.Accepted
            text = "завершена" if row.status == "complete" else "сохранена как черновик (есть вопросы без ответа)"
            self.statusBar().showMessage(f"Оценка за {year} год {text}.", 10000)
        elif row is not None and row.status == "draft":
            self.statusBar().showMessage(
                f"Ответы за {year} год сохранены как черновик; «Продолжить» — чтобы дополнить.", 10000
            )

    def export_selected(self) -> None:
        from importlib import import_module

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from maturity.errors import BadInput
        from ui.background import show_error

        row = self.selected_row()
        if row is None:
            return
        module = import_module(WORKBOOK_EXPORT_MODULE)
        path, _ = QFileDialog.getSaveFileName(
            self, "Экспорт в Excel", f"оценка-{row.year}.xlsx", "Книга Excel (*.xlsx)"
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            from maturity.usecases.documents import assessment_document

            document = assessment_document(self.store, self.organization, row.year)
        except BadInput as error:
            QMessageBox.warning(self, "Экспорт не выполнен", str(error))
            return
        self.runner.run(
            lambda: module.write_assessment_workbook(document, path),
            lambda _none: self.statusBar().showMessage(f"Сохранено: {path}", 8000),
            lambda error: show_error(self, error, "Экспорт не выполнен"),
            busy_text="Сохраняю книгу Excel…",
        )


class _blocked:
    def __init__(self, widget: QWidget):
        self.widget = widget

    def __enter__(self) -> None:
        self.previous = self.widget.blockSignals(True)

    def __exit__(self, *exc: object) -> None:
        self.widget.blockSignals(self.previous)


def _fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    screen = widget.screen() or (widget.parentWidget().screen() if widget.parentWidget() else None)
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 40)
        height = min(height, available.height() - 28)
    widget.resize(width, height)


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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
