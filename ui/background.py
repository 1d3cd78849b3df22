"""Work off the UI thread: opening the database, loading demo data, writing a workbook.

``runner.run(work, on_done, on_error, busy_text)`` calls ``work()`` in a worker thread and then
``on_done(result)`` or ``on_error(exception)`` back on the UI thread; while it runs, a busy dialog
shows ``busy_text`` (after a short delay, so quick jobs flash nothing). The work function must not
touch widgets. Tests swap in :class:`SyncRunner`, which does the same synchronously.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from maturity.errors import BadInput

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def run(self, work: Callable[[], Any], on_done: Done, on_error: Failed | None = None,
            busy_text: str | None = None) -> None: ...


def show_error(parent: QWidget | None, error: BaseException, title: str = "Не получилось") -> None:
    """A refused input as its Russian sentence; anything else as an internal error (and to stderr)."""
    if isinstance(error, (BadInput, OSError)):
        QMessageBox.warning(parent, title, str(error))
        return
    traceback.print_exception(error, file=sys.stderr)
    QMessageBox.critical(parent, title, f"Внутренняя ошибка программы: {error!r}")


class SyncRunner:
    """Runs the work at once, on the calling thread (tests; deterministic)."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def run(self, work, on_done, on_error=None, busy_text=None) -> None:
        try:
            result = work()
        except Exception as error:  # handed to on_error, never swallowed
            (on_error or (lambda e: show_error(self.parent, e)))(error)
        else:
            on_done(result)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals):
        super().__init__()
        self.work, self.signals = work, signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # delivered to the UI thread, never swallowed
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class ThreadRunner:
    """Runs the work on Qt's thread pool; results come back through queued signals."""

    def __init__(self, parent: QWidget | None = None, pool: QThreadPool | None = None):
        self.parent = parent
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[_Signals] = set()

    def run(self, work, on_done, on_error=None, busy_text=None) -> None:
        signals = _Signals()  # lives on the UI thread: its slots run there
        self._running.add(signals)
        dialog = None
        if busy_text and self.parent is not None:
            dialog = QProgressDialog(busy_text, "", 0, 0, self.parent)
            dialog.setWindowTitle("Подождите")
            dialog.setCancelButton(None)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)

        def finish() -> None:
            self._running.discard(signals)
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            (on_error or (lambda e: show_error(self.parent, e)))(error)

        signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.pool.start(_Task(work, signals))
