"""Driving the real wizard widgets as a user would: click radio buttons and check boxes, pick
combo items, set spin boxes, type text, press «Далее».

Imported by the UI tests; also run as a script by the kill test:

    python tests/ui/wizard_driver.py DB_URL ANSWERS.json STOP_SECTION [pause|no-pause]

opens the app's main window on DB_URL, creates the organization, starts the 2025 assessment,
fills every page up to STOP_SECTION with the answers, fills the first answer of STOP_SECTION,
then (``pause``, the default) pauses as a person would until the draft is written, or
(``no-pause``) does not; prints «READY <section>» and waits to be killed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from ui.wizard.editors import AnswerEditor, BoolEditor, ChoiceEditor, IntEditor, MultiEditor, NumberEditor, TextEditor


def set_editor(editor: AnswerEditor, value: Any) -> None:
    """Give ``value`` through the editor's own widgets (their signals fire as on real input)."""
    if isinstance(editor, BoolEditor):
        (editor.yes if value else editor.no).click()
    elif isinstance(editor, (IntEditor, NumberEditor)):
        editor.spin.setValue(value)
    elif isinstance(editor, ChoiceEditor):
        editor.combo.setCurrentIndex(editor.combo.findData(value))
    elif isinstance(editor, MultiEditor):
        if value == []:
            editor.none_box.click()
        for option_id, box in editor.boxes.items():
            if (option_id in value) != box.isChecked():
                box.click()
    elif isinstance(editor, TextEditor):
        # QTest.keyClicks cannot type Cyrillic (an assertion in Qt); insert() edits like paste does
        editor.line.selectAll()
        QTest.keyClick(editor.line, Qt.Key.Key_Delete)
        editor.line.insert(value)
    else:  # pragma: no cover - a new editor type needs a line here
        raise TypeError(type(editor).__name__)


def fill_page(page: Any, answers: Mapping[str, Any], limit: int | None = None) -> list[str]:
    """Answer the page's visible questions present in ``answers``, in order; the ids answered."""
    done = []
    for question_id, row in page.rows.items():
        if limit is not None and len(done) >= limit:
            break
        if question_id in answers and not row.isHidden():
            set_editor(row.editor, answers[question_id])
            done.append(question_id)
    return done


def press_next(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def fill_wizard(wizard: Any, answers: Mapping[str, Any], stop_at: str | None = None) -> None:
    """Fill every section page from the current one, pressing «Далее»; stop on ``stop_at``."""
    while True:
        page = wizard.currentPage()
        section = getattr(page, "section", None)
        if section is None or section.id == stop_at:
            return
        fill_page(page, answers)
        press_next(wizard)


def main(db_url: str, answers_path: str, stop_section: str, pause: str = "pause") -> int:
    from PySide6.QtWidgets import QApplication

    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_russian(app)
    answers = json.loads(open(answers_path, encoding="utf-8").read())["answers"]
    window = MainWindow(db_url, runner=SyncRunner())
    window.show()
    window.open_database()
    window.card.name.setText(answers["profile.name"])
    window.card.members.setValue(answers["profile.members"])
    window.card.save_button.click()
    wizard = window.view.start_assessment(2025)
    fill_wizard(wizard, answers, stop_at=stop_section)
    fill_page(wizard.currentPage(), answers, limit=1)
    if pause == "pause":
        saver = wizard.session.on_change
        while saver.pending:  # the pause after which the draft is written
            QTest.qWait(50)
    print(f"READY {wizard.position()}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
