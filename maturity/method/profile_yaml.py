"""Reading a profile's YAML text: plain YAML only, every value sound, or a problem with its place.

A profile decides how every assessment is scored, so its text is read as hostile (docs/trust.md,
«Файл методики принимается, только если он исправен»):

- the nesting of the text is capped (:data:`MAX_DEPTH` levels) before a node is built, so a text nested
  50 000 deep is refused with a reason instead of exhausting Python's recursion;
- only plain YAML types: mappings, lists, strings, numbers, true/false, null (no ``!!binary``, no
  ``!!python/…``, no other tag; a date is read as text);
- a key written twice in one mapping is refused (otherwise the later value silently wins);
- an anchor reused by aliases may not grow the text past :data:`MAX_NODES` values;
- every number is finite and between :data:`MIN_MAGNITUDE` and :data:`MAX_MAGNITUDE` (or zero);
- every string (key or value) holds no control or broken character (:mod:`maturity.text_rules`).

PyYAML's own English messages never reach the user: :func:`russian_yaml_problem` says them in Russian.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from maturity.errors import shorten
from maturity.text_rules import forbidden_character

MAX_DEPTH = 32  # fnpr-base nests 8 levels deep
MAX_NODES = 200_000  # fnpr-base has about 3 000 values
MAX_MAGNITUDE = 10**15
MIN_MAGNITUDE = 1e-9
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null", "merge")
)


class YamlProblem(ValueError):
    """A profile text that is not sound YAML: ``where`` (a line or a dotted place) and ``problem``, in Russian."""

    def __init__(self, where: str, problem: str):
        self.where, self.problem = where, problem
        super().__init__(f"{where}: {problem}")


# PyYAML's messages, by their beginning, in Russian.
_RUSSIAN_PROBLEMS = (
    ("unacceptable character", "в тексте недопустимый символ"),
    ("special characters are not allowed", "в тексте недопустимый символ"),
    ("found character '\\t' that cannot start any token", "табуляция там, где YAML её не допускает"),
    ("found character", "символ, с которого не может начинаться значение"),
    ("found undefined alias", "ссылка (*) на метку (&), которой нет"),
    ("found duplicate anchor", "метка (&) встречается дважды"),
    ("mapping values are not allowed here", "двоеточие там, где значение не ожидается"),
    ("could not find expected ':'", "не найдено двоеточие после ключа"),
    ("expected <block end>, but found", "нарушены отступы"),
    ("expected ',' or ']'", "список в квадратных скобках не закрыт"),
    ("expected ',' or '}'", "словарь в фигурных скобках не закрыт"),
    ("found unexpected end of stream", "текст оборван: не закрыта кавычка или скобка"),
    ("found unknown escape character", "неизвестная последовательность после «\\»"),
    ("expected escape sequence", "неверная последовательность после «\\»"),
    ("found unexpected ':'", "лишнее двоеточие"),
    ("expected a comment or a line break", "лишний текст после значения"),
    ("found a tab character", "табуляция там, где YAML её не допускает"),
    ("expected alphabetic or numeric character", "метка (&) или ссылка (*) без имени"),
    ("expected a single document", "в файле больше одного документа YAML (---)"),
)


def russian_yaml_problem(exc: yaml.YAMLError) -> tuple[str, str]:
    """The place (line and column) and the Russian sentence for a PyYAML error; its English never shown."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (NUL, a lone surrogate…)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        return "", f"файл не читается как YAML: в тексте недопустимый символ U+{code:04X}"
    mark = getattr(exc, "problem_mark", None)
    where = f"строка {mark.line + 1}, столбец {mark.column + 1}" if mark is not None else ""
    problem = str(getattr(exc, "problem", "") or "")
    for english, russian in _RUSSIAN_PROBLEMS:
        if english in problem:
            return where, f"файл не читается как YAML: {russian}"
    return where, "файл не читается как YAML: нарушен его синтаксис"


def _line(node_or_event: Any) -> str:
    mark = getattr(node_or_event, "start_mark", None)
    return f"строка {mark.line + 1}" if mark is not None else ""


def _check_events(text: str) -> None:
    """Nesting and tags, from the parser's events (built without recursion, unlike the nodes)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(_line(event), f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней)")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in PLAIN_TAGS:
            raise YamlProblem(
                _line(event),
                f"тип «{shorten(tag, 40)}» в файле методики не допускается: только словари, списки, "
                "строки, числа, true/false и null",
            )


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader without dates (a date stays text) and refusing a key written twice."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_repeats(loader: _PlainLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            repeated = key in seen
        except TypeError:  # a list or a mapping as a key
            raise YamlProblem(_line(key_node), "ключом может быть только строка или число") from None
        if repeated:
            raise YamlProblem(
                _line(key_node), f"ключ «{shorten(key, 40)}» записан дважды — неясно, какое значение верное"
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_PlainLoader.add_constructor("tag:yaml.org,2002:map", _mapping_without_repeats)


def _value_problem(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"значение {value} — не число; нужны конечные числа"
        if value != 0 and not MIN_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE:
            return f"число {shorten(value)} вне допустимого (от 10^-9 до 10^15 по модулю)"
    elif isinstance(value, int):
        if abs(value) > MAX_MAGNITUDE:
            return f"число {shorten(value)} больше 10^15 по модулю"
    elif isinstance(value, str):
        return forbidden_character(value)
    return None


def _check_values(data: Any) -> None:
    """Every value and key of the built data is sound; at most MAX_NODES of them (aliases counted each time)."""
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    count = 0
    while stack:
        place, value, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_DEPTH:
            raise YamlProblem("", "файл методики слишком велик или вложен слишком глубоко (ссылки * раскрывают его)")
        if isinstance(value, dict):
            for key, inner in value.items():
                key_problem = _value_problem(key)
                if key_problem is not None:
                    raise YamlProblem(place or "ключ", f"ключ «{shorten(key, 40)}»: {key_problem}")
                stack.append((f"{place}.{key}" if place else str(key), inner, depth + 1))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                stack.append((f"{place}.{i}" if place else str(i), inner, depth + 1))
        else:
            problem = _value_problem(value)
            if problem is not None:
                raise YamlProblem(place, problem)


def read_profile_yaml(text: str) -> Any:
    """The data of a profile text (any YAML value; the caller wants a mapping), or a :class:`YamlProblem`."""
    try:
        _check_events(text)
        data = yaml.load(text, Loader=_PlainLoader)  # noqa: S506 — a SafeLoader: plain types only
    except yaml.YAMLError as exc:
        raise YamlProblem(*russian_yaml_problem(exc)) from None
    except RecursionError:  # not reached after _check_events; kept so no traceback can escape
        raise YamlProblem("", f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней)") from None
    _check_values(data)
    return data
