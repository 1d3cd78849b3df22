"""Screenshots of the review: «Вернуть на доработку…» with a comment on a question, «Кто сдал» with the states,
the «Журнал» tab, and the chair's wizard and result page showing the comments (run under Xvfb).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.review docs/screenshots

A territory's throwaway database gets the three example files; one assessment is accepted, one returned with
comments through the window; the file the window writes for the chair is opened in the chair's own program.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save, scratch_window, settle

SMALL = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.usecases.importing import import_documents
    from ui.compare.window import JOURNAL_TAB, STATUS_TAB
    from ui.dialogs.review_return import ReturnDialog

    with tempfile.TemporaryDirectory() as tmp:
        territory_folder, chair_folder, files = (Path(tmp) / name for name in ("территория", "председатель", "файлы"))
        for path in (territory_folder, chair_folder, files):
            path.mkdir()
        territory = scratch_window(app, territory_folder)
        import_documents(territory.view.store, [ROOT / "examples"])
        territory.view.refresh()
        window = territory.view.open_comparison()
        window.resize(1300, 720)
        window.year.setCurrentIndex(window.year.findData(2025))
        window.tabs.setCurrentIndex(STATUS_TAB)
        window.only_missing.setChecked(False)
        settle(app)
        rows = window.status_model.rows
        shipyard = next(r for r in rows if r.name != SMALL and r.level == "primary")
        window._decide("accept", [shipyard])
        small = next(r for r in rows if r.name == SMALL)

        dialog = ReturnDialog(window.profile, [SMALL], 2025, window)
        dialog.comment_edit.setPlainText("Проверьте охват: он больше, чем в прошлом году, в восемь раз.")
        dialog.question_box.setCurrentIndex(dialog.question_box.findData("k1.structure"))
        dialog.question_comment.setText("Укажите, кто именно ведёт информационную работу")
        dialog.add_note()
        dialog.question_box.setCurrentIndex(dialog.question_box.findData("k6.members_reached"))
        dialog.question_comment.setText("Охват взят за два года? Нужен охват на конец отчётного года")
        dialog.add_note()
        dialog.show()
        save(dialog, folder, "review-return-dialog", app)
        window._decide("return", [small], dialog.comment(), dialog.questions())
        dialog.close()
        window.write_return_files(str(files), [small], 2025)
        window.refresh_status()
        save(window, folder, "review-status", app)
        window.tabs.setCurrentIndex(JOURNAL_TAB)
        save(window, folder, "review-journal", app)
        window.close()

        chair = scratch_window(app, chair_folder)
        [returned] = window.written_files
        import_documents(chair.view.store, [returned])
        org = chair.view.store.find_organization(SMALL)
        chair.view.refresh(org.id)
        chair.view.show_organization(org)
        chair.view.select_year(2025)
        wizard = chair.view.open_selected()
        save(wizard, folder, "review-result-comment", app)  # a complete assessment opens on its result
        for name, qid in (
            ("review-wizard-comment", "k1.structure"),
            ("review-wizard-comment-k6", "k6.members_reached"),
        ):
            wizard.restart()
            page = next(p for p in wizard.section_pages if qid in p.rows)
            wizard.go_to(page.section.id)
            settle(app)
            page.scroll_area.ensureWidgetVisible(page.rows[qid], 0, 160)
            save(wizard, folder, name, app)
        wizard.close()
        chair.view.store.close()
        territory.view.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
