"""The desktop app's step of ``maturity --self-test``: Qt's widgets load and the main window opens.

Run off screen (``QT_QPA_PLATFORM=offscreen`` unless the caller chose a platform), on the
self-test's temporary database and settings file, so nothing of the user's is touched and no
window flashes on the screen. Also checks that Qt's Russian translation (qtbase_ru.qm, the
buttons of standard dialogs) is where Qt looks for it and that the window icon is there — in a
bundle they are easy to leave out.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from maturity.usecases.selftest import SelfTestContext, SelfTestFailure, Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main.main_window import MainWindow

PLATFORM_VARIABLE = "QT_QPA_PLATFORM"
OPEN_TIMEOUT_S = 60


def check_main_window(context: SelfTestContext) -> str:
    os.environ.setdefault(PLATFORM_VARIABLE, "offscreen")
    from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.app import WINDOW_ICON, install_russian
    from ui.main.main_window import APP_TITLE, MainWindow
    from ui.widgets.screen import fit_main_window

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load(QLocale(QLocale.Language.Russian), "qtbase", "_", translations):
        raise SelfTestFailure(f"нет русского перевода Qt (qtbase_ru.qm) в папке {translations}")
    if QIcon(str(WINDOW_ICON)).isNull():
        raise SelfTestFailure(f"нет значка программы {WINDOW_ICON}")
    install_russian(app)
    settings = QSettings(str(context.folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context.database_url or None, settings=settings)
    try:
        fit_main_window(window)
        window.show()
        app.processEvents()
        window.open_database()  # off the UI thread, as when the program starts
        message = wait_for_database(app, window)
        if message is not None:
            raise SelfTestFailure(f"главное окно сообщило: {message}")
        if not window.is_open:
            raise SelfTestFailure(f"главное окно не открыло базу данных за {OPEN_TIMEOUT_S} с")
        if APP_TITLE not in window.windowTitle():
            raise SelfTestFailure(f"у главного окна не тот заголовок: «{window.windowTitle()}»")
        check_chart_canvas(context)
        size = window.size()
        return f"{app.platformName()}, {size.width()}×{size.height()}, диаграмма, перевод Qt ru"
    finally:
        if window.is_open:  # release the SQLite file, so the temporary folder can go (Windows)
            engine = window.view.context.engine
            window.view.store.close()
            engine.dispose()
        window.close()
        window.deleteLater()
        app.processEvents()


def check_chart_canvas(context: SelfTestContext) -> None:
    """The result page's radar on matplotlib's Qt canvas: drawn, and not a blank picture."""
    from maturity.views.charts import kpi_radar
    from ui.widgets.chart_view import ChartView

    profile = context.document.profile
    view = ChartView()
    try:
        view.set_figure(kpi_radar({k.id: k.title for k in profile.kpis}, context.result.kpis))
        view.resize(520, 420)
        if view.canvas is None:
            raise SelfTestFailure("лепестковая диаграмма не построена")
        view.canvas.draw()
        image = view.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        if image.isNull() or len(colours) < 3:
            raise SelfTestFailure("лепестковая диаграмма на экране пустая")
    finally:
        view.deleteLater()


def wait_for_database(app: QApplication, window: MainWindow) -> str | None:
    """Run the event loop until the window has its store; a message box shown meanwhile (an error)
    is closed and its text returned, so that a failure never waits for a click nobody makes."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QMessageBox

    loop, timer, messages = QEventLoop(), QTimer(), list[str]()
    deadline = time.monotonic() + OPEN_TIMEOUT_S

    def check() -> None:
        modal = app.activeModalWidget()
        if isinstance(modal, QMessageBox):
            messages.append(" ".join(filter(None, (modal.text(), modal.informativeText()))))
            modal.done(QMessageBox.StandardButton.Close)
        if window.is_open or messages or time.monotonic() > deadline:
            timer.stop()
            loop.quit()

    timer.timeout.connect(check)
    timer.start(20)
    loop.exec()
    return messages[0] if messages else None


WINDOW_STEP = Step("окно", check_main_window)
