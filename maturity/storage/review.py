"""The higher body's review of assessments as stored: the state of each («received» when no row), and
which are accepted (locked). The decisions themselves are :mod:`maturity.usecases.review`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from maturity.storage.database import table_of
from maturity.storage.models import AssessmentReview

REVIEW = table_of(AssessmentReview)
RECEIVED, ACCEPTED, RETURNED = "received", "accepted", "returned"
STATE_NAMES = {RECEIVED: "получена", ACCEPTED: "принята", RETURNED: "возвращена"}
SENT_NAMES = {ACCEPTED: "принята территорией", RETURNED: "возвращена на доработку", RECEIVED: "получена"}


@dataclass(frozen=True)
class Review:
    """An assessment's review: this database's decision, and what its file said (``sent_*``)."""

    state: str = RECEIVED
    comment: str = ""
    questions: dict[str, str] = field(default_factory=dict)
    decided_at: datetime | None = None
    decided_by: str = ""
    sent_state: str | None = None
    sent_comment: str = ""
    sent_questions: dict[str, str] = field(default_factory=dict)
    sent_by: str = ""

    @property
    def returned_comments(self) -> tuple[str, dict[str, str]]:
        """The comments a chair has to answer: this database's return, or the return its file brought."""
        if self.state == RETURNED:
            return self.comment, dict(self.questions)
        if self.sent_state == RETURNED:
            return self.sent_comment, dict(self.sent_questions)
        return "", {}

    def file_block(self) -> dict[str, Any]:
        """What an exported file says of the review (``meta.review``)."""
        comment, questions = self.returned_comments
        block: dict[str, Any] = {"state": self.state}
        if self.decided_by or self.decided_at:
            block["by"] = self.decided_by
            block["at"] = self.decided_at.isoformat() if self.decided_at else None
        if comment or questions:
            block["comment"] = comment
            block["questions"] = questions
        if self.sent_state == ACCEPTED and self.state == RECEIVED:
            block["upstream"] = ACCEPTED  # the territory accepted it: travels on to the federation
        return block


def _review(row: Any) -> Review:
    return Review(
        row.state, row.comment or "", dict(row.questions or {}), row.decided_at, row.decided_by or "",
        row.sent_state, row.sent_comment or "", dict(row.sent_questions or {}), row.sent_by or "",
    )  # fmt: skip


def reviews_of(session: Session | sa.Connection, assessment_ids: Sequence[int]) -> dict[int, Review]:
    """The review of each assessment (one without a row: received)."""
    found: dict[int, Review] = {}
    ids = list(assessment_ids)
    for start in range(0, len(ids), 900):
        query = sa.select(REVIEW).where(REVIEW.c.assessment_id.in_(ids[start : start + 900]))
        for row in session.execute(query):
            found[row.assessment_id] = _review(row)
    return {aid: found.get(aid, Review()) for aid in ids}


def accepted_reviews(session: Session | sa.Connection, assessment_ids: Sequence[int]) -> dict[int, tuple[str, Any]]:
    """Of these assessments, the accepted ones: who accepted each and when."""
    found: dict[int, tuple[str, Any]] = {}
    ids = list(assessment_ids)
    c = REVIEW.c
    for start in range(0, len(ids), 900):
        query = sa.select(c.assessment_id, c.decided_by, c.decided_at).where(
            c.assessment_id.in_(ids[start : start + 900]), c.state == ACCEPTED
        )
        found.update({aid: (by, at) for aid, by, at in session.execute(query)})
    return found


def shown_state(review: Review) -> str:
    """The state in Russian, with the sender's word when this database has not decided."""
    if review.state == RECEIVED and review.sent_state == ACCEPTED:
        return "получена (принята территорией)"
    return STATE_NAMES[review.state]
