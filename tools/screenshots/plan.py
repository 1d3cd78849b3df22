"""Screenshots of a KPI's breakdown and of the plan (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.plan docs/screenshots

The organization of examples/primary-small.json with its previous year (weaker, with a plan of which
some steps were done) and this year; the result page of this year: a KPI's breakdown, the «План» tab
first with the question about last year's plan (its open steps, «по ответам похоже, что выполнен»), then
with this year's plan partly filled in.
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
    weaker_year,
)


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.engine.plan import PlanStep, default_plan

    answers = example_answers()
    with main_window_on_a_throwaway_database(app) as window:
        store, profile = window.view.store, window.view.default_profile
        org = example_organization(store, profile, answers)
        before = weaker_year(profile, answers)
        store.save_assessment(org, 2024, profile, before)
        last_plan = default_plan(profile, before, 2024)[:6]
        statuses = ("done", "done", "done", "in_progress", "dropped", "planned")
        store.save_plan(
            org,
            2024,
            [
                PlanStep(s.step, status, "Председатель", s.due, "")
                for s, status in zip(last_plan, statuses, strict=False)
            ],
        )
        store.save_assessment(org, 2025, profile, answers)
        window.view.refresh(org.id)
        window.view.select_year(2025)
        wizard = window.view.open_selected()
        page = wizard.result_page

        page.kpi_view.selectRow(0)
        dialog = page.open_breakdown(0)
        save(dialog, folder, "22-result-breakdown", app)
        dialog.close()

        panel = page.plan_panel
        page.tabs.setCurrentWidget(panel)
        save(wizard, folder, "24-result-last-year-plan-question", app)  # what was done of last year's plan?
        model = panel.model
        edits = [
            (0, 2, "done"),
            (0, 3, "Иванова Е. В."),
            (1, 2, "in_progress"),
            (1, 3, "Петров А. С."),
            (1, 5, "смета на 2026 год"),
            (2, 3, "Иванова Е. В."),
            (3, 2, "dropped"),
            (3, 5, "перенесено"),
        ]
        for row, column, value in edits:
            model.setData(model.index(row, column), value)
        save(wizard, folder, "23-result-plan", app)
        wizard.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
