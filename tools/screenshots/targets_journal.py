"""Screenshots of the journal of own targets and of an accepted year's targets (run by scripts/screenshots under
Xvfb).

    python -m tools.screenshots.targets_journal docs/screenshots

The organization of examples/primary-small.json with its 2024 and 2025 assessments. On the 2024 result page the
chair types the targets of 2025 and the decision that approved them (each change a journal entry); the territory
accepts 2025; the comparison's «Журнал» tab of 2025 shows the entries («целевые показатели утверждены / изменены»,
each target old → new), and the 2024 result page opens the targets of 2025 read-only, saying who accepted the year.
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
    type_and_enter,
    weaker_year,
)
from tools.screenshots.targets import type_into_cell


def open_2024(app: QApplication, window, org):
    window.view.refresh(org.id)
    window.view.select_year(2024)
    wizard = window.view.open_selected()
    page = wizard.result_page
    page.tabs.setCurrentWidget(page.targets_tab)
    settle(app)
    return wizard, page.targets_tab.panel


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.method.profile import load_profile
    from maturity.usecases.review import decide
    from ui.compare.window import JOURNAL_TAB

    answers = example_answers()
    with main_window_on_a_throwaway_database(app) as window:
        store = window.view.store
        profile = load_profile("fnpr-base", "2025.1")  # the example's version: its 2025 answers are complete
        org = example_organization(store, profile, answers)
        store.save_assessment(org, 2024, profile, weaker_year(profile, answers))
        store.save_assessment(org, 2025, profile, answers)
        wizard, panel = open_2024(app, window, org)
        rows = [s.id for s in panel.model.slots]
        type_into_cell(app, panel, rows.index("funding_target_share"), "6")
        type_into_cell(app, panel, rows.index("meetings_target"), "6")
        type_into_cell(app, panel, rows.index("funding_target_share"), "7,5")
        type_and_enter(app, panel.body, "Профком ППО")
        type_and_enter(app, panel.number, "14")
        type_and_enter(app, panel.date, "18.12.2024")
        wizard.close()
        decide(store, org, 2025, "accept")

        comparison = window.view.open_comparison()
        comparison.resize(1340, 720)
        comparison.year.setCurrentIndex(comparison.year.findData(2025))
        comparison.tabs.setCurrentIndex(JOURNAL_TAB)
        settle(app)
        save(comparison, folder, "targets-journal", app)
        comparison.close()

        wizard, panel = open_2024(app, window, org)
        save(wizard, folder, "targets-locked", app)
        wizard.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
