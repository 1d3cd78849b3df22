"""The profile schema's errors (pydantic's) for a person: the place in the profile and a Russian sentence.

pydantic writes its messages in English («Input should be greater than 0»); a profile's author and the
editor's user read «должно быть больше 0». An error type not listed here gets a general Russian sentence,
never pydantic's English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COMPONENT_KINDS = ("value", "share", "ratio", "blend")

_MESSAGES = {
    "greater_than": "должно быть больше {gt}",
    "greater_than_equal": "должно быть не меньше {ge}",
    "less_than": "должно быть меньше {lt}",
    "less_than_equal": "должно быть не больше {le}",
    "float_parsing": "нужно число",
    "float_type": "нужно число",
    "int_parsing": "нужно целое число",
    "int_type": "нужно целое число",
    "int_from_float": "нужно целое число",
    "finite_number": "нужно конечное число",
    "bool_parsing": "нужно true или false",
    "bool_type": "нужно true или false",
    "string_too_short": "текст не может быть пустым",
    "string_type": "нужен текст",
    "too_short": "список не может быть пустым",
    "missing": "поле обязательно",
    "extra_forbidden": "такого поля в методике нет",
    "string_pattern_mismatch": "недопустимые символы",
    "literal_error": "недопустимое значение; можно: {expected}",
    "union_tag_invalid": "неизвестный вид «{tag}»; можно: {expected_tags}",
    "union_tag_not_found": "не указан вид (kind)",
    "dict_type": "ожидался словарь",
    "list_type": "ожидался список",
    "tuple_type": "ожидался список",
    "model_type": "ожидался словарь",
}


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return str(value).replace(".", ",")
    return str(value).replace(" or ", " или ")  # pydantic's list of what is allowed: «'a', 'b' or 'c'»


def schema_message(error: Mapping[str, Any]) -> str:
    """pydantic's error in Russian."""
    template = _MESSAGES.get(error["type"])
    if template is None:
        return "значение не подходит схеме методики"
    context = {key: _number_text(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split(";")[0].split("{")[0].rstrip(" «")


def schema_place(error: Mapping[str, Any]) -> str:
    """The dotted place of the error (``kpis.0.components.1.weight``). pydantic adds the kind of a tagged
    union after an index (``components.1.value.weight``): it is dropped — but not an option's own ``value``,
    which ends the place (``options.0.value``)."""
    loc = tuple(error["loc"])
    last = len(loc) - 1
    parts = [
        p for i, p in enumerate(loc) if not (p in COMPONENT_KINDS and 0 < i < last and isinstance(loc[i - 1], int))
    ]
    return ".".join(str(p) for p in parts)
