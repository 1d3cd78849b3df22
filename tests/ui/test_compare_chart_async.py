"""The comparison's chart is drawn off the UI thread (bench/ui_windows.py: matplotlib drawing «Динамика по годам» on
the UI thread stopped the window 0.7 s at 10 000 organizations): the chart area stays blank while the drawing runs,
then shows the figure; no drawing happens on the UI thread; closing the window while it draws is safe.

The window runs with the app's real ThreadRunner (the other comparison tests use the synchronous one)."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from comparison_data import fill
from PySide6.QtCore import QThreadPool


@pytest.fixture
def engine(sqlite_url):
    from maturity.storage.database import open_database

    engine = open_database(sqlite_url)
    fill(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def drawn_on(monkeypatch):
    """The threads matplotlib's Agg canvas drew on (the Qt canvas draws through it too)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    threads: list[int] = []
    draw = FigureCanvasAgg.draw

    def recorded(canvas):
        threads.append(threading.get_ident())
        return draw(canvas)

    monkeypatch.setattr(FigureCanvasAgg, "draw", recorded)
    return threads


def open_window(qtbot, engine, base_profile):
    from ui.background import ThreadRunner
    from ui.compare.window import CompareWindow

    window = CompareWindow(engine, base_profile, ThreadRunner())
    qtbot.addWidget(window)
    window.resize(1340, 720)
    window.show()
    qtbot.waitUntil(lambda: window.model.frame is not None, timeout=10_000)
    return window


def show_years(window) -> None:
    window.tabs.setCurrentIndex(1)
    window.chart_kind.setCurrentIndex(window.chart_kind.findData("years"))


@pytest.mark.slow
def test_the_years_chart_is_blank_while_drawn_off_the_ui_thread_then_shows_the_figure(
    qtbot, engine, base_profile, drawn_on
):
    window = open_window(qtbot, engine, base_profile)
    show_years(window)

    assert not window.chart.drawn  # the drawing is under way: nothing shown yet
    assert window.chart.image.pixmap().isNull()
    qtbot.waitUntil(lambda: window.chart.drawn, timeout=10_000)

    pixmap = window.chart.image.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 360 and pixmap.height() >= 240
    axes = window.chart.figure.axes[0]
    years = sorted({round(x) for line in axes.get_lines() for x in line.get_xdata()})
    assert years == [2024, 2025]
    assert window.save_button.isEnabled()
    assert drawn_on and threading.main_thread().ident not in drawn_on


@pytest.mark.slow
def test_closing_the_comparison_while_its_chart_is_drawn_is_safe(qtbot, engine, base_profile, drawn_on):
    window = open_window(qtbot, engine, base_profile)
    show_years(window)
    assert not window.chart.drawn  # closed mid-load

    window.close()
    window.deleteLater()
    qtbot.wait(50)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(200)  # the chart's result delivered to a window that has gone: dropped (an error would fail the test)

    assert not shiboken6.isValid(window)
    assert threading.main_thread().ident not in drawn_on
