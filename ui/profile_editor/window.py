"""The profile editor's window: choose the starting method, edit its fields, see what changed, save or install.

Left: the groups of fields (a tree); right: the chosen group's fields with the error beside each, and
the tab «Что изменилось»; below: the new version's id and version, «Сохранить в файл…» and
«Установить». Every value is in the :class:`~maturity.method.editing.ProfileDraft`; the window only
shows it. Where the profiles come from and how one is installed is given to the window
(:class:`ProfileSource`), so the window needs no database of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSettings, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from maturity.errors import BadInput
from maturity.method import editing
from maturity.method.profile import Profile, ProfileError
from maturity.output_files import write_output
from maturity.views.profile_changes_text import change_lines
from ui.profile_editor.form import ERROR_STYLE, GroupForm
from ui.profile_editor.impact_dialog import ImpactDialog
from ui.profile_editor.tree_model import GroupTreeModel

TITLE = "Редактор методики"
CHANGES_TAB = "Что изменилось"


@dataclass(frozen=True)
class ProfileSource:
    """The profiles a person can start from and how a saved one is installed.

    ``profiles()``: (label for the list, profile), built-in and installed; ``install(text)`` installs a
    profile's YAML into the current database and returns a sentence for the status line (raises
    BadInput with a Russian reason); ``extends_installed``: whether a saved ``extends:`` file finds its
    base among installed profiles (otherwise a full copy is saved).
    """

    profiles: Callable[[], Sequence[tuple[str, Profile]]]
    install: Callable[[str], str] | None = None
    extends_installed: bool = False
    impact: ImpactSource | None = None


@dataclass(frozen=True)
class ImpactSource:
    """What «Что изменится…» needs: the years with assessments, the work (``run(profile, of_profile_id, year,
    progress)``: the impact, None when cancelled; it runs off the UI thread) and the runner that runs it."""

    years: Callable[[], list[int]]
    run: Callable[[Profile, str, int, Any], Any]
    runner: Any


class ProfileEditorWindow(QWidget):
    def __init__(self, source: ProfileSource, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.setObjectName("profile-editor")
        self.source, self.settings = source, settings
        self.saved_path: Path | None = None
        self.form: GroupForm | None = None

        column = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Исходная методика:", self))
        self.start_choice = QComboBox(self)
        self.start_choice.setObjectName("start-profile")
        self.choices = list(source.profiles())
        for label, _profile in self.choices:
            self.start_choice.addItem(label)
        top.addWidget(self.start_choice, 1)
        column.addLayout(top)

        self.problems_line = QLabel(self)
        self.problems_line.setObjectName("problems")
        self.problems_line.setWordWrap(True)
        self.problems_line.setStyleSheet(ERROR_STYLE)
        column.addWidget(self.problems_line)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.groups_view = QTreeView(splitter)
        self.groups_view.setObjectName("groups")
        self.groups_view.setHeaderHidden(True)
        self.tabs = QTabWidget(splitter)
        self.scroll_area = QScrollArea(self.tabs)
        self.scroll_area.setWidgetResizable(True)
        self.tabs.addTab(self.scroll_area, "Поля")
        self.changes_model = QStringListModel(self)
        self.changes_view = QListView(self.tabs)
        self.changes_view.setObjectName("changes")
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setWordWrap(True)
        self.changes_view.setSpacing(3)
        self.changes_view.setAlternatingRowColors(True)
        self.changes_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.changes_view, CHANGES_TAB)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 700])
        column.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Идентификатор:", self))
        self.new_id = QLineEdit(self)
        self.new_id.setObjectName("new-id")
        self.new_id.setToolTip("Латинские буквы, цифры, «-» и «_»; можно оставить прежний")
        bottom.addWidget(self.new_id, 2)
        bottom.addWidget(QLabel("Версия:", self))
        self.new_version = QLineEdit(self)
        self.new_version.setObjectName("new-version")
        self.new_version.setPlaceholderText("новая, например 2026.1")
        hint = self.new_version.fontMetrics().horizontalAdvance(self.new_version.placeholderText())
        self.new_version.setMinimumWidth(hint + 16)  # the hint whole at 1024 pixels («новая, например 2…»)
        bottom.addWidget(self.new_version, 1)
        self.save_button = QPushButton("Сохранить в файл…", self)
        self.install_button = QPushButton("Установить", self)
        self.install_button.setToolTip("Установить эту версию методики в текущую базу данных")
        self.install_button.setVisible(source.install is not None)
        self.impact_button = QPushButton("Что изменится…", self)
        self.impact_button.setObjectName("impact")
        self.impact_button.setToolTip(
            "Пересчитать в памяти завершённые оценки года по редактируемой версии и показать, что изменится; "
            "в базе ничего не меняется"
        )
        self.impact_button.setVisible(source.impact is not None)
        bottom.addWidget(self.impact_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.install_button)
        column.addLayout(bottom)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        column.addWidget(self.message)

        self.save_button.clicked.connect(lambda: self.ask_and_save())
        self.install_button.clicked.connect(lambda: self.install())
        self.impact_button.clicked.connect(lambda: self.open_impact())
        self.impact_dialog: ImpactDialog | None = None
        self.start_choice.currentIndexChanged.connect(self._start_chosen)
        self.draft: editing.ProfileDraft
        self.start_from(0)

    # ------------------------------------------------------------ the draft

    def _start_chosen(self, position: int) -> None:
        if position >= 0 and self.draft.changes():
            answer = QMessageBox.question(self, TITLE, "Начать с другой методики? Сделанные изменения будут потеряны.")
            if answer != QMessageBox.StandardButton.Yes:
                self.start_choice.blockSignals(True)
                self.start_choice.setCurrentIndex(self._position)
                self.start_choice.blockSignals(False)
                return
        self.start_from(position)

    def start_from(self, position: int) -> None:
        """Start editing the profile at ``position`` of the list, with no changes."""
        self._position = position
        profile = self.choices[position][1]
        self.draft = editing.ProfileDraft(profile)
        self.model = GroupTreeModel(self.draft.groups, self)
        self.groups_view.setModel(self.model)
        self.groups_view.selectionModel().selectionChanged.connect(self._group_chosen)
        self.groups_view.expand(self.model.index(0, 0))
        self.new_id.setText(profile.id)
        self.new_version.clear()
        self.message.clear()
        self.show_group(self.draft.groups.children[0])
        self.refresh()

    def _group_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.show_group(self.model.group(indexes[0]))

    def show_group(self, group: editing.EditGroup) -> GroupForm:
        """Show the fields of ``group`` (the tree's selection follows)."""
        if self.form is not None:
            self.form.flush()
        self.form = GroupForm(self.draft, group, self.refresh)
        self.scroll_area.setWidget(self.form)
        self.tabs.setCurrentIndex(0)
        index = self.model.index_of(group)
        if index.isValid() and self.groups_view.currentIndex() != index:
            self.groups_view.selectionModel().blockSignals(True)
            self.groups_view.setCurrentIndex(index)
            self.groups_view.selectionModel().blockSignals(False)
        return self.form

    def group_titled(self, *titles: str) -> editing.EditGroup:
        """The group reached by these titles from the top (for tests and for links)."""
        group = self.draft.groups
        for title in titles:
            group = next(child for child in group.children if child.title.startswith(title))
        return group

    def refresh(self) -> None:
        """After an edit: the errors of the whole profile, the marks in the tree, the list of changes."""
        self.model.mark_errors(set(self.draft.beside))
        count = len(self.draft.beside) + len(self.draft.elsewhere)
        if count:
            lines = [f"Ошибок в методике: {count}. Исправьте поля, отмеченные красным."]
            self.problems_line.setText("\n".join([*lines, *self.draft.elsewhere]))
        self.problems_line.setVisible(bool(count))
        changes = self.draft.changes()
        self.changes_model.setStringList(change_lines(changes))
        self.tabs.setTabText(1, f"{CHANGES_TAB} ({len(changes)})" if changes else CHANGES_TAB)
        self.save_button.setEnabled(self.draft.valid)
        self.install_button.setEnabled(self.draft.valid and self.source.install is not None)
        self.impact_button.setEnabled(self.draft.valid and self.source.impact is not None)

    # ------------------------------------------------------------ saving and installing

    def saved_text(self) -> str:
        """The YAML of the new version (editing.SaveRefused when its id or version cannot be used)."""
        if self.form is not None:
            self.form.flush()
        start = self.draft.start
        extends = self.draft.start_profile.id if self.source.extends_installed else None
        if extends is not None and self.new_id.text().strip() == extends:
            extends = None  # the same id would extend itself: a full copy
        tree = editing.saved_tree(
            start, self.draft.tree, self.new_id.text().strip(), self.new_version.text(), extends=extends
        )
        return editing.saved_text(tree, start, self.draft.start_profile.text, self.draft.tree)

    def save_to(self, path: str | Path) -> Path | None:
        """Write the new version to ``path``; a refusal is said under the buttons (None)."""
        try:
            written = write_output(path, self.saved_text().encode("utf-8"))
        except (editing.SaveRefused, BadInput) as error:
            self._say(str(error), error=True)
            return None
        self.saved_path = written
        self._say(f"Методика сохранена: {written}. Раздайте этот файл организациям и установите его.")
        return written

    def ask_and_save(self) -> Path | None:
        from ui.widgets.file_dialogs import ask_save_path, file_name_part

        name = f"{file_name_part(self.new_id.text()) or 'методика'}-{file_name_part(self.new_version.text())}.yaml"
        path, _ = ask_save_path(self, self.settings, "Сохранить методику", name, "Методика (*.yaml)")
        return self.save_to(path) if path else None

    def install(self) -> bool:
        """Install the new version into the current database (the source's install)."""
        if self.source.install is None:
            return False
        try:
            said = self.source.install(self.saved_text())
        except ProfileError as error:  # the database refuses: say why, without the text's internal name
            self._say(error.problem[:1].upper() + error.problem[1:], error=True)
            return False
        except (editing.SaveRefused, BadInput) as error:
            self._say(str(error), error=True)
            return False
        self._say(said)
        self.reload_choices()
        return True

    def reload_choices(self) -> None:
        """List the starting profiles again (a version just installed joins them); the draft stays."""
        self.choices = list(self.source.profiles())
        self.start_choice.blockSignals(True)
        self.start_choice.clear()
        for label, _profile in self.choices:
            self.start_choice.addItem(label)
        start = self.draft.start_profile
        for position, (_label, profile) in enumerate(self.choices):
            if (profile.id, profile.version) == (start.id, start.version):
                self.start_choice.setCurrentIndex(position)
                self._position = position
        self.start_choice.blockSignals(False)

    # ------------------------------------------------------------ what the version would change

    def edited_profile(self) -> Profile | None:
        """The version being edited as a profile (its id, version and every edit), or None with the reason said."""
        from maturity.method.profile import profile_from_text

        try:
            return profile_from_text(self.saved_text(), "редактируемая методика")
        except ProfileError as error:
            self._say(error.problem[:1].upper() + error.problem[1:], error=True)
        except (editing.SaveRefused, BadInput) as error:
            self._say(str(error), error=True)
        return None

    def open_impact(self) -> ImpactDialog | None:
        """«Что изменится…»: the dialog for the version being edited, computing the latest year at once."""
        from ui.widgets.screen import fit_to_screen

        source = self.source.impact
        if source is None:
            return None
        profile = self.edited_profile()
        if profile is None:
            return None
        if self.impact_dialog is not None:
            self.impact_dialog.close()
            self.impact_dialog.deleteLater()
        dialog = self.impact_dialog = ImpactDialog(sorted(source.years(), reverse=True), self)
        fit_to_screen(dialog, 900, 600)  # 900×600 was taller than a 1024×600 screen's free area
        of_profile_id = self.draft.start_profile.id
        dialog.year_chosen.connect(lambda year: self._compute_impact(dialog, profile, of_profile_id, year))
        dialog.show()
        if dialog.year is not None:
            self._compute_impact(dialog, profile, of_profile_id, dialog.year)
        return dialog

    def _compute_impact(self, dialog: ImpactDialog, profile: Profile, of_profile_id: str, year: int) -> None:
        from ui.background import show_error

        source = self.source.impact
        assert source is not None

        def done(impact: Any) -> None:
            if impact is None:
                dialog.show_stopped()
            else:
                dialog.show_impact(impact, profile)

        def failed(error: BaseException) -> None:
            dialog.headline.setText("Не получилось пересчитать.")
            show_error(dialog, error)

        source.runner.run_with_progress(
            lambda progress: source.run(profile, of_profile_id, year, progress),
            done,
            failed,
            f"Что изменится: оценки {year} года",
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
