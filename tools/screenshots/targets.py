"""Screenshots of the organization's own targets (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.targets docs/screenshots

The organization of examples/primary-small.json, its 2025 assessment, the targets its elected body approved
for 2025 (some met, some not) and a few for 2026 already typed in; the result page's «Целевые показатели» tab:
«Выполнение утверждённых целевых показателей: N из M» with each target, and the table of 2026 with a value
below the floor typed in and refused with its reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit

from tools.screenshots.shots import (
    DEFAULT_FOLDER,
    example_answers,
    example_organization,
    main_window_on_a_throwaway_database,
    save,
    settle,
    type_and_enter,
)


def type_into_cell(app: QApplication, panel, row: int, text: str) -> None:
    """As a chair does: select the cell, type (the editor opens), Enter."""
    from ui.plan.targets_model import OWN

    view = panel.view
    index = panel.model.index(row, OWN)
    view.setCurrentIndex(index)
    view.edit(index)
    settle(app)
    editor = next(w for w in view.findChildren(QLineEdit) if w.isVisible())
    type_and_enter(app, editor, text)


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.engine.own_targets import Decision
    from maturity.usecases.own_targets import save_targets

    answers = example_answers()
    with main_window_on_a_throwaway_database(app) as window:
        store, profile = window.view.store, window.view.default_profile
        org = example_organization(store, profile, answers)
        store.save_assessment(org, 2025, profile, answers)
        save_targets(
            store, org, 2025,
            {"funding_target_share": 0.05, "meetings_target": 4, "campaigns_target": 2, "training_events_target": 1,
             "trained_per_members": 100, "posts_per_week_target": 1, "reached_share_target": 0.5},
            Decision("Профком ППО", "14", "2024-12-18"),
        )  # fmt: skip
        save_targets(
            store,
            org,
            2026,
            {"meetings_target": 6, "trained_per_members": 50},
            Decision("Профком ППО", "21", "2025-12-17"),
        )
        window.view.refresh(org.id)
        window.view.select_year(2025)
        wizard = window.view.open_selected()
        page = wizard.result_page
        tab = page.targets_tab
        page.tabs.setCurrentWidget(tab)
        settle(app)
        save(wizard, folder, "targets-results", app)
        panel = tab.panel
        rows = [s.id for s in panel.model.slots]
        type_into_cell(app, panel, rows.index("campaigns_target"), "4")
        type_into_cell(app, panel, rows.index("funding_target_share"), "3,5")  # below the floor: refused
        panel.view.scrollTo(panel.model.index(0, 0))
        settle(app)
        save(wizard, folder, "targets-table", app)
        wizard.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
