"""The consolidated report from the comparison window: written off the UI thread with a determinate bar
that moves up to its maximum, while the window keeps handling events; «Отмена» writes nothing."""

from __future__ import annotations

import pytest
from benchmark_data import fill_values
from openpyxl import load_workbook
from PySide6.QtCore import QTimer

from ui.background import ProgressDialog, ThreadRunner

ORGANIZATIONS = 400


@pytest.fixture
def window(qtbot, sqlite_url, base_profile):
    from maturity.storage.database import open_database
    from ui.compare.window import CompareWindow

    engine = open_database(sqlite_url)
    fill_values(engine, 2025, "primary", [float(i % 100) for i in range(ORGANIZATIONS)], first_id=1)
    window = CompareWindow(engine, base_profile, ThreadRunner())
    window.runner.parent = window  # the progress dialog belongs to the window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.frame is not None, timeout=10000)  # the window's own background read
    yield window
    engine.dispose()


@pytest.fixture
def bars(monkeypatch):
    """Every (value, maximum) the progress dialog is given and shows, and how many timer ticks the UI had run
    by then. (A modal progress dialog handles events inside setValue: the next report, or the end of the
    work, may arrive before setValue returns — the bar is read only while the dialog is still at work.)"""
    seen: list[tuple[int, int, int]] = []
    ticks = [0]
    shown = ProgressDialog.show_progress

    def show_progress(dialog, done, total, text):
        seen.append((done, total, ticks[0]))
        shown(dialog, done, total, text)
        if dialog.value() >= 0:  # -1: reset by the end of the work, handled inside setValue
            assert dialog.value() >= min(done, total) and dialog.maximum() in (total, 4 * ORGANIZATIONS + 1)

    monkeypatch.setattr(ProgressDialog, "show_progress", show_progress)
    return seen, ticks


@pytest.mark.slow
def test_the_export_shows_a_determinate_bar_up_to_its_maximum_and_the_window_keeps_running(
    window, bars, qtbot, tmp_path
):
    seen, ticks = bars
    timer = QTimer(window)
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    path = tmp_path / "отчёт.xlsx"

    timer.start()
    window.export_table(str(path))
    assert not window.export_button.isEnabled()  # at work: the UI thread is free, not inside the export
    ticks_when_started = ticks[0]
    qtbot.waitUntil(lambda: "сохранён" in window.count_label.text(), timeout=60000)
    timer.stop()

    steps = 4 * ORGANIZATIONS + 1  # a row per organization on four sheets, and saving
    values = [value for value, _maximum, _ticks in seen]
    assert values == sorted(values) and len(set(values)) > 10  # it moves, never back
    assert [maximum for _v, maximum, _t in seen[1:]] == [steps] * (len(seen) - 1)  # the first: reading the base
    assert values[-1] == steps  # it reaches the end
    assert seen[-1][2] > seen[1][2] >= ticks_when_started  # the event loop ran while the rows were written
    assert "организаций: 400" in window.count_label.text() and window.export_button.isEnabled()
    rows = load_workbook(path, read_only=True)["Сводка"].max_row
    assert rows == 2 + ORGANIZATIONS


def test_cancel_stops_the_export_and_writes_no_file(window, qtbot, tmp_path, monkeypatch):
    from ui.background import Progress

    monkeypatch.setattr(Progress, "cancelled", property(lambda self: True))  # «Отмена» pressed at the first step
    path = tmp_path / "отчёт.xlsx"
    window.export_table(str(path))
    qtbot.waitUntil(lambda: "отменён" in window.count_label.text(), timeout=30000)

    assert not path.exists()
    assert window.export_button.isEnabled()
