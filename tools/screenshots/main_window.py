"""Screenshots of the app for the documentation (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.main_window docs/screenshots

Builds a throwaway database with the organization of examples/primary-small.json, its previous
year (a weaker assessment, so the radar shows both) and the current year filled in the wizard,
then saves the main window (with the years chart), every wizard page and the result page's tabs
(«Что изменилось» too) as PNG files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import (
    DEFAULT_FOLDER,
    example_answers,
    example_organization,
    main_window_on_a_throwaway_database,
    save,
    settle,
    weaker_year,
)


def fill(page, answers) -> None:
    for question_id, row in page.rows.items():
        if question_id in answers and not row.isHidden():
            row.editor.set_value(answers[question_id])
            page.session.set_answer(question_id, answers[question_id])
            page.refresh()


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    answers = example_answers()
    with main_window_on_a_throwaway_database(app) as window:
        save(window, folder, "01-first-run", app)

        store, profile = window.view.store, window.view.default_profile
        org = example_organization(store, profile, answers)
        store.save_assessment(org, 2024, profile, weaker_year(profile, answers))
        window.view.refresh(org.id)

        wizard = window.view.start_assessment(2025)
        first = wizard.section_pages[0]
        fill(first, answers | {"profile.info_spending": 250000})  # an error beside its field
        save(wizard, folder, "02-wizard-profile-error", app)
        for number, page in enumerate(wizard.section_pages, start=2):
            fill(page, answers)
            scroll = page.scroll_area.verticalScrollBar()
            scroll.setValue(0)
            save(wizard, folder, f"{number:02d}-wizard-{page.section.id}", app)
            if scroll.maximum() > 0:  # a long page: its lower part as well
                scroll.setValue(scroll.maximum())
                save(wizard, folder, f"{number:02d}-wizard-{page.section.id}-end", app)
            wizard.next()
        result = wizard.result_page
        for tab, name in enumerate(("kpis", "norms", "roadmap")):
            result.tabs.setCurrentIndex(tab)
            save(wizard, folder, f"20-result-{name}", app)
        result.tabs.setCurrentIndex(result.change_tab)
        save(wizard, folder, "20-result-change", app)  # «Что изменилось» since 2024
        from PySide6.QtTest import QTest

        QTest.qWait(app.doubleClickInterval() + 50)  # «Сохранить оценку» ignores the second half of a double click
        wizard.accept()
        settle(app)
        window.view.select_year(2025)
        save(window, folder, "00-main-window", app)  # the years chart beside the table
        save(window.years_chart, folder, "00-main-window-years-chart", app)

        draft = window.view.start_assessment(2026)  # begun, left at «Сайт и социальные сети»
        fill(draft.currentPage(), answers)
        draft.go_to("k4")
        draft.close()
        window.view.offer_resume()
        save(window, folder, "00-main-window-resume", app)

        unfinished = window.view.resume_last()  # the draft's result: completeness and what is missing
        unfinished.go_to("result")
        unfinished.result_page.tabs.setCurrentIndex(unfinished.result_page.missing_tab)
        save(unfinished, folder, "21-result-incomplete", app)
        unfinished.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
