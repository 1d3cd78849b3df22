"""The method is data: no question id, KPI id or organization-level id of a shipped profile is
written in Python outside the method layer (maturity/method). Whoever changes the YAML changes
the method; the engine, the storage, the exchange formats, the views and the app take the ids from
the profile they are given."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from maturity.method.profile import load_profile, shipped_profile_ids

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [ROOT / "maturity", ROOT / "ui"]
METHOD_LAYER = ROOT / "maturity" / "method"


def method_ids() -> dict[str, str]:
    """Every id a shipped profile defines, with what it is."""
    ids: dict[str, str] = {}
    for profile_id in shipped_profile_ids():
        profile = load_profile(profile_id)
        ids.update({qid: "вопрос" for qid in profile.questions})
        ids.update({kpi.id: "показатель" for kpi in profile.kpis})
        ids.update({level.id: "уровень организации" for level in profile.data.organization_levels})
    return ids


def python_files() -> list[Path]:
    return sorted(
        path
        for folder in CHECKED
        for path in folder.rglob("*.py")
        if METHOD_LAYER not in path.parents and "migrations" not in path.parts
    )


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_check_sees_the_ids_it_looks_for():
    ids = method_ids()
    assert ids["profile.name"] == "вопрос" and ids["k8.crm"] == "вопрос"
    assert ids["k1"] == "показатель" and ids["primary"] == "уровень организации"
    assert len(python_files()) > 40


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_method_id_is_written_in_python_outside_the_method_layer(path):
    ids = method_ids()
    found = [
        f"{path.relative_to(ROOT)}:{line}: {ids[text]} «{text}»"
        for line, text in string_constants(path)
        if text in ids or text.rstrip(".") in ids and text.endswith(".")
    ]
    assert not found, "ids of the method belong in questionnaires/*.yaml:\n" + "\n".join(found)


def test_the_check_fails_on_a_question_id_in_code(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('NAME = "profile.name"\ndef f():\n    """k1 in a docstring is prose."""\n    return "k1"\n')
    found = [text for _, text in string_constants(planted) if text in method_ids()]
    assert found == ["profile.name", "k1"]
