"""«Загрузить файлы…»: choose files or folders, say what to do with assessments already stored, import
them in the background with a progress bar, then list what became of each file.

The dialog holds only what the user chose; the import itself is :func:`maturity.usecases.import_work.import_files`
(the core's importer, one file per transaction) run by the app's background runner, and the results
are an :class:`ui.importing.results_model.ImportResultsModel`. :class:`ui.importing.file_drops.FileDrops` lets any window take
files and folders dropped on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from maturity.usecases.import_work import ImportOutcome, Outcome, import_files
from ui.importing.file_drops import FileDrops
from ui.importing.results_model import COLUMNS, ImportResultsModel

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from sqlalchemy.engine import Engine

    from maturity.usecases.importing import OnConflict
    from ui.background import Runner

FILE_FILTER = "Файлы оценок (*.json *.xlsx *.xlsm);;Все файлы (*)"
CONFLICT_CHOICES: tuple[tuple[OnConflict, str], ...] = (
    ("skip", "Пропустить файл — оставить оценку, которая уже есть"),
    ("replace", "Заменить её оценкой из файла"),
    ("fail", "Отклонить такой файл (ничего не менять, показать его как ошибку)"),
)
DEFAULT_CONFLICT = "skip"
PLAIN_COUNTS: tuple[tuple[Outcome, str], ...] = (
    ("imported", "загружено"),
    ("skipped", "пропущено"),
    ("rejected", "отклонено"),
    ("unread", "не прочитано"),
)


class CopyKey(QObject):
    """Ctrl+C (the platform's «copy») on ``widget`` calls ``on_copy`` — whole rows, not the view's one cell."""

    def __init__(self, widget: QWidget, on_copy: Callable[[], Any]):
        super().__init__(widget)
        self.on_copy = on_copy
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Copy):
                self.on_copy()
                return True
        return False


class ImportDialog(QDialog):
    """Two pages: what to import (and how to treat clashes), then the per-file results."""

    imported = Signal(object)  # an ImportOutcome, after every finished run (the database may have changed)

    def __init__(self, engine: Engine, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings: QSettings | None = (
            None  # the app's QSettings (the folder files were opened from last), given by the action
        )
        self.setObjectName("import-dialog")
        self.setWindowTitle("Загрузка файлов оценок")
        self.engine, self.runner = engine, runner
        self.outcome: ImportOutcome | None = None
        self.running = False
        self.progress: Any = None  # the runner's Progress of the run under way (its «Отмена» flag)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_choice_page())
        self.stack.addWidget(self._build_results_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        FileDrops(self, self.add_sources)
        self._update_buttons()

    # ------------------------------------------------------------ page 1: what to import

    def _build_choice_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        intro = QLabel(
            "Выберите файлы оценок (.json, книги Excel .xlsx) или папку с ними — или перетащите их "
            "в это окно. Каждый файл загружается целиком или не загружается совсем.",
            page,
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.sources = QStringListModel(self)
        self.source_list = QListView(page)
        self.source_list.setObjectName("import-sources")
        self.source_list.setModel(self.sources)
        self.source_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.source_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        column.addWidget(self.source_list, 1)
        buttons = QHBoxLayout()
        self.add_files_button = QPushButton("Добавить файлы…", page)
        self.add_files_button.clicked.connect(self.ask_files)
        self.add_folder_button = QPushButton("Добавить папку…", page)
        self.add_folder_button.clicked.connect(self.ask_folder)
        self.remove_button = QPushButton("Убрать из списка", page)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        box = QGroupBox("Если у организации уже есть оценка за тот же год", page)
        box_layout = QVBoxLayout(box)
        self.conflict_group = QButtonGroup(self)
        self.conflict_buttons: dict[OnConflict, QRadioButton] = {}
        for value, text in CONFLICT_CHOICES:
            radio = QRadioButton(text, box)
            radio.setChecked(value == DEFAULT_CONFLICT)
            self.conflict_group.addButton(radio)
            self.conflict_buttons[value] = radio
            box_layout.addWidget(radio)
        column.addWidget(box)

        actions = QHBoxLayout()
        actions.addStretch(1)
        self.start_button = QPushButton("Загрузить", page)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        cancel = QPushButton("Закрыть", page)
        cancel.clicked.connect(self.reject)
        actions.addWidget(self.start_button)
        actions.addWidget(cancel)
        column.addLayout(actions)
        return page

    def source_paths(self) -> list[str]:
        return self.sources.stringList()

    def add_sources(self, paths: list[str]) -> None:
        """Add files or folders (from the file dialogs or a drop); back on the first page if results were shown."""
        known = self.source_paths() if self.stack.currentIndex() == 0 else []
        self.sources.setStringList(known + [str(Path(p)) for p in paths if str(Path(p)) not in known])
        self.stack.setCurrentIndex(0)
        self._update_buttons()

    def ask_files(self) -> None:
        from ui.widgets.file_dialogs import ask_open_paths

        paths = ask_open_paths(self, self.settings, "Файлы оценок", FILE_FILTER)
        if paths:
            self.add_sources(paths)

    def ask_folder(self) -> None:
        from ui.widgets.file_dialogs import remember_folder, start_folder

        path = QFileDialog.getExistingDirectory(self, "Папка с файлами оценок", start_folder(self.settings))
        if path:
            remember_folder(self.settings, path)
            self.add_sources([path])

    def remove_selected(self) -> None:
        for index in sorted(self.source_list.selectionModel().selectedRows(), key=lambda i: i.row(), reverse=True):
            self.sources.removeRows(index.row(), 1)
        self._update_buttons()

    def on_conflict(self) -> OnConflict:
        return next(value for value, radio in self.conflict_buttons.items() if radio.isChecked())

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(bool(self.source_paths()) and not running)
        self.remove_button.setEnabled(bool(self.source_paths()) and not running)

    # ------------------------------------------------------------ the run

    def start(self) -> None:
        """Import the chosen files in the background; the results page follows."""
        sources, on_conflict = self.source_paths(), self.on_conflict()
        if not sources or self.running:
            return
        engine = self.engine
        self.running, self.outcome = True, None
        self._update_buttons()
        self.progress = self.runner.run_with_progress(
            lambda progress: import_files(engine, sources, on_conflict, progress),
            self.show_results,
            self._failed,
            title="Загрузка файлов оценок",
        )

    def _failed(self, error: BaseException) -> None:
        from ui.background import show_error

        self.running = False
        self._update_buttons()
        show_error(self, error, "Файлы не загружены")

    # ------------------------------------------------------------ page 2: what became of each file

    def _build_results_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.summary = QLabel(page)
        self.summary.setObjectName("import-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.summary)
        self.results = ImportResultsModel(self)
        self.table = QTableView(page)
        self.table.setObjectName("import-results")
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column_number, width in enumerate((190, 250, 48, 150)):
            header.resizeSection(column_number, width)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())  # reasons wrap to the width
        column.addWidget(self.table, 1)
        CopyKey(self.table, self.copy_selected)
        actions = QHBoxLayout()
        again = QPushButton("Загрузить ещё…", page)
        again.clicked.connect(self.again)
        self.copy_button = QPushButton("Копировать", page)
        self.copy_button.setToolTip("Скопировать таблицу (или выбранные строки) — вставляется в Excel по ячейкам")
        self.copy_button.clicked.connect(self.copy_selected)
        self.save_button = QPushButton("Сохранить…", page)
        self.save_button.setToolTip("Сохранить таблицу в книгу Excel (.xlsx) или файл CSV")
        self.save_button.clicked.connect(self.ask_save)
        self.save_message = QLabel(page)
        self.save_message.setStyleSheet("color: #555555;")
        close = QPushButton("Закрыть", page)
        close.clicked.connect(self.accept)
        actions.addWidget(again)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.save_message, 1)
        actions.addWidget(close)
        column.addLayout(actions)
        return page

    def show_results(self, outcome: ImportOutcome) -> None:
        self.running = False
        self.outcome = outcome
        self.results.set_rows(outcome.rows)
        self.table.resizeRowsToContents()
        self.summary.setText(summary_text(outcome))
        self.stack.setCurrentIndex(1)
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # once the page has its width
        self._update_buttons()
        self.imported.emit(outcome)

    def selected_numbers(self) -> list[int] | None:
        """The chosen rows in order, or None (every row) when none is chosen."""
        chosen = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return chosen or None

    def copy_selected(self) -> str:
        """The chosen rows (or all) with the header, as tab-separated text, to the clipboard; returns it."""
        from maturity.exchange.plain_table import tab_separated

        text = tab_separated(COLUMNS, self.results.table(self.selected_numbers()))
        QGuiApplication.clipboard().setText(text)
        return text

    def ask_save(self) -> None:
        from ui.widgets.file_dialogs import ask_save_path

        path, chosen = ask_save_path(
            self, self.settings, "Сохранить результаты загрузки", "результаты-загрузки.xlsx",
            "Книга Excel (*.xlsx);;Файл CSV (*.csv)",
        )  # fmt: skip
        if path:
            if not path.lower().endswith((".xlsx", ".csv")):
                path += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.save_results(path)

    def save_results(self, path: str) -> None:
        """Every row of the results to a workbook or a CSV file (by the name's ending)."""
        from maturity.errors import BadInput
        from maturity.exchange.plain_table import write_table
        from ui.background import show_error

        title = "Результаты загрузки файлов оценок: " + summary_text(self.outcome, plain=True) if self.outcome else ""
        try:
            written = write_table(path, title, COLUMNS, self.results.table())
        except (BadInput, OSError) as error:
            show_error(self, error, "Результаты не сохранены")
            return
        self.save_message.setText(f"Сохранено: {written.name}")

    def again(self) -> None:
        self.sources.setStringList([])
        self.stack.setCurrentIndex(0)
        self._update_buttons()


def summary_text(outcome: ImportOutcome, plain: bool = False) -> str:
    """«Загружено: 3 · пропущено: 1 · отклонено: 1» and, after «Отмена», how many files were left
    (``plain``: the counts alone, as text, for a saved table's title)."""
    if plain:
        counts = (f"{label}: {outcome.count(kind)}" for kind, label in PLAIN_COUNTS)
        return ", ".join(counts) + f" (файлов: {outcome.processed})"
    unread = outcome.count("unread")
    if outcome.files == 0:
        listed = f" Не прочитано файлов других форматов: {unread} — они в списке." if unread else ""
        return f"<b>Файлов оценок не найдено.</b> Программа читает файлы .json и книги Excel .xlsx.{listed}"
    parts = [
        f"<b>Загружено: {outcome.count('imported')}</b>",
        f"пропущено: {outcome.count('skipped')}",
        f"<span style='color:#a31515'>отклонено: {outcome.count('rejected')}</span>"
        if outcome.count("rejected")
        else "отклонено: 0",
    ]
    if unread:
        parts.append(f"<span style='color:#6b5a00'>не прочитано: {unread}</span>")
    text = " · ".join(parts) + f" (файлов: {outcome.processed})"
    if unread:
        text += "<br>Файлы других форматов (.xls, .ods, .csv, .docx…) не прочитаны: пересохраните книги как .xlsx."
    if outcome.cancelled:
        text += f"<br>Загрузка остановлена: не обработано файлов — {outcome.not_processed}; они не тронуты."
    if outcome.count("rejected"):
        text += "<br>Из отклонённых файлов ничего не записано; причина — в последнем столбце."
    return text
