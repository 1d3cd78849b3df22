"""File dialogs that remember the last folder (in the app's QSettings) and propose a telling name.

A chair saves the workbook, then the chart, then opens received files: each dialog starts in the
folder used last (the first time: the user's documents, never the program's folder), with a name that
says whose file it is («оценка-2025-ППО школы № 7.xlsx»).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"
NAME_LIMIT = 80
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*«»]+')


def file_name_part(text: str | None) -> str:
    """Text fit for a file name on every system: no separators or reserved characters, not too long."""
    cleaned = _UNSAFE.sub(" ", text or "")
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return cleaned[:NAME_LIMIT].rstrip(" .")


def proposed_name(kind: str, year: int | None, organization: str | None, suffix: str) -> str:
    """«оценка-2025-ППО школы № 7.xlsx» (parts that are missing are left out)."""
    parts = [kind, str(year) if year is not None else "", file_name_part(organization)]
    return "-".join(p for p in parts if p) + suffix


def last_folder(settings: QSettings | None) -> str:
    folder = settings.value(LAST_FOLDER_KEY, "") if settings is not None else ""
    return folder if isinstance(folder, str) and folder and Path(folder).is_dir() else ""


def documents_folder() -> str:
    """The user's documents folder («Документы»), else the home folder — never the program's own folder."""
    from PySide6.QtCore import QStandardPaths

    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def start_folder(settings: QSettings | None) -> str:
    """Where a file dialog opens: the folder used last, the first time the user's documents."""
    return last_folder(settings) or documents_folder()


def remember_folder(settings: QSettings | None, path: str) -> None:
    if settings is not None and path:
        settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent if not Path(path).is_dir() else Path(path)))
        settings.sync()


def ask_save_path(
    parent: QWidget | None, settings: QSettings | None, title: str, name: str, file_filter: str
) -> tuple[str, str]:
    """The chosen path ("" when cancelled) and filter, starting in the last folder with ``name`` proposed."""
    start = str(Path(start_folder(settings)) / name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    remember_folder(settings, path)
    return path, chosen


def ask_open_paths(parent: QWidget | None, settings: QSettings | None, title: str, file_filter: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_folder(settings), file_filter)
    if paths:
        remember_folder(settings, paths[0])
    return paths
