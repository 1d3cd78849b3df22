"""Never lose an answer: every change of a session goes to the database at once, as a draft.

The answers themselves are stored by :class:`maturity.storage.store.Store` (``save_draft``). Where the
user was (the section of the wizard) is state of the app, not of the assessment, so it is kept
in a small settings file (:class:`ResumeMarks`) that is written through at once as well; on the
next start the app offers to continue that draft at that section.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from maturity.engine.session import AssessmentSession
from maturity.errors import BadInput


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
    """The session's ``on_change``: writes the draft (when the answers changed) and the position.

    Answers with an error are left out of the draft (the store refuses them) and saved as soon as
    they are fixed. A failure to write is reported through ``report`` with a Russian sentence.
    """

    def __init__(
        self,
        store: Any,
        organization_id: int,
        organization_uid: str,
        marks: ResumeMarks,
        report: Callable[[str, bool], None] | None = None,
    ):
        self.store = store
        self.organization_id = organization_id
        self.organization_uid = organization_uid
        self.marks = marks
        self.report = report
        self._saved: dict[str, Any] | None = None

    def start_from(self, answers: dict[str, Any]) -> None:
        """The answers already in the database (nothing to write until they change)."""
        self._saved = dict(answers)

    def __call__(self, session: AssessmentSession) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        answers = session.savable_answers()
        if answers != self._saved:
            try:
                self.store.save_draft(self.organization_id, session.year, session.profile, answers)
            except BadInput as error:
                self._report(f"Черновик не сохранён: {error}", True)
            except SQLAlchemyError as error:  # the store rolled back; the next change tries again
                self._report(f"Черновик не сохранён: база данных недоступна ({type(error).__name__}).", True)
            else:
                self._saved = dict(answers)
                self._report("Черновик сохранён", False)
        self.marks.remember(self.organization_uid, session.year, session.current_section or "")

    def finish(self, session: AssessmentSession) -> Any:
        """«Сохранить оценку»: complete when every required answer is there, else still a draft."""
        assessment = self.store.save_assessment(
            self.organization_id, session.year, session.profile, session.savable_answers()
        )
        self._saved = session.savable_answers()
        self.marks.forget(self.organization_uid, session.year)
        return assessment

    def _report(self, text: str, error: bool) -> None:
        if self.report is not None:
            self.report(text, error)
