"""The wizard by keyboard: Tab walks every answer — both «Да» and «Нет» — and never stops at «×»."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from maturity.engine.session import AssessmentSession
from maturity.method.profile import load_profile
from ui.wizard.editors import BoolEditor
from ui.wizard.section_page import SectionPage

PROFILE = load_profile()


def tab_walk(page: SectionPage, start, presses: int) -> list:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [QApplication.focusWidget()]
    for _ in range(presses):
        assert QApplication.focusWidget() is not None
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


@pytest.mark.parametrize("section", [s for s in PROFILE.sections if any(q.type == "bool" for q in s.questions)],
                         ids=lambda s: s.id)  # fmt: skip
def test_tab_reaches_yes_and_no_of_every_question_and_never_a_clear_button(qtbot, section):
    # a territorial organization: it is asked every question (2026.1 asks some of higher bodies only)
    session = AssessmentSession(
        profile=PROFILE, year=2025, answers={PROFILE.organization_question("level"): "territorial"}
    )
    page = SectionPage(session, section)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.initializePage()
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    first = page.rows[section.questions[0].id].editor
    seen = tab_walk(page, first, presses=60)
    assert not any(isinstance(w, QToolButton) for w in seen)
    visible_bools = [r.editor for r in page.rows.values() if isinstance(r.editor, BoolEditor) and r.isVisible()]
    for editor in visible_bools:
        assert editor.yes in seen and editor.no in seen, editor.question.id
    # and «Нет» by keyboard is an answer: Space on it
    editor = visible_bools[0]
    editor.no.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(editor.no, Qt.Key.Key_Space)
    assert session.answer(editor.question.id) is False
    QTest.keyClick(editor.no, Qt.Key.Key_Space)  # pressing the chosen answer again keeps it
    assert session.answer(editor.question.id) is False and editor.no.isChecked() and not editor.yes.isChecked()
