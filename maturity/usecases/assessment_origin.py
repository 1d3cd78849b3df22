"""Whose assessment this is: one that came from a file (someone else's — a chair's file at the territory, a
territory's report at the federation) or one written on this computer, and what a reader must know of a
received one: the file, when it was received and by whom, who filled it in, its review state.

The answer comes from the journal, which records every write (:mod:`maturity.storage.journal`): the latest
write of the assessment's answers — «import»/«replace» (a file) or «save» (this program) — decides.
A recount («rescore»), a review decision or a merge changes no answer and so no owner. An assessment
with no such entry (written before the journal existed) counts as this computer's own.

One exception: a chair's own assessment that the territory sent back for correction. Its file says
«returned» (``sent_state``) and this database has decided nothing on it: the chair opens it to correct it,
so it opens for editing, with the comments (:func:`maturity.usecases.review.review_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PureWindowsPath

from maturity.storage.journal import JournalRow, journal_rows, local_time
from maturity.storage.models import Organization
from maturity.storage.review import ACCEPTED, RECEIVED, RETURNED, Review, reviews_of, shown_state
from maturity.storage.store import Store, locked_reason

ANSWER_WRITES = ("import", "replace", "save")  # the journal actions that write an assessment's answers
FROM_FILE = ("import", "replace")


@dataclass(frozen=True)
class Origin:
    """Where an organization's assessment of a year came from, as the reader is told it."""

    organization: str  # the organization's name
    organization_uid: str
    year: int
    from_file: bool
    file_name: str | None  # the received file's name (no folder, either separator), None when not from a file
    received_at: datetime | None  # when it was written from the file (UTC, as stored)
    received_by: str  # who loaded it (the operating-system user; "" unknown)
    respondent: str  # who filled it in, as its answers say ("" not told)
    review: Review

    @property
    def sent_back_for_correction(self) -> bool:
        """The chair's own assessment, returned by the territory and received back as a file."""
        return self.review.state == RECEIVED and self.review.sent_state == RETURNED

    @property
    def read_only(self) -> bool:
        """Someone else's: it opens for reading, and changing it is an explicit action."""
        return self.from_file and not self.sent_back_for_correction

    @property
    def accepted(self) -> bool:
        return self.review.state == ACCEPTED

    @property
    def state_text(self) -> str:
        """The review state in Russian («получена», «принята», «возвращена»…)."""
        return shown_state(self.review)

    def locked_text(self) -> str:
        """Why an accepted assessment is not changed (who accepted it, when, how to reopen it)."""
        reason = locked_reason(
            self.organization, self.organization_uid, self.year, self.review.decided_by, self.review.decided_at
        )
        return reason[:1].upper() + reason[1:] + "."

    def received_text(self) -> str:
        """«Получена из файла «…» 07.12.2026 13:02 (загрузил ivanov)»."""
        if not self.from_file:
            return "Оценка сделана на этом компьютере."
        when = local_time(self.received_at).strftime("%d.%m.%Y %H:%M") if self.received_at is not None else "—"
        file = f"«{self.file_name}»" if self.file_name else "(имя файла не записано)"
        who = f" (загрузил: {self.received_by})" if self.received_by else ""
        return f"Получена из файла {file} {when}{who}."

    def sender_text(self) -> str:
        return f"Заполнил(а): {self.respondent}." if self.respondent else "Кто заполнял, в ответах не указано."

    def review_text(self) -> str:
        text = f"Проверка: {self.state_text}"
        if self.review.state != RECEIVED and self.review.decided_at is not None:
            by = f", {self.review.decided_by}" if self.review.decided_by else ""
            text += f" ({local_time(self.review.decided_at).strftime('%d.%m.%Y %H:%M')}{by})"
        return text + "."

    def confirmation_text(self) -> str:
        """What «Изменить ответы…» asks before a received assessment becomes editable."""
        sender = f", заполнил(а) {self.respondent}" if self.respondent else ""
        file = f" из файла «{self.file_name}»" if self.file_name else " из файла"
        return (
            f"Это оценка организации «{self.organization}» за {self.year} год, полученная{file}{sender}. "
            "Изменённые ответы сохранятся в этой базе вместо полученных, а в журнале будет записано, кто и когда "
            "их изменил. Изменить ответы?"
        )


def assessment_origin(store: Store, org: Organization, year: int) -> Origin | None:
    """Where the organization's assessment of ``year`` came from (None: there is none)."""
    assessment = store.get_assessment(org, year)
    if assessment is None or assessment.id is None:
        return None
    uids = [org.uid, *store.codes_of(org)]
    writes = [row for row in journal_rows(store.session, uids, year) if row.action in ANSWER_WRITES]
    latest: JournalRow | None = writes[-1] if writes else None
    from_file = latest is not None and latest.action in FROM_FILE
    review = reviews_of(store.session, [assessment.id])[assessment.id]
    return Origin(
        organization=org.name,
        organization_uid=org.uid,
        year=year,
        from_file=from_file,
        file_name=PureWindowsPath(latest.file_name).name if from_file and latest and latest.file_name else None,
        received_at=latest.at if from_file and latest else None,
        received_by=(latest.os_user if from_file and latest else "") or "",
        respondent=(assessment.respondent or "").strip(),
        review=review,
    )
