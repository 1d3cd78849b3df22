"""Versions of the shipped method: 2025.1 stays as it was, new assessments start on 2026.1, files name their
version, and a figure defined differently in the two says so («методика изменилась»)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from base_versions import BASE_2025_1, BASE_2026_1
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.method.catalog import shipped_catalog
from maturity.method.fingerprint import figures_defined_differently, norm_definition
from maturity.method.profile import (
    ProfileError,
    current_shipped_version,
    load_profile,
    profile_from_text,
    shipped_profile_versions,
)

ROOT = Path(__file__).resolve().parents[2]
RECORDED = json.loads((Path(__file__).parent / "data" / "example-figures-2025.1.json").read_text(encoding="utf-8"))


def test_the_shipped_examples_score_under_2025_1_exactly_as_recorded_before_2026_1():
    """The figures of every example under fnpr-base and sudprof 2025.1, recorded on main before the change
    (tools/record_example_figures.py), to the last digit; the texts are the same texts (same sha256)."""
    assert {(r["profile"], r["version"]) for r in RECORDED} == {("fnpr-base", "2025.1"), ("sudprof", "2025.1")}
    for recorded in RECORDED:
        profile = load_profile(recorded["profile"], recorded["version"])
        assert profile.sha256 == recorded["sha256"]
        assert recorded["examples"], "no examples recorded"
        for name, figures in recorded["examples"].items():
            answers = json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))["answers"]
            result = score(profile, clean_answers(profile, answers))
            assert result.index == figures["index"], name
            assert result.digital_index == figures["digital_index"], name
            assert result.level == figures["level"], name
            assert dict(result.kpis) == figures["kpis"], name
            assert {k: dict(v) for k, v in result.components.items()} == figures["components"], name
            assert dict(result.norm_statuses) == figures["norms"], name
            assert result.completeness == figures["completeness"], name


def test_each_shipped_file_names_the_profile_and_version_inside_it():
    for profile_id, version in shipped_profile_versions():
        text = (resources.files("questionnaires") / f"{profile_id}-{version}.yaml").read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
        assert (raw["id"], raw["version"]) == (profile_id, version)
    assert not [p.name for p in resources.files("questionnaires").iterdir() if p.name in ("fnpr-base.yaml",)]


def test_new_assessments_start_on_2026_1_and_2025_1_stays_available():
    assert current_shipped_version("fnpr-base") == BASE_2026_1
    assert load_profile().version == BASE_2026_1
    catalog = shipped_catalog()
    assert catalog.current_entry("fnpr-base").version == BASE_2026_1
    assert catalog.find("fnpr-base").version == BASE_2026_1
    assert catalog.find("fnpr-base", BASE_2025_1).version == BASE_2025_1
    assert catalog.versions("fnpr-base") == [BASE_2025_1, BASE_2026_1]
    assert catalog.find("sudprof").version == BASE_2026_1 and catalog.find("fplo").version == BASE_2026_1


def test_the_stand_rule_is_sudprofs_its_2025_1_definition_kept():
    base_2025, base_2026 = load_profile("fnpr-base", BASE_2025_1), load_profile("fnpr-base", BASE_2026_1)
    sud_2025, sud_2026 = load_profile("sudprof", BASE_2025_1), load_profile("sudprof", BASE_2026_1)
    assert "n7_stand" in {n.id for n in base_2025.norms}  # 2025.1 unchanged
    assert "n7_stand" not in {n.id for n in base_2026.norms}
    assert "n7_stand" not in {n.id for n in load_profile("fplo").norms}
    assert norm_definition(sud_2026, "n7_stand") == norm_definition(sud_2025, "n7_stand") is not None
    assert "n7_stand" not in figures_defined_differently(sud_2025, sud_2026)


def test_each_sudprof_version_extends_the_base_of_its_own_version():
    for version in (BASE_2025_1, BASE_2026_1):
        sudprof, base = load_profile("sudprof", version), load_profile("fnpr-base", version)
        assert sudprof.data.extends == "fnpr-base" and sudprof.data.extends_version == version
        assert set(sudprof.questions) == set(base.questions)
        assert sudprof.parameters["social_threshold"]["primary"] == 500


def test_a_user_file_extending_a_named_base_version_gets_that_version(tmp_path):
    text = 'id: mine\nversion: "1"\nextends: fnpr-base\nextends_version: "2025.1"\ntitle: Моя\n'
    mine = shipped_catalog().validate(text)
    assert set(mine.questions) == set(load_profile("fnpr-base", BASE_2025_1).questions)
    latest = shipped_catalog().validate(text.replace('extends_version: "2025.1"\n', ""))
    assert set(latest.questions) == set(load_profile("fnpr-base").questions)
    assert profile_from_text(text, "моя.yaml").questions.keys() == mine.questions.keys()


def test_2026_1_beside_2025_1_says_methodika_changed_where_the_definitions_differ_and_nowhere_else():
    before, now = load_profile("fnpr-base", BASE_2025_1), load_profile("fnpr-base", BASE_2026_1)
    changed = figures_defined_differently(before, now)
    assert {"k2", "k3", "k4", "k6", "k8", "k10"} <= changed  # components added or reweighed
    assert not changed & {"k1", "k5", "k7", "k9", "index", "level", "digital_index"}
    assert not changed & {n.id for n in now.norms}  # no norm both have was redefined
    assert figures_defined_differently(now, now) == frozenset()


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(
    version=st.one_of(
        st.none(),
        st.sampled_from(["2025.1", "2026.1", "2019.1", "", " ", "../2025.1", "2025.1.yaml"]),
        st.text(max_size=60),
        st.integers(),
        st.lists(st.text(max_size=5), max_size=3),
    )
)
def test_any_extends_version_gives_that_base_or_a_russian_refusal(version):
    data = {"id": "mine", "version": "1", "extends": "fnpr-base", "title": "Моя", "extends_version": version}
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        mine = shipped_catalog().validate(text, "моя.yaml")
    except ProfileError as refusal:
        message = str(refusal)
        assert "Traceback" not in message and len(message) < 2000
        assert any("а" <= ch <= "я" for ch in message.lower())
        assert version not in (None, BASE_2025_1, BASE_2026_1)
    else:
        expected = load_profile("fnpr-base", version if isinstance(version, str) else None)
        assert version in (None, BASE_2025_1, BASE_2026_1)
        assert set(mine.questions) == set(expected.questions)


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(
    options=st.lists(
        st.sampled_from(["primary", "territorial", "association", "union", "nobody", "", "k1"]), max_size=5
    ),
    on=st.sampled_from(["profile.level", "k4.site_exists", "k4.social_pages", "k1.structure"]),
)
def test_a_one_of_condition_names_options_of_a_choice_question_or_is_refused(options, on):
    data = {
        "id": "mine",
        "version": "1",
        "extends": "fnpr-base",
        "extends_version": BASE_2026_1,
        "title": "Моя",
        "sections": [
            {
                "id": "k3",
                "questions": [
                    {
                        "id": "k3.extra",
                        "type": "bool",
                        "text": "Вопрос",
                        "relevant_if": {"question": on, "one_of": options},
                    }
                ],
            }
        ],
    }
    text = yaml.safe_dump(data, allow_unicode=True)
    question = load_profile("fnpr-base", BASE_2026_1).questions[on]
    valid = question.type == "choice" and bool(options) and all(question.option(o) is not None for o in options)
    try:
        mine = shipped_catalog().validate(text, "моя.yaml")
    except ProfileError as refusal:
        assert not valid and "relevant_if" in refusal.where
    else:
        assert valid and mine.questions["k3.extra"].relevant_if.one_of == tuple(options)
