"""The profile editor's «Что изменилось» in words: «place: before → after», numbers through :mod:`numbers`."""

from __future__ import annotations

from typing import Any

from maturity.method.editing import Change
from maturity.views.numbers import NO_FIGURE, format_parameter

NO_CHANGES = "Изменений пока нет: методика совпадает с исходной."


def value_text(value: Any, limit: int = 80) -> str:
    """A value of a profile field as a person reads it: a number with a comma, a text shortened, «—» when empty."""
    if value is None or value == "":
        return NO_FIGURE
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_parameter(value)
    text = " ".join(str(value).split())
    return f"«{text}»" if len(text) <= limit else f"«{text[: limit - 1].rstrip()}…»"


def change_line(change: Change) -> str:
    return f"{change.place}: {value_text(change.before)} → {value_text(change.after)}"


def change_lines(changes: list[Change]) -> list[str]:
    return [change_line(change) for change in changes] or [NO_CHANGES]
