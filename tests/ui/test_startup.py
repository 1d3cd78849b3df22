"""Start-up: the window is on screen before any heavy library or the database is touched."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ui.app import HEAVY_MODULES
from ui.launcher import app_database


@pytest.mark.subprocess
def test_the_window_paints_before_any_heavy_library_is_imported(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MATURITY_STARTUP_PROBE="1",
        MATURITY_UI_STATE=str(tmp_path / "ui.ini"),
    )
    db = tmp_path / "maturity.db"
    out = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    ).stdout

    (line,) = [line for line in out.splitlines() if line.startswith("first-paint ")]
    assert "qt-cancel-button Отмена" in out.splitlines()  # the app itself loads Qt's Russian, not only the bundle
    assert line.split()[2] == "loaded:", f"imported before the first paint: {line.split()[2]}"
    assert {"matplotlib", "alembic", "openpyxl"} <= set(HEAVY_MODULES)
    assert not db.exists()  # the database is opened after the paint, not before


def test_qt_own_buttons_read_in_russian_once_the_app_installs_its_translator(qapp):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import install_russian, qt_cancel_text

    translator = install_russian(qapp)

    assert translator is not None and not translator.isEmpty()
    assert translator.language().startswith("ru")
    assert qt_cancel_text() == "Отмена"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    assert [
        box.button(b).text() for b in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Close)
    ] == [
        "Сохранить",
        "Закрыть",
    ]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_qt_file_dialog_has_no_english_label(qapp):
    """Qt's own file dialog (Linux without a desktop's dialog) asked «&Look in:» and «Files of &type:» in English:
    qtbase_ru lacks them with their shortcut letters (seen under Xvfb). The app's small translation fills them."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    from ui.app import install_russian

    install_russian(qapp)
    dialog = QFileDialog(None, "Сохранить паспорт", "", "Документ PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]

    assert {"&Папка:", "&Тип файлов:"} <= set(texts)
    assert not [t for t in texts if re.search("[A-Za-z]{2}", t.replace("PDF", ""))], texts
    dialog.deleteLater()


def test_qt_file_dialog_names_a_folder_in_russian(qapp, qtbot, tmp_path):
    """The «Тип» column of Qt's file dialog read «Folder» (seen under Xvfb): qtbase_ru lacks Qt 6's
    QAbstractFileIconProvider context; the app's small translation has it."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel

    from ui.app import install_russian

    (tmp_path / "оценки").mkdir()
    install_russian(qapp)
    dialog = QFileDialog(None, "Добавить папку", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    model = dialog.findChild(QFileSystemModel)
    root = model.index(str(tmp_path))
    qtbot.waitUntil(lambda: model.rowCount(root) == 1, timeout=5000)

    assert model.data(model.index(0, 2, root)) == "Папка"
    dialog.deleteLater()


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], (True, None)),
        (["--db", "sqlite:///x.db"], (True, "sqlite:///x.db")),
        (["--db=sqlite:///x.db"], (True, "sqlite:///x.db")),
        (["score", "a.json"], (False, None)),
        (["--help"], (False, None)),
        (["--db", "sqlite:///x.db", "profiles"], (False, None)),
    ],
)
def test_only_arguments_that_open_the_app_skip_the_command_line_parser(argv, expected):
    assert app_database(argv) == expected
