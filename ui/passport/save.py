"""«Печать / PDF…»: ask where, write the passport there (the result page and the main window share it)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from maturity.errors import BadInput
from maturity.usecases.passport import Passport


def save_passport(parent: QWidget | None, settings: QSettings | None, passport: Passport) -> str | None:
    """The path the passport was written to; None when the chair cancelled or it could not be written
    (the reason is shown, and a file already there is left as it was)."""
    from ui.passport.pdf import write_passport_pdf
    from ui.widgets.file_dialogs import ask_save_path, proposed_name

    name = proposed_name("паспорт", passport.year, passport.organization, ".pdf")
    path, _ = ask_save_path(parent, settings, "Паспорт для заседания выборного органа", name, "Документ PDF (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_passport_pdf(passport, path)
    except BadInput as error:  # a folder, a protected file, a full disk
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Паспорт не сохранён", str(error))
        return None
    QApplication.restoreOverrideCursor()
    return path
