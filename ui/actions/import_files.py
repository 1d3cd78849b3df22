"""«Загрузить файлы…» (and files dropped on a window): the import dialog, and what it imported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.usecases.import_work import ImportOutcome
    from ui.importing.dialog import ImportDialog


@dataclass
class OpenImport:
    """The import dialog (made once: ``dialog`` is the one already made), with ``paths`` chosen."""

    context: AppContext
    dialog: ImportDialog | None = None
    paths: list[str] | None = None

    def do(self) -> ImportDialog:
        from ui.importing.dialog import ImportDialog
        from ui.widgets.screen import fit_to_screen

        dialog = self.dialog
        if dialog is None:
            context = self.context
            dialog = ImportDialog(context.engine, context.runner, context.parent())
            dialog.settings = context.settings  # the folder files were opened from last
            dialog.imported.connect(lambda outcome: ImportFinished(context, outcome).do())
            fit_to_screen(dialog, 1060, 600)
        if self.paths:
            dialog.add_sources(self.paths)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog


@dataclass
class ImportFinished:
    """Show what was imported (the first imported organization, if none is shown) and the counts."""

    context: AppContext
    outcome: ImportOutcome

    def do(self) -> None:
        context, outcome = self.context, self.outcome
        context.reread()
        first = next((row for row in outcome.rows if row.outcome == "imported"), None)
        found = (
            context.store.organizations_named(first.organization) if first is not None and first.organization else []
        )
        context.events.written.emit(found[0].id if found else None)
        context.events.message.emit(
            f"Загружено оценок: {outcome.count('imported')}, пропущено: {outcome.count('skipped')}, "
            f"отклонено: {outcome.count('rejected')}",
            10000,
        )
