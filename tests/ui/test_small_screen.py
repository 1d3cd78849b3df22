"""At 1024×600 no wizard section is cut on the right: long option labels wrap instead of widening a page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from maturity.engine.session import AssessmentSession
from maturity.method.profile import load_profile
from ui.wizard.wizard import AssessmentWizard

PROFILE = load_profile()


@pytest.fixture
def small_wizard(qtbot, example_answers):
    session = AssessmentSession(profile=PROFILE, year=2025, answers=example_answers("primary-shipyard.json"))
    wizard = AssessmentWizard(session, organization_name="ППО")
    qtbot.addWidget(wizard)
    wizard.resize(1024, 600)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_the_wizard_can_be_as_small_as_1024_by_600(small_wizard):
    hint = small_wizard.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert small_wizard.width() == 1024


@pytest.mark.slow
@pytest.mark.parametrize("section", PROFILE.sections, ids=lambda s: s.id)
def test_no_section_is_wider_than_the_window(small_wizard, qtbot, section):
    wizard = small_wizard
    wizard.go_to(section.id)
    page = wizard.currentPage()
    assert page.section.id == section.id
    qtbot.wait(10)
    viewport = page.scroll_area.viewport()
    assert page.scroll_area.widget().minimumSizeHint().width() <= viewport.width()
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    for row in page.rows.values():
        if row.isVisible():
            right = row.editor.mapTo(viewport, row.editor.rect().topRight()).x()
            assert right <= viewport.width(), row.question.id
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
