"""The profile editor's core (maturity/method/editing.py): fields, edits, the live check, what changed, the saved file."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.method import editing
from maturity.method.profile import load_profile, load_profile_file
from maturity.method.schema import ProfileFile

BASE = load_profile("fnpr-base", "2025.1")  # pinned: the edits below were worked out under 2025.1
START = editing.profile_tree(BASE)
FIELDS = editing.all_fields(editing.editable_groups(START))
NUMBER_FIELDS = [f for f in FIELDS if f.kind == "number"]


def field(key: str) -> editing.EditableField:
    return next(f for f in FIELDS if f.key == key)


def test_the_tree_of_an_installed_profile_validates_as_it_is():
    assert editing.problems(START) == {}
    assert editing.profile_tree(editing.profile_from_mapping(START, "x")) == START


def test_every_parameter_level_boundary_weight_and_text_is_a_field_with_a_russian_label():
    keys = {f.key for f in FIELDS}
    assert "parameters.meetings_target" in keys and "parameters.social_threshold.primary" in keys
    assert "parameters.media_targets.union.citations" in keys
    assert "maturity_levels.1.from" in keys and "kpis.0.weight" in keys and "kpis.0.components.0.advice" in keys
    assert "sections.0.questions.0.text" in keys and "norms.0.advice" in keys
    assert all(not any("a" <= ch <= "z" for ch in f.label) for f in FIELDS)


@pytest.mark.parametrize("text, number", [("12", 12), ("0,05", 0.05), ("5 000", 5000), ("−3", -3), ("2.5", 2.5)])
def test_a_number_is_read_the_russian_way(text, number):
    assert editing.parse_number(text) == number


@pytest.mark.parametrize("text", ["", "много", "1,2,3", "inf", "nan"])
def test_what_is_not_a_number_is_refused_in_russian(text):
    with pytest.raises(ValueError, match="нужно"):
        editing.parse_number(text)


@settings(max_examples=examples(40), deadline=None)
@given(item=st.sampled_from(NUMBER_FIELDS), value=st.sampled_from([-1, -0.5, 0]))
def test_a_non_positive_target_or_weight_is_an_error_beside_its_field(item, value):
    if item.path[0] in ("maturity_levels",) or item.path[-1] == "value":
        value = -1  # a level boundary or an option's score may be 0, not negative
    edited = editing.with_value(START, item.path, value)
    beside, elsewhere = editing.problems_by_field(editing.problems(edited), FIELDS)
    assert item.key in beside, (beside, elsewhere)
    assert all("а" <= ch <= "я" or not ch.isalpha() for ch in beside[item.key].lower())


def test_fixing_the_value_clears_the_error():
    broken = editing.with_value(START, ("parameters", "meetings_target"), -4)
    assert editing.problems(broken) == {
        "parameters.meetings_target": "параметр должен быть положительным числом, а не -4"
    }
    assert editing.problems(editing.with_value(broken, ("parameters", "meetings_target"), 6)) == {}


def test_an_edit_leaves_the_starting_tree_alone():
    editing.with_value(START, ("kpis", 0, "title"), "Другое")
    assert START["kpis"][0]["title"] == BASE.kpis[0].title


def test_what_changed_lists_each_edited_field_with_its_place_and_both_values():
    edited = editing.with_value(START, ("parameters", "meetings_target"), 6)
    edited = editing.with_value(edited, ("kpis", 2, "title"), "Обмен информацией")
    found = editing.changes(START, edited)
    assert [(c.before, c.after) for c in found] == [(4, 6), (BASE.kpis[2].title, "Обмен информацией")]
    assert found[0].place == "Целевые значения и пороги › Целевое число информационных собраний в год"
    assert found[1].place.startswith("Показатели (КПЭ) › 3. ") and found[1].place.endswith("› Название показателя")


def test_a_number_typed_as_it_was_is_not_a_change():
    weight = START["kpis"][0]["components"][0]["weight"]
    assert editing.changes(START, editing.with_value(START, ("kpis", 0, "components", 0, "weight"), int(weight))) == []


def test_a_saved_version_needs_a_version_different_from_the_start_under_the_same_id():
    with pytest.raises(editing.SaveRefused, match="нужна новая версия"):
        editing.saved_tree(START, START, "fnpr-base", "2025.1", extends=None)
    with pytest.raises(editing.SaveRefused, match="Укажите версию"):
        editing.saved_tree(START, START, "mine", " ", extends=None)
    with pytest.raises(editing.SaveRefused, match="Идентификатор"):
        editing.saved_tree(START, START, "../mine", "1", extends=None)


@pytest.mark.slow
@settings(max_examples=examples(10), deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(NUMBER_FIELDS), st.integers(1, 90)),
        min_size=1,
        max_size=4,
        unique_by=lambda edit: edit[0].key,
    )
)
def test_the_extends_file_and_the_full_copy_load_as_the_edited_profile(tmp_path_factory, edits):
    edited = START
    for item, value in edits:
        edited = editing.with_value(edited, item.path, value / 100 if item.path[-1] == "value" else value)
    if editing.problems(edited):
        return  # level boundaries out of order: the editor would not save
    folder = tmp_path_factory.mktemp("saved")
    loaded = []
    for extends in ("fnpr-base", None):
        tree = editing.saved_tree(START, edited, "mine", "2026.1", extends=extends)
        path = folder / f"{extends}.yaml"
        path.write_text(editing.saved_text(tree, START), encoding="utf-8")
        loaded.append(load_profile_file(path))
    small, full = loaded
    assert (small.data.extends, small.data.extends_version) == ("fnpr-base", BASE.version)
    assert small.data.model_copy(update={"extends": None, "extends_version": None}) == full.data
    assert full.data == ProfileFile.model_validate({**edited, "id": "mine", "version": "2026.1"})


def test_the_extends_file_holds_only_the_changes():
    edited = editing.with_value(START, ("parameters", "meetings_target"), 6)
    tree = editing.saved_tree(START, edited, "lipetsk", "1", extends="fnpr-base")
    assert tree == {
        "id": "lipetsk",
        "version": "1",
        "extends": "fnpr-base",
        "extends_version": BASE.version,  # the changes are over this version, not whichever is current
        "parameters": {"meetings_target": 6},
    }
    text = editing.saved_text(tree, START)
    assert text.startswith("# Методика") and yaml.safe_load(text) == tree


def test_a_changed_target_scores_differently(tmp_path):
    edited = editing.with_value(START, ("parameters", "meetings_target"), 8)
    path = tmp_path / "p.yaml"
    path.write_text(
        editing.saved_text(editing.saved_tree(START, edited, "m", "1", extends=None), START), encoding="utf-8"
    )
    mine = load_profile_file(path)
    kpi = next(k for k in BASE.kpis if "'meetings_target'" in repr(k.components))
    question = next(c.sum[0] for c in kpi.components if getattr(c, "sum", None))
    answers = {question: 4}
    assert score(BASE, answers).components[kpi.id] != score(mine, answers).components[kpi.id]


@pytest.mark.parametrize("value, text", [(0.05, "0,05"), (30.0, "30"), (-3, "−3"), (5000, "5000"), (12.5, "12,5")])
def test_a_parameter_reads_as_written_with_a_comma(value, text):
    from maturity.views.numbers import format_parameter

    assert format_parameter(value) == text


def test_a_change_reads_place_before_and_after():
    from maturity.views.profile_changes_text import NO_CHANGES, change_lines

    edited = editing.with_value(START, ("parameters", "funding_target_share"), 0.1)
    assert change_lines(editing.changes(START, edited)) == [
        "Целевые значения и пороги › Целевая доля расходов на информационную работу в бюджете: 0,05 → 0,1"
    ]
    assert change_lines([]) == [NO_CHANGES]


def test_a_rule_about_all_level_boundaries_is_said_beside_the_first_one():
    edited = editing.with_value(START, ("maturity_levels", 0, "from"), 10)
    beside, elsewhere = editing.problems_by_field(editing.problems(edited), FIELDS)
    assert beside == {"maturity_levels.0.from": "границы уровней должны начинаться с 0 и возрастать"}
    assert elsewhere == []


def test_an_error_no_field_shows_is_said_without_internal_names():
    beside, elsewhere = editing.problems_by_field({"organization.level": "варианты не совпадают"}, FIELDS)
    assert beside == {} and elsewhere == ["варианты не совпадают"]


def test_each_kpis_share_of_the_index_is_its_weight_over_the_sum_of_weights():
    assert editing.index_shares(START) == [0.1] * 10  # ten KPIs, every weight left at 1
    doubled = editing.with_value(START, ("kpis", 1, "weight"), 2)
    shares = editing.index_shares(doubled)
    assert shares[1] == 2 / 11 and shares[0] == 1 / 11 and sum(shares) == pytest.approx(1)
    assert editing.index_shares(editing.with_value(START, ("kpis", 0, "weight"), 0)) == [None] * 10


@settings(max_examples=examples(40), deadline=None)
@given(weights=st.lists(st.floats(0.01, 1000, allow_nan=False), min_size=10, max_size=10))
def test_the_shares_of_any_positive_weights_add_up_to_one_in_the_weights_proportion(weights):
    tree = START
    for number, weight in enumerate(weights):
        tree = editing.with_value(tree, ("kpis", number, "weight"), weight)
    shares = editing.index_shares(tree)
    assert sum(shares) == pytest.approx(1)
    assert all(s == pytest.approx(w / sum(weights)) for s, w in zip(shares, weights, strict=True))


def test_only_a_kpis_own_weight_is_a_kpi_weight_field():
    assert editing.kpi_weight_field(field("kpis.3.weight")) == 3
    assert editing.kpi_weight_field(field("kpis.3.components.0.weight")) is None
    assert editing.kpi_weight_field(field("parameters.meetings_target")) is None
