"""Work off the UI thread: opening the database, loading demo data, writing a workbook.

``runner.run(work, on_done, on_error, busy_text)`` calls ``work()`` in a worker thread and then
``on_done(result)`` or ``on_error(exception)`` back on the UI thread; while it runs, a busy dialog
shows ``busy_text`` (after a short delay, so quick jobs flash nothing). The work function must not
touch widgets. Tests swap in :class:`SyncRunner`, which does the same synchronously.

``runner.run_with_progress(work, on_done, on_error, title)`` is the same for long work made of
steps (importing many files): ``work(progress)`` calls ``progress(done, total, text)`` after its
steps and asks ``progress.cancelled`` between them; a determinate progress dialog with «Отмена»
shows how far it is, and «Отмена» only sets the flag — the work decides where it may stop.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from maturity.errors import BadInput

T = TypeVar("T")
Failed = Callable[[BaseException], None]
ProgressSeen = Callable[["ProgressDialog", int, int, str], None]


class Progress:
    """Given to a work function: ``progress(done, total, text)`` reports, ``progress.cancelled`` asks.

    Thread-safe: the report goes through the callable the runner gives (a queued signal for the
    thread runner), the flag is a :class:`threading.Event` set from the UI thread.
    """

    def __init__(self, report: Callable[[int, int, str], None] | None = None):
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, text: str = "") -> None:
        if self._report is not None:
            self._report(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Runner(Protocol):
    """What the app needs of a runner (:class:`ThreadRunner`, or :class:`SyncRunner` in tests)."""

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        busy_text: str | None = None,
    ) -> None: ...

    def run_with_progress(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        title: str = "",
    ) -> Progress: ...


class ProgressDialog(QProgressDialog):
    """A determinate bar, the current step's text and «Отмена» (which sets the work's cancel flag)."""

    def __init__(self, title: str, parent: QWidget | None = None, delay_ms: int = 300):
        super().__init__(title, "Отмена", 0, 0, parent)
        self.setObjectName("progress-dialog")
        self.setWindowTitle(title or "Подождите")
        self.setAutoClose(False)  # the runner closes it when the work has returned
        self.setAutoReset(False)
        self.setMinimumDuration(delay_ms)
        self.setMinimumWidth(420)
        if parent is not None:
            self.setWindowModality(Qt.WindowModality.WindowModal)

    def show_progress(self, done: int, total: int, text: str) -> None:
        if self.wasCanceled():
            return
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.setLabelText(text)

    def finish(self) -> None:
        self.reset()
        self.hide()
        self.deleteLater()


def show_error(parent: QWidget | None, error: BaseException, title: str = "Не получилось") -> None:
    """A refused input as its Russian sentence; anything else as an internal error (and to stderr)."""
    if isinstance(error, (BadInput, OSError)):
        QMessageBox.warning(parent, title, str(error))
        return
    traceback.print_exception(error, file=sys.stderr)
    QMessageBox.critical(parent, title, f"Внутренняя ошибка программы: {error!r}")


class SyncRunner:
    """Runs the work at once, on the calling thread (tests; deterministic).

    ``on_progress(dialog, done, total, text)``, if given, is called after the progress dialog
    shows each report — a test can read the bar there, or press «Отмена» between two steps.
    """

    def __init__(self, parent: QWidget | None = None, on_progress: ProgressSeen | None = None):
        self.parent = parent
        self.on_progress = on_progress
        self.progress_dialog: ProgressDialog | None = None

    def run_with_progress(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        title: str = "",
    ) -> Progress:
        dialog = self.progress_dialog = ProgressDialog(title, self.parent)

        def report(done: int, total: int, text: str) -> None:
            dialog.show_progress(done, total, text)
            if self.on_progress is not None:
                self.on_progress(dialog, done, total, text)

        progress = Progress(report)
        dialog.canceled.connect(progress.cancel)
        try:
            self.run(lambda: work(progress), on_done, on_error)
        finally:
            dialog.finish()
        return progress

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        busy_text: str | None = None,
    ) -> None:
        try:
            result = work()
        except Exception as error:  # handed to on_error, never swallowed
            (on_error or (lambda e: show_error(self.parent, e)))(error)
        else:
            on_done(result)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class Task(QRunnable, Generic[T]):
    """The work of one ``run`` on a pool thread; its result or error goes out through ``signals``."""

    def __init__(self, work: Callable[[], T], signals: _Signals):
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
        self.progress_dialog: ProgressDialog | None = None  # the latest one (tests read it)

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        busy_text: str | None = None,
    ) -> None:
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

        self._deliver(signals, finish, on_done, on_error)
        self.pool.start(Task(work, signals))

    def _deliver(
        self, signals: _Signals, finish: Callable[[], None], on_done: Callable[[T], None], on_error: Failed | None
    ) -> None:
        """On the UI thread: close what shows the work, then hand over its result or its error."""

        def done(result: T) -> None:  # a Signal(object) carries it; it is what the work returned
            finish()
            on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            (on_error or (lambda e: show_error(self.parent, e)))(error)

        signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)

    def run_with_progress(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        title: str = "",
    ) -> Progress:
        signals = _Signals()  # lives on the UI thread: its slots (and the dialog's) run there
        self._running.add(signals)
        dialog = self.progress_dialog = ProgressDialog(title, self.parent)
        progress = Progress(signals.progressed.emit)  # emitted on the worker, delivered queued
        dialog.canceled.connect(progress.cancel)
        signals.progressed.connect(dialog.show_progress, Qt.ConnectionType.QueuedConnection)

        def finish() -> None:
            self._running.discard(signals)
            dialog.finish()

        self._deliver(signals, finish, on_done, on_error)
        self.pool.start(Task(lambda: work(progress), signals))
        return progress
