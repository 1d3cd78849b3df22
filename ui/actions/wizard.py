"""The wizard of one assessment, with the saver that writes its draft, and what its closing shows.

Used by «Новая оценка», «Открыть», «Продолжить» and the resume banner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from ui.actions.context import AppContext

RESULT_POSITION = "result"

if TYPE_CHECKING:
    from maturity.engine.session import AssessmentSession
    from maturity.storage.models import Organization
    from maturity.usecases.assessment_origin import Origin
    from ui.plan.saver import PlanSaver
    from ui.plan.targets_saver import TargetsSaver
    from ui.wizard.drafts import DraftSaver
    from ui.wizard.wizard import AssessmentWizard


@dataclass
class OpenWizard:
    """Show ``session`` in the wizard at ``position``; ``stored``: its answers already in the database
    (None: a new assessment, written as a draft at once). ``origin``: where a stored one came from — someone
    else's (:attr:`~maturity.usecases.assessment_origin.Origin.read_only`) opens at its result for reading
    (:mod:`ui.wizard.read_only`), and nothing is written until «Изменить ответы…» is confirmed."""

    context: AppContext
    organization: Organization
    session: AssessmentSession
    position: str | None
    stored: Mapping[str, Any] | None
    origin: Origin | None = None

    def do(self) -> AssessmentWizard:
        from ui.widgets.screen import fit_to_screen
        from ui.wizard.drafts import DraftSaver
        from ui.wizard.wizard import AssessmentWizard

        context, org, session = self.context, self.organization, self.session
        org_id = context.store.stored_id(org)
        if context.wizard is not None and context.wizard.isVisible():
            context.wizard.close()  # its closing writes what it had
        saver = DraftSaver(context.open_store, org_id, org.uid, context.marks, context.runner)
        reading = self.origin is not None and self.origin.read_only
        if not reading:
            saver.attach(session, self.stored)
        from maturity.usecases.earlier_year import earlier_year

        earlier = earlier_year(context.store.session, org_id, session.year)
        wizard = AssessmentWizard(
            session,
            organization_name=org.name,
            previous=dict(earlier.kpis) if earlier is not None else None,
            previous_year=earlier.year if earlier is not None else None,
            earlier=earlier,
            settings=context.settings,
            on_finish=saver.finish,
            parent=context.parent(),
        )
        saver.report = wizard.show_save_status
        from maturity.usecases.benchmark import published_benchmark

        store = context.store  # on a shared database, «Сравнить с другими…» takes the federation's published one
        wizard.result_page.published_benchmark = lambda: published_benchmark(
            store.session, session.profile, session.year
        )
        from maturity.usecases.review import review_of

        review = review_of(context.store, org, session.year)
        if review is not None and any(review.returned_comments):
            wizard.show_review(*review.returned_comments)
        plan_savers = add_plan(context, org_id, wizard)
        if self.stored is None:
            saver.flush()  # a new assessment exists as a draft from its first moment
        from ui.wizard.attached_files import FileKeeper

        keeper = FileKeeper(context.open_store, org_id, session.year, context.settings)
        for page in wizard.section_pages:
            page.use_files(keeper)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(lambda result: WizardClosed(context, org, session.year, saver, result).do())
        for plan_saver in plan_savers:  # after the draft: this year's plan and last year's statuses are kept
            wizard.finished.connect(lambda _result, s=plan_saver: s.flush())
        fit_to_screen(wizard, 1180, 740)
        context.wizard = wizard
        wizard.show()
        if reading and self.origin is not None:
            from ui.wizard.read_only import ReadOnlyMode

            wizard.go_to(RESULT_POSITION)
            wizard.read_only = ReadOnlyMode(wizard, self.origin, lambda: saver.attach(session, self.stored))
        else:
            wizard.go_to(self.position)
        context.events.wizard_opened.emit(wizard)
        return wizard


@dataclass
class WizardClosed:
    """Write what the wizard had not written yet, then show the year and say what became of it."""

    context: AppContext
    organization: Organization
    year: int
    saver: DraftSaver
    result: int

    def do(self) -> None:
        context = self.context
        if not self.saver.attached:  # read, never changed: nothing was written, nothing to say
            context.events.written.emit(None)
            return
        if not self.saver.flush():
            QMessageBox.warning(context.parent(), "Черновик не сохранён", self.saver.last_error or "")
        context.events.written.emit(None)  # the comparison window too, if open: the year's figures changed
        context.events.year_wanted.emit(self.year)
        assessment = context.store.get_assessment(self.organization, self.year)
        if assessment is None:
            return
        if self.result == QDialog.DialogCode.Accepted.value:
            text = (
                "завершена" if assessment.status == "complete" else "сохранена как черновик (есть вопросы без ответа)"
            )
            context.events.message.emit(f"Оценка за {self.year} год {text}.", 10000)
        elif assessment.status == "draft":
            context.events.message.emit(
                f"Ответы за {self.year} год сохранены как черновик; «Продолжить» — чтобы дополнить.", 10000
            )


def add_plan(context: AppContext, org_id: int, wizard: AssessmentWizard) -> list[PlanSaver | TargetsSaver]:
    """The result page's «План» tab: the stored plan of this year (or the road map), last year's plan
    to settle, and the savers that keep the chair's edits (this year's plan; last year's statuses)."""
    from maturity.usecases.plan import last_year_plan
    from ui.plan.panel import PlanPanel
    from ui.plan.saver import PlanSaver

    session = wizard.session
    assessment = context.store.get_assessment(org_id, session.year)
    stored = context.store.get_plan(assessment) if assessment is not None else None
    plan_saver = PlanSaver(context.open_store, org_id, session.year, context.runner, wizard.show_save_status)
    last_year = last_year_plan(context.store, org_id, session.year)
    last_year_saver = None
    if last_year is not None:  # the statuses the chair gives last year's steps are kept on last year's plan
        last_year_saver = PlanSaver(context.open_store, org_id, last_year.year, context.runner, wizard.show_save_status)
    panel = PlanPanel(session, plan_saver, stored, last_year, wizard.result_page, last_year_saver=last_year_saver)
    wizard.result_page.add_plan_panel(panel)
    targets_saver = add_targets(context, org_id, wizard)
    return [s for s in (plan_saver, last_year_saver, targets_saver) if s is not None]


