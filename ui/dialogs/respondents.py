"""«Объединить ответы…»: several respondents' copies of the shown organization's assessment made into one.

The chair adds the copies (JSON from the app, filled blank forms, assessment workbooks; the first is the chair's
own), presses «Объединить» and reads the result: how many answers were merged, which are left for the chair,
and the agenda «Обсудить на заседании» — the widest disagreements first, each with every respondent's answer (by
number, never by name). «Сохранить в файл…» writes the merged JSON; «Загрузить в базу» keeps it as the
organization's assessment of the year, agenda included (replacing a stored one only when the chair agrees).
The merging is :mod:`maturity.usecases.respondent_files`; the dialog only shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from maturity.errors import BadInput
from maturity.views.agenda_text import AGENDA_TITLE, AgendaRow, agenda_rows, respondent_label

FILES_FILTER = "Анкеты (*.json *.xlsx)"
ERROR_STYLE = "color: #a31515;"
Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    """The agenda as a table: №, the question, the disagreement, each respondent's answer, the result."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[AgendaRow] = []
        self.respondents = 0

    def set_agenda(self, rows: list[AgendaRow], respondents: int) -> None:
        self.beginResetModel()
        self.rows, self.respondents = rows, respondents
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt naming and default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4 + self.respondents

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = ["№", "Вопрос", "Расхождение"]
        if section < 3:
            return fixed[section]
        if section < 3 + self.respondents:
            return respondent_label(section - 2)
        return "Итог"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(index.row() + 1)
            if column == 1:
                return row.question
            if column == 2:
                return row.disagreement
            if column < 3 + self.respondents:
                return row.answers[column - 3]
            return row.merged
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 + self.respondents and row.reason:
            return row.reason
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 + self.respondents and row.reason:
            from PySide6.QtGui import QColor

            return QColor("#a31515")
        return None


class RespondentsDialog(QDialog):
    """Merge respondents' copies for ``organization``; ``catalog``: the database's methods; ``import_merged``
    keeps a merged document (returns a sentence to show)."""

    def __init__(self, organization: Any, catalog: Any, settings: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("respondents-dialog")
        self.setWindowTitle("Объединить ответы нескольких респондентов")
        self.organization, self.catalog, self.settings = organization, catalog, settings
        self.result: Any = None  # the MergedFiles of the latest merge
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>«{_escape(organization.name)}»</b>: добавьте анкеты, заполненные разными людьми (председатель, "
            "ответственный за информационную работу, активисты, молодёжный совет) — файлы .json или книги Excel. "
            "Первая анкета — председателя. Числа объединяются медианой, да/нет и варианты — большинством; "
            "при равенстве голосов вопрос остаётся председателю. Имена респондентов в объединённую оценку не попадают.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        files_row = QHBoxLayout()
        self.files = QStringListModel(self)
        self.file_list = QListView(self)
        self.file_list.setObjectName("respondent-files")
        self.file_list.setModel(self.files)
        self.file_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.file_list.setMaximumHeight(110)
        files_row.addWidget(self.file_list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton("Добавить анкеты…", self)
        self.add_button.clicked.connect(self.ask_files)
        self.remove_button = QPushButton("Убрать", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.merge_button = QPushButton("Объединить", self)
        self.merge_button.setObjectName("merge-respondents")
        self.merge_button.clicked.connect(self.merge)
        for button in (self.add_button, self.remove_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        files_row.addLayout(buttons)
        layout.addLayout(files_row)
        self.message = QLabel(self)
        self.message.setObjectName("respondents-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.agenda_title = QLabel(f"<b>{AGENDA_TITLE}</b>", self)
        layout.addWidget(self.agenda_title)
        self.model = AgendaModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("agenda")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.save_button = QPushButton("Сохранить в файл…", self)
        self.save_button.clicked.connect(lambda: self.save())
        self.import_button = QPushButton("Загрузить в базу", self)
        self.import_button.setObjectName("import-merged")
        self.close_button = QPushButton("Закрыть", self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.import_button, self.close_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self._show_result()

    # ------------------------------------------------------------ the files

    def add_files(self, paths: list[str]) -> None:
        known = self.files.stringList()
        self.files.setStringList(known + [p for p in paths if p not in known])
        self.result = None
        self._show_result()

    def ask_files(self) -> None:
        from ui.widgets.file_dialogs import ask_open_paths

        self.add_files(ask_open_paths(self, self.settings, "Анкеты респондентов", FILES_FILTER))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.file_list.selectedIndexes()}, reverse=True)
        for row in rows:
            self.files.removeRows(row, 1)
        self.result = None
        self._show_result()

    # ------------------------------------------------------------ merging

    def merge(self) -> bool:
        """Read and merge the files; a refusal is said in the dialog (False)."""
        from maturity.usecases.respondent_files import merge_for_organization

        try:
            self.result = merge_for_organization(self.files.stringList(), self.organization, self.catalog)
        except BadInput as error:
            self.result = None
            self._show_result(str(error))
            return False
        self._show_result()
        return True

    def _show_result(self, problem: str = "") -> None:
        merged = self.result.merged if self.result is not None else None
        count = len(self.files.stringList())
        self.merge_button.setEnabled(count >= 2)
        self.save_button.setEnabled(merged is not None)
        self.import_button.setEnabled(merged is not None)
        if problem:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(f"Не объединено: {problem}")
        elif merged is None:
            self.message.setStyleSheet("")
            self.message.setText(
                f"Анкет: {count}. Добавьте не меньше двух." if count < 2 else f"Анкет: {count}. Нажмите «Объединить»."
            )
        else:
            self.message.setStyleSheet("")
            left = merged.open_questions
            text = f"Объединено анкет: {merged.respondents}; ответов в оценке: {len(merged.answers)}."
            if left:
                text += f" Решает председатель: {len(left)} вопр. (голоса разделились поровну)."
            text += f" Обсудить на заседании: {len(merged.agenda)} вопр." if merged.agenda else " Ответы совпали."
            self.message.setText(text)
        rows = agenda_rows(self.result.document.profile, merged.agenda) if merged is not None else []
        self.model.set_agenda(rows, merged.respondents if merged is not None else 0)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.model.columnCount() > 1:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    # ------------------------------------------------------------ keeping the result

    def save(self, path: str | None = None) -> str:
        """Write the merged JSON (``path`` chosen already, or asked); the path written or ""."""
        from maturity.exchange.assessment_json import write_assessment_json
        from ui.widgets.file_dialogs import ask_save_path, proposed_name

        if self.result is None:
            return ""
        if path is None:
            name = proposed_name("объединённая", self.result.document.year, self.organization.name, ".json")
            path, _ = ask_save_path(self, self.settings, "Объединённая оценка", name, "Файл оценки (*.json)")
        if not path:
            return ""
        try:
            write_assessment_json(self.result.document, path)
        except (BadInput, OSError) as error:
            QMessageBox.warning(self, "Файл не записан", str(error))
            return ""
        self.message.setText(f"{self.message.text()} Записано в {path}.")
        return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
