"""«Подключиться к общей базе…»: server, port, database, login and password, typed or taken from the recent
servers; «Запомнить пароль» only when the operating system keeps secrets (:mod:`ui.connect.passwords`).

The dialog checks the fields (:func:`maturity.storage.shared_address.check_address`) and says what is wrong
beside them; a valid address goes out through :attr:`ConnectDialog.submitted` and the action
(:mod:`ui.actions.connect_database`) opens the database off the UI thread. A failure comes back as a Russian
sentence shown in the dialog (:meth:`ConnectDialog.show_failure`); the database open before stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from maturity.errors import BadInput
from maturity.storage.shared_address import DEFAULT_PORT, SharedAddress, check_address, check_password
from ui.connect.passwords import PasswordKeeper
from ui.widgets.dialog_buttons import ok_cancel_buttons

ERROR_STYLE = "color: #a31515;"
NO_KEYCHAIN = "В системе нет хранилища паролей: пароль не запоминается и спрашивается при каждом подключении"
KEYCHAIN = "Пароль хранит хранилище паролей системы (не файл настроек программы)"


class ConnectDialog(QDialog):
    submitted = Signal(object, str, bool)  # SharedAddress, password, remember it

    def __init__(self, recent: list[SharedAddress], keeper: PasswordKeeper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connect-dialog")
        self.setWindowTitle("Подключиться к общей базе")
        self.recent_addresses = recent
        self.keeper = keeper
        column = QVBoxLayout(self)
        intro = QLabel(
            "Общая база федерации на сервере PostgreSQL. Имя входа и пароль выдаёт администратор общей базы.", self
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.recent = QComboBox(self)
        self.recent.setObjectName("recent-servers")
        self.recent.addItem("— ввести заново —")
        for address in recent:
            self.recent.addItem(address.label())
        self.recent.currentIndexChanged.connect(self._recent_chosen)
        self.recent_label = QLabel("Недавние:", self)
        form.addRow(self.recent_label, self.recent)
        self.recent_label.setVisible(bool(recent))
        self.recent.setVisible(bool(recent))
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("например, db.federation.local")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("maturity", self)
        self.login = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for label, widget in (
            ("&Сервер:", self.server),
            ("П&орт:", self.port),
            ("&База данных:", self.database),
            ("&Имя входа:", self.login),
            ("&Пароль:", self.password),
        ):
            form.addRow(label, widget)
        column.addLayout(form)
        self.remember = QCheckBox("Запомнить пароль", self)
        self.keychain = keeper.usable()
        self.remember.setEnabled(self.keychain)
        self.remember.setToolTip(KEYCHAIN if self.keychain else NO_KEYCHAIN)
        column.addWidget(self.remember)
        self.no_keychain = QLabel(NO_KEYCHAIN, self)
        self.no_keychain.setWordWrap(True)
        self.no_keychain.setStyleSheet("color: #555555;")
        self.no_keychain.setVisible(not self.keychain)
        column.addWidget(self.no_keychain)
        self.message = QLabel(self)
        self.message.setObjectName("connect-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        column.addWidget(self.message)
        self.buttons = ok_cancel_buttons(self, "Подключиться")
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        column.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if recent:
            self.recent.setCurrentIndex(1)  # the latest one, its password from the keychain if kept
        else:
            self.server.setFocus()

    def _recent_chosen(self, index: int) -> None:
        if index < 1 or index > len(self.recent_addresses):
            return
        address = self.recent_addresses[index - 1]
        self.server.setText(address.server)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.login.setText(address.login)
        kept = self.keeper.password(address.key()) if self.keychain else None
        self.password.setText(kept or "")
        self.remember.setChecked(kept is not None)
        self.password.setFocus()

    def accept(self) -> None:
        """«Подключиться»: a valid address goes out through :attr:`submitted`; the dialog stays until the
        database is open (:meth:`connected`) or refused (:meth:`show_failure`)."""
        try:
            address = check_address(self.server.text(), self.port.value(), self.database.text(), self.login.text())
            password = check_password(self.password.text())
        except BadInput as refused:
            self.show_failure(str(refused))
            return
        self.message.hide()
        self.set_busy(True)
        self.submitted.emit(address, password, self.keychain and self.remember.isChecked())

    def set_busy(self, busy: bool) -> None:
        self.connect_button.setEnabled(not busy)
        self.connect_button.setText("Подключаюсь…" if busy else "Подключиться")

    def show_failure(self, reason: str) -> None:
        self.set_busy(False)
        self.message.setText(_sentence(reason))
        self.message.show()

    def connected(self) -> None:
        self.password.clear()
        super().accept()


def _sentence(reason: str) -> str:
    return "Не подключилось: " + reason if reason[:1].islower() else reason
