"""`maturity plan` as a user runs it (a real subprocess), on both databases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from maturity.engine.plan import STATUS_LABELS, PlanStep, default_plan, step_title


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maturity", *args], capture_output=True, text=True, timeout=90)


@pytest.mark.subprocess
def test_plan_prints_the_road_map_until_a_plan_is_kept_then_the_kept_plan(db_url, base_profile, example_answers):
    from maturity.storage.store import open_store

    answers = example_answers("primary-small.json")
    with open_store(db_url) as store:
        org = store.create_organization("ППО", "primary")
        store.save_assessment(org, 2025, base_profile, answers)
        uid = org.uid
    road_map = default_plan(base_profile, answers, 2025)
    run = maturity("plan", "--org", uid, "--year", "2025", "--json", "--db", db_url)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["saved"] is False and data["plan"] == [s.to_json() for s in road_map]

    kept = [PlanStep(road_map[0].step, "done", "Иванова", "2026-Q1", "сделано"), PlanStep(road_map[1].step, "dropped")]
    with open_store(db_url) as store:
        store.save_plan(store.find_organization(uid), 2025, kept)
    data = json.loads(maturity("plan", "--org", uid, "--year", "2025", "--json", "--db", db_url).stdout)
    assert data["saved"] is True and data["plan"] == [s.to_json() for s in kept] and data["done_share"] == 1.0
    text = maturity("plan", "--org", uid, "--year", "2025", "--db", db_url)
    assert text.returncode == 0
    assert f"[{STATUS_LABELS['done']}] {step_title(base_profile, kept[0].step)}" in text.stdout
    assert "I кв. 2026" in text.stdout and "Иванова" in text.stdout


@pytest.mark.subprocess
def test_plan_of_an_unknown_organization_or_year_is_exit_code_2(db_url):
    run = maturity("plan", "--org", "нет такой", "--year", "2025", "--db", db_url)
    assert run.returncode == 2 and "не найдена" in run.stderr and "Traceback" not in run.stderr
