"""A benchmark made without naming a method compares a year under the version its complete assessments were
scored with: a year assessed under fnpr-base 2025.1 is not an empty benchmark because new assessments start on
2026.1."""

from __future__ import annotations

from base_versions import base_2025_1, base_current

from maturity.usecases.benchmark import year_method


def test_a_year_scored_under_2025_1_is_compared_under_2025_1(store, example_answers):
    answers = example_answers("primary-small.json")
    for n in range(3):
        org = store.create_organization(f"ППО № {n + 1}", "primary")
        assessment = store.save_assessment(org, 2025, base_2025_1(), answers | {"profile.name": f"ППО № {n + 1}"})
        assert assessment.status == "complete"
    chosen = year_method(store, 2025, base_current())
    assert (chosen.id, chosen.version) == ("fnpr-base", "2025.1")


def test_a_year_without_complete_assessments_keeps_the_method_new_assessments_get(store, example_answers):
    org = store.create_organization("ППО № 1", "primary")
    store.save_assessment(org, 2025, base_2025_1(), {"profile.name": "ППО № 1"})  # a draft
    chosen = year_method(store, 2025, base_current())
    assert chosen is base_current() or (chosen.id, chosen.version) == ("fnpr-base", base_current().version)
    assert year_method(store, 2024, base_current()).version == base_current().version
