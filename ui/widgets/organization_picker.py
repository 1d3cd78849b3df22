"""A field to choose one organization among 100 000 by typing part of its name.

The names come from a :class:`~maturity.views.name_search.NameIndex` (built off the UI thread); each key
typed asks it for the first matches in natural order («№ 2» before «№ 10») and shows them in a completer's
popup. Choosing one (click, or arrows and Enter; Enter alone takes the first match) emits ``chosen(id)``.
Leaving the field without choosing puts back the name of the organization chosen before. A field that may
stay empty (the card's parent) emits ``chosen(None)`` when its text is erased.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from maturity.views.name_search import NamedOrganization, NameIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN = 50  # matches offered at once: type more to narrow them


class OrganizationPicker(QLineEdit):
    chosen = Signal(object)  # the organization's id (None: erased, where allowed)

    def __init__(self, parent: QWidget | None = None, *, may_be_empty: bool = False, placeholder: str = ""):
        super().__init__(parent)
        self.may_be_empty = may_be_empty
        self.excluding: int | None = None  # not offered (an organization is not its own parent)
        self.index: NameIndex | None = None
        self._chosen: int | None = None
        self._matches = QStandardItemModel(self)
        completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.setCompleter(completer)
        self._completer = completer
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder or "начните вводить наименование")
        self.setMaxLength(300)
        self.textEdited.connect(self._typed)
        self.returnPressed.connect(self._enter)

    def _popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        assert popup is not None  # a completer always has its popup
        return popup

    @property
    def loaded(self) -> bool:
        return self.index is not None

    @property
    def chosen_id(self) -> int | None:
        return self._chosen

    def set_index(self, index: NameIndex) -> None:
        """The names to search (read again after every write)."""
        self.index = index
        if not self.hasFocus():
            self._show_name()

    def show_chosen(self, org_id: int | None, name: str | None = None) -> None:
        """Show this organization as chosen (no signal)."""
        self._chosen = org_id
        self._show_name(name)

    def matches(self) -> list[NamedOrganization]:
        """The organizations the popup offers now."""
        return [
            NamedOrganization(self._matches.item(row).data(ID_ROLE), self._matches.item(row).text())
            for row in range(self._matches.rowCount())
        ]

    # ------------------------------------------------------------ typing and choosing

    def _typed(self, text: str) -> None:
        found = self.index.matching(text, SHOWN, excluding=self.excluding) if self.index is not None else []
        self._matches.clear()
        for organization in found:
            item = QStandardItem(organization.name)
            item.setData(organization.id, ID_ROLE)
            item.setToolTip(organization.name)
            self._matches.appendRow(item)
        if not text.strip() and self.may_be_empty:
            self._choose(None)
        if found:
            self._completer.complete()
        else:
            self._popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        org_id = index.data(ID_ROLE)
        if org_id is not None:
            self._choose(int(org_id), index.data())

    def _enter(self) -> None:
        if self._popup().isVisible():
            return  # the popup's own Enter chooses its current row
        offered = self.matches()
        if self.text().strip() and offered:
            self._choose(offered[0].id, offered[0].name)

    def _choose(self, org_id: int | None, name: str | None = None) -> None:
        self._chosen = org_id
        if org_id is not None:
            self._show_name(name)
        self._popup().hide()
        self.chosen.emit(org_id)

    def _show_name(self, name: str | None = None) -> None:
        if name is None and self.index is not None:
            name = self.index.name_of(self._chosen)
        with QSignalBlocker(self):
            self.setText(name or "")
            self.setCursorPosition(0)
            if self.hasFocus():
                self.selectAll()  # the name chosen stays selected: typing again searches anew
        self.setToolTip(name or "")

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        """Entering the field selects the name shown: what is typed replaces it (after a click too)."""
        super().focusInEvent(event)
        self.selectAll()
        QTimer.singleShot(0, self.selectAll)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        """Left without choosing: the chosen organization's name comes back (an emptied optional field stays empty)."""
        super().focusOutEvent(event)
        if self._popup().isVisible():
            return  # the focus went to the popup
        if not (self.may_be_empty and self._chosen is None):
            self._show_name()
