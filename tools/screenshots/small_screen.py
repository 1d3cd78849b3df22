"""The wizard at 1024×600 (a netbook): no section cut on the right, marks on skipped required questions, the
result page with its radar.

python -m tools.screenshots.small_screen docs/screenshots
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save

EXAMPLE = ROOT / "examples" / "primary-shipyard.json"
SECTIONS = ("profile", "k4", "k6", "k7", "k8")


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.engine.session import AssessmentSession
    from maturity.method.profile import load_profile
    from ui.app import install_russian
    from ui.wizard.wizard import AssessmentWizard

    install_russian(app)
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
    profile = load_profile()
    session = AssessmentSession(profile=profile, year=2025, answers=answers)
    wizard = AssessmentWizard(session, organization_name=answers["profile.name"])
    wizard.resize(1024, 600)
    wizard.show()
    for section in SECTIONS:
        wizard.go_to(section)
        save(wizard, folder, f"30-wizard-1024x600-{section}", app)
    wizard.go_to("result")  # the radar's labels whole, none over another
    save(wizard, folder, "30-result-1024x600", app)

    empty = AssessmentSession(profile=profile, year=2025, answers={})
    marked = AssessmentWizard(empty, organization_name="ППО")
    marked.resize(1024, 600)
    marked.show()
    marked.next()  # «Далее» past the empty required questions of the first section…
    marked.back()  # …and back: they are marked
    save(marked, folder, "31-wizard-required-marked", app)
    for shown in (wizard, marked):
        shown.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
