"""`maturity score` and `maturity profiles` as a user runs them (a real subprocess)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


# The figures below are derived by hand in the comments; `maturity score --json` must give them.
SMALL = {
    # K1 chair 0.4·60 + designated 20 + plan 0 = 44
    # K2 3 000 / 120 000 = 0.025 → ratio(0.025, 0.05) = 0.5 → 50
    # K3 quarterly 15 + monthly 22.5 + db 15 + ratio(3,4)·15 = 11.25 + 0 = 63.75
    # K4 (30 + 25 + 7.5 + 10/3) / 80 (site n/a: 85 ≤ 5000) = 82.29
    # K5 ratio(1,2)·40 + ratio(2,4)·40 + ratio(4,4)·20 = 60
    # K6 (60/85)/0.8·40 = 35.29 + 4/8·20 = 10 + 5 + 1/1·20 + 5/8.5·10 = 5.88 → 76.18
    # K7 3/6·25 + 1/5·20 + 0 + 0 + 0.7·25 = 12.5 + 4 + 17.5 = 34
    # K8 0.4·20 + 0 + 0.5·15 + 0 + 0 + 0 + 0 + 1/4·10 + 0 = 8 + 7.5 + 2.5 = 18
    # K9 (40/85)/0.5·70 = 65.88 + ratio(2,3)·30 = 20 → 85.88
    # K10 ratio(1, 1)·70 = 70
    "kpis": {
        "k1": 44.0,
        "k2": 50.0,
        "k3": 63.8,
        "k4": 82.3,
        "k5": 60.0,
        "k6": 76.2,
        "k7": 34.0,
        "k8": 18.0,
        "k9": 85.9,
        "k10": 70.0,
    },
    "index": 58.4,  # 584.10 / 10
    "digital_index": 26.0,  # (34 + 18) / 2
    "level": "developing",
    "norms": {
        "n1_funding": "fail",
        "n2_responsible": "pass",
        "n3_email": "fail",
        "n4_chats": "pass",
        "n5_social": "n/a",
        "n6_site": "n/a",
        "n7_stand": "fail",
        "n8_solidarnost": "pass",
        "n9_contacts_db": "pass",
        "n10_body_review": "n/a",
    },
    "completeness": 1.0,
}
SHIPYARD = {
    # sudprof, M = 6200, primary
    # K1 0.9·60 + 20 + 20 = 94;  K2 380 000 / 9 500 000 = 0.04 → 0.8 → 80;  K3 30 + 30 + 15 + 15 + 10 = 100
    # K4 reach 1 ·30 + ER 300/10/1500 = 0.02 → 0.667·25 + 1·15 + 2/3·10
    #    + site (0.6·7/11 + 0.4·4100/6200)·20 = 12.93 → 81.26
    # K5 1·40 + 0.75·40 + 1·20 = 90
    # K6 (3720/6200 = 0.6)/0.8·40 = 30 + 7/8·20 = 17.5 + 10 + 50/62·20 = 16.13 + 310/620·10 = 5 → 78.63
    # K7 25 + 3/5·20 + 0.8·20 + 10 + 25 = 88;  K8 16 + 15 + 7.5 + 7.5 + 5 + 5 + 0 + 7.5 + 5 = 68.5
    # K9 (2100/6200)/0.5·70 = 47.42 + 30 = 77.42;  K10 5/ceil(6.2)=5/7·70 = 50 + 1/2·20 + 10 = 70
    "kpis": {
        "k1": 94.0,
        "k2": 80.0,
        "k3": 100.0,
        "k4": 81.3,
        "k5": 90.0,
        "k6": 78.6,
        "k7": 88.0,
        "k8": 68.5,
        "k9": 77.4,
        "k10": 70.0,
    },
    "index": 82.8,  # 828.06 / 10
    "digital_index": 78.2,  # (88 + 68.5) / 2 = 78.25 → 78.3? no: see test
    "level": "leading",
    "norms": {
        "n1_funding": "fail",
        "n2_responsible": "pass",
        "n3_email": "pass",
        "n4_chats": "pass",
        "n5_social": "pass",
        "n6_site": "pass",
        "n7_stand": "pass",
        "n8_solidarnost": "fail",
        "n9_contacts_db": "pass",
        "n10_body_review": "n/a",
    },
    "completeness": 1.0,
}
SHIPYARD["digital_index"] = 78.3  # (88 + 68.5) / 2 = 78.25, halves round up
TERRITORIAL = {
    # M = 24 000, territorial
    # K3 30 + 0.75·30 + 15 + 15 + 10 = 92.5
    # K4 5400/7200·30 = 22.5 + (540/10/3600 = 0.015)/0.03·25 = 12.5 + 15 + 10 + (0.6 + 0.4·0.75)·20 = 18 → 78
    # K6 (16000/24000)/0.8·40 = 33.33 + 6/8·20 = 15 + 0 + 120/240·20 = 10 + 1200/2400·10 = 5 → 63.33
    # K7 25 + 20 + 20 + 10 + 0.7·25 = 92.5;  K9 (10000/24000)/0.5·70 = 58.33 + 30 = 88.33
    "kpis": {
        "k1": 100.0,
        "k2": 100.0,
        "k3": 92.5,
        "k4": 78.0,
        "k5": 100.0,
        "k6": 63.3,
        "k7": 92.5,
        "k8": 100.0,
        "k9": 88.3,
        "k10": 100.0,
    },
    "index": 91.5,  # 914.67 / 10
    "digital_index": 96.3,  # (92.5 + 100) / 2 = 96.25
    "level": "leading",
    "norms": {
        "n1_funding": "pass",
        "n2_responsible": "pass",
        "n3_email": "pass",
        "n4_chats": "pass",
        "n5_social": "pass",
        "n6_site": "pass",
        "n7_stand": "n/a",
        "n8_solidarnost": "n/a",
        "n9_contacts_db": "pass",
        "n10_body_review": "pass",
    },
    "completeness": 1.0,
}


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("name", "expected"),
    [("primary-small.json", SMALL), ("primary-shipyard.json", SHIPYARD), ("territorial-health.json", TERRITORIAL)],
)
def test_score_json_gives_the_hand_computed_figures(name, expected):
    run = maturity("score", str(EXAMPLES / name), "--json")
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert set(got) == {"kpis", "index", "digital_index", "level", "norms", "completeness"}
    for kpi_id, value in expected["kpis"].items():
        assert got["kpis"][kpi_id] == pytest.approx(value, abs=0.1), kpi_id
    assert got["index"] == pytest.approx(expected["index"], abs=0.1)
    assert got["digital_index"] == pytest.approx(expected["digital_index"], abs=0.1)
    assert got["level"] == expected["level"]
    assert got["norms"] == expected["norms"]
    assert got["completeness"] == expected["completeness"]


@pytest.mark.subprocess
def test_score_without_json_prints_a_russian_table():
    run = maturity("score", str(EXAMPLES / "primary-small.json"))
    assert run.returncode == 0, run.stderr
    assert "K1 Информационная структура" in run.stdout
    assert "Индекс информационной работы и цифровой зрелости: 58,4" in run.stdout
    assert "Уровень: Развивающийся" in run.stdout
    assert "[не выполнен] Электронная рассылка для членов профсоюза" in run.stdout
    assert "Дорожная карта:" in run.stdout


@pytest.mark.subprocess
def test_score_with_another_profile_rescores_the_same_answers():
    # the shipyard under fnpr-base 2025.1: n5_social still passes (6200 > 1000); figures identical (no other change)
    run = maturity(
        "score", str(EXAMPLES / "primary-shipyard.json"), "--profile", "fnpr-base", "--version", "2025.1", "--json"
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["index"] == pytest.approx(82.8, abs=0.1)


@pytest.mark.subprocess
def test_score_version_scores_the_files_answers_with_that_version_of_the_method():
    from base_versions import base_current

    from maturity.engine.rounding import round_figure
    from maturity.engine.scoring import score
    from maturity.engine.validation import clean_answers

    path = EXAMPLES / "primary-small.json"  # it names fnpr-base 2025.1
    run = maturity("score", str(path), "--version", "2026.1", "--json")
    assert run.returncode == 0, run.stderr
    answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
    current = base_current()
    assert json.loads(run.stdout)["kpis"]["k10"] == round_figure(
        score(current, clean_answers(current, answers)).kpis["k10"]
    )
    refused = maturity("score", str(path), "--profile", str(path), "--version", "2026.1")
    assert refused.returncode == 2 and "--version" in refused.stderr and "Traceback" not in refused.stderr


def write(tmp_path, text, name="bad.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def good_document():
    return json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something-else"), "это не файл оценки"),
        (lambda d: d.update(format_version=7), "версия формата 7 не поддерживается"),
        (lambda d: d["questionnaire"].update(id="nope"), "такая методика не установлена"),
        (lambda d: d["questionnaire"].update(version="0.9"), "версия «0.9» этой методики не установлена"),
        (lambda d: d.update(year="2025"), "отчётный год"),
        (lambda d: d["answers"].update({"k9.unknown": 1}), "k9.unknown: неизвестный вопрос"),
        (
            lambda d: d["answers"].update({"k3.info_meetings": -2}),
            "k3.info_meetings: число не может быть отрицательным",
        ),
        (lambda d: d["answers"].update({"k1.structure": "boss"}), "k1.structure: нет такого варианта ответа"),
        (lambda d: d["answers"].update({"profile.info_spending": 999999999}), "profile.info_spending: Расходы"),
    ],
)
def test_score_refuses_a_bad_file_with_exit_2_and_names_the_problem(tmp_path, change, message):
    document = good_document()
    change(document)
    run = maturity("score", write(tmp_path, json.dumps(document, ensure_ascii=False)), "--json")
    assert run.returncode == 2
    assert message in run.stderr
    assert run.stdout == ""


@pytest.mark.subprocess
def test_score_refuses_text_that_is_not_json(tmp_path):
    run = maturity("score", write(tmp_path, "{not json"))
    assert run.returncode == 2
    assert "это не JSON (строка 1" in run.stderr


@pytest.mark.subprocess
def test_score_refuses_a_missing_file_and_a_foreign_kind(tmp_path):
    assert maturity("score", str(tmp_path / "nothing.json")).returncode == 2
    run = maturity("score", write(tmp_path, "a,b", name="data.csv"))
    assert run.returncode == 2
    assert "«.csv»" in run.stderr


@pytest.mark.subprocess
def test_a_missing_questionnaire_version_means_the_current_one(tmp_path):
    document = good_document()
    del document["questionnaire"]["version"]
    run = maturity("score", write(tmp_path, json.dumps(document, ensure_ascii=False)), "--json")
    assert run.returncode == 0, run.stderr


@pytest.mark.subprocess
def test_profiles_lists_the_shipped_profiles():
    run = maturity("profiles")
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert any(line.startswith("fnpr-base\t2025.1\t") for line in lines)
    assert any(line.startswith("sudprof\t2025.1\t") and "на основе fnpr-base" in line for line in lines)


@pytest.mark.subprocess
def test_bad_options_exit_2():
    run = maturity("score")
    assert run.returncode == 2
    assert "ошибка в параметрах" in run.stderr
