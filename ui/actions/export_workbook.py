"""«Экспорт в Excel»: the selected assessment into a workbook (written off the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.storage.models import Organization


@dataclass
class ExportWorkbook:
    """Ask where, build the document from the store, write the workbook in the background."""

    context: AppContext
    organization: Organization
    year: int

    def do(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from maturity.errors import BadInput
        from maturity.usecases.documents import assessment_document, change_since_earlier_year
        from ui.background import show_error

        parent = self.context.parent()
        from ui.widgets.file_dialogs import ask_save_path, proposed_name

        name = proposed_name("оценка", self.year, self.organization.name, ".xlsx")
        path, _ = ask_save_path(parent, self.context.settings, "Экспорт в Excel", name, "Книга Excel (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            document = assessment_document(self.context.store, self.organization, self.year)
            change = change_since_earlier_year(
                self.context.store, document, self.context.store.stored_id(self.organization)
            )
        except BadInput as error:
            QMessageBox.warning(parent, "Экспорт не выполнен", str(error))
            return

        def work() -> None:
            from maturity.exchange.workbook_export import write_assessment_workbook

            write_assessment_workbook(document, path, change=change)

        self.context.runner.run(
            work,
            lambda _none: self.context.events.message.emit(f"Сохранено: {path}", 8000),
            lambda error: show_error(parent, error, "Экспорт не выполнен"),
            busy_text="Сохраняю книгу Excel…",
        )
