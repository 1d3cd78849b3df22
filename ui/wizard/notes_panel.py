"""Under each question of the wizard: a comment on the answer and an evidence mark («подтверждается документом: …»).

Folded into one link-like button until used, so the questions stay readable; a question that already has a
comment or a mark shows it unfolded. The panel holds nothing: each change goes to the session at once
(``AssessmentSession.set_comment`` / ``set_evidence``), which the draft saver writes with the answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.answer_notes import EVIDENCE_LIMIT
from maturity.views.notes_text import EVIDENCE_LABEL

FOLDED = "Комментарий и подтверждение"
REFERENCE_HINT = "номер и дата протокола, ссылка, краткое описание документа"
COMMENT_HINT = "Комментарий к ответу: на чём он основан, что уточнить (необязательно)"
ERROR_STYLE = "color: #b00020;"


class NotesPanel(QWidget):
    """A question's comment and evidence mark; ``comment_changed(str)``, ``evidence_changed(object)`` — None
    when the mark is removed, else the reference ("" for a mark without one)."""

    comment_changed = Signal(str)
    evidence_changed = Signal(object)

    def __init__(self, question_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"notes:{question_id}")
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"notes-toggle:{question_id}")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setText(FOLDED)
        # out of the Tab chain, like the clear buttons: Tab goes from answer to answer and from the last to «Далее»;
        # a click unfolds it, and its fields then take Tab as any other
        self.toggle.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.toggle.setStyleSheet("QToolButton { color: #3a5a80; font-size: 9pt; }")
        self.toggle.toggled.connect(self._unfold)
        layout.addWidget(self.toggle)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(16, 0, 0, 0)
        body.setSpacing(3)
        self.comment = QPlainTextEdit(self.body)
        self.comment.setObjectName(f"comment:{question_id}")
        self.comment.setPlaceholderText(COMMENT_HINT)
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.comment.textChanged.connect(self._comment_typed)
        body.addWidget(self.comment)
        line = QHBoxLayout()
        self.evidence = QCheckBox(f"{EVIDENCE_LABEL[0].upper()}{EVIDENCE_LABEL[1:]}:", self.body)
        self.evidence.setObjectName(f"evidence:{question_id}")
        self.evidence.toggled.connect(self._evidence_changed)
        line.addWidget(self.evidence)
        self.reference = QLineEdit(self.body)
        self.reference.setObjectName(f"reference:{question_id}")
        self.reference.setPlaceholderText(REFERENCE_HINT)
        self.reference.setMaxLength(EVIDENCE_LIMIT)
        self.reference.textEdited.connect(self._reference_typed)
        line.addWidget(self.reference, 1)
        body.addLayout(line)
        files = QHBoxLayout()
        self.files = QLabel(self.body)
        self.files.setObjectName(f"files:{question_id}")
        self.files.setWordWrap(True)
        self.files.setStyleSheet("color: #555555; font-size: 9pt;")
        files.addWidget(self.files, 1)
        self.attach_button = QPushButton("Приложить файл…", self.body)
        self.attach_button.setObjectName(f"attach:{question_id}")
        files.addWidget(self.attach_button)
        self.detach_button = QPushButton("Убрать файлы", self.body)
        self.detach_button.setObjectName(f"detach:{question_id}")
        files.addWidget(self.detach_button)
        self.files_row = QWidget(self.body)
        self.files_row.setLayout(files)
        self.files_row.hide()  # shown when the wizard can keep files (its assessment is in a database)
        body.addWidget(self.files_row)
        self.problem = QLabel(self.body)
        self.problem.setObjectName(f"notes-problem:{question_id}")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        body.addWidget(self.problem)
        layout.addWidget(self.body)
        self.body.hide()

    # ------------------------------------------------------------ session → panel

    def set_notes(self, comment: str, reference: str | None) -> None:
        """Show what the session keeps (unfolded when there is anything), without echoing it back."""
        self._filling = True
        try:
            if self.comment.toPlainText() != comment:
                self.comment.setPlainText(comment)
            self.evidence.setChecked(reference is not None)
            if self.reference.text() != (reference or ""):
                self.reference.setText(reference or "")
        finally:
            self._filling = False
        if comment or reference is not None:
            self.toggle.setChecked(True)
        self._summarize()

    def show_files(self, line: str, any_file: bool) -> None:
        self.files_row.show()
        self.files.setText(line)
        self.detach_button.setEnabled(any_file)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # ------------------------------------------------------------ panel → session

    def _unfold(self, unfolded: bool) -> None:
        self.body.setVisible(unfolded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)

    def _comment_typed(self) -> None:
        if not self._filling:
            self.comment_changed.emit(self.comment.toPlainText())
            self._summarize()

    def _evidence_changed(self, checked: bool) -> None:
        if not self._filling:
            self.evidence_changed.emit(self.reference.text() if checked else None)
            self._summarize()

    def _reference_typed(self, text: str) -> None:
        if self._filling:
            return
        if text.strip() and not self.evidence.isChecked():
            self.evidence.setChecked(True)  # typing a reference is marking the evidence (emits it)
            return
        if self.evidence.isChecked():
            self.evidence_changed.emit(text)
        self._summarize()

    def _summarize(self) -> None:
        """The folded button says what is there: «Комментарий · подтверждается документом»."""
        parts = []
        if self.comment.toPlainText().strip():
            parts.append("есть комментарий")
        if self.evidence.isChecked():
            parts.append(EVIDENCE_LABEL)
        self.toggle.setText(f"{FOLDED}: {', '.join(parts)}" if parts else FOLDED)
