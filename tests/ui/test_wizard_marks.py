"""«Далее» past empty required questions goes on and marks them; an implausible figure is warned about."""

from __future__ import annotations

import pytest
from base_versions import pin_window_to_2025_1
from PySide6.QtWidgets import QWizard
from wizard_driver import fill_page, press_next, set_editor

from ui.wizard.section_page import MISSING_TEXT


@pytest.mark.slow
def test_next_with_required_questions_empty_goes_on_and_marks_them(main_window, organization, example_answers):
    pin_window_to_2025_1(main_window)  # the example answers' figures under 2025.1
    wizard = main_window.view.start_assessment(2025)
    answers = example_answers("primary-small.json")
    for page in wizard.section_pages:  # every section: answer half of it, then «Далее»
        assert wizard.currentPage() is page
        required = [q.id for q in page.section.questions if not q.optional]
        half = {q: answers[q] for q in required[: len(required) // 2] if q in answers}
        fill_page(page, half)
        assert not page.missing_rows()  # nothing is marked before the chair passes by
        press_next(wizard)
        missing = {q.id for q in wizard.session.missing_required() if q.section_id == page.section.id}
        assert {row.question.id for row in page.missing_rows()} == missing
        for row in page.missing_rows():
            assert row.property("missing") is True and row.message.text() == MISSING_TEXT
            assert not row.message.isHidden()
    assert wizard.position() == "result"

    # back on a page, answering a marked question takes its mark away
    first = wizard.section_pages[0]
    while wizard.currentPage() is not first:
        wizard.back()
    marked = first.missing_rows()
    if marked:
        row = marked[0]
        set_editor(row.editor, answers.get(row.question.id, 1))
        assert row not in first.missing_rows() and row.message.isHidden()


def test_an_implausible_figure_is_a_warning_beside_the_field_and_next_stays_enabled(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    page = wizard.currentPage()
    profile = wizard.session.profile
    members_id = profile.organization_question("members")
    question = next(q for q in page.section.questions if q.plausible_per and q.plausible_per.question == members_id)
    set_editor(page.rows[members_id].editor, 5)
    set_editor(page.rows[question.id].editor, 99_999_999)

    message = page.rows[question.id].message
    assert not message.isHidden() and message.text() == question.plausible_message
    assert "8a5a00" in message.styleSheet()  # amber, a warning; errors are red
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    set_editor(page.rows[question.id].editor, 40)
    assert message.isHidden()
