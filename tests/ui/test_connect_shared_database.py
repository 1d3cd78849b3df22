"""«Подключиться к общей базе…» through the real widgets, on a real PostgreSQL server whose login roles must give
their password (tests/postgres_server.py): a failure gets its Russian reason in the dialog and the database open
before stays open; a success opens the shared database in the window, which names it and the login; the password
is never in the settings file nor in any file of the data folders — kept only in the keychain when asked (an
in-memory keyring backend here), and asked again when the system has no keychain."""

from __future__ import annotations

import pytest
from memory_keyring import memory_keyring
from shared_database import FEDERATION, build_tree, create_shared_database, grant, must_give_password, role_url

pytestmark = pytest.mark.postgres

PASSWORD = "Секрет-42_xyz"  # Cyrillic and Latin: a password as people make them
LATIN_PART = "42_xyz"  # what a file that escapes the Cyrillic would still show as it is
LOGIN = "connect_login"


@pytest.fixture
def server_database(postgres_server, base_profile, example_answers):
    """A shared database with a generated tree, a login granted its largest territory, with a password."""
    name = create_shared_database(postgres_server)
    try:
        url = role_url(postgres_server, name, FEDERATION)
        tree = build_tree(url, 3, example_answers("primary-small.json"), base_profile)
        root = max(tree.parents, key=lambda uid: (len(tree.subtree(uid)), uid))
        grant(url, LOGIN, root, password=PASSWORD)
        must_give_password(postgres_server, LOGIN)
        yield postgres_server, name, tree, root
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def data_folders(tmp_path, monkeypatch):
    """The user's data and settings folders inside the test's folder (platformdirs reads these)."""
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    return tmp_path


