"""The smaller points of issue 21 (item 7), each as the chair meets it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ui.file_dialogs import documents_folder


def test_the_first_file_dialog_opens_in_the_users_documents_not_the_programs_folder(
    main_window, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the program's own folder, as a shortcut on Windows starts it
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, flt: (asked.append(start), ([], ""))[1]))  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, start="": (asked.append(start), "")[1]))  # fmt: skip
    dialog = main_window.open_import()
    dialog.ask_files()
    dialog.ask_folder()
    expected = documents_folder()
    assert asked == [expected, expected]
    assert Path(expected).is_dir() and Path(expected).resolve() != Path(os.getcwd()).resolve()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert expected in (documents, QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))
