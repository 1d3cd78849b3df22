"""docs/trust.md promises rules to users and names the test that checks each one: the names must stay true.

Every ``tests/….py::name`` reference in the document must point at a file that exists and defines a
module-level test function of that name (read with ``ast``, nothing is imported); the sections the
document is built from are all there, in their order; and every rule under them names its test.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRUST = ROOT / "docs" / "trust.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
MIN_REFERENCES = 40
SECTIONS = (
    "Что полученный файл может и чего не может",
    "Как файл находит свою организацию",
    "Список организаций (`maturity orgs import`)",
    "Конфликты и повторы внутри файла",
    "Круг подчинения",
    "Два пишущих сразу и сбой посреди записи",
    "Приёмка оценок и журнал",
    "Общая база PostgreSQL: каждая территория видит только своё",
    "Файлы, которые пишет программа",
    "Что значит код выхода 2",
    "Командная строка по-русски и работа без экрана",
)
CHECK = "Проверка:"


def document() -> str:
    return TRUST.read_text(encoding="utf-8")


def references() -> list[tuple[str, str]]:
    return REFERENCE.findall(document())


@cache
def module_functions(relative: str) -> frozenset[str]:
    tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"), filename=relative)
    return frozenset(node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))


def headings() -> list[str]:
    return [line[3:].strip() for line in document().splitlines() if line.startswith("## ")]


def rules() -> list[str]:
    """Each bullet after the first section heading, with its indented continuation lines."""
    body = document().split("\n## ", 1)[1]
    bullets: list[list[str]] = []
    current: list[str] | None = None
    for line in body.splitlines():
        if line.startswith("- "):
            current = [line]
            bullets.append(current)
        elif line.startswith("  ") and current is not None:
            current.append(line)
        else:
            current = None
    return ["\n".join(bullet) for bullet in bullets]


def test_the_document_names_at_least_forty_tests():
    assert len(references()) >= MIN_REFERENCES, f"{len(references())} references in {TRUST.name}"


@pytest.mark.parametrize(("relative", "name"), sorted(set(references())), ids=lambda value: value)
def test_each_referenced_test_exists_at_module_level(relative, name):
    assert (ROOT / relative).is_file(), f"{relative} does not exist"
    assert name in module_functions(relative), f"{relative} defines no function {name}"


def test_every_section_is_there_in_its_order():
    found = headings()
    missing = [section for section in SECTIONS if section not in found]
    assert not missing, f"missing sections: {missing}"
    assert [h for h in found if h in SECTIONS] == list(SECTIONS)


def test_every_rule_names_the_test_that_checks_it():
    unchecked = [rule.splitlines()[0] for rule in rules() if CHECK not in rule or not REFERENCE.search(rule)]
    assert rules() and not unchecked, f"rules without «{CHECK} `tests/…::name`»: {unchecked}"
