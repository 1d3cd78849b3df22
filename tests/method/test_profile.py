"""Loading profiles: shipped ids, inheritance, and refusals that name the file, the place and the problem."""

from pathlib import Path

import pytest
import yaml

from maturity.method.profile import ProfileError, find_profile, load_profile, load_profile_file, shipped_profile_ids


def test_the_shipped_profiles_load_with_id_and_version_the_newest_when_none_is_named():
    assert {"fnpr-base", "sudprof", "fplo"} <= set(shipped_profile_ids())
    base = load_profile("fnpr-base")
    assert (base.id, base.version) == ("fnpr-base", "2026.1")
    assert (load_profile("fnpr-base", "2025.1").id, load_profile("fnpr-base", "2025.1").version) == (
        "fnpr-base",
        "2025.1",
    )
    assert [k.id for k in base.kpis] == [f"k{i}" for i in range(1, 11)]


def test_the_base_profile_carries_the_method_parameters(base_profile):
    p = base_profile.parameters
    assert p["funding_target_share"] == 0.05
    assert p["social_threshold"] == {"primary": 1000, "territorial": 1000, "association": 1000, "union": 1000}
    assert p["site_threshold"]["union"] == 5000
    assert p["media_targets"]["territorial"] == {"citations": 6, "publications": 12, "materials_up": 12}


def test_sudprof_overrides_only_the_social_threshold(base_profile, sudprof_profile):
    assert sudprof_profile.parameters["social_threshold"]["primary"] == 500
    assert sudprof_profile.parameters["social_threshold"]["territorial"] == 1000
    changed = {k for k in base_profile.parameters if base_profile.parameters[k] != sudprof_profile.parameters[k]}
    assert changed == {"social_threshold"}
    assert sudprof_profile.data.sections == base_profile.data.sections
    assert base_profile.parameters["social_threshold"]["primary"] == 1000  # the base is not modified


def test_an_unknown_version_is_refused(base_profile):
    with pytest.raises(ProfileError, match="версия «1999.1» неизвестна"):
        find_profile("fnpr-base", "1999.1")


def test_an_unknown_profile_id_is_refused():
    with pytest.raises(ProfileError, match="неизвестный профиль"):
        load_profile("no-such-profile")


def shipped_raw() -> dict:
    from importlib import resources

    return yaml.safe_load((resources.files("questionnaires") / "fnpr-base-2025.1.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_federation_can_copy_the_file_and_change_targets(tmp_path):
    data = shipped_raw()
    data["id"], data["parameters"]["meetings_target"] = "lipetsk", 12
    profile = load_profile_file(write(tmp_path, data))
    assert profile.id == "lipetsk"
    assert profile.parameters["meetings_target"] == 12


def test_a_profile_file_can_extend_a_shipped_profile(tmp_path):
    path = write(
        tmp_path, {"id": "mine", "version": "1", "extends": "fnpr-base", "parameters": {"campaigns_target": 5}}
    )
    profile = load_profile_file(path)
    assert profile.parameters["campaigns_target"] == 5
    assert profile.parameters["meetings_target"] == 4


def break_profile(tmp_path, change) -> ProfileError:
    data = shipped_raw()
    change(data)
    with pytest.raises(ProfileError) as error:
        load_profile_file(write(tmp_path, data))
    return error.value


def test_a_component_naming_an_unknown_question_is_refused(tmp_path):
    def change(d):
        d["kpis"][0]["components"][0]["question"] = "k1.nope"

    error = break_profile(tmp_path, change)
    assert error.where == "kpis.0.components.0.question"
    assert "неизвестный вопрос «k1.nope»" in error.problem
    assert "custom.yaml" in str(error)


def test_a_norm_naming_an_unknown_option_is_refused(tmp_path):
    def change(d):
        d["norms"][2]["rule"]["option"] = "fax"

    error = break_profile(tmp_path, change)
    assert error.where == "norms.2.rule.option"
    assert "нет варианта «fax»" in error.problem


@pytest.mark.parametrize("weight", [0, -10])
def test_non_positive_weights_are_refused(tmp_path, weight):
    def change(d):
        d["kpis"][0]["components"][1]["weight"] = weight

    error = break_profile(tmp_path, change)
    assert error.where == "kpis.0.components.1.weight"


def test_a_non_positive_parameter_is_refused(tmp_path):
    def change(d):
        d["parameters"]["meetings_target"] = 0

    assert break_profile(tmp_path, change).where == "parameters.meetings_target"


def test_an_unknown_field_is_refused_with_its_path(tmp_path):
    def change(d):
        d["sections"][1]["questions"][0]["colour"] = "red"

    error = break_profile(tmp_path, change)
    assert error.where == "sections.1.questions.0.colour"


def test_broken_yaml_is_refused_with_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nsections: [\n", encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile_file(path)
    assert "строка" in error.value.where


def _question(data: dict, kind: str) -> dict:
    return next(q for s in data["sections"] for q in s["questions"] if q["type"] == kind)


@pytest.mark.slow
@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: _question(d, "int").update(suggested=["один"]), "только у текстовых вопросов"),
        (lambda d: _question(d, "text").update(suggested=["А", "Б", "А"]), "повторяются ответы"),
        (lambda d: _question(d, "text").update(suggested=[" А"]), "пробелами по краям"),
        (lambda d: _question(d, "text").update(max_length=3, suggested=["Четыре"]), "длиннее max_length (3)"),
    ],
)
def test_a_list_of_usual_answers_is_refused_when_it_cannot_be_answered(tmp_path, change, problem):
    error = break_profile(tmp_path, change)
    assert error.where.endswith(".suggested") and problem in error.problem


def test_the_sector_question_of_the_base_profile_offers_a_list_of_sector_unions(base_profile):
    question = base_profile.question(base_profile.organization_question("sector"))
    assert question.type == "text" and len(question.suggested) >= 10  # any other text stays an answer
