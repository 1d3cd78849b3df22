"""Files and folders dropped on a window: :class:`FileDrops` hands their local paths to a callback.

Its own small module (Qt only) so that the main window takes drops from its first paint without loading
the import dialog and the importer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders of a drag (URLs of other kinds are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDrops(QObject):
    """Makes ``widget`` take dropped files and folders and hand their paths to ``on_paths``."""

    def __init__(self, widget: QWidget, on_paths: Callable[[list[str]], Any]):
        super().__init__(widget)
        self.on_paths = on_paths
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.on_paths(paths)
                return True
        return False
