"""The assessment wizard: one page per section of the profile, then the result page.

Nothing here is specific to a question: pages are generated from ``profile.sections``. Answers
live in the :class:`~maturity.engine.session.AssessmentSession`, whose ``on_change`` saves the draft
(:class:`ui.wizard.drafts.DraftSaver`: after a pause in typing, at once when the page changes).
«Готово» hands the session to ``on_finish`` (the app saves the assessment there).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget, QWizard

from maturity.engine.session import AssessmentSession
from maturity.engine.year_change import EarlierYear
from maturity.errors import BadInput
from ui.wizard.result_page import ResultPage
from ui.wizard.section_page import SectionPage

RESULT_POSITION = "result"

BUTTON_TEXTS = {
    QWizard.WizardButton.NextButton: "Далее >",
    QWizard.WizardButton.BackButton: "< Назад",
    QWizard.WizardButton.FinishButton: "Сохранить оценку",
    QWizard.WizardButton.CancelButton: "Закрыть",
}


class AssessmentWizard(QWizard):
    """Fills one session; every page reads and writes it."""

    def __init__(
        self,
        session: AssessmentSession,
        *,
        organization_name: str = "",
        previous: Mapping[str, float | None] | None = None,
        previous_year: int | None = None,
        earlier: EarlierYear | None = None,
        settings: QSettings | None = None,
        on_finish: Callable[[AssessmentSession], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.on_finish = on_finish
        self.setObjectName("wizard")
        title = f"Оценка за {session.year} год"
        self.setWindowTitle(f"{title} — {organization_name}" if organization_name else title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, text)

        self.section_pages: list[SectionPage] = []
        self.page_ids: dict[str, int] = {}
        sections = session.profile.sections
        for number, section in enumerate(sections, start=1):
            page = SectionPage(session, section, number, len(sections), self)
            self.page_ids[section.id] = self.addPage(page)
            self.section_pages.append(page)
        self.result_page = ResultPage(session, previous, previous_year, self, earlier=earlier, settings=settings)
        self.page_ids[RESULT_POSITION] = self.addPage(self.result_page)
        self.currentIdChanged.connect(self._remember_position)
        self.currentIdChanged.connect(self._show_notice)
        self._notice = ""  # what «Далее» left unanswered on the page before: told on the next page
        self._arrived = 0.0  # when the result page was reached: a double click on «Далее» must not save
        self.read_only: object | None = None  # a ui.wizard.read_only.ReadOnlyMode: someone else's, for reading
        self._keys_go_forward()

    def _keys_go_forward(self) -> None:
        """Tab from the last field reaches «Далее» first, and Enter on «Назад» still goes forward: «Назад»
        is never the button Enter presses unless clicked."""
        back = self.button(QWizard.WizardButton.BackButton)
        if isinstance(back, QPushButton):
            back.setAutoDefault(False)
        for kind in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            QWidget.setTabOrder(self.button(kind), back)

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt naming)
        """«Далее» goes on past unanswered required questions, and says so at once on the next page."""
        page = self.currentPage()
        if not super().validateCurrentPage():
            return False
        self._notice = ""
        if isinstance(page, SectionPage):
            missing = page.missing_rows()
            if missing:
                self._notice = missing_notice(page.section.title, len(missing))
        return True

    def _show_notice(self, page_id: int) -> None:
        page = self.page(page_id) if page_id != -1 else None
        for section_page in self.section_pages:
            section_page.show_notice(self._notice if section_page is page else "")
        self._notice = ""
        if page is self.result_page:
            self._arrived = time.monotonic()

    def position(self) -> str:
        """The section id of the current page, or ``"result"``."""
        for key, page_id in self.page_ids.items():
            if page_id == self.currentId():
                return key
        return self.session.profile.sections[0].id

    def go_to(self, position: str | None) -> None:
        """Walk forward to a section (or the result page), as the user would with «Далее».

        Stops early at a page with an error, which the user must see first. Call after show().
        """
        target = self.page_ids.get(position or "", self.page_ids[self.session.profile.sections[0].id])
        while self.currentId() != target and self.currentId() != -1:
            before = self.currentId()
            if not self.currentPage().isComplete():
                break
            self.next()
            if self.currentId() == before:
                break

    def _remember_position(self, page_id: int) -> None:
        if page_id == -1:
            return
        self.session.set_section(self.position())

    def show_review(self, comment: str, questions: Mapping[str, str]) -> None:
        """A returned assessment: each comment beside its question, all of them on the result page, and the
        general one under the first page's title."""
        for page in self.section_pages:
            for qid, row in page.rows.items():
                if qid in questions:
                    row.show_review(questions[qid])
        if comment and self.section_pages:
            first = self.section_pages[0]
            first.setSubTitle(f"Возвращена на доработку: {comment}\n{first.subTitle()}")
        self.result_page.show_review(comment, questions)

    def show_save_status(self, text: str, error: bool = False) -> None:
        """«Черновик сохранён» (grey) or why it was not (red), under every page."""
        style = "color: #b00020;" if error else "color: #777777;"
        for status in (*(page.status for page in self.section_pages), self.result_page.status):
            status.setStyleSheet(style)
            status.setText(text)

    def accept(self) -> None:
        if time.monotonic() - self._arrived < QApplication.doubleClickInterval() / 1000:
            return  # the second click of a double click on «Далее», which «Сохранить оценку» replaced
        if self.on_finish is not None:
            try:
                self.on_finish(self.session)
            except BadInput as error:
                QMessageBox.warning(self, "Оценка не сохранена", str(error))
                return
        super().accept()


def missing_notice(section_title: str, count: int) -> str:
    """What the next page says after «Далее» left required questions unanswered."""
    questions = "обязательный вопрос" if count % 10 == 1 and count % 100 != 11 else (
        "обязательных вопроса" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else "обязательных вопросов"
    )  # fmt: skip
    return (
        f"В разделе «{section_title}» без ответа {count} {questions} — они отмечены жёлтым. Вернуться к ним — "
        "«Назад»; пока на них нет ответа, оценка остаётся черновиком."
    )
