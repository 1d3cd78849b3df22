"""Screenshots of the 2026.1 method and the ФПЛО profile (run under Xvfb like the others):

    python -m tools.screenshots.method_2026 docs/screenshots

An oblast organization (examples/territorial-health.json, 900 members, no site) assessed under ``fplo`` 2026.1:
the wizard's pages that 2026.1 changes (their questions asked of a territorial organization) and the result's
norms, where the site and the page on the higher body's site fail whatever the size.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.main_window import fill
from tools.screenshots.shots import example_answers, example_organization, main_window_on_a_throwaway_database, save

CHANGED_PAGES = ("k3", "k4", "k6", "k8", "k10")


def main(out: str) -> int:
    from maturity.method.profile import load_profile
    from ui.actions.new_assessment import StartAssessment

    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    profile = load_profile("fplo")
    answers = example_answers("territorial-health.json")
    answers |= {"profile.members": 900, "k6.members_reached": 600, "k4.site_exists": False, "k4.social_pages": 2}
    with main_window_on_a_throwaway_database(app) as window:
        store = window.view.store
        org = example_organization(store, profile, answers)
        window.view.refresh(org.id)
        wizard = StartAssessment(window.view.context, org, 2026, profile.id).do()
        assert wizard is not None
        for page in wizard.section_pages:
            fill(page, answers)
            if page.section.id in CHANGED_PAGES:
                scroll = page.scroll_area.verticalScrollBar()
                scroll.setValue(scroll.maximum())  # the questions 2026.1 adds are at the end of their pages
                save(wizard, folder, f"40-wizard-2026-{page.section.id}", app)
            wizard.next()
        result = wizard.result_page
        result.tabs.setCurrentIndex(1)
        save(wizard, folder, "41-result-fplo-norms", app)
        wizard.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
