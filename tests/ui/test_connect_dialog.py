"""«Подключиться к общей базе…» without a database server: the fields checked before any connection (a wrong field
named in Russian beside them, nothing sent), the recent servers read from the settings as hostile input, the
keychain offered only when the system has one, and a server that does not answer named in the dialog while the
database open before stays open (a closed port on this machine: refused at once)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from memory_keyring import memory_keyring
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from maturity.storage.shared_address import SharedAddress

ADDRESS = SharedAddress("db.federation.local", 5433, "maturity", "lipetsk")


def type_keys(widget, text: str) -> None:
    """Each character as a key press with its text (QTest's keyClicks knows Latin keys only)."""
    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def fill(qtbot, dialog, server: str, database: str, login: str, password: str = "") -> None:
    for field, text in ((dialog.server, server), (dialog.database, database), (dialog.login, login)):
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        type_keys(field, text)
    dialog.password.clear()
    type_keys(dialog.password, password)


def new_dialog(qtbot, recent, keeper):
    from ui.connect.dialog import ConnectDialog

    dialog = ConnectDialog(recent, keeper)
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[tuple] = []
    dialog.submitted.connect(lambda *args: sent.append(args))
    return dialog, sent


@pytest.fixture(params=["ru_RU", "en_US"])
def locale(request):
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("server", "database", "login", "reason"),
    [
        ("", "maturity", "lipetsk", "укажите сервер"),
        ("сервер с пробелом", "maturity", "lipetsk", "указан неверно"),
        ("lipetsk@db", "maturity", "lipetsk", "указан неверно"),
        ("db.local", "", "lipetsk", "укажите название базы данных"),
        ("db.local", "maturity", "", "укажите имя входа"),
        ("db.local", "m" * 64, "lipetsk", "не больше 63"),
    ],
)
def test_a_wrong_field_is_named_beside_the_fields_and_nothing_is_sent(
    qtbot, qapp, keychain, locale, server, database, login, reason
):
    from ui.connect.passwords import PasswordKeeper

    keychain.set_keyring(memory_keyring())
    dialog, sent = new_dialog(qtbot, [], PasswordKeeper())
    fill(qtbot, dialog, server, database, login, "Пароль")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert sent == []
    assert dialog.message.isVisible() and reason in dialog.message.text()
    assert dialog.message.text().startswith("Не подключилось: ")
    assert "Пароль" not in dialog.message.text()
    assert dialog.isVisible() and dialog.connect_button.isEnabled()


def test_typed_fields_are_sent_as_the_address_with_the_password_apart(qtbot, qapp, keychain, locale):
    from ui.connect.passwords import PasswordKeeper

    keychain.set_keyring(memory_keyring())
    dialog, sent = new_dialog(qtbot, [], PasswordKeeper())
    fill(qtbot, dialog, " db.federation.local ", "зрелость", "lipetsk", "Пароль-1")
    dialog.port.selectAll()
    qtbot.keyClick(dialog.port, Qt.Key.Key_Delete)
    type_keys(dialog.port, "5433")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert sent == [(SharedAddress("db.federation.local", 5433, "зрелость", "lipetsk"), "Пароль-1", False)]
    assert not dialog.connect_button.isEnabled()  # until the database opens or is refused
    dialog.show_failure("сервер не отвечает")
    assert dialog.connect_button.isEnabled() and "сервер не отвечает" in dialog.message.text()


def test_without_a_keychain_remember_is_disabled_and_says_why(qtbot, qapp, keychain):
    from keyring.backends import fail, null

    from ui.connect.passwords import PasswordKeeper

    for backend in (fail.Keyring(), null.Keyring()):
        keychain.set_keyring(backend)
        dialog, _sent = new_dialog(qtbot, [ADDRESS], PasswordKeeper())
        assert not dialog.remember.isEnabled() and dialog.no_keychain.isVisible()
        assert dialog.password.text() == ""  # the recent server: its password is asked
        assert PasswordKeeper().keep(ADDRESS.key(), "x") is False


