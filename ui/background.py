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

import functools
import itertools
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
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


class _Relay(QObject):
    """The one way back from the pool's threads to the UI thread, for every task.

    Created once on the UI thread and never deleted while the program runs: a task's signals are
    emitted on it with the task's number, and the UI thread finds the task's handlers by that
    number. (A QObject made per task was destroyed by whichever thread dropped the last
    reference — sometimes the pool's thread discarding the finished task, while the UI thread was
    still delivering its signal: a crash.)
    """

    done = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.handlers: dict[int, _Handlers] = {}
        self.numbers = itertools.count(1)
        self.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def add(self, handlers: _Handlers) -> int:
        number = next(self.numbers)
        self.handlers[number] = handlers
        return number

    def _done(self, number: int, result: object) -> None:
        handlers = self.handlers.pop(number, None)
        if handlers is not None:  # always, but a slot must not raise for a number it does not know
            handlers.finish()
            handlers.on_done(result)

    def _failed(self, number: int, error: BaseException) -> None:
        handlers = self.handlers.pop(number, None)
        if handlers is not None:
            handlers.finish()
            handlers.on_error(error)

    def _progressed(self, number: int, done: int, total: int, text: str) -> None:
        handlers = self.handlers.get(number)
        if handlers is not None and handlers.on_progress is not None:
            handlers.on_progress(done, total, text)


@dataclass
class _Handlers:
    """What the UI thread does when a task reports, ends or fails."""

    finish: Callable[[], None]
    on_done: Callable[[Any], None]
    on_error: Failed
    on_progress: Callable[[int, int, str], None] | None = None


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The relay, made on first use (on the UI thread, after the application object exists)."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    return _relay


def _run_task(work: Callable[[], T], relay: _Relay, number: int) -> None:
    """On a pool thread: the work, then its result or its error out through the relay."""
    try:
        result = work()
    except Exception as error:  # delivered to the UI thread, never swallowed
        _send(relay, relay.failed, number, error)
    else:
        _send(relay, relay.done, number, result)


def _send(relay: _Relay, signal: Any, number: int, outcome: object) -> None:
    """Emit on the relay — unless the program is closing and the relay has gone with it: then nobody
    waits for the outcome (a background read the window started), and it is dropped without a traceback."""
    try:
        signal.emit(number, outcome)
    except RuntimeError:  # «Signal source has been deleted»
        if shiboken6.isValid(relay):
            raise


class ThreadRunner:
    """Runs the work on Qt's thread pool; results come back through queued signals."""

    def __init__(self, parent: QWidget | None = None, pool: QThreadPool | None = None):
        self.parent = parent
        self.pool = pool or QThreadPool.globalInstance()
        self.progress_dialog: ProgressDialog | None = None  # the latest one (tests read it)

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        busy_text: str | None = None,
    ) -> None:
        dialog = None
        if busy_text and self.parent is not None:
            dialog = QProgressDialog(busy_text, "", 0, 0, self.parent)
            dialog.setWindowTitle("Подождите")
            dialog.setCancelButton(None)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)

        def finish() -> None:
            if dialog is not None and shiboken6.isValid(dialog):  # gone with its window: nothing to close
                dialog.reset()
                dialog.deleteLater()

        relay = _the_relay()
        number = relay.add(_Handlers(finish, on_done, self._on_error(on_error)))
        self.pool.start(functools.partial(_run_task, work, relay, number))

    def _on_error(self, on_error: Failed | None) -> Failed:
        return on_error or (lambda error: show_error(self.parent, error))

    def run_with_progress(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
        title: str = "",
    ) -> Progress:
        dialog = self.progress_dialog = ProgressDialog(title, self.parent)
        relay = _the_relay()
        number = relay.add(
            _Handlers(
                lambda: dialog.finish() if shiboken6.isValid(dialog) else None,  # gone with its window
                on_done,
                self._on_error(on_error),
                lambda done, total, text: (
                    dialog.show_progress(done, total, text) if shiboken6.isValid(dialog) else None
                ),
            )
        )
        progress = Progress(lambda done, total, text: relay.progressed.emit(number, done, total, text))
        # A lambda, not the bound method: for a bound method the binding watches ``progress`` through a
        # weak reference and, when the pool's thread drops it last, edits the connection on that
        # thread while the UI thread uses it (the heap was corrupted).
        dialog.canceled.connect(lambda: progress.cancel())
        self.pool.start(functools.partial(_run_task, lambda: work(progress), relay, number))
        return progress