def open_dialog(window):
    window.connect_action.trigger()
    dialog = window.connect_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_keys(widget, text: str) -> None:
    """Each character as a key press with its text (QTest's keyClicks knows Latin keys only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def type_address(qtbot, dialog, port: int, database: str, password: str, login: str = LOGIN) -> None:
    """Each field emptied (all selected, Delete) and typed in, as a person fills the dialog."""
    from PySide6.QtCore import Qt

    for field, text in (
        (dialog.server, "127.0.0.1"),
        (dialog.port, str(port)),
        (dialog.database, database),
        (dialog.login, login),
        (dialog.password, password),
    ):
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        type_keys(field, text)


def press_connect(qtbot, dialog) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def every_file_text(folder) -> str:
    return "\n".join(
        path.read_bytes().decode("utf-8", errors="replace") for path in sorted(folder.rglob("*")) if path.is_file()
    )


def close_successor(qtbot, window):
    new = window.successor
    assert new is not None
    qtbot.addWidget(new)
    return new


@pytest.mark.slow
@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("password", "неверное имя или пароль"),
        ("database", "нет такой базы данных"),
        ("port", "сервер не отвечает"),
    ],
)
def test_a_failed_connection_gets_its_russian_reason_and_the_open_database_stays(
    qtbot, main_window, server_database, keychain, what, expected
):
    from postgres_server import free_port

    server, name, _tree, _root = server_database
    keychain.set_keyring(memory_keyring())
    main_window.view.store.create_organization("Своя организация", "primary")
    dialog = open_dialog(main_window)
    port = free_port() if what == "port" else server.port
    database = "no_such_database" if what == "database" else name
    type_address(qtbot, dialog, port, database, "неверный" if what == "password" else PASSWORD)
    press_connect(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=30000)
    assert expected in dialog.message.text()
    assert PASSWORD not in dialog.message.text() and "неверный" not in dialog.message.text().split(":", 1)[0]
    assert dialog.isVisible() and dialog.connect_button.isEnabled()
    assert main_window.successor is None and main_window.isVisible()
    assert [o.name for o in main_window.view.organizations()] == ["Своя организация"]  # still open, still its own


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ru_RU", "en_US"])
def test_a_connection_opens_the_shared_database_and_keeps_no_password_anywhere(
    qtbot, main_window, server_database, keychain, data_folders, ui_state_path, locale
):
    from PySide6.QtCore import QLocale

    from ui.connect.passwords import SERVICE

    server, name, tree, root = server_database
    backend = memory_keyring()
    keychain.set_keyring(backend)
    QLocale.setDefault(QLocale(locale))
    try:
        dialog = open_dialog(main_window)
        assert dialog.remember.isEnabled()
        type_address(qtbot, dialog, server.port, name, PASSWORD)
        press_connect(qtbot, dialog)
        qtbot.waitUntil(lambda: main_window.successor is not None, timeout=30000)
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    new = close_successor(qtbot, main_window)
    try:
        assert new.is_open and new.isVisible() and not dialog.isVisible()
        qtbot.waitUntil(lambda: new.org_picker.loaded, timeout=20000)
        assert {org.id for org in new.org_picker.index.organizations} == {tree.ids[uid] for uid in tree.subtree(root)}
        assert LOGIN in new.windowTitle() and name in new.windowTitle()
        where = new.findChild(type(dialog.message), "database-where")
        assert where is not None and LOGIN in where.text() and name in where.text()
        assert PASSWORD not in new.windowTitle() + where.text() + new.statusBar().currentMessage()
        assert backend.kept == {}  # not asked to remember it
        main_window.successor = None  # the old window is closed; its database released
        settings = new.app_settings()
        settings.sync()
        recent = settings.value("shared_database/recent")
        assert LOGIN in recent and name in recent  # the server remembered …
        files = every_file_text(data_folders)  # … the settings file, the data folders: no password
        assert "shared_database" in every_file_text(data_folders)
        assert PASSWORD not in files and LATIN_PART not in files
    finally:
        new.view.store.close()
    assert (SERVICE, f"{LOGIN}@127.0.0.1:{server.port}/{name}") not in backend.kept


@pytest.mark.slow
def test_remember_password_keeps_it_in_the_keychain_only_and_offers_it_next_time(
    qtbot, main_window, server_database, keychain, data_folders
):
    from ui.connect.passwords import SERVICE

    server, name, _tree, _root = server_database
    backend = memory_keyring()
    keychain.set_keyring(backend)
    dialog = open_dialog(main_window)
    type_address(qtbot, dialog, server.port, name, PASSWORD)
    tick(qtbot, dialog.remember)
    assert dialog.remember.isChecked()
    press_connect(qtbot, dialog)
    qtbot.waitUntil(lambda: main_window.successor is not None, timeout=30000)
    new = close_successor(qtbot, main_window)
    try:
        key = f"{LOGIN}@127.0.0.1:{server.port}/{name}"
        assert backend.kept == {(SERVICE, key): PASSWORD}
        new.app_settings().sync()
        assert LATIN_PART not in every_file_text(data_folders)
        again = open_dialog(new)  # the next time: the recent server chosen, its password from the keychain
        assert again.recent.isVisible() and again.recent.currentIndex() == 1
        assert (again.server.text(), again.port.value(), again.database.text(), again.login.text()) == (
            "127.0.0.1",
            server.port,
            name,
            LOGIN,
        )
        assert again.password.text() == PASSWORD and again.remember.isChecked()
        tick(qtbot, again.remember)  # unchecked and connected again: the keychain forgets it
        press_connect(qtbot, again)
        qtbot.waitUntil(lambda: new.successor is not None, timeout=30000)
        newest = close_successor(qtbot, new)
        newest.view.store.close()
        assert backend.kept == {}
    finally:
        if new.is_open:
            new.view.store.close()


@pytest.mark.slow
def test_without_a_keychain_remember_is_disabled_and_the_password_is_asked_again(
    qtbot, main_window, server_database, keychain, data_folders
):
    from keyring.backends import fail
    from PySide6.QtWidgets import QLabel

    server, name, _tree, _root = server_database
    keychain.set_keyring(fail.Keyring())
    dialog = open_dialog(main_window)
    assert not dialog.remember.isEnabled() and dialog.no_keychain.isVisible()
    type_address(qtbot, dialog, server.port, name, PASSWORD)
    tick(qtbot, dialog.remember)  # a click on a disabled box changes nothing
    assert not dialog.remember.isChecked()
    press_connect(qtbot, dialog)
    qtbot.waitUntil(lambda: main_window.successor is not None, timeout=30000)
    new = close_successor(qtbot, main_window)
    try:
        again = open_dialog(new)
        assert again.login.text() == LOGIN and again.database.text() == name  # remembered: the address
        assert again.password.text() == ""  # not the password: asked again
        assert not again.remember.isEnabled()
        again.reject()
        new.app_settings().sync()
        assert LATIN_PART not in every_file_text(data_folders)
        new.local_action.trigger()  # «Моя база на этом компьютере»: the file of the default place again
        home = close_successor(qtbot, new)
        try:
            assert home.is_open and home.database_url.startswith("sqlite:///")
            assert str(data_folders) in home.database_url  # the user's data folder (XDG_DATA_HOME here)
            where = home.findChild(QLabel, "database-where")
            assert home.windowTitle() == "Цифровая зрелость" and (where is None or where.isHidden())
            assert not new.isVisible()  # the shared database's window closed
        finally:
            home.view.store.close()
    finally:
        if new.is_open:
            new.view.store.close()


def tick(qtbot, box) -> None:
    """A click on the box itself (its indicator, at its left), as a person ticks it."""
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
