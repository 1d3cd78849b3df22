"""Dialogs open no larger than the screen they open on leaves free (less a title bar), and can shrink to a
1024×600 netbook's: «Что изменится…» of the profile editor was 900×600 and the breakdown of a KPI 1000×560 —
with a title bar and a taskbar, taller than a 1024×600 screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_impact_dialog import federation_window  # noqa: F401 (fixture)

from maturity.engine.session import AssessmentSession
from maturity.method.profile import load_profile
from ui.wizard.kpi_breakdown import KpiBreakdownDialog

PROFILE = load_profile()
SMALL = (1024 - 40, 600 - 28)


def fits_its_screen(dialog) -> None:
    free = (dialog.screen() or QApplication.primaryScreen()).availableGeometry()
    assert dialog.width() <= free.width() - 40 and dialog.height() <= free.height() - 28, (dialog.size(), free)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint


def test_the_breakdown_of_every_kpi_fits_its_screen(qtbot, example_answers):
    from maturity.engine.explain import explain

    session = AssessmentSession(profile=PROFILE, year=2025, answers=example_answers("primary-shipyard.json"))
    for kpi in explain(PROFILE, session.answers, session.score()):
        dialog = KpiBreakdownDialog(PROFILE, kpi, session.answers, None)
        qtbot.addWidget(dialog)
        fits_its_screen(dialog)


@pytest.mark.slow
def test_what_will_change_fits_its_screen(federation_window, qtbot):  # noqa: F811
    window, _url = federation_window
    editor = window.view.open_profile_editor()
    editor.new_version.setText("2027.1")
    dialog = editor.open_impact()
    assert dialog is not None and dialog.isVisible()
    fits_its_screen(dialog)


def test_the_editors_version_hint_is_whole_at_1024_by_600(federation_window, qtbot):  # noqa: F811
    window, _url = federation_window
    editor = window.view.open_profile_editor()
    assert editor.minimumSizeHint().width() <= SMALL[0]
    editor.resize(*SMALL)
    qtbot.waitUntil(lambda: editor.width() == SMALL[0])
    field = editor.new_version
    room = field.contentsRect().width() - field.textMargins().left() - field.textMargins().right() - 4
    assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room
    assert field.mapTo(editor, field.rect().topRight()).x() < editor.width()
