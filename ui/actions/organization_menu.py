"""The «Организация» menu: «Объединить с…» (two records of one organization become one), «Объединить ответы…»
(several respondents' copies of its assessment become one, with an agenda) and «Пустая анкета для этой
организации…» (a blank form carrying its code, name, level and parent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.storage.models import Organization

FORM_FILTER = "Книга Excel (*.xlsx)"


@dataclass
class MergeInto:
    """Open the merge dialog for ``organization`` (the one that stays); after a merge, show it again."""

    context: AppContext
    organization: Organization

    def dialog(self) -> Any:
        from ui.dialogs.merge import MergeDialog

        dialog = MergeDialog(self.context.store, self.organization, self.context.default_profile, self.context.parent())
        dialog.accepted.connect(lambda: self.merged(dialog))
        return dialog

    def do(self) -> Any:
        dialog = self.dialog()
        dialog.open()
        return dialog

    def merged(self, dialog: Any) -> None:
        self.context.reread()
        self.context.events.written.emit(self.organization.id)
        if dialog.outcome is not None:
            self.context.events.message.emit(dialog.outcome.summary(), 10000)


@dataclass
class SaveOrganizationForm:
    """Ask where, then write the blank form of the default method for ``organization``; the path or ""."""

    context: AppContext
    organization: Organization
    path: str | None = None  # chosen already (a test); None: ask

    def do(self) -> str:
        from PySide6.QtWidgets import QMessageBox

        from maturity.errors import BadInput
        from maturity.usecases.org_forms import write_organization_form
        from ui.widgets.file_dialogs import ask_save_path, proposed_name

        path = self.path
        if path is None:
            name = proposed_name("Анкета", None, self.organization.name, ".xlsx")
            path, _ = ask_save_path(self.context.parent(), self.context.settings, "Пустая анкета", name, FORM_FILTER)
        if not path:
            return ""
        try:
            write_organization_form(self.context.store, self.organization, self.context.default_profile, path)
        except (BadInput, OSError) as error:
            QMessageBox.warning(self.context.parent(), "Анкета не записана", str(error))
            return ""
        self.context.events.message.emit(f"Пустая анкета для «{self.organization.name}» записана в {path}", 8000)
        return path


@dataclass
class MergeRespondents:
    """Open «Объединить ответы…» for ``organization``; its «Загрузить в базу» keeps the merged assessment."""

    context: AppContext
    organization: Organization

    def dialog(self) -> Any:
        from ui.dialogs.respondents import RespondentsDialog

        context = self.context
        dialog = RespondentsDialog(self.organization, context.store.catalog(), context.settings, context.parent())
        dialog.import_button.clicked.connect(lambda: self.keep(dialog))
        return dialog

    def do(self) -> Any:
        dialog = self.dialog()
        dialog.open()
        return dialog

    def keep(self, dialog: Any, replace: bool | None = None) -> bool:
        """Import the merged document into the database (asking before it replaces a stored assessment;
        ``replace`` answers for a test). True when it was kept."""
        from PySide6.QtWidgets import QMessageBox

        from maturity.usecases.importing import import_documents

        context, document = self.context, dialog.result.document
        context.reread()
        if context.store.get_assessment(self.organization, document.year) is not None:
            if replace is None:
                answer = QMessageBox.question(
                    dialog, "Заменить оценку?",
                    f"У «{self.organization.name}» уже есть оценка за {document.year} год. Заменить её объединённой?",
                )  # fmt: skip
                replace = answer == QMessageBox.StandardButton.Yes
            if not replace:
                return False
        report = import_documents(context.store, [document], on_conflict="replace")
        if not report.ok:
            QMessageBox.warning(dialog, "Оценка не загружена", report.summary())
            return False
        context.reread()
        context.events.written.emit(self.organization.id)
        context.events.year_wanted.emit(document.year)
        agenda = len(document.merge["agenda"]) if document.merge else 0
        context.events.message.emit(
            f"Объединённая оценка за {document.year} год загружена; обсудить на заседании: {agenda} вопр.", 10000
        )
        dialog.accept()
        return True
