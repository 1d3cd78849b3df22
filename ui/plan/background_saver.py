"""What the result page's tables keep goes to the database after every accepted edit, in the background: the plan
(:class:`ui.plan.saver.PlanSaver`) and the own targets (:class:`ui.plan.targets_saver.TargetsSaver`).

Like the draft (:mod:`ui.wizard.drafts`): each edit starts a write off the UI thread (:mod:`ui.background`)
in a database session of its own; writes are numbered and never overlap, an older one that has
not started when a newer one is done is skipped, and :meth:`BackgroundSaver.flush` (closing the wizard)
writes what is left before it returns. A failure is reported with a Russian sentence («План не сохранён: …»).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Generic, TypeVar

from maturity.errors import BadInput

if TYPE_CHECKING:
    from maturity.storage.store import Store
    from ui.background import Runner

StoreOpener = Callable[[], AbstractContextManager["Store"]]
Report = Callable[[str, bool], None]
Kept = TypeVar("Kept")  # what one write keeps: the plan's steps, the targets and their decision


class BackgroundSaver(Generic[Kept]):
    """Numbered background writes of one organization's year; a subclass says what it writes and how it is named."""

    saved = ""  # «План сохранён»: told after a write
    not_saved = ""  # «План не сохранён»: the start of a failure's sentence

    def __init__(
        self, open_store: StoreOpener, organization_id: int, year: int, runner: Runner, report: Report | None = None
    ):
        self.open_store = open_store
        self.organization_id = organization_id
        self.year = year
        self.runner = runner
        self.report = report
        self.last_error: str | None = None
        self._lock = threading.Lock()
        self._number = 0  # the newest write started (UI thread)
        self._written = 0  # the newest write done (under the lock)
        self._unsaved: Kept | None = None  # the newest value not known to be written
        self._in_flight = 0

    def write(self, store: Store, kept: Kept) -> None:
        """Write ``kept`` for the organization's year (any thread, in a store of its own)."""
        raise NotImplementedError

    @property
    def pending(self) -> bool:
        return self._in_flight > 0

    def start(self, kept: Kept) -> None:
        """Write ``kept``, in the background."""
        self._number += 1
        number = self._number
        self._unsaved = kept
        self._in_flight += 1
        self.runner.run(lambda: self._write(number, kept), lambda done: self._done(number, done), self._failed)

    def flush(self) -> bool:
        """Write the newest value not yet written, now; False when the database refused it (reported)."""
        if self._unsaved is None:
            return True
        self._number += 1
        try:
            self._write(self._number, self._unsaved)
        except Exception as error:  # reported, never swallowed; the caller learns it from False
            self._say_failed(error)
            return False
        self._succeeded(self._number)
        return True

    def _write(self, number: int, kept: Kept) -> bool | None:
        """Any thread: one write at a time, never an older value after a newer one (then None)."""
        with self._lock:
            if number <= self._written:
                return None
            with self.open_store() as store:
                self.write(store, kept)
            self._written = number
            return True

    def _done(self, number: int, done: bool | None) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if done:
            self._succeeded(number)

    def _succeeded(self, number: int) -> None:
        if number == self._number:
            self._unsaved = None
        self.last_error = None
        if self.report is not None:
            self.report(self.saved, False)

    def _failed(self, error: BaseException) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._say_failed(error)

    def _say_failed(self, error: BaseException) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(error, BadInput):
            text = f"{self.not_saved}: {error}"
        elif isinstance(error, SQLAlchemyError):
            text = f"{self.not_saved}: база данных недоступна ({type(error).__name__})."
        else:
            traceback.print_exception(error, file=sys.stderr)
            text = f"{self.not_saved}: внутренняя ошибка программы ({error!r})."
        self.last_error = text
        if self.report is not None:
            self.report(text, True)
