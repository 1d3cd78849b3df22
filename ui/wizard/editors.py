"""One editor widget per answer type, built from a question of the profile.

Every editor has the same small interface — ``value()``, ``set_value(v)`` (silent) and the
``changed(object)`` signal carrying the new answer or ``None`` for «нет ответа» — so a wizard
page never needs to know which widget it holds. Every editor has an unanswered state, distinct
from «нет» / 0 / an empty selection (the method treats those as answers).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.number_text import (
    format_number,
    fraction_digits,
    parse_typed_number,
    strip_currency,
)

if TYPE_CHECKING:
    from maturity.method.schema import Question

    _WidgetMixinBase = QWidget  # the mixins below are mixed into widgets: typed as one
else:
    _WidgetMixinBase = object

UNANSWERED = "не указано"
NUMBER_LIMIT = 10**12  # any larger count or sum of rubles is a typing mistake
INT_LIMIT = 2**31 - 2  # QSpinBox holds a C int


class AnswerEditor(QWidget):
    """Base of the editors: emits ``changed`` with the answer (``None`` = no answer)."""

    changed = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"editor:{question.id}")

    def value(self) -> Any:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def set_value(self, value: Any) -> None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def _emit(self, *_: Any) -> None:
        self.changed.emit(self.value())

    def _clear_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setText("×")
        button.setToolTip("Очистить ответ")
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from answer to answer, not to «×»
        button.clicked.connect(self.clear)
        return button

    def clear(self) -> None:
        self.set_value(None)
        self._emit()


class BoolEditor(AnswerEditor):
    """«Да» / «Нет» radio buttons; neither checked means no answer.

    The buttons are not exclusive in Qt's sense (Tab would then reach only the first or the checked
    one, so «Нет» could not be reached with Tab): the editor keeps at most one checked itself.
    """

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes = QRadioButton("Да", self)
        self.no = QRadioButton("Нет", self)
        for button in (self.yes, self.no):
            button.setAutoExclusive(False)  # Qt's exclusivity lets Tab reach only the checked button
            button.toggled.connect(lambda checked, b=button: self._toggled(b, checked))
            layout.addWidget(button)
        layout.addWidget(self._clear_button())
        layout.addStretch(1)
        self.setFocusProxy(self.yes)

    def _toggled(self, button: QRadioButton, checked: bool) -> None:
        other = self.no if button is self.yes else self.yes
        if checked:
            with QSignalBlocker(other):
                other.setChecked(False)
            self._emit()
        elif not other.isChecked():  # a click on the chosen answer keeps it (only «×» clears)
            with QSignalBlocker(button):
                button.setChecked(True)

    def value(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_value(self, value: Any) -> None:
        for button, state in ((self.yes, value is True), (self.no, value is False)):
            with QSignalBlocker(button):
                button.setChecked(state)


class _WheelOnlyWhenFocused(_WidgetMixinBase):
    """The mouse wheel scrolls the page, not the answer under the pointer, unless the field has focus.

    Otherwise a chair scrolling a long page would silently change the numbers and choices the
    pointer passes over — and every change is saved at once.
    """

    def _init_wheel(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event):  # noqa: N802 (Qt naming)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _SelectOnFocus(_WheelOnlyWhenFocused):
    """Select the whole text when the field gets focus, so typing replaces «не указано»."""

    def focusInEvent(self, event):  # noqa: N802 (Qt naming)
        super().focusInEvent(event)
        if isinstance(self, QAbstractSpinBox):
            self.selectAll()


class _TypedNumber:
    """A spin box that reads the text a person typed or pasted as a whole, whatever the locale.

    Qt's own spin boxes read numbers by the locale and keystroke by keystroke: under a Russian locale
    «2.5» became 25, elsewhere the comma of «150 000,50» was swallowed and «50» landed in the rubles.
    Here the text is kept as typed («150000.5», «1 250 000,75 руб.») and read by
    :func:`maturity.engine.number_text.parse_typed_number`; when the field is left it shows the
    number in Russian digits. A key that cannot be part of a number is refused.
    """

    integer = False

    if TYPE_CHECKING:  # what the spin box it is mixed into gives it (QSpinBox or QDoubleSpinBox)

        def suffix(self) -> str: ...
        def specialValueText(self) -> str: ...  # noqa: N802
        def decimals(self) -> int: ...
        def maximum(self) -> Any: ...
        def minimum(self) -> Any: ...
        def setCorrectionMode(self, mode: QAbstractSpinBox.CorrectionMode) -> None: ...  # noqa: N802

    def _init_typed(self) -> None:
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def _typed(self, text: str) -> Decimal | None:
        return parse_typed_number(self._without_suffix(text))

    def _without_suffix(self, text: str) -> str:
        suffix = self.suffix().strip()
        body = text.strip()
        if suffix and body.endswith(suffix):
            body = body[: -len(suffix)]
        return strip_currency(body)

    def validate(self, text: str, pos: int, /) -> tuple[QValidator.State, str, int]:  # noqa: D102 (Qt's virtual)
        if text == self.specialValueText() or not self._without_suffix(text).strip():
            return (QValidator.State.Intermediate, text, pos)
        body = self._without_suffix(text)
        number = parse_typed_number(body)
        if number is None:  # a sign or a separator alone is a start; digits with a misplaced mark are refused
            incomplete = not any(c.isdigit() for c in body) and _NUMBER_CHARACTERS.fullmatch(body) is not None
            return (QValidator.State.Intermediate if incomplete else QValidator.State.Invalid, text, pos)
        if self.integer and number != number.to_integral_value():
            return (QValidator.State.Invalid, text, pos)  # «1,5» members: the «5» is refused at once
        if not self.integer and fraction_digits(body) > self.decimals():
            return (QValidator.State.Invalid, text, pos)  # a third digit of kopecks is refused at once
        if number > Decimal(str(self.maximum())):
            return (QValidator.State.Invalid, text, pos)
        if number < Decimal(str(self.minimum())):
            return (QValidator.State.Intermediate, text, pos)
        return (QValidator.State.Acceptable, text, pos)

    def fixup(self, text: str) -> str:  # noqa: D102 (Qt's virtual)
        return text

    def valueFromText(self, text: str) -> Any:  # noqa: N802 (Qt naming)
        number = self._typed(text)
        if number is None:
            return self.minimum()
        return int(number) if self.integer else float(number)

    def textFromValue(self, value: Any) -> str:  # noqa: N802 (Qt naming)
        if self.integer:
            return format_number(value, 0)
        text = format_number(value, self.decimals())
        if not self.suffix() and "," in text:  # a count shows «2,5» and «3», money always its kopecks
            text = text.rstrip("0").rstrip(",")
        return text


_NUMBER_CHARACTERS = re.compile(r"[\s\d.,+\-\u2212'\u00a0\u202fрубля₽]*", re.IGNORECASE)


class _SpinBox(_SelectOnFocus, _TypedNumber, QSpinBox):
    integer = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._init_wheel()
        self._init_typed()


CountSpinBox = _SpinBox  # a whole number typed or pasted the way people write it (the organization's card)


class _DoubleSpinBox(_SelectOnFocus, _TypedNumber, QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._init_wheel()
        self._init_typed()


class _ComboBox(_WheelOnlyWhenFocused, QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._init_wheel()


class IntEditor(AnswerEditor):
    """A spin box within the question's limits; one step below the minimum reads «не указано»."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.low = int(question.min if question.min is not None else 0)
        high = int(min(question.max, INT_LIMIT)) if question.max is not None else INT_LIMIT
        self.spin = _SpinBox(self)
        self.spin.setRange(self.low - 1, high)
        self.spin.setSpecialValueText(UNANSWERED)
        self.spin.setValue(self.low - 1)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(160)
        self.spin.setAccelerated(True)
        layout.addWidget(self.spin)
        self.setFocusProxy(self.spin)
        layout.addWidget(self._clear_button())
        layout.addStretch(1)
        self.spin.valueChanged.connect(self._emit)

    def value(self) -> int | None:
        v = self.spin.value()
        return None if v < self.low else v

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(int(self.spin.minimum()) if value is None else int(value))


