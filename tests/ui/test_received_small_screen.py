"""A received assessment (read-only, with its banner) on a 1024×600 netbook, where the app opens the wizard at
984×572: its buttons on screen, the banner a few lines with a scroll bar (whole in a 1366×768 window), the
answers' question and answer side by side with nothing scrolled off to the right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard
from test_received_assessment import open_received

SMALL = (1024 - 40, 600 - 28)  # ui.widgets.screen.fit_to_screen on a 1024×600 screen
BUTTONS = QWizard.WizardButton


def inside(widget, window) -> bool:
    corners = (QPoint(0, 0), QPoint(widget.width() - 1, widget.height() - 1))
    return widget.isVisible() and all(window.rect().contains(widget.mapTo(window, c)) for c in corners)


def sized(qtbot, wizard, width: int, height: int) -> None:
    wizard.resize(width, height)
    qtbot.waitUntil(lambda: (wizard.width(), wizard.height()) == (width, height), timeout=2000)
    QTest.qWait(30)


@pytest.mark.slow
def test_a_received_assessment_fits_1024_by_600_with_its_buttons_and_banner(main_window, qtbot):
    wizard = open_received(main_window)
    sized(qtbot, wizard, *SMALL)  # waits until the wizard has that size: a minimum size held it at 1034×675
    for button in (BUTTONS.CustomButton1, BUTTONS.CancelButton):
        assert inside(wizard.button(button), wizard), wizard.buttonText(button)
    page = wizard.result_page
    assert inside(page.tabs, wizard) and inside(page.passport_button, wizard)
    area = wizard.read_only.banner_area
    lines = wizard.read_only.banner.fontMetrics().lineSpacing()
    assert area.height() <= 3 * lines + 14 and area.verticalScrollBar().maximum() > 0  # the rest scrolled to

    sized(qtbot, wizard, 1180, 740)  # as the app opens it on 1366×768
    assert area.verticalScrollBar().maximum() == 0  # the banner whole
    wizard.close()


@pytest.mark.slow
def test_the_answers_question_and_answer_share_the_width_at_1024_by_600(main_window, qtbot):
    wizard = open_received(main_window)
    sized(qtbot, wizard, *SMALL)
    tabs = wizard.result_page.tabs
    view = wizard.read_only.answers_view
    tabs.setCurrentWidget(view)
    QTest.qWait(30)
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width() and not view.horizontalScrollBar().isVisible()
    question, answer = header.sectionSize(1), header.sectionSize(2)
    assert question >= view.viewport().width() // 4 and answer >= view.viewport().width() // 4
    wizard.close()
