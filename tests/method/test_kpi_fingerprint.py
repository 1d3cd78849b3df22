"""«Методика изменилась»: a KPI's fingerprint changes with its definition, not with its wording; year-on-year
views say so beside that KPI only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.engine.year_change import EarlierYear, year_change
from maturity.method.editing import profile_tree, with_value
from maturity.method.fingerprint import kpi_fingerprint, kpis_defined_differently
from maturity.method.profile import load_profile, profile_from_mapping
from maturity.views.year_change_text import kpi_label, kpi_rows

BASE = load_profile("fnpr-base")
TREE = profile_tree(BASE)


def version(*edits, number: str = "2026.1"):
    """fnpr-base with these (path, value) edits, as another version."""
    tree = with_value(TREE, ("version",), number)
    for path, value in edits:
        tree = with_value(tree, path, value)
    return profile_from_mapping(tree, f"версия {number}")


def kpi_using(parameter: str) -> int:
    return next(i for i, k in enumerate(BASE.kpis) if f"'{parameter}'" in repr(k.components))


def test_the_same_definition_has_the_same_fingerprint_in_another_version():
    other = version()
    assert all(kpi_fingerprint(BASE, k.id) == kpi_fingerprint(other, k.id) for k in BASE.kpis)
    assert kpis_defined_differently(BASE, other) == frozenset()


def test_a_changed_target_changes_only_the_kpis_that_use_it():
    position = kpi_using("meetings_target")
    other = version((("parameters", "meetings_target"), 8))
    assert kpis_defined_differently(BASE, other) == {BASE.kpis[position].id}


@settings(max_examples=examples(30), deadline=None)
@given(kpi=st.integers(0, len(BASE.kpis) - 1), data=st.data())
def test_a_changed_component_weight_changes_that_kpi_only(kpi, data):
    component = data.draw(st.integers(0, len(BASE.kpis[kpi].components) - 1))
    weight = BASE.kpis[kpi].components[component].weight
    other = version((("kpis", kpi, "components", component, "weight"), weight + 1))
    assert kpis_defined_differently(BASE, other) == {BASE.kpis[kpi].id}


def test_wording_and_the_kpi_weight_in_the_index_are_not_its_definition():
    other = version(
        (("kpis", 0, "title"), "Новое название"),
        (("kpis", 0, "components", 0, "advice"), "Новая рекомендация."),
        (("kpis", 0, "weight"), 3),
        (("sections", 0, "questions", 0, "text"), "Новый текст вопроса"),
    )
    assert kpis_defined_differently(BASE, other) == frozenset()


def test_a_changed_option_score_changes_the_kpi_reading_it():
    kpi = BASE.kpis[0]
    question_id = next(c.question for c in kpi.components if getattr(c, "kind", "") == "value")
    question = BASE.question(question_id)
    if question.type != "choice":  # a bool question has no option scores: take a choice one
        kpi, question = next(
            (k, BASE.question(c.question))
            for k in BASE.kpis
            for c in k.components
            if getattr(c, "kind", "") == "value" and BASE.question(c.question).type == "choice"
        )
    si, qi = next(
        (si, qi) for si, s in enumerate(BASE.sections) for qi, q in enumerate(s.questions) if q.id == question.id
    )
    old = question.options[0].value
    other = version((("sections", si, "questions", qi, "options", 0, "value"), 0.5 if old != 0.5 else 0.25))
    assert kpi.id in kpis_defined_differently(BASE, other)


def test_an_added_kpi_is_not_a_changed_one():
    tree = with_value(TREE, ("version",), "2026.1")
    tree["kpis"] = [*tree["kpis"], {**tree["kpis"][0], "id": "k99"}]
    assert kpis_defined_differently(BASE, profile_from_mapping(tree, "x")) == frozenset()
    assert kpi_fingerprint(BASE, "k99") is None


def test_year_on_year_change_says_methodika_izmenilas_beside_the_redefined_kpi_only(example_answers):
    answers = example_answers("primary-small.json")
    position = kpi_using("meetings_target")
    now = version((("parameters", "meetings_target"), 8))
    then = score(BASE, answers)
    earlier = EarlierYear(2024, then.index, then.level, then.kpis, {k: n.status for k, n in then.norms.items()},
                          profile_id=BASE.id, profile_version=BASE.version, profile=BASE)  # fmt: skip
    change = year_change(now, 2025, score(now, answers), earlier)
    flagged = [k.kpi_id for k in change.kpis if k.method_changed]
    assert flagged == [BASE.kpis[position].id]
    rows = kpi_rows(change)
    assert rows[position][3].endswith("(методика изменилась)")
    assert all("методика" not in row[3] for i, row in enumerate(rows) if i != position)
    assert kpi_label(change.kpis[position]).endswith("(методика изменилась)")


def test_without_the_earlier_version_nothing_is_said(example_answers):
    answers = example_answers("primary-small.json")
    now = version((("parameters", "meetings_target"), 8))
    then = score(BASE, answers)
    earlier = EarlierYear(2024, then.index, then.level, then.kpis, {})
    assert not any(k.method_changed for k in year_change(now, 2025, score(now, answers), earlier).kpis)
