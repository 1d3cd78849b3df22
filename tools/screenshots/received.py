"""Screenshots of someone else's assessment opened for reading: the result page with who sent it, when it was
received and its review state («Изменить ответы…» instead of «Сохранить оценку»), its «Ответы» tab, and the
question «Изменить ответы…» asks (run under Xvfb); the result page also at 1024×600 (``received-read-only-1024x600.png``).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.received docs/screenshots

A territory's throwaway database gets the example files; the small school's file is opened from the window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save, scratch_window, settle

SMALL = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.usecases.importing import import_documents

    with tempfile.TemporaryDirectory() as tmp:
        territory = scratch_window(app, Path(tmp))
        import_documents(territory.view.store, [ROOT / "examples"])
        org = territory.view.store.find_organization(SMALL)
        territory.view.refresh(org.id)
        territory.view.show_organization(org)
        territory.view.select_year(2025)
        wizard = territory.view.open_selected()
        settle(app)
        save(wizard, folder, "received-read-only", app)
        size = wizard.size()
        wizard.resize(1024 - 40, 600 - 28)  # as the app opens it on a 1024×600 screen: the banner scrolls
        save(wizard, folder, "received-read-only-1024x600", app)
        wizard.resize(size)
        tabs = wizard.result_page.tabs
        tabs.setCurrentWidget(wizard.read_only.answers_view)
        settle(app)
        save(wizard, folder, "received-answers", app)

        def shoot_and_refuse() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, shoot_and_refuse)
                return
            settle(app)
            save(box, folder, "received-change-question", app)
            box.button(QMessageBox.StandardButton.No).click()

        QTimer.singleShot(0, shoot_and_refuse)
        wizard.button(QWizard.WizardButton.CustomButton1).click()
        wizard.close()
        territory.view.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
