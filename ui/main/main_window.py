"""The main window: its frame (:mod:`ui.main.frame`) and, once the database is open, what it shows and does.

The window is built from Qt alone, so it paints at once; the database (migrations), the method and
everything heavy are opened by :meth:`MainWindow.open_database`, which the app calls after the first
paint. Then :class:`~ui.main.organization_view.OrganizationView` is made with the app's
:class:`~ui.actions.context.AppContext` (``window.view``): nothing waits for a context that may not exist.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from ui.main.frame import APP_TITLE, WindowFrame

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from ui.actions.context import AppContext
    from ui.background import Runner
    from ui.connect.dialog import ConnectDialog
    from ui.main.organization_view import OrganizationView

__all__ = ["APP_TITLE", "MainWindow"]
UI_STATE_VARIABLE = "MATURITY_UI_STATE"


class MainWindow(WindowFrame):
    connect_action: QAction  # «Подключиться к общей базе…» (ui.main.database_menu)
    local_action: QAction  # «Моя база на этом компьютере»
    connect_dialog: ConnectDialog | None = None  # the latest one opened

    def __init__(
        self,
        database_url: str | None = None,
        settings: QSettings | None = None,
        runner: Runner | None = None,
        *,
        content_later: bool = False,
    ):
        self.database_url = database_url
        self.settings = settings
        self._runner = runner
        self._view: OrganizationView | None = None  # made when the database is open
        self.successor: MainWindow | None = None  # the window that took this one's place (another database)
        super().__init__(content_later=content_later)
        from ui.main.database_menu import add_database_menu

        add_database_menu(self)

    # ------------------------------------------------------------ the database (after the first paint)

    @property
    def view(self) -> OrganizationView:
        """What the window shows and does; it exists once the database is open (:meth:`open_database`)."""
        if self._view is None:
            raise RuntimeError("the database is not open yet: call open_database() and wait for it")
        return self._view

    @property
    def is_open(self) -> bool:
        return self._view is not None

    @property
    def runner(self) -> Runner:
        """The background-work helper (built when first needed: it is not needed to paint)."""
        if self._runner is None:
            from ui.background import ThreadRunner

            self._runner = ThreadRunner(self)
        return self._runner

    def open_database(self) -> None:
        """Open (and migrate) the database and load the method off the UI thread, then show them."""
        self.build_content()
        from ui.actions.database import OpenDatabase

        def failed(error: BaseException) -> None:
            from ui.background import show_error

            self.statusBar().showMessage("База данных не открыта")
            show_error(self, error, "База данных не открыта")

        OpenDatabase(self.database_url, self.runner, self.app_settings(), lambda: self, self.show_opened, failed).do()

    def app_settings(self) -> QSettings:
        """The app's own state: the settings given, else the user's (MATURITY_UI_STATE names another file)."""
        if self.settings is None:
            self.settings = _default_settings()
        return self.settings

    def show_opened(self, context: AppContext) -> None:
        """Show the database just opened (:meth:`open_database`, or another one: ui.main.database_switch)."""
        import gc

        from ui.main.database_switch import show_where
        from ui.main.organization_view import OrganizationView

        self.database_url = context.database_url
        show_where(self, context.database_url)

        # What is loaded by now (Qt's and the libraries' modules, the method, the mappers) lives as long as the
        # program: out of the garbage collector's full passes, each of which would otherwise walk it all while
        # holding the interpreter — a tenth of a second the window does not answer, whichever thread ran it.
        gc.freeze()
        self._view = OrganizationView(self, context)

    def _files_dropped(self, paths: list[str]) -> None:
        if self._view is not None:
            self._view.open_import(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        """An open wizard is closed first: its closing writes what it had not written yet."""
        wizard = self._view.wizard if self._view is not None else None
        if wizard is not None and wizard.isVisible():
            wizard.close()
        super().closeEvent(event)


def _default_settings() -> QSettings:
    """The app's own state (which draft was open where): MATURITY_UI_STATE names another file."""
    path = os.environ.get(UI_STATE_VARIABLE)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "maturity", "maturity")
