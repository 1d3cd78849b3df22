"""The passport as the chair prints it (run by scripts/screenshots under Xvfb):

    python -m tools.screenshots.passport docs/screenshots

The organization of examples/primary-small.json with its previous year (weaker, its road map kept as the
plan, some steps done) and this year (its road map kept as the plan, with the responsible people). The
result page with «Печать / PDF…» → ``passport-action.png``; the PDF it writes, rendered by ``pdftoppm``
(poppler-utils) at 70 dpi → ``passport-1.png``, ``passport-2.png``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from tools.screenshots.shots import (
    DEFAULT_FOLDER,
    ROOT,
    example_answers,
    example_organization,
    save,
    scratch_window,
    settle,
    weaker_year,
)

STATUSES = ("done", "done", "done", "in_progress", "dropped", "planned")
PEOPLE = ("Иванова Е. В.", "Петров А. С.")


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.engine.plan import PlanStep, default_plan
    from ui.wizard.wizard import RESULT_POSITION

    answers = example_answers()
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        store, profile = window.view.store, window.view.default_profile
        org = example_organization(store, profile, answers)
        before = weaker_year(profile, answers)
        store.save_assessment(org, 2024, profile, before)
        last = default_plan(profile, before, 2024)
        store.save_plan(org, 2024, [PlanStep(s.step, STATUSES[i % 6], PEOPLE[0], s.due) for i, s in enumerate(last)])
        store.save_assessment(org, 2025, profile, answers)
        plan = default_plan(profile, answers, 2025)
        steps = [PlanStep(s.step, "planned", PEOPLE[i % 2], s.due) for i, s in enumerate(plan)]
        steps[0] = PlanStep(plan[0].step, "planned", PEOPLE[0], plan[0].due, "смета на 2026 год")
        store.save_plan(org, 2025, steps)
        window.view.refresh(org.id)
        window.view.select_year(2025)
        wizard = window.view.open_selected()
        wizard.go_to(RESULT_POSITION)
        settle(app)
        save(wizard, folder, "passport-action", app)

        pdf = Path(tmp) / "паспорт.pdf"
        QFileDialog.getSaveFileName = lambda *a, **k: (str(pdf), "")  # type: ignore[method-assign]
        wizard.result_page.passport_button.click()
        wizard.close()
        store.close()
        if not pdf.is_file():
            print(f"паспорт не записан: {wizard.result_page.status.text()}", file=sys.stderr)
            return 1
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(folder / "passport")], check=True)
    for page in sorted(folder.glob("passport-*.png")):
        if page.stem.removeprefix("passport-").isdigit():
            print(page.relative_to(ROOT) if page.is_relative_to(ROOT) else page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