def test_a_recent_server_fills_the_fields_and_its_kept_password(qtbot, qapp, keychain):
    from ui.connect.passwords import SERVICE, PasswordKeeper

    backend = memory_keyring()
    keychain.set_keyring(backend)
    other = SharedAddress("10.0.0.5", 5432, "maturity", "tambov")
    backend.kept[(SERVICE, ADDRESS.key())] = "сохранённый"
    dialog, _sent = new_dialog(qtbot, [ADDRESS, other], PasswordKeeper())
    assert dialog.recent.isVisible() and dialog.recent.count() == 3
    fields = (dialog.server.text(), dialog.port.value(), dialog.database.text(), dialog.login.text())
    assert fields == ("db.federation.local", 5433, "maturity", "lipetsk")
    assert dialog.password.text() == "сохранённый" and dialog.remember.isChecked()
    dialog.recent.setCurrentIndex(2)
    assert dialog.login.text() == "tambov" and dialog.password.text() == "" and not dialog.remember.isChecked()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.one_of(
        st.text(max_size=200),
        st.lists(
            st.one_of(
                st.dictionaries(
                    st.sampled_from(["server", "port", "database", "login", "password"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none()),
                ),
                st.text(max_size=10),
                st.integers(),
            ),
            max_size=12,
        ).map(json.dumps),
    )
)
def test_recent_servers_read_from_any_settings_are_addresses_and_never_a_password(tmp_path, raw):
    from maturity.storage.shared_address import check_address
    from ui.connect.recent import KEPT, KEY, RecentServers

    settings_file = QSettings(str(tmp_path / "recent.ini"), QSettings.Format.IniFormat)
    settings_file.setValue(KEY, raw)
    recent = RecentServers(settings_file).addresses()
    assert len(recent) <= KEPT and len(set(recent)) == len(recent)
    for address in recent:
        assert check_address(address.server, address.port, address.database, address.login) == address
    recent_servers = RecentServers(settings_file)
    recent_servers.remember(ADDRESS)
    kept = json.loads(settings_file.value(KEY))
    assert kept[0] == {"server": ADDRESS.server, "port": ADDRESS.port, "database": "maturity", "login": "lipetsk"}
    assert all(set(entry) == {"server", "port", "database", "login"} for entry in kept)


def test_a_server_that_does_not_answer_is_named_and_the_open_database_stays(qtbot, main_window, keychain):
    from postgres_server import free_port

    keychain.set_keyring(memory_keyring())
    main_window.view.store.create_organization("Своя организация", "primary")
    main_window.connect_action.trigger()
    dialog = main_window.connect_dialog
    fill(qtbot, dialog, "127.0.0.1", "maturity", "lipetsk", "Пароль")
    dialog.port.setValue(free_port())  # nothing listens there
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=20000)
    assert "сервер не отвечает" in dialog.message.text()
    assert "Пароль" not in dialog.message.text() and "connection" not in dialog.message.text().lower()
    assert main_window.successor is None and main_window.isVisible()
    assert [o.name for o in main_window.view.organizations()] == ["Своя организация"]


def test_the_window_names_a_shared_database_and_its_login_but_not_a_local_file(qtbot, qapp):
    from ui.main.database_switch import WHERE_LABEL, show_where
    from ui.main.main_window import MainWindow

    window = MainWindow(None)
    qtbot.addWidget(window)
    show_where(window, "postgresql+psycopg://lipetsk@db.federation.local:5433/maturity")
    assert window.windowTitle() == "Цифровая зрелость — maturity на db.federation.local, имя входа «lipetsk»"
    label = window.findChild(QLabel, WHERE_LABEL)
    assert label is not None and "lipetsk" in label.text() and label.isVisibleTo(window)
    show_where(window, "sqlite:///C:/Users/chair/maturity.db")
    assert window.windowTitle() == "Цифровая зрелость" and not label.isVisibleTo(window)