class NumberEditor(AnswerEditor):
    """A double spin box (rubles with a suffix for money); below zero reads «не указано».

    It reads what is typed or pasted as a whole («150 000,50», «150000.5», «1 250 000,75 руб.»),
    whatever the locale: see :class:`_TypedNumber`."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        decimals = 2  # kopecks; a count such as publications a week: «2,5», at most hundredths
        self.step = 10.0**-decimals
        self.low = float(question.min if question.min is not None else 0)
        self.spin = _DoubleSpinBox(self)
        self.spin.setDecimals(decimals)
        high = float(question.max) if question.max is not None else float(NUMBER_LIMIT)
        self.spin.setRange(self.low - self.step, high)
        self.spin.setSpecialValueText(UNANSWERED)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(200 if question.money else 160)
        if question.money:
            self.spin.setSuffix(" руб.")
            self.spin.setSingleStep(1000)
        self.spin.setValue(self.spin.minimum())
        layout.addWidget(self.spin)
        self.setFocusProxy(self.spin)
        layout.addWidget(self._clear_button())
        layout.addStretch(1)
        self.spin.valueChanged.connect(self._emit)

    def value(self) -> float | int | None:
        v = self.spin.value()
        if v < self.low:
            return None
        return int(v) if float(v).is_integer() else v

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(self.spin.minimum() if value is None else float(value))


class ChoiceEditor(AnswerEditor):
    """A combo box of the method's option labels, first item «— не выбрано —»."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = _ComboBox(self)
        self.combo.addItem("— не выбрано —", None)
        for option in question.options:
            self.combo.addItem(option.label, option.id)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.combo)
        self.setFocusProxy(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._emit)

    def value(self) -> str | None:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(index, 0))


