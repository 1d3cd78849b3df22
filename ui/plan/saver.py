"""The plan of the assessment on screen goes to the database after every edit, in the background.

Like the draft (:mod:`ui.wizard.drafts`): each edit starts a write off the UI thread (:mod:`ui.background`)
in a database session of its own; writes are numbered and never overlap, an older one that has
not started when a newer one is done is skipped, and :meth:`PlanSaver.flush` (closing the wizard)
writes what is left before it returns. The plan is written through ``Store.save_plan``: it is kept
beside the assessment and nothing is rescored. A failure is reported with a Russian sentence.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from maturity.engine.plan import PlanStep
from maturity.errors import BadInput

if TYPE_CHECKING:
    from maturity.storage.store import Store
    from ui.background import Runner

StoreOpener = Callable[[], AbstractContextManager["Store"]]
Report = Callable[[str, bool], None]


class PlanSaver:
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
        self._unsaved: list[PlanStep] | None = None  # the newest plan not known to be written
        self._in_flight = 0

    @property
    def pending(self) -> bool:
        return self._in_flight > 0

    def save(self, steps: list[PlanStep]) -> None:
        """Write ``steps`` as the plan, in the background."""
        self._number += 1
        number, steps = self._number, list(steps)
        self._unsaved = steps
        self._in_flight += 1
        self.runner.run(lambda: self._write(number, steps), lambda done: self._done(number, done), self._failed)

    def flush(self) -> bool:
        """Write the newest plan not yet written, now; False when the database refused it (reported)."""
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

    def _write(self, number: int, steps: list[PlanStep]) -> bool | None:
        """Any thread: one write at a time, never an older plan after a newer one (then None)."""
        with self._lock:
            if number <= self._written:
                return None
            with self.open_store() as store:
                store.save_plan(self.organization_id, self.year, steps)
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
            self.report("План сохранён", False)

    def _failed(self, error: BaseException) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._say_failed(error)

    def _say_failed(self, error: BaseException) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(error, BadInput):
            text = f"План не сохранён: {error}"
        elif isinstance(error, SQLAlchemyError):
            text = f"План не сохранён: база данных недоступна ({type(error).__name__})."
        else:
            traceback.print_exception(error, file=sys.stderr)
            text = f"План не сохранён: внутренняя ошибка программы ({error!r})."
        self.last_error = text
        if self.report is not None:
            self.report(text, True)
