"""«Печать / PDF…» in the main window: the passport of the selected assessment, read from the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.storage.models import Organization


@dataclass
class PrintPassport:
    context: AppContext
    organization: Organization
    year: int

    def do(self) -> str | None:
        """The path written (None: cancelled or refused, the reason shown)."""
        from PySide6.QtWidgets import QMessageBox

        from maturity.errors import BadInput
        from maturity.usecases.passport import passport_from_store
        from ui.passport.save import save_passport

        parent = self.context.parent()
        self.context.reread()  # a plan saved in the background by the wizard's own session
        try:
            passport = passport_from_store(self.context.store, self.organization, self.year)
        except BadInput as error:
            QMessageBox.warning(parent, "Паспорт не сохранён", str(error))
            return None
        path = save_passport(parent, self.context.settings, passport)
        if path:
            self.context.events.message.emit(f"Паспорт сохранён: {path}", 8000)
        return path