class MultiEditor(AnswerEditor):
    """Check boxes, plus «ничего из перечисленного» for the explicit empty answer.

    Nothing checked at all means «нет ответа»; «ничего из перечисленного» means the answer [].
    """

    NONE_LABEL = "Ничего из перечисленного"

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(2)
        columns = 2 if len(question.options) > 4 else 1
        rows = (len(question.options) + columns - 1) // columns
        self.boxes: dict[str, QCheckBox] = {}
        for i, option in enumerate(question.options):
            cell, box = _wrapping_check_box(option.label, self)
            box.setObjectName(f"option:{option.id}")
            self.boxes[option.id] = box
            layout.addWidget(cell, i % rows, i // rows)
            box.toggled.connect(self._option_toggled)
        self.none_box = QCheckBox(self.NONE_LABEL, self)
        self.none_box.setObjectName("option:")
        layout.addWidget(self.none_box, rows, 0)
        self.none_box.toggled.connect(self._none_toggled)
        for column in range(columns):  # the options share the width; their labels wrap in it
            layout.setColumnStretch(column, 1)

    def _option_toggled(self, checked: bool) -> None:
        if checked and self.none_box.isChecked():
            with QSignalBlocker(self.none_box):
                self.none_box.setChecked(False)
        self._emit()

    def _none_toggled(self, checked: bool) -> None:
        if checked:
            for box in self.boxes.values():
                with QSignalBlocker(box):
                    box.setChecked(False)
        self._emit()

    def value(self) -> list[str] | None:
        chosen = [oid for oid, box in self.boxes.items() if box.isChecked()]
        if chosen:
            return chosen
        return [] if self.none_box.isChecked() else None

    def set_value(self, value: Any) -> None:
        selected = set(value or ())
        for oid, box in self.boxes.items():
            with QSignalBlocker(box):
                box.setChecked(oid in selected)
        with QSignalBlocker(self.none_box):
            self.none_box.setChecked(value == [])


class _ClickLabel(QLabel):
    """An option's text that wraps, and ticks its box when clicked (as a check box's own text does)."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget):
        super().__init__(text, parent)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def mouseReleaseEvent(self, event):  # noqa: N802 (Qt naming)
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.click()
        super().mouseReleaseEvent(event)


def _wrapping_check_box(text: str, parent: QWidget) -> tuple[QWidget, QCheckBox]:
    """A check box whose long label wraps instead of widening the page (1024 pixels must do)."""
    cell = QWidget(parent)
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    box = QCheckBox(cell)
    box.setAccessibleName(text)
    box.setToolTip(text)
    label = _ClickLabel(text, box, cell)
    label.setMinimumWidth(140)
    row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
    return cell, box


class TextEditor(AnswerEditor):
    """A line edit limited to the question's length; empty means no answer."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = self.line_layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        if question.max_length:
            self.line.setMaxLength(question.max_length)
        self.line.setPlaceholderText(UNANSWERED if question.optional else "")
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._emit)

    def value(self) -> str | None:
        return self.line.text().strip() or None

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.line):
            self.line.setText("" if value is None else str(value))


class SuggestedTextEditor(TextEditor):
    """A text question with a list of usual answers (``suggested``): a combo box of them and «другое…»,
    which opens a line edit for any other text. The answer is the text either way; an answer that is not
    in the list (given before the list existed, or typed) shows as «другое…» with that text."""

    OTHER = "другое…"

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        self.combo = _ComboBox(self)
        self.combo.addItem("— не выбрано —", None)
        for value in question.suggested:
            self.combo.addItem(value, value)
        self.combo.addItem(self.OTHER, self.OTHER)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        self.line_layout.insertWidget(0, self.combo)
        self.line.setPlaceholderText("название, если его нет в списке")
        self.line.hide()
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.line.textEdited.connect(self._typed)

    def other_chosen(self) -> bool:
        return self.combo.currentData() == self.OTHER

    def _chosen(self, _index: int) -> None:
        self.line.setVisible(self.other_chosen())
        if self.other_chosen():
            self.line.setFocus()
        self._emit()

    def _typed(self, _text: str) -> None:
        """Typing another name means «другое», whatever the list showed."""
        if not self.other_chosen():
            with QSignalBlocker(self.combo):
                self.combo.setCurrentIndex(self.combo.findData(self.OTHER))
            self.line.show()

    def value(self) -> str | None:
        if self.other_chosen():
            return super().value()
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        text = None if value is None else str(value)
        listed = text is not None and text in self.question.suggested
        index = 0 if text is None else self.combo.findData(text) if listed else self.combo.findData(self.OTHER)
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(index)
        super().set_value(None if listed else text)
        self.line.setVisible(self.other_chosen())


EDITORS: dict[str, type[AnswerEditor]] = {
    "bool": BoolEditor,
    "int": IntEditor,
    "number": NumberEditor,
    "choice": ChoiceEditor,
    "multi": MultiEditor,
    "text": TextEditor,
}


def editor_for(question: Question, parent: QWidget | None = None) -> AnswerEditor:
    """The editor fitting the question's type (a text question with a list of usual answers: the list)."""
    if question.type == "text" and question.suggested:
        return SuggestedTextEditor(question, parent)
    return EDITORS[question.type](question, parent)
