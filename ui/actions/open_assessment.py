"""«Открыть» (an assessment at its result) and «Продолжить» (a draft where the user left it).

An assessment received from a file (someone else's) opens for reading whichever of them is used:
:mod:`ui.wizard.read_only`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from maturity.usecases.assessment_origin import assessment_origin
from ui.actions.context import AppContext
from ui.actions.wizard import OpenWizard

if TYPE_CHECKING:
    from maturity.engine.session import AssessmentSession
    from maturity.storage.models import Organization
    from ui.wizard.wizard import AssessmentWizard

RESULT_POSITION = "result"


@dataclass
class OpenAssessment:
    """The stored assessment of ``year`` in the wizard, at ``position`` (its result by default)."""

    context: AppContext
    organization: Organization
    year: int
    position: str = RESULT_POSITION

    def do(self) -> AssessmentWizard:
        session = stored_session(self.context, self.organization, self.year)
        origin = assessment_origin(self.context.store, self.organization, self.year)
        return OpenWizard(self.context, self.organization, session, self.position, session.answers, origin).do()


@dataclass
class ContinueAssessment:
    """Reopen a draft where the user left it (or at its first unanswered question)."""

    context: AppContext
    organization: Organization
    year: int

    def do(self) -> AssessmentWizard:
        session = stored_session(self.context, self.organization, self.year)
        position = self.context.marks.position(self.organization.uid, self.year)
        if position is None:
            missing = session.missing_required()
            position = missing[0].section_id if missing else RESULT_POSITION
        origin = assessment_origin(self.context.store, self.organization, self.year)
        return OpenWizard(self.context, self.organization, session, position, session.answers, origin).do()


def stored_session(context: AppContext, organization: Organization, year: int) -> AssessmentSession:
    """The stored assessment as a session of the method it was made under."""
    from maturity.engine.session import AssessmentSession

    assessment = context.store.get_assessment(organization, year)
    if assessment is None:
        raise LookupError(f"no assessment of {organization.id} for {year}")
    from maturity.storage.answer_notes import merge_of, notes_of

    profile = context.store.profile_of(assessment)  # the very text it was scored with
    aid = context.store.stored_id_of(assessment)
    notes = notes_of(context.store.session, [aid])[aid]
    return AssessmentSession(
        profile=profile, year=year, answers=dict(assessment.answers), notes=notes,
        merge=merge_of(context.store.session, aid),
    )  # fmt: skip
