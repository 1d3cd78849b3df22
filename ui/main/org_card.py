"""The organization's card: name, level, parent, region, sector, members — editable.

The card only collects the fields; the main window writes them through the store, which checks
them and answers with a Russian sentence when something is wrong (shown under the form).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.organization_picker import OrganizationPicker
from ui.wizard.editors import CountSpinBox

if TYPE_CHECKING:
    from maturity.views.name_search import NameIndex


class OrganizationCard(QGroupBox):
    """Emits ``submitted(fields)`` with name, level, parent (id or None), region, sector, members."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Организация", parent)
        self.setObjectName("organization-card")
        self.name = QLineEdit(self)
        self.name.setMaxLength(300)
        self.name.setPlaceholderText("Полное наименование")
        self.level = QComboBox(self)
        self.parent_org = OrganizationPicker(
            self, may_be_empty=True, placeholder="нет — или начните вводить наименование"
        )
        self.region = QLineEdit(self)
        self.region.setMaxLength(200)
        self.sector = QLineEdit(self)
        self.sector.setMaxLength(300)
        self.members = CountSpinBox(self)  # «1 250» or «1250,00» typed or pasted keep their digits
        self.members.setRange(0, 10**9)
        self.members.setSpecialValueText("не указано")
        self.members.setGroupSeparatorShown(True)
        self.level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.level.setMinimumContentsLength(24)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.addWidget(QLabel("Наименование:", self), 0, 0)
        form.addWidget(self.name, 0, 1, 1, 3)
        form.addWidget(QLabel("Уровень:", self), 1, 0)
        form.addWidget(self.level, 1, 1)
        form.addWidget(QLabel("Вышестоящая:", self), 1, 2)
        form.addWidget(self.parent_org, 1, 3)
        form.addWidget(QLabel("Субъект РФ:", self), 2, 0)
        form.addWidget(self.region, 2, 1)
        form.addWidget(QLabel("Отраслевой профсоюз:", self), 2, 2)
        form.addWidget(self.sector, 2, 3)
        form.addWidget(QLabel("Членов профсоюза:", self), 3, 0)
        form.addWidget(self.members, 3, 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)

        self.message = QLabel(self)
        self.message.setObjectName("card-message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_button = QPushButton("Сохранить изменения", self)
        self.save_button.clicked.connect(self._submit)
        form.addWidget(self.save_button, 3, 3, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        for line in (self.name, self.region, self.sector):  # a message about the fields goes once they change
            line.textEdited.connect(self._clear_error)
        self.members.valueChanged.connect(self._clear_error)
        self.level.activated.connect(self._clear_error)
        self.parent_org.chosen.connect(self._clear_error)

    def _clear_error(self, *_: Any) -> None:
        if self.message.isVisible() and "b00020" in self.message.styleSheet():
            self.show_message("")

    # ------------------------------------------------------------ filling

    def set_levels(self, levels: Sequence[tuple[str, str]]) -> None:
        """(id, Russian label) of the organization levels of the method."""
        self.level.clear()
        self.level.addItem("— не выбран —", None)
        for level_id, label in levels:
            self.level.addItem(label, level_id)

    def set_sectors(self, listed: Sequence[str]) -> None:
        """The method's list of sectors, offered while typing (any other text stays allowed, as in the form)."""
        completer = QCompleter(list(listed), self.sector)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.sector.setCompleter(completer)
        self.sector.setPlaceholderText("из списка методики или своё")

    def set_parents(self, names: NameIndex) -> None:
        """The organizations that may be the parent, searched by name as the user types."""
        self.parent_org.set_index(names)

    def show_organization(self, org: Any | None) -> None:
        """Fill the form from an Organization (None: an empty form to create one)."""
        self.name.setText(getattr(org, "name", "") or "")
        self._select(self.level, getattr(org, "level", None))
        self.parent_org.excluding = getattr(org, "id", None)
        self.parent_org.show_chosen(getattr(org, "parent_id", None))
        self.region.setText(getattr(org, "region", "") or "")
        self.sector.setText(getattr(org, "sector", "") or "")
        self.members.setValue(getattr(org, "members", None) or 0)
        for field in (self.name, self.region, self.sector):  # long names show their beginning
            field.setCursorPosition(0)
            field.setToolTip(field.text())
        self.save_button.setText("Сохранить изменения" if org is not None else "Создать организацию")
        self.setTitle("Организация" if org is not None else "Новая организация")
        self.show_message("")

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b7a2f;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @staticmethod
    def _select(combo: QComboBox, data: Any) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------ reading

    def fields(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "level": self.level.currentData(),
            "parent": self.parent_org.chosen_id,
            "region": self.region.text().strip() or None,
            "sector": self.sector.text().strip() or None,
            "members": self.members.value() or None,
        }

    def _submit(self) -> None:
        fields = self.fields()
        if not fields["name"]:
            self.show_message("Укажите наименование организации.")
            self.name.setFocus()
            return
        self.submitted.emit(fields)
