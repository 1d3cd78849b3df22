"""``maturity history --org ORG --json``: each year, and for each pair of consecutive years ``method_changed`` —
the ids of the figures the two years' versions of the method define differently."""

from __future__ import annotations

import json

import pytest

from maturity.cli import main
from maturity.engine.record import build_record
from maturity.method import editing
from maturity.method.profile import load_profile

BASE = load_profile("fnpr-base", "2025.1")  # pinned: the installed versions below are edits of 2025.1


def install_version(store, edits: dict[tuple, object], version: str):
    start = editing.profile_tree(BASE)
    edited = start
    for path, value in edits.items():
        edited = editing.with_value(edited, path, value)
    tree = editing.saved_tree(start, edited, "fnpr-base", version, extends=None)
    store.install_profile_text(editing.saved_text(tree, start), "тест")
    return store.catalog().find("fnpr-base", version)


def kpi_position(parameter: str) -> int:
    return next(i for i, k in enumerate(BASE.kpis) if f"'{parameter}'" in repr(k.components))


@pytest.mark.slow
def test_history_json_names_the_figures_each_new_version_redefined(store, db_url, example_answers, capsys):
    answers = {**example_answers("primary-small.json"), "profile.name": "ППО «Ёлочка» № 12"}
    k2_weight = ("kpis", 1, "weight")
    doubled = 2 * (BASE.kpis[1].weight)
    meetings = kpi_position("meetings_target")
    newer = install_version(store, {k2_weight: doubled, ("parameters", "meetings_target"): 8}, "2025.2")
    newest = install_version(
        store,
        {k2_weight: doubled, ("parameters", "meetings_target"): 8, ("maturity_levels", 1, "from"): 30},
        "2025.3",
    )
    org = store.create_organization("ППО «Ёлочка» № 12", "primary", members=answers["profile.members"], uid="ёлка-12")
    store.save_record(org, build_record(BASE, 2024, answers))
    store.save_record(org, build_record(newer, 2025, answers))
    store.save_record(org, build_record(newest, 2026, answers))
    store.save_record(org, build_record(newest, 2027, answers))

    assert main(["history", "--org", "ёлка-12", "--json", "--db", db_url]) == 0
    document = json.loads(capsys.readouterr().out)

    assert [y["year"] for y in document["years"]] == [2024, 2025, 2026, 2027]
    assert [y["profile_version"] for y in document["years"]] == ["2025.1", "2025.2", "2025.3", "2025.3"]
    assert all(isinstance(y["index"], float) for y in document["years"])
    assert document["pairs"] == [
        {"from": 2024, "to": 2025, "method_changed": ["index", BASE.kpis[meetings].id]},
        {"from": 2025, "to": 2026, "method_changed": ["level"]},
        {"from": 2026, "to": 2027, "method_changed": []},
    ]
    assert document["organization"] == {"name": "ППО «Ёлочка» № 12", "organization_id": "ёлка-12"}


def test_history_json_of_an_organization_without_assessments(store, db_url, capsys):
    store.create_organization("ППО без оценок", "primary", uid="пусто")

    assert main(["history", "--org", "пусто", "--json", "--db", db_url]) == 0

    assert json.loads(capsys.readouterr().out) == {
        "organization": {"name": "ППО без оценок", "organization_id": "пусто"},
        "years": [],
        "pairs": [],
    }
