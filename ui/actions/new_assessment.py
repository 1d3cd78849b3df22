"""«Новая оценка»: the reporting year and the method, then a draft at once and the wizard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ui.actions.context import AppContext
from ui.actions.wizard import OpenWizard

if TYPE_CHECKING:
    from maturity.method.profile import Profile
    from maturity.storage.models import Organization
    from ui.wizard.wizard import AssessmentWizard


def default_year(today: datetime.date | None = None) -> int:
    """The year being reported on: this one from October, else the last one."""
    today = today or datetime.date.today()
    return today.year if today.month >= 10 else today.year - 1


@dataclass
class NewAssessment:
    """Ask for the year and the method, then start the assessment (None when the user cancels)."""

    context: AppContext
    organization: Organization

    def do(self) -> AssessmentWizard | None:
        from PySide6.QtWidgets import QDialog

        from ui.dialogs.new_assessment import NewAssessmentDialog

        default_id = self.context.default_profile.id
        catalog = self.context.store.catalog()  # shipped and installed in this database
        current = [catalog.find(pid) for pid in catalog.ids()]
        profiles = sorted(((p.id, f"{p.title}, версия {p.version}") for p in current), key=lambda p: p[0] != default_id)
        from maturity.storage.queries import assessment_lines

        earlier = [
            line.year
            for line in assessment_lines(self.context.store.session, self.context.store.stored_id(self.organization))
        ]
        dialog = NewAssessmentDialog(default_year(), profiles, self.context.parent(), earlier_years=earlier)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        year, profile_id = dialog.year.value(), dialog.profile.currentData()
        return StartAssessment(self.context, self.organization, year, profile_id, dialog.copy_from()).do()


@dataclass
class StartAssessment:
    """A new assessment of ``year``: a draft at once, then the wizard; the year's stored one, if
    the user wants it, when there is one already."""

    context: AppContext
    organization: Organization
    year: int
    profile_id: str | None = None
    copy_from: int | None = None  # the year whose answers start this one (yearly counts start empty)

    def do(self) -> AssessmentWizard | None:
        from maturity.engine.carry_over import carried_answers
        from maturity.engine.session import AssessmentSession
        from ui.actions.open_assessment import OpenAssessment

        context, org, year = self.context, self.organization, self.year
        if context.store.get_assessment(org, year) is not None:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                context.parent(), "Оценка уже есть", f"Оценка за {year} год уже есть. Открыть её?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                return OpenAssessment(context, org, year, "profile").do()
            return None
        profile = context.store.catalog().find(self.profile_id) if self.profile_id else context.default_profile
        answers = answers_from_card(context, org, profile)
        source = context.store.get_assessment(org, self.copy_from) if self.copy_from is not None else None
        if source is not None:  # the card wins for who the organization is
            answers = {**carried_answers(profile, source.answers), **answers}
        session = AssessmentSession(profile=profile, year=year, answers=answers)
        return OpenWizard(context, org, session, None, None).do()


def answers_from_card(context: AppContext, org: Organization, profile: Profile) -> dict[str, Any]:
    """The «Организация» page filled in from the card (the user may change it there)."""
    parent = context.store.get_organization(org.parent_id) if org.parent_id else None
    answers = profile.answers_for_organization(
        name=org.name,
        level=org.level,
        parent=parent.name if parent is not None else None,
        region=org.region,
        sector=org.sector,
        members=org.members,
    )
    return {k: v for k, v in answers.items() if k in profile.questions}
