"""«Вернуть на доработку…»: a general comment and a comment on single questions for the assessments chosen.

The dialog only collects the texts; the return itself is :func:`maturity.usecases.review.decide` (one
transaction each, in the journal). With «Записать файл для председателя» the window writes each returned
assessment to a JSON file that carries the comments to the chair's program.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.dialog_buttons import ok_cancel_buttons

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1


class ReturnDialog(QDialog):
    """Collects the comments of a return: :meth:`comment`, :meth:`questions`, :meth:`write_file`."""

    def __init__(self, profile: Any, names: list[str], year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("return-dialog")
        self.setWindowTitle("Вернуть оценку на доработку")
        self.profile = profile
        layout = QVBoxLayout(self)
        shown = ", ".join(f"«{n}»" for n in names[:3]) + (f" и ещё {len(names) - 3}" if len(names) > 3 else "")
        intro = QLabel(f"Вернуть на доработку оценку за {year} год: {shown}.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Общий комментарий — что исправить:", self))
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("return-comment")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(90)
        layout.addWidget(self.comment_edit)
        layout.addWidget(QLabel("Замечание к вопросу:", self))
        row = QHBoxLayout()
        self.question_box = QComboBox(self)
        self.question_box.setObjectName("return-question")
        self.question_box.setMinimumWidth(320)
        self.question_box.setMaximumWidth(420)
        for question in profile.questions.values():
            self.question_box.addItem(f"{question.text} ({question.id})", question.id)
        self.question_box.setEditable(True)  # typing part of a question's text finds it
        self.question_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.question_box.lineEdit()
        if edit is not None:  # a long question's text is read from its start
            self.question_box.currentIndexChanged.connect(lambda _i: edit.setCursorPosition(0))
        self.question_comment = QLineEdit(self)
        self.question_comment.setObjectName("return-question-comment")
        self.question_comment.setPlaceholderText("что не так в ответе")
        self.add_button = QPushButton("Добавить", self)
        self.add_button.setObjectName("return-add")
        self.add_button.clicked.connect(self.add_note)
        row.addWidget(self.question_box, 2)
        row.addWidget(self.question_comment, 3)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.notes = QListWidget(self)
        self.notes.setObjectName("return-notes")
        self.notes.setWordWrap(True)
        self.notes.setSpacing(3)
        layout.addWidget(self.notes, 1)
        self.remove_button = QPushButton("Убрать замечание", self)
        self.remove_button.clicked.connect(self.remove_note)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.write_file = QCheckBox("Записать файл для председателя (JSON с замечаниями)", self)
        self.write_file.setObjectName("return-write-file")
        self.write_file.setChecked(True)
        layout.addWidget(self.write_file)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #a31515;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = ok_cancel_buttons(self, "Вернуть на доработку")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter in the question's comment adds it (keyPressEvent)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Enter in the question's comment adds it to the list; it never returns the assessment."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.question_comment:
            self.add_note()
            return
        super().keyPressEvent(event)

    def add_note(self) -> None:
        text = self.question_comment.text().strip()
        index = self.question_box.findText(self.question_box.currentText())
        qid = self.question_box.itemData(index) if index >= 0 else None
        if qid is None:
            self._say("Выберите вопрос из списка")
            return
        if not text:
            self._say("Напишите замечание к вопросу")
            return
        for i in range(self.notes.count()):  # a second note on one question replaces the first
            if self.notes.item(i).data(QUESTION_ROLE) == qid:
                self.notes.takeItem(i)
                break
        item = QListWidgetItem(f"{self.profile.questions[qid].text} — {text}")
        item.setData(QUESTION_ROLE, qid)
        item.setData(QUESTION_ROLE + 1, text)
        self.notes.addItem(item)
        self.question_comment.clear()
        self.problem.hide()

    def remove_note(self) -> None:
        for item in self.notes.selectedItems():
            self.notes.takeItem(self.notes.row(item))

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def questions(self) -> dict[str, str]:
        items = (self.notes.item(i) for i in range(self.notes.count()))
        return {item.data(QUESTION_ROLE): item.data(QUESTION_ROLE + 1) for item in items}

    def accept(self) -> None:
        if self.question_comment.text().strip():
            self.add_note()  # a comment typed but not added yet is not lost
        if not self.comment() and not self.questions():
            self._say("Напишите, что исправить: общий комментарий или замечание к вопросу")
            return
        super().accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
