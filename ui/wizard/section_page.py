"""A wizard page generated from one section of the profile.

The page holds no answers: each editor writes to the session, and the page shows what the session
says — which questions are relevant (live), which messages stand beside which field, and whether
«Далее» is allowed (only real errors block it; unanswered questions never do).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from maturity.engine.session import AssessmentSession
from maturity.errors import BadInput
from maturity.method.schema import Question, Section
from ui.wizard.attached_files import FILES_FILTER, FileKeeper, files_line
from ui.wizard.editors import AnswerEditor, editor_for
from ui.wizard.notes_panel import NotesPanel

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"
HELP_STYLE = "color: #555555; font-size: 9pt;"
REVIEW_STYLE = "background: #eef4fb; border: 1px solid #9fb8d6; border-radius: 4px; padding: 4px; color: #1d3557;"
MISSING_STYLE = '*[missing="true"] { border-left: 4px solid #e0a030; background: #fff8e6; }'
MISSING_TEXT = "Нет ответа на обязательный вопрос: оценка останется черновиком, пока его не заполнить."


class QuestionRow(QFrame):
    """A question's text on the left; its editor, help and the message about its answer on the right."""

    LABEL_WIDTH = 380

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"row:{question.id}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 3, 0, 3)
        layout.setSpacing(16)
        mark = "" if question.optional else " <span style='color:#b00020'>*</span>"
        self.label = QLabel(f"{_escape(question.text)}{mark}", self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setMinimumWidth(self.LABEL_WIDTH * 2 // 3)
        self.label.setMaximumWidth(self.LABEL_WIDTH)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(2)
        layout.addLayout(column, 1)
        self.editor: AnswerEditor = editor_for(question, self)
        self.label.setBuddy(self.editor)
        column.addWidget(self.editor)
        self.help: QLabel | None = None
        if question.help:
            self.help = QLabel(question.help, self)
            self.help.setWordWrap(True)
            self.help.setStyleSheet(HELP_STYLE)
            column.addWidget(self.help)
        self.notes = NotesPanel(question.id, self)  # the respondent's comment and evidence mark
        column.addWidget(self.notes)
        self.review = QLabel(self)  # the higher body's comment on this question, when it returned the assessment
        self.review.setObjectName(f"review:{question.id}")
        self.review.setWordWrap(True)
        self.review.setStyleSheet(REVIEW_STYLE)
        self.review.hide()
        column.addWidget(self.review)
        self.message = QLabel(self)
        self.message.setObjectName(f"message:{question.id}")
        self.message.setWordWrap(True)
        self.message.hide()
        column.addWidget(self.message)
        self.missing = False

    def show_review(self, text: str) -> None:
        self.review.setText(f"Замечание проверяющего: {text}")
        self.review.show()

    def mark_missing(self, missing: bool) -> None:
        """An amber bar at the left and a note when a required question was passed by unanswered."""
        self.missing = missing
        self.setProperty("missing", missing)
        self.setStyleSheet(MISSING_STYLE if missing else "")
        if missing and not self.message.isVisible():
            self.message.setStyleSheet(WARNING_STYLE)
            self.message.setText(MISSING_TEXT)
            self.message.show()
        elif not missing and self.message.text() == MISSING_TEXT:
            self.message.clear()
            self.message.hide()

    def show_issues(self, issues: list[Any]) -> None:
        if not issues:
            self.message.clear()
            self.message.hide()
            return
        error = next((i for i in issues if i.severity == "error"), issues[0])
        self.message.setStyleSheet(ERROR_STYLE if error.severity == "error" else WARNING_STYLE)
        self.message.setText(error.message)
        self.message.show()


class SectionPage(QWizardPage):
    """One page per section: the questions in the profile's order, each with a fitting editor."""

    def __init__(
        self,
        session: AssessmentSession,
        section: Section,
        number: int = 1,
        total: int = 1,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.section = section
        self.passed = False  # «Далее» was pressed here once: unanswered required questions are marked
        self.keeper: FileKeeper | None = None  # keeps files attached to answers (None: not offered)
        self.setObjectName(f"page:{section.id}")
        self.setTitle(title_markup(section.title))
        step = f"Раздел {number} из {total}. Поля со звёздочкой обязательны для полной оценки."
        self.setSubTitle(f"{step} {section.intro}" if section.intro else step)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 16, 4)
        self.rows: dict[str, QuestionRow] = {}
        for question in section.questions:
            row = QuestionRow(question, body)
            row.editor.changed.connect(lambda value, qid=question.id: self._answer(qid, value))
            row.notes.comment_changed.connect(lambda text, qid=question.id: self._comment(qid, text))
            row.notes.evidence_changed.connect(lambda reference, qid=question.id: self._evidence(qid, reference))
            self.rows[question.id] = row
            column.addWidget(row)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll
        self.status = QLabel(self)
        self.status.setObjectName("save-status")
        self.notice = QLabel(self)  # «В разделе … без ответа 2 обязательных вопроса…» after «Далее»
        self.notice.setObjectName("missing-notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00; font-weight: 600; background: #fff8e6; padding: 4px;")
        self.notice.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.notice)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.status)

    # ------------------------------------------------------------ session → widgets

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        """Show the session's answers (they may have changed on other pages or been restored)."""
        notes = self.session.notes
        for qid, row in self.rows.items():
            row.editor.set_value(self.session.answer(qid))
            row.notes.set_notes(notes.comment(qid), notes.evidence.get(qid))
        self.refresh()

    def refresh(self) -> None:
        """Relevance and messages as the session sees them now."""
        missing = {q.id for q in self.session.missing_required()} if self.passed else set()
        for qid, row in self.rows.items():
            row.setVisible(self.session.is_relevant(qid))
            row.show_issues(self.session.issues_for(qid))
            row.mark_missing(qid in missing)
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        """«Далее» never stops at an unanswered question; it marks those that are required."""
        self.passed = True
        self.refresh()
        return True

    def show_notice(self, text: str) -> None:
        """What «Далее» left behind on the page before ("" hides it)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def missing_rows(self) -> list[QuestionRow]:
        """The rows marked as required and unanswered."""
        return [row for row in self.rows.values() if row.missing]

    # ------------------------------------------------------------ widgets → session

    def _answer(self, question_id: str, value: Any) -> None:
        self.session.set_answer(question_id, value)
        self.refresh()

    def _comment(self, question_id: str, text: str) -> None:
        self._noted(question_id, lambda: self.session.set_comment(question_id, text))

    def _evidence(self, question_id: str, reference: str | None) -> None:
        self._noted(question_id, lambda: self.session.set_evidence(question_id, reference))

    def _noted(self, question_id: str, change: Any) -> None:
        """A comment or a mark to the session; one it cannot keep (too long…) is said beside it, never lost on screen."""
        try:
            change()
        except BadInput as exc:
            self.rows[question_id].notes.show_problem(f"Комментарий не сохранён: {exc}")
            return
        self.rows[question_id].notes.show_problem("")
        self.refresh()

    # ------------------------------------------------------------ files attached to answers

    def use_files(self, keeper: FileKeeper) -> None:
        """Offer «Приложить файл…» under every question, kept by ``keeper``."""
        self.keeper = keeper
        for qid, row in self.rows.items():
            row.notes.attach_button.clicked.connect(lambda _=False, q=qid: self.attach_file(q))
            row.notes.detach_button.clicked.connect(lambda _=False, q=qid: self.detach_files(q))
        self.show_files()

    def show_files(self) -> None:
        if self.keeper is None:
            return
        try:
            found = self.keeper.names()
        except Exception as error:  # the database went away: said beside the questions, the wizard goes on
            from maturity.storage.database_errors import is_database_error

            if not is_database_error(error):
                raise
            found = {}
        for qid, row in self.rows.items():
            row.notes.show_files(files_line(found.get(qid, [])), bool(found.get(qid)))

    def attach_file(self, question_id: str, path: str | None = None) -> str:
        """«Приложить файл…»: the file chosen (or ``path``) kept with the answer; "" or the reason it was not."""
        if self.keeper is None:
            return ""
        if path is None:
            from ui.widgets.file_dialogs import ask_open_paths

            paths = ask_open_paths(self, self.keeper.settings, "Приложить документ к ответу", FILES_FILTER)
            if not paths:
                return ""
            path = paths[0]
        self.flush_draft()
        problem = self.keeper.attach(question_id, path)
        self.rows[question_id].notes.show_problem(f"Файл не приложен: {problem}" if problem else "")
        self.show_files()
        return problem

    def detach_files(self, question_id: str) -> int:
        if self.keeper is None:
            return 0
        removed = self.keeper.remove(question_id)
        self.show_files()
        return removed

    def flush_draft(self) -> None:
        """The assessment must be in the database before a file joins it: write the draft now."""
        saver = self.session.on_change
        flush = getattr(saver, "flush", None)
        if callable(flush):
            flush()

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return not self.session.errors_in(self.section.id)


def title_markup(title: str) -> str:
    """A page title a size larger than the text (the wizard shows titles as rich text)."""
    return f"<span style='font-size: 14pt; font-weight: 600;'>{_escape(title)}</span>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
