"""The «Организация» menu: «Объединить с…» (two records of one organization become one) and «Пустая анкета
для этой организации…» (a blank form carrying its code, name, level and parent)."""

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
