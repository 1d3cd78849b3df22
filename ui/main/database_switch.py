"""Working in another database: the shared one of «Подключиться к общей базе…», or back in «Моя база на этом
компьютере».

The new database is opened as the app opens its first one (:class:`~ui.actions.database.OpenDatabase`, off the
UI thread) for a new main window, which replaces the old one only once the database is open: a database that
does not open leaves the one open before as it was (its window, its wizard, its session). The new window takes
the old one's place and size; the old one closes as a user would close it (an open wizard writes its draft
first) and its database is released.

The windows open so are kept here (a top-level window lives as long as a reference to it) until another replaces
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from ui.actions.context import AppContext

# The main window (ui.main.main_window.MainWindow) is not imported here: it imports this module. A new one is
# made as ``type(old)(…)``.
MainWindow = Any
_KEPT: list[MainWindow] = []
WHERE_LABEL = "database-where"


@dataclass
class SwitchDatabase:
    """Open ``url`` (``password`` apart) for a window that replaces ``window``; ``on_switched(new_window)``
    after, ``on_failed(error)`` with the database open before still open."""

    window: MainWindow
    url: str
    password: str | None
    on_switched: Callable[[MainWindow], None]
    on_failed: Callable[[BaseException], None]

    def do(self) -> MainWindow:
        from ui.actions.database import OpenDatabase
        from ui.background import SyncRunner

        old = self.window
        runner = old.runner if isinstance(old.runner, SyncRunner) else None  # a thread runner belongs to its window
        new = type(old)(self.url, settings=old.settings, runner=runner)
        new.build_content()

        def opened(context: AppContext) -> None:
            new.setGeometry(old.geometry())
            if old.isMaximized():
                new.showMaximized()
            else:
                new.show()
            context.runner = new.runner  # the old window's thread runner goes with it
            new.show_opened(context)
            _KEPT.append(new)
            old.successor = new
            _retire(old)
            self.on_switched(new)

        def failed(error: BaseException) -> None:
            new.deleteLater()
            self.on_failed(error)

        settings = old.app_settings()
        OpenDatabase(self.url, old.runner, settings, lambda: new, opened, failed, password=self.password).do()
        return new


def _retire(old: MainWindow) -> None:
    """Close the old window as a user would (its wizard writes its draft first), release its database, and let
    it go (kept here, it is kept no longer; the app's first window stays, closed, with the app)."""
    old.close()
    if old.is_open:
        engine = old.view.context.engine
        old.view.store.close()
        engine.dispose()
    if old in _KEPT:
        _KEPT.remove(old)


def show_where(window: MainWindow, url: str) -> None:
    """A shared database is named with its login in the window's title and, for good, in the status bar
    (a chair's own file stays unnamed there, as before); never a password."""
    from maturity.storage.shared_address import address_of
    from ui.main.frame import APP_TITLE

    address = address_of(url)
    label = window.findChild(QLabel, WHERE_LABEL)
    if address is None:
        window.setWindowTitle(APP_TITLE)
        if label is not None:
            label.hide()
        return
    window.setWindowTitle(f"{APP_TITLE} — {address.database} на {address.server}, имя входа «{address.login}»")
    if label is None:
        label = QLabel(window)
        label.setObjectName(WHERE_LABEL)
        window.statusBar().addPermanentWidget(label)
    label.setText(
        f"Общая база «{address.database}» на сервере {address.server}:{address.port}, имя входа «{address.login}»"
    )
    label.show()
