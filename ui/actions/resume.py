"""After a start: «Заполнение оценки … не закончено» and its «Продолжить заполнение»."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.actions.context import AppContext
from ui.actions.open_assessment import RESULT_POSITION, ContinueAssessment

if TYPE_CHECKING:
    from ui.wizard.wizard import AssessmentWizard


@dataclass
class ResumeOffer:
    """The banner's text for the draft that was open last, at the section where it was left
    (None: nothing to offer — no mark, or the assessment is gone or complete)."""

    context: AppContext

    def do(self) -> str | None:
        store, mark = self.context.store, self.context.marks.last()
        org = store.organization_by_uid(mark.organization_uid) if mark else None
        assessment = store.get_assessment(org, mark.year) if org is not None and mark is not None else None
        if org is None or mark is None or assessment is None or assessment.status != "draft":
            return None
        if mark.position == RESULT_POSITION:
            where = "Результат оценки"
        else:
            titles = {s.id: s.title for s in store.profile_of(assessment).sections}
            where = titles.get(mark.position, mark.position)
        return (
            f"Заполнение оценки за {mark.year} год не закончено: «{escape(org.name)}», "
            f"раздел «{where}». Все ответы сохранены."
        )


@dataclass
class ResumeLast:
    """Show the organization of the draft that was open last and continue that draft."""

    context: AppContext

    def do(self) -> AssessmentWizard | None:
        mark = self.context.marks.last()
        org = self.context.store.organization_by_uid(mark.organization_uid) if mark is not None else None
        if mark is None or org is None:
            return None
        self.context.events.organization_wanted.emit(org.id)
        return ContinueAssessment(self.context, org, mark.year).do()


def escape(text: str) -> str:
    """Plain text for a label that shows rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
