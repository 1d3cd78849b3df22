"""The window's «База данных» menu: «Подключиться к общей базе…» (ui.connect's dialog) and «Моя база на этом
компьютере» (back to the SQLite file of the default place).

Built with the window's frame from Qt alone (nothing heavy is imported before the first paint); the actions
load what they need when chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from maturity.storage.shared_address import SharedAddress
    from ui.connect.dialog import ConnectDialog
    from ui.connect.passwords import PasswordKeeper
    from ui.main.database_switch import MainWindow  # Any: ui.main.main_window imports this module

CONNECT_TEXT = "Подключиться к общей базе…"
LOCAL_TEXT = "Моя база на этом компьютере"


def add_database_menu(window: MainWindow) -> None:
    """The menu, first in the menu bar; ``window.connect_action`` and ``window.local_action``."""
    bar = window.menuBar()
    first = bar.actions()[0] if bar.actions() else None
    menu = bar.addMenu("База данных")
    if first is not None:
        bar.insertMenu(first, menu)
    connect = window.connect_action = QAction(CONNECT_TEXT, window)
    connect.setToolTip("Работать в общей базе федерации на сервере PostgreSQL (имя входа и пароль)")
    local = window.local_action = QAction(LOCAL_TEXT, window)
    local.setToolTip("Вернуться к базе данных в файле на этом компьютере")
    menu.addAction(connect)
    menu.addAction(local)
    connect.triggered.connect(lambda: ConnectShared(window).do())
    local.triggered.connect(lambda: BackToLocal(window).do())
    menu.aboutToShow.connect(lambda: local.setEnabled(not _on_local(window)))


def _local_url() -> str:
    from maturity.storage.database import default_database_path

    return f"sqlite:///{default_database_path()}"


def _on_local(window: MainWindow) -> bool:
    return window.is_open and window.database_url == _local_url()


@dataclass
class ConnectShared:
    """The dialog; on «Подключиться» the database opens off the UI thread for a window that replaces this one
    (:class:`~ui.main.database_switch.SwitchDatabase`); on success the address goes to the recent servers and the
    password to the keychain if asked (else out of it); on failure the dialog says why, in Russian."""

    window: MainWindow
    keeper: PasswordKeeper | None = None

    def do(self) -> ConnectDialog:
        from ui.connect.dialog import ConnectDialog
        from ui.connect.passwords import PasswordKeeper
        from ui.connect.recent import RecentServers

        keeper = self.keeper or PasswordKeeper()
        recent = RecentServers(self.window.app_settings())
        dialog = ConnectDialog(recent.addresses(), keeper, self.window)
        self.window.connect_dialog = dialog
        dialog.submitted.connect(
            lambda address, password, remember: self._connect(dialog, recent, keeper, address, password, remember)
        )
        dialog.show()
        return dialog

    def _connect(
        self,
        dialog: ConnectDialog,
        recent,
        keeper: PasswordKeeper,
        address: SharedAddress,
        password: str,
        remember: bool,
    ) -> None:
        from maturity.errors import BadInput
        from ui.main.database_switch import SwitchDatabase

        def switched(new: MainWindow) -> None:
            recent.remember(address)
            if remember and not keeper.keep(address.key(), password):
                new.statusBar().showMessage("Пароль не запомнен: хранилище паролей системы его не приняло", 10000)
            elif not remember:
                keeper.forget(address.key())  # unchecked: a password kept before is kept no longer
            dialog.connected()

        def failed(error: BaseException) -> None:
            if isinstance(error, BadInput):
                dialog.show_failure(getattr(error, "reason", None) or str(error))  # the address is in the dialog
                return
            import sys
            import traceback

            traceback.print_exception(error, file=sys.stderr)
            dialog.show_failure(f"внутренняя ошибка программы ({type(error).__name__})")

        SwitchDatabase(self.window, address.url(), password or None, switched, failed).do()


@dataclass
class BackToLocal:
    """«Моя база на этом компьютере»: the SQLite file of the default place, as a window that replaces this one."""

    window: MainWindow

    def do(self) -> None:
        from ui.background import show_error
        from ui.main.database_switch import SwitchDatabase

        def failed(error: BaseException) -> None:
            show_error(self.window, error, "Своя база данных не открыта")

        SwitchDatabase(self.window, _local_url(), None, lambda _new: None, failed).do()
