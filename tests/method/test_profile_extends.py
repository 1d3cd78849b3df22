"""``extends`` adds and overrides items by id: sections, questions, KPIs, components, norms; other lists replace."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from answer_strategies import answer_sets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.method.extending import NotExpressible, extension_of, merge_extension
from maturity.method.profile import ProfileError, load_profile, load_profile_file

SLOW = settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def write(folder: Path, data: dict, name: str = "ext.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def eleventh_kpi(kpi_id: str, weight: float, target: float) -> dict:
    """A new section with one numeric question and a KPI scoring it against a new parameter."""
    question = f"{kpi_id}.count"
    return {
        "parameters": {f"{kpi_id}_target": target},
        "sections": [
            {
                "id": kpi_id,
                "title": "Новый раздел",
                "questions": [{"id": question, "type": "int", "text": "Сколько раз за год?", "min": 0, "max": 1000}],
            }
        ],
        "kpis": [
            {
                "id": kpi_id,
                "key": "added",
                "title": "Добавленный показатель",
                "weight": weight,
                "components": [
                    {
                        "id": "count",
                        "weight": 1,
                        "kind": "ratio",
                        "sum": [question],
                        "target": {"param": f"{kpi_id}_target"},
                        "advice": "Делайте это чаще.",
                    }
                ],
            }
        ],
    }


# ---------------------------------------------------------------- the merge rules, on plain data


def test_items_with_an_id_merge_by_id_and_new_ids_are_appended():
    base = {"kpis": [{"id": "a", "title": "А", "weight": 1}, {"id": "b", "title": "Б", "weight": 1}]}
    merged = merge_extension(base, {"kpis": [{"id": "b", "weight": 3}, {"id": "c", "title": "В"}]})
    assert merged == {
        "kpis": [
            {"id": "a", "title": "А", "weight": 1},
            {"id": "b", "title": "Б", "weight": 3},
            {"id": "c", "title": "В"},
        ]
    }
    assert base["kpis"][1]["weight"] == 1  # the base is not modified


def test_remove_true_drops_the_item_with_that_id():
    base = {"norms": [{"id": "n1"}, {"id": "n2"}]}
    assert merge_extension(base, {"norms": [{"id": "n1", "remove": True}]}) == {"norms": [{"id": "n2"}]}


def test_lists_without_ids_are_replaced():
    base = {"digital_kpis": ["a", "b"], "kpis": [{"id": "a", "sum": ["x", "y"]}]}
    merged = merge_extension(base, {"digital_kpis": ["a"], "kpis": [{"id": "a", "sum": ["z"]}]})
    assert merged == {"digital_kpis": ["a"], "kpis": [{"id": "a", "sum": ["z"]}]}


def test_a_question_is_added_inside_an_existing_section():
    base = {"sections": [{"id": "s", "questions": [{"id": "s.a", "text": "A"}]}]}
    merged = merge_extension(base, {"sections": [{"id": "s", "questions": [{"id": "s.b", "text": "B"}]}]})
    assert [q["id"] for q in merged["sections"][0]["questions"]] == ["s.a", "s.b"]


plain = st.one_of(st.integers(-5, 5), st.text("аб", max_size=2), st.booleans())
items = st.lists(
    st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "c", "d"]), "x": plain, "y": plain}),
    max_size=4,
    unique_by=lambda item: item["id"],
)
trees = st.fixed_dictionaries({"p": plain, "q": st.dictionaries(st.sampled_from("uvw"), plain), "items": items})


@given(base=trees, edited=trees)
def test_the_extension_of_an_edit_merges_back_into_the_edit(base, edited):
    try:
        override = extension_of(base, edited)
    except NotExpressible:
        return  # a reordering or a dropped key: the editor then saves a full copy
    assert merge_extension(base, override or {}) == edited


@given(base=trees)
def test_an_unchanged_tree_has_no_extension(base):
    assert extension_of(base, base) is None


# ---------------------------------------------------------------- whole profiles


@pytest.mark.slow
@SLOW
@given(
    kpi_id=st.sampled_from(["k11", "k42"]),
    weight=st.floats(0.5, 5),
    target=st.integers(1, 50),
    answers=answer_sets(load_profile("fnpr-base")),
    count=st.integers(0, 1000),
)
def test_an_extension_adding_a_kpi_scores_with_eleven_kpis(tmp_path, kpi_id, weight, target, answers, count):
    extension = {"id": "plus-one", "version": "1", "extends": "fnpr-base", **eleventh_kpi(kpi_id, weight, target)}
    profile = load_profile_file(write(tmp_path, extension))
    base = load_profile("fnpr-base")
    assert [k.id for k in profile.kpis] == [*(k.id for k in base.kpis), kpi_id]
    result = score(profile, {**answers, f"{kpi_id}.count": count})
    assert len(result.kpis) == 11
    assert result.kpis[kpi_id] == pytest.approx(100 * min(count / target, 1))
    before = score(base, answers)
    assert {k: v for k, v in result.kpis.items() if k != kpi_id} == before.kpis


def target_parameters() -> list[str]:
    return [name for name, value in load_profile("fnpr-base").parameters.items() if not isinstance(value, dict)]


@pytest.mark.slow
@SLOW
@given(name=st.sampled_from(target_parameters()), factor=st.sampled_from([0.5, 2, 3]))
def test_overriding_one_target_changes_only_that_target(tmp_path, name, factor):
    base = load_profile("fnpr-base")
    new_value = base.parameters[name] * factor
    extension = {"id": "one-target", "version": "1", "extends": "fnpr-base", "parameters": {name: new_value}}
    profile = load_profile_file(write(tmp_path, extension))
    assert profile.parameters == {**base.parameters, name: new_value}
    assert profile.kpis == base.kpis and profile.sections == base.sections and profile.norms == base.norms


def test_an_extension_overrides_one_kpi_title_and_one_component_weight(tmp_path):
    extension = {
        "id": "titles",
        "version": "1",
        "extends": "fnpr-base",
        "kpis": [{"id": "k3", "title": "Обмен информацией", "components": [{"id": "meetings", "weight": 7}]}],
    }
    base, profile = load_profile("fnpr-base"), load_profile_file(write(tmp_path, extension))
    assert profile.kpi("k3").title == "Обмен информацией"
    changed = [c for c, b in zip(profile.kpi("k3").components, base.kpi("k3").components, strict=True) if c != b]
    assert [(c.id, c.weight) for c in changed] == [("meetings", 7)]
    assert [k for k in profile.kpis if k.id != "k3"] == [k for k in base.kpis if k.id != "k3"]


def test_an_extension_removes_a_norm(tmp_path):
    base = load_profile("fnpr-base")
    gone = base.norms[0].id
    extension = {"id": "fewer", "version": "1", "extends": "fnpr-base", "norms": [{"id": gone, "remove": True}]}
    profile = load_profile_file(write(tmp_path, extension))
    assert [n.id for n in profile.norms] == [n.id for n in base.norms[1:]]


def test_an_added_kpi_with_a_bad_weight_is_refused_naming_the_place(tmp_path):
    added = eleventh_kpi("k11", 1, 5)
    added["kpis"][0]["components"][0]["weight"] = -1
    extension = {"id": "bad", "version": "1", "extends": "fnpr-base", **added}
    with pytest.raises(ProfileError) as error:
        load_profile_file(write(tmp_path, extension))
    assert error.value.where == "kpis.10.components.0.weight"


def test_an_added_component_naming_an_unknown_question_is_refused(tmp_path):
    added = eleventh_kpi("k11", 1, 5)
    added["kpis"][0]["components"][0]["sum"] = ["k11.nothing"]
    extension = {"id": "bad", "version": "1", "extends": "fnpr-base", **added}
    with pytest.raises(ProfileError, match="неизвестный вопрос «k11.nothing»") as error:
        load_profile_file(write(tmp_path, extension))
    assert error.value.where == "kpis.10.components.0.sum.0"


def test_the_example_of_the_format_page_loads_with_an_eleventh_kpi(tmp_path):
    page = (Path(__file__).resolve().parents[2] / "docs" / "profile-format.md").read_text(encoding="utf-8")
    example = next(block for block in page.split("```yaml\n")[1:] if "extends: fnpr-base" in block).split("```")[0]
    path = tmp_path / "lipetsk.yaml"
    path.write_text(example, encoding="utf-8")
    profile, base = load_profile_file(path), load_profile("fnpr-base")
    assert [k.id for k in profile.kpis] == [*(k.id for k in base.kpis), "k11"]
    assert profile.parameters["meetings_target"] == 6 and profile.kpi("k3").components[3].weight == 20
    assert len(profile.norms) == len(base.norms) - 1
    assert "k3.chat" in profile.questions and "k11.newsletters" in profile.questions


def test_a_schema_error_is_said_in_russian_with_its_place(tmp_path):
    added = eleventh_kpi("k11", 1, 5)
    added["kpis"][0]["components"][0]["weight"] = 0
    added["kpis"][0]["components"][0]["kind"] = "ratio"
    extension = {"id": "bad", "version": "1", "extends": "fnpr-base", **added}
    with pytest.raises(ProfileError) as error:
        load_profile_file(write(tmp_path, extension))
    assert error.value.where == "kpis.10.components.0.weight"
    assert error.value.problem.startswith("значение должно быть больше 0 ")


@pytest.mark.parametrize(
    "change, where, problem",
    [
        (
            {"options": [{"id": "yes", "label": "Да", "value": 2}]},
            "options.0.value",
            "значение должно быть не больше 1",
        ),
        ({"text": ""}, "text", "текст пустой или из одних невидимых символов"),
        ({"colour": "red"}, "colour", "такого поля в файле методики не бывает"),
        (
            {"type": "date"},
            "type",
            "допустимые значения: 'bool', 'int', 'number', 'choice', 'multi' или 'text'",
        ),
    ],
)
def test_schema_errors_of_a_question_name_the_field_in_russian(tmp_path, change, where, problem):
    question = {"id": "k11.x", "type": "choice", "text": "Вопрос", **change}
    extension = {"id": "bad", "version": "1", "extends": "fnpr-base",
                 "sections": [{"id": "k11", "title": "Раздел", "questions": [question]}]}  # fmt: skip
    with pytest.raises(ProfileError) as error:
        load_profile_file(write(tmp_path, extension))
    assert error.value.where == f"sections.10.questions.0.{where}"
    assert error.value.problem.split(" (и ещё")[0] == problem
