"""Someone else's assessment opens for reading: its result, its answers (a tab «Ответы»), who sent it, when
it was received and its review state — no «Сохранить оценку», no «< Назад» into editable pages, nothing
written. Changing it is an explicit action, «Изменить ответы…», that says whose assessment it is and asks;
an accepted one is refused with the reason (the store would refuse its write anyway).

What is read comes from :class:`maturity.usecases.assessment_origin.Origin`; this module only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QHeaderView, QMessageBox, QVBoxLayout, QWizard

from maturity.views.answers_text import answer_rows
from ui.widgets.capped_text import CappedText
from ui.widgets.table_rows import Column, Row, RowsTableModel

if TYPE_CHECKING:
    from maturity.usecases.assessment_origin import Origin
    from ui.wizard.wizard import AssessmentWizard

EDIT_TEXT = "Изменить ответы…"
EDIT_TIP = "Исправить ответы полученной оценки в этой базе (программа спросит подтверждение)"
BANNER_STYLE = "QScrollArea { background: #f3f1e6; border: 1px solid #c9bf8f; border-radius: 4px; }"
SECTION_COLUMN = 150  # pixels of the answers' «Раздел» column (its title wraps)
BANNER_TEXT_STYLE = "background: #f3f1e6; color: #4a4020;"
READING_LAYOUT = [QWizard.WizardButton.Stretch, QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CancelButton]
EDITING_LAYOUT = [
    QWizard.WizardButton.Stretch,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
]


class ReadOnlyMode:
    """Puts ``wizard`` (open at its result page) into reading, until «Изменить ответы…» is confirmed; then
    ``start_editing`` is called (it attaches the draft saver) and the wizard works as the chair's own."""

    def __init__(self, wizard: AssessmentWizard, origin: Origin, start_editing: Callable[[], None]):
        self.wizard = wizard
        self.origin = origin
        self.start_editing = start_editing
        self.editing = False
        page = wizard.result_page
        # six lines at 1 024 pixels: a few shown and the rest scrolled in a short window, so that the wizard's
        # buttons stay on a 1024×600 screen
        self.banner_area = CappedText(page, short_lines=3)
        self.banner_area.setObjectName("received-banner-area")
        self.banner_area.setStyleSheet(BANNER_STYLE)
        self.banner = self.banner_area.label
        self.banner.setObjectName("received-banner")
        self.banner.setStyleSheet(BANNER_TEXT_STYLE)
        self.banner.setContentsMargins(6, 6, 6, 6)
        self.banner_area.setText(banner_text(origin))
        cast(QVBoxLayout, page.layout()).insertWidget(1, self.banner_area)  # under the figures
        self.banner_area.show()
        self.answers_model = RowsTableModel([Column("Раздел"), Column("Вопрос"), Column("Ответ")], parent=page)
        self.answers_model.set_rows(
            [
                Row((row.section, row.question, row.answer), tone=None if row.answered else "muted")
                for row in answer_rows(wizard.session.profile, wizard.session.answers)
            ]
        )
        from ui.wizard.result_page import _table

        self.answers_view = _table(self.answers_model, page.tabs, stretch_column=1)
        self.answers_view.setObjectName("received-answers")
        # the question and the answer share the width, the section a narrow column, each wrapped (sized to
        # their contents, a long section and a long answer squeezed the question to «Полное наименова…» and
        # pushed «Ответ» off to the right at 1024 pixels)
        header = self.answers_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, SECTION_COLUMN)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.answers_view.resizeRowsToContents())
        page.tabs.insertTab(1, self.answers_view, "Ответы")
        wizard.setButtonText(QWizard.WizardButton.CustomButton1, EDIT_TEXT)
        wizard.button(QWizard.WizardButton.CustomButton1).setToolTip(EDIT_TIP)
        wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        wizard.customButtonClicked.connect(self._custom_clicked)
        wizard.setButtonLayout(READING_LAYOUT)
        wizard.setWindowTitle(f"{wizard.windowTitle()} — полученная оценка, только просмотр")
        self._title = wizard.windowTitle()
        self._set_pages_enabled(False)

    def banner_text(self) -> str:
        return banner_text(self.origin)

    def _set_pages_enabled(self, enabled: bool) -> None:
        for page in self.wizard.section_pages:
            page.setEnabled(enabled)
        panel = self.wizard.result_page.plan_panel
        if panel is not None:
            panel.setEnabled(enabled)
        if not enabled:
            self.wizard.result_page.plan_question.hide()

    def _custom_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.ask_to_edit()

    def ask_to_edit(self) -> bool:
        """«Изменить ответы…»: refused for an accepted assessment (with the reason); otherwise asked, and on
        «Да» the wizard becomes editable. True when it did."""
        if self.editing:
            return True
        if self.origin.accepted:
            QMessageBox.information(self.wizard, "Оценка принята", self.origin.locked_text())
            return False
        answer = QMessageBox.question(
            self.wizard,
            "Изменить полученную оценку?",
            self.origin.confirmation_text(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.editing = True
        self.start_editing()
        self._set_pages_enabled(True)
        self.wizard.setOption(QWizard.WizardOption.HaveCustomButton1, False)
        self.wizard.setButtonLayout(EDITING_LAYOUT)
        self.wizard.setWindowTitle(self._title.replace("только просмотр", "ответы изменяются"))
        self.banner_area.setText(
            f"Вы изменяете ответы полученной оценки организации «{self.origin.organization}» за "
            f"{self.origin.year} год. {self.origin.received_text()} {self.origin.sender_text()}"
        )
        tabs = self.wizard.result_page.tabs
        tabs.removeTab(tabs.indexOf(self.answers_view))  # the answers are on the pages now, as they change
        self.wizard.result_page.refresh()
        return True


def banner_text(origin: Origin) -> str:
    """What the read-only view says above its tabs: whose assessment, the file and when, who filled it in, the
    review state, and how to change it (or that an accepted one does not change)."""
    lines = [
        f"Оценка организации «{origin.organization}» за {origin.year} год — полученная, открыта только для просмотра.",
        origin.received_text(),
        origin.sender_text(),
        origin.review_text(),
    ]
    if origin.accepted:
        lines.append("Оценка принята: её ответы не меняются, пока приёмка не снята.")
    else:
        lines.append(f"Чтобы исправить ответы в этой базе — «{EDIT_TEXT}».")
    return "\n".join(lines)
