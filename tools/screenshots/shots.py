"""What the screenshot scripts share: where the repository is, and saving a widget as a PNG file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDER = ROOT / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str, app: QApplication) -> Path:
    settle(app)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


def scratch_window(app: QApplication, folder: Path):
    """The main window over a new database in ``folder`` (a temporary one), sized and opened as the app
    opens it, Russian, with a synchronous runner."""
    from PySide6.QtCore import QSettings

    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow
    from ui.widgets.screen import fit_main_window

    install_russian(app)
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(f"sqlite:///{folder / 'maturity.db'}", settings=settings, runner=SyncRunner())
    fit_main_window(window)
    window.show()
    window.open_database()
    return window


@contextmanager
def main_window_on_a_throwaway_database(app: QApplication) -> Iterator[Any]:
    """The app's main window, opened as the app opens it, on an empty database deleted afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        try:
            yield window
        finally:
            window.close()
            if window.is_open:
                window.view.store.close()
