"""Answers in spreadsheet cells: shown in Russian, stored exactly, read back tolerantly.

Three directions, shared by the assessment workbook, the blank form and the consolidated report:

- :func:`display_answer` — what a person reads: option labels, «да» / «нет», numbers as numbers;
- :func:`machine_value` — the exact typed value for a machine sheet (lists as JSON text);
- :func:`read_machine_value` / :func:`read_form_value` — a cell's value back to an answer. The
  form reader is tolerant of what Excel and LibreOffice do to typed-in values: numbers stored as
  text, comma decimals, spaces between thousands, trailing spaces, «Да» in capitals, labels or ids.

A value that cannot be read raises :class:`CellValueError` with a Russian sentence; the workbook
readers add the sheet and the cell.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from maturity.errors import shorten
from maturity.method.profile import Profile
from maturity.method.schema import Condition, Question

YES, NO = "да", "нет"
NO_ANSWER = "нет ответа"
NOT_ASKED = "вопрос не задаётся"
MULTI_SEPARATOR = "; "
NUMBER_FORMAT = "%.16g"  # how openpyxl writes a number into a cell
MAX_MULTI_CELL = 10_000  # characters of a multi-choice cell ["vk", "ok"]: far more than any list of options
_TRUE_WORDS = {"да", "true", "истина", "yes", "1"}
_FALSE_WORDS = {"нет", "false", "ложь", "no", "0"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


class CellValueError(ValueError):
    """A cell whose value cannot be an answer; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class CellIssue:
    """A problem in a named cell: «Лист „Ответы“, ячейка C14: число не может быть отрицательным»."""

    sheet: str
    cell: str
    message: str
    question_id: str | None = None

    def __str__(self) -> str:
        about = f" ({shorten(self.question_id)})" if self.question_id else ""
        return f"Лист „{self.sheet}“, ячейка {self.cell}{about}: {self.message}"


# ---------------------------------------------------------------- writing


def display_answer(question: Question, value: Any) -> Any:
    """The answer as a person reads it (None → None)."""
    if value is None:
        return None
    if question.type == "bool":
        return YES if value else NO
    if question.type == "choice":
        option = question.option(value)
        return option.label if option else value
    if question.type == "multi":
        labels = [(option.label if (option := question.option(v)) else v) for v in value]
        return MULTI_SEPARATOR.join(labels) if labels else "ничего не выбрано"
    return value


def machine_value(question: Question, value: Any) -> Any:
    """The exact typed value for a machine sheet: lists as JSON text, everything else as is."""
    if value is None:
        return None
    if question.type == "multi":
        return json.dumps(list(value), ensure_ascii=False)
    if question.type in ("int", "number"):
        return exact_number(value)
    return value


def exact_number(value: int | float) -> int | float | str:
    """The number itself, or its exact text when a cell would lose digits.

    openpyxl writes numbers with 16 significant digits (Excel keeps 15); a number that does not
    survive that is written as text, which :func:`parse_number` reads back exactly.
    """
    if float(NUMBER_FORMAT % value) != value:
        return repr(value)
    return value


def condition_text(profile: Profile, condition: Condition) -> str:
    """«Отвечайте, если на вопрос «…» ответ — «да»» for a relevance condition."""
    other = profile.questions.get(condition.question)
    name = f"«{other.text}»" if other else f"«{condition.question}»"
    if condition.greater_than is not None:
        limit = f"{condition.greater_than:g}".replace(".", ",")
        return f"Отвечайте, если ответ на вопрос {name} больше {limit}."
    if condition.one_of is not None:
        shown_options = ", ".join(f"«{display_answer(other, o) if other else o}»" for o in condition.one_of)
        return f"Отвечайте, если на вопрос {name} ответ — один из: {shown_options}."
    shown = display_answer(other, condition.equals) if other else condition.equals
    return f"Отвечайте, если на вопрос {name} ответ «{shown}»."


# ---------------------------------------------------------------- reading


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not _squeeze(value))


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = _squeeze(value).lower().rstrip(".")
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise CellValueError(f"ожидается «{YES}» или «{NO}», а не «{shorten(value)}»")


def parse_number(value: Any, *, integer: bool) -> int | float:
    """A number from a cell: a number, or text like «1 234,5» or « 12 »."""
    if isinstance(value, bool):
        raise CellValueError("ожидается число, а не «да»/«нет»")
    if isinstance(value, str):
        text = _SPACES.sub("", value).replace(",", ".")
        try:
            number: int | float = int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            raise CellValueError(f"ожидается число, а не «{shorten(_squeeze(value))}»") from None
    elif isinstance(value, (int, float)):
        number = value
    else:
        raise CellValueError(f"ожидается число, а не «{shorten(value)}»")
    if isinstance(number, float):
        if not math.isfinite(number):
            raise CellValueError("ожидается число")
        if integer:
            if not number.is_integer():
                raise CellValueError(f"ожидается целое число, а не {number:g}".replace(".", ","))
            return int(number)
    return number


def parse_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_choice(question: Question, value: Any) -> str:
    """An option id from its id or its label (case and spaces ignored)."""
    text = _squeeze(parse_text(value))
    if question.option(text) is not None:
        return text
    wanted = text.casefold()
    for option in question.options:
        if _squeeze(option.label).casefold() == wanted or option.id.casefold() == wanted:
            return option.id
    raise CellValueError(f"нет такого варианта ответа: «{shorten(text)}»; выберите вариант из списка")


def read_machine_value(question: Question, value: Any) -> Any:
    """A typed value from a machine sheet (tolerant of numbers-as-text; lists as JSON text)."""
    # the usual cases first, cheaply: a report holds hundreds of thousands of these
    t, kind = question.type, type(value)
    if (kind is int and t in ("int", "number")) or (kind is float and t == "number") or (kind is bool and t == "bool"):
        return value
    if kind is str and t in ("text", "choice"):
        text = value.strip()
        if text and (t == "text" or question.option(text) is not None):
            return text
    if is_blank(value):
        return None
    if question.type == "multi":
        if not isinstance(value, str):
            raise CellValueError('ожидается список вариантов в формате JSON, например ["vk", "ok"]')
        if len(value) > MAX_MULTI_CELL:
            raise CellValueError(f"список вариантов длиннее {MAX_MULTI_CELL} знаков")
        try:
            items = json.loads(value)
        except (json.JSONDecodeError, RecursionError, ValueError):  # RecursionError: nested thousands deep
            raise CellValueError('ожидается список вариантов в формате JSON, например ["vk", "ok"]') from None
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise CellValueError('ожидается список вариантов в формате JSON, например ["vk", "ok"]')
        return items
    return read_form_value(question, value)


def read_form_value(question: Question, value: Any) -> Any:
    """An answer typed by a person into a form cell (multi-choice questions are read per option)."""
    if is_blank(value):
        return None
    t = question.type
    if t == "bool":
        return parse_bool(value)
    if t == "int":
        return parse_number(value, integer=True)
    if t == "number":
        return parse_number(value, integer=False)
    if t == "choice":
        return parse_choice(question, value)
    if t == "text":
        return parse_text(value)
    raise CellValueError("этот вопрос заполняется по вариантам, в строках ниже")
