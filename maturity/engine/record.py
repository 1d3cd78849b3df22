"""An assessment ready to be written: clean answers, their score, its status and what they say of the
organization — built once, whoever writes it (the wizard, the import of a file or of a report).

:func:`build_record` validates the answers once and scores them once; :func:`record_from_session`
takes what the wizard's session has already checked and scored. The store writes records and
nothing else (``Store.write_records``), so every assessment in the database went through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.relevance import relevance_rules
from maturity.engine.scoring import ScoreResult, score
from maturity.engine.session import AssessmentSession
from maturity.engine.validation import clean_answers
from maturity.engine.years import check_year
from maturity.errors import BadInput
from maturity.method.profile import Profile

STATUSES = ("draft", "complete")


class AssessmentIncomplete(BadInput):
    """An assessment saved as complete while relevant required questions are unanswered."""


@dataclass(frozen=True)
class AssessmentRecord:
    """One organization's assessment of one year, checked and scored."""

    profile: Profile
    year: int
    answers: dict[str, Any]
    result: ScoreResult
    status: str
    respondent: str | None = None
    notes: AnswerNotes | None = None  # comments and evidence written with it; None: leave the stored ones

    @property
    def organization_facts(self) -> dict[str, Any]:
        """Name, level, region, sector, members as the answers give them (the answered ones)."""
        return self.profile.organization_facts(self.answers)

    @property
    def name(self) -> str | None:
        return self.profile.organization_fact(self.answers, "name")


def build_record(
    profile: Profile,
    year: int,
    answers: Mapping[str, Any],
    *,
    status: str | None = None,
    respondent: str | None = None,
    cleaned: bool = False,
) -> AssessmentRecord:
    """Check (unless ``cleaned``: a reader already did) and score the answers, once.

    status None: "complete" when every relevant required question is answered, else "draft";
    "complete" with a required answer missing is refused (AssessmentIncomplete).
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    check_year(year)
    clean = dict(answers) if cleaned else clean_answers(profile, answers)
    return _record(profile, year, clean, score(profile, clean), status, respondent)


def record_from_session(session: AssessmentSession, *, status: str | None = "draft") -> AssessmentRecord:
    """The wizard's answers as a record, without checking or scoring them again: the session checked
    every answer as it was given and keeps its score. Answers with an error stay out (as the draft
    always kept them out); only then are the rest scored anew."""
    answers = session.savable_answers()
    result = session.score() if answers == session.answers else score(session.profile, answers)
    record = _record(session.profile, check_year(session.year), dict(answers), result, status, None)
    return replace(record, notes=session.notes)


def _record(
    profile: Profile,
    year: int,
    answers: dict[str, Any],
    result: ScoreResult,
    status: str | None,
    respondent: str | None,
) -> AssessmentRecord:
    if status == "complete" and not result.complete:
        missing = relevance_rules(profile).missing_required(answers)
        shown = ", ".join(missing[:5]) + (f" и ещё {len(missing) - 5}" if len(missing) > 5 else "")
        raise AssessmentIncomplete(f"оценка не завершена: нет ответов на вопросы {shown}")
    status = status or ("complete" if result.complete else "draft")
    if respondent is None:
        respondent = profile.organization_fact(answers, "respondent")
    return AssessmentRecord(profile, year, answers, result, status, respondent)
