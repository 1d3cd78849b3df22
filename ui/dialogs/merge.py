"""«Объединить с…»: choose the record that merges into the organization shown (two records of one
organization: a file that made a second one, a placeholder beside the real record).

The dialog lists every other organization (a search box narrows it by name), says what would move for
the one chosen — or why it cannot be merged, in the program's own words — and merges only on «Объединить».
The merge itself is :func:`maturity.usecases.merging.merge_organizations` (one transaction, recorded).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.dialog_buttons import ok_cancel_buttons

ERROR_STYLE = "color: #a31515;"
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the organization's name, casefolded: what the search box matches


class MergeDialog(QDialog):
    """The organization ``keep`` stays; the one chosen in the list merges into it (``merge`` does it and
    returns a refusal's sentence or None)."""

    def __init__(self, store: Any, keep: Any, profile: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("merge-dialog")
        self.setWindowTitle("Объединить записи одной организации")
        self.store, self.keep, self.profile = store, keep, profile
        self.outcome: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Остаётся: <b>«{keep.name}»</b> (код {keep.uid}).<br>Выберите запись той же организации, которая "
            "вольётся в неё: её оценки (с планами и историей), подчинённые организации и коды перейдут сюда, "
            "а сама запись будет удалена. Объединение записывается в базу.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Поиск по наименованию")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setObjectName("merge-candidates")
        self.list.setWordWrap(True)  # a long name and its parent's wrap instead of running off the edge
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(lambda *_: self._chosen())
        layout.addWidget(self.list, 1)
        self.preview = QLabel(self)
        self.preview.setObjectName("merge-preview")
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(60)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.preview)
        self.buttons = ok_cancel_buttons(self, "Объединить")
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        self._fill()

    # ------------------------------------------------------------ the list

    def _fill(self) -> None:
        from maturity.storage.submissions import register_rows

        for row in register_rows(self.store.session):
            if row.organization_id == self.keep.uid:
                continue
            org = self.store.organization_by_uid(row.organization_id)
            level = self.profile.organization_level_short(row.level) if row.level else "уровень не указан"
            parts = [
                level,
                f"вышестоящая: {row.parent}" if row.parent else "",
                row.region or "",
                f"код {row.organization_id}",
            ]
            title = f"{row.name}{' (заготовка)' if row.placeholder else ''}"
            item = QListWidgetItem(f"{title}\n    {' · '.join(p for p in parts if p)}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setData(NAME_ROLE, row.name.casefold())
            item.setToolTip(item.text())

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for number in range(self.list.count()):
            item = self.list.item(number)
            item.setHidden(bool(wanted) and wanted not in item.data(NAME_ROLE))  # by the name, not the parent's

    def choose(self, org_id: int) -> None:
        """Select the organization with this id in the list (as a click would)."""
        for number in range(self.list.count()):
            if self.list.item(number).data(Qt.ItemDataRole.UserRole) == org_id:
                self.list.setCurrentRow(number)
                return

    def chosen(self) -> Any:
        item = self.list.currentItem()
        return None if item is None else self.store.get_organization(item.data(Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------ what would happen

    def _chosen(self) -> None:
        from maturity.usecases.merging import merge_problem, what_a_merge_moves

        other = self.chosen()
        if other is None:
            self.preview.clear()
            self.merge_button.setEnabled(False)
            return
        problem = merge_problem(self.store, self.keep, other)
        if problem:
            self.show_refusal(f"Объединить нельзя: {problem}")
            return
        years, children = what_a_merge_moves(self.store, other)
        moving = f"оценки за {', '.join(map(str, years))}" if years else "оценок нет"
        self.preview.setStyleSheet("")
        self.preview.setText(
            f"К «{self.keep.name}» перейдут: {moving}; подчинённых организаций — {children}; код {other.uid}. "
            f"Запись «{other.name}» будет удалена."
        )
        self.merge_button.setEnabled(True)

    def show_refusal(self, text: str) -> None:
        self.preview.setStyleSheet(ERROR_STYLE)
        self.preview.setText(text)
        self.merge_button.setEnabled(False)

    def accept(self) -> None:
        from maturity.errors import BadInput
        from maturity.usecases.acting_user import current_user
        from maturity.usecases.merging import merge_organizations

        other = self.chosen()
        if other is None:
            return
        try:
            self.outcome = merge_organizations(self.store, self.keep, other, by=current_user())
        except BadInput as refused:
            self.show_refusal(str(refused))
            return
        super().accept()
