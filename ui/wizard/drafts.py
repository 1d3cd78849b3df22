"""Never lose more than a pause of typing: a wizard's answers go to the database as a draft.

A change of the session starts a short timer (:data:`DRAFT_DELAY_MS`); when the user pauses that
long, the answers are written in the background (:mod:`ui.background`), in a database session of
their own, so the UI never waits on the network while the user types (PostgreSQL). A move to
another page writes at once (still in the background), and closing or finishing the wizard writes
what is left before it returns. After a kill, therefore, only the answers given during the last
pause (at most :data:`DRAFT_DELAY_MS`, plus the write itself) can be lost; everything before is in
the database. The organization's name, level… follow the draft's answers (the store copies them),
so typing a name renames the organization once per pause, not letter by letter.

Writes of one draft never overlap: one is in flight at a time, changes made meanwhile are written
after it as one (coalesced), and a lock orders the background write and a closing one, which skips
an older write that has not started yet. A failure is reported with a Russian sentence through
``report`` (the wizard shows it under every page) and retried with the next change.

Where the user was (the section of the wizard) is state of the app, not of the assessment, so it
is kept in a small settings file (:class:`ResumeMarks`), written through as soon as the page
changes; on the next start the app offers to continue that draft at that section.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.record import record_from_session
from maturity.engine.session import AssessmentSession
from maturity.errors import BadInput

if TYPE_CHECKING:
    from maturity.storage.models import Assessment
    from maturity.storage.store import Store
    from ui.background import Runner

DRAFT_DELAY_MS = 600  # the pause in typing after which the answers are written
Snapshot = tuple[dict[str, Any], AnswerNotes]  # what a write puts in the database: the answers and their notes


def snapshot(session: AssessmentSession) -> Snapshot:
    """The answers the store accepts and the comments and evidence marks, as one write would keep them."""
    return session.savable_answers(), session.notes


StoreOpener = Callable[[], AbstractContextManager["Store"]]
Report = Callable[[str, bool], None]


@dataclass(frozen=True)
class ResumeMark:
    organization_uid: str
    year: int
    position: str


class ResumeMarks:
    """Which draft was open last, and at which position, per database."""

    def __init__(self, settings: QSettings, database_url: str):
        self.settings = settings
        self.prefix = "drafts/" + hashlib.sha1(database_url.encode("utf-8")).hexdigest()[:16]

    def remember(self, organization_uid: str, year: int, position: str) -> None:
        self.settings.setValue(f"{self.prefix}/last", f"{organization_uid}|{year}|{position}")
        self.settings.sync()  # written through: the process may be killed at any moment

    def forget(self, organization_uid: str, year: int) -> None:
        mark = self.last()
        if mark is not None and (mark.organization_uid, mark.year) == (organization_uid, year):
            self.settings.remove(f"{self.prefix}/last")
            self.settings.sync()

    def last(self) -> ResumeMark | None:
        raw = self.settings.value(f"{self.prefix}/last")
        if not isinstance(raw, str) or raw.count("|") != 2:
            return None
        uid, year, position = raw.split("|")
        try:
            return ResumeMark(uid, int(year), position)
        except ValueError:
            return None

    def position(self, organization_uid: str, year: int) -> str | None:
        mark = self.last()
        if mark is not None and (mark.organization_uid, mark.year) == (organization_uid, year):
            return mark.position
        return None


class DraftSaver:
    """The session's ``on_change``: writes the draft after a pause, and the position at once.

    Answers with an error are left out of the draft (the store refuses them) and saved as soon as
    they are fixed. Every method is called on the UI thread; only :meth:`_write` runs on a worker.
    """

    def __init__(
        self,
        open_store: StoreOpener,
        organization_id: int,
        organization_uid: str,
        marks: ResumeMarks,
        runner: Runner,
        report: Report | None = None,
        delay_ms: int = DRAFT_DELAY_MS,
    ):
        self.open_store = open_store
        self.organization_id = organization_id
        self.organization_uid = organization_uid
        self.marks = marks
        self.runner = runner
        self.report = report
        self.last_error: str | None = None  # why the latest write failed (None after a success)
        self._session: AssessmentSession | None = None
        self._position: str | None = None
        self._saved: Snapshot | None = None  # the answers (and notes) known to be in the database
        self._sent: Snapshot | None = None  # the answers (and notes) of the latest write started
        self._number = 0  # numbers the writes, newest highest (UI thread)
        self._saved_number = 0  # the newest write known to have succeeded (UI thread)
        self._written = 0  # the newest write done (under the lock, any thread)
        self._lock = threading.Lock()
        self._in_flight = False
        self._again = False
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)

    # ------------------------------------------------------------ the session's side

    def attach(self, session: AssessmentSession, stored: Mapping[str, Any] | None = None) -> None:
        """Watch ``session`` (and remember where it is); ``stored``: the answers already in the
        database (nothing to write until they change; None: nothing is stored, :meth:`flush` writes)."""
        self._session = session
        self._saved = self._sent = (dict(stored), session.notes) if stored is not None else None
        self._position = session.current_section or ""
        self.marks.remember(self.organization_uid, session.year, self._position)
        session.on_change = self

    def __call__(self, session: AssessmentSession) -> None:
        """A change: a new page is remembered and written at once, an answer after a pause."""
        self._session = session
        position = session.current_section or ""
        if position != self._position:
            self._position = position
            self.marks.remember(self.organization_uid, session.year, position)
            self.save_now()
        else:
            self._timer.start()  # restarted by every change: the write waits for a pause

    @property
    def attached(self) -> bool:
        """It watches a session (a received assessment opened for reading has none until it is edited)."""
        return self._session is not None

    @property
    def pending(self) -> bool:
        """A change is waiting for its pause, or a write is under way."""
        return self._timer.isActive() or self._in_flight

    # ------------------------------------------------------------ writing

    def save_now(self) -> None:
        """Write the answers in the background now (after the one in flight, if any)."""
        self._timer.stop()
        session = self._session
        if session is None:
            return
        answers = snapshot(session)
        if answers == self._sent:
            return
        if self._in_flight:
            self._again = True  # written as one when the current write is done
            return
        self._number += 1
        number, record = self._number, record_from_session(session)  # checked and scored by the session
        self._sent, self._in_flight = answers, True
        self.runner.run(
            lambda: self._write(number, lambda store: store.save_record(self.organization_id, record)),
            lambda done: self._written_in_background(number, answers, done),
            self._failed_in_background,
        )

    def flush(self) -> bool:
        """Write what is not written yet and return when it is in the database (closing the wizard).

        Waits for a write in flight; False when the database refused the answers (reported).
        """
        self._timer.stop()
        session = self._session
        if session is None:
            return True
        answers = snapshot(session)
        if answers == self._saved and not self._in_flight:
            return True
        self._number += 1
        number, record = self._number, record_from_session(session)
        try:
            self._write(number, lambda store: store.save_record(self.organization_id, record))
        except Exception as error:  # reported, never swallowed; the caller learns it from False
            self._sent = self._saved
            self._say_failed(error)
            return False
        self._succeeded(number, answers)
        return True

    def finish(self, session: AssessmentSession) -> Assessment:
        """«Сохранить оценку»: complete when every required answer is there, else still a draft.

        Written at once (the wizard closes only when it is saved); a refused answer raises BadInput.
        """
        self._timer.stop()
        self._session = session
        answers = snapshot(session)
        self._number += 1
        number = self._number
        record = record_from_session(session, status=None)  # complete when every required answer is there
        assessment = self._write(number, lambda store: store.save_record(self.organization_id, record))
        self._succeeded(number, answers, say=False)
        self.marks.forget(self.organization_uid, session.year)
        return assessment

    def _write(self, number: int, write: Callable[[Store], Any]) -> Any:
        """Any thread: one write in a database session of its own, never two at once, never an
        older one after a newer one (then skipped: None)."""
        with self._lock:
            if number <= self._written:
                return None
            with self.open_store() as store:
                result = write(store)
            self._written = number
            return result if result is not None else True

    # ------------------------------------------------------------ back on the UI thread

    def _written_in_background(self, number: int, answers: Snapshot, done: Any) -> None:
        self._in_flight = False
        if done is not None:
            self._succeeded(number, answers)
        self._next_if_changed()

    def _failed_in_background(self, error: BaseException) -> None:
        self._in_flight = False
        self._sent = self._saved  # the next change (or a flush) tries again
        self._say_failed(error)
        self._next_if_changed()

    def _next_if_changed(self) -> None:
        if self._again:
            self._again = False
            self.save_now()

    def _succeeded(self, number: int, answers: Snapshot, say: bool = True) -> None:
        if number > self._saved_number:
            self._saved_number = number
            self._saved = answers
            if self._number == number:
                self._sent = self._saved
        self.last_error = None
        if say:
            self._report("Черновик сохранён", False)

    def _say_failed(self, error: BaseException) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(error, BadInput):
            text = f"Черновик не сохранён: {error}"
        elif isinstance(error, SQLAlchemyError):  # the session rolled back; the next change tries again
            text = f"Черновик не сохранён: база данных недоступна ({type(error).__name__})."
        else:
            traceback.print_exception(error, file=sys.stderr)
            text = f"Черновик не сохранён: внутренняя ошибка программы ({error!r})."
        self.last_error = text
        self._report(text, True)

    def _report(self, text: str, error: bool) -> None:
        if self.report is not None:
            self.report(text, error)
