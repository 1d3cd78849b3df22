"""`maturity targets` and `maturity score --json`'s own_targets as a user runs them (a real subprocess), on both
databases (issue 29)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from maturity.engine.own_targets import Decision, OwnTargets
from maturity.exchange.assessment_json import AssessmentDocument, write_assessment_json


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maturity", *args], capture_output=True, text=True, timeout=90)


@pytest.mark.subprocess
def test_targets_prints_the_approved_values_beside_the_federations_and_met_or_not(
    db_url, current_base_profile, example_answers
):
    from maturity.storage.store import open_store
    from maturity.usecases.own_targets import save_targets

    with open_store(db_url) as store:
        org = store.create_organization("ППО «Волга»", "primary")
        store.save_assessment(org, 2026, current_base_profile, example_answers("primary-small.json"))
        save_targets(
            store, org, 2026, {"funding_target_share": 0.06, "trained_per_members": 50},
            Decision("Профком", "3", "2025-12-20"),
        )  # fmt: skip
        uid = org.uid
    run = maturity("targets", "--org", uid, "--year", "2026", "--json", "--db", db_url)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["values"] == {"funding_target_share": 0.06, "trained_per_members": 50.0}
    assert data["decision"] == "Профком № 3 от 20.12.2025"
    assert data["federation"]["funding_target_share"] == 0.05
    # 3 000 ₽ of 120 000 ₽ = 2,5 % < 6 %; 85 members / 50 → 2 trained needed, 1 trained
    assert data["own_targets"] == {
        "funding_target_share": {"target": 0.06, "actual": 0.025, "met": False},
        "trained_per_members": {"target": 2.0, "actual": 1.0, "met": False},
    }
    text = maturity("targets", "--org", uid, "--year", "2026", "--db", db_url)
    assert text.returncode == 0, text.stderr
    assert "Целевые показатели на 2026 год" in text.stdout
    assert "Выполнение утверждённых целевых показателей: 0 из 2" in text.stdout
    assert "6\u00a0%" in text.stdout and "нижняя граница" in text.stdout


@pytest.mark.subprocess
def test_score_json_gives_each_own_target_of_the_file(current_base_profile, example_answers, tmp_path):
    path = tmp_path / "a.json"
    targets = OwnTargets(2026, {"meetings_target": 2, "subscribers_share_target": 0.4}, Decision("Профком"))
    answers = example_answers("primary-small.json") | {"k3.info_meetings": 3}
    write_assessment_json(AssessmentDocument(current_base_profile, 2026, answers, own_targets=targets), path)
    run = maturity("score", str(path), "--json")
    assert run.returncode == 0, run.stderr
    # 40 % of 85 members = 34 subscribers; 40 subscribers
    assert json.loads(run.stdout)["own_targets"] == {
        "meetings_target": {"target": 2.0, "actual": 3.0, "met": True},
        "subscribers_share_target": {"target": 34.0, "actual": 40.0, "met": True},
    }
    text = maturity("score", str(path))
    assert "Выполнение утверждённых целевых показателей: 2 из 2" in text.stdout


@pytest.mark.subprocess
def test_a_file_with_a_target_below_the_floor_is_exit_code_2_with_the_reason(
    current_base_profile, example_answers, tmp_path
):
    path = tmp_path / "a.json"
    data = AssessmentDocument(current_base_profile, 2026, example_answers("primary-small.json")).to_json()
    data["own_targets"] = {"decision": "", "values": {"funding_target_share": 0.01}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = maturity("score", str(path), "--json")
    assert run.returncode == 2 and "нижнюю границу" in run.stderr and "Traceback" not in run.stderr
