"""The own targets on screen go to the database after every accepted edit, in the background (like the plan:
:mod:`ui.plan.saver`): writes never overlap, an older one not started when a newer one is done is skipped,
and :meth:`TargetsSaver.flush` (closing the wizard) writes what is left. Written through
:func:`maturity.usecases.own_targets.save_targets` (checked again there); a failure is a Russian sentence."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from maturity.engine.own_targets import Decision
from maturity.errors import BadInput

if TYPE_CHECKING:
    from maturity.storage.store import Store
    from ui.background import Runner

StoreOpener = Callable[[], AbstractContextManager["Store"]]
Report = Callable[[str, bool], None]
Targets = tuple[dict[str, float], Decision]


class TargetsSaver:
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
        self._number = 0
        self._written = 0
        self._unsaved: Targets | None = None

    def save(self, values: Mapping[str, float], decision: Decision) -> None:
        self._number += 1
        number, targets = self._number, (dict(values), decision)
        self._unsaved = targets
        self.runner.run(lambda: self._write(number, targets), lambda done: self._done(number, done), self._failed)

    def flush(self) -> bool:
        if self._unsaved is None:
            return True
        self._number += 1
        try:
            self._write(self._number, self._unsaved)
        except Exception as error:  # reported, never swallowed; the caller learns it from False
            self._failed(error)
            return False
        self._done(self._number, True)
        return True

    def _write(self, number: int, targets: Targets) -> bool | None:
        from maturity.usecases.own_targets import save_targets

        with self._lock:
            if number <= self._written:
                return None
            with self.open_store() as store:
                save_targets(store, self.organization_id, self.year, *targets)
            self._written = number
            return True

    def _done(self, number: int, done: bool | None) -> None:
        if not done:
            return
        if number == self._number:
            self._unsaved = None
        self.last_error = None
        if self.report is not None:
            self.report("Целевые показатели сохранены", False)

    def _failed(self, error: BaseException) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(error, BadInput):
            text = f"Целевые показатели не сохранены: {error}"
        elif isinstance(error, SQLAlchemyError):
            text = f"Целевые показатели не сохранены: база данных недоступна ({type(error).__name__})."
        else:
            traceback.print_exception(error, file=sys.stderr)
            text = f"Целевые показатели не сохранены: внутренняя ошибка программы ({error!r})."
        self.last_error = text
        if self.report is not None:
            self.report(text, True)
