"""«Что изменится…» in the profile editor (issue 28, part 1), driven through the real widgets over a generated
federation: the dialog shows the use case's figures for the version being edited, with progress, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from impact_data import federation_copy
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from maturity.views import impact_text

TARGET = "parameters.meetings_target"


@pytest.fixture
def federation_window(qtbot, qapp, tmp_path, ui_settings):
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    install_russian(qapp)
    url = federation_copy(tmp_path)
    reports: list[tuple[int, int]] = []
    window = MainWindow(
        url,
        settings=ui_settings,
        runner=SyncRunner(on_progress=lambda d, done, total, text: reports.append((done, total))),
    )
    qtbot.addWidget(window)
    window.resize(1100, 680)
    window.show()
    window.open_database()
    window.progress_reports = reports
    yield window, url
    if window.is_open:
        window.view.store.close()


def _digest(url: str) -> str:
    return hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


@pytest.mark.slow
def test_what_will_change_shows_the_impact_of_the_edited_version_for_the_latest_year(federation_window, qtbot):
    from maturity.usecases.version_impact import version_impact

    window, url = federation_window
    editor = window.view.open_profile_editor()
    assert editor.impact_button.isVisible()
    editor.show_group(editor.group_titled("Целевые значения"))
    _type(qtbot, editor.findChild(QLineEdit, f"field:{TARGET}"), "12")
    _type(qtbot, editor.new_version, "2027.1")
    written = _digest(url)

    qtbot.mouseClick(editor.impact_button, Qt.MouseButton.LeftButton)

    dialog = editor.impact_dialog
    assert dialog is not None and dialog.isVisible() and dialog.year == 2025
    edited = editor.edited_profile()
    assert edited is not None and edited.parameters["meetings_target"] == 12
    expected = version_impact(window.view.context.engine, edited, 2025)
    assert expected is not None and expected.index_changed > 0
    assert dialog.impact == expected
    assert dialog.headline.text() == impact_text.headline(expected)
    assert dialog.index_line.text() == impact_text.index_line(expected)
    movers = dialog.models[3].stringList()
    assert movers == [line.strip() for line in impact_text.mover_lines(expected, edited)]
    assert window.progress_reports[-1] == (expected.assessments, expected.assessments)
    assert _digest(url) == written  # nothing written

    dialog.year_choice.setCurrentIndex(dialog.year_choice.findData(2024))
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.impact is not None and dialog.impact.year == 2024
    assert dialog.impact == version_impact(window.view.context.engine, edited, 2024)


@pytest.mark.slow
def test_without_a_new_version_the_editor_says_so_and_opens_nothing(federation_window, qtbot):
    window, _url = federation_window
    editor = window.view.open_profile_editor()
    qtbot.mouseClick(editor.impact_button, Qt.MouseButton.LeftButton)
    assert editor.impact_dialog is None
    assert "верси" in editor.message.text()


@pytest.mark.slow
def test_cancel_in_the_progress_dialog_stops_the_recount_and_says_so(qtbot, qapp, tmp_path, ui_settings):
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    install_russian(qapp)
    url = federation_copy(tmp_path)

    def press_cancel(dialog, done, total, text):
        if done == 0:
            from PySide6.QtWidgets import QPushButton

            button = dialog.findChild(QPushButton)
            assert button.text() == "Отмена"
            button.click()  # «Отмена» before the first batch is re-scored

    window = MainWindow(url, settings=ui_settings, runner=SyncRunner(on_progress=press_cancel))
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    try:
        editor = window.view.open_profile_editor()
        _type(qtbot, editor.new_version, "2027.1")
        qtbot.mouseClick(editor.impact_button, Qt.MouseButton.LeftButton)
        assert editor.impact_dialog.impact is None
        assert editor.impact_dialog.headline.text() == "Пересчёт остановлен."
    finally:
        window.view.store.close()
