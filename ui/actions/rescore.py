"""«Пересчитать по новой версии методики…»: re-score the selected assessment with another version of its
method installed in the database — an explicit action, recorded (``maturity rescore`` does the same)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from maturity.usecases.acting_user import current_user
from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.storage.models import Organization


@dataclass
class RescoreAssessment:
    """Offer the other installed versions of the assessment's method, then re-score in the background."""

    context: AppContext
    organization: Organization
    year: int

    def do(self) -> None:
        from PySide6.QtWidgets import QDialog, QMessageBox

        from maturity.usecases.profiles import other_versions
        from maturity.views.numbers import format_score
        from ui.background import show_error
        from ui.dialogs.rescore import RescoreDialog

        parent, store = self.context.parent(), self.context.store
        assessment = store.get_assessment(self.organization, self.year)
        if assessment is None:
            return
        versions = other_versions(store, assessment)
        if not versions:
            QMessageBox.information(
                parent,
                "Пересчитать по новой версии методики",
                f"Оценка за {self.year} год рассчитана по методике «{assessment.profile_id}» версии "
                f"{assessment.profile_version}; другой версии этой методики в базе нет. Установите новую версию "
                "(«maturity profiles install ФАЙЛ.yaml» или редактор методики) и повторите.",
            )
            return
        dialog = RescoreDialog(
            f"Оценка «{self.organization.name}» за {self.year} год рассчитана по методике «{assessment.profile_id}» "
            f"версии {assessment.profile_version}. По какой версии её пересчитать? Цифры оценки изменятся; "
            "пересчёт будет записан в историю.",
            [(e.version, f"версия {e.version} — {e.shown_title} (хэш {e.short_hash})") for e in versions],
            parent,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        org_id, year, version, who = (
            self.context.store.stored_id(self.organization),
            self.year,
            dialog.chosen(),
            current_user(),
        )

        def work():
            from maturity.usecases.profiles import rescore_assessment

            with self.context.open_store() as own:
                return rescore_assessment(own, org_id, year, version, by=who)

        def done(result) -> None:
            self.context.reread()
            self.context.events.written.emit(org_id)
            self.context.events.year_wanted.emit(year)
            self.context.events.message.emit(
                f"Оценка за {year} год пересчитана по версии {result.after_version}: индекс "
                f"{format_score(result.before_index)} → {format_score(result.after_index)}",
                10000,
            )

        self.context.runner.run(
            work,
            done,
            lambda error: show_error(parent, error, "Оценка не пересчитана"),
            busy_text="Пересчитываю оценку…",
        )
