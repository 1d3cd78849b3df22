"""Fixtures of the app's tests: a fresh SQLite database, the app's state file, the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'maturity.db'}"


@pytest.fixture
def ui_state_path(tmp_path) -> str:
    return str(tmp_path / "ui-state.ini")


@pytest.fixture
def ui_settings(ui_state_path) -> QSettings:
    return QSettings(ui_state_path, QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot, qapp, sqlite_url, ui_settings):
    """The main window on an empty database, opened as the app opens it."""
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    install_russian(qapp)
    window = MainWindow(sqlite_url, settings=ui_settings, runner=SyncRunner())
    qtbot.addWidget(window)
    window.resize(1100, 680)
    window.show()
    window.open_database()
    yield window
    if window.is_open:
        if window.view.wizard is not None:
            window.view.wizard.close()
        window.view.store.close()


@pytest.fixture
def organization(main_window, example_answers):
    """The main window after the chair created the organization of examples/primary-small.json."""
    answers = example_answers("primary-small.json")
    main_window.card.name.setText(answers["profile.name"])
    main_window.card.level.setCurrentIndex(main_window.card.level.findData("primary"))
    main_window.card.members.setValue(answers["profile.members"])
    main_window.card.save_button.click()
    assert main_window.view.organization is not None, main_window.card.message.text()
    return main_window.view.organization


@pytest.fixture
def keychain():
    """Which keychain the app finds (ui/connect/passwords.py): the test sets one with keyring.set_keyring
    (tests/ui/memory_keyring.py); the one found before comes back afterwards."""
    import keyring

    before = keyring.get_keyring()
    yield keyring
    keyring.set_keyring(before)