def add_targets(context: AppContext, org_id: int, wizard: AssessmentWizard) -> TargetsSaver:
    """The result page's «Целевые показатели» tab: this year's own targets met or not, and the next year's (the
    plan's year) to approve, with the saver that keeps them."""
    from maturity.storage.own_targets import get_own_targets
    from maturity.usecases.own_targets import targets_of_year
    from ui.plan.targets_panel import TargetsPanel
    from ui.plan.targets_saver import TargetsSaver
    from ui.plan.targets_tab import OwnTargetsTab

    session = wizard.session
    next_year = targets_of_year(context.store, org_id, session.year + 1)
    saver = TargetsSaver(context.open_store, org_id, next_year.year, context.runner, wizard.show_save_status)
    panel = TargetsPanel(
        next_year.profile, next_year.year, next_year.level, next_year.targets, saver, locked=next_year.locked
    )
    this_year = get_own_targets(context.store, org_id, session.year)
    wizard.result_page.add_targets(OwnTargetsTab(session, this_year, panel, wizard.result_page))
    return saver


def previous_scores(context: AppContext, org_id: int, year: int) -> tuple[dict[str, float | None] | None, int | None]:
    """The KPI scores of the organization's latest year before ``year`` (one query)."""
    from maturity.storage.queries import organization_history

    earlier = [h for h in organization_history(context.store.session, org_id) if h.year < year]
    if not earlier:
        return None, None
    latest = earlier[-1]
    return dict(latest.kpis), latest.year
