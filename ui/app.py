"""Starting the desktop app: a window on screen first, the database right after its first paint.

Only PySide6 is imported before the window shows; the database (SQLAlchemy, Alembic), the method
(pydantic, YAML) and matplotlib load when first needed. ``MATURITY_STARTUP_PROBE=1`` makes the app
print the time of its first paint and the heavy modules already loaded
(``first-paint <unix time> loaded:<modules> cpu:<CPU seconds>``), then build the window's content and print the time of its
paint (``content-paint <unix time>``) and quit: bench/startup.py and the tests use it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

PROBE_VARIABLE = "MATURITY_STARTUP_PROBE"
WINDOW_ICON = Path(__file__).resolve().parent / "resources" / "maturity.png"  # packaging/icons/make_icons.py
QT_GAPS_TRANSLATION = WINDOW_ICON.with_name("qt_gaps_ru.qm")  # from qt_gaps_ru.ts beside it (pyside6-lrelease)
# Loaded only when first needed: none of them may be imported before the window is on screen.
HEAVY_MODULES = ("matplotlib", "openpyxl", "alembic", "sqlalchemy", "sqlmodel", "pydantic", "yaml")


class FirstPaint(QObject):
    """Calls ``then`` once, on the event loop right after the widget's first paint."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def install_russian(app: QApplication) -> QTranslator | None:
    """Russian numbers in editors (120 000,50) and Qt's own dialogs in Russian: Qt's ``qtbase_ru.qm``
    (the PySide6 wheel ships it in its translations folder; the bundle keeps it, packaging/maturity.spec).
    Returns the installed translator (None when the file is missing: Qt's buttons then read in English)."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Russian), "qtbase", "_", path):
        sys.stderr.write(
            f"Не найден перевод кнопок Qt (qtbase_ru.qm) в {path}: стандартные кнопки будут по-английски\n"
        )
        return None
    app.installTranslator(translator)
    gaps = QTranslator(app)  # asked first: the few words qtbase_ru lacks (Qt's file dialog), nothing else
    if gaps.load(str(QT_GAPS_TRANSLATION)):
        app.installTranslator(gaps)
    return translator


def qt_cancel_text() -> str:
    """The text Qt gives its standard «Cancel» button now (with the Russian translation: «Отмена»)."""
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    buttons.deleteLater()
    return text


def start_application() -> QApplication:
    """QApplication, or — when Qt cannot start its platform plugin (no X server, a missing libxcb-cursor0),
    which it reports as a fatal message and then aborts — the Russian message of ui.display_check and exit 1.

    Qt's messages while starting are held back and printed after the Russian one (or, when all went
    well, as they would have been)."""
    from ui.display_check import EXIT_NO_DISPLAY, no_display_message

    held: list[str] = []

    def hold(kind: QtMsgType, context: object, message: str) -> None:
        held.append(message)
        if kind == QtMsgType.QtFatalMsg:  # Qt aborts right after this handler returns: leave first
            sys.stderr.write(no_display_message("Qt не смог открыть экран"))
            sys.stderr.write("Сообщение Qt:\n" + "\n".join(held).strip() + "\n")
            sys.stderr.flush()
            os._exit(EXIT_NO_DISPLAY)

    qInstallMessageHandler(hold)
    try:
        app = QApplication(sys.argv[:1])
    finally:
        qInstallMessageHandler(None)
    for message in held:
        sys.stderr.write(message + "\n")
    return app


def run_app(db_url: str | None) -> int:
    """Open the main window on the database ``db_url`` (None: MATURITY_DB or the default file)."""
    probe = os.environ.get(PROBE_VARIABLE) == "1"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else start_application()
    app.setApplicationName("Цифровая зрелость")
    app.setOrganizationName("maturity")
    app.setWindowIcon(QIcon(str(WINDOW_ICON)))
    install_russian(app)
    from ui.main.main_window import MainWindow
    from ui.widgets.screen import fit_main_window

    window = MainWindow(db_url, content_later=True)
    fit_main_window(window)

    def painted() -> None:
        if probe:
            loaded = [m for m in HEAVY_MODULES if m in sys.modules]
            print(f"first-paint {time.time():.6f} loaded:{','.join(loaded)} cpu:{time.process_time():.6f}", flush=True)
            window.build_content()
            FirstPaint(window.content_widget(), content_painted)
            return
        window.open_database()  # builds the content first

    def content_painted() -> None:
        print(f"content-paint {time.time():.6f} cpu:{time.process_time():.6f}", flush=True)
        print(f"qt-cancel-button {qt_cancel_text()}", flush=True)  # Qt's own buttons, as the app set them up
        app.quit()

    FirstPaint(window, painted)
    window.show()
    return app.exec()
