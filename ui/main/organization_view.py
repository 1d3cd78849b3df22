"""What the main window shows and does once its database is open: the organization, its assessments, the actions.

The window (:mod:`ui.main.main_window`) paints its frame and its widgets at once; this view is made when the
database has opened, with the app's :class:`~ui.actions.context.AppContext`, so nothing in it waits for a
context that may not exist yet. What a button does is a command of :mod:`ui.actions`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from maturity.method.profile import Profile
    from maturity.storage.models import Organization
    from maturity.storage.store import Store
    from ui.actions.context import AppContext
    from ui.compare.window import CompareWindow
    from ui.importing.dialog import ImportDialog
    from ui.main.assessments_model import AssessmentRow
    from ui.main.frame import WindowFrame
    from ui.wizard.wizard import AssessmentWizard


class OrganizationView:
    """The organization shown in the main window, its assessments and the actions on them."""

    def __init__(self, window: WindowFrame, context: AppContext):
        self.window = window
        self.context = context
        self.organization: Organization | None = None
        self._draft_spans: dict[int, tuple[float, float]] = {}  # a draft year → its index range, for the chart
        self.compare_window: CompareWindow | None = None
        self.import_dialog: ImportDialog | None = None
        self.profile_editor: QWidget | None = None
        self._names_asked = 0  # reads of the names to search: only the latest one is shown
        events = context.events
        events.written.connect(self.after_write)
        events.organization_wanted.connect(self._show_wanted)
        events.year_wanted.connect(self.select_year)
        events.message.connect(window.statusBar().showMessage)
        events.wizard_opened.connect(self._wizard_opened)
        window.new_action.triggered.connect(self.ask_new_assessment)
        window.continue_action.triggered.connect(self.continue_selected)
        window.open_action.triggered.connect(self.open_selected)
        window.export_action.triggered.connect(self.export_selected)
        window.passport_action.triggered.connect(self.print_passport_selected)
        window.compare_action.triggered.connect(self.open_comparison)
        window.import_action.triggered.connect(lambda: self.open_import())
        window.profile_editor_action.triggered.connect(lambda: self.open_profile_editor())
        window.merge_action.triggered.connect(lambda: self.open_merge())
        window.form_action.triggered.connect(lambda: self.save_organization_form())
        window.respondents_action.triggered.connect(lambda: self.open_respondents())
        window.rescore_action.triggered.connect(self.rescore_selected)
        window.banner.continue_button.clicked.connect(lambda: self.resume_last())
        window.org_picker.chosen.connect(self._organization_chosen)
        window.demo_button.clicked.connect(self.load_demo)
        window.first_import_button.clicked.connect(lambda: self.open_import())
        window.card.submitted.connect(self.save_organization)
        window.table.doubleClicked.connect(lambda _index: self.open_selected())
        window.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        profile = context.default_profile
        window.card.set_levels([(lvl.id, lvl.label) for lvl in profile.data.organization_levels])
        window.card.set_sectors(profile.sector_choices)
        window.card.setEnabled(True)
        window.new_action.setEnabled(True)
        window.profile_editor_action.setEnabled(True)
        self._show_database(context.database_url)
        self.refresh(self._organization_to_show())
        self.offer_resume()

    @property
    def wizard(self) -> AssessmentWizard | None:
        return self.context.wizard

    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def default_profile(self) -> Profile:
        return self.context.default_profile

    def _show_database(self, url: str) -> None:
        """A chair's own database goes unnamed (its address is in the status bar's tooltip); another is named."""
        from maturity.storage.database import default_database_url

        shown = _short_url(url)
        self.window.statusBar().setToolTip(f"База данных: {shown}")
        if url == default_database_url():
            self.window.statusBar().showMessage("Готово к работе.", 5000)
        else:
            self.window.statusBar().showMessage(f"База данных: {shown}", 8000)

    def _organization_to_show(self) -> int | None:
        mark = self.context.marks.last()
        org = self.context.store.organization_by_uid(mark.organization_uid) if mark is not None else None
        return org.id if org is not None else None

    # ------------------------------------------------------------ showing the store

    def organizations(self) -> list[Any]:
        """Every real organization (reads them all: for tests and small tools, never on opening)."""
        return [o for o in self.context.store.list_organizations() if not o.placeholder]

    def refresh(self, organization_id: int | None = None) -> None:
        """Show ``organization_id`` (else the one shown, else the first by name) at once; the names to search
        are read off the UI thread (:meth:`_read_names`): at 100 000 organizations they take a second."""
        if organization_id is None and self.organization is not None:
            organization_id = self.organization.id
        self.context.reread()
        store = self.context.store
        chosen = store.get_organization(organization_id) if organization_id is not None else None
        if chosen is None or chosen.placeholder:
            chosen = store.first_organization()
        if chosen is None:
            self.organization = None
            self.window.org_picker.hide()
            self.window.org_selector_label.hide()
            self.window.first_run.show()
            self.window.demo_button.show()
            self.window.first_import_button.show()
            self.window.card.show_organization(None)
            self.window.card.name.setFocus()
            self.window.assessments.set_rows([])
            self.window.history.hide()
            self._update_actions()
        else:
            self.window.first_run.hide()
            self.window.demo_button.hide()
            self.window.first_import_button.hide()
            self.window.history.show()
            self.show_organization(chosen)
        self._read_names()

    def _read_names(self) -> None:
        """The names of the search field and of the card's parent, read and sorted on a worker thread; a
        later read supersedes one still under way."""
        from maturity.storage.queries import organization_names
        from maturity.views.name_search import NameIndex

        self._names_asked += 1
        asked = self._names_asked
        self.window.org_picker.index = None  # «loaded» again when these names come

        def work() -> NameIndex:
            with self.context.open_store() as store:
                return NameIndex(organization_names(store.session))

        def done(names: NameIndex) -> None:
            if asked != self._names_asked:
                return
            many = len(names) > 1
            self.window.org_picker.setVisible(many)
            self.window.org_selector_label.setVisible(many)
            self.window.card.set_parents(names)
            self.window.org_picker.set_index(names)

        self.context.runner.run(work, done)

    def show_organization(self, org: Organization) -> None:
        from maturity.storage.queries import assessment_lines
        from ui.main.assessments_model import AssessmentRow

        self.organization = org
        self.window.card.show_organization(org)
        parent = self.context.store.get_organization(org.parent_id) if org.parent_id is not None else None
        self.window.card.parent_org.show_chosen(org.parent_id, parent.name if parent is not None else None)
        self.window.org_picker.show_chosen(org.id, org.name)
        self.window.history_title.setText(f"<b>Оценки по годам</b> — {_escape(org.name)}")
        from maturity.usecases.draft_ranges import draft_ranges
        from maturity.views.draft_text import range_level_text, short_range_text

        profile = self.context.default_profile
        org_id = self.context.store.stored_id(org)
        lines = assessment_lines(self.context.store.session, org_id)
        ranges = draft_ranges(self.context.store, org_id) if any(line.status == "draft" for line in lines) else {}
        rows = [
            AssessmentRow(
                year=line.year,
                status=line.status,
                index=line.index,
                digital_index=line.digital_index,
                level_label=(
                    range_level_text(profile, ranges.get(line.year))
                    if line.year in ranges
                    else profile.level_label(line.maturity_level)
                ),
                completeness=line.completeness,
                failed_norms=line.failed_norms,
                updated=_local_time(line.updated_at),
                index_range=short_range_text(ranges[line.year]) if line.year in ranges else "",
            )
            for line in lines
        ]
        self.window.assessments.set_rows(rows)
        self._draft_spans = {year: (span.low, span.high) for year, span in ranges.items() if span is not None}
        self._draw_years(org)
        self.window.empty_history.setVisible(not rows)
        if rows:
            self.window.table.selectRow(0)
        self._update_actions()

    def _draw_years(self, org: Organization) -> None:
        """The index and the KPIs over the organization's scored years (hidden before there are two)."""
        from maturity.storage.queries import organization_history
        from maturity.views.years_chart import INDEX_LABEL, LEGEND_LETTERS, years_chart

        history = organization_history(self.context.store.session, self.context.store.stored_id(org))
        self.window.years_chart.setVisible(len(history) >= 2)
        if len(history) < 2:
            return
        from maturity.usecases.method_changes import redefined_by_year

        kpis = self.context.default_profile.kpis
        redefined = set().union(*redefined_by_year(self.context.store.session, history).values())
        spans = dict(self._draft_spans)  # drawn on a worker: its own copy
        self.window.years_chart.set_figure(
            lambda: years_chart(
                [h.year for h in history],
                [h.index for h in history],
                {_short(k.title, LEGEND_LETTERS): [h.kpis.get(k.id) for h in history] for k in kpis},
                drafts=[h.status == "draft" for h in history],
                index_ranges=spans,
                method_changed=[_short(k.title, LEGEND_LETTERS) for k in kpis if k.id in redefined]
                + ([INDEX_LABEL] if "index" in redefined else []),
            ),
            self.context.runner,
        )

    def after_write(self, organization_id: int | None = None) -> None:
        """Show what was written (``organization_id`` when no organization is shown): this window
        and the comparison window, if open."""
        self.refresh(self.organization.id if self.organization is not None else organization_id)
        if self.compare_window is not None and self.compare_window.isVisible():
            self.compare_window.refresh_all()

    def _organization_chosen(self, org_id: int | None) -> None:
        org = self.context.store.get_organization(org_id) if org_id is not None else None
        if org is not None:
            self.show_organization(org)

    def _show_wanted(self, organization_id: int) -> None:
        if self.organization is None or self.organization.id != organization_id:
            self.refresh(organization_id)

    def selected_row(self) -> AssessmentRow | None:
        rows = self.window.table.selectionModel().selectedRows()
        return self.window.assessments.row_at(rows[0].row()) if rows else None

    def select_year(self, year: int) -> None:
        row = self.window.assessments.row_of_year(year)
        if row is not None:
            self.window.table.selectRow(row)

    def _update_actions(self) -> None:
        ready = True  # the view exists once the database is open
        self.window.compare_action.setEnabled(ready and self.organization is not None)
        self.window.import_action.setEnabled(ready)
        row = self.selected_row()
        self.window.rescore_action.setEnabled(row is not None)  # the table's context menu
        self.window.new_action.setEnabled(ready and self.organization is not None)
        self.window.merge_action.setEnabled(ready and self.organization is not None)
        self.window.form_action.setEnabled(ready and self.organization is not None)
        self.window.respondents_action.setEnabled(ready and self.organization is not None)
        self.window.continue_action.setEnabled(row is not None and row.status == "draft")
        self.window.open_action.setEnabled(row is not None)
        self.window.export_action.setEnabled(row is not None)
        self.window.passport_action.setEnabled(row is not None)

    def open_comparison(self) -> CompareWindow:
        """The comparison of organizations and years (ui/compare); a double-clicked row comes back here."""
        from ui.compare.window import CompareWindow
        from ui.widgets.screen import fit_to_screen

        if self.compare_window is None:
            from ui.importing.file_drops import FileDrops

            self.compare_window = CompareWindow(
                self.context.engine, self.context.default_profile, self.context.runner, self.window
            )
            self.compare_window.organization_opened.connect(self._show_from_comparison)
            self.compare_window.settings = self.context.settings
            FileDrops(self.compare_window, self.files_dropped)
            fit_to_screen(self.compare_window, 1340, 740)
        else:
            self.compare_window.refresh_all()  # assessments may have changed meanwhile
        self.compare_window.show()
        self.compare_window.raise_()
        return self.compare_window

    def open_profile_editor(self) -> QWidget:
        """The profile editor (ui/profile_editor), one window, started from the profiles this database knows."""
        from ui.profile_editor.sources import editor_source
        from ui.profile_editor.window import ProfileEditorWindow
        from ui.widgets.screen import fit_to_screen

        if self.profile_editor is None:
            self.profile_editor = ProfileEditorWindow(editor_source(self.context), self.context.settings, self.window)
            fit_to_screen(self.profile_editor, 1100, 720)
        self.profile_editor.show()
        self.profile_editor.raise_()
        return self.profile_editor

    def _show_from_comparison(self, organization_id: int) -> None:
        self.refresh(organization_id)
        self.window.raise_()
        self.window.activateWindow()

    # ------------------------------------------------------------ the actions (ui/actions)

    def save_organization(self, fields: dict[str, Any]) -> None:
        from ui.actions.organization import SaveOrganization

        refused = SaveOrganization(self.context, self.organization, fields).do()
        if refused is not None:
            self.window.card.show_message(refused)
        else:
            self.window.card.show_message("Сохранено.", error=False)

    def load_demo(self) -> None:
        from ui.actions.demo import LoadDemo

        self.window.demo_button.setEnabled(False)
        LoadDemo(self.context, on_failed=lambda: self.window.demo_button.setEnabled(True)).do()

    def open_import(self, paths: list[str] | None = None) -> ImportDialog | None:
        """The import dialog, with ``paths`` already chosen if given."""
        from ui.actions.import_files import OpenImport

        self.import_dialog = OpenImport(self.context, self.import_dialog, paths).do()
        return self.import_dialog

    def files_dropped(self, paths: list[str]) -> None:
        self.open_import(paths)

    def ask_new_assessment(self) -> None:
        from ui.actions.new_assessment import NewAssessment

        if self.organization is not None:
            NewAssessment(self.context, self.organization).do()

    def start_assessment(self, year: int, profile_id: str | None = None) -> AssessmentWizard | None:
        from ui.actions.new_assessment import StartAssessment

        if self.organization is None:
            return None
        return StartAssessment(self.context, self.organization, year, profile_id).do()

    def selected(self) -> tuple[Organization, int] | None:
        """The organization shown and the year of its selected assessment, if one is selected."""
        row = self.selected_row()
        if row is None or self.organization is None:
            return None
        return self.organization, row.year

    def rescore_selected(self) -> None:
        from ui.actions.rescore import RescoreAssessment

        if (chosen := self.selected()) is not None:
            RescoreAssessment(self.context, *chosen).do()

    def continue_selected(self) -> AssessmentWizard | None:
        from ui.actions.open_assessment import ContinueAssessment

        chosen = self.selected()
        return ContinueAssessment(self.context, *chosen).do() if chosen is not None else None

    def open_selected(self) -> AssessmentWizard | None:
        from ui.actions.open_assessment import OpenAssessment

        chosen = self.selected()
        return OpenAssessment(self.context, *chosen).do() if chosen is not None else None

    def open_merge(self) -> Any:
        """«Объединить с…»: the dialog for the organization shown (None when none is shown)."""
        from ui.actions.organization_menu import MergeInto

        return MergeInto(self.context, self.organization).do() if self.organization is not None else None

    def open_respondents(self) -> Any:
        """«Объединить ответы…»: the dialog for the organization shown (None when none is shown)."""
        from ui.actions.organization_menu import MergeRespondents

        return MergeRespondents(self.context, self.organization).do() if self.organization is not None else None

    def save_organization_form(self, path: str | None = None) -> str:
        from ui.actions.organization_menu import SaveOrganizationForm

        return SaveOrganizationForm(self.context, self.organization, path).do() if self.organization else ""

    def export_selected(self) -> None:
        from ui.actions.export_workbook import ExportWorkbook

        if (chosen := self.selected()) is not None:
            ExportWorkbook(self.context, *chosen).do()

    def print_passport_selected(self) -> str | None:
        from ui.actions.print_passport import PrintPassport

        chosen = self.selected()
        return PrintPassport(self.context, *chosen).do() if chosen is not None else None

    def offer_resume(self) -> None:
        """After a start: offer the draft that was open last, at the section where it was left."""
        from ui.actions.resume import ResumeOffer

        text = ResumeOffer(self.context).do()
        if text is None:
            self.window.banner.hide()
            return
        self.window.banner.text.setText(text)
        self.window.banner.show()

    def resume_last(self) -> AssessmentWizard | None:
        from ui.actions.resume import ResumeLast

        self.window.banner.hide()
        return ResumeLast(self.context).do()

    def _wizard_opened(self, wizard: AssessmentWizard) -> None:
        self.window.banner.hide()
        self.refresh()
        self.select_year(wizard.session.year)


def _short_url(url: str) -> str:
    """Where the database is and under which login (a shared database), never its password."""
    if "@" not in url:
        return url
    from sqlalchemy.engine import make_url

    where = url.split("@")[-1]
    try:
        login = make_url(url).username
    except Exception:  # noqa: BLE001 (an address SQLAlchemy cannot read: only where it is)
        return where
    return f"{where}, имя входа «{login}»" if login else where


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
